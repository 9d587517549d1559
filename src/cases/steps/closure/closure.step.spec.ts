import { specification } from '../../../testing/decider-specification';
import type { CloseReason } from '../../domain/catalogues';
import { type CaseCommand, type CaseEvent, caseDecider } from '..';
import { NO_CALCULATION } from '../../domain/case-shapes';

/**
 * Closings that never drop a claim (issue 20): money still owed ends only by
 * repayment, a waiver (9 kap. 4 § / 33 kap. 6 § SoL), the estate's outcome or
 * a judgment; Brott kan ej styrkas rests on a recorded police or prosecutor
 * outcome; Ingen åtgärd and Inget återkrav after a finding of intent or gross
 * negligence, with no police report, say why none was made (6 § bidragsbrottslagen).
 */
const given = specification(caseDecider);
const TODAY = '2019-06-28';
const cmd = <T extends CaseCommand['type']>(type: T, data: Extract<CaseCommand, { type: T }>['data'], today = TODAY) =>
  ({ type, data, today }) as CaseCommand;

const registered: CaseEvent = {
  type: 'CaseRegistered',
  data: {
    caseId: 'c-1',
    caseNumber: 'FA-2018-0001',
    district: 'farsta',
    receivedOn: '2018-02-01',
    source: 'caseworker',
    subject: { personalIdentityNumber: null, name: null, gender: 'man' },
    suspectedPayments: [],
    summary: null,
    dataKeyId: 'k-1',
  },
};
const opened: CaseEvent = {
  type: 'PreAssessmentMade',
  data: { decidedOn: '2018-02-10', decision: 'open-investigation', reason: null, suspectedCause: null },
};
const found = (intent: 'intentional' | 'gross-negligence' | 'unintentional' | null): CaseEvent => ({
  type: 'InvestigationCompleted',
  data: {
    completedOn: '2018-03-01',
    finding: 'incorrect-payment',
    cause: 'unreported-income',
    incorrectPayments: [
      { paidOn: '2017-10-25', amountOre: 300_000, grantedOn: '2017-10-01', ...NO_CALCULATION },
      { paidOn: '2017-11-24', amountOre: 500_000, grantedOn: '2017-11-01', ...NO_CALCULATION },
    ],
    intent,
    savedAmountOre: 0,
  },
});
const claimed: CaseEvent = {
  type: 'RepaymentClaimDecided',
  data: { claimId: '1', decidedOn: '2018-03-05', legalBasis: 'SoL 9:1', amountOre: 800_000, paymentIndexes: [0, 1] },
};
const police: CaseEvent = {
  type: 'PoliceReportFiled',
  data: {
    reportId: '1',
    filedOn: '2018-03-06',
    offence: 'benefit-offence',
    recipient: 'police',
    reference: null,
    acts: null,
  },
};
const outcome = (
  outcome: Extract<CaseEvent, { type: 'PoliceReportOutcomeRecorded' }>['data']['outcome'],
): CaseEvent => ({
  type: 'PoliceReportOutcomeRecorded',
  data: { reportId: '1', decidedOn: '2018-06-01', outcome, offence: null },
});
const repaid = (amountOre: number): CaseEvent => ({
  type: 'RepaymentReceived',
  data: { claimId: '1', receivedOn: '2018-07-01', amountOre, kind: 'claim' },
});
const waived = (amountOre: number): CaseEvent => ({
  type: 'ClaimWaived',
  data: { claimId: '1', decidedOn: '2018-07-02', reason: 'other', amountOre },
});
const lodged: CaseEvent = {
  type: 'EstateClaimLodged',
  data: { claimId: '1', lodgedOn: '2018-08-01', amountOre: 800_000 },
};
const estateAnswered = (paidAmountOre: number, writtenOffAmountOre: number): CaseEvent => ({
  type: 'EstateClaimOutcomeRecorded',
  data: {
    claimId: '1',
    decidedOn: '2018-10-01',
    outcome: paidAmountOre === 0 ? 'nothing' : writtenOffAmountOre === 0 ? 'paid-in-full' : 'paid-in-part',
    paidAmountOre,
    writtenOffAmountOre,
  },
});
const judged: CaseEvent[] = [
  { type: 'AbilityToPayAssessed', data: { assessedOn: '2018-04-01', able: true } },
  { type: 'CompensationSuitFiled', data: { claimId: '1', filedOn: '2018-04-10', amountOre: 800_000 } },
  { type: 'CompensationJudgmentDecided', data: { claimId: '1', decidedOn: '2018-09-01', awardedAmountOre: 800_000 } },
];

const close = (reason: CloseReason, closedOn = '2018-12-01', noPoliceReportReason?: string) =>
  cmd('CloseCase', { closedOn, reason, ...(noPoliceReportReason ? { noPoliceReportReason } : {}) });
const closes = (events: CaseEvent[], reason: CloseReason, closedOn = '2018-12-01') =>
  given(events)
    .when(close(reason, closedOn))
    .then([{ type: 'CaseClosed', data: { closedOn, reason } }]);
const refuses = (events: CaseEvent[], reason: CloseReason, missing: string[], details: Record<string, unknown> = {}) =>
  given(events)
    .when(close(reason))
    .thenFails({ kind: 'rule', code: 'closing-reason-not-met', field: 'reason', details: { missing, ...details } });

