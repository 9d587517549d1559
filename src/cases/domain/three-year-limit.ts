import { LocalDate, addDays, addYears } from '../../calendar/local-date';
import { nextWorkingDay } from '../../calendar/swedish-calendar';

/**
 * The three-year limit on a court suit (33 kap. 5 § SoL 2025:400, formerly
 * 9 kap. 3 § SoL 2001:453; computed by lag 1930:173): the same day number three
 * years after the payment (the month's last day where it does not exist), moved
 * past Saturdays, Sundays, public holidays, midsommarafton, julafton and nyårsafton.
 */
export function suitDeadline(paidOn: LocalDate): LocalDate {
  return nextWorkingDay(addYears(paidOn, 3));
}

export interface BackingPayment {
  paidOn: LocalDate;
  amountOre: number;
}

export interface ClaimPosition {
  claimOre: number;
  repaidOre: number;
  waivedOre: number;
  suedOre: number;
  /** The incorrect payments the claim covers. */
  payments: BackingPayment[];
}

export interface Tranche {
  deadline: LocalDate;
  remainingOre: number;
}

/** Each payment's backing after sued amounts are taken from the earliest deadlines first. */
export function unsuedTranches(position: ClaimPosition): Tranche[] {
  let sued = position.suedOre;
  return position.payments
    .map((p) => ({ deadline: suitDeadline(p.paidOn), amountOre: p.amountOre }))
    .sort((a, b) => a.deadline.localeCompare(b.deadline))
    .map((p) => {
      const taken = Math.min(sued, p.amountOre);
      sued -= taken;
      return { deadline: p.deadline, remainingOre: p.amountOre - taken };
    });
}

export function unsuedOutstanding(position: ClaimPosition): number {
  return Math.max(0, position.claimOre - position.repaidOre - position.waivedOre - position.suedOre);
}

/** What can still be sued for on day `on`: the unsued outstanding claim, limited to what live payments back. */
export function claimableOn(position: ClaimPosition, on: LocalDate): number {
  const backed = unsuedTranches(position)
    .filter((t) => t.deadline >= on)
    .reduce((sum, t) => sum + t.remainingOre, 0);
  return Math.min(unsuedOutstanding(position), backed);
}

export function expiredOn(position: ClaimPosition, on: LocalDate): number {
  return unsuedOutstanding(position) - claimableOn(position, on);
}

export interface LimitOutlook {
  claimableOre: number;
  expiredOre: number;
  /** The next deadline on or after the day at which claimable money would be lost, if any. */
  nextDeadline: LocalDate | null;
  amountLostAtNextDeadlineOre: number;
}

export function limitOutlook(position: ClaimPosition, on: LocalDate): LimitOutlook {
  const claimableOre = claimableOn(position, on);
  const expiredOre = unsuedOutstanding(position) - claimableOre;
  const deadlines = [
    ...new Set(
      unsuedTranches(position)
        .filter((t) => t.deadline >= on && t.remainingOre > 0)
        .map((t) => t.deadline),
    ),
  ];
  for (const deadline of deadlines) {
    const lost = claimableOre - claimableOn(position, addDays(deadline, 1));
    if (lost > 0) return { claimableOre, expiredOre, nextDeadline: deadline, amountLostAtNextDeadlineOre: lost };
  }
  return { claimableOre, expiredOre, nextDeadline: null, amountLostAtNextDeadlineOre: 0 };
}

/** The outlook over several positions (a case's claims and its unclaimed payments): when money is first lost, and how much. */
export function combinedOutlook(positions: ClaimPosition[], on: LocalDate): LimitOutlook {
  const each = positions.map((p) => limitOutlook(p, on));
  const next = each
    .map((o) => o.nextDeadline)
    .filter((d): d is LocalDate => d !== null)
    .sort()[0];
  const total = (f: (o: LimitOutlook) => number): number => each.reduce((s, o) => s + f(o), 0);
  return {
    claimableOre: total((o) => o.claimableOre),
    expiredOre: total((o) => o.expiredOre),
    nextDeadline: next ?? null,
    amountLostAtNextDeadlineOre: next
      ? positions.reduce((s, p) => s + claimableOn(p, on) - claimableOn(p, addDays(next, 1)), 0)
      : 0,
  };
}

/** A day on which money is lost if no suit is filed by then. */
export interface Loss {
  deadline: LocalDate;
  /** What can no longer be sued for from the day after. */
  lostOre: number;
  /** What a suit could cover on any day from the loss before this one (exclusive) up to this deadline. */
  claimableOre: number;
}

/**
 * The days on which a case's positions lose money, whatever today is. What
 * can be sued for only drops the day after a deadline, so from any day the
 * next deadline that loses money is the first of these on or after it, with
 * the same amount lost and claimable (`combinedOutlook` on any day agrees).
 * That is what lets a read model keep one row per loss instead of recomputing
 * each case's outlook per request. `outstandingOre` is what remains unsued:
 * all of it has expired once the last loss is past.
 */
export function lossSchedule(positions: ClaimPosition[]): { losses: Loss[]; outstandingOre: number } {
  // Each payment's deadline once (the calendar is the costly part); then only sums.
  const each = positions.map((p) => ({ outstandingOre: unsuedOutstanding(p), tranches: unsuedTranches(p) }));
  const claimable = (from: (deadline: LocalDate) => boolean): number =>
    each.reduce(
      (sum, e) =>
        sum +
        Math.min(
          e.outstandingOre,
          e.tranches.reduce((b, t) => (from(t.deadline) ? b + t.remainingOre : b), 0),
        ),
      0,
    );
  const deadlines = [...new Set(each.flatMap((e) => e.tranches.map((t) => t.deadline)))].sort();
  const losses: Loss[] = [];
  for (const deadline of deadlines) {
    // What a suit could cover on the deadline, less what it could cover the day after.
    const lostOre = claimable((d) => d >= deadline) - claimable((d) => d > deadline);
    if (lostOre > 0) losses.push({ deadline, lostOre, claimableOre: 0 });
  }
  let sum = 0;
  for (let i = losses.length - 1; i >= 0; i--) losses[i].claimableOre = sum += losses[i].lostOre;
  return { losses, outstandingOre: each.reduce((s, e) => s + e.outstandingOre, 0) };
}
