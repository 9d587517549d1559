import type { LocalDate } from '../../calendar/local-date';
import {
  AUTHORITIES,
  CLOSE_REASONS,
  ESTATE_OUTCOMES,
  NOTIFIED_BENEFITS,
  OFFENCES,
  POLICE_REPORT_OUTCOMES,
  POLICE_REPORT_RECIPIENTS,
  type Law,
  lawGoverning,
} from '../domain/catalogues';
import type { PastLimitNote } from '../domain/rules';
import { DECISION_MAKER_CAPACITIES, DECISION_TYPES, type DecisionType } from '../../delegation/delegation-register';
import type { DecisionMaker } from '../domain/decision-maker';
import { type LegalParagraph, claimParagraph, legalParagraph } from '../domain/legal-paragraphs';
import { type Appeal, appealOf, waiverGoesAgainst } from '../domain/appeals';
import {
  COMMUNICATION_ANSWERS,
  COMMUNICATION_CONCERNS,
  COMMUNICATION_EXCEPTIONS,
  type CommunicationConcern,
  type CommunicationException,
  communicationStatus,
} from '../steps/communication/communication.step';
import {
  type Claim,
  type OpenCase,
  type PoliceReport,
  claimOutstandingOre,
  claimPositionOf,
  claimRepaidOre,
  claimedOre,
  currentOffence,
  estatePaidOre,
  limitPositions,
  outstandingOre,
  repaidOre,
  reportLimitation,
  reportedActs,
  statusOf,
  suedOre,
  waivedOre,
  writtenOffOre,
} from '../domain/case-state';
import { oreToKronor as kr } from '../../kernel/money';
import {
  PROTECTION_BASES,
  identityProtected,
  owedAfterWaiver,
  personOutstandingOre,
  repaidBy,
  sharesOf,
  waivedFor,
} from '../domain/persons';
import { DOCUMENT_CHANNELS, DOCUMENT_TYPES, concerningOptions } from '../steps/document/document.step';
import { PROBLEM } from '../../labels/sv';
import { attachment } from '../steps/attachment/attachment.step';
import { type LimitOutlook, combinedOutlook, limitOutlook, suitDeadline } from '../domain/three-year-limit';
import { type JudgmentDebt, judgmentDebts } from '../domain/judgment-debt';
import { repaymentPlansView } from './instalments-view';

/** A decision's past-limit note in kronor. */
function withPastLimit<T extends PastLimitNote>(decision: T, note = decision.paymentsPastLimit) {
  const { paymentsPastLimit: _omitted, ...rest } = decision;
  return note ? { ...rest, paymentsPastLimit: { expiredAmount: kr(note.expiredAmountOre) } } : rest;
}

/**
 * The case as a whole, as GET /api/cases/{id} answers it (amounts in kronor).
 * `identityWithheld`: the reader may not see who its protected persons are
 * (the names and personnummer were taken out before, see `withheldIdentity`).
 */
