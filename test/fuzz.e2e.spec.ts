import fc from 'fast-check';
import type TestAgent from 'supertest/lib/agent';
import { type TestApp, startTestApp } from './support/test-app';

/**
 * Thousands of malformed and hostile requests to every endpoint: each must be
 * answered 4xx as problem+json (never 5xx), and the event log must not change.
 */
type Kind = 'date' | 'amount' | 'enum' | 'text' | 'pin' | 'bool' | 'code' | 'user' | 'payments' | 'subject';
interface Shape {
  method: 'POST' | 'GET';
  path: (id: string) => string;
  valid: Record<string, unknown>;
  fields: Record<string, Kind>;
  role: 'unit-head' | 'department' | 'admin';
}

const hostile = fc.constantFrom(
  "' OR 1=1 --",
  '"; DROP TABLE events; --',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '${jndi:ldap://x}',
  '\u0000\u0001\u202e',
  '{{7*7}}',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  '__proto__',
  'constructor',
);
// Longer than any text field allows (10 000), sometimes over the body limit too.
const huge = fc.integer({ min: 10_001, max: 60_000 }).map((n) => 'å'.repeat(n));
// Never null or an empty list: for an optional field those mean "absent", which is valid.
const wrongType = fc.oneof(
  fc.boolean(),
  fc.array(fc.integer(), { minLength: 1, maxLength: 3 }),
  fc.object({ maxDepth: 1 }).filter((o) => Object.keys(o).length > 0),
  fc.double(),
);

const invalid: Record<Kind, fc.Arbitrary<unknown>> = {
  date: fc.oneof(
    hostile,
    wrongType,
    fc.constantFrom('2018-02-30', '2018-13-01', '18-01-01', '2018-1-1', '2099-01-01T00:00:00Z', '', '0000-00-00'),
  ),
  amount: fc.oneof(
    fc.double({ min: -1e9, max: -0.001, noNaN: true }),
    fc.constantFrom(0.001, 1.005, 12.345, Number.MAX_VALUE, 1e12, -0, NaN),
    fc.constantFrom('100', '1e3', '', '12,50'),
    wrongType,
  ),
  enum: fc.oneof(
    hostile,
    fc.string({ maxLength: 20 }).filter((s) => !['woman', 'man', 'unknown'].includes(s)),
    wrongType,
  ),
  text: fc.oneof(huge, wrongType),
  pin: fc.oneof(
    hostile,
    fc.constantFrom('19811218-9877', '19810230-1234', '8112189876', '20991212-1212', '121212*1212', ''),
    wrongType,
  ),
  bool: fc.constantFrom('true', 'false', 1, 0, 'yes'),
  code: fc.oneof(hostile, fc.constantFrom('atlantis', 'BROMMA', 'bromma ', ''), huge, wrongType),
  user: fc.oneof(hostile, huge, fc.constantFrom('', 'a b', 'x/y'), wrongType),
  payments: fc.oneof(
    wrongType,
    fc.constant([{ paidOn: '2018-02-30', amount: 10 }]),
    fc.constant([{ paidOn: '2018-01-25', amount: -1 }]),
    fc.array(fc.constant({ paidOn: '2018-01-25', amount: 1 }), { minLength: 121, maxLength: 130 }),
  ),
  subject: fc.oneof(
    wrongType,
    fc.constant({ gender: 'x' }),
    fc.constant({ personalIdentityNumber: '19811218-9877' }),
    fc.constant({ name: 'x'.repeat(300), gender: 'man' }),
  ),
};

