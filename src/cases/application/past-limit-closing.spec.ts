import { NO_CALCULATION } from '../domain/case-shapes';
import { deepFreeze } from '../../testing/decider-specification';
import type { OpenCase } from '../domain/case-state';
import { type CaseCommand, type CaseEvent, decide, evolve, replay } from '../steps';
import { pastLimitClosing } from './past-limit-closing';

/**
 * The closing of a case whose claims are wholly past their three-year limits
 * (issue 22): the waivers of what is owed, for the time limit, then the
 * closing as Eftergift - 3-årsgräns, each decided by the decider in turn on
 * the case as the step before left it. Given the history, when the plan is
 * decided, then these events, or the refusal of the first step that cannot be taken.
 */
const TODAY = '2019-06-28';
const WHO = {
  decisionMaker: { decidedBy: 'chef.farsta', capacity: 'unit-head' as const, delegationPoint: null },
  delegationOrder: [],
};

const registered: CaseEvent = {
  type: 'CaseRegistered',
  data: {
    caseId: 'c-1',
    caseNumber: 'FA-2019-0001',
    district: 'farsta',
    receivedOn: '2018-02-01',
    source: 'caseworker',
    subject: { personalIdentityNumber: '198112189876', name: 'Testperson', gender: 'man' },
    suspectedPayments: [],
    summary: null,
    dataKeyId: 'k-1',
  },
};
const opened: CaseEvent = {
  type: 'PreAssessmentMade',
  data: { decidedOn: '2018-02-10', decision: 'open-investigation', reason: null, suspectedCause: null },
};
const investigated = (payments: Array<[string, number]>): CaseEvent => ({
  type: 'InvestigationCompleted',
  data: {
    completedOn: '2018-03-01',
    finding: 'incorrect-payment',
    cause: 'unreported-income',
    incorrectPayments: payments.map(([paidOn, amountOre]) => ({
      paidOn,
      amountOre,
      grantedOn: paidOn,
      ...NO_CALCULATION,
    })),
    intent: null,
    savedAmountOre: 0,
  },
});
const claim = (claimId: string, amountOre: number, paymentIndexes: number[], over: object = {}): CaseEvent => ({
  type: 'RepaymentClaimDecided',
  data: { claimId, decidedOn: '2018-03-05', legalBasis: 'SoL 9:1', amountOre, paymentIndexes, ...over },
});

/** The plan decided step by step on frozen states, as CaseCommands.executePlan does. */
function closing(history: CaseEvent[]): CaseEvent[] {
  const state = deepFreeze(replay(history)) as OpenCase;
  const events: CaseEvent[] = [];
  let s = state as ReturnType<typeof replay>;
  for (const command of pastLimitClosing(state, TODAY, WHO)) {
    const decided = decide({ ...command, today: TODAY } as CaseCommand, s);
    events.push(...decided);
    s = deepFreeze(decided.reduce(evolve, s));
  }
  return events;
}

const waived = (claimId: string, amountOre: number, over: object = {}) => ({
  type: 'ClaimWaived',
  data: {
    claimId,
    decidedOn: TODAY,
    reason: 'time-limit',
    amountOre,
    reasons: expect.stringContaining('Eftergift av nämndens eget initiativ (9 kap. 4 § SoL (2001:453))'),
    decisionMaker: WHO.decisionMaker,
    ...over,
  },
});
const closedPastLimit = {
  type: 'CaseClosed',
  data: { closedOn: TODAY, reason: 'waived-time-limit', decisionMaker: WHO.decisionMaker },
};

describe('closing a case whose claims are wholly past their limits', () => {
  it('waives what each claim still owes, for the time limit, with the decision-maker, then closes', () => {
    expect(
      closing([
        registered,
        opened,
        investigated([
          ['2015-05-10', 100_000],
          ['2015-06-10', 200_000],
          ['2016-01-11', 50_000],
        ]),
        claim('1', 300_000, [0, 1]),
        claim('2', 50_000, [2]),
        {
          type: 'RepaymentReceived',
          data: { claimId: '1', receivedOn: '2018-04-01', amountOre: 20_000, kind: 'claim' },
        },
      ]),
    ).toEqual([waived('1', 280_000), waived('2', 50_000), closedPastLimit]);
  });

  it("waives each person's own part of a claim decided against two", () => {
    const second: CaseEvent = {
      type: 'SecondPersonNamed',
      data: {
        namedOn: '2018-02-05',
        relation: 'cohabitant',
        person: { personalIdentityNumber: '197712314561', name: 'Sambo', gender: 'woman' },
        dataKeyId: 'k-2',
      },
    };
    const shares = [
      { person: 'subject', amountOre: 60_000 },
      { person: 'second-person', amountOre: 40_000 },
    ];
    expect(
      closing([
        registered,
        second,
        opened,
        investigated([['2015-05-10', 100_000]]),
        claim('1', 100_000, [0], { shares }),
        {
          type: 'RepaymentReceived',
          data: { claimId: '1', receivedOn: '2018-04-01', amountOre: 10_000, kind: 'claim', person: 'second-person' },
        },
      ]),
    ).toEqual([
      waived('1', 60_000, { person: 'subject' }),
      waived('1', 30_000, { person: 'second-person' }),
      closedPastLimit,
    ]);
  });

  it('refuses a case with money still within its limit: the waiver may not exceed what has expired', () => {
    expect(() =>
      closing([
        registered,
        opened,
        investigated([
          ['2015-05-10', 100_000],
          ['2017-06-12', 200_000],
        ]),
        claim('1', 300_000, [0, 1]),
      ]),
    ).toThrow(expect.objectContaining({ kind: 'rule', code: 'above-expired', details: { expiredAmount: 1000 } }));
  });

  it('refuses a case with no claim: there is nothing to waive, and no such closing', () => {
    expect(() => closing([registered, opened, investigated([['2015-05-10', 100_000]])])).toThrow(
      expect.objectContaining({
        kind: 'rule',
        code: 'closing-reason-not-met',
        details: { missing: ['repayment-claim'] },
      }),
    );
  });

  it('waives nothing already repaid, and closes a claim wholly repaid only if its own closing reason is met', () => {
    // Repaid in full: nothing to waive, and Eftergift - 3-årsgräns needs a waiver of its reason: refused, pointing at it.
    expect(() =>
      closing([
        registered,
        opened,
        investigated([['2015-05-10', 100_000]]),
        claim('1', 100_000, [0]),
        {
          type: 'RepaymentReceived',
          data: { claimId: '1', receivedOn: '2018-04-01', amountOre: 100_000, kind: 'claim' },
        },
      ]),
    ).toThrow(
      expect.objectContaining({
        code: 'closing-reason-not-met',
        details: expect.objectContaining({ missing: ['waiver'] }),
      }),
    );
  });
});
