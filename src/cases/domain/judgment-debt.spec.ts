import { specification } from '../../testing/decider-specification';
import { type CaseCommand, type CaseEvent, caseDecider, replay } from '../steps';
import { type OpenCase, claimPositionOf } from './case-state';
import { judgmentDebtOf } from './judgment-debt';
import { expiredOn } from './three-year-limit';
import { NO_CALCULATION } from './case-shapes';

/** After a judgment on ersättningstalan: legal force, appeals, enforcement, the debt's own limitation. */
const given = specification(caseDecider);
const TODAY = '2031-06-30';
const cmd = <T extends CaseCommand['type']>(type: T, data: Extract<CaseCommand, { type: T }>['data'], today = TODAY) =>
  ({ type, data, today }) as CaseCommand;

const base: CaseEvent[] = [
  {
    type: 'CaseRegistered',
    data: {
      caseId: 'c-1',
      caseNumber: 'FA-2018-0001',
      district: 'farsta',
      receivedOn: '2018-02-01',
      source: 'caseworker',
      subject: { personalIdentityNumber: null, name: null, gender: 'woman' },
      suspectedPayments: [],
      summary: null,
      dataKeyId: null,
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
        { paidOn: '2015-03-10', amountOre: 200_000, grantedOn: '2015-03-01', ...NO_CALCULATION },
        { paidOn: '2016-06-23', amountOre: 800_000, grantedOn: '2016-06-01', ...NO_CALCULATION },
      ],
      intent: null,
      savedAmountOre: 0,
    },
  },
  {
    type: 'RepaymentClaimDecided',
    data: {
      claimId: '1',
      decidedOn: '2018-03-05',
      legalBasis: 'SoL 9:1',
      amountOre: 1_000_000,
      paymentIndexes: [0, 1],
    },
  },
  { type: 'CompensationSuitDecided', data: { claimId: '1', decidedOn: '2018-04-05' } },
  // 2015-03-10 is past its limit (2018-03-12) on the filing day: the suit covers the 8 000 kr paid 2016-06-23.
  { type: 'CompensationSuitFiled', data: { claimId: '1', filedOn: '2018-05-01', amountOre: 800_000 } },
];
const judged: CaseEvent = {
  type: 'CompensationJudgmentDecided',
  data: { claimId: '1', decidedOn: '2018-09-03', awardedAmountOre: 700_000 },
};
const judgedCase = [...base, judged];
const legalForce = (legalForceOn: string): CaseEvent => ({
  type: 'JudgmentGainedLegalForce',
  data: { claimId: '1', legalForceOn },
});
const appealed = (appealedOn: string, appellant: 'person' | 'municipality' = 'person', court = 'kammarratten') =>
  ({ type: 'JudgmentAppealed', data: { claimId: '1', appealedOn, appellant, court } }) as CaseEvent;
const appealDecided = (
  decidedOn: string,
  outcome: 'upheld' | 'changed' | 'leave-refused' | 'withdrawn',
  awardedAmountOre?: number,
  court = 'kammarratten',
) =>
  ({
    type: 'JudgmentAppealDecided',
    data: { claimId: '1', decidedOn, court, outcome, ...(awardedAmountOre !== undefined && { awardedAmountOre }) },
  }) as CaseEvent;
const repaid = (receivedOn: string, amountOre: number, kind: 'claim' | 'compensation' = 'compensation'): CaseEvent => ({
  type: 'RepaymentReceived',
  data: { claimId: '1', receivedOn, amountOre, kind },
});
const applied = (appliedOn: string, amountOre: number): CaseEvent => ({
  type: 'EnforcementApplied',
  data: { claimId: '1', appliedOn, amountOre },
});
const debt = (events: CaseEvent[]) => {
  const c = replay(events) as OpenCase;
  return judgmentDebtOf(c, c.claims[0])!;
};