export function caseView(c: OpenCase, version: number, today: LocalDate, identityWithheld = false) {
  const positions = limitPositions(c);
  const debts = judgmentDebts(c);
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
    secondPerson: c.secondPerson && {
      gender: c.secondPerson.gender,
      personalIdentityNumber: c.secondPerson.personalIdentityNumber,
      name: c.secondPerson.name,
      relation: c.secondPerson.relation,
      namedOn: c.secondPerson.namedOn,
    },
    /** Skyddade personuppgifter: whose identity is protected, and whether this reader is shown it. */
    identityProtection: {
      protected: identityProtected(c),
      withheld: identityWithheld,
      persons: c.identityProtections.map((p) => ({ ...p, basisLabel: PROTECTION_BASES[p.basis] })),
    },
    investigator: c.investigator,
    // A suspected payment's grant date is not known yet: its payment date stands for it.
    suspectedPayments: c.suspectedPayments.map((p) => ({
      paidOn: p.paidOn,
      amount: kr(p.amountOre),
      law: lawGoverning(p.paidOn),
    })),
    assessment: c.assessment && {
      ...withPastLimit(c.assessment),
      decisionMaker: decisionMakerView(c.assessment.decisionMaker),
    },
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
    /** Each plan's instalments against the repayments received, as of today (issue 22). */
    repaymentPlans: repaymentPlansView(c, today),
    repayments: c.repayments.map((r) => ({
      claimId: r.claimId,
      receivedOn: r.receivedOn,
      amount: kr(r.amountOre),
      kind: r.kind,
      person: r.person ?? 'subject',
    })),
    abilityToPay: c.abilityToPay,
    compensationSuits: c.suits.map((s) => ({
      claimId: s.claimId,
      filedOn: s.filedOn,
      amount: kr(s.amountOre),
      ...(s.abilityToPayWarning ? { abilityToPayWarning: s.abilityToPayWarning } : {}),
    })),
    compensationJudgments: c.judgments.map((j) => ({
      claimId: j.claimId,
      decidedOn: j.decidedOn,
      awardedAmount: kr(j.awardedAmountOre),
    })),
    /** Each judged claim's debt: legal force, appeals, what can be enforced, enforcement and its own limitation. */
    judgmentDebts: debts.map((d) => judgmentDebtView(d, today)),
    /** The first police report, as before a case could hold several. */
    policeReport: c.policeReports[0]
      ? {
          filedOn: c.policeReports[0].filedOn,
          offence: c.policeReports[0].offence,
          offenceLabel: OFFENCES[c.policeReports[0].offence].label,
          /** When the acts become time-barred (brottsbalken 35 kap.), first and last, by the grade as it is now. */
          limitation: reportLimitation(c, c.policeReports[0]),
          outcomes: c.policeReports[0].outcomes.map((o) => ({
            decidedOn: o.decidedOn,
            outcome: o.outcome,
            label: POLICE_REPORT_OUTCOMES[o.outcome],
          })),
        }
      : null,
    policeReports: c.policeReports.map((r) => policeReportView(c, r)),
    estateClaims: c.estateClaims.map((e) => ({
      claimId: e.claimId,
      lodgedOn: e.lodgedOn,
      amount: kr(e.amountOre),
      outcome: e.outcome && {
        decidedOn: e.outcome.decidedOn,
        outcome: e.outcome.outcome,
        label: ESTATE_OUTCOMES[e.outcome.outcome],
        paidAmount: kr(e.outcome.paidAmountOre),
        writtenOffAmount: kr(e.outcome.writtenOffAmountOre),
      },
    })),
    notificationsSent: c.notificationsSent.map((n) => ({
      ...n,
      authorityLabel: AUTHORITIES[n.authority],
      concerningLabel: NOTIFIED_BENEFITS[n.concerning],
    })),
    compensationSuitDecisions: c.suitDecisions.map((s) => ({
      claimId: s.claimId,
      decidedOn: s.decidedOn,
      decisionMaker: decisionMakerView(s.decisionMaker),
      legalParagraph: legalParagraph('compensation-suit', lawOfClaim(c, s.claimId)),
    })),
    waivers: c.waivers.map((w) => ({
      claimId: w.claimId,
      decidedOn: w.decidedOn,
      reason: w.reason,
      amount: kr(w.amountOre),
      person: w.person ?? 'subject',
      applicationReceivedOn: w.applicationReceivedOn ?? null,
      reasons: w.reasons ?? null,
      decisionMaker: decisionMakerView(w.decisionMaker),
      legalParagraph: legalParagraph('waiver', lawOfClaim(c, w.claimId)),
    })),
    /** Applications for a waiver that were refused. */
    waiverRefusals: c.waiverRefusals.map((w) => ({
      claimId: w.claimId,
      decidedOn: w.decidedOn,
      applicationReceivedOn: w.applicationReceivedOn,
      amountApplied: w.amountAppliedOre === null ? null : kr(w.amountAppliedOre),
      reasons: w.reasons,
      decisionMaker: decisionMakerView(w.decisionMaker),
      legalParagraph: legalParagraph('waiver', lawOfClaim(c, w.claimId)),
      communication: communicationView(c, 'waiver', w.decidedOn, w.communicationException),
    })),
    /** Kommunicering before adverse decisions (förvaltningslagen 25 §), each with its answer. */
    communications: c.communications.map((x) => ({
      communicationId: x.communicationId,
      concerning: x.concerning,
      concerningLabel: COMMUNICATION_CONCERNS[x.concerning],
      sentOn: x.sentOn,
      respondBy: x.respondBy,
      material: x.material,
      answer: x.answer && {
        answer: x.answer.answer,
        label: COMMUNICATION_ANSWERS[x.answer.answer],
        answeredOn: x.answer.answeredOn,
        response: x.answer.response,
      },
    })),
    /**
     * Every decision of the case with who took it, under which delegation point,
     * the paragraph it rests on and how it can be appealed: what the letters
     * of a decision print (issue 21).
     */
    decisions: decisionsOf(c),
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
      concerningLabel:
        concerningOptions(d.documentType, c).find((x) => x.id === (d.concerning ?? undefined))?.label ?? null,
      addressee: d.addressee ?? ('subject' as const),
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
      // What the estate paid is repaid money too.
      repaid: kr(repaidOre(c) + estatePaidOre(c)),
      waived: kr(waivedOre(c)),
      writtenOff: kr(writtenOffOre(c)),
      sued: kr(suedOre(c)),
      outstanding: kr(outstandingOre(c)),
    },
    threeYearLimit: {
      ...limitView(outlook),
      // What judgments award is out of the three-year limit's reach: the judgment debt has its own limitation.
      ...(debts.length > 0 ? { coveredByJudgments: kr(debts.reduce((sum, d) => sum + d.awardedOre, 0)) } : {}),
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

/** A police report with its acts, each act's limitation by the grade as it is now, and the outcomes so far. */
function policeReportView(c: OpenCase, r: PoliceReport) {
  const offence = currentOffence(r);
  return {
    reportId: r.reportId,
    filedOn: r.filedOn,
    recipient: r.recipient,
    recipientLabel: POLICE_REPORT_RECIPIENTS[r.recipient],
    reference: r.reference,
    /** The unit's own assessment when it filed. */
    offence: r.offence,
    offenceLabel: OFFENCES[r.offence].label,
    /** The grade now: the latest the prosecutor or the court gave, else the unit's own. */
    currentOffence: offence,
    currentOffenceLabel: OFFENCES[offence].label,
    acts: reportedActs(c, r).map((a) => ({
      paidOn: a.paidOn,
      amount: kr(a.amountOre),
      limitationYears: a.years,
      limitationOn: a.limitationOn,
    })),
    limitation: reportLimitation(c, r),
    outcomes: r.outcomes.map((o) => ({
      decidedOn: o.decidedOn,
      outcome: o.outcome,
      label: POLICE_REPORT_OUTCOMES[o.outcome],
      offence: o.offence,
      offenceLabel: o.offence && OFFENCES[o.offence].label,
    })),
  };
}

/** Where the law says a claim can go to court only within three years of each payment. */
const SUIT_TIME_LIMIT_RULE: Record<Law, string> = {
  'SoL 2001:453': '9 kap. 3 § SoL (2001:453)',
  'SoL 2025:400': '33 kap. 5 § SoL (2025:400)',
};
const decisionMakerView = (d: DecisionMaker | undefined) =>
  d ? { ...d, capacityLabel: DECISION_MAKER_CAPACITIES[d.capacity] } : null;

/** The law a claim is under (a waiver's and a suit's paragraph follow it). */
function lawOfClaim(c: OpenCase, claimId: string): Law {
  return c.claims.find((x) => x.claimId === claimId)?.law ?? 'SoL 2001:453';
}

function communicationView(
  c: OpenCase,
  concerning: CommunicationConcern,
  decidedOn: LocalDate,
  exception: CommunicationException | undefined,
) {
  return {
    status: communicationStatus(c, concerning, decidedOn, exception),
    exception: exception ?? null,
    exceptionLabel: exception ? COMMUNICATION_EXCEPTIONS[exception] : null,
  };
}

interface DecisionView {
  type: DecisionType;
  label: string;
  decidedOn: LocalDate;
  claimId: string | null;
  /** What was decided, where a decision can go two ways (a waiver granted or refused). */
  outcome: 'granted' | 'refused' | null;
  decisionMaker: ReturnType<typeof decisionMakerView>;
  legalParagraph: LegalParagraph;
  appeal: Appeal;
}

function decisionsOf(c: OpenCase): DecisionView[] {
  const decision = (
    type: DecisionType,
    decidedOn: LocalDate,
    law: Law,
    rest: Pick<DecisionView, 'claimId' | 'outcome' | 'legalParagraph'>,
    maker: DecisionMaker | undefined,
    againstThePerson = true,
    cannotGoToCourt = false,
  ): DecisionView => ({
    type,
    label: DECISION_TYPES[type],
    decidedOn,
    ...rest,
    decisionMaker: decisionMakerView(maker),
    appeal: appealOf(type, law, againstThePerson, { cannotGoToCourt }),
  });
  const all: DecisionView[] = [];
  if (c.assessment?.decision === 'no-investigation') {
    // Procedure follows the law in force on the day of the decision.
    const law = lawGoverning(c.assessment.decidedOn);
    all.push(
      decision(
        'no-investigation',
        c.assessment.decidedOn,
        law,
        { claimId: null, outcome: null, legalParagraph: legalParagraph('no-investigation', law) },
        c.assessment.decisionMaker,
      ),
    );
  }
  for (const claim of c.claims)
    all.push(
      decision(
        'repayment-claim',
        claim.decidedOn,
        claim.law,
        { claimId: claim.claimId, outcome: null, legalParagraph: claimParagraph(claim.legalBasis) },
        claim.decisionMaker,
        true,
        // Decided on payments all past their three-year limit: no court can try it.
        claim.paymentsPastLimit !== undefined,
      ),
    );
  c.waivers.forEach((w, index) => {
    const law = lawOfClaim(c, w.claimId);
    const paragraph = legalParagraph('waiver', law);
    all.push(
      decision(
        'waiver',
        w.decidedOn,
        law,
        { claimId: w.claimId, outcome: 'granted', legalParagraph: paragraph },
        w.decisionMaker,
        waiverGoesAgainst(w, owedAfterWaiver(c, index)),
      ),
    );
  });
  for (const w of c.waiverRefusals) {
    const law = lawOfClaim(c, w.claimId);
    const paragraph = legalParagraph('waiver', law);
    all.push(
      decision(
        'waiver',
        w.decidedOn,
        law,
        { claimId: w.claimId, outcome: 'refused', legalParagraph: paragraph },
        w.decisionMaker,
      ),
    );
  }
  for (const s of c.suitDecisions) {
    const law = lawOfClaim(c, s.claimId);
    all.push(
      decision(
        'compensation-suit',
        s.decidedOn,
        law,
        { claimId: s.claimId, outcome: null, legalParagraph: legalParagraph('compensation-suit', law) },
        s.decisionMaker,
      ),
    );
  }
  // The duty to report is the same under both laws; the view names the law in force on the day.
  for (const r of c.policeReports) {
    const law = lawGoverning(r.filedOn);
    all.push(
      decision(
        'police-report',
        r.filedOn,
        law,
        { claimId: null, outcome: null, legalParagraph: legalParagraph('police-report', law) },
        r.decisionMaker,
      ),
    );
  }
  if (c.closure) {
    const law = lawGoverning(c.closure.closedOn);
    all.push(
      decision(
        'closure',
        c.closure.closedOn,
        law,
        { claimId: null, outcome: null, legalParagraph: legalParagraph('closure', law) },
        c.closure.decisionMaker,
      ),
    );
  }
  return all.sort((a, b) => a.decidedOn.localeCompare(b.decidedOn));
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
        ocrReference: plan.ocrReference ?? null,
      }
    : null;
}

