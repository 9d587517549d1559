import type { LocalDate } from '../../calendar/local-date';
import {
  AUTHORITIES,
  CLOSE_REASONS,
  NOTIFIED_BENEFITS,
  OFFENCES,
  POLICE_REPORT_OUTCOMES,
  lawGoverning,
} from '../domain/catalogues';
import type { PastLimitNote } from '../domain/rules';
import {
  type Claim,
  type OpenCase,
  claimOutstandingOre,
  claimPositionOf,
  claimedOre,
  limitPositions,
  offenceLimitation,
  outstandingOre,
  repaidOre,
  statusOf,
  suedOre,
  waivedOre,
} from '../domain/case-state';
import { oreToKronor as kr } from '../../kernel/money';
import { DOCUMENT_CHANNELS, DOCUMENT_TYPES } from '../steps/document/document.step';
import { PROBLEM } from '../../labels/sv';
import { attachment } from '../steps/attachment/attachment.step';
import { type LimitOutlook, combinedOutlook, limitOutlook, suitDeadline } from '../domain/three-year-limit';

/** A decision's past-limit note in kronor. */
function withPastLimit<T extends PastLimitNote>(decision: T, note = decision.paymentsPastLimit) {
  const { paymentsPastLimit: _omitted, ...rest } = decision;
  return note ? { ...rest, paymentsPastLimit: { expiredAmount: kr(note.expiredAmountOre) } } : rest;
}

/** The case as a whole, as GET /api/cases/{id} answers it (amounts in kronor). */
export function caseView(c: OpenCase, version: number, today: LocalDate) {
  const positions = limitPositions(c);
  const outlook = combinedOutlook(positions, today);
  const claimOf = (i: number) => c.claims.find((x) => x.paymentIndexes.includes(i))?.claimId ?? null;
  return {
    id: c.caseId,
    caseNumber: c.caseNumber,
    version,
    status: statusOf(c),
    district: c.district,
    receivedOn: c.receivedOn,
    source: c.source,
    notifyingAuthority: c.notifyingAuthority,
    summary: c.summary,
    assistanceCaseNumber: c.assistanceCaseNumber,
    reportedBy: c.reportedBy,
    subject: {
      gender: c.subject.gender,
      personalIdentityNumber: c.subject.personalIdentityNumber,
      name: c.subject.name,
    },
    investigator: c.investigator,
    // A suspected payment's grant date is not known yet: its payment date stands for it.
    suspectedPayments: c.suspectedPayments.map((p) => ({
      paidOn: p.paidOn,
      amount: kr(p.amountOre),
      law: lawGoverning(p.paidOn),
    })),
    assessment: c.assessment && withPastLimit(c.assessment),
    investigation: c.investigation && {
      ...withPastLimit({}, c.investigation.paymentsPastLimit),
      completedOn: c.investigation.completedOn,
      finding: c.investigation.finding,
      cause: c.investigation.cause,
      intent: c.investigation.intent,
      savedAmount: kr(c.investigation.savedAmountOre),
      incorrectPayments: c.investigation.incorrectPayments.map((p, index) => ({
        index,
        claimId: claimOf(index),
        paidOn: p.paidOn,
        grantedOn: p.grantedOn,
        law: lawGoverning(p.grantedOn),
        amount: kr(p.amountOre),
        deadline: suitDeadline(p.paidOn),
        // The calculation, where the investigation made one (null on payments recorded before it was asked).
        month: p.month,
        paidAmount: p.paidAmountOre === null ? null : kr(p.paidAmountOre),
        correctAmount: p.correctAmountOre === null ? null : kr(p.correctAmountOre),
        reason: p.reason,
      })),
    },
    /** Each claim under its law, with its own amounts and three-year limit. */
    repaymentClaims: c.claims.map((claim) => claimView(c, claim, today)),
    /** The first claim, as before a case could hold several. */
    repaymentClaim: c.claims[0] ? claimView(c, c.claims[0], today) : null,
    repaymentPlan: planView(c.plans[c.plans.length - 1]),
    repayments: c.repayments.map((r) => ({
      claimId: r.claimId,
      receivedOn: r.receivedOn,
      amount: kr(r.amountOre),
      kind: r.kind,
    })),
    abilityToPay: c.abilityToPay,
    compensationSuits: c.suits.map((s) => ({ claimId: s.claimId, filedOn: s.filedOn, amount: kr(s.amountOre) })),
    compensationJudgments: c.judgments.map((j) => ({
      claimId: j.claimId,
      decidedOn: j.decidedOn,
      awardedAmount: kr(j.awardedAmountOre),
    })),
    policeReport: c.policeReport && {
      filedOn: c.policeReport.filedOn,
      offence: c.policeReport.offence,
      offenceLabel: OFFENCES[c.policeReport.offence].label,
      /** When the acts become time-barred (brottsbalken 35 kap.), first and last. */
      limitation: offenceLimitation(c),
      outcomes: c.policeReport.outcomes.map((o) => ({ ...o, label: POLICE_REPORT_OUTCOMES[o.outcome] })),
    },
    notificationsSent: c.notificationsSent.map((n) => ({
      ...n,
      authorityLabel: AUTHORITIES[n.authority],
      concerningLabel: NOTIFIED_BENEFITS[n.concerning],
    })),
    compensationSuitDecisions: c.suitDecisions,
    waivers: c.waivers.map((w) => ({
      claimId: w.claimId,
      decidedOn: w.decidedOn,
      reason: w.reason,
      amount: kr(w.amountOre),
    })),
    transfers: c.transfers,
    closure: c.closure && { ...c.closure, label: CLOSE_REASONS[c.closure.reason] },
    reopenings: c.reopenings,
    journal: c.journal,
    attachments: c.attachments.map((a) => attachmentView(c, a)),
    /** Whether the case takes an attachment now (POST /api/cases/{id}/attachments), by the step's own requirement. */
    acceptsAttachments: !c.culledOn && attachment.requires(c) === null,
    voided: c.voided,
    /** The documents issued from the case, each as recorded (the files by their number, never their store ids). */
    documents: c.documents.map((d) => ({
      documentId: d.documentId,
      documentType: d.documentType,
      label: DOCUMENT_TYPES[d.documentType] as string,
      concerning: d.concerning,
      issuedOn: d.issuedOn,
      issuedBy: d.issuedBy,
      templateVersion: d.templateVersion,
      madeFromVersion: d.madeFromVersion,
      sha256: d.pdf.sha256,
      docxSha256: d.docx.sha256,
      respondBy: d.respondBy ?? null,
      sent: d.sent && {
        sentOn: d.sent.sentOn,
        channel: d.sent.channel,
        channelLabel: DOCUMENT_CHANNELS[d.sent.channel] as string,
      },
    })),
    amounts: {
      claimed: kr(claimedOre(c)),
      repaid: kr(repaidOre(c)),
      waived: kr(waivedOre(c)),
      sued: kr(suedOre(c)),
      outstanding: kr(outstandingOre(c)),
    },
    threeYearLimit: {
      ...limitView(outlook),
      payments: positions
        .flatMap((p) => p.payments)
        .sort((a, b) => a.paidOn.localeCompare(b.paidOn))
        .map((p) => ({
          paidOn: p.paidOn,
          amount: kr(p.amountOre),
          deadline: suitDeadline(p.paidOn),
        })),
    },
  };
}

