import type { LocalDate } from '../../calendar/local-date';
import { type OpenCase, claimPosition, statusOf } from '../domain/case-state';
import { oreToKronor } from '../domain/money';
import { type ClaimPosition, limitOutlook } from '../domain/three-year-limit';

export interface CaseListFacts {
  /** The business date the case entered its current state. */
  statusSince: LocalDate;
  /** The next three-year deadline at which money would be lost, if any. */
  nextDeadline: LocalDate | null;
  /** Kronor lost at that deadline unless a suit is filed (before a claim: of the payments in question). */
  amountAtRisk: number;
}

/** What the start page shows beside each case, from the case's folded state. */
export function caseListFacts(c: OpenCase, today: LocalDate): CaseListFacts {
  const status = statusOf(c);
  const since: Record<typeof status, LocalDate | undefined> = {
    'in-queue': c.receivedOn,
    investigating: c.assessment?.decidedOn,
    'not-opened': c.assessment?.decidedOn,
    investigated: c.investigation?.completedOn,
    'follow-up': [c.claim?.decidedOn, c.policeReport?.filedOn].filter((d): d is string => !!d).sort()[0],
    closed: c.closure?.closedOn,
    voided: c.voided?.voidedOn,
  };
  // Before a claim, the payments under suspicion or found incorrect stand for it: all of them could be claimed.
  const payments = c.investigation ? c.investigation.incorrectPayments : c.suspectedPayments;
  const position: ClaimPosition = c.claim
    ? claimPosition(c)
    : {
        claimOre: payments.reduce((sum, p) => sum + p.amountOre, 0),
        repaidOre: 0,
        waivedOre: 0,
        suedOre: 0,
        payments,
      };
  const open = status !== 'closed' && status !== 'voided' && status !== 'not-opened';
  const outlook = open ? limitOutlook(position, today) : null;
  return {
    statusSince: since[status] ?? c.lastStepOn,
    nextDeadline: outlook?.nextDeadline ?? null,
    amountAtRisk: oreToKronor(outlook?.amountLostAtNextDeadlineOre ?? 0),
  };
}
