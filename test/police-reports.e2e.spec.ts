import { apiClient } from './support/api-client';
import {
  caseClosed,
  caseRegistered,
  caseSpecification,
  investigationCompleted,
  investigationNotOpened,
  investigationOpened,
  payment,
  suspected,
  unnamed,
} from './support/given';
import { type TestApp, startTestApp } from './support/test-app';

/**
 * Police reports as the law has them (issue 20): the limitation of ringa and
 * vårdslöst bidragsbrott (5 years since 2020-01-01, lag 2019:652), the duty to
 * report on suspicion (6 § bidragsbrottslagen), several reports per case with
 * recipient, reference, acts, grade and outcomes, the reason a closing gives
 * for making no report, and the note on a claim that can never go to court.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('2026-12-15T10:00:00+01:00');
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
const { givenCase } = caseSpecification(() => t);

/** A refused request: its status, problem code and body, and that nothing was appended. */
async function refused(path: string, body: object, status: number, code: string): Promise<Json> {
  const before = await t.eventCount();
  const res = await t.http.post(`/api${path}`).send(body);
  expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
  expect(await t.eventCount()).toBe(before);
  return res.body;
}

describe('item 1: ringa and vårdslöst bidragsbrott are time-barred after 5 years since 2020-01-01', () => {
  it('a ringa report for a payment on 2024-01-25 is barred on 2029-01-25, and Brottet preskriberat on 2026-12-01 is refused', async () => {
    const { id } = await givenCase(
      caseRegistered({
        district: 'farsta',
        receivedOn: '2024-02-01',
        suspectedPayments: [suspected('2024-01-25', 1500)],
      }),
      investigationOpened({ decidedOn: '2024-02-05' }),
      investigationCompleted({ completedOn: '2024-03-01', incorrectPayments: [payment('2024-01-25', 1500)] }),
    );
    await post(`/cases/${id}/police-reports`, { filedOn: '2024-03-04', offence: 'minor' });
    expect((await view(id)).policeReport).toMatchObject({
      offence: 'minor',
      limitation: { years: 5, firstOn: '2029-01-25', lastOn: '2029-01-25' },
    });
    const body = await refused(
      `/cases/${id}/closure`,
      { closedOn: '2026-12-01', reason: 'offence-time-barred' },
      422,
      'closing-reason-not-met',
    );
    expect(body).toMatchObject({ missing: ['offence-time-barred'], limitationDate: '2029-01-25' });
  });

  it('an act before 2020-01-01 keeps its 2 years; the grade the court gave decides', async () => {
    const { id } = await givenCase(
      caseRegistered({ district: 'farsta', receivedOn: '2020-02-03' }),
      investigationOpened({ decidedOn: '2020-02-05' }),
      investigationCompleted({
        completedOn: '2020-03-02',
        incorrectPayments: [payment('2019-12-27', 1200), payment('2020-01-24', 1300)],
      }),
    );
    await post(`/cases/${id}/police-reports`, { filedOn: '2020-03-04' });
    await post(`/cases/${id}/police-report-outcomes`, {
      decidedOn: '2020-09-01',
      outcome: 'judgment',
      offence: 'negligent',
    });
    const [report] = (await view(id)).policeReports;
    expect(report).toMatchObject({
      offence: 'benefit-offence',
      currentOffence: 'negligent',
      currentOffenceLabel: 'Vårdslöst bidragsbrott',
      acts: [
        { paidOn: '2019-12-27', amount: 1200, limitationYears: 2, limitationOn: '2021-12-27' },
        { paidOn: '2020-01-24', amount: 1300, limitationYears: 5, limitationOn: '2025-01-24' },
      ],
      limitation: { years: 5, firstOn: '2021-12-27', lastOn: '2025-01-24' },
    });
  });
});