const shapes: Shape[] = [
  {
    method: 'POST',
    path: () => '/api/cases',
    role: 'unit-head',
    valid: {
      district: 'farsta',
      receivedOn: '2018-02-01',
      source: 'public',
      subject: { gender: 'man' },
      suspectedPayments: [],
      summary: 'x',
    },
    fields: {
      district: 'code',
      receivedOn: 'date',
      source: 'enum',
      subject: 'subject',
      suspectedPayments: 'payments',
      summary: 'text',
    },
  },
  {
    method: 'POST',
    path: (id) => `/api/cases/${id}/assessment`,
    role: 'unit-head',
    valid: { decidedOn: '2018-02-10', decision: 'open-investigation' },
    fields: { decidedOn: 'date', decision: 'enum', reason: 'enum', suspectedCause: 'enum' },
  },
  {
    method: 'POST',
    path: (id) => `/api/cases/${id}/investigation-result`,
    role: 'unit-head',
    valid: { completedOn: '2018-03-01', finding: 'no-incorrect-payment' },
    fields: {
      completedOn: 'date',
      finding: 'enum',
      cause: 'enum',
      incorrectPayments: 'payments',
      intent: 'enum',
      savedAmount: 'amount',
    },
  },
  {
    method: 'POST',
    path: (id) => `/api/cases/${id}/repayment-claims`,
    role: 'unit-head',
    valid: { decidedOn: '2018-03-05', legalBasis: 'SoL 9:1', amount: 1 },
    fields: { decidedOn: 'date', legalBasis: 'enum', amount: 'amount' },
  },
  {
    method: 'POST',
    path: (id) => `/api/cases/${id}/repayment-plan`,
    role: 'unit-head',
    valid: { agreedOn: '2018-03-10', monthlyAmount: 1, firstDueOn: '2018-04-01' },
    fields: { agreedOn: 'date', monthlyAmount: 'amount', firstDueOn: 'date' },
  },
  {
    method: 'POST',
    path: (id) => `/api/cases/${id}/repayments`,
    role: 'unit-head',
    valid: { receivedOn: '2018-04-01', amount: 1, kind: 'claim' },
    fields: { receivedOn: 'date', amount: 'amount', kind: 'enum' },
  },
  {
    method: 'POST',
    path: (id) => `/api/cases/${id}/ability-to-pay`,
    role: 'unit-head',
    valid: { assessedOn: '2018-04-02', able: true },
    fields: { assessedOn: 'date', able: 'bool' },
  },
  {
    method: 'POST',
    path: (id) => `/api/cases/${id}/compensation-suits`,
    role: 'unit-head',
    valid: { filedOn: '2018-04-03', amount: 1 },
    fields: { filedOn: 'date', amount: 'amount' },
  },
  {
    method: 'POST',
    path: (id) => `/api/cases/${id}/compensation-judgments`,
    role: 'unit-head',
    valid: { decidedOn: '2018-05-01', awardedAmount: 1 },
    fields: { decidedOn: 'date', awardedAmount: 'amount' },
  },
  {
    method: 'POST',
    path: (id) => `/api/cases/${id}/police-reports`,
    role: 'unit-head',
    valid: { filedOn: '2018-03-06' },
    fields: { filedOn: 'date' },
  },
  {
    method: 'POST',
    path: (id) => `/api/cases/${id}/waivers`,
    role: 'unit-head',
    valid: { decidedOn: '2018-06-01', reason: 'other', amount: 1 },
    fields: { decidedOn: 'date', reason: 'enum', amount: 'amount' },
  },
  {
    method: 'POST',
    path: (id) => `/api/cases/${id}/assignment`,
    role: 'unit-head',
    valid: { investigator: 'eva.fut' },
    fields: { investigator: 'user' },
  },
  {
    method: 'POST',
    path: (id) => `/api/cases/${id}/transfer`,
    role: 'unit-head',
    valid: { transferredOn: '2018-06-02', toDistrict: 'bromma' },
    fields: { transferredOn: 'date', toDistrict: 'code' },
  },
  {
    method: 'POST',
    path: (id) => `/api/cases/${id}/closure`,
    role: 'unit-head',
    valid: { closedOn: '2018-06-03', reason: 'deceased' },
    fields: { closedOn: 'date', reason: 'enum' },
  },
  {
    method: 'POST',
    path: (id) => `/api/cases/${id}/reopening`,
    role: 'unit-head',
    valid: { reopenedOn: '2018-06-04', reason: 'x' },
    fields: { reopenedOn: 'date', reason: 'text' },
  },
  {
    method: 'POST',
    path: (id) => `/api/cases/${id}/journal`,
    role: 'unit-head',
    valid: { notedOn: '2018-06-05', kind: 'note', text: 'x' },
    fields: { notedOn: 'date', kind: 'enum', text: 'text' },
  },
  {
    method: 'POST',
    path: (id) => `/api/cases/${id}/void`,
    role: 'unit-head',
    valid: { reason: 'duplicate' },
    fields: { reason: 'enum', note: 'text' },
  },
  {
    method: 'POST',
    path: () => '/api/retention/runs',
    role: 'admin',
    valid: { dryRun: true },
    fields: { dryRun: 'bool' },
  },
  {
    method: 'GET',
    path: () => '/api/cases',
    role: 'unit-head',
    valid: {},
    fields: {
      district: 'code',
      status: 'enum',
      receivedFrom: 'date',
      receivedTo: 'date',
      personalIdentityNumber: 'pin',
      page: 'amount',
      pageSize: 'amount',
    },
  },
  {
    method: 'GET',
    path: () => '/api/queues',
    role: 'unit-head',
    valid: {},
    fields: {
      district: 'code',
      overdueAfterDays: 'amount',
      pageSize: 'amount',
      awaitingPreAssessmentPage: 'amount',
      openInvestigationsPage: 'amount',
      investigatedPage: 'amount',
      followUpPage: 'amount',
      notOpenedAwaitingClosingPage: 'amount',
    },
  },
  {
    method: 'GET',
    path: () => '/api/deadlines',
    role: 'unit-head',
    valid: {},
    fields: {
      district: 'code',
      withinDays: 'amount',
      pageSize: 'amount',
      upcomingPage: 'amount',
      pastLimitPage: 'amount',
    },
  },
  {
    method: 'GET',
    path: () => '/api/statistics/annual/2018',
    role: 'department',
    valid: {},
    fields: { knownAt: 'date' },
  },
  {
    method: 'GET',
    path: () => '/api/statistics/trend',
    role: 'department',
    valid: { from: 2014, to: 2018 },
    fields: { from: 'amount', to: 'amount', knownAt: 'date' },
  },
  {
    method: 'GET',
    path: () => '/api/reports/annual/2018',
    role: 'department',
    valid: {},
    fields: { format: 'enum', knownAt: 'date' },
  },
  {
    method: 'GET',
    path: () => '/api/audit',
    role: 'admin',
    valid: {},
    fields: { caseId: 'code', user: 'user', from: 'date', to: 'date', limit: 'amount' },
  },
];