describe('the judgment gains legal force (laga kraft)', () => {
  it('is recorded three weeks or more after the judgment', () =>
    given(judgedCase)
      .when(cmd('RecordJudgmentLegalForce', { legalForceOn: '2018-09-24' }))
      .then([legalForce('2018-09-24')]));
  it('not earlier: the nämnd may appeal for three weeks from the day it was given (förvaltningsprocesslagen 6 a §)', () =>
    given(judgedCase)
      .when(cmd('RecordJudgmentLegalForce', { legalForceOn: '2018-09-23' }))
      .thenFails({
        kind: 'rule',
        code: 'legal-force-too-early',
        field: 'legalForceOn',
        details: { earliestDate: '2018-09-24' },
      }));
  it('needs a judgment', () =>
    given(base)
      .when(cmd('RecordJudgmentLegalForce', { legalForceOn: '2018-09-24' }))
      .thenFails({ kind: 'conflict', code: 'no-judgment' }));
  it('is recorded once', () =>
    given([...judgedCase, legalForce('2018-09-24')])
      .when(cmd('RecordJudgmentLegalForce', { legalForceOn: '2018-10-01' }))
      .thenFails({ kind: 'conflict', code: 'legal-force-recorded' }));
  it('waits while an appeal is pending, then runs from the decision on it', () => {
    given([...judgedCase, appealed('2018-09-20')])
      .when(cmd('RecordJudgmentLegalForce', { legalForceOn: '2018-10-01' }))
      .thenFails({ kind: 'conflict', code: 'appeal-pending' });
    const decided = [...judgedCase, appealed('2018-09-20'), appealDecided('2019-02-01', 'upheld')];
    given(decided)
      .when(cmd('RecordJudgmentLegalForce', { legalForceOn: '2019-02-21' }))
      .thenFails({ code: 'legal-force-too-early', details: { earliestDate: '2019-02-22' } });
    given(decided)
      .when(cmd('RecordJudgmentLegalForce', { legalForceOn: '2019-02-22' }))
      .then([legalForce('2019-02-22')]);
  });
});