describe('item 3: a police report on suspicion, several per case, as the law has them', () => {
  it('is filed before the pre-assessment (suspicion is enough), and the case still waits for its pre-assessment', async () => {
    const { id } = await givenCase(
      caseRegistered({
        district: 'bromma',
        receivedOn: '2018-02-01',
        suspectedPayments: [suspected('2016-01-25', 4000)],
      }),
    );
    await post(`/cases/${id}/police-reports`, { filedOn: '2018-02-02' });
    const v = await view(id);
    expect(v.status).toBe('in-queue');
    // Three years have passed for the claim, five not yet for the offence.
    expect(v.policeReports).toEqual([
      expect.objectContaining({
        reportId: '1',
        recipient: 'police',
        recipientLabel: 'Polismyndigheten',
        reference: null,
        acts: [{ paidOn: '2016-01-25', amount: 4000, limitationYears: 5, limitationOn: '2021-01-25' }],
      }),
    ]);
  });

  it('is accepted on a case closed at pre-assessment: the duty to report does not end with the case', async () => {
    const { id } = await givenCase(
      caseRegistered({
        district: 'bromma',
        receivedOn: '2018-02-01',
        suspectedPayments: [suspected('2017-12-22', 900)],
      }),
      investigationNotOpened('no-grounds', { decidedOn: '2018-02-10' }),
      caseClosed({ closedOn: '2018-02-12', reason: 'no-action' }),
    );
    await post(`/cases/${id}/police-reports`, { filedOn: '2018-03-01', offence: 'minor' });
    await post(`/cases/${id}/police-report-outcomes`, { decidedOn: '2018-05-02', outcome: 'investigation-closed' });
    const v = await view(id);
    expect(v.status).toBe('closed');
    expect(v.closure).toMatchObject({ reason: 'no-action' });
    expect(v.policeReports[0].outcomes).toEqual([
      expect.objectContaining({ outcome: 'investigation-closed', label: 'Förundersökning nedlagd' }),
    ]);
  });

  it('takes several reports, each with recipient, reference (also later), acts and outcomes; each counts in the statistics', async () => {
    const { id } = await givenCase(
      caseRegistered({ district: 'skarpnack', receivedOn: '2018-02-01', subject: unnamed('man') }),
      investigationOpened({ decidedOn: '2018-02-05' }),
      investigationCompleted({
        completedOn: '2018-03-01',
        incorrectPayments: [payment('2017-10-25', 3000), payment('2017-11-24', 5000)],
      }),
    );
    await post(`/cases/${id}/police-reports`, { filedOn: '2018-03-05', payments: [0] });
    await post(`/cases/${id}/police-reports`, {
      filedOn: '2018-04-10',
      recipient: 'prosecutor',
      offence: 'gross',
      reference: 'AM-12345-18',
      payments: [1],
    });
    const unnamedReport = await refused(
      `/cases/${id}/police-report-outcomes`,
      { decidedOn: '2018-05-02', outcome: 'prosecuted' },
      422,
      'report-required',
    );
    expect(unnamedReport).toMatchObject({ reportIds: ['1', '2'], errors: [{ field: 'reportId' }] });
    await post(`/cases/${id}/police-report-references`, { reportId: '1', reference: 'K-98765-18' });
    await post(`/cases/${id}/police-report-outcomes`, {
      reportId: '2',
      decidedOn: '2018-06-01',
      outcome: 'prosecuted',
      offence: 'benefit-offence',
    });
    const v = await view(id);
    expect(v.policeReports).toMatchObject([
      {
        reportId: '1',
        recipient: 'police',
        reference: 'K-98765-18',
        acts: [{ paidOn: '2017-10-25', amount: 3000, limitationOn: '2022-10-25' }],
        outcomes: [],
      },
      {
        reportId: '2',
        recipient: 'prosecutor',
        recipientLabel: 'Åklagarmyndigheten',
        reference: 'AM-12345-18',
        offence: 'gross',
        currentOffence: 'benefit-offence',
        acts: [{ paidOn: '2017-11-24', amount: 5000, limitationYears: 5, limitationOn: '2022-11-24' }],
        outcomes: [{ decidedOn: '2018-06-01', outcome: 'prosecuted', offence: 'benefit-offence' }],
      },
    ]);
    // The first report, as the view has always shown it.
    expect(v.policeReport).toEqual({
      filedOn: '2018-03-05',
      offence: 'benefit-offence',
      offenceLabel: 'Bidragsbrott',
      limitation: { years: 5, firstOn: '2022-10-25', lastOn: '2022-10-25' },
      outcomes: [],
    });
    // The report counts polisanmälningar: two reports in the year are two.
    expect(row(await stats(2018), 'skarpnack').policeReports).toMatchObject({ man: 2, total: 2 });
  });
});

