import {
  caseRegistered,
  caseSpecification,
  investigationCompleted,
  investigationOpened,
  payment,
  suspected,
  unnamed,
} from './support/given';
import { apiClient } from './support/api-client';
import { type TestApp, startTestApp } from './support/test-app';

/**
 * Issue 22, the server's side of the forms: every field error of a request in
 * one answer (each with its own code), what the forms propose and hint from
 * the service's own rules, a voided case that claims nothing, and import rows
 * that say whether the reader may open their case.
 */
let t: TestApp;
beforeAll(async () => {
  // After SoL 2025:400 took effect (2025-07-01), so a case can hold payments under each law.
  t = await startTestApp('2025-09-01T10:00:00+02:00');
  // The first request of a user records that the service has seen them: not part of what is measured.
  await t.http.get('/api/cases');
});
afterAll(async () => {
  await t.close();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers checked with toMatchObject
type Json = any;
const { get, post } = apiClient(() => t);
const { given, givenCase } = caseSpecification(() => t);
const fieldsOf = (body: Json): string[] => (body.errors as Array<{ field: string }>).map((e) => e.field);

const registration = {
  district: 'bromma',
  receivedOn: '2025-08-20',
  source: 'public',
  subject: { personalIdentityNumber: '19811218-9876' },
};

/** A refused request: the answer, and that nothing was written. */
async function refused(path: string, body: object): Promise<{ status: number; body: Json }> {
  const before = await t.eventCount();
  const res = await t.http.post(`/api${path}`).send(body);
  expect(await t.eventCount()).toBe(before);
  return { status: res.status, body: res.body };
}

describe('a registration names every wrong field in one answer', () => {
  it('the personnummer and a gender that disagrees with it come with the other malformed fields', async () => {
    const res = await refused('/cases', {
      ...registration,
      receivedOn: '2025-02-30',
      subject: { personalIdentityNumber: '19811218-9875' },
      suspectedPayments: [{ paidOn: '2025-13-01', amount: 0 }],
    });
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toEqual(
      expect.arrayContaining([
        'receivedOn',
        'subject.personalIdentityNumber',
        'suspectedPayments[0].paidOn',
        'suspectedPayments[0].amount',
      ]),
    );
    const gender = await refused('/cases', {
      ...registration,
      source: 'nobody',
      subject: { personalIdentityNumber: '19811218-9876', gender: 'woman' },
    });
    expect(gender.status).toBe(400);
    expect(fieldsOf(gender.body)).toEqual(expect.arrayContaining(['source', 'subject.gender']));
  });

  it('an unknown district and a personnummer born after today in one 400', async () => {
    // Well formed, with the right control digit: only today's date refuses it.
    const res = await refused('/cases', {
      ...registration,
      district: 'atlantis',
      subject: { personalIdentityNumber: '20991231-2288' },
    });
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toEqual(['district', 'subject.personalIdentityNumber']);
  });

  it('the rules the decision checks (dates in the future) in one 422, each field with its code', async () => {
    const res = await refused('/cases', {
      ...registration,
      receivedOn: '2025-09-02',
      suspectedPayments: [
        { paidOn: '2025-08-01', amount: 100 },
        { paidOn: '2025-09-03', amount: 200 },
      ],
    });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      code: 'date-in-future',
      errors: [
        { field: 'receivedOn', code: 'date-in-future' },
        { field: 'suspectedPayments[1].paidOn', code: 'date-in-future' },
      ],
    });
  });
});

