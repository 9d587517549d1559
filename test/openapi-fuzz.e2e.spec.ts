import fc from 'fast-check';
import type TestAgent from 'supertest/lib/agent';
import type { OpenAPIObject } from '@nestjs/swagger';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Consistency } from '../src/infrastructure/consistency.service';
import { ProjectionRunner } from '../src/projections/projection-runner';
import { type TestApp, startTestApp } from './support/test-app';

/**
 * Every JSON write operation of the service's own OpenAPI document gets
 * generated bodies: valid ones (so cases move through their steps) and ones
 * broken in one place (wrong types, nulls, nested empty lists, boundaries,
 * unknown fields, the wrong body altogether). The test fails on any 5xx, on a
 * 4xx that is not problem+json, and on any accepted write that a read model
 * then cannot apply or a case that can no longer be read.
 *
 * Bounded in time: FUZZ_SECONDS (default 30); FUZZ_SEED repeats a run.
 * `FUZZ_SECONDS=600 npx jest test/openapi-fuzz` is the long run.
 */
const SECONDS = Number(process.env.FUZZ_SECONDS ?? 30);
const SEED = Number(process.env.FUZZ_SEED ?? 20181231);
const TODAY = '2019-06-28';

type Schema = {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  maxItems?: number;
  pattern?: string;
  allOf?: Schema[];
};
type Document = OpenAPIObject;

/**
 * The document as the built service publishes it (`npm run api:check` fails when
 * it is out of date): under ts-jest the Swagger compiler plugin that adds the
 * DTOs' fields does not run, so the app's own document would have empty bodies.
 */
const published = (): Document =>
  JSON.parse(readFileSync(join(__dirname, '..', 'web', 'src', 'api', 'openapi.json'), 'utf8')) as Document;
type Role = 'unit-head' | 'department' | 'admin' | 'public';

interface Operation {
  method: 'post' | 'put' | 'patch' | 'delete';
  path: string;
  schema: Schema;
  role: Role;
}

function resolver(doc: Document) {
  const resolve = (s: Schema | undefined): Schema => {
    if (!s) return {};
    if (s.$ref) return resolve((doc.components?.schemas ?? {})[s.$ref.split('/').pop()!] as Schema);
    if (s.allOf) return s.allOf.map(resolve).reduce((a, b) => ({ ...a, ...b }), {});
    return s;
  };
  return resolve;
}

/** Who may call a path: the role the service requires there. */
function roleOf(path: string): Role {
  if (path.startsWith('/api/auth')) return 'public';
  if (/^\/api\/(districts|retention|event-corrections)/.test(path)) return 'admin';
  if (/^\/api\/(reports|statistics)/.test(path)) return 'department';
  return 'unit-head';
}

function writeOperations(doc: Document): Operation[] {
  const resolve = resolver(doc);
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of ['post', 'put', 'patch', 'delete'] as const) {
      const op = (item as Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> } }>)[method];
      const json = op?.requestBody?.content?.['application/json'];
      if (!op || !json) continue;
      ops.push({ method, path, schema: resolve(json.schema), role: roleOf(path) });
    }
  }
  return ops;
}

// ---- values -------------------------------------------------------------------------------

const dayIn = (from: string, to: string) => {
  const start = Date.parse(`${from}T00:00:00Z`);
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - start) / 86_400_000);
  return fc.integer({ min: 0, max: days }).map((n) => new Date(start + n * 86_400_000).toISOString().slice(0, 10));
};
/** Steps fall after the ladder's own (May 2019), so a valid body is often accepted. */
const stepDay = dayIn('2019-06-01', TODAY);
const kronor = fc.oneof(fc.constantFrom(1, 100, 4500, 12_345.5), fc.integer({ min: 1, max: 20_000 }));
const subject = fc.oneof(
  fc.record({ gender: fc.constantFrom('woman', 'man', 'unknown') }),
  fc.record(
    { personalIdentityNumber: fc.constantFrom('19811218-9876', '197712314561'), name: fc.constant('Åsa Öberg') },
    { requiredKeys: ['personalIdentityNumber'] },
  ),
);

