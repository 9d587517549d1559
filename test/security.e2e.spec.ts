import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type TestAgent from 'supertest/lib/agent';
import request from 'supertest';
import { AuditLog } from '../src/audit/audit-log';
import { SessionStore } from '../src/session/session-store';
import { SESSION_COOKIE } from '../src/session/session.constants';
import type { Role } from '../src/auth/principal';
import { type TestApp, startTestApp } from './support/test-app';

const PIN = '19811218-9876';
const PIN_FORMS = ['198112189876', '19811218-9876', '811218-9876'];
const NAME = 'Kalle Anka Testsson';

type Method = 'GET' | 'POST';
interface Endpoint {
  method: Method;
  path: string;
  body?: object;
  roles: Role[];
}

const caseEndpoints = (id: string): Endpoint[] => {
  const both: Role[] = ['investigator', 'unit-head'];
  const cmd = (step: string, body: object, roles: Role[] = both): Endpoint => ({
    method: 'POST',
    path: `/api/cases/${id}/${step}`,
    body,
    roles,
  });
  return [
    { method: 'GET', path: `/api/cases/${id}`, roles: both },
    { method: 'GET', path: `/api/cases/${id}/history`, roles: both },
    cmd('assessment', { decidedOn: '2018-02-10', decision: 'open-investigation' }),
    cmd('investigation-result', {
      completedOn: '2018-03-01',
      finding: 'incorrect-payment',
      cause: 'other',
      incorrectPayments: [{ paidOn: '2018-01-25', amount: 100 }],
    }),
    cmd('repayment-claims', { decidedOn: '2018-03-05', legalBasis: 'SoL 9:1', amount: 100 }),
    cmd('repayment-plan', { agreedOn: '2018-03-10', monthlyAmount: 10, firstDueOn: '2018-04-01' }),
    cmd('repayments', { receivedOn: '2018-04-01', amount: 10, kind: 'claim' }),
    cmd('ability-to-pay', { assessedOn: '2018-04-02', able: true }),
    cmd('compensation-suit-decisions', { decidedOn: '2018-04-03' }),
    cmd('compensation-suits', { filedOn: '2018-04-03', amount: 10 }),
    cmd('compensation-judgments', { decidedOn: '2018-05-01', awardedAmount: 10 }),
    cmd('police-reports', { filedOn: '2018-03-06' }),
    cmd('police-report-outcomes', { decidedOn: '2018-03-07', outcome: 'investigation-opened' }),
    cmd('authority-notifications', { sentOn: '2018-03-07', authority: 'csn', concerning: 'study-support' }),
    cmd('waivers', { decidedOn: '2018-06-01', reason: 'other', amount: 10 }),
    cmd('assignment', { investigator: 'eva.fut' }, ['unit-head']),
    cmd('transfer', { transferredOn: '2018-06-02', toDistrict: 'farsta' }),
    cmd('closure', { closedOn: '2018-06-03', reason: 'deceased' }),
    cmd('reopening', { reopenedOn: '2018-06-04', reason: 'Ny uppgift' }),
    cmd('journal', { notedOn: '2018-06-05', kind: 'note', text: 'Anteckning' }),
    cmd('void', { reason: 'misregistration' }),
  ];
};