describe('steps refuse every broken rule of their fields at once', () => {
  const investigated = () =>
    givenCase(
      caseRegistered({ district: 'bromma', receivedOn: '2025-08-01', subject: unnamed('man') }),
      investigationOpened({ decidedOn: '2025-08-02' }),
      investigationCompleted({
        completedOn: '2025-08-10',
        incorrectPayments: [payment('2025-06-10', 1200), payment('2025-07-10', 800)],
      }),
    );

  it('a claim dated in the future and above the payments its law governs: both fields, the highest amount', async () => {
    const c = await investigated();
    const res = await refused(`/cases/${c.id}/repayment-claims`, {
      decidedOn: '2025-09-05',
      legalBasis: 'SoL 33:1',
      amount: 2000,
    });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      code: 'date-in-future',
      maximumAmount: 800,
      errors: [
        { field: 'decidedOn', code: 'date-in-future' },
        { field: 'amount', code: 'amount-above-payments' },
      ],
    });
  });

  it('an investigation result: its date and each row that breaks a rule', async () => {
    const { id } = await givenCase(
      caseRegistered({ district: 'bromma', receivedOn: '2025-08-01', subject: unnamed('man') }),
      investigationOpened({ decidedOn: '2025-08-05' }),
    );
    const res = await refused(`/cases/${id}/investigation-result`, {
      completedOn: '2025-08-04',
      finding: 'incorrect-payment',
      cause: 'unreported-income',
      incorrectPayments: [
        { paidOn: '2025-07-15', amount: 100 },
        { paidOn: '2025-06-01', amount: 100, grantedOn: '2025-06-01' },
        { paidOn: '2025-08-20', amount: 100, grantedOn: '2025-08-01' },
      ],
    });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      code: 'date-before-step',
      errors: [
        { field: 'completedOn', code: 'date-before-step' },
        { field: 'incorrectPayments[0].grantedOn', code: 'granted-on-required' },
        { field: 'incorrectPayments[2].paidOn', code: 'date-before-step' },
      ],
    });
  });

  it('a refusal of another kind after a broken rule: the rule answers, as checking one by one did', async () => {
    // A date in the future, then a field that is wrong whatever the state (no cause): the date's 422, as before.
    const { id } = await givenCase(
      caseRegistered({ district: 'bromma', receivedOn: '2025-08-01', subject: unnamed('man') }),
      investigationOpened({ decidedOn: '2025-08-05' }),
    );
    const res = await refused(`/cases/${id}/investigation-result`, {
      completedOn: '2025-09-10',
      finding: 'incorrect-payment',
      incorrectPayments: [{ paidOn: '2025-07-15', amount: 100, grantedOn: '2025-07-15' }],
    });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'date-in-future', errors: [{ field: 'completedOn' }] });
  });
});

describe('what the forms propose and hint comes from the service’s rules', () => {
  const stepOf = (view: Json, id: string): Json => view.steps.find((s: Json) => s.id === id);
  const fieldOf = (step: Json, name: string): Json => step.fields.find((f: Json) => f.name === name);

  it('the claim’s amount is proposed per law: the payments each law governs, none before a law is chosen', async () => {
    const { id } = await givenCase(
      caseRegistered({ district: 'bromma', receivedOn: '2025-08-01', subject: unnamed('man') }),
      investigationOpened({ decidedOn: '2025-08-02' }),
      investigationCompleted({
        completedOn: '2025-08-10',
        incorrectPayments: [payment('2025-06-10', 1200), payment('2025-07-10', 800), payment('2025-07-20', 50.5)],
      }),
    );
    const amount = fieldOf(stepOf((await get(`/cases/${id}`)).body, 'repayment-claim'), 'amount');
    expect(amount.initial).toBe('');
    expect(amount.initialBy).toEqual({
      field: 'legalBasis',
      values: {
        'SoL 9:1': '1200,00',
        'SoL 9:2': '1200,00',
        'SoL 33:1': '850,50',
        'SoL 33:2': '850,50',
        'SoL 33:3': '850,50',
      },
    });
  });

  it('with every payment under one law, their sum from the start', async () => {
    const { id } = await givenCase(
      caseRegistered({ district: 'bromma', receivedOn: '2025-08-01', subject: unnamed('man') }),
      investigationOpened({ decidedOn: '2025-08-02' }),
      investigationCompleted({
        completedOn: '2025-08-10',
        incorrectPayments: [payment('2025-07-10', 800), payment('2025-07-20', 200)],
      }),
    );
    const amount = fieldOf(stepOf((await get(`/cases/${id}`)).body, 'repayment-claim'), 'amount');
    expect(amount.initial).toBe('1000,00');
    expect(amount.initialBy.values['SoL 9:1']).toBe('');
  });

  it('the grant date’s hint says it is required from 2025-07-01, and the list is required with the finding', async () => {
    const { id } = await givenCase(
      caseRegistered({ district: 'bromma', receivedOn: '2025-08-01', subject: unnamed('man') }),
      investigationOpened({ decidedOn: '2025-08-02' }),
    );
    const payments = fieldOf(stepOf((await get(`/cases/${id}`)).body, 'investigation-result'), 'incorrectPayments');
    expect(payments).toMatchObject({ kind: 'payments', grantedOn: true, required: true });
    expect(payments.grantedOnHint).toContain('Krävs för utbetalningar från 2025-07-01');
    expect(payments.grantedOnHint).not.toContain('samma som utbetald');
  });

  it('Makulera says that it cannot be undone', async () => {
    const { id } = await givenCase(caseRegistered({ district: 'bromma', receivedOn: '2025-08-01' }));
    const voiding = stepOf((await get(`/cases/${id}`)).body, 'void');
    expect(voiding.irreversible).toContain('Det går inte att ångra');
    expect(stepOf((await get(`/cases/${id}`)).body, 'journal-entry').irreversible).toBeUndefined();
  });
});

