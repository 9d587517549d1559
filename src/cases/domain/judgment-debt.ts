import { type LocalDate, addDays, addYears } from '../../calendar/local-date';
import type { CompensationJudgmentDecidedData } from '../steps/compensation-judgment/compensation-judgment.step';
import type { JudgmentAppealedData } from '../steps/judgment-appeal/judgment-appeal.step';
import type { JudgmentAppealDecidedData } from '../steps/judgment-appeal-outcome/judgment-appeal-outcome.step';
import type { JudgmentGainedLegalForceData } from '../steps/judgment-legal-force/judgment-legal-force.step';
import type { EnforcementAppliedData } from '../steps/enforcement-application/enforcement-application.step';
import type { EnforcementOutcomeRecordedData } from '../steps/enforcement-outcome/enforcement-outcome.step';
import type { JudgmentDebtInterruptedData } from '../steps/judgment-debt-interruption/judgment-debt-interruption.step';
import { conflict } from './case-errors';
import { type Claim, type OpenCase, claimOutstandingOre } from './case-state';

/**
 * After the förvaltningsrätt's judgment on ersättningstalan: its legal force,
 * appeals, enforcement by Kronofogden, and the judgment debt's own limitation.
 * The three-year limit (9 kap. 3 § SoL 2001:453, 33 kap. 5 § SoL 2025:400)
 * bounds only what a suit may cover; what a judgment awards is a debt of its
 * own, time-barred under preskriptionslagen (1981:130).
 */

/** Who appealed the judgment: either party of the case at the court. */
export const APPELLANTS = {
  municipality: 'Nämnden',
  person: 'Den enskilde',
} as const;
export type Appellant = keyof typeof APPELLANTS;

/** Where an appeal goes: the förvaltningsrätt's judgment to kammarrätten, kammarrätten's to Högsta förvaltningsdomstolen. */
export const APPEAL_COURTS = {
  kammarratten: 'Kammarrätten',
  'hogsta-forvaltningsdomstolen': 'Högsta förvaltningsdomstolen',
} as const;
export type AppealCourt = keyof typeof APPEAL_COURTS;

/**
 * What the higher court decided. Prövningstillstånd is needed in kammarrätten
 * (förvaltningsprocesslagen 1971:291, 34 a §) and in Högsta
 * förvaltningsdomstolen; refused, the judgment below stands.
 */
export const APPEAL_OUTCOMES = {
  upheld: 'Domen fastställd',
  changed: 'Domen ändrad',
  'leave-refused': 'Prövningstillstånd meddelas inte',
  withdrawn: 'Överklagandet återkallat eller avvisat',
} as const;
export type AppealOutcome = keyof typeof APPEAL_OUTCOMES;

/** What became of an application for enforcement at Kronofogden (utsökningsbalken 1981:774). */
export const ENFORCEMENT_OUTCOMES = {
  distraint: 'Utmätning',
  'no-assets': 'Saknar utmätningsbara tillgångar',
  paid: 'Betalt',
} as const;
export type EnforcementOutcome = keyof typeof ENFORCEMENT_OUTCOMES;
/** The outcomes that say how much was seized or paid. */
export const ENFORCEMENT_OUTCOMES_WITH_AMOUNT: readonly EnforcementOutcome[] = ['distraint', 'paid'];

/**
 * What interrupts the judgment debt's limitation besides the steps that
 * already say so (a repayment, a repayment plan, an application to
 * Kronofogden): preskriptionslagen (1981:130) 5 § 1 and 2.
 */
export const LIMITATION_INTERRUPTIONS = {
  acknowledgment: 'Den enskilde har erkänt skulden eller lovat att betala (5 § 1 preskriptionslagen)',
  demand: 'Skriftligt krav eller påminnelse till den enskilde (5 § 2 preskriptionslagen)',
} as const;
export type LimitationInterruption = keyof typeof LIMITATION_INTERRUPTIONS;

/** Why the judgment debt's current ten-year period runs from its day. */
export const LIMITATION_STARTS = {
  judgment: 'Domen (eller överinstansens avgörande) meddelades',
  repayment: 'Betalning på skulden',
  'repayment-plan': 'Avbetalningsplan (löfte om betalning)',
  acknowledgment: 'Den enskilde erkände skulden',
  demand: 'Skriftligt krav eller påminnelse',
  'enforcement-applied': 'Ansökan om verkställighet hos Kronofogden',
  'enforcement-ended': 'Kronofogdens förfarande avslutades',
} as const;
export type LimitationStart = keyof typeof LIMITATION_STARTS;

/** A debt is time-barred ten years after it arose (preskriptionslagen 1981:130, 2 §). */
export const JUDGMENT_DEBT_LIMITATION_YEARS = 10;

/**
 * The appeal time against a court's judgment: three weeks from the day the
 * party was given it, for the nämnd (a party for the public) from the day it
 * was given (förvaltningsprocesslagen 1971:291, 6 a §; HFD 2011:65). A judgment
 * cannot gain legal force before that time has run for the nämnd.
 */
