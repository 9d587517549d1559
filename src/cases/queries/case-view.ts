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
import { DECISION_MAKER_CAPACITIES, DECISION_TYPES, type DecisionType } from '../../delegation/delegation-register';
import type { DecisionMaker } from '../domain/decision-maker';
import { type LegalParagraph, claimParagraph, legalParagraph } from '../domain/legal-paragraphs';
import { type Appeal, appealOf } from '../domain/appeals';
import {
  COMMUNICATION_ANSWERS,
  COMMUNICATION_CONCERNS,
  COMMUNICATION_EXCEPTIONS,
  type CommunicationConcern,
  type CommunicationException,
  communicationStatus,
} from '../steps/communication/communication.step';
import type { Law } from '../domain/catalogues';
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
    voided: c.voided,
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
  ): DecisionView => ({
    type,
    label: DECISION_TYPES[type],
    decidedOn,
    ...rest,
    decisionMaker: decisionMakerView(maker),
    appeal: appealOf(type, law, againstThePerson),
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
      ),
    );
  for (const w of c.waivers) {
    const law = lawOfClaim(c, w.claimId);
    const paragraph = legalParagraph('waiver', law);
    all.push(
      decision(
        'waiver',
        w.decidedOn,
        law,
        { claimId: w.claimId, outcome: 'granted', legalParagraph: paragraph },
        w.decisionMaker,
        false,
      ),
    );
  }
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
  return all.sort((a, b) => a.decidedOn.localeCompare(b.decidedOn));
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
    legalParagraph: claimParagraph(claim.legalBasis),
    decisionMaker: decisionMakerView(claim.decisionMaker),
    communication: communicationView(c, 'repayment-claim', claim.decidedOn, claim.communicationException),
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
