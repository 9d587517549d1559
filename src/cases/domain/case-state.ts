import { type LocalDate, addYears } from '../../calendar/local-date';
import type { PreAssessmentMadeData } from '../steps/pre-assessment/pre-assessment.step';
import type { InvestigationCompletedData } from '../steps/investigation-result/investigation-result.step';
import type { RepaymentClaimDecidedData } from '../steps/repayment-claim/repayment-claim.step';
import type { RepaymentPlanAgreedData } from '../steps/repayment-plan/repayment-plan.step';
import type { RepaymentReceivedData } from '../steps/repayment/repayment.step';
import type { AbilityToPayAssessedData } from '../steps/ability-to-pay/ability-to-pay.step';
import type { CompensationSuitFiledData } from '../steps/compensation-suit/compensation-suit.step';
import type { CompensationJudgmentDecidedData } from '../steps/compensation-judgment/compensation-judgment.step';
import type { PoliceReportFiledData } from '../steps/police-report/police-report.step';
import type { PoliceReportOutcomeRecordedData } from '../steps/police-report-outcome/police-report-outcome.step';
import type { EstateClaimLodgedData } from '../steps/estate-claim/estate-claim.step';
import type { EstateClaimOutcomeRecordedData } from '../steps/estate-claim-outcome/estate-claim-outcome.step';
import type { AuthorityNotifiedData } from '../steps/authority-notification/authority-notification.step';
import type { CompensationSuitDecidedData } from '../steps/compensation-suit-decision/compensation-suit-decision.step';
import type { ClaimWaivedData, WaiverRefusedData } from '../steps/waiver/waiver.step';
import type { CommunicationAnsweredData, CommunicationSentData } from '../steps/communication/communication.step';
import type { CaseTransferredData } from '../steps/transfer/transfer.step';
import type { CaseClosedData } from '../steps/closure/closure.step';
import type { CaseReopenedData } from '../steps/reopening/reopening.step';
import type { JournalEntryAddedData } from '../steps/journal-entry/journal-entry.step';
import type { CaseVoidedData } from '../steps/void/void.step';
import type { UserReminder } from '../steps/reminder/reminder.step';
import type { CaseDocument } from '../steps/document/document.step';
import type { AttachmentAddedData } from '../steps/attachment/attachment.step';
import type { IncorrectPayment, Payment, Subject } from './case-shapes';
import {
  PROSECUTED_OUTCOMES,
  type Authority,
  type CaseStatus,
  type Law,
  type Offence,
  type Source,
  lawGoverning,
  limitationYears,
} from './catalogues';
import type { HouseholdRelation, IdentityProtection } from './persons';

import { type ClaimPosition, claimableOn } from './three-year-limit';
import { type AfterJudgment, noAfterJudgment } from './judgment-debt';

/**
 * A registered case. It keeps each step as its event recorded it (the event
 * types come from the steps' own folders, which say how each event changes it).
 */
