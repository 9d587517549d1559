import { specification } from '../../../testing/decider-specification';
import { type CaseCommand, type CaseEvent, caseDecider } from '..';
import { NO_CALCULATION } from '../../domain/case-shapes';

/**
 * A claim decided only on payments already past their three-year limit can
 * never be taken to court (9 kap. 3 § SoL 2001:453, 33 kap. 5 § SoL 2025:400):
 * the decision carries a note saying so.
 */
const given = specification(caseDecider);
const cmd = <T extends CaseCommand['type']>(type: T, data: Extract<CaseCommand, { type: T }>['data'], today: string) =>
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
      // Deadlines 2018-03-26 (2018-03-25 is a Sunday) and 2021-01-25.
      incorrectPayments: [
        { paidOn: '2015-03-25', amountOre: 300_000, grantedOn: '2015-03-01', ...NO_CALCULATION },
        { paidOn: '2018-01-25', amountOre: 500_000, grantedOn: '2018-01-01', ...NO_CALCULATION },
      ],
      intent: null,
      savedAmountOre: 0,
    },
  },
];
const decide = (payments: number[], amountOre: number, decidedOn = '2018-05-02') =>
  cmd('DecideRepaymentClaim', { decidedOn, legalBasis: 'SoL 9:1', amountOre, payments }, '2019-06-28');

describe('a claim on payments all past their three-year limit', () => {
  it('carries the note with the amount past the limit', () =>
    given(history)
      .when(decide([0], 300_000))
      .then([
        {
          type: 'RepaymentClaimDecided',
          data: {
            claimId: '1',
            decidedOn: '2018-05-02',
            legalBasis: 'SoL 9:1',
            amountOre: 300_000,
            paymentIndexes: [0],
            paymentsPastLimit: { expiredAmountOre: 300_000 },
          },
        },
      ]));
  it('carries none while a payment it covers can still go to court', () =>
    given(history)
      .when(decide([0, 1], 800_000))
      .then([
        {
          type: 'RepaymentClaimDecided',
          data: {
            claimId: '1',
            decidedOn: '2018-05-02',
            legalBasis: 'SoL 9:1',
            amountOre: 800_000,
            paymentIndexes: [0, 1],
          },
        },
      ]));
  it('carries none on the last day a suit could be filed', () => {
    const [event] = given(history)
      .when(decide([0], 300_000, '2018-03-26'))
      .events();
    expect(event.data).not.toHaveProperty('paymentsPastLimit');
  });
});
