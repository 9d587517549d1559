import { type LocalDate, addMonths } from '../../calendar/local-date';
import { nextWorkingDay } from '../../calendar/swedish-calendar';
import { type CaseState, type Claim, type OpenCase, claimOutstandingOre } from './case-state';

/**
 * Avbetalningsplaner compared with the repayments received, month by month.
 *
 * No statute governs an avbetalningsplan: it is an agreement between the
 * nämnd and the person on a claim (9 kap. 1-2 §§ SoL 2001:453, 33 kap. 1-3 §§
 * SoL 2025:400), which cannot itself be enforced. The readings below are the
 * service's own, each chosen so that the person is never shown as further
 * behind than the money recorded allows:
 *
 * - A plan's instalments fall on its first due day and the same day number of
 *   each month after (the month's last day where it has no such day). Each is
 *   the monthly amount; the last is what remains. The plan pays the claim's
 *   debt when it was agreed: the claim less what was repaid before that day,
 *   and less everything waived, written off or paid by an estate (whenever:
 *   a waiver after the agreement shortens the plan from its end, so the
 *   instalments already due stay as they were).
 * - Repayments are allocated to the plan in force on the day they were
 *   received (received on or after its agreement and before a new plan for
 *   the same claim), in the order received, oldest instalment first: a
 *   repayment larger than the instalment covers the next ones, one made before
 *   a due day pays ahead. Every kind of repayment of the claim counts (of the
 *   claim, damages, a judgment), and on a claim decided against two persons
 *   what either pays (the plan is the claim's, not one person's).
 * - An instalment is late only once the last day to pay it has passed: its
 *   due day, moved to the next working day when it falls on a Saturday,
 *   Sunday or holiday. Lag (1930:173) 2 § moves only statutory deadlines;
 *   applying it to an agreed day is the service's reading (unsure: a plan's
 *   own terms may say otherwise), chosen because it never calls a payment
 *   made on the next working day late.
 * - A plan ends when a new plan is agreed for the same claim (replaced: what
 *   the old one left unpaid is part of the debt the new one pays, so it is
 *   no longer behind), when nothing is owed on the claim any more (settled),
 *   or when the case is closed or voided. Only a plan in force can be behind.
 *
 * Statuses are judged on `asOf` (usually today) against the case as recorded:
 * no step can be dated after the day it is recorded, so everything recorded
 * has happened by today.
 */

/** An instalment on a day: paid in full, paid in part or not at all past its last day to pay, or not late yet. */
export const INSTALMENT_STATUSES = {
  paid: 'Betald',
  short: 'Delvis betald',
  missed: 'Missad',
  'not-yet-due': 'Kommande',
} as const;
export type InstalmentStatus = keyof typeof INSTALMENT_STATUSES;

/** Why a plan is no longer in force. */
export const PLAN_END_REASONS = {
  replaced: 'Ersatt av en ny avbetalningsplan',
  settled: 'Inget kvar att betala (återbetalt eller efterskänkt)',
  'case-closed': 'Ärendet är avslutat',
  'case-voided': 'Ärendet är makulerat',
} as const;
export type PlanEndReason = keyof typeof PLAN_END_REASONS;

/** What a plan's instalments follow from. */
export interface PlanTerms {
  firstDueOn: LocalDate;
  monthlyAmountOre: number;
  /** What the plan is to pay in all. */
  totalOre: number;
}

/** A plan in force with something left to pay, as the read models keep it. */
export interface PlanPosition extends PlanTerms {
  claimId: string;
  agreedOn: LocalDate;
  ocrReference: string | null;
  /** Repaid toward this plan so far. */
  paidOre: number;
}

export interface Instalment {
  /** 1 for the first. */
  number: number;
  dueOn: LocalDate;
  /** The last day a payment is on time: the due day, or the next working day after it. */
  payBy: LocalDate;
  amountOre: number;
  /** What the repayments allocated to it cover. */
  paidOre: number;
  /** The day the repayment that covered it in full was received; null while it is not. */
  paidOn: LocalDate | null;
  status: InstalmentStatus;
}

