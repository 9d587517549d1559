import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { EVENT_STORE, type EventStore } from '../src/event-store/event-store.port';
import { type TestApp, startTestApp } from './support/test-app';

/**
 * Skyddade personuppgifter (issue 20): a protected person's name and
 * personnummer appear in no list, export or search answer of anyone but the
 * case's assigned investigator and the district's unit head. Every GET
 * operation of the OpenAPI document (and the search by personnummer) is
 * asked by every kind of caller, and each answer (xlsx unpacked) is searched
 * for the name and every form of the number; only the case itself and its
 * history, read by those two, may hold them. The statistics still count the
 * case, and every read of it is in the audit log.
 */

const PIN = '19771231-4561';
const NAME = 'Hemlig Skyddadsdotter';
/** Every way the number and the name could be written out. */
const FORBIDDEN = ['197712314561', '19771231-4561', '7712314561', '771231-4561', 'Skyddadsdotter'];
const OPEN_PIN = '19811218-9876';
const OPEN_NAME = 'Öppen Testsson';

let t: TestApp;
let caseId: string;
let caseNumber: string;
let importId: string;
let firstEventPosition: number;
let callers: Record<string, TestAgent>;
/** Those who may see who the person is. */
const ALLOWED = ['ina (assigned investigator)', 'chef.farsta (unit head)'];

const binary = (res: Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/** An answer as text: an xlsx workbook's cells, anything else its bytes as UTF-8. */
async function textOf(res: Response): Promise<string> {
  const body = res.body as Buffer;
  if (/spreadsheetml/.test(String(res.headers['content-type']))) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(body as unknown as ExcelJS.Buffer);
    const cells: string[] = [];
    workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value)))));
    return cells.join('\n');
  }
  return Buffer.isBuffer(body) ? body.toString('utf8') : res.text;
}

const found = (text: string): string[] => FORBIDDEN.filter((s) => text.includes(s));

beforeAll(async () => {
  t = await startTestApp('2019-06-28T10:00:00+02:00');
  callers = {
    'ina (assigned investigator)': await t.as('ina.farsta', 'investigator', ['farsta']),
    'chef.farsta (unit head)': await t.as('chef.farsta', 'unit-head', ['farsta']),
    'olle (investigator, same district)': await t.as('olle.farsta', 'investigator', ['farsta']),
    'otto (investigator, other district)': await t.as('otto.bromma', 'investigator', ['bromma']),
    'chef.bromma (unit head, other district)': await t.as('chef.bromma', 'unit-head', ['bromma']),
    'doris (department)': await t.as('doris.dept', 'department', []),
    'adam (admin)': await t.as('adam.admin', 'admin', []),
  };
  const ina = callers['ina (assigned investigator)'];
  const chef = callers['chef.farsta (unit head)'];
  // Registered by an investigator, protected from the start; then given to her by the unit head.
  const registered = await ina.post('/api/cases').send({
    district: 'farsta',
    receivedOn: '2019-02-01',
    source: 'caseworker',
    subject: { personalIdentityNumber: PIN, name: NAME, protectedIdentity: 'protected-registration' },
    suspectedPayments: [{ paidOn: '2018-12-20', amount: 6000 }],
    // Free text names the person more often than not.
    summary: `Tips om ${NAME}, folkbokförd på annan ort.`,
  });
  expect(registered.status).toBe(201);
  ({ id: caseId, caseNumber } = registered.body);
  const step = async (agent: TestAgent, route: string, body: object) => {
    const res = await agent.post(`/api/cases/${caseId}/${route}`).send(body);
    expect({ route, status: res.status, body: res.body }).toMatchObject({ route, status: 200 });
  };
  await step(chef, 'assignment', { investigator: 'ina.farsta' });
  await step(ina, 'assessment', { decidedOn: '2019-02-10', decision: 'open-investigation' });
  await step(ina, 'investigation-result', {
    completedOn: '2019-03-01',
    finding: 'incorrect-payment',
    cause: 'unreported-income',
    incorrectPayments: [{ paidOn: '2018-12-20', amount: 6000 }],
  });
  await step(ina, 'repayment-claims', { decidedOn: '2019-03-05', legalBasis: 'SoL 9:1', amount: 6000 });
  await step(ina, 'journal', { notedOn: '2019-03-06', kind: 'note', text: `${NAME} ringde.` });
  // A case whose person is not protected, beside it: the same reads show that name (the check can see names).
  const open = await callers['olle (investigator, same district)'].post('/api/cases').send({
    district: 'farsta',
    receivedOn: '2019-02-02',
    source: 'public',
    subject: { personalIdentityNumber: OPEN_PIN, name: OPEN_NAME },
  });
  expect(open.status).toBe(201);
  // A register with the protected person's row, read as a dry run: its report is a list too.
  const register = Buffer.from(
    `\ufeffÄrendenummer;Inkommen;Stadsdelsnämnd;Personnummer;Namn;Källa\r\nX-1;2019-02-01;Farsta;${PIN};${NAME};Allmänheten\r\nX-2;2019-02-01;Farsta;19771231-4562;${NAME};Allmänheten\r\n`,
    'utf8',
  );
  const dry = await chef.post('/api/imports').attach('file', register, 'register.csv').field('dryRun', 'true');
  expect(dry.status).toBe(200);
  importId = dry.body.id;
  firstEventPosition = (await t.app.get<EventStore>(EVENT_STORE).readStream(`case-${caseId}`))[0].position;
}, 60_000);
afterAll(async () => {
  await t.close();
});

