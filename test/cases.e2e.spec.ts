import type { Response } from 'supertest';
import { caseStreamId } from '../src/cases/application/case-stream';
import { EVENT_STORE, type EventStore } from '../src/event-store/event-store.port';
import { PersonalData } from '../src/personal-data/personal-data';
import {
  GIVEN_BY,
  caseRegistered,
  caseSpecification,
  investigationCompleted,
  investigationNotOpened,
  investigationOpened,
  journalEntryAdded,
  kr,
  payment,
  person,
  repaymentClaimDecided,
  repaymentPlanAgreed,
  repaymentReceived,
  suspected,
} from './support/given';
import { type TestApp, startTestApp } from './support/test-app';

/** A person born 1981-12-18, man (second-to-last digit 7). */
const PIN = '19811218-9876';
const PIN_WOMAN = '19640823-3226';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('2019-06-28T10:00:00+02:00');
});
afterAll(async () => {
  await t.close();
});

const post = (path: string, body: object, headers: Record<string, string> = {}): Promise<Response> => {
  const req = t.http.post(`/api${path}`);
  for (const [k, v] of Object.entries(headers)) req.set(k, v);
  return req.send(body);
};
const get = (path: string): Promise<Response> => t.http.get(`/api${path}`);
const { given, givenCase } = caseSpecification(() => t);

/** Received 2018-02-01 in Hässelby-Vällingby about Test Testsson, with a suspected payment of 5000 kr (2017-11-24). */
const registered = (over: Parameters<typeof caseRegistered>[0] = {}) =>
  caseRegistered({
    district: 'hasselby-vallingby',
    receivedOn: '2018-02-01',
    source: 'caseworker',
    subject: person(PIN, 'Test Testsson'),
    suspectedPayments: [suspected('2017-11-24', 5000)],
    ...over,
  });

