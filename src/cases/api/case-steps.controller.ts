import { Body, Controller, Headers, HttpCode, Param, Post, Req, Res, type Type, applyDecorators } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Audited } from '../../audit/audit.interceptor';
import { type AuthenticatedRequest, Roles } from '../../auth/auth.decorators';
import { createValidationPipe } from '../../common/validation';
import { ApiCaseStepHeaders, ApiProblemCodes, ApiProblems } from '../../common/openapi';
import { Problem } from '../../common/problem';
import { DistrictRegister } from '../../districts/district-register';
import { IdempotencyKeys } from '../application/idempotency';
import { problemOf, RunCaseCommand } from '../application/case-command-handlers';
import { CommandResultDto } from './case-responses.dto';
import { ETAG_HEADER, requestMeta, sendAnswer } from './request-meta';
import { isUuid } from '../../common/ids';
import { requestClassOf } from './step-requests';
import type { Refusal } from '../domain/step';
import { ROUTED_STEPS, type CaseCommand, type RoutedStep } from '../steps';
import { COMMON_REFUSALS } from '../domain/refusals';

type HttpCaseStep = RoutedStep;
const HTTP_STEPS = ROUTED_STEPS;

/** Each step's request class, made once from its declared fields. */
export const STEP_REQUESTS = new Map(HTTP_STEPS.map((s) => [s.id, requestClassOf(s)]));

/** The codes a step's operation answers with, by status: the common refusals, the step's own and the edge's. */
export function problemCodesOf(steps: readonly HttpCaseStep[]): Record<number, string[]> {
  const refusals: Record<string, Refusal> = { ...COMMON_REFUSALS };
  for (const step of steps) Object.assign(refusals, step.refusals);
  const of = (kind: Refusal[0]) =>
    Object.entries(refusals)
      .filter(([, [k]]) => k === kind)
      .map(([code]) => code);
  return {
    400: ['invalid-request'],
    404: ['not-found'],
    409: [...of('conflict'), 'idempotency-key-reused'],
    412: ['stale-version'],
    422: of('rule'),
  };
}

const VALIDATION = createValidationPipe();

const camel = (id: string): string => id.replace(/-([a-z])/g, (_: string, c: string) => c.toUpperCase());

/**
 * The case steps over HTTP, one operation per step, made from the steps'
 * declarations: POST /api/cases/{id}/<route> with the step's request, If-Match
 * and Idempotency-Key, answered with the case's new version and ETag, and the
 * step's refusals as problem+json (each status with its codes in the
 * OpenAPI document). The same generic path serves every step: the body's
 * command through the command bus to the decider. The screens post to
 * POST /api/cases/{id}/steps/{step}, the same for each step.
 */
@ApiTags('cases')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiProblems(401, 403, 429)
@Roles('investigator', 'unit-head')
@Controller('cases')
class CaseStepsController {
  constructor(
    readonly commandBus: CommandBus,
    readonly districts: DistrictRegister,
    readonly idempotency: IdempotencyKeys,
  ) {}