function claimView(c: OpenCase, claim: Claim, today: LocalDate) {
  const position = claimPositionOf(c, claim);
  const plans = c.plans.filter((p) => p.claimId === claim.claimId);
  const writtenOff = writtenOffOre(c, claim);
  return {
    claimId: claim.claimId,
    decidedOn: claim.decidedOn,
    legalBasis: claim.legalBasis,
    law: claim.law,
    amount: kr(claim.amountOre),
    payments: claim.paymentIndexes,
    /** Decided when every payment it covers was past its three-year limit: it can never be taken to court. */
    ...(claim.paymentsPastLimit
      ? {
          paymentsPastLimit: {
            expiredAmount: kr(claim.paymentsPastLimit.expiredAmountOre),
            courtSuitBarredBy: SUIT_TIME_LIMIT_RULE[claim.law],
          },
        }
      : {}),
    /** Who the claim is decided against, each for their own part, with what they repaid, had waived and still owe. */
    shares: sharesOf(claim).map((share) => ({
      person: share.person,
      amount: kr(share.amountOre),
      repaid: kr(repaidBy(c, claim, share.person)),
      waived: kr(waivedFor(c, claim, share.person)),
      outstanding: kr(personOutstandingOre(c, claim, share.person)),
    })),
    legalParagraph: claimParagraph(claim.legalBasis),
    decisionMaker: decisionMakerView(claim.decisionMaker),
    communication: communicationView(c, 'repayment-claim', claim.decidedOn, claim.communicationException),
    repaymentPlan: planView(plans[plans.length - 1]),
    amounts: {
      claimed: kr(claim.amountOre),
      // Repayments of every kind, and what the estate paid; the estate's write-off is shown beside the waivers.
      repaid: kr(claimRepaidOre(c, claim) + estatePaidOre(c, claim)),
      waived: kr(position.waivedOre - writtenOff),
      writtenOff: kr(writtenOff),
      sued: kr(position.suedOre),
      outstanding: kr(claimOutstandingOre(c, claim)),
    },
    threeYearLimit: limitView(limitOutlook(position, today)),
  };
}

