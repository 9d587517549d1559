import { addDays } from '../../calendar/local-date';
import { type CaseEvent, replay } from '../steps';
import type { OpenCase } from './case-state';
import {
  type PlanSchedule,
  arrearsOn,
  firstUnpaid,
  missedInstalments,
  planPositions,
  repaymentPlanSchedules,
} from './instalments';
import { NO_CALCULATION } from './case-shapes';

/**
 * Given a case's history, when its plans are judged on a day, then each
 * instalment has this status and the plan is this far behind.
 */
function given(...events: CaseEvent[]) {
  const state = replay(events);
  if (!state.exists) throw new Error('no registration');
  return {
    asOf: (day: string) => ({
      plans: (): PlanSchedule[] => repaymentPlanSchedules(state, day),
      /** The statuses of the first plan's instalments, as "due status paid" lines. */
      instalments: (plan = 0): string[] =>
        repaymentPlanSchedules(state, day)[plan].instalments.map(
          (x) => `${x.dueOn} ${x.status} ${x.paidOre / 100}/${x.amountOre / 100}`,
        ),
      missed: () => missedInstalments(state, day),
    }),
    state: state as OpenCase,
  };
}

const registered: CaseEvent = {
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
    dataKeyId: 'k-1',
  },
};
const opened: CaseEvent = {
  type: 'PreAssessmentMade',
  data: { decidedOn: '2018-02-10', decision: 'open-investigation', reason: null, suspectedCause: null },
};
const investigated: CaseEvent = {
  type: 'InvestigationCompleted',
  data: {
    completedOn: '2018-03-01',
    finding: 'incorrect-payment',
    cause: 'unreported-income',
    incorrectPayments: [
      { paidOn: '2017-10-25', amountOre: 100_000, grantedOn: '2017-10-01', ...NO_CALCULATION },
      { paidOn: '2017-11-24', amountOre: 100_000, grantedOn: '2017-11-01', ...NO_CALCULATION },
      { paidOn: '2017-12-22', amountOre: 50_000, grantedOn: '2017-12-01', ...NO_CALCULATION },
    ],
    intent: null,
    savedAmountOre: 0,
  },
};
/** A claim of 2 000 kr (and a second of 500 kr when asked). */
const claimed = (claimId = '1', amountOre = 200_000, paymentIndexes = [0, 1]): CaseEvent => ({
  type: 'RepaymentClaimDecided',
  data: { claimId, decidedOn: '2018-03-05', legalBasis: 'SoL 9:1', amountOre, paymentIndexes },
});
const plan = (monthlyKr: number, firstDueOn: string, agreedOn = '2018-03-10', claimId = '1'): CaseEvent => ({
  type: 'RepaymentPlanAgreed',
  data: { claimId, agreedOn, monthlyAmountOre: monthlyKr * 100, firstDueOn },
});
const repaid = (kr: number, receivedOn: string, claimId = '1'): CaseEvent => ({
  type: 'RepaymentReceived',
  data: { claimId, receivedOn, amountOre: kr * 100, kind: 'claim' },
});
const waived = (kr: number, decidedOn: string): CaseEvent => ({
  type: 'ClaimWaived',
  data: { claimId: '1', decidedOn, reason: 'other', amountOre: kr * 100 },
});
const closed = (closedOn: string): CaseEvent => ({
  type: 'CaseClosed',
  data: { closedOn, reason: 'no-action', noPoliceReportReason: 'Ingen misstanke om brott.' },
});
const history = [registered, opened, investigated, claimed()];

