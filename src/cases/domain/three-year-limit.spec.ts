import fc from 'fast-check';
import { addDays } from '../../calendar/local-date';
import {
  type ClaimPosition,
  claimableOn,
  combinedOutlook,
  expiredOn,
  limitOutlook,
  lossSchedule,
  suitDeadline,
} from './three-year-limit';

describe('the three-year limit on a court suit', () => {
  it.each([
    ['2015-06-15', '2018-06-15', 'a Friday: the same date'],
    ['2015-06-16', '2018-06-18', 'Saturday 16 June moves to Monday'],
    ['2016-02-29', '2019-02-28', '29 February: the last day of February'],
    ['2016-02-27', '2019-02-27', 'a Wednesday'],
    ['2015-02-28', '2018-02-28', 'not a leap-day payment'],
    ['2015-06-22', '2018-06-25', 'midsommarafton (Friday), then the weekend'],
    ['2015-06-19', '2018-06-19', 'a Tuesday in midsommar week'],
    ['2015-12-24', '2018-12-27', 'julafton, juldagen, annandag jul'],
    ['2015-12-31', '2019-01-02', 'nyårsafton, then nyårsdagen'],
    ['2016-01-06', '2019-01-07', 'trettondedag jul on a Sunday'],
    ['2015-04-02', '2018-04-03', 'annandag påsk 2018'],
    ['2015-03-30', '2018-04-03', 'långfredagen through annandag påsk'],
    ['2015-05-10', '2018-05-11', 'Kristi himmelsfärdsdag'],
    ['2015-06-06', '2018-06-07', 'nationaldagen'],
    ['2015-11-03', '2018-11-05', 'alla helgons dag on a Saturday'],
    ['2017-02-28', '2020-02-28', 'a leap year target with 28 February'],
  ])('a payment on %s has its last day on %s (%s)', (paidOn, deadline) => {
    expect(suitDeadline(paidOn)).toBe(deadline);
  });
});

describe('the claimable amount', () => {
  // 3000 kr with deadline 2019-03-11 and 5000 kr with deadline 2019-06-24.
  const payments = [
    { paidOn: '2016-03-10', amountOre: 300_000 },
    { paidOn: '2016-06-23', amountOre: 500_000 },
  ];
  const position = (
    over: Partial<{ claimOre: number; repaidOre: number; waivedOre: number; suedOre: number }> = {},
  ) => ({
    claimOre: 800_000,
    repaidOre: 0,
    waivedOre: 0,
    suedOre: 0,
    payments,
    ...over,
  });

  it('is the whole claim while every payment is within its limit', () => {
    expect(claimableOn(position(), '2019-03-11')).toBe(800_000);
    expect(expiredOn(position(), '2019-03-11')).toBe(0);
  });
  it('loses a payment the day after its deadline', () => {
    expect(claimableOn(position(), '2019-03-12')).toBe(500_000);
    expect(expiredOn(position(), '2019-03-12')).toBe(300_000);
    expect(claimableOn(position(), '2019-06-25')).toBe(0);
    expect(expiredOn(position(), '2019-06-25')).toBe(800_000);
  });
  it('takes repayments and waivers off the outstanding claim, limited by what live payments back', () => {
    expect(claimableOn(position({ repaidOre: 600_000 }), '2019-03-12')).toBe(200_000);
    expect(claimableOn(position({ repaidOre: 100_000, waivedOre: 100_000 }), '2019-03-12')).toBe(500_000);
    expect(expiredOn(position({ repaidOre: 100_000, waivedOre: 100_000 }), '2019-03-12')).toBe(100_000);
  });
  it('takes sued amounts from the payments with the earliest deadlines first', () => {
    // 4000 kr sued: all of the first payment and 1000 kr of the second; 4000 kr of the second remains.
    expect(claimableOn(position({ suedOre: 400_000 }), '2019-03-01')).toBe(400_000);
    expect(claimableOn(position({ suedOre: 400_000 }), '2019-03-12')).toBe(400_000);
    expect(expiredOn(position({ suedOre: 400_000 }), '2019-03-12')).toBe(0);
    expect(claimableOn(position({ suedOre: 200_000 }), '2019-03-12')).toBe(500_000);
    expect(expiredOn(position({ suedOre: 200_000 }), '2019-03-12')).toBe(100_000);
  });
  it('is never above the claim when the claim is below the payments', () => {
    expect(claimableOn(position({ claimOre: 400_000 }), '2019-01-01')).toBe(400_000);
    expect(claimableOn(position({ claimOre: 400_000 }), '2019-03-12')).toBe(400_000);
  });
  it('tells the next deadline and what would be lost at it', () => {
    expect(limitOutlook(position(), '2019-01-01')).toEqual({
      claimableOre: 800_000,
      expiredOre: 0,
      nextDeadline: '2019-03-11',
      amountLostAtNextDeadlineOre: 300_000,
    });
    // With the claim at 4000 kr the first deadline loses nothing: the second payment backs it all.
    expect(limitOutlook(position({ claimOre: 400_000 }), '2019-01-01')).toMatchObject({
      nextDeadline: '2019-06-24',
      amountLostAtNextDeadlineOre: 400_000,
    });
    expect(limitOutlook(position(), '2019-07-01')).toMatchObject({ claimableOre: 0, nextDeadline: null });
  });
});

describe('the loss schedule', () => {
  const day = fc.integer({ min: 0, max: 4 * 365 }).map((n) => addDays('2014-01-01', n));
  const amount = fc.integer({ min: 1, max: 1_000_000 });
  const position: fc.Arbitrary<ClaimPosition> = fc
    .record({
      payments: fc.array(fc.record({ paidOn: day, amountOre: amount }), { minLength: 1, maxLength: 5 }),
      extra: fc.integer({ min: -500_000, max: 500_000 }),
      repaidOre: fc.integer({ min: 0, max: 1_000_000 }),
      waivedOre: fc.integer({ min: 0, max: 500_000 }),
      suedOre: fc.integer({ min: 0, max: 1_500_000 }),
    })
    .map(({ payments, extra, ...rest }) => ({
      ...rest,
      payments,
      claimOre: Math.max(1, payments.reduce((s, p) => s + p.amountOre, 0) + extra),
    }));

  it("answers any day's outlook: the next loss on or after it, with what it loses and what is claimable", () => {
    fc.assert(
      fc.property(fc.array(position, { minLength: 1, maxLength: 3 }), day, (positions, someDay) => {
        const on = addDays(someDay, 3 * 365);
        const { losses, outstandingOre } = lossSchedule(positions);
        const next = losses.find((l) => l.deadline >= on);
        const outlook = combinedOutlook(positions, on);
        expect({
          nextDeadline: next?.deadline ?? null,
          amountLostAtNextDeadlineOre: next?.lostOre ?? 0,
          claimableOre: next?.claimableOre ?? 0,
          expiredOre: outstandingOre - (next?.claimableOre ?? 0),
        }).toEqual(outlook);
      }),
      { numRuns: 500 },
    );
  });
});