const otherEndpoints: Endpoint[] = [
  {
    method: 'POST',
    path: '/api/cases',
    body: { district: 'farsta', receivedOn: '2018-02-01', source: 'public', subject: { gender: 'man' } },
    roles: ['investigator', 'unit-head'],
  },
  { method: 'GET', path: '/api/cases', roles: ['investigator', 'unit-head'] },
  { method: 'GET', path: '/api/staff?district=farsta', roles: ['investigator', 'unit-head'] },
  { method: 'GET', path: '/api/districts', roles: ['investigator', 'unit-head', 'department', 'admin'] },
  // Refused changes (the prefix is Bromma's, the successor unknown): the role check comes first and nothing is written.
  {
    method: 'POST',
    path: '/api/districts',
    body: { code: 'ny', name: 'Ny', prefix: 'BR', validFrom: '2030-01-01' },
    roles: ['admin'],
  },
  {
    method: 'POST',
    path: '/api/districts/mergers',
    body: { districts: ['farsta'], into: 'atlantis', mergedOn: '2030-01-01' },
    roles: ['admin'],
  },
  { method: 'GET', path: '/api/queues', roles: ['investigator', 'unit-head', 'department'] },
  { method: 'GET', path: '/api/deadlines', roles: ['investigator', 'unit-head'] },
  // A unit head gets their own districts' figures and the city's total (issue 22: the 403 they got was wrong).
  { method: 'GET', path: '/api/statistics/annual/2018', roles: ['department', 'unit-head'] },
  { method: 'GET', path: '/api/statistics/annual/2018.csv', roles: ['department', 'unit-head'] },
  { method: 'GET', path: '/api/statistics/annual/2018.xlsx', roles: ['department', 'unit-head'] },
  { method: 'GET', path: '/api/cases/export.xlsx', roles: ['investigator', 'unit-head'] },
  { method: 'GET', path: '/api/cases/export.csv', roles: ['investigator', 'unit-head'] },
  // Without a file: allowed roles get 400, nothing is imported.
  { method: 'POST', path: '/api/imports', body: {}, roles: ['admin', 'unit-head'] },
  { method: 'GET', path: '/api/imports/00000000-0000-4000-8000-000000000000', roles: ['admin', 'unit-head'] },
  { method: 'GET', path: '/api/statistics/trend?from=2014&to=2018', roles: ['department', 'unit-head'] },
  // Without a body: the unit head gets 400, nothing is closed.
  { method: 'POST', path: '/api/deadlines/past-limit-closings', body: {}, roles: ['unit-head'] },
  { method: 'GET', path: '/api/reports/annual/2018', roles: ['department'] },
  { method: 'GET', path: '/api/statistics/post-checks/2018', roles: ['department'] },
  { method: 'GET', path: '/api/reports/annual/2018/texts', roles: ['department'] },
  { method: 'GET', path: '/api/audit', roles: ['admin'] },
  { method: 'GET', path: '/api/retention/due', roles: ['admin'] },
  { method: 'POST', path: '/api/retention/runs', body: { dryRun: true }, roles: ['admin'] },
];

const ROLES: Role[] = ['investigator', 'unit-head', 'department', 'admin'];
const send = (agent: TestAgent, e: Endpoint) =>
  e.method === 'GET' ? agent.get(e.path) : agent.post(e.path).send(e.body ?? {});

