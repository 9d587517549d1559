import type { LocalDate } from '../../calendar/local-date';
import type { Payment } from './case-shapes';
import { conflict, rule } from './case-errors';
import { type CaseState, type Claim, type OpenCase, claimOutstandingOre } from './case-state';
import { claimableOn } from './three-year-limit';
import { object, optional, ore } from '../../kernel/shape';

/** Set on a decision taken when every known payment was already past its three-year limit. */
export const pastLimitShape = optional(object({ expiredAmountOre: ore({ zero: true }) }));
export interface PastLimitNote {
  paymentsPastLimit?: { expiredAmountOre: number };
}

/** The rules several steps share: dates, an open case, the claim a step concerns. */

export const kr = (ore: number): string => `${(ore / 100).toFixed(2)} kr`;

/** A business date: not in the future, not before the case was received, not before the steps it depends on. */
export function checkDate(
  c: OpenCase | null,
  field: string,
  date: LocalDate,
  today: LocalDate,
  dependsOn: Array<[LocalDate | undefined | null, string]> = [],
): void {
  if (date > today) throw rule('date-in-future', `${field} ${date} is in the future`, field);
  if (c && date < c.receivedOn) {
    throw rule('date-before-received', `${field} ${date} is before the case was received (${c.receivedOn})`, field);
  }
  for (const [other, what] of dependsOn) {
    if (other && date < other) throw rule('date-before-step', `${field} ${date} is before ${what} (${other})`, field);
  }
}

/** What a step on an open case requires: registered, not voided, not closed (and, for every step, not culled). */
export function openCase(state: CaseState) {
  if (!state.exists) return conflict('case-not-registered', 'The case has not been registered');
  if (state.voided) return conflict('case-voided', 'The case is voided and accepts nothing more');
  if (state.closure) return conflict('case-closed', 'The case is closed; reopen it first');
  return null;
}

/** Registered and not voided: closed cases still take journal notes. */
export function registeredCase(state: CaseState) {
  if (!state.exists) return conflict('case-not-registered', 'The case has not been registered');
  if (state.voided) return conflict('case-voided', 'The case is voided and accepts nothing more');
  return null;
}

/** Both a requirement and more: the first refusal of the list, or null. */
export function allOf(...checks: Array<(state: CaseState) => ReturnType<typeof openCase>>) {
  return (state: CaseState) => {
    for (const check of checks) {
      const refusal = check(state);
      if (refusal) return refusal;
    }
    return null;
  };
}

/** A requirement on an open case's state, as a step's `requires`. */
export function whenOpen(check: (c: OpenCase) => ReturnType<typeof openCase>) {
  return (state: CaseState) => openCase(state) ?? check(state as OpenCase);
}

/** The claim a step concerns: the one named, or the case's only claim. */
export function requireClaim(c: OpenCase, claimId: string | undefined): Claim {
  if (c.claims.length === 0) throw conflict('no-claim', 'No repayment claim has been decided in this case');
  if (claimId === undefined) {
    if (c.claims.length > 1) {
      throw rule('claim-required', `The case has ${c.claims.length} claims: name one with claimId`, 'claimId', {
        claimIds: c.claims.map((x) => x.claimId),
      });
    }
    return c.claims[0];
  }
  const claim = c.claims.find((x) => x.claimId === claimId);
  if (!claim) {
    throw rule('unknown-claim', `The case has no claim ${claimId}`, 'claimId', {
      claimIds: c.claims.map((x) => x.claimId),
    });
  }
  return claim;
}

/** A step on a claim needs one. */
export const hasClaim = (c: OpenCase) =>
  c.claims.length > 0 ? null : conflict('no-claim', 'No repayment claim has been decided in this case');

/** Repayments and waivers cannot exceed what the person still owes on the claim. */
export function requireWithinOutstanding(c: OpenCase, claim: Claim, amountOre: number): void {
  const outstanding = claimOutstandingOre(c, claim);
  if (amountOre > outstanding) {
    throw rule('amount-above-outstanding', `${kr(amountOre)} is above the outstanding ${kr(outstanding)}`, 'amount', {
      outstandingAmount: outstanding / 100,
    });
  }
}

/** The note a decision carries when every payment it rests on is already past its three-year limit. */
export function pastLimitNote(
  payments: Payment[],
  on: LocalDate,
): { paymentsPastLimit?: { expiredAmountOre: number } } {
  if (payments.length === 0) return {};
  const totalOre = payments.reduce((s, p) => s + p.amountOre, 0);
  const position = { claimOre: totalOre, repaidOre: 0, waivedOre: 0, suedOre: 0, payments };
  return claimableOn(position, on) === 0 ? { paymentsPastLimit: { expiredAmountOre: totalOre } } : {};
}

/** The investigation must have been opened (11 kap. 1 § SoL / 14 kap. 2 § SoL 2025:400). */
export const investigationOpened = (c: OpenCase, message = 'No investigation has been opened in this case') =>
  c.assessment?.decision === 'open-investigation' ? null : conflict('not-investigating', message);
