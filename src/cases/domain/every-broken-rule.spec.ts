import { type DelegationPoint } from '../../delegation/delegation-register';
import { DistrictRegister } from '../../districts/district-register';
import { specification } from '../../testing/decider-specification';
import {
  compensationSuitDecided,
  compensationSuitFiled,
  investigationCompleted,
  investigationOpened,
  kr,
  payment,
  policeReportFiled,
  registeredCase,
  repaymentClaimDecided,
  unnamed,
} from '../../testing/case-history';
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
  registeredCase({ subject: unnamed('man') }),
  investigationOpened(),
  investigationCompleted({ incorrectPayments: [payment('2017-10-25', 3000, '2017-10-01')] }),
  repaymentClaimDecided({ amountOre: kr(3000), paymentIndexes: [0] }),
];
const suitDecided = compensationSuitDecided({ decidedOn: '2018-04-01' });
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
  const sued = compensationSuitFiled({ filedOn: '2018-04-10', amountOre: kr(3000) });

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

/** A delegation order whose one point covers repayment claims only: any other decision under it is not covered. */
const ORDER: DelegationPoint[] = [
  {
    number: '4.1',
    title: 'Beslut om återkrav',
    decisionTypes: ['repayment-claim'],
    delegates: ['unit-head'],
    districts: null,
    maxAmountOre: 1_000_000,
    validFrom: '2018-01-01',
    validTo: null,
  },
];
/** Decided by a unit head under point 4.1. */
const under41 = {
  decisionMaker: { decidedBy: 'eva.chef', capacity: 'unit-head' as const, delegationPoint: '4.1' },
  delegationOrder: ORDER,
};

describe('closure', () => {
  it('the closing date and a closing reason the case does not meet in one refusal', () => {
    given(claimed)
      .when(cmd('CloseCase', { closedOn: TOMORROW, reason: 'no-claim' }))
      .thenFails({
        code: 'date-in-future',
        field: 'closedOn',
        broken: broken(['closedOn', 'date-in-future'], ['reason', 'closing-reason-not-met']),
      });
  });

  it('a closing reason and a delegation point that does not cover closing in one refusal', () => {
    given(claimed)
      .when(cmd('CloseCase', { closedOn: '2018-06-01', reason: 'no-claim', ...under41 }))
      .thenFails({
        code: 'closing-reason-not-met',
        broken: broken(['reason', 'closing-reason-not-met'], ['delegationPoint', 'delegation-point-does-not-cover']),
      });
  });

  it('a reason held to the closing date waits for a date that is right: one too early is refused alone', () => {
    given(claimed)
      .when(cmd('CloseCase', { closedOn: '2018-03-01', reason: 'waived-time-limit', ...under41 }))
      .thenFails({ code: 'date-before-step', field: 'closedOn', broken: [] });
  });
});

describe('pre-assessment', () => {
  const [registered] = claimed;
  const withSuspected = {
    ...registered,
    data: { ...(registered.data as object), suspectedPayments: [{ paidOn: '2017-10-25', amountOre: 300_000 }] },
  } as CaseEvent;
  const noInvestigation = (decidedOn: string) =>
    cmd('MakePreAssessment', { decidedOn, decision: 'no-investigation', reason: 'time-limit', suspectedCause: null });

  it('decided in the future, and a payment still within the three-year limit, in one refusal', () => {
    given([withSuspected])
      .when(noInvestigation(TOMORROW))
      .thenFails({
        code: 'date-in-future',
        broken: broken(['decidedOn', 'date-in-future'], ['reason', 'time-limit-not-passed']),
      });
  });

  it('the time limit and a delegation point that does not cover the decision in one refusal', () => {
    given([withSuspected])
      .when({
        ...noInvestigation('2018-03-01'),
        data: { ...noInvestigation('2018-03-01').data, ...under41 },
      } as CaseCommand)
      .thenFails({
        code: 'time-limit-not-passed',
        broken: broken(['reason', 'time-limit-not-passed'], ['delegationPoint', 'delegation-point-does-not-cover']),
      });
  });

  it('a date before the case was received is refused alone: the time limit waits for the right date', () => {
    given([withSuspected]).when(noInvestigation('2018-01-15')).thenFails({ code: 'date-before-received', broken: [] });
  });
});