/** A value of the right type, with names telling what a field holds (dates end in On, amounts in amount). */
function valid(schema: Schema, name: string, resolve: (s: Schema) => Schema): fc.Arbitrary<unknown> {
  const s = resolve(schema);
  if (name === 'subject') return subject;
  if (s.enum) return fc.constantFrom(...s.enum);
  switch (s.type) {
    case 'object': {
      const props = s.properties ?? {};
      const required = new Set(s.required ?? []);
      // Fields that only fit some bodies (the notifying authority with its source) are sent seldom.
      const entries = Object.entries(props)
        .filter(([k]) => k !== 'notifyingAuthority')
        .map(([k, v]) => [k, valid(v, k, resolve)] as const);
      return fc.record(Object.fromEntries(entries), {
        requiredKeys: [...required].filter((k) => k in props),
      });
    }
    case 'array':
      if (name === 'payments') return fc.array(fc.integer({ min: 0, max: 1 }), { maxLength: 1 });
      return fc.array(valid(s.items ?? {}, name, resolve), { maxLength: Math.min(3, s.maxItems ?? 3) });
    case 'boolean':
      return fc.boolean();
    case 'integer':
    case 'number':
      if (/amount/i.test(name)) return kronor;
      if (name === 'page') return fc.constant(1);
      return fc.integer({ min: s.minimum ?? 0, max: Math.min(s.maximum ?? 1000, 1000) });
    case 'string':
    default:
      if (name === 'receivedOn') return dayIn('2018-01-01', '2019-05-01');
      if (name === 'paidOn') return dayIn('2016-08-01', '2017-12-31');
      if (name === 'grantedOn') return dayIn('2016-01-01', '2016-07-31');
      if (/On$|^(from|to)$/.test(name)) return stepDay;
      if (/district/i.test(name)) return fc.constantFrom('farsta', 'bromma', 'rinkeby-kista');
      if (name === 'investigator' || name === 'user') return fc.constantFrom('anna.utredare', 'eva.fut');
      if (name === 'claimId') return fc.constantFrom('1', '2');
      if (name === 'personalIdentityNumber') return fc.constantFrom('19811218-9876', '197712314561');
      if (name === 'role') return fc.constantFrom('investigator', 'unit-head', 'department', 'admin');
      if (name === 'prefix') return fc.constantFrom('FA', 'NY');
      if (name === 'code') return fc.constantFrom('ny-stadsdel', 'farsta');
      return fc.constantFrom('Uppgift från handläggaren.', 'x', 'Åsa Öberg');
  }
}

/** Values that are wrong for any field, or wrong at the edges of this one. */
function hostile(schema: Schema, resolve: (s: Schema) => Schema): fc.Arbitrary<unknown> {
  const s = resolve(schema);
  const everywhere = fc.constantFrom<unknown>(
    null,
    [],
    [[]],
    [null],
    {},
    [{}],
    '',
    ' ',
    true,
    0,
    -1,
    1e308,
    '__proto__',
  );
  const edges: unknown[] = [];
  if (s.type === 'number' || s.type === 'integer') {
    edges.push((s.minimum ?? 0) - 1, (s.maximum ?? 1e9) + 1, 0.001, -0.01, Number.MAX_SAFE_INTEGER + 2, '12', '1e3');
  }
  if (s.type === 'string') {
    edges.push('x'.repeat((s.maxLength ?? 10_000) + 1), '2018-02-30', '0018-01-01', '2100-12-31', '\u0000', '\u202e');
  }
  if (s.type === 'array') {
    edges.push(
      Array.from({ length: (s.maxItems ?? 500) + 1 }, () => ({})),
      [[[]]],
      [{ paidOn: null, amount: null }],
    );
  }
  if (s.enum) edges.push('not-in-the-list', String(s.enum[0]).toUpperCase());
  const nested = fc.letrec((tie) => ({
    deep: fc.oneof({ depthSize: 'small' }, fc.constant([] as unknown), fc.array(tie('deep'), { maxLength: 2 })),
  })).deep;
  return edges.length > 0 ? fc.oneof(everywhere, fc.constantFrom(...edges), nested) : fc.oneof(everywhere, nested);
}