export interface PlanSchedule {
  claimId: string;
  agreedOn: LocalDate;
  monthlyAmountOre: number;
  firstDueOn: LocalDate;
  ocrReference: string | null;
  totalOre: number;
  /** Repaid toward this plan. */
  paidOre: number;
  /** How many instalments the plan has in all, and the last one's due day (null: nothing to pay). */
  instalmentCount: number;
  lastDueOn: LocalDate | null;
  /**
   * The instalments due by `asOf` (or before the plan ended), those paid ahead,
   * and the next few: a plan of years is not listed to its end.
   */
  instalments: Instalment[];
  /** Due, past its last day to pay, and unpaid: 0 unless the plan is in force. */
  behindOre: number;
  /** The due day of the oldest instalment behind; null when none is. */
  behindSince: LocalDate | null;
  /** Null while the plan is in force. */
  ended: { on: LocalDate; reason: PlanEndReason } | null;
}

/** Instalments listed after the last one due (or paid ahead), so the next payments show. */
const UPCOMING_SHOWN = 3;
/** Instalments paid ahead listed beyond those due: a large repayment is not shown as years of rows. */
const AHEAD_SHOWN = 12;

export const payByOf = (dueOn: LocalDate): LocalDate => nextWorkingDay(dueOn);

/** How many instalments the terms make: the monthly amount until the total is paid. */
export function instalmentCountOf(terms: PlanTerms): number {
  return terms.totalOre > 0 ? Math.ceil(terms.totalOre / terms.monthlyAmountOre) : 0;
}

/** The n-th instalment (0 for the first): its due day and amount, the last one what remains. */
export function instalmentAt(terms: PlanTerms, n: number): { dueOn: LocalDate; amountOre: number } {
  const count = instalmentCountOf(terms);
  const amountOre = n < count - 1 ? terms.monthlyAmountOre : terms.totalOre - (count - 1) * terms.monthlyAmountOre;
  return { dueOn: addMonths(terms.firstDueOn, n), amountOre };
}

const monthIndex = (date: LocalDate): number => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;

/** How many instalments are past their last day to pay on `asOf` (due days and their pay-by days rise with n). */
export function instalmentsLateBy(terms: PlanTerms, asOf: LocalDate): number {
  const count = instalmentCountOf(terms);
  let n = Math.max(0, Math.min(count, monthIndex(asOf) - monthIndex(terms.firstDueOn) + 1));
  while (n > 0 && payByOf(addMonths(terms.firstDueOn, n - 1)) >= asOf) n--;
  while (n < count && payByOf(addMonths(terms.firstDueOn, n)) < asOf) n++;
  return n;
}

/** The first instalment not paid in full (allocation is oldest first), or null when the plan is paid. */
export function firstUnpaid(position: PlanPosition): { number: number; dueOn: LocalDate; payBy: LocalDate } | null {
  if (position.paidOre >= position.totalOre) return null;
  const n = Math.floor(position.paidOre / position.monthlyAmountOre);
  const dueOn = addMonths(position.firstDueOn, n);
  return { number: n + 1, dueOn, payBy: payByOf(dueOn) };
}

/**
 * A plan's arrears on `asOf`: what is past its last day to pay and not
 * covered by what was repaid toward the plan, since when, and how many
 * instalments that is. Null when nothing is behind.
 */
export function arrearsOn(
  position: PlanPosition,
  asOf: LocalDate,
): { behindOre: number; since: LocalDate; payBy: LocalDate; instalments: number } | null {
  const late = instalmentsLateBy(position, asOf);
  const dueOre = late === 0 ? 0 : Math.min(position.totalOre, late * position.monthlyAmountOre);
  const behindOre = dueOre - Math.min(position.paidOre, dueOre);
  if (behindOre <= 0) return null;
  const first = firstUnpaid(position)!;
  return { behindOre, since: first.dueOn, payBy: first.payBy, instalments: late - (first.number - 1) };
}