describe('roles and district scope', () => {
  let t: TestApp;
  let agents: Record<Role, TestAgent>;
  beforeAll(async () => {
    t = await startTestApp();
    agents = {
      investigator: await t.as('ivar.utredare', 'investigator', ['farsta']),
      'unit-head': await t.as('ulla.chef', 'unit-head', ['farsta']),
      department: await t.as('doris.samordnare', 'department', []),
      admin: await t.as('adam.admin', 'admin', []),
    };
  });
  afterAll(() => t.close());

  const newCase = async (district = 'farsta'): Promise<string> =>
    (
      await agents['unit-head']
        .post('/api/cases')
        .send({ district, receivedOn: '2018-02-01', source: 'public', subject: { gender: 'woman' } })
    ).body.id;

  it('every endpoint against every role: allowed roles pass, the others get 403, no token 401', async () => {
    const id = await newCase();
    const rows = [...otherEndpoints, ...caseEndpoints(id)];
    const failures: string[] = [];
    for (const e of rows) {
      const anonymous = await send(request(t.app.getHttpServer()) as unknown as TestAgent, e);
      if (anonymous.status !== 401) failures.push(`${e.method} ${e.path} without token: ${anonymous.status}`);
      for (const role of ROLES) {
        const res = await send(agents[role], e);
        const allowed = e.roles.includes(role);
        if (allowed && (res.status === 401 || res.status === 403 || res.status >= 500))
          failures.push(`${role} ${e.method} ${e.path}: ${res.status}`);
        if (!allowed && res.status !== 403)
          failures.push(`${role} ${e.method} ${e.path}: expected 403, got ${res.status}`);
        if (res.status >= 400) expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      }
    }
    expect(failures).toEqual([]);
  });

  it("another district's case answers 404 on every case endpoint, exactly like an unknown case", async () => {
    const foreign = await newCase('farsta');
    const unknown = '7d0c3c8e-2f43-4a8f-9a39-1d8cbd1f0000';
    const bromma = await t.as('bo.utredare', 'unit-head', ['bromma']);
    for (const [mine, theirs] of caseEndpoints(foreign).map((e, i) => [e, caseEndpoints(unknown)[i]] as const)) {
      const a = await send(bromma, mine);
      const b = await send(bromma, theirs);
      expect({ path: mine.path, status: a.status }).toEqual({ path: mine.path, status: 404 });
      expect({ ...a.body, instance: undefined }).toEqual({ ...b.body, instance: undefined });
    }
    expect((await agents['unit-head'].get(`/api/cases/${foreign}`)).status).toBe(200);
  });

  it("lists and searches leave other districts' cases out; registering elsewhere is refused", async () => {
    const reg = await agents['unit-head'].post('/api/cases').send({
      district: 'farsta',
      receivedOn: '2018-02-01',
      source: 'public',
      subject: { personalIdentityNumber: PIN },
    });
    const bromma = await t.as('bo.utredare', 'unit-head', ['bromma']);
    expect((await bromma.post('/api/cases/search').send({ personalIdentityNumber: `${PIN}` })).body.items).toEqual([]);
    expect((await bromma.get('/api/cases?district=farsta')).body.items).toEqual([]);
    const other = await bromma.post('/api/cases').send({
      district: 'bromma',
      receivedOn: '2018-02-02',
      source: 'public',
      subject: { personalIdentityNumber: PIN },
    });
    expect(other.body.relatedOpenCases).toEqual([]);
    expect(
      (await agents['unit-head'].post('/api/cases/search').send({ personalIdentityNumber: `${PIN}` })).body.items.map(
        (c: { id: string }) => c.id,
      ),
    ).toEqual([reg.body.id]);
    expect(
      (
        await bromma
          .post('/api/cases')
          .send({ district: 'farsta', receivedOn: '2018-02-01', source: 'public', subject: { gender: 'man' } })
      ).status,
    ).toBe(403);
    expect((await bromma.get('/api/queues?district=farsta')).status).toBe(403);
  });

  it("a transfer moves the case out of the old district's reach", async () => {
    const id = await newCase('farsta');
    const bromma = await t.as('bo.utredare', 'unit-head', ['bromma']);
    expect((await bromma.get(`/api/cases/${id}`)).status).toBe(404);
    expect(
      (
        await agents['unit-head']
          .post(`/api/cases/${id}/transfer`)
          .send({ transferredOn: '2018-03-01', toDistrict: 'bromma' })
      ).status,
    ).toBe(200);
    expect((await agents['unit-head'].get(`/api/cases/${id}`)).status).toBe(404);
    expect((await bromma.get(`/api/cases/${id}`)).status).toBe(200);
  });

  it('refuses forged, expired or malformed tokens with 401', async () => {
    const token = await t.token('x', 'admin', []);
    const forged = `${token.slice(0, -4)}AAAA`;
    for (const header of [`Bearer ${forged}`, 'Bearer abc.def.ghi', 'Basic dXNlcjpwYXNz', `Bearer ${token} extra`]) {
      const res = await request(t.app.getHttpServer()).get('/api/audit').set('Authorization', header);
      expect(res.status).toBe(401);
    }
  });

  it('answers every API read, the session (with its CSRF token) and the token issuer with Cache-Control: no-store', async () => {
    const id = await newCase();
    const reads = [...otherEndpoints, ...caseEndpoints(id)].filter((e) => e.method === 'GET');
    const cached: string[] = [];
    for (const e of reads) {
      const res = await send(agents[e.roles[0]], e);
      if (!/\bno-store\b/.test(String(res.headers['cache-control'])))
        cached.push(`${e.path} ${res.status}: ${res.headers['cache-control']}`);
    }
    const session = t.app.get(SessionStore).create({ user: 'ulla.chef', role: 'unit-head', districts: ['farsta'] });
    const current = await request(t.app.getHttpServer())
      .get('/api/session')
      .set('Cookie', `${SESSION_COOKIE}=${session.id}`);
    expect(current.body.csrfToken).toBe(session.csrfToken);
    const token = await request(t.app.getHttpServer())
      .post('/api/auth/dev-token')
      .send({ user: 'x', role: 'admin', districts: [] });
    expect(token.body.accessToken).toBeDefined();
    const refused = await request(t.app.getHttpServer()).get(`/api/cases/${id}`);
    for (const [what, res] of [
      ['GET /api/session', current],
      ['POST /api/auth/dev-token', token],
      ['401 on a case', refused],
    ] as const)
      if (!/\bno-store\b/.test(String(res.headers['cache-control'])))
        cached.push(`${what} ${res.status}: ${res.headers['cache-control']}`);
    expect(cached).toEqual([]);
  });

  it("a web session and its CSRF check are the API's: a form post elsewhere (the provider's sign-in) is not refused", async () => {
    const session = t.app.get(SessionStore).create({ user: 'ulla.chef', role: 'unit-head', districts: ['farsta'] });
    const cookie = `${SESSION_COOKIE}=${session.id}`;
    // A browser posts a form with Origin: null under helmet's Referrer-Policy: no-referrer.
    const form = await request(t.app.getHttpServer())
      .post('/inloggning')
      .set('Cookie', cookie)
      .set('Origin', 'null')
      .type('form')
      .send('user=chef.bromma');
    expect(form.status).toBe(404);
    // The API still asks the session for its token and origin.
    const api = request(t.app.getHttpServer()).post('/api/cases/search').set('Cookie', cookie);
    expect((await api.send({ caseNumber: 'X-1' })).body.code).toBe('csrf-token-missing');
    const foreign = await request(t.app.getHttpServer())
      .post('/api/cases/search')
      .set('Cookie', cookie)
      .set('Origin', 'https://evil.example')
      .set('X-CSRF-Token', session.csrfToken)
      .send({ caseNumber: 'X-1' });
    expect(foreign.body.code).toBe('cross-origin');
  });

  it('sets security headers and no CORS headers unless configured', async () => {
    const res = await agents.admin.get('/api/districts').set('Origin', 'https://evil.example');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBeDefined();
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});

describe('the development issuer', () => {
  it('does not exist with AUTH_MODE=oidc', async () => {
    const t = await startTestApp(undefined, {
      AUTH_MODE: 'oidc',
      OIDC_ISSUER: 'https://login.example/realm',
      OIDC_AUDIENCE: 'fut',
      OIDC_JWKS_URL: 'https://login.example/realm/jwks',
      MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
    }).catch((e: unknown) => e);
    // The test app signs in through the development issuer, so starting it must fail in oidc mode.
    expect(String(t)).toMatch(/dev-token: 404/);
  });
});

describe('audit trail', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('records who read a case, shows readers on the case, and hashes searched numbers', async () => {
    const investigator = await t.as('ivar.utredare', 'investigator', ['farsta']);
    const id = (
      await investigator.post('/api/cases').send({
        district: 'farsta',
        receivedOn: '2018-02-01',
        source: 'public',
        subject: { personalIdentityNumber: PIN },
      })
    ).body.id;
    expect((await investigator.get(`/api/cases/${id}`)).status).toBe(200);
    await investigator.post('/api/cases/search').send({ personalIdentityNumber: `${PIN}` });
    const admin = await t.as('adam.admin', 'admin', []);
    const entries = (await admin.get(`/api/audit?caseId=${id}`)).body.entries;
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          user: 'ivar.utredare',
          role: 'investigator',
          action: 'case.read',
          caseId: id,
          at: expect.stringMatching(/^2019-06-28T/),
        }),
        expect.objectContaining({ user: 'ivar.utredare', action: 'case.register', caseId: id }),
      ]),
    );
    const search = (await admin.get('/api/audit?user=ivar.utredare')).body.entries.find(
      (e: { action: string }) => e.action === 'case.search-by-personal-number',
    );
    expect(search.searchedHash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(search)).not.toContain('9876');
    const unitHead = await t.as('ulla.chef', 'unit-head', ['farsta']);
    expect((await unitHead.get(`/api/cases/${id}`)).body.readBy).toEqual(
      expect.arrayContaining([expect.objectContaining({ user: 'ivar.utredare', role: 'investigator', reads: 1 })]),
    );
  });

  it('a failing audit write fails the read and gives nothing away', async () => {
    const id = (
      await t.http.post('/api/cases').send({
        district: 'farsta',
        receivedOn: '2018-02-01',
        source: 'public',
        subject: { personalIdentityNumber: PIN, name: NAME },
      })
    ).body.id;
    t.app.get(AuditLog).close();
    const res = await t.http.get(`/api/cases/${id}`);
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('audit-unavailable');
    expect(res.text).not.toContain('Kalle');
    expect(res.text).not.toContain('9876');
  });
});

