import { apiClient } from './support/api-client';
import {
  abilityToPayAssessed,
  caseRegistered,
  caseSpecification,
  investigationCompleted,
  investigationOpened,
  kr,
  payment,
  policeReportFiled,
  repaymentClaimDecided,
  unnamed,
} from './support/given';
import { type TestApp, startTestApp } from './support/test-app';

/** Police report outcomes and limitation; notifications to and from other authorities (lag 2008:206); suit decisions. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('2019-03-01T10:00:00+01:00');
});
afterAll(async () => {
  await t.close();
});

const { post, get } = apiClient(() => t);
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers checked with toMatchObject
type Json = any;
const view = async (id: string): Promise<Json> => (await get(`/cases/${id}`)).body;
const stats = async (year: number): Promise<Json> => (await get(`/statistics/annual/${year}`)).body;
const row = (s: Json, district: string): Json => s.districts.find((d: Json) => d.district === district);

const { given, givenCase } = caseSpecification(() => t);

/** A case received 2018-02-01 with an investigation opened 2018-02-05. */
const opened = (district: string) =>
  [
    caseRegistered({ district, receivedOn: '2018-02-01', source: 'caseworker', subject: unnamed('woman') }),
    investigationOpened({ decidedOn: '2018-02-05' }),
  ] as const;
/** The result that found two payments of 3000 kr (2017-10-25 and 2017-11-24), from unreported income. */
const found = (over: Parameters<typeof investigationCompleted>[0] = {}) =>
  investigationCompleted({
    completedOn: '2018-03-01',
    cause: 'unreported-income',
    incorrectPayments: [payment('2017-10-25', 3000), payment('2017-11-24', 3000)],
    ...over,
  });
const investigatedIn = (district: string) => [...opened(district), found()] as const;

async function investigated(district: string): Promise<string> {
  return (await givenCase(...investigatedIn(district))).id;
}

describe('police reports', () => {
  it('shows the offence, its limitation dates and the outcomes as they come', async () => {
    const id = await investigated('bromma');
    await post(`/cases/${id}/police-reports`, { filedOn: '2018-03-05', offence: 'gross' });
    await post(`/cases/${id}/police-report-outcomes`, { decidedOn: '2018-05-02', outcome: 'investigation-opened' });
    await post(`/cases/${id}/police-report-outcomes`, { decidedOn: '2018-11-20', outcome: 'prosecuted' });
    expect((await view(id)).policeReport).toEqual({
      filedOn: '2018-03-05',
      offence: 'gross',
      offenceLabel: 'Grovt bidragsbrott',
      limitation: { years: 10, firstOn: '2027-10-25', lastOn: '2027-11-24' },
      outcomes: [
        { decidedOn: '2018-05-02', outcome: 'investigation-opened', label: 'Förundersökning inledd' },
        { decidedOn: '2018-11-20', outcome: 'prosecuted', label: 'Åtal väckt' },
      ],
    });
    const early = await t.http
      .post(`/api/cases/${id}/police-report-outcomes`)
      .send({ decidedOn: '2018-11-19', outcome: 'judgment' });
    expect(early.status).toBe(422);
    expect(early.body).toMatchObject({ code: 'date-before-step', errors: [{ field: 'decidedOn' }] });
    const bad = await t.http
      .post(`/api/cases/${id}/police-report-outcomes`)
      .send({ decidedOn: '2018-12-01', outcome: 'acquitted' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'outcome' })]);
  });

  it('refuses Brottet preskriberat before the last act is time-barred, naming the date', async () => {
    await given(...investigatedIn('bromma'), policeReportFiled({ filedOn: '2018-03-05' }))
      .when((http, c) => http.post(`${c.url}/closure`).send({ closedOn: '2018-12-01', reason: 'offence-time-barred' }))
      .thenNothingAppended({
        status: 422,
        code: 'closing-reason-not-met',
        body: { missing: ['offence-time-barred'], limitationDate: '2022-11-24' },
      });
  });
});