interface PlanInCase {
  plan: OpenCase['plans'][number];
  claim: Claim;
  /** Repayments toward this plan, in the order received. */
  toward: Array<{ receivedOn: LocalDate; amountOre: number }>;
  terms: PlanTerms;
  ended: PlanSchedule['ended'];
}

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);

/** Each plan of the case, with what it pays, the repayments toward it and how it ended. */
function plansOf(c: OpenCase): PlanInCase[] {
  const out: PlanInCase[] = [];
  for (const claim of c.claims) {
    // Recording order breaks a tie of agreement days: the later recorded replaces the earlier.
    const plans = c.plans
      .map((plan, i) => ({ plan, i }))
      .filter((x) => x.plan.claimId === claim.claimId)
      .sort((a, b) => compare(a.plan.agreedOn, b.plan.agreedOn) || a.i - b.i)
      .map((x) => x.plan);
    if (plans.length === 0) continue;
    const repayments = c.repayments
      .map((r, i) => ({ r, i }))
      .filter((x) => x.r.claimId === claim.claimId)
      .sort((a, b) => compare(a.r.receivedOn, b.r.receivedOn) || a.i - b.i)
      .map((x) => x.r);
    const waivers = c.waivers.filter((w) => w.claimId === claim.claimId);
    const estate = c.estateClaims.filter((e) => e.claimId === claim.claimId && e.outcome);
    // Waived, written off and paid by an estate: no longer the plan's to pay, whenever decided.
    const settledOtherwise = sum([
      ...waivers.map((w) => w.amountOre),
      ...estate.map((e) => e.outcome!.paidAmountOre + e.outcome!.writtenOffAmountOre),
    ]);
    const debt = claim.amountOre - settledOtherwise;
    const settledOn =
      claimOutstandingOre(c, claim) <= 0
        ? [
            ...repayments.map((r) => r.receivedOn),
            ...waivers.map((w) => w.decidedOn),
            ...estate.map((e) => e.outcome!.decidedOn),
          ].reduce((a, b) => (b > a ? b : a), claim.decidedOn)
        : null;
    plans.forEach((plan, k) => {
      const next = plans[k + 1];
      const before = sum(repayments.filter((r) => r.receivedOn < plan.agreedOn).map((r) => r.amountOre));
      const toward = repayments
        .filter((r) => r.receivedOn >= plan.agreedOn && (!next || r.receivedOn < next.agreedOn))
        .map((r) => ({ receivedOn: r.receivedOn, amountOre: r.amountOre }));
      const ended: PlanSchedule['ended'] = next
        ? { on: next.agreedOn, reason: 'replaced' }
        : c.voided
          ? { on: c.voided.voidedOn, reason: 'case-voided' }
          : settledOn !== null
            ? { on: settledOn, reason: 'settled' }
            : c.closure
              ? { on: c.closure.closedOn, reason: 'case-closed' }
              : null;
      out.push({
        plan,
        claim,
        toward,
        terms: {
          firstDueOn: plan.firstDueOn,
          monthlyAmountOre: plan.monthlyAmountOre,
          totalOre: Math.max(0, debt - before),
        },
        ended,
      });
    });
  }
  return out;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Every repayment plan of the case (each claim's, the replaced ones too), its
 * instalments with what was paid toward each and their status on `asOf`, and
 * what is behind.
 */
export function repaymentPlanSchedules(c: OpenCase, asOf: LocalDate): PlanSchedule[] {
  return plansOf(c).map(({ plan, terms, toward, ended }) => {
    const count = instalmentCountOf(terms);
    const paidOre = sum(toward.map((r) => r.amountOre));
    const late = instalmentsLateBy(terms, asOf);
    const covered = Math.min(count, Math.ceil(paidOre / terms.monthlyAmountOre));
    // Instalments a replaced, closed or voided plan never reached are not its own.
    const reached = (dueOn: LocalDate): boolean =>
      !ended || ended.reason === 'settled' || (ended.reason === 'replaced' ? dueOn < ended.on : dueOn <= ended.on);
    let shown = Math.min(count, Math.max(late, Math.min(covered, late + AHEAD_SHOWN)) + UPCOMING_SHOWN);
    while (shown > 0 && !reached(addMonths(terms.firstDueOn, shown - 1))) shown--;
    const instalments: Instalment[] = [];
    for (let n = 0; n < shown; n++) {
      const { dueOn, amountOre } = instalmentAt(terms, n);
      instalments.push({
        number: n + 1,
        dueOn,
        payBy: payByOf(dueOn),
        amountOre,
        paidOre: 0,
        paidOn: null,
        status: 'not-yet-due',
      });
    }
    // Oldest instalment first, the repayments in the order received.
    let i = 0;
    for (const r of toward) {
      let left = r.amountOre;
      while (left > 0 && i < instalments.length) {
        const x = instalments[i];
        const take = Math.min(left, x.amountOre - x.paidOre);
        x.paidOre += take;
        left -= take;
        if (x.paidOre === x.amountOre) {
          x.paidOn = r.receivedOn;
          i++;
        }
      }
    }
    for (const x of instalments)
      x.status =
        x.paidOre >= x.amountOre ? 'paid' : x.payBy >= asOf ? 'not-yet-due' : x.paidOre > 0 ? 'short' : 'missed';
    const arrears = ended
      ? null
      : arrearsOn({ ...terms, claimId: plan.claimId, agreedOn: plan.agreedOn, ocrReference: null, paidOre }, asOf);
    return {
      claimId: plan.claimId,
      agreedOn: plan.agreedOn,
      monthlyAmountOre: plan.monthlyAmountOre,
      firstDueOn: plan.firstDueOn,
      ocrReference: plan.ocrReference ?? null,
      totalOre: terms.totalOre,
      paidOre,
      instalmentCount: count,
      lastDueOn: count > 0 ? addMonths(terms.firstDueOn, count - 1) : null,
      instalments,
      behindOre: arrears?.behindOre ?? 0,
      behindSince: arrears?.since ?? null,
      ended,
    };
  });
}

/**
 * The plans in force with something left to pay: what the read models keep,
 * so that the status on any later day is computed from them and the clock
 * (`arrearsOn`, `firstUnpaid`) without a write.
 */
export function planPositions(c: OpenCase): PlanPosition[] {
  return plansOf(c)
    .filter((p) => p.ended === null)
    .map(({ plan, terms, toward }) => ({
      ...terms,
      claimId: plan.claimId,
      agreedOn: plan.agreedOn,
      ocrReference: plan.ocrReference ?? null,
      paidOre: sum(toward.map((r) => r.amountOre)),
    }))
    .filter((p) => p.paidOre < p.totalOre);
}

/** A plan in force that is behind on a day: how much, since when, and the instalments short or missed. */
export interface MissedInstalments {
  claimId: string;
  planAgreedOn: LocalDate;
  ocrReference: string | null;
  behindOre: number;
  /** The due day of the oldest instalment not paid in full. */
  since: LocalDate;
  /** Short and missed instalments, oldest first. */
  instalments: Instalment[];
}

/**
 * The missed and short instalments of a case's plans in force on `asOf`
 * (none for a case not registered, closed or voided): what a reminder of a
 * missed instalment is set from.
 */
export function missedInstalments(state: CaseState, asOf: LocalDate): MissedInstalments[] {
  if (!state.exists) return [];
  return repaymentPlanSchedules(state, asOf)
    .filter((p) => p.ended === null && p.behindOre > 0)
    .map((p) => ({
      claimId: p.claimId,
      planAgreedOn: p.agreedOn,
      ocrReference: p.ocrReference,
      behindOre: p.behindOre,
      since: p.behindSince!,
      instalments: p.instalments.filter((x) => x.status === 'short' || x.status === 'missed'),
    }));
}