/** The example: 8 000 kr claimed, nothing repaid, a police report without an outcome. */
const example = [registered, opened, found('intentional'), claimed, police];

describe("the issue's example: each closing is refused, naming what it needs", () => {
  it('Brott kan ej styrkas the day after the report: the police outcome, and the money owed', () =>
    given(example)
      .when(close('offence-not-proven', '2018-03-07'))
      .thenFails({
        code: 'closing-reason-not-met',
        details: { missing: ['police-outcome', 'repayment-or-waiver'], outstandingAmount: 8000 },
      }));
  it('Avliden: the claim against the estate', () =>
    refuses(example, 'deceased', ['estate-claim'], { outstandingAmount: 8000, unsettledClaims: ['1'] }));
  it('Brottet preskriberat: the limitation, and the money owed', () =>
    refuses(example, 'offence-time-barred', ['offence-time-barred', 'repayment-or-waiver'], {
      limitationDate: '2022-11-24',
      outstandingAmount: 8000,
    }));
});

describe('money owed ends only by repayment, waiver, the estate or a judgment', () => {
  const notProven = [...example, outcome('not-prosecuted')];
  it('closes as Brott kan ej styrkas once the claim is repaid, or repaid in part and waived', () => {
    closes([...notProven, repaid(800_000)], 'offence-not-proven');
    closes([...notProven, repaid(300_000), waived(500_000)], 'offence-not-proven');
  });
  it('refuses while part of the claim is neither repaid nor waived', () =>
    refuses([...notProven, repaid(300_000)], 'offence-not-proven', ['repayment-or-waiver'], {
      outstandingAmount: 5000,
    }));
  it("a court's judgment on the claim settles it: it stands on its own", () =>
    closes([...example, ...judged, outcome('not-prosecuted')], 'offence-not-proven'));
  it('Avliden once the estate answered: what it could not pay is written off', () => {
    refuses([...example, lodged], 'deceased', ['estate-claim-outcome']);
    closes([...example, lodged, estateAnswered(0, 800_000)], 'deceased');
    closes([...example, lodged, estateAnswered(200_000, 600_000)], 'deceased');
  });
  it('Avliden refused while a part was not lodged against the estate', () =>
    refuses(
      [
        ...example,
        { ...lodged, data: { ...lodged.data, amountOre: 500_000 } } as CaseEvent,
        estateAnswered(0, 500_000),
      ],
      'deceased',
      ['estate-claim'],
      { outstandingAmount: 3000 },
    ));
  it('Avliden with nothing owed, or after a waiver, needs no estate claim', () => {
    closes([registered, opened], 'deceased');
    closes([...example, waived(800_000)], 'deceased');
  });
});

describe('Brott kan ej styrkas needs a recorded police or prosecutor outcome', () => {
  const settled = [...example, repaid(800_000)];
  it.each(['investigation-closed', 'not-prosecuted', 'acquittal'] as const)('closes after %s', (o) =>
    closes([...settled, outcome(o)], 'offence-not-proven'),
  );
  it.each(['investigation-opened', 'prosecuted', 'judgment', 'summary-penalty'] as const)(
    'refuses after %s: no ground that the offence cannot be proven',
    (o) => refuses([...settled, outcome(o)], 'offence-not-proven', ['police-outcome']),
  );
  it('on every report: one still waiting is no ground', () =>
    refuses(
      [...settled, outcome('not-prosecuted'), { ...police, data: { ...police.data, reportId: '2' } } as CaseEvent],
      'offence-not-proven',
      ['police-outcome'],
    ));
});

describe('no police report after a finding of intent or gross negligence needs a reason (6 § bidragsbrottslagen)', () => {
  const noFindingButIntent: CaseEvent = {
    type: 'InvestigationCompleted',
    data: {
      completedOn: '2018-03-01',
      finding: 'no-incorrect-payment',
      cause: null,
      incorrectPayments: [],
      intent: 'intentional',
      savedAmountOre: 0,
    },
  };
  it.each([
    ['intentional', 'no-claim'],
    ['gross-negligence', 'no-claim'],
  ] as const)('%s, %s without a reason: refused naming the reason', (intent, reason) =>
    refuses(
      [registered, opened, { ...noFindingButIntent, data: { ...noFindingButIntent.data, intent } } as CaseEvent],
      reason,
      ['no-police-report-reason'],
    ),
  );
  it('Ingen åtgärd too', () =>
    refuses([registered, opened, noFindingButIntent], 'no-action', ['no-police-report-reason']));
  it('closes with the reason recorded on the closing', () =>
    given([registered, opened, noFindingButIntent])
      .when(
        close('no-claim', '2018-12-01', 'Åklagaren har redan en anmälan från Försäkringskassan om samma gärningar.'),
      )
      .then([
        {
          type: 'CaseClosed',
          data: {
            closedOn: '2018-12-01',
            reason: 'no-claim',
            noPoliceReportReason: 'Åklagaren har redan en anmälan från Försäkringskassan om samma gärningar.',
          },
        },
      ]));
  it('needs none without such a finding, or once a report was made', () => {
    const unintentional = { ...noFindingButIntent, data: { ...noFindingButIntent.data, intent: 'unintentional' } };
    closes([registered, opened, unintentional as CaseEvent], 'no-claim');
    closes([registered, opened, noFindingButIntent, police], 'no-claim');
  });
});
