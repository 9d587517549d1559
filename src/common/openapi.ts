import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiHeader, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ProblemDto } from './problem.dto';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request: `errors` names each wrong field',
  401: 'No valid bearer token or session',
  403: 'The role or district may not do this, or the CSRF token is missing',
  404: 'No such resource, or one the caller may not see',
  409: 'The step conflicts with the case as it stands',
  412: 'If-Match names an older version: the case has changed (stale-version)',
  413: 'Too large: the body, or an import file past a limit (import-limit-exceeded; `limit` names it)',
  422: 'A business rule refuses the step; `code` says which',
  429: 'Too many writes',
};

/** The problem+json answers an operation can give, beside 401 and 429 which every protected one can. */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDto),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Error',
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } },
      }),
    ),
  );
}

/** Headers of every case step: optimistic concurrency and safe retries. */
export function ApiCaseStepHeaders(): MethodDecorator {
  return applyDecorators(
    ApiHeader({
      name: 'If-Match',
      required: false,
      description: 'The ETag (version) the change was made on; a newer case answers 412 stale-version',
    }),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'A retry with the same key gets the first answer back and writes nothing',
    }),
  );
}

/**
 * The problem+json answers an operation can give, each status with the codes
 * it can carry (enumerated in the schema, so a client can switch on them).
 */
export function ApiProblemCodes(codes: Record<number, readonly string[]>): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDto),
    ...Object.entries(codes).map(([status, list]) =>
      ApiResponse({
        status: Number(status),
        description: `${DESCRIPTIONS[Number(status)] ?? 'Error'}. Codes: ${list.join(', ')}`,
        content: {
          'application/problem+json': {
            schema: {
              allOf: [
                { $ref: getSchemaPath(ProblemDto) },
                { type: 'object', properties: { code: { type: 'string', enum: [...list] } } },
              ],
            },
          },
        },
      }),
    ),
  );
}
