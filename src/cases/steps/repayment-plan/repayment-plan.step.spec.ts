import { specification } from '../../../testing/decider-specification';
import { type CaseCommand, type CaseEvent, caseDecider } from '..';
import { isOcrReference } from '../../domain/ocr-reference';
import { NO_CALCULATION } from '../../domain/case-shapes';

/**
 * An avbetalningsplan may carry the OCR reference the person pays with (issue
 * 22): the repayments import finds the plan's case by it. A reference that
 * fails its check digit would match no payment, so it is refused.
 */
const given = specification(caseDecider);
const TODAY = '2019-06-28';
const agree = (data: Extract<CaseCommand, { type: 'AgreeRepaymentPlan' }>['data']): CaseCommand => ({
  type: 'AgreeRepaymentPlan',
  data,
  today: TODAY,
});

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
      incorrectPayments: [{ paidOn: '2017-10-25', amountOre: 300_000, grantedOn: '2017-10-01', ...NO_CALCULATION }],
      intent: null,
      savedAmountOre: 0,
    },
  },
  {
    type: 'RepaymentClaimDecided',
    data: { claimId: '1', decidedOn: '2018-03-05', legalBasis: 'SoL 9:1', amountOre: 300_000, paymentIndexes: [0] },
  },
];
const terms = { agreedOn: '2018-03-10', monthlyAmountOre: 50_000, firstDueOn: '2018-04-01' };

describe('repayment plan: the OCR reference', () => {
  it('records the OCR reference the person pays with', () => {
    given(history)
      .when(agree({ ...terms, ocrReference: '123456782' }))
      .then([{ type: 'RepaymentPlanAgreed', data: { claimId: '1', ...terms, ocrReference: '123456782' } }]);
  });

  it('records a plan without one, as before', () => {
    given(history)
      .when(agree(terms))
      .then([{ type: 'RepaymentPlanAgreed', data: { claimId: '1', ...terms } }]);
  });

  it('refuses a reference whose check digit is wrong, or that is not 2-25 digits', () => {
    for (const ocrReference of ['123456781', '12a456782', '1', '1'.repeat(26)])
      given(history)
        .when(agree({ ...terms, ocrReference }))
        .thenFails({ kind: 'rule', code: 'invalid-ocr-reference', field: 'ocrReference' });
  });

  it('checks the modulus-10 check digit as Bankgirot does', () => {
    expect(['123456782', '201800018', '40001232', '18'].map(isOcrReference)).toEqual([true, true, true, true]);
    expect(['123456783', '201800011', '40001233', '19'].map(isOcrReference)).toEqual([false, false, false, false]);
  });
});
