import { specification } from '../../../testing/decider-specification';
import { type OpenCase, claimPositionOf, outstandingOre, writtenOffOre } from '../../domain/case-state';
import { claimableOn } from '../../domain/three-year-limit';
import { type CaseCommand, type CaseEvent, caseDecider, replay } from '..';
import { NO_CALCULATION } from '../../domain/case-shapes';

/** A claim lodged against a deceased person's estate (dödsbo), and what came of it. */
const given = specification(caseDecider);
const TODAY = '2019-06-28';
const cmd = <T extends CaseCommand['type']>(type: T, data: Extract<CaseCommand, { type: T }>['data'], today = TODAY) =>
  ({ type, data, today }) as CaseCommand;

const history: CaseEvent[] = [
  {
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
  },
  {
    type: 'PreAssessmentMade',
    data: { decidedOn: '2018-02-10', decision: 'open-investigation', reason: null, suspectedCause: null },
  },
  {
    type: 'InvestigationCompleted',
    data: {
      completedOn: '2018-03-01',
      finding: 'incorrect-payment',
      cause: 'unreported-income',
      incorrectPayments: [{ paidOn: '2017-11-24', amountOre: 800_000, grantedOn: '2017-11-01', ...NO_CALCULATION }],
      intent: null,
      savedAmountOre: 0,
    },
  },
  {
    type: 'RepaymentClaimDecided',
    data: { claimId: '1', decidedOn: '2018-03-05', legalBasis: 'SoL 9:1', amountOre: 800_000, paymentIndexes: [0] },
  },
  { type: 'RepaymentReceived', data: { claimId: '1', receivedOn: '2018-04-01', amountOre: 100_000, kind: 'claim' } },
];
const lodged: CaseEvent = {
  type: 'EstateClaimLodged',
  data: { claimId: '1', lodgedOn: '2018-08-01', amountOre: 700_000 },
};
const answer = (outcome: 'paid-in-full' | 'paid-in-part' | 'nothing', paidAmountOre?: number) =>
  cmd('RecordEstateClaimOutcome', {
    decidedOn: '2018-10-01',
    outcome,
    ...(paidAmountOre === undefined ? {} : { paidAmountOre }),
  });
const answered = (outcome: string, paidAmountOre: number, writtenOffAmountOre: number): CaseEvent =>
  ({
    type: 'EstateClaimOutcomeRecorded',
    data: { claimId: '1', decidedOn: '2018-10-01', outcome, paidAmountOre, writtenOffAmountOre },
  }) as CaseEvent;

describe('a claim lodged against the estate', () => {
  it('is recorded with its date and amount, up to what is owed', () => {
    given(history)
      .when(cmd('LodgeEstateClaim', { lodgedOn: '2018-08-01', amountOre: 700_000 }))
      .then([lodged]);
    given(history)
      .when(cmd('LodgeEstateClaim', { lodgedOn: '2018-08-01', amountOre: 700_001 }))
      .thenFails({ code: 'amount-above-outstanding', details: { outstandingAmount: 7000 } });
  });
  it('is lodged once per claim, and needs a claim', () => {
    given([...history, lodged])
      .when(cmd('LodgeEstateClaim', { lodgedOn: '2018-08-02', amountOre: 1 }))
      .thenFails({ kind: 'conflict', code: 'estate-claim-exists' });
    given(history.slice(0, 3))
      .when(cmd('LodgeEstateClaim', { lodgedOn: '2018-08-02', amountOre: 1 }))
      .thenFails({ kind: 'conflict', code: 'no-claim' });
  });
});

describe("the estate's outcome: the unpaid part is written off", () => {
  it('nothing paid: the whole lodged amount is written off, nothing is owed', () => {
    given([...history, lodged])
      .when(answer('nothing'))
      .then([answered('nothing', 0, 700_000)]);
    const c = replay([...history, lodged, answered('nothing', 0, 700_000)]) as OpenCase;
    expect(outstandingOre(c)).toBe(0);
    expect(writtenOffOre(c)).toBe(700_000);
    // Nothing is left to lose at the three-year limit either.
    expect(claimableOn(claimPositionOf(c, c.claims[0]), '2018-10-02')).toBe(0);
  });
  it('paid in part: the amount paid, the rest written off', () =>
    given([...history, lodged])
      .when(answer('paid-in-part', 250_000))
      .then([answered('paid-in-part', 250_000, 450_000)]));
  it('paid in full: the lodged amount', () =>
    given([...history, lodged])
      .when(answer('paid-in-full'))
      .then([answered('paid-in-full', 700_000, 0)]));
  it('answers for no more than is still owed when it comes', () =>
    given([
      ...history,
      lodged,
      {
        type: 'RepaymentReceived',
        data: { claimId: '1', receivedOn: '2018-09-01', amountOre: 200_000, kind: 'claim' },
      },
    ])
      .when(answer('nothing'))
      .then([answered('nothing', 0, 500_000)]));
  it.each([
    ['paid-in-part', undefined],
    ['paid-in-part', 0],
    ['paid-in-part', 700_000],
    ['nothing', 100],
    ['paid-in-full', 1],
  ] as const)('refuses %s with a paid amount of %s', (outcome, paid) =>
    given([...history, lodged])
      .when(answer(outcome, paid))
      .thenFails({ kind: 'rule', code: 'estate-paid-amount', field: 'paidAmount', details: { lodgedAmount: 7000 } }),
  );
  it('is recorded once, after the lodging, and needs a lodged claim', () => {
    given([...history, lodged, answered('nothing', 0, 700_000)])
      .when(answer('nothing'))
      .thenFails({ kind: 'conflict', code: 'estate-claim-decided' });
    given([...history, lodged])
      .when({ ...answer('nothing'), data: { decidedOn: '2018-07-31', outcome: 'nothing' } } as CaseCommand)
      .thenFails({ code: 'date-before-step', field: 'decidedOn' });
    given(history).when(answer('nothing')).thenFails({ kind: 'conflict', code: 'no-estate-claim' });
  });
});
