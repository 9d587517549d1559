import { type LocalDate, addDays } from '../../calendar/local-date';
import { type District, isDistrictValidOn } from '../../districts/district-register';
import type { CaseEvent, IncorrectPayment, PastLimitNote, Payment, Subject } from './case-events';
import {
  LEGAL_BASES,
  NEW_SOCIAL_SERVICES_ACT_FROM,
  PROSECUTED_OUTCOMES,
  type Authority,
  type ErrorType,
  type NotifiedBenefit,
  type Offence,
  type PoliceReportOutcome,
  lawGoverning,
  type Law,
  type Cause,
  type CloseReason,
  type Intent,
  type JournalKind,
  type LegalBasis,
  type NoInvestigationReason,
  type RepaymentKind,
  type Source,
  type VoidReason,
  type WaiverReason,
} from './catalogues';
import { conflict, invalid, rule } from './case-errors';
import { caseEventProblems } from './case-event-shapes';
import {
  type CaseState,
  type Claim,
  type OpenCase,
  claimOutstandingOre,
  claimPositionOf,
  claimableOnCase,
  evolve,
  initialState,
  outstandingOre,
  offenceLimitation,
  unclaimedIndexesUnder,
} from './case-state';
import { claimableOn, expiredOn, suitDeadline } from './three-year-limit';

type Cmd<T extends string, D> = { type: T; data: D; today: LocalDate };
/** Which claim a step concerns; may be left out while the case has one. */
type OnClaim = { claimId?: string };

/** What an investigator or unit head asks of a case. `today` (Stockholm) is given, never read from a clock. */
export type CaseCommand =
  | Cmd<
      'RegisterCase',
      {
        caseId: string;
        caseNumber: string;
        district: District;
        receivedOn: LocalDate;
        source: Source;
        subject: Subject;
        suspectedPayments: Payment[];
        summary: string | null;
        dataKeyId?: string | null;
        notifyingAuthority?: Authority | null;
      }
    >
  | Cmd<
      'MakePreAssessment',
      {
        decidedOn: LocalDate;
        decision: 'open-investigation' | 'no-investigation';
        reason: NoInvestigationReason | null;
        suspectedCause: Cause | null;
      }
    >
  | Cmd<
      'RecordInvestigationResult',
      {
        completedOn: LocalDate;
        finding: 'incorrect-payment' | 'no-incorrect-payment';
        cause: Cause | null;
        incorrectPayments: Array<Payment & { grantedOn: LocalDate | null }>;
        intent: Intent | null;
        savedAmountOre: number;
        errorType?: ErrorType | null;
      }
    >
  | Cmd<
      'DecideRepaymentClaim',
      {
        decidedOn: LocalDate;
        legalBasis: LegalBasis;
        amountOre: number;
        /** Positions in the investigation's payments; none: the unclaimed payments the legal basis's law governs. */
        payments?: number[];
      }
    >
  | Cmd<'AgreeRepaymentPlan', OnClaim & { agreedOn: LocalDate; monthlyAmountOre: number; firstDueOn: LocalDate }>
  | Cmd<'ReceiveRepayment', OnClaim & { receivedOn: LocalDate; amountOre: number; kind: RepaymentKind }>
  | Cmd<'AssessAbilityToPay', { assessedOn: LocalDate; able: boolean }>
  | Cmd<'FileCompensationSuit', OnClaim & { filedOn: LocalDate; amountOre: number }>
  | Cmd<'RecordCompensationJudgment', OnClaim & { decidedOn: LocalDate; awardedAmountOre: number }>
  | Cmd<'FilePoliceReport', { filedOn: LocalDate; offence?: Offence }>
  | Cmd<'RecordPoliceReportOutcome', { decidedOn: LocalDate; outcome: PoliceReportOutcome }>
  | Cmd<'NotifyAuthority', { sentOn: LocalDate; authority: Authority; concerning: NotifiedBenefit }>
  | Cmd<'DecideCompensationSuit', OnClaim & { decidedOn: LocalDate }>
  | Cmd<'WaiveClaim', OnClaim & { decidedOn: LocalDate; reason: WaiverReason; amountOre: number }>
  | Cmd<
      'AssignInvestigator',
      {
        investigator: string;
        /** Where the staff directory knows the investigator; null or absent: not known at all. */
        investigatorDistricts?: string[] | null;
      }
    >
  | Cmd<
      'TransferCase',
      {
        transferredOn: LocalDate;
        toDistrict: District;
        /** Set when the case passes on a merger: the district that ended, whose successor takes its open cases. */
        merger?: District;
      }
    >
  | Cmd<'CloseCase', { closedOn: LocalDate; reason: CloseReason }>
  | Cmd<'ReopenCase', { reopenedOn: LocalDate; reason: string }>
  | Cmd<'AddJournalEntry', { notedOn: LocalDate; kind: JournalKind; text: string }>
  | Cmd<'VoidCase', { reason: VoidReason; note: string | null }>;

