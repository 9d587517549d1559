import { specification } from '../../testing/decider-specification';
import { type CaseCommand, type CaseEvent, caseDecider } from '../steps';

/**
 * Issue 22: every error found in one submit. A command that breaks rules of
 * fields that do not depend on each other is refused once, naming each rule
 * (`broken`), led by the first as before; a command breaking one rule is
 * refused as it always was.
 */
const given = specification(caseDecider);
const TODAY = '2019-06-28';
const TOMORROW = '2019-06-29';
const cmd = <T extends CaseCommand['type']>(type: T, data: Extract<CaseCommand, { type: T }>['data']) =>
  ({ type, data, today: TODAY }) as CaseCommand;

/** Received 2018-02-01; a claim of 3 000 kr decided 2018-03-05 on the one incorrect payment. */
const claimed: CaseEvent[] = [
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
      incorrectPayments: [
        {
          paidOn: '2017-10-25',
          amountOre: 300_000,
          grantedOn: '2017-10-01',
          month: null,
          paidAmountOre: null,
          correctAmountOre: null,
          reason: null,
        },
      ],
      intent: null,
      savedAmountOre: 0,
    },
  },
  {
    type: 'RepaymentClaimDecided',
    data: { claimId: '1', decidedOn: '2018-03-05', legalBasis: 'SoL 9:1', amountOre: 300_000, paymentIndexes: [0] },
  },
];
const suitDecided: CaseEvent = { type: 'CompensationSuitDecided', data: { claimId: '1', decidedOn: '2018-04-01' } };
const broken = (...rules: Array<[field: string, code: string]>) => rules.map(([field, code]) => ({ field, code }));

describe('repayment plan', () => {
  const plan = { agreedOn: '2018-03-10', monthlyAmountOre: 50_000, firstDueOn: '2018-04-01' };

  it('the claim named, the first due date and the OCR reference in one refusal', () => {
    given(claimed)
      .when(cmd('AgreeRepaymentPlan', { ...plan, claimId: '2', firstDueOn: '2018-03-01', ocrReference: '123456781' }))
      .thenFails({
        kind: 'rule',
        code: 'unknown-claim',
        field: 'claimId',
        broken: broken(
          ['claimId', 'unknown-claim'],
          ['firstDueOn', 'date-before-step'],
          ['ocrReference', 'invalid-ocr-reference'],
        ),
      });
  });

  it('one broken rule is refused as before', () => {
    given(claimed)
      .when(cmd('AgreeRepaymentPlan', { ...plan, agreedOn: TOMORROW, firstDueOn: '2019-08-01' }))
      .thenFails({ kind: 'rule', code: 'date-in-future', field: 'agreedOn', broken: [] });
  });
});

describe('repayment', () => {
  it('the date and the amount above what is owed in one refusal', () => {
    given(claimed)
      .when(cmd('ReceiveRepayment', { receivedOn: '2018-03-01', amountOre: 300_001, kind: 'claim' }))
      .thenFails({
        code: 'date-before-step',
        details: { outstandingAmount: 3000 },
        broken: broken(['receivedOn', 'date-before-step'], ['amount', 'amount-above-outstanding']),
      });
  });

  it('an unknown claim: the date still checked, the amount not (there is no claim to hold it to)', () => {
    given(claimed)
      .when(cmd('ReceiveRepayment', { claimId: '9', receivedOn: TOMORROW, amountOre: 900_000, kind: 'claim' }))
      .thenFails({
        code: 'unknown-claim',
        broken: broken(['claimId', 'unknown-claim'], ['receivedOn', 'date-in-future']),
      });
  });

  it('a person the claim is not decided against, with the date', () => {
    given(claimed)
      .when(cmd('ReceiveRepayment', { receivedOn: TOMORROW, amountOre: 100, kind: 'claim', person: 'second-person' }))
      .thenFails({
        code: 'date-in-future',
        broken: broken(['receivedOn', 'date-in-future'], ['person', 'person-not-liable']),
      });
  });
});