describe('notifications to and from other authorities (lag 2008:206)', () => {
  it('records notifications sent and received, and counts both in the statistics', async () => {
    const id = await investigated('farsta');
    await post(`/cases/${id}/authority-notifications`, {
      sentOn: '2018-03-02',
      authority: 'forsakringskassan',
      concerning: 'housing-allowance',
    });
    await post(`/cases/${id}/authority-notifications`, {
      sentOn: '2018-03-03',
      authority: 'csn',
      concerning: 'study-support',
    });
    expect((await view(id)).notificationsSent).toEqual([
      expect.objectContaining({
        authority: 'forsakringskassan',
        authorityLabel: 'Försäkringskassan',
        concerningLabel: 'Bostadsbidrag',
      }),
      expect.objectContaining({ authority: 'csn', sentOn: '2018-03-03' }),
    ]);
    await post(
      '/cases',
      {
        district: 'farsta',
        receivedOn: '2018-06-01',
        source: 'other-authority',
        notifyingAuthority: 'migrationsverket',
        subject: { gender: 'man' },
      },
      201,
    );
    const wrong = await t.http.post('/api/cases').send({
      district: 'farsta',
      receivedOn: '2018-06-01',
      source: 'public',
      notifyingAuthority: 'csn',
      subject: { gender: 'man' },
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body).toMatchObject({ code: 'not-from-an-authority', errors: [{ field: 'notifyingAuthority' }] });
    const farsta = row(await stats(2018), 'farsta');
    expect(farsta.notificationsSent).toMatchObject({ forsakringskassan: 1, csn: 1, skatteverket: 0 });
    expect(farsta.notificationsReceived).toMatchObject({ migrationsverket: 1 });
  });
});

describe('the decision to bring ersättningstalan, apart from the filing', () => {
  it('counts the decision in its year, the filing apart', async () => {
    const { id } = await givenCase(
      ...investigatedIn('skarpnack'),
      repaymentClaimDecided({ decidedOn: '2018-03-05', amountOre: kr(6000), paymentIndexes: [0, 1] }),
      abilityToPayAssessed({ assessedOn: '2018-12-01', able: true }),
    );
    const early = await t.http
      .post(`/api/cases/${id}/compensation-suits`)
      .send({ filedOn: '2018-12-20', amount: 6000 });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'no-suit-decision' });
    await post(`/cases/${id}/compensation-suit-decisions`, { decidedOn: '2018-12-14' });
    await post(`/cases/${id}/compensation-suits`, { filedOn: '2019-01-08', amount: 6000 });
    expect(row(await stats(2018), 'skarpnack')).toMatchObject({ compensationSuits: 1, compensationSuitsFiled: 0 });
    expect(row(await stats(2019), 'skarpnack')).toMatchObject({ compensationSuits: 0, compensationSuitsFiled: 1 });
  });
});

describe("FUT-delegationen's error types", () => {
  it('are recorded on the investigation result and counted in the year the result was completed', async () => {
    const result = {
      completedOn: '2018-03-01',
      finding: 'incorrect-payment',
      cause: 'internal-error',
      incorrectPayments: [
        { paidOn: '2017-10-25', amount: 3000 },
        { paidOn: '2017-11-24', amount: 3000 },
      ],
    };
    const withErrorType = await given(...opened('sodermalm'))
      .when((http, c) => http.post(`${c.url}/investigation-result`).send({ ...result, errorType: 'authority' }))
      .then({ status: 200, events: [found({ cause: 'internal-error', errorType: 'authority' })] });
    await given(...opened('sodermalm'))
      .when((http, c) => http.post(`${c.url}/investigation-result`).send({ ...result, cause: 'unreported-income' }))
      .then({ status: 200, events: [found()] });
    expect(row(await stats(2018), 'sodermalm').errorTypes).toEqual({
      intentional: 0,
      unintentional: 0,
      authority: 1,
      unclassified: 1,
    });
    const wrong = await t.http
      .post(`${withErrorType.case.url}/investigation-result`)
      .send({ completedOn: '2018-03-01', finding: 'incorrect-payment', errorType: 'fraud' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toContainEqual(expect.objectContaining({ field: 'errorType' }));
  });
});
