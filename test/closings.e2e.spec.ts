import { randomUUID } from 'node:crypto';
import { EVENT_STORE, type EventStore } from '../src/event-store/event-store.port';
import { Consistency } from '../src/infrastructure/consistency.service';
import { apiClient } from './support/api-client';
import {
  caseRegistered,
  caseSpecification,
  investigationCompleted,
  investigationOpened,
  kr,
  payment,
  repaymentClaimDecided,
  unnamed,
} from './support/given';
import { type TestApp, startTestApp } from './support/test-app';

/**
 * Closings that never drop a claim (issue 20, item 2), the claim lodged
 * against a deceased person's estate, and police reports stored before a case
 * could hold several.
 */
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
const { givenCase } = caseSpecification(() => t);

/** A refused request: its status, problem code and body, and that nothing was appended. */
async function refused(path: string, body: object, status: number, code: string): Promise<Json> {
  const before = await t.eventCount();
  const res = await t.http.post(`/api${path}`).send(body);
  expect({ status: res.status, code: res.body.code, body: res.body }).toMatchObject({ status, code });
  expect(await t.eventCount()).toBe(before);
  return res.body;
}

/** The example: 8 000 kr claimed, nothing repaid, a police report (filed 2018-03-06) without an outcome. */
async function example(district: string): Promise<string> {
  const { id } = await givenCase(
    caseRegistered({ district, receivedOn: '2018-02-01', subject: unnamed('woman') }),
    investigationOpened({ decidedOn: '2018-02-05' }),
    investigationCompleted({
      completedOn: '2018-03-01',
      incorrectPayments: [payment('2017-10-25', 3000), payment('2017-11-24', 5000)],
    }),
    repaymentClaimDecided({ decidedOn: '2018-03-05', amountOre: kr(8000), paymentIndexes: [0, 1] }),
  );
  await post(`/cases/${id}/police-reports`, { filedOn: '2018-03-06' });
  return id;
}
const close = (id: string, closedOn: string, reason: string) =>
  refused(`/cases/${id}/closure`, { closedOn, reason }, 422, 'closing-reason-not-met');

describe('item 2: a case with money owed is not closed without a decision about the money', () => {
  it('Brott kan ej styrkas the day after the report: refused, naming the police outcome and the money', async () => {
    const id = await example('norrmalm');
    expect(await close(id, '2018-03-07', 'offence-not-proven')).toMatchObject({
      missing: ['police-outcome', 'repayment-or-waiver'],
      outstandingAmount: 8000,
      errors: [{ field: 'reason' }],
    });
  });

  it('Avliden: refused, naming the claim against the estate', async () => {
    const id = await example('norrmalm');
    expect(await close(id, '2018-12-01', 'deceased')).toMatchObject({
      missing: ['estate-claim'],
      outstandingAmount: 8000,
      unsettledClaims: ['1'],
    });
  });

  it('Brottet preskriberat: refused, naming the limitation and the money', async () => {
    const id = await example('norrmalm');
    expect(await close(id, '2018-12-01', 'offence-time-barred')).toMatchObject({
      missing: ['offence-time-barred', 'repayment-or-waiver'],
      limitationDate: '2022-11-24',
      outstandingAmount: 8000,
    });
  });

  it('the refused case stays an ongoing claim at year end', async () => {
    const id = await example('alvsjo');
    await close(id, '2018-12-01', 'deceased');
    expect(row(await stats(2018), 'alvsjo')).toMatchObject({ closed: 0, ongoingClaimsAtYearEnd: 1 });
  });

  it('closes as Brott kan ej styrkas once the prosecutor decided and the claim was repaid in part and waived', async () => {
    const id = await example('norrmalm');
    await post(`/cases/${id}/police-report-outcomes`, { decidedOn: '2018-06-01', outcome: 'not-prosecuted' });
    await post(`/cases/${id}/repayments`, { receivedOn: '2018-07-01', amount: 1000, kind: 'claim' });
    expect(await close(id, '2018-07-02', 'offence-not-proven')).toMatchObject({
      missing: ['repayment-or-waiver'],
      outstandingAmount: 7000,
    });
    await post(`/cases/${id}/waivers`, { decidedOn: '2018-08-01', reason: 'other', amount: 7000 });
    await post(`/cases/${id}/closure`, { closedOn: '2018-08-01', reason: 'offence-not-proven' });
    expect((await view(id)).amounts).toMatchObject({ outstanding: 0 });
  });
});