export type CaseCommandType = CaseCommand['type'];

const kr = (ore: number): string => `${(ore / 100).toFixed(2)} kr`;

/** A business date: not in the future, not before the case was received, not before the steps it depends on. */
function checkDate(
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

function requireOpen(state: CaseState): OpenCase {
  if (!state.exists) throw conflict('case-not-registered', 'The case has not been registered');
  if (state.voided) throw conflict('case-voided', 'The case is voided and accepts nothing more');
  if (state.closure) throw conflict('case-closed', 'The case is closed; reopen it first');
  return state;
}

/** The claim a step concerns: the one named, or the case's only claim. */
function requireClaim(c: OpenCase, claimId: string | undefined): Claim {
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

/** Ersättningstalan needs the latest ability-to-pay assessment to have found the person able to pay (33 kap. 5 § SoL). */
function requireAbleToPay(c: OpenCase): NonNullable<OpenCase['abilityToPay']> {
  if (!c.abilityToPay?.able) {
    throw conflict(
      'not-able-to-pay',
      'Ersättningstalan needs an ability-to-pay assessment that found the person able to pay',
    );
  }
  return c.abilityToPay;
}

/** Repayments and waivers cannot exceed what the person still owes on the claim. */
function requireWithinOutstanding(c: OpenCase, claim: Claim, amountOre: number): void {
  const outstanding = claimOutstandingOre(c, claim);
  if (amountOre > outstanding) {
    throw rule('amount-above-outstanding', `${kr(amountOre)} is above the outstanding ${kr(outstanding)}`, 'amount', {
      outstandingAmount: outstanding / 100,
    });
  }
}

/** The note a decision carries when every payment it rests on is already past its three-year limit. */
function pastLimitNote(payments: Payment[], on: LocalDate): PastLimitNote {
  if (payments.length === 0) return {};
  const totalOre = payments.reduce((s, p) => s + p.amountOre, 0);
  const position = { claimOre: totalOre, repaidOre: 0, waivedOre: 0, suedOre: 0, payments };
  return claimableOn(position, on) === 0 ? { paymentsPastLimit: { expiredAmountOre: totalOre } } : {};
}

function one<E extends CaseEvent>(event: E): CaseEvent[] {
  return [event];
}

/**
 * The events a command leads to, or a refusal. Every event is checked against
 * its shape before it leaves the decider: what the fold or a projection could
 * not read is never appended, whichever caller sent the command.
 */
export function decide(command: CaseCommand, state: CaseState): CaseEvent[] {
  const events = decideStep(command, state);
  for (const event of events) {
    const [problem] = caseEventProblems(event, true);
    if (problem) throw invalid(problem.field, `${problem.field} ${problem.message}`);
  }
  return events;
}

function decideStep(command: CaseCommand, state: CaseState): CaseEvent[] {
  const today = command.today;
  if (state.exists && state.culledOn)
    throw conflict('case-culled', 'The personal data of this case has been culled; it accepts nothing more');
  switch (command.type) {
    case 'RegisterCase': {
      if (state.exists) throw conflict('case-exists', 'The case is already registered');
      const d = command.data;
      checkDate(null, 'receivedOn', d.receivedOn, today);
      if (d.notifyingAuthority && d.source !== 'other-authority') {
        throw rule(
          'not-from-an-authority',
          'notifyingAuthority names the authority that passed the information on: the source must be other-authority',
          'notifyingAuthority',
        );
      }
      if (!isDistrictValidOn(d.district, d.receivedOn)) {
        throw rule('district-not-valid', `District ${d.district.code} did not exist on ${d.receivedOn}`, 'district');
      }
      d.suspectedPayments.forEach((p, i) => {
        if (p.paidOn > today)
          throw rule(
            'date-in-future',
            `suspectedPayments[${i}].paidOn is in the future`,
            `suspectedPayments[${i}].paidOn`,
          );
      });
      return one({
        type: 'CaseRegistered',
        data: {
          caseId: d.caseId,
          caseNumber: d.caseNumber,
          district: d.district.code,
          receivedOn: d.receivedOn,
          source: d.source,
          subject: d.subject,
          suspectedPayments: d.suspectedPayments,
          summary: d.summary,
          ...(d.notifyingAuthority ? { notifyingAuthority: d.notifyingAuthority } : {}),
          dataKeyId: d.dataKeyId ?? null,
        },
      });
    }

    case 'MakePreAssessment': {
      const c = requireOpen(state);
      if (c.assessment) throw conflict('already-assessed', 'The case has already been pre-assessed');
      const d = command.data;
      checkDate(c, 'decidedOn', d.decidedOn, today);
      if (d.decision === 'no-investigation') {
        if (!d.reason) throw invalid('reason', 'reason is required when no investigation is opened');
        if (d.reason === 'time-limit') {
          const live = c.suspectedPayments.filter((p) => suitDeadline(p.paidOn) >= d.decidedOn);
          if (live.length > 0) {
            throw rule(
              'time-limit-not-passed',
              `${live.length} suspected payment(s) are still within the three-year limit on ${d.decidedOn}`,
              'reason',
              { deadlines: live.map((p) => ({ paidOn: p.paidOn, deadline: suitDeadline(p.paidOn) })) },
            );
          }
        }
      } else if (d.reason) {
        throw invalid('reason', 'reason applies only when no investigation is opened');
      }
      const note = d.decision === 'open-investigation' ? pastLimitNote(c.suspectedPayments, d.decidedOn) : {};
      return one({ type: 'PreAssessmentMade', data: { ...d, ...note } });
    }

    case 'RecordInvestigationResult': {
      const c = requireOpen(state);
      if (!c.assessment || c.assessment.decision !== 'open-investigation') {
        throw conflict('not-investigating', 'No investigation has been opened in this case');
      }
      if (c.investigation) throw conflict('already-investigated', 'The investigation result is already recorded');
      const d = command.data;
      checkDate(c, 'completedOn', d.completedOn, today, [[c.assessment.decidedOn, 'the pre-assessment']]);
      if (d.finding === 'incorrect-payment') {
        if (!d.cause) throw invalid('cause', 'cause is required when an incorrect payment was found');
        if (d.incorrectPayments.length === 0) {
          throw invalid('incorrectPayments', 'at least one incorrect payment is required when one was found');
        }
      } else if (d.incorrectPayments.length > 0) {
        throw invalid('incorrectPayments', 'no incorrect payments can be listed when none was found');
      } else if (d.errorType) {
        throw invalid('errorType', 'an error type applies only when an incorrect payment was found');
      }
      const payments: IncorrectPayment[] = d.incorrectPayments.map((p, i) => {
        if (p.paidOn > d.completedOn) {
          throw rule(
            'date-before-step',
            `incorrectPayments[${i}].paidOn is after the investigation was completed`,
            `incorrectPayments[${i}].paidOn`,
          );
        }
        // From 2025-07-01 the grant date decides the law: it cannot be guessed from the payment date.
        if (p.grantedOn === null && p.paidOn >= NEW_SOCIAL_SERVICES_ACT_FROM) {
          throw rule(
            'granted-on-required',
            `incorrectPayments[${i}].grantedOn is required for a payment made on or after ${NEW_SOCIAL_SERVICES_ACT_FROM}: the grant date decides which Social Services Act governs it`,
            `incorrectPayments[${i}].grantedOn`,
          );
        }
        const grantedOn = p.grantedOn ?? p.paidOn;
        if (grantedOn > p.paidOn) {
          throw rule(
            'date-before-step',
            `incorrectPayments[${i}].grantedOn is after the payment`,
            `incorrectPayments[${i}].grantedOn`,
          );
        }
        return { paidOn: p.paidOn, amountOre: p.amountOre, grantedOn };
      });
      return one({
        type: 'InvestigationCompleted',
        data: { ...d, incorrectPayments: payments, ...pastLimitNote(payments, d.completedOn) },
      });
    }

    case 'DecideRepaymentClaim': {
      const c = requireOpen(state);
      if (c.investigation?.finding !== 'incorrect-payment') {
        throw conflict(
          'no-incorrect-payment',
          'A repayment claim needs an investigation that found an incorrect payment',
        );
      }
      const d = command.data;
      checkDate(c, 'decidedOn', d.decidedOn, today, [[c.investigation.completedOn, 'the investigation result']]);
      const law = LEGAL_BASES[d.legalBasis];
      const indexes = d.payments ? namedPayments(c, d.payments, law) : unclaimedPaymentsUnder(c, law);
      const coveredOre = indexes.reduce((s, i) => s + c.investigation!.incorrectPayments[i].amountOre, 0);
      if (d.amountOre > coveredOre) {
        throw rule(
          'amount-above-payments',
          `The claim ${kr(d.amountOre)} is above the incorrect payments' ${kr(coveredOre)}`,
          'amount',
          {
            maximumAmount: coveredOre / 100,
          },
        );
      }
      return one({
        type: 'RepaymentClaimDecided',
        data: {
          claimId: String(c.claims.length + 1),
          decidedOn: d.decidedOn,
          legalBasis: d.legalBasis,
          amountOre: d.amountOre,
          paymentIndexes: indexes,
        },
      });
    }

    case 'AgreeRepaymentPlan': {
      const c = requireOpen(state);
      const d = command.data;
      const claim = requireClaim(c, d.claimId);
      checkDate(c, 'agreedOn', d.agreedOn, today, [[claim.decidedOn, 'the repayment claim']]);
      if (d.firstDueOn < d.agreedOn)
        throw rule('date-before-step', 'firstDueOn is before the plan was agreed', 'firstDueOn');
      // No statute fixes the first due date. A plan is agreed from the person's ability to pay at the
      // time, so its first instalment falls within a year (365 days) of the agreement; a later date is a
      // deferral, not a plan, or a typo (2100 for 2010) that would show as a live plan for decades.
      const latestFirstDueOn = addDays(d.agreedOn, 365);
      if (d.firstDueOn > latestFirstDueOn)
        throw rule(
          'first-due-too-late',
          `firstDueOn is more than 365 days after the plan was agreed (at the latest ${latestFirstDueOn})`,
          'firstDueOn',
          { latestFirstDueOn },
        );
      return one({
        type: 'RepaymentPlanAgreed',
        data: {
          claimId: claim.claimId,
          agreedOn: d.agreedOn,
          monthlyAmountOre: d.monthlyAmountOre,
          firstDueOn: d.firstDueOn,
        },
      });
    }

    case 'ReceiveRepayment': {
      const c = requireOpen(state);
      const d = command.data;
      const claim = requireClaim(c, d.claimId);
      checkDate(c, 'receivedOn', d.receivedOn, today, [[claim.decidedOn, 'the repayment claim']]);
      requireWithinOutstanding(c, claim, d.amountOre);
      return one({
        type: 'RepaymentReceived',
        data: { claimId: claim.claimId, receivedOn: d.receivedOn, amountOre: d.amountOre, kind: d.kind },
      });
    }

    case 'AssessAbilityToPay': {
      const c = requireOpen(state);
      // The ability to pay is the person's, for every claim of the case.
      if (c.claims.length === 0) throw conflict('no-claim', 'No repayment claim has been decided in this case');
      checkDate(c, 'assessedOn', command.data.assessedOn, today, [[c.claims[0].decidedOn, 'the repayment claim']]);
      return one({ type: 'AbilityToPayAssessed', data: { ...command.data } });
    }

    case 'FileCompensationSuit': {
      const c = requireOpen(state);
      const d = command.data;
      const claim = requireClaim(c, d.claimId);
      const ability = requireAbleToPay(c);
      const decision = c.suitDecisions.find((x) => x.claimId === claim.claimId);
      if (!decision) {
        throw conflict('no-suit-decision', 'A court suit is filed after the decision to bring ersättningstalan');
      }
      checkDate(c, 'filedOn', d.filedOn, today, [
        [ability.assessedOn, 'the ability-to-pay assessment'],
        [decision.decidedOn, 'the decision to bring ersättningstalan'],
      ]);
      const claimable = claimableOn(claimPositionOf(c, claim), d.filedOn);
      if (d.amountOre > claimable) {
        throw rule(
          'above-claimable',
          `${kr(d.amountOre)} is above the ${kr(claimable)} still claimable on ${d.filedOn} within the three-year limit`,
          'amount',
          {
            claimableAmount: claimable / 100,
          },
        );
      }
      return one({
        type: 'CompensationSuitFiled',
        data: { claimId: claim.claimId, filedOn: d.filedOn, amountOre: d.amountOre },
      });
    }

    case 'RecordCompensationJudgment': {
      const c = requireOpen(state);
      const d = command.data;
      const claim = requireClaim(c, d.claimId);
      const suits = c.suits.filter((x) => x.claimId === claim.claimId);
      if (suits.length === 0) throw conflict('no-suit', 'No court suit has been filed in this case');
      checkDate(c, 'decidedOn', d.decidedOn, today, [[suits[0].filedOn, 'the court suit']]);
      const sued = claimPositionOf(c, claim).suedOre;
      if (d.awardedAmountOre > sued) {
        throw rule('amount-above-sued', `${kr(d.awardedAmountOre)} is above the ${kr(sued)} sued for`, 'awardedAmount');
      }
      return one({
        type: 'CompensationJudgmentDecided',
        data: { claimId: claim.claimId, decidedOn: d.decidedOn, awardedAmountOre: d.awardedAmountOre },
      });
    }

    case 'FilePoliceReport': {
      const c = requireOpen(state);
      if (c.assessment?.decision !== 'open-investigation') {
        throw conflict('not-investigating', 'A police report needs an opened investigation');
      }
      if (c.policeReport) throw conflict('police-report-exists', 'A police report has already been filed');
      checkDate(c, 'filedOn', command.data.filedOn, today, [[c.assessment.decidedOn, 'the pre-assessment']]);
      return one({
        type: 'PoliceReportFiled',
        data: { filedOn: command.data.filedOn, offence: command.data.offence ?? 'benefit-offence' },
      });
    }

    case 'RecordPoliceReportOutcome': {
      const c = requireOpen(state);
      if (!c.policeReport) throw conflict('no-police-report', 'No police report has been filed in this case');
      const last = c.policeReport.outcomes[c.policeReport.outcomes.length - 1];
      checkDate(c, 'decidedOn', command.data.decidedOn, today, [
        [c.policeReport.filedOn, 'the police report'],
        [last?.decidedOn, 'the previous outcome'],
      ]);
      return one({ type: 'PoliceReportOutcomeRecorded', data: { ...command.data } });
    }

    case 'NotifyAuthority': {
      const c = requireOpen(state);
      // The duty (lag 2008:206) arises from what the investigation finds.
      if (c.assessment?.decision !== 'open-investigation') {
        throw conflict('not-investigating', 'A notification to another authority follows from an opened investigation');
      }
      checkDate(c, 'sentOn', command.data.sentOn, today, [[c.assessment.decidedOn, 'the pre-assessment']]);
      return one({ type: 'AuthorityNotified', data: { ...command.data } });
    }

    case 'DecideCompensationSuit': {
      const c = requireOpen(state);
      const d = command.data;
      const claim = requireClaim(c, d.claimId);
      const ability = requireAbleToPay(c);
      if (c.suitDecisions.some((x) => x.claimId === claim.claimId)) {
        throw conflict('suit-decided', `Ersättningstalan has already been decided for claim ${claim.claimId}`);
      }
      checkDate(c, 'decidedOn', d.decidedOn, today, [[ability.assessedOn, 'the ability-to-pay assessment']]);
      return one({ type: 'CompensationSuitDecided', data: { claimId: claim.claimId, decidedOn: d.decidedOn } });
    }

    case 'WaiveClaim': {
      const c = requireOpen(state);
      const d = command.data;
      const claim = requireClaim(c, d.claimId);
      checkDate(c, 'decidedOn', d.decidedOn, today, [[claim.decidedOn, 'the repayment claim']]);
      requireWithinOutstanding(c, claim, d.amountOre);
      if (d.reason === 'time-limit') {
        const expired = expiredOn(claimPositionOf(c, claim), d.decidedOn);
        if (d.amountOre > expired) {
          throw rule(
            'above-expired',
            `${kr(d.amountOre)} is above the ${kr(expired)} past the three-year limit on ${d.decidedOn}`,
            'amount',
            {
              expiredAmount: expired / 100,
            },
          );
        }
      }
      return one({
        type: 'ClaimWaived',
        data: { claimId: claim.claimId, decidedOn: d.decidedOn, reason: d.reason, amountOre: d.amountOre },
      });
    }

    case 'AssignInvestigator': {
      const c = requireOpen(state);
      const known = command.data.investigatorDistricts;
      if (!known)
        throw rule(
          'unknown-investigator',
          `${command.data.investigator} is not known to the service: only staff who have signed in or are in the staff register can be given cases`,
          'investigator',
        );
      if (!known.includes(c.district))
        throw rule(
          'investigator-not-in-district',
          `${command.data.investigator} does not work in ${c.district}`,
          'investigator',
        );
      if (c.investigator === command.data.investigator) return [];
      return one({
        type: 'InvestigatorAssigned',
        data: { assignedOn: today, investigator: command.data.investigator },
      });
    }

    case 'TransferCase': {
      const c = requireOpen(state);
      const d = command.data;
      if (d.toDistrict.code === c.district)
        throw rule('same-district', `The case already belongs to ${c.district}`, 'toDistrict');
      const lastTransfer = c.transfers[c.transfers.length - 1]?.transferredOn;
      checkDate(c, 'transferredOn', d.transferredOn, today, [[lastTransfer, 'the previous transfer']]);
      if (!isDistrictValidOn(d.toDistrict, d.transferredOn)) {
        throw rule(
          'district-not-valid',
          `District ${d.toDistrict.code} did not exist on ${d.transferredOn}`,
          'toDistrict',
        );
      }
      if (d.merger) checkMerger(c, d.merger, d.toDistrict, d.transferredOn);
      return one({
        type: 'CaseTransferred',
        data: {
          transferredOn: d.transferredOn,
          fromDistrict: c.district,
          toDistrict: d.toDistrict.code,
          ...(d.merger ? { byMerger: true as const } : {}),
        },
      });
    }

    case 'CloseCase': {
      const c = requireOpen(state);
      const d = command.data;
      checkDate(c, 'closedOn', d.closedOn, today, [[c.lastStepOn, 'the latest step of the case']]);
      checkClosingReason(c, d.reason, d.closedOn);
      return one({ type: 'CaseClosed', data: { ...d } });
    }

    case 'ReopenCase': {
      if (!state.exists) throw conflict('case-not-registered', 'The case has not been registered');
      if (state.voided) throw conflict('case-voided', 'The case is voided and accepts nothing more');
      if (!state.closure) throw conflict('case-not-closed', 'Only a closed case can be reopened');
      checkDate(state, 'reopenedOn', command.data.reopenedOn, today, [[state.closure.closedOn, 'the closing']]);
      return one({ type: 'CaseReopened', data: { ...command.data } });
    }

    case 'AddJournalEntry': {
      if (!state.exists) throw conflict('case-not-registered', 'The case has not been registered');
      if (state.voided) throw conflict('case-voided', 'The case is voided and accepts nothing more');
      checkDate(state, 'notedOn', command.data.notedOn, today);
      return one({ type: 'JournalEntryAdded', data: { ...command.data } });
    }

    case 'VoidCase': {
      if (!state.exists) throw conflict('case-not-registered', 'The case has not been registered');
      if (state.voided) throw conflict('case-voided', 'The case is already voided');
      return one({
        type: 'CaseVoided',
        data: { voidedOn: today, reason: command.data.reason, note: command.data.note },
      });
    }
  }
}

/** The named payments of a claim: known, not claimed already, and governed by the claim's law. */
function namedPayments(c: OpenCase, named: number[], law: Law): number[] {
  const payments = c.investigation?.incorrectPayments ?? [];
  const claimed = new Set(c.claims.flatMap((x) => x.paymentIndexes));
  named.forEach((i, k) => {
    if (!Number.isInteger(i) || i < 0 || i >= payments.length) {
      throw rule('unknown-payment', `The investigation has no payment ${i}`, `payments[${k}]`);
    }
    if (claimed.has(i)) throw rule('payment-already-claimed', `Payment ${i} is already claimed`, `payments[${k}]`);
    if (lawGoverning(payments[i].grantedOn) !== law) throw wrongLaw(law);
  });
  if (new Set(named).size !== named.length) throw invalid('payments', 'a payment can be named once');
  return [...named].sort((a, b) => a - b);
}

/** Without named payments a claim covers the unclaimed payments its law governs. */
function unclaimedPaymentsUnder(c: OpenCase, law: Law): number[] {
  const indexes = unclaimedIndexesUnder(c, law);
  if (indexes.length > 0) return indexes;
  const anyUnderLaw = (c.investigation?.incorrectPayments ?? []).some((p) => lawGoverning(p.grantedOn) === law);
  if (anyUnderLaw) throw conflict('claim-exists', `Every payment under ${law} is already claimed`);
  throw wrongLaw(law);
}

const wrongLaw = (law: Law) =>
  rule(
    'wrong-law',
    `The legal basis belongs to ${law}, which governs none of these payments (assistance granted before 2025-07-01 falls under SoL 2001:453)`,
    'legalBasis',
  );

/** A merger passes a case from the ended district to its successor, on the day the successor starts. */
function checkMerger(c: OpenCase, ended: District, to: District, on: LocalDate): void {
  if (ended.code !== c.district || ended.successor !== to.code) {
    throw rule('not-successor', `${to.code} is not the successor of the case's district ${c.district}`, 'toDistrict');
  }
  const mergerDay = ended.validTo === null ? null : addDays(ended.validTo, 1);
  if (on !== mergerDay) {
    throw rule(
      'not-successor',
      `${ended.code} passes its cases to ${to.code} on ${mergerDay}, not ${on}`,
      'transferredOn',
    );
  }
}

/** Something a closing reason needs and the case lacks: a code the client can act on, and what it means. */
interface Unmet {
  missing: string;
  message: string;
  details?: Record<string, unknown>;
}

/** Repaid as `kind`: nothing outstanding, and repayments of that kind made. */
function repaidAs(c: OpenCase, kind: RepaymentKind): Unmet[] {
  const outstanding = outstandingOre(c);
  const ofKind = c.repayments.some((r) => r.kind === kind && r.amountOre > 0);
  if (outstanding === 0 && ofKind) return [];
  return [
    {
      missing: 'repayment',
      message:
        outstanding > 0
          ? `nothing may be outstanding; ${kr(outstanding)} is`
          : `the claim was not repaid as ${kind} (no such repayment)`,
      details: { outstandingAmount: outstanding / 100 },
    },
  ];
}

/** Waived for `reason`: the nämnd's waiver decision (9 kap. 4 § / 33 kap. 6 § SoL) covers what is outstanding. */
function waivedFor(c: OpenCase, reason: WaiverReason): Unmet[] {
  const outstanding = outstandingOre(c);
  const decided = c.waivers.some((w) => w.reason === reason);
  if (outstanding === 0 && decided) return [];
  return [
    {
      missing: 'waiver',
      message: `a waiver decision (${reason}) must cover what is outstanding (${kr(outstanding)})`,
      details: { outstandingAmount: outstanding / 100 },
    },
  ];
}

const needs = (met: boolean, missing: string, message: string): Unmet[] => (met ? [] : [{ missing, message }]);
const aClaim = (c: OpenCase) => needs(c.claims.length > 0, 'repayment-claim', 'a repayment claim');
const noClaim = (c: OpenCase) => needs(c.claims.length === 0, 'no-repayment-claim', 'no repayment claim');
const aPoliceReport = (c: OpenCase) => needs(c.policeReport !== null, 'police-report', 'a police report');

/** Brottet preskriberat: every act past its limitation on the closing day, and no prosecution brought. */
function timeBarred(c: OpenCase, closedOn: LocalDate): Unmet[] {
  const prosecuted = c.policeReport!.outcomes.some((o) => PROSECUTED_OUTCOMES.includes(o.outcome));
  if (prosecuted) return [{ missing: 'no-prosecution', message: 'no prosecution brought (one was)' }];
  const limitation = offenceLimitation(c);
  if (limitation && limitation.lastOn <= closedOn) return [];
  return [
    {
      missing: 'offence-time-barred',
      message: limitation
        ? `every act past its limitation; the last is time-barred on ${limitation.lastOn}`
        : 'a known payment to date the offence by',
      details: limitation ? { limitationDate: limitation.lastOn } : {},
    },
  ];
}

/** Each closing reason's precondition, from the process that leads to it. */
function unmetForClosing(c: OpenCase, reason: CloseReason, closedOn: LocalDate): Unmet[] {
  switch (reason) {
    case 'repaid-claim':
      return c.claims.length > 0 ? repaidAs(c, 'claim') : aClaim(c);
    case 'repaid-damages':
      return c.claims.length > 0 ? [...aPoliceReport(c), ...repaidAs(c, 'damages')] : aClaim(c);
    case 'repaid-compensation':
      return c.claims.length > 0
        ? [
            ...needs(c.judgments.length > 0, 'compensation-judgment', 'a judgment on a compensation suit'),
            ...repaidAs(c, 'compensation'),
          ]
        : aClaim(c);
    case 'waived-time-limit': {
      if (c.claims.length === 0) return aClaim(c);
      const claimable = claimableOnCase(c, closedOn);
      if (claimable > 0) {
        return [
          {
            missing: 'waiver',
            message: `${kr(claimable)} can still be sued for on ${closedOn}`,
            details: { claimableAmount: claimable / 100 },
          },
        ];
      }
      return waivedFor(c, 'time-limit');
    }
    case 'waived-other':
      return c.claims.length > 0 ? waivedFor(c, 'other') : aClaim(c);
    case 'no-claim':
      return [...needs(c.investigation !== null, 'investigation-result', 'an investigation result'), ...noClaim(c)];
    case 'no-action':
      return [...noClaim(c), ...needs(c.policeReport === null, 'no-police-report', 'no police report')];
    case 'offence-time-barred':
      return c.policeReport ? timeBarred(c, closedOn) : aPoliceReport(c);
    case 'offence-not-proven':
      return aPoliceReport(c);
    case 'internal-error':
      return [
        ...needs(
          c.assessment?.reason === 'internal-error' || c.investigation?.cause === 'internal-error',
          'internal-error-finding',
          'a pre-assessment or investigation that found an internal error',
        ),
        ...noClaim(c),
      ];
    case 'deceased':
      return [];
  }
}

function checkClosingReason(c: OpenCase, reason: CloseReason, closedOn: LocalDate): void {
  const unmet = unmetForClosing(c, reason, closedOn);
  if (unmet.length === 0) return;
  throw rule(
    'closing-reason-not-met',
    `${reason} needs ${unmet.map((u) => u.message).join('; ')}`,
    'reason',
    Object.assign({ missing: unmet.map((u) => u.missing) }, ...unmet.map((u) => u.details ?? {})),
  );
}

/** Folds a stream's events into the case state. */
export function replay(events: CaseEvent[]): CaseState {
  return events.reduce(evolve, initialState());
}

export const caseDecider = { decide, evolve, initialState };