export interface OpenCase {
  exists: true;
  caseId: string;
  caseNumber: string;
  district: string;
  receivedOn: LocalDate;
  source: Source;
  notifyingAuthority: Authority | null;
  subject: Subject;
  /** The second adult of the household (make, maka or sambo), when named: liable for their part of a claim. */
  secondPerson: SecondPerson | null;
  /** The persons whose identity is protected (skyddade personuppgifter): see `mayIdentify`. */
  identityProtections: IdentityProtection[];
  suspectedPayments: Payment[];
  summary: string | null;
  /** The person's ekonomiskt bistånd case number in the municipality's system, and who reported it (personal). */
  assistanceCaseNumber: string | null;
  reportedBy: string | null;
  investigator: string | null;
  assessment: PreAssessmentMadeData | null;
  investigation: InvestigationCompletedData | null;
  claims: Claim[];
  plans: Array<RepaymentPlanAgreedData>;
  repayments: Array<RepaymentReceivedData>;
  abilityToPay: AbilityToPayAssessedData | null;
  /** Every assessment, in the order recorded: a suit's warning reads the one in force on its date. */
  abilityToPayAssessments: Array<AbilityToPayAssessedData>;
  suits: Array<CompensationSuitFiledData>;
  judgments: Array<CompensationJudgmentDecidedData>;
  /** What followed the judgments: legal force, appeals, enforcement, limitation interruptions. */
  afterJudgment: AfterJudgment;
  policeReports: PoliceReport[];
  estateClaims: EstateClaim[];
  notificationsSent: Array<AuthorityNotifiedData>;
  suitDecisions: Array<CompensationSuitDecidedData>;
  waivers: Array<ClaimWaivedData>;
  /** Applications for a waiver that were refused (granted ones are waivers). */
  waiverRefusals: Array<WaiverRefusedData>;
  /** Kommunicering before adverse decisions (förvaltningslagen 25 §), each with its answer once recorded. */
  communications: Array<CommunicationSentData & { answer: CommunicationAnsweredData | null }>;
  transfers: Array<CaseTransferredData>;
  closure: CaseClosedData | null;
  reopenings: Array<CaseReopenedData>;
  journal: Array<JournalEntryAddedData>;
  /** The investigator's reminders (bevakningar), done or not. */
  reminders: UserReminder[];
  /** The service's own reminders marked done, by id (steps/reminder/automatic-reminders.ts). */
  remindersDone: string[];
  voided: CaseVoidedData | null;
  /** The documents issued from the case (letters, decisions), each with its sending once recorded. */
  documents: CaseDocument[];
  /** Evidence kept with the case: each file's id in the file store, encrypted with the person's key. */
  attachments: Array<AttachmentAddedData>;
  dataKeyId: string | null;
  culledOn: LocalDate | null;
  /** Latest business date of any step: nothing may be dated before it where it depends on all of them. */
  lastStepOn: LocalDate;
}

/** The second adult of a case's household, with the data key their personnummer and name are encrypted with. */
export interface SecondPerson extends Subject {
  relation: HouseholdRelation;
  namedOn: LocalDate;
  dataKeyId: string;
}

/** A repayment claim over a set of the investigation's payments, under the law that governs them. */
export interface Claim extends Omit<RepaymentClaimDecidedData, 'paymentIndexes'> {
  law: Law;
  paymentIndexes: number[];
}

/** A police report with what the police, the prosecutor and the court decided since. */
export interface PoliceReport extends PoliceReportFiledData {
  outcomes: Array<PoliceReportOutcomeRecordedData>;
}

/** A claim lodged against the estate, and what came of it. */
export interface EstateClaim extends EstateClaimLodgedData {
  outcome: EstateClaimOutcomeRecordedData | null;
}

export type CaseState = { exists: false } | OpenCase;

/** The fields the registration sets; everything else a case holds starts empty (`emptyCase`). */
type Registered =
  | 'exists'
  | 'caseId'
  | 'caseNumber'
  | 'district'
  | 'receivedOn'
  | 'source'
  | 'notifyingAuthority'
  | 'subject'
  | 'suspectedPayments'
  | 'summary'
  | 'assistanceCaseNumber'
  | 'reportedBy'
  | 'dataKeyId'
  | 'lastStepOn';

/** What a case holds before its first step: nothing decided, every list empty. A new field of the state starts here. */
export function emptyCase(): Omit<OpenCase, Registered> {
  return {
    investigator: null,
    secondPerson: null,
    identityProtections: [],
    assessment: null,
    investigation: null,
    claims: [],
    plans: [],
    repayments: [],
    abilityToPay: null,
    abilityToPayAssessments: [],
    suits: [],
    judgments: [],
    afterJudgment: noAfterJudgment(),
    policeReports: [],
    estateClaims: [],
    notificationsSent: [],
    suitDecisions: [],
    waivers: [],
    waiverRefusals: [],
    communications: [],
    transfers: [],
    closure: null,
    reopenings: [],
    journal: [],
    reminders: [],
    remindersDone: [],
    voided: null,
    documents: [],
    attachments: [],
    culledOn: null,
  };
}

export const initialState = (): CaseState => ({ exists: false });

/**
 * The ids of every file the case keeps in the file store (attachments; a
 * step that keeps files adds its own here), so culling removes them all.
 */
export function personalFileIds(c: OpenCase): string[] {
  return [
    ...(c.attachments ?? []).map((a) => a.attachmentId),
    // The documents issued from the case: each as PDF and as DOCX.
    ...(c.documents ?? []).flatMap((d) => [d.pdf.fileId, d.docx.fileId]),
  ];
}

const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);

