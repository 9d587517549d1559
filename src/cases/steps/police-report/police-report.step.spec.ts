import { specification } from '../../../testing/decider-specification';
import { type OpenCase, offenceLimitation, reportedActs } from '../../domain/case-state';
import { limitationYears } from '../../domain/catalogues';
import { type CaseCommand, type CaseEvent, caseDecider, replay } from '..';

/**
 * Police reports as the law has them (6 § bidragsbrottslagen 2007:612): on
 * suspicion, several per case, each with its recipient, reference, acts and
 * grade; outcomes over time per report; the limitation of each act by the
 * grade as it is now (brottsbalken 35 kap. 1 §, lag 2019:652).
 */
const given = specification(caseDecider);
const TODAY = '2026-12-01';
const cmd = <T extends CaseCommand['type']>(type: T, data: Extract<CaseCommand, { type: T }>['data'], today = TODAY) =>
  ({ type, data, today }) as CaseCommand;

/** Received 2024-02-01 with one suspected payment of 2024-01-25. */
const registered: CaseEvent = {
  type: 'CaseRegistered',
  data: {
    caseId: 'c-1',
    caseNumber: 'FA-2024-0001',
    district: 'farsta',
    receivedOn: '2024-02-01',
    source: 'caseworker',
    subject: { personalIdentityNumber: null, name: null, gender: 'woman' },
    suspectedPayments: [
      { paidOn: '2019-12-27', amountOre: 150_000 },
      { paidOn: '2024-01-25', amountOre: 180_000 },
    ],
    summary: null,
    dataKeyId: 'k-1',
  },
};
const notOpened: CaseEvent = {
  type: 'PreAssessmentMade',
  data: { decidedOn: '2024-02-10', decision: 'no-investigation', reason: 'no-grounds', suspectedCause: null },
};
const closedNoAction: CaseEvent = { type: 'CaseClosed', data: { closedOn: '2024-02-12', reason: 'no-action' } };
const voided: CaseEvent = { type: 'CaseVoided', data: { voidedOn: '2024-02-02', reason: 'duplicate', note: null } };
const ACTS = [
  { paidOn: '2019-12-27', amountOre: 150_000 },
  { paidOn: '2024-01-25', amountOre: 180_000 },
];
const report = (over: Partial<Extract<CaseEvent, { type: 'PoliceReportFiled' }>['data']> = {}): CaseEvent => ({
  type: 'PoliceReportFiled',
  data: {
    reportId: '1',
    filedOn: '2024-02-05',
    offence: 'benefit-offence',
    recipient: 'police',
    reference: null,
    acts: ACTS,
    ...over,
  },
});
const outcome = (
  over: Pick<Extract<CaseEvent, { type: 'PoliceReportOutcomeRecorded' }>['data'], 'decidedOn' | 'outcome'> &
    Partial<Extract<CaseEvent, { type: 'PoliceReportOutcomeRecorded' }>['data']>,
): CaseEvent => ({ type: 'PoliceReportOutcomeRecorded', data: { reportId: '1', offence: null, ...over } });