describe('waiver', () => {
  it('granted: the date and the amount above what is owed in one refusal', () => {
    given(claimed)
      .when(cmd('WaiveClaim', { decision: 'granted', decidedOn: '2018-03-01', reason: 'other', amountOre: 400_000 }))
      .thenFails({
        code: 'date-before-step',
        broken: broken(['decidedOn', 'date-before-step'], ['amount', 'amount-above-outstanding']),
      });
  });

  it('refused: the application date in the future, and a decision before that application', () => {
    given(claimed)
      .when(
        cmd('WaiveClaim', {
          decision: 'refused',
          applicationReceivedOn: TOMORROW,
          decidedOn: '2019-06-01',
          reasons: 'Inga särskilda skäl.',
        }),
      )
      .thenFails({
        code: 'date-in-future',
        broken: broken(['applicationReceivedOn', 'date-in-future'], ['decidedOn', 'date-before-step']),
      });
  });

  it('refused without an application, decided in the future', () => {
    given(claimed)
      .when(cmd('WaiveClaim', { decision: 'refused', decidedOn: TOMORROW, reasons: 'Inga särskilda skäl.' }))
      .thenFails({
        code: 'date-in-future',
        broken: broken(['decidedOn', 'date-in-future'], ['applicationReceivedOn', 'waiver-application-required']),
      });
  });

  it('a malformed field after a broken rule: the rule answers, as before', () => {
    given(claimed)
      .when(cmd('WaiveClaim', { decision: 'granted', decidedOn: TOMORROW, amountOre: 100 }))
      .thenFails({ kind: 'rule', code: 'date-in-future', broken: [] });
  });
});

describe('police report', () => {
  it('the date and each unknown payment in one refusal', () => {
    given(claimed)
      .when(cmd('FilePoliceReport', { filedOn: TOMORROW, payments: [4, 0, 2] }))
      .thenFails({
        code: 'date-in-future',
        broken: broken(['filedOn', 'date-in-future'], ['payments[0]', 'unknown-act'], ['payments[2]', 'unknown-act']),
      });
  });
});

describe('compensation suit', () => {
  it('the date before the decision to sue and the amount above what is claimable in one refusal', () => {
    given([...claimed, suitDecided])
      .when(cmd('FileCompensationSuit', { filedOn: '2018-03-20', amountOre: 500_000 }))
      .thenFails({
        code: 'date-before-step',
        details: { claimableAmount: 3000 },
        broken: broken(['filedOn', 'date-before-step'], ['amount', 'above-claimable']),
      });
  });

  it('the state is refused first, as before: no decision to sue', () => {
    given(claimed)
      .when(cmd('FileCompensationSuit', { filedOn: TOMORROW, amountOre: 500_000 }))
      .thenFails({ kind: 'conflict', code: 'no-suit-decision' });
  });
});

describe('claim against the estate', () => {
  it('the date and the amount above what is owed in one refusal', () => {
    given(claimed)
      .when(cmd('LodgeEstateClaim', { lodgedOn: TOMORROW, amountOre: 300_001 }))
      .thenFails({
        code: 'date-in-future',
        broken: broken(['lodgedOn', 'date-in-future'], ['amount', 'amount-above-outstanding']),
      });
  });
});

describe('compensation judgment', () => {
  const sued: CaseEvent = {
    type: 'CompensationSuitFiled',
    data: { claimId: '1', filedOn: '2018-04-10', amountOre: 300_000 },
  };

  it('the date before the suit and an award above what was sued for in one refusal', () => {
    given([...claimed, suitDecided, sued])
      .when(cmd('RecordCompensationJudgment', { decidedOn: '2018-04-05', awardedAmountOre: 300_001 }))
      .thenFails({
        code: 'date-before-step',
        broken: broken(['decidedOn', 'date-before-step'], ['awardedAmount', 'amount-above-sued']),
      });
  });
});

describe('kommunicering', () => {
  it('sent in the future and a last day to respond before it in one refusal', () => {
    given(claimed)
      .when(
        cmd('SendCommunication', {
          concerning: 'repayment-claim',
          sentOn: TOMORROW,
          respondBy: '2019-06-20',
          material: 'Utredningen.',
        }),
      )
      .thenFails({
        code: 'date-in-future',
        broken: broken(['sentOn', 'date-in-future'], ['respondBy', 'deadline-before-sent']),
      });
  });
});