describe('transfer', () => {
  const districts = DistrictRegister.default();

  it('to the district the case is in, in the future, in one refusal', () => {
    given(claimed)
      .when(cmd('TransferCase', { transferredOn: TOMORROW, toDistrict: districts.get('farsta')! }))
      .thenFails({
        code: 'same-district',
        field: 'toDistrict',
        broken: broken(['toDistrict', 'same-district'], ['transferredOn', 'date-in-future']),
      });
  });

  it('whether the district existed waits for a date that is right', () => {
    given(claimed)
      .when(cmd('TransferCase', { transferredOn: TOMORROW, toDistrict: districts.get('jarva')! }))
      .thenFails({ code: 'date-in-future', broken: [] });
  });
});

describe('moving a reminder', () => {
  const set: CaseEvent = {
    type: 'ReminderSet',
    data: { reminderId: '1', setOn: '2019-06-01', dueOn: '2019-07-01', text: 'Ring' },
  };

  it('a reminder the case does not have and a day already passed in one refusal', () => {
    given([...claimed, set])
      .when(cmd('MoveReminder', { reminderId: '7', dueOn: '2019-06-27' }))
      .thenFails({
        code: 'unknown-reminder',
        broken: broken(['reminderId', 'unknown-reminder'], ['dueOn', 'reminder-date-passed']),
      });
  });
});

describe('police report outcome', () => {
  const filed = policeReportFiled({ filedOn: '2018-03-10', acts: [{ paidOn: '2017-10-25', amountOre: kr(3000) }] });

  it('a report the case does not have and a date in the future in one refusal', () => {
    given([...claimed, filed])
      .when(cmd('RecordPoliceReportOutcome', { reportId: '4', decidedOn: TOMORROW, outcome: 'not-prosecuted' }))
      .thenFails({
        code: 'unknown-report',
        broken: broken(['reportId', 'unknown-report'], ['decidedOn', 'date-in-future']),
      });
  });
});

describe('police report', () => {
  it('an unknown payment and a delegation point that does not cover reporting in one refusal', () => {
    given(claimed)
      .when(cmd('FilePoliceReport', { filedOn: '2018-04-01', payments: [3], ...under41 }))
      .thenFails({
        code: 'unknown-act',
        broken: broken(['payments[0]', 'unknown-act'], ['delegationPoint', 'delegation-point-does-not-cover']),
      });
  });
});

describe('decision to sue', () => {
  it('a claim the case does not have and a date in the future in one refusal', () => {
    given(claimed)
      .when(cmd('DecideCompensationSuit', { claimId: '5', decidedOn: TOMORROW }))
      .thenFails({
        code: 'unknown-claim',
        broken: broken(['claimId', 'unknown-claim'], ['decidedOn', 'date-in-future']),
      });
  });

  it('the state is refused first, as before: ersättningstalan already decided', () => {
    given([...claimed, suitDecided])
      .when(cmd('DecideCompensationSuit', { decidedOn: TOMORROW }))
      .thenFails({ kind: 'conflict', code: 'suit-decided' });
  });
});

describe('repayment claim', () => {
  const secondPerson: CaseEvent = {
    type: 'SecondPersonNamed',
    data: {
      namedOn: '2018-02-05',
      relation: 'cohabitant',
      person: { personalIdentityNumber: '197712314561', name: 'Sambo', gender: 'woman' },
      dataKeyId: 'k-2',
    },
  };

  it('parts that do not add up to the claim and a delegation point that does not hold in one refusal', () => {
    given([...claimed.slice(0, 3), secondPerson])
      .when(
        cmd('DecideRepaymentClaim', {
          decidedOn: '2018-03-05',
          legalBasis: 'SoL 9:1',
          amountOre: 300_000,
          subjectShareOre: 100_000,
          secondPersonShareOre: 100_000,
          decisionMaker: { ...under41.decisionMaker, delegationPoint: '9.9' },
          delegationOrder: ORDER,
        }),
      )
      .thenFails({
        code: 'shares-not-claim-amount',
        broken: broken(
          ['secondPersonShare', 'shares-not-claim-amount'],
          ['delegationPoint', 'delegation-point-not-in-force'],
        ),
      });
  });
});

