import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `npm run api:check` holds the OpenAPI document to the rules of
 * scripts/openapi-rules.cjs. Here: the published document keeps them, and the
 * three step operations that slipped before (no ETag, no If-Match or
 * Idempotency-Key, no error answers, an untyped success) fail them if put back.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the rules are plain CommonJS, shared with the .mjs script
const { lintDocument } = require('../scripts/openapi-rules.cjs') as {
  lintDocument: (document: unknown) => string[];
};

type Document = { paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, unknown> } };
const published = (): Document =>
  JSON.parse(readFileSync(join(__dirname, '..', 'web', 'src', 'api', 'openapi.json'), 'utf8')) as Document;

/** An operation as the service described it before step operations were made from their declarations. */
const theOldWay = (summary: string, dto: string) => ({
  post: {
    parameters: [{ name: 'id', required: true, in: 'path', schema: { type: 'string' } }],
    requestBody: {
      required: true,
      content: { 'application/json': { schema: { $ref: `#/components/schemas/${dto}` } } },
    },
    responses: {
      '200': { description: '', content: { 'application/json': { schema: { type: 'object' } } } },
      '401': { description: 'No valid bearer token or session' },
      '403': { description: 'The role or district may not do this' },
      '429': { description: 'Too many writes' },
    },
    security: [{ cookie: [] }, { bearer: [] }],
    summary,
  },
});

describe('the OpenAPI rules', () => {
  it('the published document keeps every rule', () => {
    expect(lintDocument(published())).toEqual([]);
  });

  it.each([
    ['/api/cases/{id}/police-report-outcomes', 'PoliceReportOutcomeDto'],
    ['/api/cases/{id}/authority-notifications', 'AuthorityNotificationDto'],
    ['/api/cases/{id}/compensation-suit-decisions', 'CompensationSuitDecisionDto'],
  ])('%s put back the old way fails the check, for each thing that slipped', (path, dto) => {
    const document = published();
    document.paths[path] = theOldWay('A step.', dto);
    const problems = lintDocument(document).filter((p) => p.startsWith(`POST ${path}:`));
    expect(problems).toEqual(
      expect.arrayContaining([
        `POST ${path}: the 200 answer has no description`,
        `POST ${path}: the success schema is an untyped object`,
        `POST ${path}: a case step without the If-Match header`,
        `POST ${path}: a case step without the Idempotency-Key header`,
        `POST ${path}: a case step whose answer has no ETag`,
        ...['400', '404', '409', '412', '422'].map((s) => `POST ${path}: a case step without its ${s} answer`),
      ]),
    );
  });

  it('a step request without examples, or an error answer without its codes, fails it', () => {
    const document = published();
    const schema = document.components.schemas.PoliceReportOutcomeDto as { properties: Record<string, object> };
    for (const property of Object.values(schema.properties)) delete (property as { example?: unknown }).example;
    const op = document.paths['/api/cases/{id}/police-report-outcomes'].post as {
      responses: Record<string, { content: Record<string, { schema: unknown }> }>;
    };
    op.responses['409'].content['application/problem+json'].schema = { $ref: '#/components/schemas/ProblemDto' };
    expect(lintDocument(document)).toEqual(
      expect.arrayContaining([
        "POST /api/cases/{id}/police-report-outcomes: the request's field decidedOn has no example",
        'POST /api/cases/{id}/police-report-outcomes: the 409 answer does not enumerate its problem codes',
      ]),
    );
  });
});