/** In a query string every value is text: numbers and long strings need their own invalid forms (the URL stays under Node's header limit). */
const invalidInQuery: Partial<Record<Kind, fc.Arbitrary<unknown>>> = {
  amount: fc.constantFrom('-1', '1.5', 'abc', '99999999999', '0x10', ' '),
  user: fc.oneof(hostile, fc.constant('u'.repeat(2000)), fc.constantFrom('a b', 'x/y')),
  code: fc.oneof(hostile, fc.constant('d'.repeat(2000)), fc.constantFrom('atlantis', 'BROMMA')),
  text: fc.constant('t'.repeat(2000)),
};

/** A request that breaks at least one rule: a field made invalid, an unknown field, or a body of the wrong shape. */
function hostileRequest(shape: Shape): fc.Arbitrary<{ body: unknown; label: string }> {
  const fieldNames = Object.keys(shape.fields);
  const oneBadField = fc
    .constantFrom(...fieldNames)
    .chain((field) =>
      ((shape.method === 'GET' ? invalidInQuery[shape.fields[field]] : undefined) ?? invalid[shape.fields[field]]).map(
        (value) => ({
          body: { ...shape.valid, [field]: value },
          label: `${field}`,
        }),
      ),
    )
    .filter(({ body, label }) =>
      shape.method === 'GET'
        ? (body as Record<string, unknown>)[label] !== null &&
          typeof (body as Record<string, unknown>)[label] !== 'object'
        : true,
    );
  const unknownField = fc
    .tuple(
      fc.string({ minLength: 1, maxLength: 30 }).filter((k) => !(k in shape.fields) && !['__proto__'].includes(k)),
      fc.oneof(hostile, fc.integer()),
    )
    .map(([k, v]) => ({ body: { ...shape.valid, [k]: v }, label: `unknown ${k}` }));
  const wrongBody = fc
    .oneof(fc.constant(null), fc.array(fc.anything(), { maxLength: 3 }), fc.string(), fc.integer())
    .map((body) => ({ body, label: 'wrong body' }));
  return shape.method === 'GET'
    ? fc.oneof(oneBadField, unknownField)
    : fc.oneof(
        { weight: 4, arbitrary: oneBadField },
        { weight: 1, arbitrary: unknownField },
        { weight: 1, arbitrary: wrongBody },
      );
}

function queryString(body: Record<string, unknown>): string {
  return Object.entries(body)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(typeof v === 'number' ? String(v) : String(v))}`)
    .join('&');
}

let t: TestApp;
let agents: Record<Shape['role'], TestAgent>;
let caseId: string;

beforeAll(async () => {
  t = await startTestApp();
  agents = {
    'unit-head': t.http,
    department: await t.as('doris', 'department', []),
    admin: await t.as('adam', 'admin', []),
  };
  caseId = (
    await t.http
      .post('/api/cases')
      .send({ district: 'farsta', receivedOn: '2018-02-01', source: 'public', subject: { gender: 'woman' } })
  ).body.id;
});
afterAll(() => t.close());

describe('hostile input', () => {
  it.each(shapes.map((s) => [`${s.method} ${s.path(':id')}`, s] as const))(
    '%s: always 4xx problem+json, nothing written',
    async (_, shape) => {
      const before = await t.eventCount();
      await fc.assert(
        fc.asyncProperty(hostileRequest(shape), fc.boolean(), async ({ body, label }, randomId) => {
          const id = randomId && shape.path('x') !== shape.path('y') ? 'not-a-case-id' : caseId;
          const agent = agents[shape.role];
          const res =
            shape.method === 'GET'
              ? await agent.get(`${shape.path(id)}?${queryString(body as Record<string, unknown>)}`)
              : await agent.post(shape.path(id)).set('Content-Type', 'application/json').send(JSON.stringify(body));
          const ok =
            res.status >= 400 &&
            res.status < 500 &&
            /application\/problem\+json/.test(String(res.headers['content-type']));
          if (!ok) throw new Error(`${label}: ${res.status} ${res.text.slice(0, 300)}`);
        }),
        { numRuns: 120, seed: 20181231 },
      );
      expect(await t.eventCount()).toBe(before);
    },
  );
});