describe('a voided case', () => {
  it('claims nothing in court and loses nothing to the limit, whatever payments it was registered with', async () => {
    const registered = caseRegistered({
      district: 'bromma',
      receivedOn: '2025-08-01',
      subject: unnamed('woman'),
      suspectedPayments: [suspected('2025-06-01', 100)],
    });
    const before = await givenCase(registered);
    expect((await get(`/cases/${before.id}`)).body.threeYearLimit.claimableToday).toBe(100);
    const { case: c } = await given(registered)
      .when((http, c) => http.post(`${c.url}/void`).set('If-Match', `"${c.version}"`).send({ reason: 'duplicate' }))
      .then({
        status: 200,
        events: [{ type: 'CaseVoided', data: { voidedOn: '2025-09-01', reason: 'duplicate', note: null } }],
      });
    const view = (await get(`/cases/${c.id}`)).body;
    expect(view.status).toBe('voided');
    expect(view.threeYearLimit).toMatchObject({
      claimableToday: 0,
      expiredToday: 0,
      nextDeadline: null,
      amountLostAtNextDeadline: 0,
      payments: [],
    });
  });
});

describe('import rows say whether the reader may open the case', () => {
  const csv = (rows: string[]): Buffer =>
    Buffer.from('\ufeff' + ['Ärendenummer;Inkommen;Stadsdelsnämnd;Kön;Källa', ...rows].join('\r\n') + '\r\n');

  it('never for an administrator, who reads every import but no case; for the unit head who imported', async () => {
    const admin = await t.as('adam.admin', 'admin', []);
    const imported = await admin
      .post('/api/imports')
      .attach('file', csv(['F22-1;2025-08-01;Bromma;Kvinna;Efterkontroll']), 'r.csv');
    expect(imported.status).toBe(201);
    const rows = (await admin.get(`/api/imports/${imported.body.id}/report`)).body.rows;
    expect(rows).toMatchObject([{ key: 'F22-1', status: 'imported', caseId: expect.any(String), openable: false }]);

    const head = await t.as('hans.chef', 'unit-head', ['bromma']);
    const own = await head
      .post('/api/imports')
      .attach('file', csv(['F22-2;2025-08-01;Bromma;Man;Efterkontroll']), 'r.csv');
    expect(own.status).toBe(201);
    const ownRows = (await head.get(`/api/imports/${own.body.id}/report`)).body.rows;
    expect(ownRows).toMatchObject([{ key: 'F22-2', caseId: expect.any(String), openable: true }]);
    // What the link promises holds: the unit head opens the case.
    expect((await head.get(`/api/cases/${ownRows[0].caseId}`)).status).toBe(200);
    // A dry run's new rows have no case yet: nothing to open.
    const dry = await head
      .post('/api/imports')
      .attach('file', csv(['F22-3;2025-08-01;Bromma;Man;Efterkontroll']), 'r.csv')
      .field('dryRun', 'true');
    expect((await head.get(`/api/imports/${dry.body.id}/report`)).body.rows).toMatchObject([
      { caseId: null, openable: false },
    ]);
  });
});

it('the registration still answers as before when all is well', async () => {
  const res = await post('/cases', { ...registration, receivedOn: '2025-08-25' }, 201);
  expect(res.body).toMatchObject({ caseNumber: expect.stringMatching(/^BR-2025-/), version: 0 });
});