/** The URLs to ask for each GET operation of the OpenAPI document, with the case, the import and the year filled in. */
function urlsOf(path: string): string[] {
  const id = path.startsWith('/api/imports/') ? importId : caseId;
  const filled = path.replace('{id}', id).replace('{district}', 'farsta');
  const withYear = (years: string[]) => years.map((y) => filled.replace('{year}', y));
  if (path === '/api/cases/export.{format}') return ['csv', 'xlsx'].map((f) => filled.replace('{format}', f));
  if (path === '/api/statistics/annual/{year}') return withYear(['2019', '2019.csv', '2019.xlsx']);
  if (path.includes('{year}')) return withYear(['2019']).flatMap((u) => [u, `${u}?format=html`]);
  const extra: Record<string, string[]> = {
    '/api/cases': ['', '?district=farsta', `?caseNumber=${caseNumber}`, '?investigator=ina.farsta'],
    '/api/queues': ['', '?district=farsta'],
    '/api/deadlines': ['?withinDays=3650', '?district=farsta&withinDays=3650'],
    '/api/staff': ['?district=farsta'],
    '/api/audit': ['', `?caseId=${caseId}`],
    '/api/imports/{id}/report': ['', '?format=csv', '?format=xlsx'],
    '/api/event-corrections/unreadable': [`?streamId=case-${caseId}&position=${firstEventPosition}`],
  };
  return (extra[path] ?? ['']).map((q) => `${filled}${q}`);
}