async function ok(res: Promise<Response>, status = 200): Promise<Response> {
  const r = await res;
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`);
  return r;
}

/** An opened investigation that found 3000 kr (paid 2016-03-10) and 5000 kr (paid 2016-06-23). */
const investigated = [
  investigationOpened({ decidedOn: '2018-02-10', suspectedCause: 'unreported-income' }),
  investigationCompleted({
    completedOn: '2018-03-01',
    cause: 'unreported-income',
    incorrectPayments: [payment('2016-03-10', 3000), payment('2016-06-23', 5000, '2016-06-01')],
    intent: 'intentional',
    savedAmountOre: kr(1200.5),
  }),
];
/** ... and a claim of both under SoL 9:1, decided 2018-03-05. */
const claimed = (amount = 8000) => [
  ...investigated,
  repaymentClaimDecided({ decidedOn: '2018-03-05', amountOre: kr(amount), paymentIndexes: [0, 1] }),
];

async function investigatedCase(): Promise<string> {
  return (await givenCase(registered(), ...investigated)).id;
}

async function claimedCase(amount = 8000): Promise<string> {
  return (await givenCase(registered(), ...claimed(amount))).id;
}

async function expectClosedAs(id: string, reason: string, closedOn: string): Promise<void> {
  await ok(post(`/cases/${id}/closure`, { closedOn, reason }));
  const res = await ok(get(`/cases/${id}`));
  expect(res.body.status).toBe('closed');
  expect(res.body.closure).toMatchObject({ closedOn, reason });
}

describe('registering incoming information', () => {
  it('answers 201 with id, case number and version, and an ETag', async () => {
    const res = await ok(
      post('/cases', {
        district: 'bromma',
        receivedOn: '2018-05-02',
        source: 'post-check',
        subject: { gender: 'woman' },
      }),
      201,
    );
    expect(res.body).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      caseNumber: expect.stringMatching(/^BR-2018-\d{4}$/),
      version: 0,
    });
    expect(res.headers.etag).toBe('"0"');
    const view = await ok(get(`/cases/${res.body.id}`));
    expect(view.body).toMatchObject({
      status: 'in-queue',
      district: 'bromma',
      receivedOn: '2018-05-02',
      subject: { gender: 'woman', personalIdentityNumber: null },
    });
  });

  it('stores the 12-digit personnummer and takes the gender from it', async () => {
    const res = await ok(
      post('/cases', {
        district: 'hasselby-vallingby',
        receivedOn: '2018-02-01',
        source: 'caseworker',
        subject: { personalIdentityNumber: '811218-9876' },
        suspectedPayments: [{ paidOn: '2017-11-24', amount: 5000 }],
      }),
      201,
    );
    const id = res.body.id as string;
    const view = await ok(get(`/cases/${id}`));
    expect(view.body.subject).toMatchObject({ personalIdentityNumber: '198112189876', gender: 'man' });
  });

  it("lists the person's other open cases", async () => {
    const first = await givenCase(registered({ subject: person(PIN_WOMAN) }));
    const res = await ok(
      post('/cases', {
        district: 'farsta',
        receivedOn: '2018-06-01',
        source: 'public',
        subject: { personalIdentityNumber: PIN_WOMAN },
      }),
      201,
    );
    expect(res.body.relatedOpenCases).toEqual([
      expect.objectContaining({ id: first.id, caseNumber: first.caseNumber, district: 'hasselby-vallingby' }),
    ]);
  });

  it('gives 20 concurrent registrations in one district 20 distinct consecutive numbers', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        post('/cases', {
          district: 'skarpnack',
          receivedOn: '2018-09-01',
          source: 'caseworker',
          subject: { gender: 'unknown' },
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    const numbers = results.map((r) => r.body.caseNumber as string).sort();
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => `SN-2018-${String(i + 1).padStart(4, '0')}`));
  });

  it('numbers each year separately', async () => {
    const a = await ok(
      post('/cases', {
        district: 'kungsholmen',
        receivedOn: '2017-12-31',
        source: 'caseworker',
        subject: { gender: 'man' },
      }),
      201,
    );
    const b = await ok(
      post('/cases', {
        district: 'kungsholmen',
        receivedOn: '2018-01-01',
        source: 'caseworker',
        subject: { gender: 'man' },
      }),
      201,
    );
    expect([a.body.caseNumber, b.body.caseNumber]).toEqual(['KH-2017-0001', 'KH-2018-0001']);
  });
});

describe('every path to a closing reason', () => {
  it('repaid-claim: claim, plan, repayments until nothing is outstanding', async () => {
    const id = await claimedCase(8000);
    const distant = await post(`/cases/${id}/repayment-plan`, {
      agreedOn: '2018-03-10',
      monthlyAmount: 500,
      firstDueOn: '2100-12-31',
    });
    expect(distant.status).toBe(422);
    expect(distant.body).toMatchObject({
      code: 'first-due-too-late',
      errors: [expect.objectContaining({ field: 'firstDueOn' })],
      latestFirstDueOn: '2019-03-10',
    });
    await ok(
      post(`/cases/${id}/repayment-plan`, { agreedOn: '2018-03-10', monthlyAmount: 500, firstDueOn: '2018-04-01' }),
    );
    await ok(post(`/cases/${id}/repayments`, { receivedOn: '2018-04-01', amount: 7999.5, kind: 'claim' }));
    await ok(post(`/cases/${id}/repayments`, { receivedOn: '2018-05-01', amount: 0.5, kind: 'claim' }));
    const view = await ok(get(`/cases/${id}`));
    // writtenOff (what a deceased person's estate could not pay) joined the amounts in issue 20.
    expect(view.body.amounts).toEqual({
      claimed: 8000,
      repaid: 8000,
      waived: 0,
      writtenOff: 0,
      sued: 0,
      outstanding: 0,
    });
    expect(view.body.status).toBe('follow-up');
    await expectClosedAs(id, 'repaid-claim', '2018-05-01');
  });

  it('repaid-damages: police report, then damages repaid', async () => {
    const id = await claimedCase(3000);
    await ok(post(`/cases/${id}/police-reports`, { filedOn: '2018-03-06' }));
    await ok(post(`/cases/${id}/repayments`, { receivedOn: '2018-10-01', amount: 3000, kind: 'damages' }));
    await expectClosedAs(id, 'repaid-damages', '2018-10-02');
  });

  it('repaid-compensation: ability to pay, court suit, judgment, repayment', async () => {
    const id = await claimedCase(8000);
    await ok(post(`/cases/${id}/ability-to-pay`, { assessedOn: '2018-04-01', able: true }));
    await ok(post(`/cases/${id}/compensation-suit-decisions`, { decidedOn: '2018-04-05' }));
    await ok(post(`/cases/${id}/compensation-suits`, { filedOn: '2018-04-10', amount: 8000 }));
    await ok(post(`/cases/${id}/compensation-judgments`, { decidedOn: '2018-09-01', awardedAmount: 8000 }));
    await ok(post(`/cases/${id}/repayments`, { receivedOn: '2018-10-01', amount: 8000, kind: 'compensation' }));
    const view = await ok(get(`/cases/${id}`));
    expect(view.body.amounts).toMatchObject({ sued: 8000, outstanding: 0 });
    await expectClosedAs(id, 'repaid-compensation', '2018-10-01');
  });

  it('no-claim: investigation found no incorrect payment', async () => {
    const { id } = await givenCase(
      registered(),
      investigationOpened({ decidedOn: '2018-02-10' }),
      investigationCompleted({ completedOn: '2018-03-01' }),
    );
    expect((await ok(get(`/cases/${id}`))).body.status).toBe('investigated');
    await expectClosedAs(id, 'no-claim', '2018-03-02');
  });

  it('no-action: not opened for lack of grounds', async () => {
    const { id } = await givenCase(registered(), investigationNotOpened('no-grounds', { decidedOn: '2018-02-10' }));
    expect((await ok(get(`/cases/${id}`))).body.status).toBe('not-opened');
    await expectClosedAs(id, 'no-action', '2018-02-10');
  });

  it('waived-other: part repaid, the rest waived', async () => {
    const id = await claimedCase(8000);
    await ok(post(`/cases/${id}/repayments`, { receivedOn: '2018-04-01', amount: 1000, kind: 'claim' }));
    await ok(post(`/cases/${id}/waivers`, { decidedOn: '2018-06-01', reason: 'other', amount: 7000 }));
    await expectClosedAs(id, 'waived-other', '2018-06-01');
  });

  it('waived-time-limit: once every payment is past its limit', async () => {
    const id = await claimedCase(8000);
    // Today is 2019-06-28: both deadlines (2019-03-11 and 2019-06-24) have passed.
    const view = await ok(get(`/cases/${id}`));
    expect(view.body.threeYearLimit).toEqual({
      claimableToday: 0,
      expiredToday: 8000,
      nextDeadline: null,
      amountLostAtNextDeadline: 0,
      payments: [
        { paidOn: '2016-03-10', amount: 3000, deadline: '2019-03-11' },
        { paidOn: '2016-06-23', amount: 5000, deadline: '2019-06-24' },
      ],
    });
    const early = await post(`/cases/${id}/closure`, { closedOn: '2019-06-24', reason: 'waived-time-limit' });
    expect(early.status).toBe(422);
    expect(early.body).toMatchObject({ code: 'closing-reason-not-met', claimableAmount: 5000 });
    const unwaived = await post(`/cases/${id}/closure`, { closedOn: '2019-06-25', reason: 'waived-time-limit' });
    expect(unwaived.status).toBe(422);
    expect(unwaived.body).toMatchObject({
      code: 'closing-reason-not-met',
      missing: ['waiver'],
      outstandingAmount: 8000,
    });
    await ok(post(`/cases/${id}/waivers`, { decidedOn: '2019-06-25', reason: 'time-limit', amount: 8000 }));
    await expectClosedAs(id, 'waived-time-limit', '2019-06-25');
  });

  // Since issue 20 the money owed and the reason for not reporting a finding of intent are named too.
  it.each([
    ['offence-not-proven', 'a case without a police report', ['police-report', 'repayment-or-waiver']],
    ['no-action', 'a case with an open claim', ['no-repayment-claim', 'no-police-report-reason']],
    ['waived-other', 'a claim with money outstanding and no waiver decision', ['waiver']],
    ['internal-error', 'a claim made without an internal error', ['internal-error-finding', 'no-repayment-claim']],
  ])('refuses %s on %s with 422 naming what is missing, writing nothing', async (reason, _what, missing) => {
    await given(registered(), ...claimed(8000))
      .when((http, c) => http.post(`${c.url}/closure`).send({ closedOn: '2018-12-01', reason }))
      .thenNothingAppended({ status: 422, code: 'closing-reason-not-met', fields: ['reason'], body: { missing } });
  });

  // Issue 20: Brott kan ej styrkas rests on the police's or the prosecutor's recorded outcome.
  it('offence-not-proven: after a police report and the prosecutor deciding not to prosecute', async () => {
    const id = await investigatedCase();
    await ok(post(`/cases/${id}/police-reports`, { filedOn: '2018-03-02' }));
    await ok(post(`/cases/${id}/police-report-outcomes`, { decidedOn: '2018-11-20', outcome: 'not-prosecuted' }));
    await expectClosedAs(id, 'offence-not-proven', '2018-12-01');
  });

  it("internal-error: not opened because the error was the administration's", async () => {
    const { id } = await givenCase(registered(), investigationNotOpened('internal-error', { decidedOn: '2018-02-10' }));
    await expectClosedAs(id, 'internal-error', '2018-02-11');
  });

  // Issue 20: with money owed, Avliden needs the claim lodged against the estate and what came of it.
  it('deceased: closed during follow-up once the estate answered', async () => {
    const id = await claimedCase(8000);
    await ok(post(`/cases/${id}/estate-claims`, { lodgedOn: '2018-07-02', amount: 8000 }));
    await ok(post(`/cases/${id}/estate-claim-outcomes`, { decidedOn: '2018-07-30', outcome: 'nothing' }));
    await expectClosedAs(id, 'deceased', '2018-08-01');
  });

  it('reopens a closed case and closes it again', async () => {
    const { id } = await givenCase(registered(), investigationNotOpened('other', { decidedOn: '2018-02-10' }));
    await expectClosedAs(id, 'no-action', '2018-02-11');
    await ok(post(`/cases/${id}/reopening`, { reopenedOn: '2018-03-01', reason: 'Ny information från Skatteverket' }));
    expect((await ok(get(`/cases/${id}`))).body.status).toBe('not-opened');
    await expectClosedAs(id, 'no-action', '2018-03-02');
  });
});

describe('the three-year limit through the API', () => {
  it('shows claimable amount, next deadline and what would be lost', async () => {
    t.clock.set(new Date('2019-01-15T12:00:00+01:00'));
    try {
      const id = await claimedCase(8000);
      const view = await ok(get(`/cases/${id}`));
      expect(view.body.threeYearLimit).toMatchObject({
        claimableToday: 8000,
        expiredToday: 0,
        nextDeadline: '2019-03-11',
        amountLostAtNextDeadline: 3000,
      });
      await ok(post(`/cases/${id}/ability-to-pay`, { assessedOn: '2019-01-10', able: true }));
      await ok(post(`/cases/${id}/compensation-suit-decisions`, { decidedOn: '2019-01-11' }));
      t.clock.set(new Date('2019-03-12T09:00:00+01:00'));
      const refused = await post(`/cases/${id}/compensation-suits`, { filedOn: '2019-03-12', amount: 6000 });
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({ code: 'above-claimable', claimableAmount: 5000 });
      await ok(post(`/cases/${id}/compensation-suits`, { filedOn: '2019-03-12', amount: 5000 }));
    } finally {
      t.clock.set(new Date('2019-06-28T10:00:00+02:00'));
    }
  });
});

describe('refused commands write nothing', () => {
  async function unchanged(action: () => Promise<Response>, status: number, code?: string): Promise<Response> {
    const before = await t.eventCount();
    const res = await action();
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status, ...(code ? { code } : {}) });
    expect(typeof res.body.title).toBe('string');
    expect(await t.eventCount()).toBe(before);
    return res;
  }

  it('400 lists each invalid field', async () => {
    const res = await unchanged(
      () =>
        post('/cases', {
          district: 'Bromma!',
          receivedOn: '2018-02-30',
          source: 'gossip',
          subject: { gender: 'x' },
          extra: 1,
        }),
      400,
      'invalid-request',
    );
    const fields = (res.body.errors as Array<{ field: string }>).map((e) => e.field).sort();
    expect(fields).toEqual(expect.arrayContaining(['district', 'receivedOn', 'source', 'subject.gender', 'extra']));
  });

  it('400 for a wrong control digit, a gender that disagrees, a missing gender, an unknown district', async () => {
    const base = { district: 'farsta', receivedOn: '2018-02-01', source: 'public' };
    let res = await unchanged(
      () => post('/cases', { ...base, subject: { personalIdentityNumber: '19811218-9877' } }),
      400,
    );
    expect(res.body.errors[0].field).toBe('subject.personalIdentityNumber');
    res = await unchanged(
      () => post('/cases', { ...base, subject: { personalIdentityNumber: PIN, gender: 'woman' } }),
      400,
    );
    expect(res.body.errors[0].field).toBe('subject.gender');
    res = await unchanged(() => post('/cases', { ...base, subject: {} }), 400);
    expect(res.body.errors[0].field).toBe('subject.gender');
    res = await unchanged(() => post('/cases', { ...base, district: 'atlantis', subject: { gender: 'man' } }), 400);
    expect(res.body.errors[0].field).toBe('district');
  });

  it('400 for amounts with more than two decimals, negative or not numbers', async () => {
    const id = await claimedCase();
    for (const amount of [1.005, -5, 0, '100', null]) {
      const res = await unchanged(
        () => post(`/cases/${id}/repayments`, { receivedOn: '2018-04-01', amount, kind: 'claim' }),
        400,
      );
      expect(res.body.errors[0].field).toBe('amount');
    }
  });

  it('400 for malformed JSON', async () => {
    await unchanged(
      () => t.http.post('/api/cases').set('Content-Type', 'application/json').send('{"district":'),
      400,
      'invalid-request',
    );
  });

  it('404 for an unknown case and for a malformed id', async () => {
    await unchanged(
      () =>
        post('/cases/7d0c3c8e-2f43-4a8f-9a39-1d8cbd1f0000/assessment', {
          decidedOn: '2018-02-10',
          decision: 'open-investigation',
        }),
      404,
      'not-found',
    );
    await unchanged(() => get('/cases/not-a-uuid'), 404, 'not-found');
    await unchanged(() => get('/cases/7d0c3c8e-2f43-4a8f-9a39-1d8cbd1f0000/history'), 404, 'not-found');
  });

  it("409 for a command not allowed in the case's state", async () => {
    const { id } = await givenCase(registered());
    await unchanged(
      () => post(`/cases/${id}/repayment-claims`, { decidedOn: '2018-03-05', legalBasis: 'SoL 9:1', amount: 10 }),
      409,
      'no-incorrect-payment',
    );
    await unchanged(
      () => post(`/cases/${id}/reopening`, { reopenedOn: '2018-03-05', reason: 'x' }),
      409,
      'case-not-closed',
    );
  });

  it('412 for a stale If-Match, and a fresh one succeeds', async () => {
    const { id } = await givenCase(registered());
    await unchanged(
      () =>
        post(
          `/cases/${id}/journal`,
          { notedOn: '2018-02-02', kind: 'note', text: 'Ringt handläggaren' },
          { 'If-Match': '"5"' },
        ),
      412,
      'stale-version',
    );
    const res = await ok(
      post(
        `/cases/${id}/journal`,
        { notedOn: '2018-02-02', kind: 'note', text: 'Ringt handläggaren' },
        { 'If-Match': '"0"' },
      ),
    );
    expect(res.body.version).toBe(1);
    expect(res.headers.etag).toBe('"1"');
  });

  it('racing commands without If-Match are each decided on the current state, none overwritten', async () => {
    const { id } = await givenCase(registered());
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        post(`/cases/${id}/journal`, { notedOn: '2018-02-02', kind: 'note', text: `Anteckning ${i}` }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(new Set(results.map((r) => r.body.version)).size).toBe(10);
    const view = await ok(get(`/cases/${id}`));
    expect(view.body.journal).toHaveLength(10);
    expect(view.body.version).toBe(10);
    // Two racing repayments that together exceed the claim: the second is decided on the state after the first.
    const claimed = await claimedCase(8000);
    const race = await Promise.all(
      [5000, 5000].map((amount) =>
        post(`/cases/${claimed}/repayments`, { receivedOn: '2018-04-01', amount, kind: 'claim' }),
      ),
    );
    expect(race.map((r) => r.status).sort()).toEqual([200, 422]);
    expect((await ok(get(`/cases/${claimed}`))).body.amounts.repaid).toBe(5000);
  });

  it('422 for broken business rules: dates, amounts, the three-year limit', async () => {
    const { id } = await givenCase(registered());
    await unchanged(
      () => post(`/cases/${id}/assessment`, { decidedOn: '2019-06-29', decision: 'open-investigation' }),
      422,
      'date-in-future',
    );
    await unchanged(
      () => post(`/cases/${id}/assessment`, { decidedOn: '2018-01-31', decision: 'open-investigation' }),
      422,
      'date-before-received',
    );
    const res = await unchanged(
      () =>
        post(`/cases/${id}/assessment`, {
          decidedOn: '2018-02-10',
          decision: 'no-investigation',
          reason: 'time-limit',
        }),
      422,
      'time-limit-not-passed',
    );
    expect(res.body.errors[0].field).toBe('reason');
    const claimed = await claimedCase(8000);
    await unchanged(
      () => post(`/cases/${claimed}/repayments`, { receivedOn: '2018-04-01', amount: 8000.01, kind: 'claim' }),
      422,
      'amount-above-outstanding',
    );
    const other = await investigatedCase();
    await unchanged(
      () => post(`/cases/${other}/repayment-claims`, { decidedOn: '2018-03-05', legalBasis: 'SoL 33:1', amount: 10 }),
      422,
      'wrong-law',
    );
    await unchanged(
      () =>
        post(`/cases/${other}/repayment-claims`, { decidedOn: '2018-03-05', legalBasis: 'SoL 9:1', amount: 8000.01 }),
      422,
      'amount-above-payments',
    );
    await unchanged(
      () =>
        post('/cases', { district: 'jarva', receivedOn: '2018-02-01', source: 'public', subject: { gender: 'man' } }),
      422,
      'district-not-valid',
    );
  });
});

describe('idempotent retries', () => {
  it('the same key and request return the first answer and write nothing', async () => {
    const body = { district: 'sodermalm', receivedOn: '2018-04-04', source: 'applicant', subject: { gender: 'woman' } };
    const first = await ok(post('/cases', body, { 'Idempotency-Key': 'reg-1' }), 201);
    const before = await t.eventCount();
    const again = await ok(post('/cases', body, { 'Idempotency-Key': 'reg-1' }), 201);
    expect(again.body).toEqual(first.body);
    expect(await t.eventCount()).toBe(before);

    const note = { notedOn: '2018-04-05', kind: 'note', text: 'Begärt kontoutdrag' };
    const n1 = await ok(post(`/cases/${first.body.id}/journal`, note, { 'Idempotency-Key': 'note-1' }));
    const afterNote = await t.eventCount();
    const n2 = await ok(post(`/cases/${first.body.id}/journal`, note, { 'Idempotency-Key': 'note-1' }));
    expect(n2.body).toEqual(n1.body);
    expect(await t.eventCount()).toBe(afterNote);
    expect((await ok(get(`/cases/${first.body.id}`))).body.journal).toHaveLength(1);
  });

  it('the same key with a different request answers 409', async () => {
    const body = { district: 'sodermalm', receivedOn: '2018-04-04', source: 'applicant', subject: { gender: 'woman' } };
    await ok(post('/cases', body, { 'Idempotency-Key': 'reg-2' }), 201);
    const before = await t.eventCount();
    const res = await post('/cases', { ...body, receivedOn: '2018-04-05' }, { 'Idempotency-Key': 'reg-2' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('idempotency-key-reused');
    expect(await t.eventCount()).toBe(before);
  });

  it('concurrent duplicates of one keyed request write once', async () => {
    const body = { district: 'ostermalm', receivedOn: '2018-04-04', source: 'applicant', subject: { gender: 'man' } };
    const results = await Promise.all([1, 2, 3].map(() => post('/cases', body, { 'Idempotency-Key': 'reg-race' })));
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    const list = await ok(get('/cases?district=ostermalm&receivedFrom=2018-04-04&receivedTo=2018-04-04'));
    expect(list.body.total).toBe(1);
  });
});

describe('reading cases', () => {
  it('GET /cases/{id}/history lists every event with business date, recordedAt and recordedBy', async () => {
    const id = await claimedCase();
    const res = await ok(get(`/cases/${id}/history`));
    expect(res.body.map((e: { type: string }) => e.type)).toEqual([
      'CaseRegistered',
      'PreAssessmentMade',
      'InvestigationCompleted',
      'RepaymentClaimDecided',
    ]);
    expect(res.body[3]).toMatchObject({
      version: 3,
      businessDate: '2018-03-05',
      recordedBy: 'anna.utredare',
      recordedAt: expect.stringMatching(/^2019-06-28T/),
    });
  });

  it('GET /cases filters by district, status, investigator, dates and personnummer, without personnummer in items', async () => {
    const { id } = await givenCase(
      registered({
        district: 'skarholmen',
        receivedOn: '2018-07-07',
        subject: person('19700101-0011'),
      }),
    );
    const unknown = await post(`/cases/${id}/assignment`, { investigator: 'nobody.at.all' });
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({ code: 'unknown-investigator', errors: [{ field: 'investigator' }] });
    const elsewhere = await t.as('bo.bromma', 'investigator', ['bromma']);
    await elsewhere.get('/api/districts'); // signs in: now known, but in Bromma
    expect((await post(`/cases/${id}/assignment`, { investigator: 'bo.bromma' })).body.code).toBe(
      'investigator-not-in-district',
    );
    await (await t.as('bo.utredare', 'investigator', ['skarholmen'])).get('/api/districts');
    // What a unit head picks from: the staff known in the district, and not someone elsewhere.
    const staff = (await get('/staff?district=skarholmen')).body as Array<{ user: string }>;
    expect(staff.map((s) => s.user)).toContain('bo.utredare');
    expect(staff.map((s) => s.user)).not.toContain('bo.bromma');
    await ok(post(`/cases/${id}/assignment`, { investigator: 'bo.utredare' }));
    const byInvestigator = await ok(get('/cases?investigator=bo.utredare'));
    expect(byInvestigator.body.items.map((c: { id: string }) => c.id)).toEqual([id]);
    expect(byInvestigator.body.items[0]).not.toHaveProperty('personalIdentityNumber');
    const byPin = await ok(post('/cases/search', { personalIdentityNumber: '700101-0011' }));
    expect(byPin.body.items.map((c: { id: string }) => c.id)).toEqual([id]);
    // Never in a URL: proxies and access logs keep URLs.
    const inUrl = await get('/cases?personalIdentityNumber=700101-0011');
    expect(inUrl.status).toBe(400);
    expect(inUrl.body.errors).toEqual([
      expect.objectContaining({
        field: 'personalIdentityNumber',
        message: expect.stringMatching(/POST \/api\/cases\/search/),
      }),
    ]);
    const byStatus = await ok(
      get('/cases?district=skarholmen&status=in-queue&receivedFrom=2018-07-01&receivedTo=2018-07-31'),
    );
    expect(byStatus.body).toMatchObject({ total: 1, page: 1 });
    const bad = await get('/cases?status=sleeping&page=0');
    expect(bad.status).toBe(400);
  });

  it('a transfer moves the case to the new district', async () => {
    const { id } = await givenCase(registered({ district: 'farsta', receivedOn: '2018-03-03' }));
    await ok(post(`/cases/${id}/transfer`, { transferredOn: '2018-04-01', toDistrict: 'enskede-arsta-vantor' }));
    const view = await ok(get(`/cases/${id}`));
    expect(view.body).toMatchObject({
      district: 'enskede-arsta-vantor',
      caseNumber: expect.stringMatching(/^FA-2018-/),
    });
    expect(view.body.transfers).toEqual([
      { transferredOn: '2018-04-01', fromDistrict: 'farsta', toDistrict: 'enskede-arsta-vantor' },
    ]);
  });

  it('a voided case accepts nothing more', async () => {
    const { id } = await givenCase(registered());
    await ok(post(`/cases/${id}/void`, { reason: 'duplicate' }));
    expect((await ok(get(`/cases/${id}`))).body.status).toBe('voided');
    const res = await post(`/cases/${id}/journal`, { notedOn: '2018-04-05', kind: 'note', text: 'x' });
    expect(res.status).toBe(409);
  });

  it('GET /districts is the register with prefixes and validity', async () => {
    const res = await ok(get('/districts'));
    expect(res.body).toContainEqual({
      code: 'hasselby-vallingby',
      name: 'Hässelby-Vällingby',
      prefix: 'HV',
      validFrom: '2007-01-01',
      validTo: null,
      successor: null,
    });
    expect(res.body).toContainEqual(expect.objectContaining({ code: 'jarva', validFrom: '2023-07-01' }));
    expect(res.body).toContainEqual(
      expect.objectContaining({ code: 'rinkeby-kista', validTo: '2023-06-30', successor: 'jarva' }),
    );
  });

  it('serves the OpenAPI description', async () => {
    const res = await ok(get('/docs-json'));
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/cases', '/api/cases/{id}/compensation-suits', '/api/districts']),
    );
  });
});

describe('specifications from a given history (test/support/given.ts)', () => {
  it('given writes a history as the service does: the same events, metadata and case as the same steps over HTTP', async () => {
    // The chain the given history stands for, once through the API.
    const registration = await ok(
      post('/cases', {
        district: 'hasselby-vallingby',
        receivedOn: '2018-02-01',
        source: 'caseworker',
        subject: { personalIdentityNumber: PIN, name: 'Test Testsson' },
        suspectedPayments: [{ paidOn: '2017-11-24', amount: 5000 }],
      }),
      201,
    );
    const overHttp = registration.body.id as string;
    await ok(
      post(`/cases/${overHttp}/assessment`, {
        decidedOn: '2018-02-10',
        decision: 'open-investigation',
        suspectedCause: 'unreported-income',
      }),
    );
    await ok(
      post(`/cases/${overHttp}/investigation-result`, {
        completedOn: '2018-03-01',
        finding: 'incorrect-payment',
        cause: 'unreported-income',
        incorrectPayments: [
          { paidOn: '2016-03-10', amount: 3000 },
          { paidOn: '2016-06-23', amount: 5000, grantedOn: '2016-06-01' },
        ],
        intent: 'intentional',
        savedAmount: 1200.5,
      }),
    );
    await ok(
      post(`/cases/${overHttp}/repayment-claims`, { decidedOn: '2018-03-05', legalBasis: 'SoL 9:1', amount: 8000 }),
    );
    // The claim over HTTP names no decision-maker: the service records the signed-in user (issue 20).
    const given = await givenCase(
      registered(),
      ...investigated,
      repaymentClaimDecided({
        decidedOn: '2018-03-05',
        amountOre: kr(8000),
        paymentIndexes: [0, 1],
        decisionMaker: { decidedBy: GIVEN_BY, capacity: 'unit-head', delegationPoint: null },
      }),
    );

    const store = t.app.get<EventStore>(EVENT_STORE);
    const personalData = t.app.get(PersonalData);
    const stored = async (id: string) =>
      (await store.readStream(caseStreamId(id))).map((e) => ({
        type: e.type,
        schemaVersion: e.schemaVersion,
        // Each case has its own id and number; the data key is the person's, so the same in both.
        data: personalData.revealAll({ ...e.data, caseId: undefined, caseNumber: undefined }),
        metadata: { ...e.metadata, correlationId: typeof e.metadata.correlationId },
        storedInPlain: JSON.stringify(e.data).includes('Test Testsson'),
      }));
    expect(await stored(given.id)).toEqual(await stored(overHttp));
    const view = async (id: string) => {
      const body = (await ok(get(`/cases/${id}`))).body as Record<string, unknown>;
      return { ...body, id: undefined, caseNumber: undefined };
    };
    expect(await view(given.id)).toEqual(await view(overHttp));
  });

  it('refuses a history the service could not have written, before writing any of it', async () => {
    const before = await t.eventCount();
    await expect(givenCase(registered(), investigationOpened({ decidedOn: '2018-01-31' }))).rejects.toThrow(
      /PreAssessmentMade \(event 1\) on 2018-01-31, not between 2018-02-01/,
    );
    await expect(
      givenCase(registered(), ...investigated, repaymentClaimDecided({ amountOre: 0, paymentIndexes: [0] })),
    ).rejects.toThrow(/RepaymentClaimDecided \(event 3\): amount must be an amount above 0/);
    expect(await t.eventCount()).toBe(before);
  });

  it('the last repayment of a claim appends it to the claim', async () => {
    await given(
      registered(),
      ...claimed(8000),
      repaymentPlanAgreed({ agreedOn: '2018-03-10', monthlyAmountOre: kr(500), firstDueOn: '2018-04-01' }),
      repaymentReceived({ receivedOn: '2018-04-01', amountOre: kr(7999.5) }),
    )
      .when((http, c) =>
        http.post(`${c.url}/repayments`).send({ receivedOn: '2018-05-01', amount: 0.5, kind: 'claim' }),
      )
      .then({
        status: 200,
        body: { version: 6 },
        events: [repaymentReceived({ claimId: '1', receivedOn: '2018-05-01', amountOre: 50, kind: 'claim' })],
      });
  });

  it("a step sent with the version before a colleague's note answers 412 with the version now, and appends nothing", async () => {
    await given(registered(), journalEntryAdded({ notedOn: '2018-02-02', text: 'Ringt handläggaren' }))
      .when((http, c) =>
        http
          .post(`${c.url}/journal`)
          .set('If-Match', '"0"')
          .send({ notedOn: '2018-02-03', kind: 'note', text: 'Begärt kontoutdrag' }),
      )
      .thenNothingAppended({ status: 412, code: 'stale-version', body: { currentVersion: 1 } });
  });

  it("another district's investigator is answered as if the case did not exist, and nothing is appended", async () => {
    await given(registered(), ...claimed(8000))
      .as('bo.bromma', 'investigator', ['bromma'])
      .when((http, c) => http.post(`${c.url}/closure`).send({ closedOn: '2018-12-01', reason: 'deceased' }))
      .thenNothingAppended({ status: 404, code: 'not-found' });
  });
});