describe('waiver', () => {
  it('a person the claim is not decided against and a delegation point that does not cover waivers', () => {
    given(claimed)
      .when(
        cmd('WaiveClaim', {
          decision: 'granted',
          decidedOn: '2018-06-01',
          reason: 'other',
          amountOre: 100_000,
          person: 'second-person',
          ...under41,
        }),
      )
      .thenFails({
        code: 'person-not-liable',
        broken: broken(['person', 'person-not-liable'], ['delegationPoint', 'delegation-point-does-not-cover']),
      });
  });
});

describe('after the judgment', () => {
  const sued = compensationSuitFiled({ filedOn: '2018-04-10', amountOre: kr(3000) });
  const judged: CaseEvent = {
    type: 'CompensationJudgmentDecided',
    data: { claimId: '1', decidedOn: '2018-05-02', awardedAmountOre: 250_000 },
  };
  const judgedCase = [...claimed, suitDecided, sued, judged];
  const appealed: CaseEvent = {
    type: 'JudgmentAppealed',
    data: { claimId: '1', appealedOn: '2018-05-20', appellant: 'person', court: 'kammarratten' },
  };
  const legalForce: CaseEvent = {
    type: 'JudgmentGainedLegalForce',
    data: { claimId: '1', legalForceOn: '2018-05-24' },
  };
  const applied: CaseEvent = {
    type: 'EnforcementApplied',
    data: { claimId: '1', appliedOn: '2018-06-01', amountOre: 100_000 },
  };

  it("an appeal's outcome before the appeal and an award above what was sued for in one refusal", () => {
    given([...judgedCase, appealed])
      .when(
        cmd('RecordJudgmentAppealOutcome', { decidedOn: '2018-05-10', outcome: 'changed', awardedAmountOre: 300_001 }),
      )
      .thenFails({
        code: 'date-before-step',
        broken: broken(['decidedOn', 'date-before-step'], ['awardedAmount', 'amount-above-sued']),
      });
  });

  it('an appeal outcome: a malformed amount is refused as it comes, before the date', () => {
    given([...judgedCase, appealed])
      .when(cmd('RecordJudgmentAppealOutcome', { decidedOn: '2018-05-10', outcome: 'upheld', awardedAmountOre: 1 }))
      .thenFails({ kind: 'invalid', field: 'awardedAmount' });
  });

  it('enforcement applied for in the future and above what is left of the judgment in one refusal', () => {
    given([...judgedCase, legalForce])
      .when(cmd('ApplyForEnforcement', { appliedOn: TOMORROW, amountOre: 250_001 }))
      .thenFails({
        code: 'date-in-future',
        details: { enforceableAmount: 2500 },
        broken: broken(['appliedOn', 'date-in-future'], ['amount', 'above-enforceable']),
      });
  });

  it("enforcement's outcome before the application and above what was applied for in one refusal", () => {
    given([...judgedCase, legalForce, applied])
      .when(cmd('RecordEnforcementOutcome', { decidedOn: '2018-05-30', outcome: 'paid', amountOre: 100_001 }))
      .thenFails({
        code: 'date-before-step',
        broken: broken(['decidedOn', 'date-before-step'], ['amount', 'above-applied']),
      });
  });
});

describe('a letter issued', () => {
  const file = (n: string) => ({ fileId: `file-${n.repeat(16)}`, sha256: n.repeat(64), size: 1000 });

  it('dated in the future and concerning a claim the case does not have in one refusal', () => {
    given(claimed)
      .when(
        cmd('IssueDocument', {
          documentType: 'repayment-claim-decision',
          concerning: '8',
          issuedOn: TOMORROW,
          issuedBy: 'anna.utredare',
          templateVersion: 0,
          madeFromVersion: 3,
          pdf: file('a'),
          docx: file('b'),
        }),
      )
      .thenFails({
        code: 'date-in-future',
        broken: broken(['issuedOn', 'date-in-future'], ['concerning', 'unknown-concerning']),
      });
  });
});