describe('instalments of a repayment plan, as of a day', () => {
  // 2018: 1 May is a holiday, 1 July a Sunday, 1 September a Saturday.
  it('allocates each repayment to the oldest instalment, and an instalment past its last day unpaid is missed', () => {
    const judged = given(...history, plan(500, '2018-04-01'), repaid(500, '2018-04-03')).asOf('2018-06-15');
    expect(judged.instalments()).toEqual([
      '2018-04-01 paid 500/500',
      '2018-05-01 missed 0/500',
      '2018-06-01 missed 0/500',
      '2018-07-01 not-yet-due 0/500',
    ]);
    expect(judged.plans()[0]).toMatchObject({ behindOre: 100_000, behindSince: '2018-05-01', ended: null });
  });

  it('calls an instalment short when less than it was paid, and a larger repayment covers the next ones', () => {
    expect(
      given(...history, plan(500, '2018-04-01'), repaid(300, '2018-04-01'))
        .asOf('2018-04-20')
        .instalments()
        .slice(0, 1),
    ).toEqual(['2018-04-01 short 300/500']);
    const ahead = given(...history, plan(500, '2018-04-01'), repaid(1200, '2018-03-20')).asOf('2018-06-05');
    expect(ahead.instalments()).toEqual([
      '2018-04-01 paid 500/500',
      '2018-05-01 paid 500/500',
      '2018-06-01 short 200/500',
      '2018-07-01 not-yet-due 0/500',
    ]);
    expect(ahead.plans()[0]).toMatchObject({ paidOre: 120_000, behindOre: 30_000, behindSince: '2018-06-01' });
  });

  it('is not late before the last day to pay: a due day on a weekend or holiday moves to the next working day', () => {
    // 2018-07-01 is a Sunday: paid on Monday 2 July, it is on time; unpaid, it is late from 3 July.
    const due = given(...history, plan(500, '2018-07-01', '2018-06-20'));
    expect(due.asOf('2018-07-02').instalments()[0]).toBe('2018-07-01 not-yet-due 0/500');
    expect(due.asOf('2018-07-03').instalments()[0]).toBe('2018-07-01 missed 0/500');
    expect(
      given(...history, plan(500, '2018-07-01', '2018-06-20'), repaid(500, '2018-07-02'))
        .asOf('2018-07-03')
        .missed(),
    ).toEqual([]);
  });

  it('pays what was owed when the plan was agreed: repaid before it is left out, the last instalment is the rest', () => {
    const p = given(...history, repaid(700, '2018-03-08'), plan(500, '2018-04-01')).asOf('2018-09-10');
    expect(p.plans()[0]).toMatchObject({ totalOre: 130_000, instalmentCount: 3, lastDueOn: '2018-06-01', paidOre: 0 });
    expect(p.instalments()).toEqual(['2018-04-01 missed 0/500', '2018-05-01 missed 0/500', '2018-06-01 missed 0/300']);
    expect(p.plans()[0]).toMatchObject({ behindOre: 130_000, behindSince: '2018-04-01' });
  });

  it('keeps the same day number each month, the last day of a month without it', () => {
    const p = given(...history, plan(500, '2018-03-31'), repaid(2000, '2018-03-31')).asOf('2018-03-31');
    expect(p.plans()[0].instalments.map((x) => x.dueOn)).toEqual([
      '2018-03-31',
      '2018-04-30',
      '2018-05-31',
      '2018-06-30',
    ]);
  });

  it('ends a plan replaced by a new one: what it left unpaid is no longer behind, the new plan pays the rest', () => {
    const p = given(
      ...history,
      plan(500, '2018-04-01'),
      repaid(500, '2018-04-02'),
      plan(250, '2018-07-01', '2018-06-15'),
      repaid(250, '2018-07-02'),
    ).asOf('2018-08-10');
    const [old, current] = p.plans();
    expect(old.ended).toEqual({ on: '2018-06-15', reason: 'replaced' });
    expect(old).toMatchObject({ behindOre: 0, behindSince: null, paidOre: 50_000 });
    // Only the instalments due before the new plan was agreed were the old plan's.
    expect(p.instalments(0)).toEqual(['2018-04-01 paid 500/500', '2018-05-01 missed 0/500', '2018-06-01 missed 0/500']);
    expect(current).toMatchObject({ totalOre: 150_000, paidOre: 25_000, ended: null, behindOre: 25_000 });
    expect(p.instalments(1).slice(0, 2)).toEqual(['2018-07-01 paid 250/250', '2018-08-01 missed 0/250']);
    expect(p.missed()).toEqual([
      expect.objectContaining({ claimId: '1', planAgreedOn: '2018-06-15', behindOre: 25_000, since: '2018-08-01' }),
    ]);
  });

  it('ends a plan once the claim is repaid, and once the rest is waived', () => {
    const repaidInFull = given(...history, plan(500, '2018-04-01'), repaid(2000, '2018-05-20')).asOf('2018-09-01');
    expect(repaidInFull.plans()[0]).toMatchObject({ ended: { on: '2018-05-20', reason: 'settled' }, behindOre: 0 });
    expect(repaidInFull.plans()[0].instalments.every((x) => x.status === 'paid')).toBe(true);
    const waivedRest = given(
      ...history,
      plan(500, '2018-04-01'),
      repaid(500, '2018-04-01'),
      waived(1500, '2018-06-10'),
    );
    expect(waivedRest.asOf('2018-09-01').plans()[0]).toMatchObject({
      ended: { on: '2018-06-10', reason: 'settled' },
      totalOre: 50_000,
      behindOre: 0,
    });
    expect(waivedRest.asOf('2018-09-01').missed()).toEqual([]);
  });

  it('shortens a plan from its end when part of the claim is waived: the instalments due stay as they were', () => {
    const p = given(...history, plan(500, '2018-04-01'), waived(1000, '2018-05-15')).asOf('2018-06-05');
    expect(p.plans()[0]).toMatchObject({ totalOre: 100_000, instalmentCount: 2, ended: null, behindOre: 100_000 });
    expect(p.instalments()).toEqual(['2018-04-01 missed 0/500', '2018-05-01 missed 0/500']);
  });

  it('ends the plan of a closed case: nothing is behind, the instalments after the closing are not listed', () => {
    const p = given(...history, plan(500, '2018-04-01'), closed('2018-05-20')).asOf('2018-09-01');
    expect(p.plans()[0]).toMatchObject({ ended: { on: '2018-05-20', reason: 'case-closed' }, behindOre: 0 });
    expect(p.instalments()).toEqual(['2018-04-01 missed 0/500', '2018-05-01 missed 0/500']);
    expect(p.missed()).toEqual([]);
  });

  it('judges each claim’s plan on its own', () => {
    const p = given(
      registered,
      opened,
      investigated,
      claimed('1', 200_000, [0, 1]),
      claimed('2', 50_000, [2]),
      plan(500, '2018-04-01', '2018-03-10', '1'),
      plan(100, '2018-04-15', '2018-03-10', '2'),
      repaid(500, '2018-04-01', '1'),
      repaid(200, '2018-04-10', '2'),
    ).asOf('2018-05-20');
    expect(p.missed()).toEqual([
      expect.objectContaining({
        claimId: '1',
        behindOre: 50_000,
        since: '2018-05-01',
        instalments: [expect.objectContaining({ number: 2, status: 'missed' })],
      }),
    ]);
    expect(
      p
        .plans()[1]
        .instalments.slice(0, 2)
        .map((x) => x.status),
    ).toEqual(['paid', 'paid']);
  });

  it('lists the missed and short instalments with what is behind', () => {
    const m = given(...history, plan(500, '2018-04-01'), repaid(700, '2018-04-01'))
      .asOf('2018-06-10')
      .missed();
    expect(m).toEqual([
      {
        claimId: '1',
        planAgreedOn: '2018-03-10',
        ocrReference: null,
        behindOre: 80_000,
        since: '2018-05-01',
        instalments: [
          expect.objectContaining({ dueOn: '2018-05-01', payBy: '2018-05-02', status: 'short', paidOre: 20_000 }),
          expect.objectContaining({ dueOn: '2018-06-01', status: 'missed', paidOre: 0 }),
        ],
      },
    ]);
  });

  it('gives the read models the same arrears from a plan’s position as the schedule, on any day', () => {
    const cases = [
      given(...history, plan(500, '2018-04-01'), repaid(700, '2018-04-01')).state,
      given(...history, plan(300, '2018-06-30'), repaid(250, '2018-07-02'), repaid(400, '2018-09-03')).state,
      given(...history, repaid(700, '2018-03-08'), plan(450, '2018-04-29')).state,
    ];
    for (const c of cases) {
      const [position] = planPositions(c);
      for (let day = '2018-03-20'; day < '2019-03-01'; day = addDays(day, 1)) {
        const schedule = repaymentPlanSchedules(c, day)[0];
        const arrears = arrearsOn(position, day);
        expect({ day, behind: arrears?.behindOre ?? 0, since: arrears?.since ?? null }).toEqual({
          day,
          behind: schedule.behindOre,
          since: schedule.behindSince,
        });
      }
      // The first instalment not paid in full, as the schedule allocates.
      const schedule = repaymentPlanSchedules(c, '2019-03-01')[0];
      expect(firstUnpaid(position)?.dueOn).toBe(schedule.instalments.find((x) => x.paidOre < x.amountOre)?.dueOn);
    }
  });

  it('keeps no position for a plan paid, replaced, or of a closed case', () => {
    expect(planPositions(given(...history, plan(500, '2018-04-01'), repaid(2000, '2018-04-01')).state)).toEqual([]);
    expect(planPositions(given(...history, plan(500, '2018-04-01'), closed('2018-05-01')).state)).toEqual([]);
    expect(
      planPositions(given(...history, plan(500, '2018-04-01'), plan(400, '2018-06-01', '2018-05-10')).state),
    ).toEqual([expect.objectContaining({ agreedOn: '2018-05-10', totalOre: 200_000, monthlyAmountOre: 40_000 })]);
  });

  it('has nothing to say of a case without a plan, or not registered', () => {
    expect(
      given(...history)
        .asOf('2019-01-01')
        .plans(),
    ).toEqual([]);
    expect(missedInstalments({ exists: false }, '2019-01-01')).toEqual([]);
  });
});