describe('an appeal against the judgment, and the decision on it', () => {
  it('by the person, to kammarrätten', () =>
    given(judgedCase)
      .when(cmd('AppealJudgment', { appealedOn: '2018-09-20', appellant: 'person' }))
      .then([appealed('2018-09-20')]));
  it('by both parties, each once while pending', () => {
    given([...judgedCase, appealed('2018-09-20')])
      .when(cmd('AppealJudgment', { appealedOn: '2018-09-21', appellant: 'municipality' }))
      .then([appealed('2018-09-21', 'municipality')]);
    given([...judgedCase, appealed('2018-09-20')])
      .when(cmd('AppealJudgment', { appealedOn: '2018-09-21', appellant: 'person' }))
      .thenFails({ kind: 'conflict', code: 'appeal-by-party-pending' });
  });
  it('not once the judgment has gained legal force', () =>
    given([...judgedCase, legalForce('2018-09-24')])
      .when(cmd('AppealJudgment', { appealedOn: '2018-09-25', appellant: 'person' }))
      .thenFails({ kind: 'conflict', code: 'judgment-final' }));
  it('not dated before the judgment', () =>
    given(judgedCase)
      .when(cmd('AppealJudgment', { appealedOn: '2018-09-02', appellant: 'person' }))
      .thenFails({ code: 'date-before-step', field: 'appealedOn' }));
  it("goes on to Högsta förvaltningsdomstolen after kammarrätten's decision, and no further", () => {
    const afterKr = [...judgedCase, appealed('2018-09-20'), appealDecided('2019-02-01', 'upheld')];
    given(afterKr)
      .when(cmd('AppealJudgment', { appealedOn: '2019-02-15', appellant: 'person' }))
      .then([appealed('2019-02-15', 'person', 'hogsta-forvaltningsdomstolen')]);
    given([
      ...afterKr,
      appealed('2019-02-15', 'person', 'hogsta-forvaltningsdomstolen'),
      appealDecided('2019-06-01', 'leave-refused', undefined, 'hogsta-forvaltningsdomstolen'),
    ])
      .when(cmd('AppealJudgment', { appealedOn: '2019-06-10', appellant: 'municipality' }))
      .thenFails({ kind: 'conflict', code: 'no-further-appeal' });
  });
  it('a changed judgment names its amount, and the debt follows it', () => {
    const events = [...judgedCase, appealed('2018-09-20', 'municipality')];
    given(events)
      .when(
        cmd('RecordJudgmentAppealOutcome', { decidedOn: '2019-02-01', outcome: 'changed', awardedAmountOre: 800_000 }),
      )
      .then([appealDecided('2019-02-01', 'changed', 800_000)]);
    expect(debt([...events, appealDecided('2019-02-01', 'changed', 800_000)])).toMatchObject({
      awardedOre: 800_000,
      lastDecisionOn: '2019-02-01',
      appealPending: false,
    });
  });
  it('leave refused, upheld or withdrawn: the judgment below stands', () =>
    expect(debt([...judgedCase, appealed('2018-09-20'), appealDecided('2019-02-01', 'leave-refused')])).toMatchObject({
      awardedOre: 700_000,
    }));
  it('one decision settles both parties’ appeals', () => {
    const both = [...judgedCase, appealed('2018-09-20'), appealed('2018-09-21', 'municipality')];
    expect(debt([...both, appealDecided('2019-02-01', 'upheld')]).appeals.every((a) => a.outcome !== null)).toBe(true);
  });
  it('a changed judgment without its amount, or another outcome with one, is refused naming the field', () => {
    const events = [...judgedCase, appealed('2018-09-20')];
    given(events)
      .when(cmd('RecordJudgmentAppealOutcome', { decidedOn: '2019-02-01', outcome: 'changed' }))
      .thenFails({ kind: 'invalid', field: 'awardedAmount' });
    given(events)
      .when(cmd('RecordJudgmentAppealOutcome', { decidedOn: '2019-02-01', outcome: 'upheld', awardedAmountOre: 1 }))
      .thenFails({ kind: 'invalid', field: 'awardedAmount' });
  });
  it('awards at most what was sued for', () =>
    given([...judgedCase, appealed('2018-09-20', 'municipality')])
      .when(
        cmd('RecordJudgmentAppealOutcome', { decidedOn: '2019-02-01', outcome: 'changed', awardedAmountOre: 800_001 }),
      )
      .thenFails({ kind: 'rule', code: 'amount-above-sued', field: 'awardedAmount' }));
  it('needs a pending appeal', () =>
    given(judgedCase)
      .when(cmd('RecordJudgmentAppealOutcome', { decidedOn: '2019-02-01', outcome: 'upheld' }))
      .thenFails({ kind: 'conflict', code: 'no-appeal' }));
});