  /**
   * Take the step `step` (its id, as the case view lists it) on the case: the
   * same as its own route, for a client that offers the steps a case allows
   * from the case view (the screens), with the body the step's form holds.
   */
  @Post(':id/steps/:step')
  @HttpCode(200)
  @ApiParam({
    name: 'step',
    description: "The step's id, as `steps[].id` in the case view",
    enum: HTTP_STEPS.map((s) => s.id),
  })
  @ApiBody({
    description: "The step's request, as its own route takes it (see that operation's schema)",
    schema: { type: 'object', additionalProperties: true },
  })
  @ApiCaseStepHeaders()
  @ApiOkResponse({ type: CommandResultDto, headers: ETAG_HEADER, description: 'The step is recorded' })
  @ApiProblemCodes(problemCodesOf(HTTP_STEPS))
  @Audited((request) => `case.${HTTP_STEPS.find((s) => s.id === request.params?.step)?.http.route ?? 'step'}`)
  async step(
    @Param('id') id: string,
    @Param('step') stepId: string,
    @Body() raw: unknown,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
    @Headers() headers: Record<string, string | undefined>,
  ): Promise<Record<string, unknown>> {
    const step = HTTP_STEPS.find((s) => s.id === stepId);
    if (!step) throw Problem.notFound(`No step ${stepId}; the case view lists the steps a case allows`);
    if (step.actors === 'unit-heads' && req.principal?.role !== 'unit-head')
      throw new Problem(403, 'forbidden', 'Forbidden', `The role ${req.principal?.role} may not take this step.`);
    // The same validation as the step's own route: its request class through the service's pipe.
    const body = (await VALIDATION.transform(raw, { type: 'body', metatype: STEP_REQUESTS.get(step.id) })) as object;
    return this.take(step, id, body, req, res, headers);
  }

  /** Runs one step on a case: its body to its command, through the decider. */
  async take(
    step: HttpCaseStep,
    id: string,
    body: object,
    req: Request,
    res: Response,
    headers: Record<string, string | undefined>,
  ): Promise<Record<string, unknown>> {
    if (!isUuid(id)) throw Problem.notFound('No such case');
    let data: unknown;
    try {
      const principal = (req as AuthenticatedRequest).principal;
      data = step.http.toCommand(body as never, {
        district: (code) => this.districts.get(code),
        // Who records the step: a decision that names no decision-maker is theirs (decision-maker.ts).
        ...(principal ? { caller: { user: principal.user, role: principal.role } } : {}),
      });
    } catch (error) {
      throw problemOf(error);
    }
    const command = { type: step.command, data } as Omit<CaseCommand, 'today'>;
    const answer = await this.commandBus.execute(
      new RunCaseCommand(id, command as never, requestMeta(req, req.body, headers, this.idempotency)),
    );
    return sendAnswer(res, answer);
  }
}

/** A route handler's parameters, as Nest reads them from its decorators: id, body, request, response, headers. */
function declareParameters(prototype: object, method: string, body: Type | typeof Object): void {
  Param('id')(prototype, method, 0);
  Body()(prototype, method, 1);
  Req()(prototype, method, 2);
  Res({ passthrough: true })(prototype, method, 3);
  Headers()(prototype, method, 4);
  Reflect.defineMetadata('design:paramtypes', [String, body, Object, Object, Object], prototype, method);
}

for (const step of HTTP_STEPS) {
  const method = camel(step.id);
  const dto = STEP_REQUESTS.get(step.id)!;
  const prototype = CaseStepsController.prototype as unknown as Record<string, unknown>;
  const handler = async function (
    this: CaseStepsController,
    id: string,
    body: object,
    req: Request,
    res: Response,
    headers: Record<string, string | undefined>,
  ) {
    return this.take(step, id, body, req, res, headers);
  };
  // Nest and the OpenAPI explorer find a handler's parameters by its name.
  Object.defineProperty(handler, 'name', { value: method });
  prototype[method] = handler;
  const descriptor = Object.getOwnPropertyDescriptor(prototype, method)!;
  applyDecorators(
    Post(`:id/${step.http.route}`),
    HttpCode(200),
    ApiOperation({
      summary: step.http.summary,
      operationId: `cases${method.charAt(0).toUpperCase()}${method.slice(1)}`,
    }),
    ApiBody({ type: dto }),
    ApiCaseStepHeaders(),
    ApiOkResponse({ type: CommandResultDto, headers: ETAG_HEADER, description: 'The step is recorded' }),
    ApiProblemCodes(problemCodesOf([step])),
    Audited(`case.${step.http.route}`),
    ...(step.actors === 'unit-heads' ? [Roles('unit-head')] : []),
  )(prototype, method, descriptor);
  declareParameters(prototype, method, dto);
}

export { CaseStepsController };
