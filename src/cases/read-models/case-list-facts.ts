import type { LocalDate } from '../../calendar/local-date';
import { type OpenCase, limitPositions, statusOf } from '../domain/case-state';
import { oreToKronor } from '../../kernel/money';
import { combinedOutlook } from '../domain/three-year-limit';

export interface CaseListFacts {
  /** The business date the case entered its current state. */
  statusSince: LocalDate;
  /** The next three-year deadline at which money would be lost, if any. */
  nextDeadline: LocalDate | null;
  /** Kronor lost at that deadline unless a suit is filed (before a claim: of the payments in question). */
  amountAtRisk: number;
}

/** The business date the case entered its current state (the list keeps it, to order by it). */
export function statusSinceOf(c: OpenCase): LocalDate {
  const status = statusOf(c);
  const since: Record<typeof status, LocalDate | undefined> = {
    'in-queue': c.receivedOn,
    investigating: c.assessment?.decidedOn,
    'not-opened': c.assessment?.decidedOn,
    investigated: c.investigation?.completedOn,
    'follow-up': [c.claims[0]?.decidedOn, c.policeReports[0]?.filedOn].filter((d): d is string => !!d).sort()[0],
    closed: c.closure?.closedOn,
    voided: c.voided?.voidedOn,
  };
  return since[status] ?? c.lastStepOn;
}

/** What the start page shows beside each case, from the case's folded state. */
export function caseListFacts(c: OpenCase, today: LocalDate): CaseListFacts {
  const status = statusOf(c);
  // Known payments count from the day a suspicion is registered, beside decided claims (as the deadline list does).
  const open = status !== 'closed' && status !== 'voided' && status !== 'not-opened';
  const outlook = open ? combinedOutlook(limitPositions(c), today) : null;
  return {
    statusSince: statusSinceOf(c),
    nextDeadline: outlook?.nextDeadline ?? null,
    amountAtRisk: oreToKronor(outlook?.amountLostAtNextDeadlineOre ?? 0),
  };
}