describe('filing a police report', () => {
  it('needs no pre-assessment: suspicion at registration is enough', () =>
    given([registered])
      .when(cmd('FilePoliceReport', { filedOn: '2024-02-05' }))
      .then([report()]));
  it('is accepted on a case closed at pre-assessment: the duty does not end with the case', () =>
    given([registered, notOpened, closedNoAction])
      .when(cmd('FilePoliceReport', { filedOn: '2024-03-01', offence: 'minor' }))
      .then([report({ filedOn: '2024-03-01', offence: 'minor' })]));
  it('is refused on a voided case', () =>
    given([registered, voided])
      .when(cmd('FilePoliceReport', { filedOn: '2024-02-05' }))
      .thenFails({ kind: 'conflict', code: 'case-voided' }));
  it('records the recipient, the reference (trimmed) and the acts named among the known payments', () =>
    given([registered])
      .when(
        cmd('FilePoliceReport', {
          filedOn: '2024-02-05',
          recipient: 'prosecutor',
          reference: '  AM-4711-24 ',
          payments: [1],
        }),
      )
      .then([report({ recipient: 'prosecutor', reference: 'AM-4711-24', acts: [ACTS[1]] })]));
  it('refuses an act the case does not know, naming it', () =>
    given([registered])
      .when(cmd('FilePoliceReport', { filedOn: '2024-02-05', payments: [0, 2] }))
      .thenFails({ kind: 'rule', code: 'unknown-act', field: 'payments[1]' }));
  it('is not dated before the information came in', () =>
    given([registered])
      .when(cmd('FilePoliceReport', { filedOn: '2024-01-31' }))
      .thenFails({ code: 'date-before-received', field: 'filedOn' }));
  it('numbers each further report of the case', () =>
    given([registered, report()])
      .when(cmd('FilePoliceReport', { filedOn: '2024-02-06', recipient: 'prosecutor' }))
      .then([report({ reportId: '2', filedOn: '2024-02-06', recipient: 'prosecutor' })]));
});

describe('the limitation of each act (brottsbalken 35 kap. 1 §, lag 2019:652)', () => {
  it('ringa and vårdslöst bidragsbrott: 5 years for acts from 2020-01-01, 2 for acts before', () => {
    expect(limitationYears('minor', '2024-01-25')).toBe(5);
    expect(limitationYears('negligent', '2020-01-01')).toBe(5);
    expect(limitationYears('minor', '2019-12-31')).toBe(2);
    expect(limitationYears('negligent', '2019-12-27')).toBe(2);
    expect(limitationYears('benefit-offence', '2019-12-27')).toBe(5);
    expect(limitationYears('gross', '2019-12-27')).toBe(10);
  });
  it('a ringa report for a payment on 2024-01-25 is time-barred on 2029-01-25', () => {
    const c = replay([registered, report({ offence: 'minor', acts: [ACTS[1]] })]) as OpenCase;
    expect(offenceLimitation(c)).toEqual({ years: 5, firstOn: '2029-01-25', lastOn: '2029-01-25' });
  });
  it('each act by its own date: the act before 2020 keeps its 2 years', () => {
    const c = replay([registered, report({ offence: 'minor' })]) as OpenCase;
    expect(reportedActs(c, c.policeReports[0]).map((a) => [a.paidOn, a.years, a.limitationOn])).toEqual([
      ['2019-12-27', 2, '2021-12-27'],
      ['2024-01-25', 5, '2029-01-25'],
    ]);
  });
  it('follows the grade the prosecutor or the court gave last', () => {
    const reported = [registered, report({ offence: 'gross' })];
    const graded = [
      ...reported,
      outcome({ decidedOn: '2024-05-02', outcome: 'prosecuted', offence: 'benefit-offence' }),
      outcome({ decidedOn: '2024-09-10', outcome: 'judgment', offence: 'minor' }),
    ];
    expect(offenceLimitation(replay(reported) as OpenCase)).toMatchObject({ firstOn: '2029-12-27' });
    // Convicted of ringa bidragsbrott: the act of 2019 is barred after 2 years, the one of 2024 after 5.
    expect(offenceLimitation(replay(graded) as OpenCase)).toEqual({
      years: 5,
      firstOn: '2021-12-27',
      lastOn: '2029-01-25',
    });
    // An outcome without a grade leaves the last one given.
    const later = [...graded, outcome({ decidedOn: '2024-10-01', outcome: 'judgment' })];
    expect(offenceLimitation(replay(later) as OpenCase)).toMatchObject({ firstOn: '2021-12-27' });
  });
  it('spans every report of the case', () => {
    const c = replay([
      registered,
      report({ offence: 'minor', acts: [ACTS[0]] }),
      report({ reportId: '2', offence: 'gross', acts: [ACTS[1]] }),
    ]) as OpenCase;
    expect(offenceLimitation(c)).toEqual({ years: 10, firstOn: '2021-12-27', lastOn: '2034-01-25' });
  });
});