/**
 * An attachment as the case page lists it: who added it and when, its kind,
 * size and sha-256, and where to download it (by opaque ids only). Once the
 * person's data is culled, the file is gone with the key: it says so.
 */
function attachmentView(c: OpenCase, a: OpenCase['attachments'][number]) {
  const culled = c.culledOn !== null;
  return {
    id: a.attachmentId,
    addedOn: a.addedOn,
    addedBy: a.addedBy,
    kind: a.kind,
    size: a.size,
    sha256: a.sha256,
    name: a.name,
    description: a.description,
    readable: !culled,
    download: culled ? null : `/api/cases/${c.caseId}/attachments/${a.attachmentId}`,
    unavailable: culled ? { code: 'attachment-culled', message: PROBLEM['attachment-culled'] } : null,
  };
}

function limitView(outlook: LimitOutlook) {
  return {
    claimableToday: kr(outlook.claimableOre),
    expiredToday: kr(outlook.expiredOre),
    nextDeadline: outlook.nextDeadline,
    amountLostAtNextDeadline: kr(outlook.amountLostAtNextDeadlineOre),
  };
}

function planView(plan: OpenCase['plans'][number] | undefined) {
  return plan
    ? {
        claimId: plan.claimId,
        agreedOn: plan.agreedOn,
        monthlyAmount: kr(plan.monthlyAmountOre),
        firstDueOn: plan.firstDueOn,
      }
    : null;
}

function claimView(c: OpenCase, claim: Claim, today: LocalDate) {
  const position = claimPositionOf(c, claim);
  const plans = c.plans.filter((p) => p.claimId === claim.claimId);
  return {
    claimId: claim.claimId,
    decidedOn: claim.decidedOn,
    legalBasis: claim.legalBasis,
    law: claim.law,
    amount: kr(claim.amountOre),
    payments: claim.paymentIndexes,
    repaymentPlan: planView(plans[plans.length - 1]),
    amounts: {
      claimed: kr(claim.amountOre),
      repaid: kr(position.repaidOre),
      waived: kr(position.waivedOre),
      sued: kr(position.suedOre),
      outstanding: kr(claimOutstandingOre(c, claim)),
    },
    threeYearLimit: limitView(limitOutlook(position, today)),
  };
}