describe('the claim lodged against the estate (dödsbo)', () => {
  it('lets Avliden close a case with money owed: what the estate could not pay is written off', async () => {
    const id = await example('ostermalm');
    await post(`/cases/${id}/estate-claims`, { lodgedOn: '2018-09-03', amount: 8000 });
    expect(await close(id, '2018-09-04', 'deceased')).toMatchObject({ missing: ['estate-claim-outcome'] });
    await post(`/cases/${id}/estate-claim-outcomes`, {
      decidedOn: '2018-10-15',
      outcome: 'paid-in-part',
      paidAmount: 1500,
    });
    const v = await view(id);
    expect(v.amounts).toEqual({ claimed: 8000, repaid: 1500, waived: 0, writtenOff: 6500, sued: 0, outstanding: 0 });
    expect(v.estateClaims).toEqual([
      {
        claimId: '1',
        lodgedOn: '2018-09-03',
        amount: 8000,
        outcome: {
          decidedOn: '2018-10-15',
          outcome: 'paid-in-part',
          label: 'Delvis betalt',
          paidAmount: 1500,
          writtenOffAmount: 6500,
        },
      },
    ]);
    // Nothing is left to lose at the three-year limit.
    expect(v.threeYearLimit).toMatchObject({ claimableToday: 0, expiredToday: 0 });
    await post(`/cases/${id}/closure`, { closedOn: '2018-10-16', reason: 'deceased' });
    // The estate's payment is repaid money of its year; the case is closed as Avliden.
    expect(row(await stats(2018), 'ostermalm')).toMatchObject({
      repaidAmount: 1500,
      closed: 1,
      closeReasons: { deceased: 1 },
      ongoingClaimsAtYearEnd: 0,
    });
  });

  it('refuses a paid amount that does not fit the outcome, and a second claim against the estate', async () => {
    const id = await example('sodermalm');
    await post(`/cases/${id}/estate-claims`, { lodgedOn: '2018-09-03', amount: 8000 });
    await refused(`/cases/${id}/estate-claims`, { lodgedOn: '2018-09-04', amount: 1 }, 409, 'estate-claim-exists');
    const wrong = await refused(
      `/cases/${id}/estate-claim-outcomes`,
      { decidedOn: '2018-10-15', outcome: 'paid-in-part', paidAmount: 8000 },
      422,
      'estate-paid-amount',
    );
    expect(wrong).toMatchObject({ lodgedAmount: 8000, errors: [{ field: 'paidAmount' }] });
  });
});

describe('police reports stored before a case could hold several keep working', () => {
  it('reads the old report and its outcome as report 1, on the known payments, and takes a second report', async () => {
    const { id, version } = await givenCase(
      caseRegistered({ district: 'farsta', receivedOn: '2018-02-01' }),
      investigationOpened({ decidedOn: '2018-02-05' }),
      investigationCompleted({ completedOn: '2018-03-01', incorrectPayments: [payment('2017-11-24', 5000)] }),
    );
    const v1 = (type: string, occurredOn: string, data: Record<string, unknown>) => ({
      id: randomUUID(),
      type,
      schemaVersion: 1,
      data,
      metadata: {
        occurredOn,
        recordedAt: `${occurredOn}T09:00:00.000Z`,
        recordedBy: 'old-release',
        correlationId: randomUUID(),
        causationId: null,
      },
    });
    await t.app
      .get<EventStore>(EVENT_STORE)
      .append(
        `case-${id}`,
        [
          v1('PoliceReportFiled', '2018-03-06', { filedOn: '2018-03-06', offence: 'minor' }),
          v1('PoliceReportOutcomeRecorded', '2018-06-01', { decidedOn: '2018-06-01', outcome: 'not-prosecuted' }),
        ],
        version,
      );
    await t.app.get(Consistency).readYourWrites('case-list', 'statistics', 'staff');
    const before = await view(id);
    expect(before.policeReports).toMatchObject([
      {
        reportId: '1',
        recipient: 'police',
        reference: null,
        offence: 'minor',
        // An act of 2017 reported as ringa: two years.
        acts: [{ paidOn: '2017-11-24', amount: 5000, limitationYears: 2, limitationOn: '2019-11-24' }],
        outcomes: [{ outcome: 'not-prosecuted', offence: null }],
      },
    ]);
    await post(`/cases/${id}/police-reports`, { filedOn: '2018-07-01', recipient: 'prosecutor' });
    await post(`/cases/${id}/police-report-references`, { reportId: '1', reference: 'K-1-18' });
    expect((await view(id)).policeReports.map((r: Json) => [r.reportId, r.recipient, r.reference])).toEqual([
      ['1', 'police', 'K-1-18'],
      ['2', 'prosecutor', null],
    ]);
    expect(row(await stats(2018), 'farsta').policeReports).toMatchObject({ total: 2 });
  });
});

describe('a case that will not be claimed puts nothing at stake at the three-year limit', () => {
  // Only a case still open to a claim has payments a suit could cover (issue 22: the case page of a
  // closed or not-opened case offered its suspected payments as "Kan krävas i domstol i dag").
  it('a case not opened for investigation', async () => {
    const c = await givenCase(caseRegistered({ suspectedPayments: [{ paidOn: '2017-06-01', amountOre: kr(100) }] }), {
      type: 'PreAssessmentMade',
      data: { decidedOn: '2018-02-10', decision: 'no-investigation', reason: 'no-grounds', suspectedCause: null },
    });
    const v = await view(c.id);
    expect(v.status).toBe('not-opened');
    expect(v.threeYearLimit).toMatchObject({ claimableToday: 0, expiredToday: 0, nextDeadline: null });
  });

  it('a case closed with no claim on the payment it found', async () => {
    const c = await givenCase(
      caseRegistered(),
      investigationOpened(),
      investigationCompleted({ incorrectPayments: [payment('2017-06-01', 300)] }),
    );
    expect((await view(c.id)).threeYearLimit).toMatchObject({ claimableToday: 300 });
    await post(`/cases/${c.id}/closure`, { closedOn: '2018-12-01', reason: 'no-claim', noPoliceReportReason: null });
    const v = await view(c.id);
    expect(v.status).toBe('closed');
    expect(v.threeYearLimit).toMatchObject({ claimableToday: 0, expiredToday: 0, nextDeadline: null });
  });
});