export const APPEAL_DAYS = 21;

/** What the case holds of the steps after its judgments, each naming its claim. */
export interface AfterJudgment {
  legalForce: JudgmentGainedLegalForceData[];
  /** Each appeal with the higher court's decision on it, once recorded. */
  appeals: Array<JudgmentAppealedData & { outcome: JudgmentAppealDecidedData | null }>;
  /** Each application to Kronofogden with its outcome, once recorded. */
  enforcement: Array<EnforcementAppliedData & { outcome: EnforcementOutcomeRecordedData | null }>;
  interruptions: JudgmentDebtInterruptedData[];
}

export const noAfterJudgment = (): AfterJudgment => ({
  legalForce: [],
  appeals: [],
  enforcement: [],
  interruptions: [],
});

/** The judgment debt's limitation: the last day a step can still interrupt it, and what started its period. */
export interface DebtLimitation {
  years: number;
  runsFrom: LocalDate;
  reason: LimitationStart;
  /** The period's last day (lag 1930:173, 1 §): on the day after, the debt is time-barred unless interrupted. */
  lastDay: LocalDate;
  /** An application at Kronofogden without a recorded outcome: the new period runs from when it ends (7 §). */
  enforcementPending: boolean;
}

/** Where a claim's judgment stands now. */
export interface JudgmentDebt {
  claimId: string;
  /** The förvaltningsrätt's judgment (the claim's latest). */
  judgment: CompensationJudgmentDecidedData;
  /** What the judgment, as changed on appeal, awards. */
  awardedOre: number;
  /** The latest court decision: the judgment, or a higher court's decision on appeal. */
  lastDecisionOn: LocalDate;
  appeals: AfterJudgment['appeals'];
  /** Appeals without a recorded decision: the judgment cannot gain legal force meanwhile. */
  appealPending: boolean;
  /** The court that hears the next appeal, or null once Högsta förvaltningsdomstolen has decided. */
  nextAppealCourt: AppealCourt | null;
  legalForceOn: LocalDate | null;
  /** Repaid and waived on the claim since the judgment: what the debt has shrunk by. */
  paidOre: number;
  waivedOre: number;
  /** What is left of the judgment debt, and what Kronofogden may be asked to collect once it is final. */
  remainingOre: number;
  enforceableOre: number;
  enforcement: AfterJudgment['enforcement'];
  enforcementPending: boolean;
  limitation: DebtLimitation | null;
}

const latestBy = <T>(xs: T[], on: (x: T) => LocalDate): T | undefined =>
  xs.reduce<T | undefined>((best, x) => (!best || on(x) >= on(best) ? x : best), undefined);

/** The judgment debt of a claim, or null when no judgment has been recorded for it. */
export function judgmentDebtOf(c: OpenCase, claim: Claim): JudgmentDebt | null {
  const judgment = latestBy(
    c.judgments.filter((j) => j.claimId === claim.claimId),
    (j) => j.decidedOn,
  );
  if (!judgment) return null;
  const after = c.afterJudgment;
  const mine = <T extends { claimId: string }>(xs: T[]) => xs.filter((x) => x.claimId === claim.claimId);
  const appeals = mine(after.appeals).filter((a) => a.appealedOn >= judgment.decidedOn);
  const outcomes = appeals.flatMap((a) => (a.outcome ? [a.outcome] : []));
  // A higher court's decision that changes the amount replaces the one before (in the order decided).
  const awardedOre = outcomes.reduce(
    (amount, o) => (o.outcome === 'changed' && o.awardedAmountOre !== undefined ? o.awardedAmountOre : amount),
    judgment.awardedAmountOre,
  );
  const lastDecisionOn = outcomes.reduce((d, o) => (o.decidedOn > d ? o.decidedOn : d), judgment.decidedOn);
  const lastOutcome = latestBy(outcomes, (o) => o.decidedOn);
  const nextAppealCourt: AppealCourt | null = !lastOutcome
    ? 'kammarratten'
    : lastOutcome.court === 'kammarratten' && lastOutcome.outcome !== 'withdrawn'
      ? 'hogsta-forvaltningsdomstolen'
      : null;
  const since = (on: LocalDate) => on >= judgment.decidedOn;
  const paidOre = mine(c.repayments)
    .filter((r) => since(r.receivedOn))
    .reduce((s, r) => s + r.amountOre, 0);
  const waivedOre = mine(c.waivers)
    .filter((w) => since(w.decidedOn))
    .reduce((s, w) => s + w.amountOre, 0);
  // Never more than the claim itself still holds, whatever order the steps were recorded in.
  const remainingOre = Math.max(0, Math.min(awardedOre - paidOre - waivedOre, claimOutstandingOre(c, claim)));
  const legalForceOn = latestBy(mine(after.legalForce), (l) => l.legalForceOn)?.legalForceOn ?? null;
  const appealPending = appeals.some((a) => a.outcome === null);
  const enforcement = mine(after.enforcement).filter((e) => since(e.appliedOn));
  const enforcementPending = enforcement.some((e) => e.outcome === null);
  const base = {
    claimId: claim.claimId,
    judgment,
    awardedOre,
    lastDecisionOn,
    appeals,
    appealPending,
    nextAppealCourt,
    legalForceOn,
    paidOre,
    waivedOre,
    remainingOre,
    // Enforced only once the judgment has gained legal force (utsökningsbalken 3 kap. 1 §; see the enforcement step).
    enforceableOre: legalForceOn && !appealPending ? remainingOre : 0,
    enforcement,
    enforcementPending,
  };
  return { ...base, limitation: awardedOre > 0 ? debtLimitation(c, claim, base) : null };
}

