import type { LocalDate } from '../../calendar/local-date';
import { CLOSE_REASONS } from '../domain/catalogues';
import type { PastLimitNote } from '../domain/case-events';
import {
  type OpenCase,
  limitPosition,
  outstandingOre,
  repaidOre,
  statusOf,
  suedOre,
  waivedOre,
} from '../domain/case-state';
import { oreToKronor as kr } from '../domain/money';
import { limitOutlook, suitDeadline } from '../domain/three-year-limit';

/** A decision's past-limit note in kronor. */
function withPastLimit<T extends PastLimitNote>(decision: T, note = decision.paymentsPastLimit) {
  const { paymentsPastLimit: _omitted, ...rest } = decision;
  return note ? { ...rest, paymentsPastLimit: { expiredAmount: kr(note.expiredAmountOre) } } : rest;
}

/** The case as a whole, as GET /api/cases/{id} answers it (amounts in kronor). */
export function caseView(c: OpenCase, version: number, today: LocalDate) {
  const position = limitPosition(c);
  const outlook = limitOutlook(position, today);
  return {
    id: c.caseId,
    caseNumber: c.caseNumber,
    version,
    status: statusOf(c),
    district: c.district,
    receivedOn: c.receivedOn,
    source: c.source,
    summary: c.summary,
    subject: {
      gender: c.subject.gender,
      personalIdentityNumber: c.subject.personalIdentityNumber,
      name: c.subject.name,
    },
    investigator: c.investigator,
    suspectedPayments: c.suspectedPayments.map((p) => ({ paidOn: p.paidOn, amount: kr(p.amountOre) })),
    assessment: c.assessment && withPastLimit(c.assessment),
    investigation: c.investigation && {
      ...withPastLimit({}, c.investigation.paymentsPastLimit),
      completedOn: c.investigation.completedOn,
      finding: c.investigation.finding,
      cause: c.investigation.cause,
      intent: c.investigation.intent,
      savedAmount: kr(c.investigation.savedAmountOre),
      incorrectPayments: c.investigation.incorrectPayments.map((p) => ({
        paidOn: p.paidOn,
        grantedOn: p.grantedOn,
        amount: kr(p.amountOre),
        deadline: suitDeadline(p.paidOn),
      })),
    },
    repaymentClaim: c.claim && {
      decidedOn: c.claim.decidedOn,
      legalBasis: c.claim.legalBasis,
      law: c.claim.law,
      amount: kr(c.claim.amountOre),
    },
    repaymentPlan: c.plan && {
      agreedOn: c.plan.agreedOn,
      monthlyAmount: kr(c.plan.monthlyAmountOre),
      firstDueOn: c.plan.firstDueOn,
    },
    repayments: c.repayments.map((r) => ({ receivedOn: r.receivedOn, amount: kr(r.amountOre), kind: r.kind })),
    abilityToPay: c.abilityToPay,
    compensationSuits: c.suits.map((s) => ({ filedOn: s.filedOn, amount: kr(s.amountOre) })),
    compensationJudgments: c.judgments.map((j) => ({ decidedOn: j.decidedOn, awardedAmount: kr(j.awardedAmountOre) })),
    policeReport: c.policeReport,
    waivers: c.waivers.map((w) => ({ decidedOn: w.decidedOn, reason: w.reason, amount: kr(w.amountOre) })),
    transfers: c.transfers,
    closure: c.closure && { ...c.closure, label: CLOSE_REASONS[c.closure.reason] },
    reopenings: c.reopenings,
    journal: c.journal,
    voided: c.voided,
    amounts: {
      claimed: kr(c.claim?.amountOre ?? 0),
      repaid: kr(repaidOre(c)),
      waived: kr(waivedOre(c)),
      sued: kr(suedOre(c)),
      outstanding: kr(outstandingOre(c)),
    },
    threeYearLimit: {
      claimableToday: kr(outlook.claimableOre),
      expiredToday: kr(outlook.expiredOre),
      nextDeadline: outlook.nextDeadline,
      amountLostAtNextDeadline: kr(outlook.amountLostAtNextDeadlineOre),
      payments: position.payments.map((p) => ({
        paidOn: p.paidOn,
        amount: kr(p.amountOre),
        deadline: suitDeadline(p.paidOn),
      })),
    },
  };
}