/** Every file under the data directory, also in its folders (the file store's, DATA_DIR/files). */
function storeFiles(dir: string): Buffer[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => readFileSync(join(e.parentPath, e.name)));
}
function found(dir: string, needle: string): boolean {
  return storeFiles(dir).some((bytes) => bytes.includes(Buffer.from(needle, 'utf8')));
}

describe('personal data at rest and retention', () => {
  it('keeps no plain personnummer or name in any store file, culls by shredding the key, and keeps the statistics byte for byte', async () => {
    const t = await startTestApp('2019-06-28T10:00:00+02:00', { RETENTION_YEARS: '0' });
    try {
      const post = (path: string, body: object) => t.http.post(`/api${path}`).send(body);
      const id = (
        await post('/cases', {
          district: 'farsta',
          receivedOn: '2018-02-01',
          source: 'public',
          subject: { personalIdentityNumber: PIN, name: NAME },
          summary: `Tips om ${NAME}`,
        })
      ).body.id;
      await post(`/cases/${id}/assessment`, { decidedOn: '2018-02-02', decision: 'open-investigation' });
      await post(`/cases/${id}/investigation-result`, {
        completedOn: '2018-03-01',
        finding: 'incorrect-payment',
        cause: 'household',
        incorrectPayments: [{ paidOn: '2018-01-25', amount: 4000 }],
      });
      await post(`/cases/${id}/repayment-claims`, { decidedOn: '2018-03-05', legalBasis: 'SoL 9:1', amount: 4000 });
      await post(`/cases/${id}/journal`, { notedOn: '2018-03-06', kind: 'objection', text: `${NAME} invänder` });
      await post(`/cases/${id}/repayments`, { receivedOn: '2018-04-01', amount: 4000, kind: 'claim' });
      expect((await post(`/cases/${id}/closure`, { closedOn: '2018-04-02', reason: 'repaid-claim' })).status).toBe(200);
      // A person born on the 15th is kept for research; one with an open case waits.
      const kept = (
        await post('/cases', {
          district: 'farsta',
          receivedOn: '2018-02-01',
          source: 'public',
          subject: { personalIdentityNumber: '19640815-0008' },
        })
      ).body;
      await post(`/cases/${kept.id}/assessment`, {
        decidedOn: '2018-02-02',
        decision: 'no-investigation',
        reason: 'no-grounds',
      });
      await post(`/cases/${kept.id}/closure`, { closedOn: '2018-02-03', reason: 'no-action' });
      const open = (
        await post('/cases', {
          district: 'farsta',
          receivedOn: '2018-02-01',
          source: 'public',
          subject: { personalIdentityNumber: '19700101-0011' },
        })
      ).body.id;
      const openTwin = (
        await post('/cases', {
          district: 'farsta',
          receivedOn: '2018-02-02',
          source: 'public',
          subject: { personalIdentityNumber: '19700101-0011' },
        })
      ).body.id;
      await post(`/cases/${open}/assessment`, {
        decidedOn: '2018-02-02',
        decision: 'no-investigation',
        reason: 'no-grounds',
      });
      await post(`/cases/${open}/closure`, { closedOn: '2018-02-03', reason: 'no-action' });

      const dept = await t.as('doris', 'department', []);
      const statistics = async () =>
        [2018, 2019].map(async (y) => (await dept.get(`/api/statistics/annual/${y}`)).text);
      const before = await Promise.all(await statistics());
      expect((await t.http.get(`/api/cases/${id}`)).body.subject).toMatchObject({
        personalIdentityNumber: '198112189876',
        name: NAME,
      });

      for (const needle of [...PIN_FORMS, NAME])
        expect({ needle, found: found(t.dir, needle) }).toEqual({ needle, found: false });

      const admin = await t.as('adam.admin', 'admin', []);
      const dry = (await admin.post('/api/retention/runs').send({ dryRun: true })).body;
      expect(dry.due.map((c: { id: string }) => c.id)).toEqual([id]);
      expect(dry.waitingForOtherCases.map((c: { id: string }) => c.id)).toEqual([open]);
      // RETENTION_YEARS=0 makes the closed case due at once; the research person's case is closed too.
      expect(dry.exemptForResearch.map((c: { id: string }) => c.id)).toEqual([kept.id]);
      // Culling cannot be undone: only an explicit dryRun: false runs it; a missing, null or
      // non-boolean dryRun is refused, naming the field, and culls nothing.
      for (const body of [undefined, {}, { dryRun: null }, { dryRun: 'false' }, { dryRun: 0 }]) {
        const req = admin.post('/api/retention/runs');
        const refused = await (body === undefined ? req : req.send(body));
        expect({ body, status: refused.status }).toEqual({ body, status: 400 });
        expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(refused.body.errors.map((e: { field: string }) => e.field)).toContain('dryRun');
      }
      expect((await t.http.get(`/api/cases/${id}`)).body.personalData).not.toBe('culled');
      const run = (await admin.post('/api/retention/runs').send({ dryRun: false })).body;
      expect(run.culled).toBe(1);

      const view = (await t.http.get(`/api/cases/${id}`)).body;
      expect(view).toMatchObject({
        personalData: 'culled',
        culledOn: '2019-06-28',
        subject: { personalIdentityNumber: '[gallrad]', name: '[gallrad]', gender: 'man' },
        summary: '[gallrad]',
      });
      expect(view.journal[0].text).toBe('[gallrad]');
      expect(view).toMatchObject({
        district: 'farsta',
        receivedOn: '2018-02-01',
        amounts: { claimed: 4000, repaid: 4000 },
      });
      expect((await t.http.post('/api/cases/search').send({ personalIdentityNumber: `${PIN}` })).body.items).toEqual(
        [],
      );
      expect((await t.http.get(`/api/cases/${openTwin}`)).body.subject.personalIdentityNumber).toBe('197001010011');
      expect((await post(`/cases/${id}/reopening`, { reopenedOn: '2019-06-28', reason: 'x' })).status).toBe(409);

      const after = await Promise.all(await statistics());
      expect(after).toEqual(before);
      for (const needle of [...PIN_FORMS, NAME])
        expect({ needle, found: found(t.dir, needle) }).toEqual({ needle, found: false });
    } finally {
      await t.close();
    }
  });
});