/**
 * The judgment debt's limitation (preskriptionslagen 1981:130). It runs ten
 * years (2 §) from the day the court proceedings ended with the judgment or
 * the higher court's decision (7 §, taken as the day it was given, not the
 * day it gained legal force: the earlier reading, which protects the person).
 * Each interruption starts a new ten-year period from its day (6 §): a
 * payment or a promise to pay (a repayment plan) or another acknowledgment by
 * the person (5 § 1), a written demand (5 § 2), an application to Kronofogden
 * (5 § 3; the new period then runs from when the enforcement ended, 7 §). An
 * interruption after the period has run out revives nothing (8 §).
 *
 * Unsure: whether lag 1930:173, 2 § moves the last day past a weekend or
 * holiday for an interruption; the reading here does not (the earlier day,
 * which protects the person).
 */
function debtLimitation(
  c: OpenCase,
  claim: Claim,
  debt: Pick<JudgmentDebt, 'judgment' | 'lastDecisionOn' | 'enforcement'>,
): DebtLimitation {
  const from = debt.judgment.decidedOn;
  const since = (on: LocalDate) => on > from;
  const mine = <T extends { claimId: string }>(xs: T[]) => xs.filter((x) => x.claimId === claim.claimId);
  const start = (on: LocalDate, reason: LimitationStart) => ({ on, reason });
  const starts = [
    start(from, 'judgment'),
    start(debt.lastDecisionOn, 'judgment'),
    ...mine(c.repayments)
      .filter((r) => since(r.receivedOn))
      .map((r) => start(r.receivedOn, 'repayment')),
    ...mine(c.plans)
      .filter((p) => since(p.agreedOn))
      .map((p) => start(p.agreedOn, 'repayment-plan')),
    ...mine(c.afterJudgment.interruptions).map((i) => start(i.interruptedOn, i.kind)),
    ...debt.enforcement.flatMap((e) => [
      start(e.appliedOn, 'enforcement-applied'),
      ...(e.outcome ? [start(e.outcome.decidedOn, 'enforcement-ended')] : []),
    ]),
  ].sort((a, b) => a.on.localeCompare(b.on));
  let current = starts[0];
  for (const next of starts.slice(1)) {
    // Too late: the debt was already time-barred (8 §).
    if (next.on > addYears(current.on, JUDGMENT_DEBT_LIMITATION_YEARS)) break;
    current = next;
  }
  return {
    years: JUDGMENT_DEBT_LIMITATION_YEARS,
    runsFrom: current.on,
    reason: current.reason,
    lastDay: addYears(current.on, JUDGMENT_DEBT_LIMITATION_YEARS),
    enforcementPending: debt.enforcement.some((e) => e.outcome === null),
  };
}

/** Whether the judgment debt is time-barred on `on`. */
export const timeBarredOn = (debt: JudgmentDebt, on: LocalDate): boolean =>
  debt.limitation !== null && on > debt.limitation.lastDay;

/** The earliest day a judgment given on `decidedOn` can gain legal force. */
export const earliestLegalForce = (decidedOn: LocalDate): LocalDate => addDays(decidedOn, APPEAL_DAYS);

/** Every claim's judgment debt, for the claims that have a judgment. */
export function judgmentDebts(c: OpenCase): JudgmentDebt[] {
  return c.claims.flatMap((claim) => judgmentDebtOf(c, claim) ?? []);
}

/** A step after a judgment needs one recorded on some claim. */
export const hasJudgment = (c: OpenCase) =>
  c.judgments.length > 0 ? null : conflict('no-judgment', 'No judgment on a compensation suit has been recorded');

/** The claim's judgment debt, or a refusal that the claim has no judgment. */
export function requireJudgment(c: OpenCase, claim: Claim): JudgmentDebt {
  const debt = judgmentDebtOf(c, claim);
  if (!debt) throw conflict('no-judgment', `No judgment has been recorded for claim ${claim.claimId}`);
  return debt;
}

/** A requirement met by at least one judged claim (`check` answers why not for one claim), else the first claim's refusal. */
export function someJudgment(check: (debt: JudgmentDebt) => ReturnType<typeof hasJudgment>) {
  return (c: OpenCase) => {
    const debts = judgmentDebts(c);
    if (debts.length === 0) return hasJudgment(c);
    const refusals = debts.map(check);
    return refusals.some((r) => r === null) ? null : refusals[0];
  };
}