function judgmentDebtView(debt: JudgmentDebt, today: LocalDate) {
  return {
    claimId: debt.claimId,
    judgedOn: debt.judgment.decidedOn,
    judgedAmount: kr(debt.judgment.awardedAmountOre),
    awardedAmount: kr(debt.awardedOre),
    appeals: debt.appeals.map((a) => ({
      appealedOn: a.appealedOn,
      appellant: a.appellant,
      court: a.court,
      outcome: a.outcome && {
        decidedOn: a.outcome.decidedOn,
        outcome: a.outcome.outcome,
        ...(a.outcome.awardedAmountOre !== undefined ? { awardedAmount: kr(a.outcome.awardedAmountOre) } : {}),
      },
    })),
    appealPending: debt.appealPending,
    legalForceOn: debt.legalForceOn,
    paid: kr(debt.paidOre),
    waived: kr(debt.waivedOre),
    remaining: kr(debt.remainingOre),
    enforceable: kr(debt.enforceableOre),
    enforcement: debt.enforcement.map((e) => ({
      appliedOn: e.appliedOn,
      amount: kr(e.amountOre),
      caseReference: e.caseReference ?? null,
      outcome: e.outcome && {
        decidedOn: e.outcome.decidedOn,
        outcome: e.outcome.outcome,
        ...(e.outcome.amountOre !== undefined ? { amount: kr(e.outcome.amountOre) } : {}),
      },
    })),
    limitation: debt.limitation && { ...debt.limitation, timeBarred: today > debt.limitation.lastDay },
  };
}