describe('enforcement by Kronofogden', () => {
  const final = [...judgedCase, legalForce('2018-09-24')];
  it('waits for the judgment to gain legal force', () =>
    given(judgedCase)
      .when(cmd('ApplyForEnforcement', { appliedOn: '2018-09-20', amountOre: 700_000 }))
      .thenFails({ kind: 'conflict', code: 'judgment-not-final' }));
  it('asks for at most what is left of the judgment, repayments since the judgment taken off', () => {
    const paid = [...final, repaid('2018-10-01', 100_000)];
    given(paid)
      .when(cmd('ApplyForEnforcement', { appliedOn: '2018-11-01', amountOre: 600_000, caseReference: '12-345678-18' }))
      .then([
        {
          type: 'EnforcementApplied',
          data: { claimId: '1', appliedOn: '2018-11-01', amountOre: 600_000, caseReference: '12-345678-18' },
        },
      ]);
    given(paid)
      .when(cmd('ApplyForEnforcement', { appliedOn: '2018-11-01', amountOre: 600_001 }))
      .thenFails({ kind: 'rule', code: 'above-enforceable', field: 'amount', details: { enforceableAmount: 6000 } });
  });
  it('one application at a time', () =>
    given([...final, applied('2018-11-01', 700_000)])
      .when(cmd('ApplyForEnforcement', { appliedOn: '2018-11-02', amountOre: 1 }))
      .thenFails({ kind: 'conflict', code: 'enforcement-pending' }));
  it('nothing to enforce once the judgment is paid', () =>
    given([...final, repaid('2018-10-01', 700_000)])
      .when(cmd('ApplyForEnforcement', { appliedOn: '2018-11-01', amountOre: 1 }))
      .thenFails({ kind: 'conflict', code: 'nothing-enforceable' }));
  it('not once the judgment debt is time-barred (preskriptionslagen 8 §)', () =>
    given(final)
      .when(cmd('ApplyForEnforcement', { appliedOn: '2028-09-04', amountOre: 1 }))
      .thenFails({ kind: 'rule', code: 'judgment-debt-time-barred', details: { lastDay: '2028-09-03' } }));
  it('records the outcome: utmätning with the amount seized', () =>
    given([...final, applied('2018-11-01', 700_000)])
      .when(cmd('RecordEnforcementOutcome', { decidedOn: '2019-01-15', outcome: 'distraint', amountOre: 250_000 }))
      .then([
        {
          type: 'EnforcementOutcomeRecorded',
          data: { claimId: '1', decidedOn: '2019-01-15', outcome: 'distraint', amountOre: 250_000 },
        },
      ]));
  it('"saknar utmätningsbara tillgångar" has no amount; utmätning and paid need one, at most what was applied for', () => {
    const pending = [...final, applied('2018-11-01', 700_000)];
    given(pending)
      .when(cmd('RecordEnforcementOutcome', { decidedOn: '2019-01-15', outcome: 'no-assets' }))
      .then([
        { type: 'EnforcementOutcomeRecorded', data: { claimId: '1', decidedOn: '2019-01-15', outcome: 'no-assets' } },
      ]);
    given(pending)
      .when(cmd('RecordEnforcementOutcome', { decidedOn: '2019-01-15', outcome: 'no-assets', amountOre: 1 }))
      .thenFails({ kind: 'invalid', field: 'amount' });
    given(pending)
      .when(cmd('RecordEnforcementOutcome', { decidedOn: '2019-01-15', outcome: 'paid' }))
      .thenFails({ kind: 'invalid', field: 'amount' });
    given(pending)
      .when(cmd('RecordEnforcementOutcome', { decidedOn: '2019-01-15', outcome: 'paid', amountOre: 700_001 }))
      .thenFails({ kind: 'rule', code: 'above-applied', details: { appliedAmount: 7000 } });
  });
  it('an outcome needs an application waiting for one', () =>
    given(final)
      .when(cmd('RecordEnforcementOutcome', { decidedOn: '2019-01-15', outcome: 'no-assets' }))
      .thenFails({ kind: 'conflict', code: 'no-enforcement' }));
  it('after "saknar utmätningsbara tillgångar" the nämnd may apply again', () =>
    expect(
      given([
        ...final,
        applied('2018-11-01', 700_000),
        { type: 'EnforcementOutcomeRecorded', data: { claimId: '1', decidedOn: '2019-01-15', outcome: 'no-assets' } },
      ])
        .when(cmd('ApplyForEnforcement', { appliedOn: '2021-01-15', amountOre: 700_000 }))
        .events(),
    ).toHaveLength(1));
});

