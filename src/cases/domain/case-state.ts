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
import type { AuthorityNotifiedData } from '../steps/authority-notification/authority-notification.step';
import type { CompensationSuitDecidedData } from '../steps/compensation-suit-decision/compensation-suit-decision.step';
import type { ClaimWaivedData } from '../steps/waiver/waiver.step';
import type { CaseTransferredData } from '../steps/transfer/transfer.step';
import type { CaseClosedData } from '../steps/closure/closure.step';
import type { CaseReopenedData } from '../steps/reopening/reopening.step';
import type { JournalEntryAddedData } from '../steps/journal-entry/journal-entry.step';
import type { CaseVoidedData } from '../steps/void/void.step';
import type { CaseDocument } from '../steps/document/document.step';
import type { AttachmentAddedData } from '../steps/attachment/attachment.step';
import type { IncorrectPayment, Payment, Subject } from './case-shapes';
import { OFFENCES, type Authority, type CaseStatus, type Law, type Source, lawGoverning } from './catalogues';

import { type ClaimPosition, claimableOn } from './three-year-limit';

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
  suits: Array<CompensationSuitFiledData>;
  judgments: Array<CompensationJudgmentDecidedData>;
  policeReport: (PoliceReportFiledData & { outcomes: Array<PoliceReportOutcomeRecordedData> }) | null;
  notificationsSent: Array<AuthorityNotifiedData>;
  suitDecisions: Array<CompensationSuitDecidedData>;
  waivers: Array<ClaimWaivedData>;
  transfers: Array<CaseTransferredData>;
  closure: CaseClosedData | null;
  reopenings: Array<CaseReopenedData>;
  journal: Array<JournalEntryAddedData>;
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

/** A repayment claim over a set of the investigation's payments, under the law that governs them. */
export interface Claim extends Omit<RepaymentClaimDecidedData, 'paymentIndexes'> {
  law: Law;
  paymentIndexes: number[];
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
    assessment: null,
    investigation: null,
    claims: [],
    plans: [],
    repayments: [],
    abilityToPay: null,
    suits: [],
    judgments: [],
    policeReport: null,
    notificationsSent: [],
    suitDecisions: [],
    waivers: [],
    transfers: [],
    closure: null,
    reopenings: [],
    journal: [],
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

/** What the person still owes on one claim: the claim less what was repaid and waived on it. */
export function claimOutstandingOre(c: OpenCase, claim: Claim): number {
  return claim.amountOre - ofClaim(c.repayments, claim) - ofClaim(c.waivers, claim);
}

/** Claims less repaid and waived, over every claim of the case. */
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

export function claimPositionOf(c: OpenCase, claim: Claim): ClaimPosition {
  const payments = incorrectPayments(c);
  return {
    claimOre: claim.amountOre,
    repaidOre: ofClaim(c.repayments, claim),
    waivedOre: ofClaim(c.waivers, claim),
    suedOre: ofClaim(c.suits, claim),
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
 * no claim covers yet (money is lost while a case waits in the queue).
 */
export function limitPositions(c: OpenCase): ClaimPosition[] {
  const unclaimed = c.investigation
    ? unclaimedIndexes(c).map((i) => c.investigation!.incorrectPayments[i])
    : c.suspectedPayments;
  const payments = unclaimed.map((p) => ({ paidOn: p.paidOn, amountOre: p.amountOre }));
  const open =
    payments.length > 0
      ? [{ claimOre: sum(payments.map((p) => p.amountOre)), repaidOre: 0, waivedOre: 0, suedOre: 0, payments }]
      : [];
  return [...c.claims.map((claim) => claimPositionOf(c, claim)), ...open];
}

/**
 * When the reported offence becomes time-barred (brottsbalken 35 kap.): each
 * payment obtained is an act, time-barred its limitation years after the day it
 * was paid. Null without a police report or a known payment.
 */
export function offenceLimitation(c: OpenCase): { years: number; firstOn: LocalDate; lastOn: LocalDate } | null {
  if (!c.policeReport) return null;
  const acts = knownPayments(c)
    .map((p) => p.paidOn)
    .sort();
  if (acts.length === 0) return null;
  const years = OFFENCES[c.policeReport.offence].limitationYears;
  return { years, firstOn: addYears(acts[0], years), lastOn: addYears(acts[acts.length - 1], years) };
}

export function statusOf(c: OpenCase): CaseStatus {
  if (c.voided) return 'voided';
  if (c.closure) return 'closed';
  if (c.claims.length > 0 || c.policeReport) return 'follow-up';
  if (!c.assessment) return 'in-queue';
  if (c.assessment.decision === 'no-investigation') return 'not-opened';
  return c.investigation ? 'investigated' : 'investigating';
}