describe('a protected identity', () => {
  it('appears in no list, export or search answer of anyone but the assigned investigator and the unit head', async () => {
    const doc = (await t.http.get('/api/docs-json')).body as { paths: Record<string, Record<string, unknown>> };
    const gets = Object.entries(doc.paths)
      .filter(([path, ops]) => 'get' in ops && !/^\/api\/auth\/(login|callback)$/.test(path))
      .map(([path]) => path);
    expect(gets).toEqual(expect.arrayContaining(['/api/cases', '/api/cases/{id}', '/api/queues', '/api/deadlines']));
    const readsOfTheCase = new Set([`/api/cases/${caseId}`, `/api/cases/${caseId}/history`]);
    const leaks: string[] = [];
    const answered: string[] = [];
    for (const [who, agent] of Object.entries(callers)) {
      const asks: Array<[string, () => Promise<Response>]> = [
        ...gets.flatMap((path) =>
          urlsOf(path).map((url): [string, () => Promise<Response>] => [
            `GET ${url}`,
            () => agent.get(url).buffer(true).parse(binary),
          ]),
        ),
        [
          'POST /api/cases/search',
          () => agent.post('/api/cases/search').send({ personalIdentityNumber: PIN }).buffer(true).parse(binary),
        ],
      ];
      for (const [ask, send] of asks) {
        const res = await send();
        if (res.status >= 500) leaks.push(`${who}: ${ask} answered ${res.status}`);
        if (res.status === 200) answered.push(`${who}: ${ask}`);
        const url = ask.replace(/^GET /, '');
        const may = ALLOWED.includes(who) && readsOfTheCase.has(url);
        const seen = found(await textOf(res));
        if (seen.length > 0 && !may) leaks.push(`${who}: ${ask} (${res.status}) holds ${seen.join(', ')}`);
      }
    }
    expect(leaks).toEqual([]);
    // The lists, exports, reports and downloads were really given, to the roles that have them.
    for (const expected of [
      'olle (investigator, same district): GET /api/cases',
      'olle (investigator, same district): GET /api/cases/export.xlsx',
      'olle (investigator, same district): GET /api/deadlines?withinDays=3650',
      'olle (investigator, same district): POST /api/cases/search',
      `olle (investigator, same district): GET /api/cases/${caseId}`,
      `olle (investigator, same district): GET /api/cases/${caseId}/history`,
      'doris (department): GET /api/statistics/annual/2019.xlsx',
      `chef.farsta (unit head): GET /api/imports/${importId}/report?format=xlsx`,
      `adam (admin): GET /api/audit?caseId=${caseId}`,
    ])
      expect(answered).toContain(expected);
  }, 300_000);

  it('is shown to the assigned investigator and the unit head, in the case and its history', async () => {
    for (const who of ALLOWED) {
      const view = (await callers[who].get(`/api/cases/${caseId}`)).body;
      expect(view.subject).toEqual({ gender: 'woman', personalIdentityNumber: '197712314561', name: NAME });
      expect(view.identityProtection).toEqual({
        protected: true,
        withheld: false,
        persons: [
          {
            person: 'subject',
            basis: 'protected-registration',
            basisLabel: 'Skyddad folkbokföring (16 § folkbokföringslagen)',
            since: '2019-02-01',
          },
        ],
      });
      const history = (await callers[who].get(`/api/cases/${caseId}/history`)).body;
      expect(history[0].data.subject.name).toBe(NAME);
      expect(view.summary).toContain(NAME);
    }
  });

  it('is withheld from another investigator of the district, who still reads and works the case', async () => {
    const olle = callers['olle (investigator, same district)'];
    const view = (await olle.get(`/api/cases/${caseId}`)).body;
    expect(view.subject).toEqual({ gender: 'woman', personalIdentityNumber: null, name: null });
    expect(view.identityProtection).toMatchObject({ protected: true, withheld: true });
    expect(view.amounts).toMatchObject({ claimed: 6000, outstanding: 6000 });
    // The person's free text too: it names her.
    expect(view.summary).toBe('[skyddad identitet]');
    expect(view.journal.map((j: { text: string }) => j.text)).toEqual(['[skyddad identitet]']);
    const history = (await olle.get(`/api/cases/${caseId}/history`)).body;
    expect(history[0].data.subject).toEqual({ personalIdentityNumber: null, name: null, gender: 'woman' });
    // The unprotected person beside it is shown to him as before.
    const search = (await olle.post('/api/cases/search').send({ personalIdentityNumber: OPEN_PIN })).body;
    expect(search.total).toBe(1);
    expect((await olle.get(`/api/cases/${search.items[0].id}`)).body.subject.name).toBe(OPEN_NAME);
  });

  it('is found by personnummer only by those who may see it; to others the search answers as for a number with no case', async () => {
    const totals = Object.fromEntries(
      await Promise.all(
        ['ina (assigned investigator)', 'chef.farsta (unit head)', 'olle (investigator, same district)'].map(
          async (who) => [
            who,
            (await callers[who].post('/api/cases/search').send({ personalIdentityNumber: PIN })).body.total,
          ],
        ),
      ),
    );
    expect(totals).toEqual({
      'ina (assigned investigator)': 1,
      'chef.farsta (unit head)': 1,
      'olle (investigator, same district)': 0,
    });
    const unknown = await callers['olle (investigator, same district)']
      .post('/api/cases/search')
      .send({ personalIdentityNumber: '19640815-0008' });
    const hidden = await callers['olle (investigator, same district)']
      .post('/api/cases/search')
      .send({ personalIdentityNumber: PIN });
    expect(hidden.body).toEqual(unknown.body);
  });

  it('protects the person in a new case registered by someone else, and lists no protected case to them', async () => {
    const olle = callers['olle (investigator, same district)'];
    const again = await olle.post('/api/cases').send({
      district: 'farsta',
      receivedOn: '2019-06-01',
      source: 'public',
      subject: { personalIdentityNumber: PIN, name: NAME },
    });
    expect(again.status).toBe(201);
    expect(again.body.relatedOpenCases).toEqual([]);
    expect(found(JSON.stringify(again.body))).toEqual([]);
    const view = (await olle.get(`/api/cases/${again.body.id}`)).body;
    expect(view.identityProtection).toMatchObject({ protected: true, withheld: true });
    expect(view.subject.name).toBeNull();
    // The unit head sees both, and the earlier one among the person's open cases.
    const chef = callers['chef.farsta (unit head)'];
    expect((await chef.get(`/api/cases/${again.body.id}`)).body.subject.name).toBe(NAME);
  });

  it('protects a household whose second adult is protected in another case', async () => {
    const olle = callers['olle (investigator, same district)'];
    const household = await olle.post('/api/cases').send({
      district: 'farsta',
      receivedOn: '2019-06-01',
      source: 'public',
      subject: { personalIdentityNumber: '19700101-0011', name: 'Kalle Hushållsson' },
    });
    expect(household.status).toBe(201);
    const url = `/api/cases/${household.body.id}`;
    expect((await olle.get(url)).body.subject.name).toBe('Kalle Hushållsson');
    const named = await olle
      .post(`${url}/second-person`)
      .send({ namedOn: '2019-06-02', relation: 'spouse', personalIdentityNumber: PIN, name: NAME });
    expect(named.status).toBe(200);
    // Olle registered the case, so it is his (issue 22): the case's investigator sees who its persons are.
    // Anyone else of the district, here Ina, sees the household protected.
    expect((await olle.get(url)).body.secondPerson.name).toBe(NAME);
    const view = (await callers['ina (assigned investigator)'].get(url)).body;
    expect(view.identityProtection).toMatchObject({
      protected: true,
      withheld: true,
      persons: [{ person: 'second-person', basis: 'protected-registration' }],
    });
    expect([view.subject.name, view.secondPerson.name, view.secondPerson.personalIdentityNumber]).toEqual([
      null,
      null,
      null,
    ]);
    expect((await callers['chef.farsta (unit head)'].get(url)).body.secondPerson.name).toBe(NAME);
  });

  it('is still counted in the statistics, by district and gender, with its amount', async () => {
    const stats = (await callers['doris (department)'].get('/api/statistics/annual/2019')).body;
    const farsta = stats.districts.find((d: { district: string }) => d.district === 'farsta');
    expect(farsta.claims).toEqual({ woman: 1, man: 0, unknown: 0, total: 1 });
    expect(farsta.claimedAmount).toBe(6000);
    expect(farsta.received).toBeGreaterThanOrEqual(2);
  });

  it('records every read of the case in the audit log, refused ones too', async () => {
    const entries = (await callers['adam (admin)'].get(`/api/audit?caseId=${caseId}&limit=10000`)).body
      .entries as Array<{
      user: string;
      action: string;
      outcome: string;
    }>;
    const seen = new Set(entries.map((e) => `${e.user} ${e.action} ${e.outcome}`));
    for (const expected of [
      'olle.farsta case.read given',
      'olle.farsta case.history given',
      'ina.farsta case.read given',
      'chef.farsta case.history given',
      'otto.bromma case.read refused',
      'doris.dept case.read refused',
    ])
      expect(seen).toContain(expected);
  });

  it('can be lifted by the unit head only; the name is then shown to the district', async () => {
    const olle = callers['olle (investigator, same district)'];
    const chef = callers['chef.farsta (unit head)'];
    const refused = await olle
      .post(`/api/cases/${caseId}/identity-protection-lifting`)
      .send({ liftedOn: '2019-06-20' });
    expect(refused.status).toBe(403);
    const lifted = await chef.post(`/api/cases/${caseId}/identity-protection-lifting`).send({ liftedOn: '2019-06-20' });
    expect(lifted.status).toBe(200);
    expect((await olle.get(`/api/cases/${caseId}`)).body.subject.name).toBe(NAME);
    // Found by him now; the case he registered himself stays protected (nobody has lifted that one). Besides it
    // he finds only the household case that is his own (issue 22: he registered it), where he sees who is in it.
    const search = (await olle.post('/api/cases/search').send({ personalIdentityNumber: PIN })).body;
    const others = search.items.filter((c: { id: string }) => c.id !== caseId);
    expect(search.items.map((c: { id: string }) => c.id)).toContain(caseId);
    expect(others.map((c: { investigator: string }) => c.investigator)).toEqual(['olle.farsta']);
    // And set again by anyone who handles the case: withheld from him at once.
    const again = await olle
      .post(`/api/cases/${caseId}/identity-protection`)
      .send({ notedOn: '2019-06-27', basis: 'confidentiality-marking' });
    expect(again.status).toBe(200);
    expect((await olle.get(`/api/cases/${caseId}`)).body.subject.name).toBeNull();
  });

  it("is read from a register's column on import; the import report names nobody", async () => {
    const chef = callers['chef.farsta (unit head)'];
    const register = (protection: string) =>
      Buffer.from(
        `\ufeffÄrendenummer;Inkommen;Stadsdelsnämnd;Personnummer;Namn;Källa;Skyddade personuppgifter\r\nS-1;2019-03-01;Farsta;19640815-0008;Gömd Importsson;Allmänheten;${protection}\r\n`,
        'utf8',
      );
    const first = await chef.post('/api/imports').attach('file', register('Nej'), 'register.csv');
    expect(first.status).toBe(201);
    const rowsOf = async (importId: string) => (await chef.get(`/api/imports/${importId}/report`)).body.rows;
    const importedId = (await rowsOf(first.body.id))[0].caseId as string;
    const olle = callers['olle (investigator, same district)'];
    expect((await olle.get(`/api/cases/${importedId}`)).body.subject.name).toBe('Gömd Importsson');
    // The register is corrected: the person is protected; the import adds the protection to the case it made.
    const second = await chef.post('/api/imports').attach('file', register('Skyddad folkbokföring'), 'register.csv');
    expect(second.status).toBe(201);
    expect((await rowsOf(second.body.id))[0]).toMatchObject({ status: 'imported', caseId: importedId, steps: 1 });
    const view = (await olle.get(`/api/cases/${importedId}`)).body;
    expect(view.subject).toEqual({ gender: 'woman', personalIdentityNumber: null, name: null });
    expect(view.identityProtection.persons).toEqual([expect.objectContaining({ basis: 'protected-registration' })]);
    for (const format of ['csv', 'xlsx']) {
      const report = await chef
        .get(`/api/imports/${second.body.id}/report?format=${format}`)
        .buffer(true)
        .parse(binary);
      expect(await textOf(report)).not.toMatch(/Importsson|196408150008|19640815-0008/);
    }
  });

  // Last: the unreadable event stops the read models for the rest of this app.
  it('is withheld from the administrator who reads an unreadable event of the case, and that read is recorded against it', async () => {
    const id = randomUUID();
    const now = '2019-06-28T08:00:00.000Z';
    const result = await t.app.get<EventStore>(EVENT_STORE).append(
      `case-${id}`,
      [
        {
          id: randomUUID(),
          type: 'CaseRegistered',
          schemaVersion: 1,
          // As an older version might have stored it: a payment without a date.
          data: {
            caseId: id,
            caseNumber: 'FA-2019-9999',
            district: 'farsta',
            receivedOn: '2019-02-02',
            source: 'public',
            subject: { personalIdentityNumber: '197712314561', name: NAME, gender: 'woman' },
            suspectedPayments: [{ amountOre: 100 }],
            summary: null,
            dataKeyId: null,
            protectedIdentity: 'confidentiality-marking',
          },
          metadata: {
            occurredOn: '2019-02-02',
            recordedAt: now,
            recordedBy: 'old-version',
            correlationId: randomUUID(),
            causationId: null,
          },
        },
      ],
      'no-stream',
    );
    const admin = callers['adam (admin)'];
    const res = await admin.get(`/api/event-corrections/unreadable?streamId=case-${id}&position=${result.position}`);
    expect(res.status).toBe(200);
    expect(res.body.problems.map((p: { field: string }) => p.field)).toContain('suspectedPayments[0].paidOn');
    expect(res.body.data.subject).toEqual({ personalIdentityNumber: null, name: null, gender: 'woman' });
    expect(found(JSON.stringify(res.body))).toEqual([]);
    const entries = (await admin.get(`/api/audit?caseId=${id}`)).body.entries as Array<{
      action: string;
      outcome: string;
    }>;
    expect(entries).toEqual([expect.objectContaining({ action: 'admin.unreadable-event', outcome: 'given' })]);
  });
});