describe('outcomes of a report', () => {
  it('records the grade given, on the only report without naming it', () =>
    given([registered, report()])
      .when(cmd('RecordPoliceReportOutcome', { decidedOn: '2024-05-02', outcome: 'prosecuted', offence: 'minor' }))
      .then([outcome({ decidedOn: '2024-05-02', outcome: 'prosecuted', offence: 'minor' })]));
  it('needs the report named when the case has several', () =>
    given([registered, report(), report({ reportId: '2' })])
      .when(cmd('RecordPoliceReportOutcome', { decidedOn: '2024-05-02', outcome: 'not-prosecuted' }))
      .thenFails({ kind: 'rule', code: 'report-required', field: 'reportId', details: { reportIds: ['1', '2'] } }));
  it('goes to the report named, in order within that report', () => {
    const history = [
      registered,
      report(),
      report({ reportId: '2', filedOn: '2024-03-01' }),
      outcome({ decidedOn: '2024-04-01', outcome: 'investigation-opened' }),
    ];
    given(history)
      .when(cmd('RecordPoliceReportOutcome', { reportId: '2', decidedOn: '2024-03-15', outcome: 'not-prosecuted' }))
      .then([outcome({ reportId: '2', decidedOn: '2024-03-15', outcome: 'not-prosecuted' })]);
    given(history)
      .when(cmd('RecordPoliceReportOutcome', { reportId: '1', decidedOn: '2024-03-15', outcome: 'not-prosecuted' }))
      .thenFails({ code: 'date-before-step', field: 'decidedOn' });
    given(history)
      .when(cmd('RecordPoliceReportOutcome', { reportId: '3', decidedOn: '2024-05-01', outcome: 'prosecuted' }))
      .thenFails({ kind: 'rule', code: 'unknown-report', field: 'reportId' });
    const c = replay([...history, outcome({ reportId: '2', decidedOn: '2024-03-15', outcome: 'not-prosecuted' })]);
    expect((c as OpenCase).policeReports.map((r) => r.outcomes.map((o) => o.outcome))).toEqual([
      ['investigation-opened'],
      ['not-prosecuted'],
    ]);
  });
  it('is recorded on a closed case too: the answer often comes later', () =>
    given([registered, notOpened, report({ filedOn: '2024-02-11' }), closedNoAction])
      .when(cmd('RecordPoliceReportOutcome', { decidedOn: '2024-06-01', outcome: 'investigation-closed' }))
      .then([outcome({ decidedOn: '2024-06-01', outcome: 'investigation-closed' })]));
});

describe("the authority's reference, added later", () => {
  it('is recorded on the report, dated today, and replaces an earlier one', () => {
    given([registered, report()])
      .when(cmd('RecordPoliceReportReference', { reference: 'K-123456-24' }))
      .then([
        {
          type: 'PoliceReportReferenceRecorded',
          data: { reportId: '1', recordedOn: TODAY, reference: 'K-123456-24' },
        },
      ]);
    const c = replay([
      registered,
      report({ reference: 'K-1' }),
      { type: 'PoliceReportReferenceRecorded', data: { reportId: '1', recordedOn: TODAY, reference: 'K-2' } },
    ]) as OpenCase;
    expect(c.policeReports[0].reference).toBe('K-2');
  });
  it('writes nothing when the same reference is sent again', () =>
    given([registered, report({ reference: 'K-1' })])
      .when(cmd('RecordPoliceReportReference', { reference: 'K-1' }))
      .then([]));
  it('needs a report', () =>
    given([registered])
      .when(cmd('RecordPoliceReportReference', { reference: 'K-1' }))
      .thenFails({ kind: 'conflict', code: 'no-police-report' }));
});