/** A valid body with one place broken: a field (at any depth), an extra field, or the body itself. */
function brokenBody(schema: Schema, resolve: (s: Schema) => Schema): fc.Arbitrary<{ body: unknown; where: string }> {
  return valid(schema, 'body', resolve).chain((body) => {
    const places: Array<{ path: Array<string | number>; schema: Schema }> = [];
    const walk = (value: unknown, s: Schema, path: Array<string | number>): void => {
      const r = resolve(s);
      places.push({ path, schema: r });
      if (r.type === 'object')
        for (const [k, v] of Object.entries(r.properties ?? {}))
          walk((value as Record<string, unknown> | undefined)?.[k], v, [...path, k]);
      if (r.type === 'array' && Array.isArray(value))
        value.forEach((item, i) => walk(item, r.items ?? {}, [...path, i]));
    };
    walk(body, schema, []);
    const setAt = (path: Array<string | number>, v: unknown): unknown => {
      if (path.length === 0) return v;
      const copy = (Array.isArray(body) ? [...body] : { ...(body as object) }) as Record<string | number, unknown>;
      let at: Record<string | number, unknown> = copy;
      for (const key of path.slice(0, -1)) {
        const next = at[key];
        at[key] = Array.isArray(next) ? [...next] : typeof next === 'object' && next !== null ? { ...next } : {};
        at = at[key] as Record<string | number, unknown>;
      }
      at[path[path.length - 1]] = v;
      return copy;
    };
    return fc.oneof(
      {
        weight: 6,
        arbitrary: fc.constantFrom(...places).chain((place) =>
          hostile(place.schema, resolve).map((v) => ({
            body: setAt(place.path, v),
            where: place.path.join('.') || 'body',
          })),
        ),
      },
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.constantFrom('extra', 'amountOre', 'caseId', 'constructor'), fc.anything({ maxDepth: 1 }))
          .map(([k, v]) => ({ body: setAt([k], v), where: `unknown ${k}` })),
      },
      { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }).map((b) => ({ body: b, where: 'whole body' })) },
    );
  });
}

// ---- the run --------------------------------------------------------------------------------

let t: TestApp;
let agents: Record<Role, TestAgent>;

/**
 * Cases in each state a step can meet (registered, in investigation,
 * investigated, with a claim, a plan, a suit, a judgment with legal force, a police report, closed), so a
 * broken body reaches the step it breaks and not only "not in this state".
 */
async function ladder(): Promise<string[]> {
  const http = t.http;
  const ids: string[] = [];
  const steps: Array<[string, object]> = [
    ['assessment', { decidedOn: '2019-05-02', decision: 'open-investigation', suspectedCause: 'unreported-income' }],
    [
      'investigation-result',
      {
        completedOn: '2019-05-03',
        finding: 'incorrect-payment',
        cause: 'unreported-income',
        intent: 'intentional',
        incorrectPayments: [
          { paidOn: '2017-01-25', amount: 4500, grantedOn: '2017-01-10' },
          { paidOn: '2017-02-24', amount: 3000, grantedOn: '2017-02-10' },
        ],
      },
    ],
    ['repayment-claims', { decidedOn: '2019-05-04', legalBasis: 'SoL 9:1', amount: 7500 }],
    ['repayment-plan', { agreedOn: '2019-05-05', monthlyAmount: 500, firstDueOn: '2019-06-01' }],
    ['police-reports', { filedOn: '2019-05-06' }],
    ['ability-to-pay', { assessedOn: '2019-05-07', able: true }],
    ['compensation-suit-decisions', { decidedOn: '2019-05-08' }],
    ['compensation-suits', { filedOn: '2019-05-09', amount: 1000 }],
    ['compensation-judgments', { decidedOn: '2019-05-10', awardedAmount: 1000 }],
    ['judgment-legal-force', { legalForceOn: '2019-06-01' }],
  ];
  for (let depth = 0; depth <= steps.length; depth++) {
    const res = await http.post('/api/cases').send({
      district: 'farsta',
      receivedOn: '2019-05-01',
      source: 'caseworker',
      subject: { gender: depth % 2 ? 'man' : 'woman' },
      suspectedPayments: [{ paidOn: '2017-01-25', amount: 4500 }],
    });
    const id = res.body.id as string;
    for (const [path, body] of steps.slice(0, depth)) {
      const step = await http.post(`/api/cases/${id}/${path}`).send(body);
      if (step.status !== 200) throw new Error(`ladder ${path}: ${step.status} ${step.text}`);
    }
    ids.push(id);
  }
  return ids;
}

beforeAll(async () => {
  t = await startTestApp();
  agents = {
    'unit-head': t.http,
    department: await t.as('doris', 'department', []),
    admin: await t.as('adam', 'admin', []),
    public: t.http,
  };
  // eva.fut works in Farsta: a known investigator to give cases to.
  await (await t.as('eva.fut', 'investigator', ['farsta'])).get('/api/cases');
});
afterAll(() => t.close());