describe('item 3: the statistics of several reports', () => {
  it('count each report in the year it was filed; the first puts the case in follow-up', async () => {
    const { id } = await givenCase(
      caseRegistered({ district: 'spanga-tensta', receivedOn: '2018-11-01', subject: unnamed('woman') }),
      investigationOpened({ decidedOn: '2018-11-05' }),
    );
    await post(`/cases/${id}/police-reports`, { filedOn: '2018-12-10' });
    await post(`/cases/${id}/police-reports`, { filedOn: '2019-01-10', recipient: 'prosecutor' });
    expect(row(await stats(2018), 'spanga-tensta')).toMatchObject({
      policeReports: { woman: 1, total: 1 },
      followUpAtYearEnd: 1,
    });
    expect(row(await stats(2019), 'spanga-tensta')).toMatchObject({ policeReports: { woman: 1, total: 1 } });
  });
});

describe('item 3: no police report after a finding of intent needs a recorded reason', () => {
  const intentButNoClaim = (district: string) =>
    givenCase(
      caseRegistered({ district, receivedOn: '2018-02-01' }),
      investigationOpened({ decidedOn: '2018-02-05' }),
      investigationCompleted({ completedOn: '2018-03-01', intent: 'intentional' }),
    );

  it.each(['no-claim', 'no-action'])('%s without the reason: 422 naming it, nothing written', async (reason) => {
    const { id } = await intentButNoClaim('kungsholmen');
    const body = await refused(
      `/cases/${id}/closure`,
      { closedOn: '2018-04-01', reason },
      422,
      'closing-reason-not-met',
    );
    expect(body.missing).toContain('no-police-report-reason');
    expect(body.errors).toEqual([expect.objectContaining({ field: 'reason' })]);
  });

  it('closes as Inget återkrav with the reason, which the case shows', async () => {
    const { id } = await intentButNoClaim('kungsholmen');
    await post(`/cases/${id}/closure`, {
      closedOn: '2018-04-01',
      reason: 'no-claim',
      noPoliceReportReason: 'Försäkringskassan har redan anmält samma gärning.',
    });
    expect((await view(id)).closure).toEqual({
      closedOn: '2018-04-01',
      reason: 'no-claim',
      label: 'Inget återkrav',
      noPoliceReportReason: 'Försäkringskassan har redan anmält samma gärning.',
      // Closing is a decision: the one who records it over HTTP is its decision-maker (issue 20).
      decisionMaker: { decidedBy: 'anna.utredare', capacity: 'unit-head', delegationPoint: null },
    });
  });
});

describe('item 5: a claim decided only on payments past their three-year limit says it cannot go to court', () => {
  it('carries the note, with the rule of the law that governs it', async () => {
    const { id } = await givenCase(
      caseRegistered({ district: 'farsta', receivedOn: '2018-02-01' }),
      investigationOpened({ decidedOn: '2018-02-05' }),
      investigationCompleted({
        completedOn: '2018-03-01',
        incorrectPayments: [payment('2015-01-23', 2000), payment('2017-11-24', 3000)],
      }),
    );
    await post(`/cases/${id}/repayment-claims`, {
      decidedOn: '2018-03-05',
      legalBasis: 'SoL 9:1',
      amount: 2000,
      payments: [0],
    });
    await post(`/cases/${id}/repayment-claims`, {
      decidedOn: '2018-03-05',
      legalBasis: 'SoL 9:1',
      amount: 3000,
      payments: [1],
    });
    const [old, live] = (await view(id)).repaymentClaims;
    expect(old.paymentsPastLimit).toEqual({ expiredAmount: 2000, courtSuitBarredBy: '9 kap. 3 § SoL (2001:453)' });
    expect(live).not.toHaveProperty('paymentsPastLimit');
  });
});