describe('logs and limits', () => {
  it('no log line of a full scenario holds a personnummer or a name', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const t = await startTestApp(undefined, { LOG_LEVEL: 'debug' }, sink);
    try {
      const id = (
        await t.http.post('/api/cases').send({
          district: 'farsta',
          receivedOn: '2018-02-01',
          source: 'public',
          subject: { personalIdentityNumber: PIN, name: NAME },
        })
      ).body.id;
      await t.http.get(`/api/cases/${id}`);
      await t.http.post('/api/cases/search').send({ personalIdentityNumber: `${PIN}` });
      await t.http.post('/api/cases/search').send({ personalIdentityNumber: `811218-9876` });
      await t.http
        .post(`/api/cases/${id}/journal`)
        .send({ notedOn: '2018-02-02', kind: 'note', text: `Samtal med ${NAME}` });
      await t.http.post('/api/cases').send({
        district: 'farsta',
        receivedOn: '2018-02-01',
        source: 'public',
        subject: { personalIdentityNumber: '19811218-9877', name: NAME },
      });
      await t.http.post('/api/cases').set('Content-Type', 'application/json').send(`{"subject":{"name":"${NAME}"`);
      t.app.get(AuditLog).close();
      await t.http.get(`/api/cases/${id}`);
    } finally {
      await t.close();
    }
    const all = lines.join('');
    expect(lines.length).toBeGreaterThan(5);
    expect(all).toContain('"route":"/api/cases/:id"');
    for (const needle of [...PIN_FORMS, NAME, 'Kalle'])
      expect({ needle, inLogs: all.includes(needle) }).toEqual({ needle, inLogs: false });
  });

  it('limits writes per user and answers 429 as problem+json', async () => {
    const t = await startTestApp(undefined, { WRITES_PER_MINUTE: '3' });
    try {
      const answers: request.Response[] = [];
      for (let i = 0; i < 4; i++) {
        answers.push(
          await t.http
            .post('/api/cases')
            .send({ district: 'farsta', receivedOn: '2018-02-01', source: 'public', subject: { gender: 'man' } }),
        );
      }
      expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 429]);
      const refused = answers[3];
      expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(refused.body).toMatchObject({ status: 429, code: 'too-many-requests' });
      // The standard header (RFC 9110 10.2.3) in whole seconds, within the one-minute window.
      expect(refused.headers['retry-after']).toMatch(/^\d+$/);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
      expect(Object.keys(refused.headers).filter((h) => /^retry-after-/.test(h))).toEqual([]);
      const other = await t.as('other.user', 'unit-head', ['farsta']);
      expect(
        (
          await other
            .post('/api/cases')
            .send({ district: 'farsta', receivedOn: '2018-02-01', source: 'public', subject: { gender: 'man' } })
        ).status,
      ).toBe(201);
      expect((await t.http.get('/api/districts')).status).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('limits unauthenticated requests per client address, failed token attempts included, never a signed-in caller', async () => {
    // startTestApp signed t.http in through the development issuer: that request is the first of the five.
    const t = await startTestApp(undefined, { UNAUTHENTICATED_PER_MINUTE: '5' });
    try {
      const anonymous = () => request(t.app.getHttpServer());
      const statuses = [
        (await anonymous().get('/api/cases')).status,
        (await anonymous().post('/api/cases').send({})).status,
        (await anonymous().get('/api/cases').set('Authorization', 'Bearer abc.def.ghi')).status,
        (await anonymous().get('/api/audit').set('Authorization', 'Basic dXNlcjpwYXNz')).status,
      ];
      expect(statuses).toEqual([401, 401, 401, 401]);
      const over = [
        await anonymous().get('/api/cases'),
        await anonymous().get('/api/cases').set('Authorization', 'Bearer abc.def.ghi'),
        await anonymous().post('/api/auth/dev-token').send({ user: 'x', role: 'admin', districts: [] }),
        await anonymous().get('/api/session'),
      ];
      for (const res of over) {
        expect(res.status).toBe(429);
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(res.body.code).toBe('too-many-unauthenticated-requests');
        expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
        expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(60);
      }
      // A signed-in caller at the same address is not held back by the others.
      expect((await t.http.get('/api/districts')).status).toBe(200);
      expect(
        (
          await t.http
            .post('/api/cases')
            .send({ district: 'farsta', receivedOn: '2018-02-01', source: 'public', subject: { gender: 'man' } })
        ).status,
      ).toBe(201);
      // Health stays open to the orchestrator (it has the per-address read limit).
      expect((await anonymous().get('/health')).status).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('refuses a body over the limit with 413', async () => {
    const t = await startTestApp();
    try {
      const res = await t.http
        .post('/api/cases')
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ summary: 'x'.repeat(200_000) }));
      expect(res.status).toBe(413);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    } finally {
      await t.close();
    }
  });
});