it(
  `every JSON write of the OpenAPI document, ${SECONDS} s of generated bodies: no 5xx, nothing the read models cannot apply`,
  async () => {
    const doc = published();
    const resolve = resolver(doc);
    const operations = writeOperations(doc);
    expect(operations.length).toBeGreaterThan(20);
    const cases: string[] = await ladder();
    // Registration more often, voiding seldom: cases are used up as fast as they are made otherwise.
    const weighted = operations.flatMap((op) =>
      op.path === '/api/cases' ? [op, op, op] : op.path.endsWith('/void') && op.method === 'post' ? [] : [op],
    );
    const voiding = operations.filter((op) => op.path.endsWith('/void'));
    const consistency = t.app.get(Consistency);
    const runner = t.app.get(ProjectionRunner);
    const tally = { requests: 0, accepted: 0, refused: 0, byOperation: new Map<string, number>() };
    const deadline = Date.now() + SECONDS * 1000;
    for (let round = 0; Date.now() < deadline; round++) {
      const seed = SEED + round;
      if (round > 0 && round % 300 === 0) cases.push(...(await ladder()));
      const [op] = fc.sample(
        fc.oneof(
          { weight: 30, arbitrary: fc.constantFrom(...weighted) },
          { weight: 1, arbitrary: fc.constantFrom(...voiding) },
        ),
        { seed, numRuns: 1 },
      );
      const [{ body, where }] = fc.sample(
        fc.oneof(
          { weight: 2, arbitrary: valid(op.schema, 'body', resolve).map((b) => ({ body: b, where: 'valid' })) },
          { weight: 3, arbitrary: brokenBody(op.schema, resolve) },
        ),
        { seed, numRuns: 1 },
      );
      const [pick] = fc.sample(fc.nat(), { seed, numRuns: 1 });
      const caseId =
        cases.length > 0 && pick % 10 !== 0 ? cases[pick % cases.length] : '00000000-0000-4000-8000-000000000000';
      const url = op.path
        .replace('{id}', caseId)
        .replace('{year}', String(2016 + (pick % 4)))
        .replace('{district}', ['farsta', 'bromma', 'hagersten-alvsjo'][pick % 3]);
      const res = await agents[op.role]
        [op.method](url)
        .set('Content-Type', 'application/json')
        .send(JSON.stringify(body));
      tally.requests++;
      const label = `${op.method.toUpperCase()} ${op.path} (${where}, seed ${seed}) ${JSON.stringify(body)?.slice(0, 300)}`;
      if (res.status >= 500) throw new Error(`${res.status} for ${label}: ${res.text.slice(0, 400)}`);
      if (res.status >= 400) {
        tally.refused++;
        if (!/application\/problem\+json/.test(String(res.headers['content-type'])))
          throw new Error(`${res.status} without problem+json for ${label}`);
        continue;
      }
      tally.accepted++;
      tally.byOperation.set(op.path, (tally.byOperation.get(op.path) ?? 0) + 1);
      if (op.path === '/api/cases' && res.status === 201) cases.push(res.body.id as string);
      // Whatever was accepted, every read model can apply it, and the case can still be read.
      try {
        await consistency.readYourWrites('case-list', 'statistics', 'staff');
      } catch (error) {
        throw new Error(
          `accepted ${label}, then a read model could not follow: ${JSON.stringify(runner.status())} ${String(error)}`,
        );
      }
      if (op.path.includes('{id}')) {
        for (const read of [`/api/cases/${caseId}`, `/api/cases/${caseId}/history`]) {
          const after = await t.http.get(read);
          if (after.status !== 200)
            throw new Error(`accepted ${label}, then ${read} answered ${after.status}: ${after.text.slice(0, 300)}`);
        }
      }
    }
    // A run that accepts nothing tests only the edge: the valid bodies must reach the decider and the log.
    expect(tally.accepted).toBeGreaterThan(10);
    expect(runner.status().every((p) => p.state !== 'failed')).toBe(true);
    process.stdout.write(
      `openapi fuzz: ${tally.requests} requests over ${operations.length} operations in ${SECONDS} s, ${tally.accepted} accepted, ${tally.refused} refused; accepted per path: ${JSON.stringify(Object.fromEntries(tally.byOperation))}\n`,
    );
  },
  (SECONDS + 120) * 1000,
);