export function repaidOre(c: OpenCase): number {
  return sum(c.repayments.map((r) => r.amountOre));
}
export function waivedOre(c: OpenCase): number {
  return sum(c.waivers.map((w) => w.amountOre));
}
export function suedOre(c: OpenCase): number {
  return sum(c.suits.map((s) => s.amountOre));
}
const ofClaim = <T extends { claimId: string; amountOre: number }>(xs: T[], claim: Claim): number =>
  sum(xs.filter((x) => x.claimId === claim.claimId).map((x) => x.amountOre));

/** What was repaid on one claim, of every kind. */
export function claimRepaidOre(c: OpenCase, claim: Claim): number {
  return ofClaim(c.repayments, claim);
}

/** What the estate paid (of one claim, or of all). */
export function estatePaidOre(c: OpenCase, claim?: Claim): number {
  return sum(
    c.estateClaims.filter((e) => !claim || e.claimId === claim.claimId).map((e) => e.outcome?.paidAmountOre ?? 0),
  );
}
/** What was written off because the estate could not pay it (of one claim, or of all). */
export function writtenOffOre(c: OpenCase, claim?: Claim): number {
  return sum(
    c.estateClaims.filter((e) => !claim || e.claimId === claim.claimId).map((e) => e.outcome?.writtenOffAmountOre ?? 0),
  );
}

/**
 * What the person still owes on one claim: the claim less what was repaid and
 * waived on it, and what the estate paid or could not pay of it.
 */
export function claimOutstandingOre(c: OpenCase, claim: Claim): number {
  return (
    claim.amountOre -
    ofClaim(c.repayments, claim) -
    ofClaim(c.waivers, claim) -
    estatePaidOre(c, claim) -
    writtenOffOre(c, claim)
  );
}

/** Claims less repaid, waived and settled by the estate, over every claim of the case. */
export function outstandingOre(c: OpenCase): number {
  return sum(c.claims.map((claim) => claimOutstandingOre(c, claim)));
}

export function claimedOre(c: OpenCase): number {
  return sum(c.claims.map((claim) => claim.amountOre));
}

const incorrectPayments = (c: OpenCase): IncorrectPayment[] => c.investigation?.incorrectPayments ?? [];

/** Positions of the investigation's payments that no claim covers yet. */
export function unclaimedIndexes(c: OpenCase): number[] {
  const claimed = new Set(c.claims.flatMap((claim) => claim.paymentIndexes));
  return incorrectPayments(c)
    .map((_, i) => i)
    .filter((i) => !claimed.has(i));
}

/** Positions of the unclaimed payments that `law` governs (by their grant date). */
export function unclaimedIndexesUnder(c: OpenCase, law: Law): number[] {
  const payments = incorrectPayments(c);
  return unclaimedIndexes(c).filter((i) => lawGoverning(payments[i].grantedOn) === law);
}

/**
 * A claim as the three-year limit sees it. What a suit covers is out of the
 * limit's reach (a judgment on it is a debt of its own, see judgment-debt.ts),
 * and repayments of a judgment (kind compensation) pay that part: they do not
 * bring back what the limit took from the rest of the claim. Only what they
 * pay beyond the suit counts against the rest. The estate's payment counts as
 * repaid, its write-off as no longer owed.
 */
export function claimPositionOf(c: OpenCase, claim: Claim): ClaimPosition {
  const payments = incorrectPayments(c);
  const sued = ofClaim(c.suits, claim);
  const repaid = (compensation: boolean) =>
    ofClaim(
      c.repayments.filter((r) => (r.kind === 'compensation') === compensation),
      claim,
    );
  return {
    claimOre: claim.amountOre,
    repaidOre: repaid(false) + Math.max(0, repaid(true) - sued) + estatePaidOre(c, claim),
    waivedOre: ofClaim(c.waivers, claim) + writtenOffOre(c, claim),
    suedOre: sued,
    payments: claim.paymentIndexes.map((i) => payments[i]),
  };
}

/** What could still be sued for on `on`, over every claim of the case. */
export function claimableOnCase(c: OpenCase, on: LocalDate): number {
  return sum(c.claims.map((claim) => claimableOn(claimPositionOf(c, claim), on)));
}

/** The payments known on a case: those the investigation established, else those suspected at registration. */
export function knownPayments(c: OpenCase): Payment[] {
  return c.investigation ? c.investigation.incorrectPayments : c.suspectedPayments;
}

