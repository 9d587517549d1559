import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type TestAgent from 'supertest/lib/agent';
import { EVENT_STORE, type EventStore } from '../src/event-store/event-store.port';
import { PersonalData } from '../src/personal-data/personal-data';
import { type TestApp, startTestApp } from './support/test-app';

/**
 * Two liable adults (issue 20): makar or sambor in one household. The case
 * names the second adult, whose personnummer and name are encrypted under a
 * data key of their own; a claim is decided against each for their own part,
 * each repays and is waived their own part; the case counts once in the
 * statistics, under the person it was registered on; culling shreds both keys.
 */

const FIRST_PIN = '19771231-4561'; // a woman
const SECOND_PIN = '19811218-9876'; // a man
const SECOND_NAME = 'Bengt Sambosson';
const SECOND_FORMS = ['198112189876', '19811218-9876', '8112189876', '811218-9876', 'Sambosson'];

let t: TestApp;
let http: TestAgent;
let id: string;

const post = async (route: string, body: object, status = 200) => {
  const res = await http.post(`/api/cases/${id}/${route}`).send(body);
  expect({ route, status: res.status, body: res.body }).toMatchObject({ route, status });
  return res;
};
const view = async () => (await http.get(`/api/cases/${id}`)).body;
const statistics2019 = async () => {
  const res = await (await t.as('doris.dept', 'department', [])).get('/api/statistics/annual/2019');
  return res.body.districts.find((d: { district: string }) => d.district === 'farsta');
};
function storeFiles(dir: string): Buffer[] {
  return readdirSync(dir)
    .filter((name) => /\.db(-wal)?$/.test(name))
    .map((name) => readFileSync(join(dir, name)));
}

beforeAll(async () => {
  // Retention at 0 years: a closed case is due at once.
  t = await startTestApp('2019-06-28T10:00:00+02:00', { RETENTION_YEARS: '0' });
  http = t.http;
  const res = await http.post('/api/cases').send({
    district: 'farsta',
    receivedOn: '2019-02-01',
    source: 'caseworker',
    subject: { personalIdentityNumber: FIRST_PIN, name: 'Anna Hushållsdotter' },
  });
  expect(res.status).toBe(201);
  id = res.body.id;
});
afterAll(async () => {
  await t.close();
});