describe("the judgment debt's own limitation (preskriptionslagen 1981:130)", () => {
  it('runs ten years from the judgment (2 §, 7 §)', () =>
    expect(debt(judgedCase).limitation).toEqual({
      years: 10,
      runsFrom: '2018-09-03',
      reason: 'judgment',
      lastDay: '2028-09-03',
      enforcementPending: false,
    }));
  it('from the decision on appeal, when there is one', () =>
    expect(
      debt([...judgedCase, appealed('2018-09-20'), appealDecided('2019-02-01', 'upheld')]).limitation,
    ).toMatchObject({ runsFrom: '2019-02-01', reason: 'judgment', lastDay: '2029-02-01' }));
  it('each payment, promise to pay (a plan), acknowledgment or demand starts a new period (5 §, 6 §)', () => {
    expect(debt([...judgedCase, repaid('2020-05-05', 10_000)]).limitation).toMatchObject({
      runsFrom: '2020-05-05',
      reason: 'repayment',
    });
    expect(
      debt([
        ...judgedCase,
        {
          type: 'RepaymentPlanAgreed',
          data: { claimId: '1', agreedOn: '2021-01-10', monthlyAmountOre: 50_000, firstDueOn: '2021-02-01' },
        },
      ]).limitation,
    ).toMatchObject({ runsFrom: '2021-01-10', reason: 'repayment-plan', lastDay: '2031-01-10' });
    expect(
      debt([
        ...judgedCase,
        { type: 'JudgmentDebtInterrupted', data: { claimId: '1', interruptedOn: '2027-03-01', kind: 'demand' } },
      ]).limitation,
    ).toMatchObject({ runsFrom: '2027-03-01', reason: 'demand', lastDay: '2037-03-01' });
  });
  it('an application to Kronofogden interrupts it, and a new period runs from when the enforcement ended (7 §)', () => {
    const pending = [...judgedCase, legalForce('2018-09-24'), applied('2018-11-01', 700_000)];
    expect(debt(pending).limitation).toMatchObject({ runsFrom: '2018-11-01', enforcementPending: true });
    expect(
      debt([
        ...pending,
        { type: 'EnforcementOutcomeRecorded', data: { claimId: '1', decidedOn: '2019-01-15', outcome: 'no-assets' } },
      ]).limitation,
    ).toMatchObject({ runsFrom: '2019-01-15', reason: 'enforcement-ended', enforcementPending: false });
  });
  it('nothing revives a time-barred debt (8 §): a payment after the last day is not an interruption', () =>
    expect(debt([...judgedCase, repaid('2029-01-10', 10_000)]).limitation).toMatchObject({
      runsFrom: '2018-09-03',
      lastDay: '2028-09-03',
    }));
  it('a demand after the last day is refused', () =>
    given(judgedCase)
      .when(cmd('InterruptJudgmentDebtLimitation', { interruptedOn: '2028-09-04', kind: 'demand' }))
      .thenFails({ kind: 'rule', code: 'judgment-debt-time-barred', field: 'interruptedOn' }));
  it('an acknowledgment within the period is recorded', () =>
    given(judgedCase)
      .when(cmd('InterruptJudgmentDebtLimitation', { interruptedOn: '2028-09-03', kind: 'acknowledgment' }))
      .then([
        {
          type: 'JudgmentDebtInterrupted',
          data: { claimId: '1', interruptedOn: '2028-09-03', kind: 'acknowledgment' },
        },
      ]));
  it('a judgment that awards nothing leaves no debt to limit', () =>
    expect(
      debt([...base, { ...judged, data: { ...judged.data, awardedAmountOre: 0 } } as CaseEvent]).limitation,
    ).toBeNull());
});

describe('what a judgment covers is out of the three-year limit', () => {
  it('repayments of the judgment pay the judged part; they do not bring back what the limit took from the rest', () => {
    // 10 000 kr claimed, 8 000 kr sued for, 7 000 kr awarded and paid: once every limit has run out
    // (2019-06-25) the 2 000 kr never sued for are lost to the limit, paid judgment or not.
    const paid = replay([...judgedCase, repaid('2018-10-01', 700_000)]) as OpenCase;
    expect(expiredOn(claimPositionOf(paid, paid.claims[0]), '2019-06-25')).toBe(200_000);
    // Repaid on the claim itself (not the judgment): it pays the unsued part, as before.
    const voluntary = replay([...judgedCase, repaid('2018-04-01', 200_000, 'claim')]) as OpenCase;
    expect(expiredOn(claimPositionOf(voluntary, voluntary.claims[0]), '2019-06-25')).toBe(0);
  });
});