/**
 * What the three-year limit puts at stake: each claim, and every known payment
 * no claim covers yet (money is lost while a case waits in the queue). Once the
 * case is closed, not opened or voided, no claim will be made on those payments:
 * they put nothing at stake (a reopened case counts them again). A voided
 * registration was a mistake: nothing in it is at stake at all.
 */
export function limitPositions(c: OpenCase): ClaimPosition[] {
  if (c.voided) return [];
  const status = statusOf(c);
  const claimable = status !== 'closed' && status !== 'not-opened';
  const unclaimed = !claimable
    ? []
    : c.investigation
      ? unclaimedIndexes(c).map((i) => c.investigation!.incorrectPayments[i])
      : c.suspectedPayments;
  const payments = unclaimed.map((p) => ({ paidOn: p.paidOn, amountOre: p.amountOre }));
  const open =
    payments.length > 0
      ? [{ claimOre: sum(payments.map((p) => p.amountOre)), repaidOre: 0, waivedOre: 0, suedOre: 0, payments }]
      : [];
  return [...c.claims.map((claim) => claimPositionOf(c, claim)), ...open];
}

/** One reported act: a payment obtained, and the day it is time-barred under the report's current grade. */
export interface ReportedAct {
  paidOn: LocalDate;
  amountOre: number;
  years: number;
  limitationOn: LocalDate;
}

/** When some acts become time-barred: the grade's years (of the act barred last), the first and the last day. */
export interface OffenceLimitation {
  years: number;
  firstOn: LocalDate;
  lastOn: LocalDate;
}

/** The grade a report's acts are judged by now: the latest the prosecutor or the court gave, else the unit's own. */
export function currentOffence(report: PoliceReport): Offence {
  for (let i = report.outcomes.length - 1; i >= 0; i--) {
    const given = report.outcomes[i].offence;
    if (given) return given;
  }
  return report.offence;
}

/**
 * The acts a report concerns, each with the day it becomes time-barred
 * (brottsbalken 35 kap. 1 §, counted from the day the act was committed,
 * 35 kap. 4 §): each payment obtained is an act, dated by the day it was paid.
 * A report filed before acts were named concerns the case's known payments.
 */
export function reportedActs(c: OpenCase, report: PoliceReport): ReportedAct[] {
  const offence = currentOffence(report);
  return (report.acts ?? knownPayments(c))
    .map((p) => {
      const years = limitationYears(offence, p.paidOn);
      return { paidOn: p.paidOn, amountOre: p.amountOre, years, limitationOn: addYears(p.paidOn, years) };
    })
    .sort((a, b) => a.limitationOn.localeCompare(b.limitationOn) || a.paidOn.localeCompare(b.paidOn));
}

function limitationOf(acts: ReportedAct[]): OffenceLimitation | null {
  if (acts.length === 0) return null;
  const last = acts[acts.length - 1];
  return { years: last.years, firstOn: acts[0].limitationOn, lastOn: last.limitationOn };
}

/** When one report's acts become time-barred; null when it names none. */
export function reportLimitation(c: OpenCase, report: PoliceReport): OffenceLimitation | null {
  return limitationOf(reportedActs(c, report));
}

/**
 * When the reported offence becomes time-barred, over every report of the
 * case: the first and the last of their acts. Null without a police report or
 * a reported act.
 */
export function offenceLimitation(c: OpenCase): OffenceLimitation | null {
  return limitationOf(
    c.policeReports
      .flatMap((r) => reportedActs(c, r))
      .sort((a, b) => a.limitationOn.localeCompare(b.limitationOn) || a.paidOn.localeCompare(b.paidOn)),
  );
}

/** Whether a prosecution was brought on any report (the acts can then no longer become time-barred). */
export function prosecuted(c: OpenCase): boolean {
  return c.policeReports.some((r) => r.outcomes.some((o) => PROSECUTED_OUTCOMES.includes(o.outcome)));
}

export function statusOf(c: OpenCase): CaseStatus {
  if (c.voided) return 'voided';
  if (c.closure) return 'closed';
  if (c.claims.length > 0) return 'follow-up';
  // A police report may come before the pre-assessment (suspicion is enough): the case still waits for it.
  if (!c.assessment) return 'in-queue';
  if (c.policeReports.length > 0) return 'follow-up';
  if (c.assessment.decision === 'no-investigation') return 'not-opened';
  return c.investigation ? 'investigated' : 'investigating';
}