describe('two liable adults in one case', () => {
  it('names the second adult, found by their own personnummer', async () => {
    await post('second-person', {
      namedOn: '2019-02-05',
      relation: 'cohabitant',
      personalIdentityNumber: SECOND_PIN,
      name: SECOND_NAME,
    });
    expect((await view()).secondPerson).toEqual({
      gender: 'man',
      personalIdentityNumber: '198112189876',
      name: SECOND_NAME,
      relation: 'cohabitant',
      namedOn: '2019-02-05',
    });
    const found = (await http.post('/api/cases/search').send({ personalIdentityNumber: SECOND_PIN })).body;
    expect(found.items.map((c: { id: string }) => c.id)).toEqual([id]);
    // One second person per case.
    await post('second-person', { namedOn: '2019-02-06', relation: 'spouse', gender: 'man' }, 409);
  });

  it('keeps the second person encrypted under a data key of their own, never in plain in a store file', async () => {
    const stream = await t.app.get<EventStore>(EVENT_STORE).readStream(`case-${id}`);
    const caseKey = stream[0].data.dataKeyId as string;
    const named = stream.find((e) => e.type === 'SecondPersonNamed')!;
    const ownKey = named.data.dataKeyId as string;
    expect(ownKey).not.toBe(caseKey);
    const person = named.data.person as { personalIdentityNumber: string; name: string };
    expect(person.personalIdentityNumber.startsWith(`enc:v1:${ownKey}:`)).toBe(true);
    expect(person.name.startsWith(`enc:v1:${ownKey}:`)).toBe(true);
    const leaks = SECOND_FORMS.filter((form) => storeFiles(t.dir).some((bytes) => bytes.includes(Buffer.from(form))));
    expect(leaks).toEqual([]);
  });

  it('decides a claim against each for their own part; each repays their own part', async () => {
    await post('assessment', { decidedOn: '2019-02-10', decision: 'open-investigation' });
    await post('investigation-result', {
      completedOn: '2019-03-01',
      finding: 'incorrect-payment',
      cause: 'household',
      incorrectPayments: [
        { paidOn: '2018-11-23', amount: 4000 },
        { paidOn: '2018-12-20', amount: 6000 },
      ],
    });
    const refused = await post(
      'repayment-claims',
      { decidedOn: '2019-03-05', legalBasis: 'SoL 9:1', amount: 10000, subjectShare: 6000, secondPersonShare: 5000 },
      422,
    );
    expect(refused.body).toMatchObject({ code: 'shares-not-claim-amount' });
    await post('repayment-claims', {
      decidedOn: '2019-03-05',
      legalBasis: 'SoL 9:1',
      amount: 10000,
      subjectShare: 6000,
      secondPersonShare: 4000,
    });
    await post('repayments', { receivedOn: '2019-04-01', amount: 1000, kind: 'claim', person: 'second-person' });
    await post('repayments', { receivedOn: '2019-04-02', amount: 2000, kind: 'claim', person: 'subject' });
    const unnamed = await post('repayments', { receivedOn: '2019-04-03', amount: 500, kind: 'claim' }, 422);
    expect(unnamed.body).toMatchObject({ code: 'person-required', errors: [{ field: 'person' }] });
    const above = await post(
      'repayments',
      { receivedOn: '2019-04-03', amount: 5000, kind: 'claim', person: 'second-person' },
      422,
    );
    expect(above.body).toMatchObject({ code: 'amount-above-outstanding', outstandingAmount: 3000 });

    const c = await view();
    expect(c.repaymentClaims[0].shares).toEqual([
      { person: 'subject', amount: 6000, repaid: 2000, waived: 0, outstanding: 4000 },
      { person: 'second-person', amount: 4000, repaid: 1000, waived: 0, outstanding: 3000 },
    ]);
    expect(c.repayments.map((r: { person: string; amount: number }) => [r.person, r.amount])).toEqual([
      ['second-person', 1000],
      ['subject', 2000],
    ]);
    expect(c.amounts).toMatchObject({ claimed: 10000, repaid: 3000, outstanding: 7000 });
  });

  it('counts the case once, under the person it was registered on, with the whole claim and every repayment', async () => {
    const farsta = await statistics2019();
    expect(farsta.received).toBe(1);
    expect(farsta.claims).toEqual({ woman: 1, man: 0, unknown: 0, total: 1 });
    expect(farsta.claimedAmount).toBe(10000);
    expect(farsta.repaidAmount).toBe(3000);
    expect(farsta.investigationsOpened).toBe(1);
  });

  it("waives each person's part, closes, and culls both persons' data with the case", async () => {
    await post('waivers', { decidedOn: '2019-05-01', reason: 'other', amount: 4000, person: 'subject' });
    await post('waivers', { decidedOn: '2019-05-01', reason: 'other', amount: 3000, person: 'second-person' });
    await post('closure', { closedOn: '2019-05-02', reason: 'waived-other' });
    const before = await statistics2019();
    const stream = await t.app.get<EventStore>(EVENT_STORE).readStream(`case-${id}`);
    const ownKey = stream.find((e) => e.type === 'SecondPersonNamed')!.data.dataKeyId as string;

    const admin = await t.as('adam.admin', 'admin', []);
    const run = (await admin.post('/api/retention/runs').send({ dryRun: false })).body;
    expect(run.due.map((c: { id: string }) => c.id)).toEqual([id]);
    expect(run.culled).toBe(1);

    expect(t.app.get(PersonalData).hasKey(ownKey)).toBe(false);
    const culled = await view();
    expect(culled.personalData).toBe('culled');
    expect(culled.secondPerson).toMatchObject({
      personalIdentityNumber: '[gallrad]',
      name: '[gallrad]',
      gender: 'man',
    });
    expect((await http.post('/api/cases/search').send({ personalIdentityNumber: SECOND_PIN })).body.total).toBe(0);
    expect(await statistics2019()).toEqual(before);
  });
});
