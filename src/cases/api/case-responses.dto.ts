import { ApiProperty } from '@nestjs/swagger';
import {
  AUTHORITIES,
  NOTIFIED_BENEFITS,
  OFFENCES,
  POLICE_REPORT_OUTCOMES,
  CASE_STATUSES,
  CAUSES,
  CLOSE_REASONS,
  GENDERS,
  INTENTS,
  JOURNAL_KINDS,
  LEGAL_BASES,
  NO_INVESTIGATION_REASONS,
  REPAYMENT_KINDS,
  SOURCES,
  VOID_REASONS,
  WAIVER_REASONS,
  type Authority,
  type NotifiedBenefit,
  type Offence,
  type PoliceReportOutcome,
  type CaseStatus,
  type Cause,
  type CloseReason,
  type Gender,
  type Intent,
  type JournalKind,
  type LegalBasis,
  type Law,
  type NoInvestigationReason,
  type RepaymentKind,
  type Source,
  type VoidReason,
  type WaiverReason,
} from '../domain/catalogues';
import type { caseView } from '../queries/case-view';
import type { DocumentOfferView, StepFieldView, StepView } from '../queries/case-steps-view';
import { CASE_EVENT_TYPES, ROUTED_STEPS, type CaseEventType } from '../steps';
import { ATTACHMENT_KINDS, type AttachmentKind } from '../steps/attachment/attachment.step';
import {
  DOCUMENT_CHANNELS,
  DOCUMENT_TYPES,
  type DocumentChannel,
  type DocumentType,
} from '../steps/document/document.step';

/**
 * Response bodies of the case API, for the OpenAPI document and the generated
 * client. `CaseViewDto implements CaseView` makes the compiler check that the
 * document describes what `caseView` really answers.
 */
type CaseView = ReturnType<typeof caseView>;

const LAWS: Law[] = ['SoL 2001:453', 'SoL 2025:400'];

export class SubjectViewDto {
  @ApiProperty({ enum: GENDERS })
  gender!: Gender;
  /** 12-digit personnummer or samordningsnummer; null when unknown or culled. */
  personalIdentityNumber!: string | null;
  name!: string | null;
}

export class PaymentViewDto {
  /** YYYY-MM-DD */
  paidOn!: string;
  /** Kronor. */
  amount!: number;
}

export class SuspectedPaymentViewDto extends PaymentViewDto {
  /** The Social Services Act that governs it, by its payment date until the grant date is known. */
  @ApiProperty({ enum: ['SoL 2001:453', 'SoL 2025:400'] })
  law!: Law;
}

export class LimitPaymentViewDto extends PaymentViewDto {
  /** Last day a court suit may be filed for this payment (three-year limit, moved past holidays). */
  deadline!: string;
}

export class IncorrectPaymentViewDto extends LimitPaymentViewDto {
  /** Position in the investigation's list; claims name the payments they cover by it. */
  index!: number;
  /** The claim that covers it, if any. */
  claimId!: string | null;
  /** The day the assistance was granted; decides the law that governs it. */
  grantedOn!: string;
  @ApiProperty({ enum: ['SoL 2001:453', 'SoL 2025:400'] })
  law!: Law;
  /** The month of assistance the payment concerned (YYYY-MM); null where the investigation made no calculation. */
  @ApiProperty({ type: String, nullable: true, example: '2018-01' })
  month!: string | null;
  /** What was paid for the month (kronor); null without a calculation. */
  @ApiProperty({ type: Number, nullable: true })
  paidAmount!: number | null;
  /** What should have been paid for the month (kronor); the amount is the difference. */
  @ApiProperty({ type: Number, nullable: true })
  correctAmount!: number | null;
  /** Why the amount was wrong (personal data). */
  @ApiProperty({ type: String, nullable: true })
  reason!: string | null;
}

/** Set when the decision was taken with every known payment already past its three-year limit. */
export class PastLimitViewDto {
  expiredAmount!: number;
}

export class AssessmentViewDto {
  decidedOn!: string;
  @ApiProperty({ enum: ['open-investigation', 'no-investigation'] })
  decision!: 'open-investigation' | 'no-investigation';
  @ApiProperty({ enum: NO_INVESTIGATION_REASONS, nullable: true, type: String })
  reason!: NoInvestigationReason | null;
  @ApiProperty({ enum: Object.keys(CAUSES), nullable: true, type: String })
  suspectedCause!: Cause | null;
  paymentsPastLimit?: PastLimitViewDto;
}

export class InvestigationViewDto {
  completedOn!: string;
  @ApiProperty({ enum: ['incorrect-payment', 'no-incorrect-payment'] })
  finding!: 'incorrect-payment' | 'no-incorrect-payment';
  @ApiProperty({ enum: Object.keys(CAUSES), nullable: true, type: String })
  cause!: Cause | null;
  @ApiProperty({ enum: INTENTS, nullable: true, type: String })
  intent!: Intent | null;
  savedAmount!: number;
  incorrectPayments!: IncorrectPaymentViewDto[];
  paymentsPastLimit?: PastLimitViewDto;
}

export class AmountsViewDto {
  claimed!: number;
  repaid!: number;
  waived!: number;
  sued!: number;
  /** Claimed less repaid and waived. */
  outstanding!: number;
}

export class LimitViewDto {
  /** What a court suit filed today could still cover. */
  claimableToday!: number;
  expiredToday!: number;
  nextDeadline!: string | null;
  amountLostAtNextDeadline!: number;
}

export class ThreeYearLimitViewDto extends LimitViewDto {
  payments!: LimitPaymentViewDto[];
}

export class RepaymentPlanViewDto {
  claimId!: string;
  agreedOn!: string;
  monthlyAmount!: number;
  firstDueOn!: string;
}

/** One repayment claim under its law, with its own amounts and three-year limit. */
export class RepaymentClaimViewDto {
  /** The claim's number within the case ('1', '2', ...). */
  claimId!: string;
  decidedOn!: string;
  @ApiProperty({ enum: Object.keys(LEGAL_BASES) })
  legalBasis!: LegalBasis;
  @ApiProperty({ enum: LAWS })
  law!: Law;
  amount!: number;
  /** Indexes of the investigation's incorrect payments it covers. */
  payments!: number[];
  @ApiProperty({ type: RepaymentPlanViewDto, nullable: true })
  repaymentPlan!: RepaymentPlanViewDto | null;
  amounts!: AmountsViewDto;
  threeYearLimit!: LimitViewDto;
}

export class RepaymentViewDto {
  claimId!: string;
  receivedOn!: string;
  amount!: number;
  @ApiProperty({ enum: REPAYMENT_KINDS })
  kind!: RepaymentKind;
}

export class AbilityToPayViewDto {
  assessedOn!: string;
  able!: boolean;
}

export class SuitViewDto {
  claimId!: string;
  filedOn!: string;
  amount!: number;
}

export class JudgmentViewDto {
  claimId!: string;
  decidedOn!: string;
  awardedAmount!: number;
}

export class SuitDecisionViewDto {
  claimId!: string;
  decidedOn!: string;
}

export class OffenceLimitationViewDto {
  years!: number;
  /** When the first and the last act become time-barred (brottsbalken 35 kap.). */
  firstOn!: string;
  lastOn!: string;
}

export class PoliceReportOutcomeViewDto {
  decidedOn!: string;
  @ApiProperty({ enum: Object.keys(POLICE_REPORT_OUTCOMES) })
  outcome!: PoliceReportOutcome;
  @ApiProperty({ enum: Object.values(POLICE_REPORT_OUTCOMES) })
  label!: (typeof POLICE_REPORT_OUTCOMES)[PoliceReportOutcome];
}

export class PoliceReportViewDto {
  filedOn!: string;
  @ApiProperty({ enum: Object.keys(OFFENCES) })
  offence!: Offence;
  @ApiProperty({ enum: Object.values(OFFENCES).map((o) => o.label) })
  offenceLabel!: (typeof OFFENCES)[Offence]['label'];
  @ApiProperty({ type: OffenceLimitationViewDto, nullable: true })
  limitation!: OffenceLimitationViewDto | null;
  outcomes!: PoliceReportOutcomeViewDto[];
}

/** A notification to another authority (lag 2008:206). */
export class NotificationViewDto {
  sentOn!: string;
  @ApiProperty({ enum: Object.keys(AUTHORITIES) })
  authority!: Authority;
  @ApiProperty({ enum: Object.keys(NOTIFIED_BENEFITS) })
  concerning!: NotifiedBenefit;
  @ApiProperty({ enum: Object.values(AUTHORITIES) })
  authorityLabel!: (typeof AUTHORITIES)[Authority];
  @ApiProperty({ enum: Object.values(NOTIFIED_BENEFITS) })
  concerningLabel!: (typeof NOTIFIED_BENEFITS)[NotifiedBenefit];
}

export class WaiverViewDto {
  claimId!: string;
  decidedOn!: string;
  @ApiProperty({ enum: WAIVER_REASONS })
  reason!: WaiverReason;
  amount!: number;
}

export class TransferViewDto {
  transferredOn!: string;
  fromDistrict!: string;
  toDistrict!: string;
}

export class ClosureViewDto {
  closedOn!: string;
  @ApiProperty({ enum: Object.keys(CLOSE_REASONS) })
  reason!: CloseReason;
  /** The closing reason as the yearly report names it. */
  @ApiProperty({ enum: Object.values(CLOSE_REASONS) })
  label!: (typeof CLOSE_REASONS)[CloseReason];
}

export class ReopeningViewDto {
  reopenedOn!: string;
  reason!: string;
}

export class JournalEntryViewDto {
  notedOn!: string;
  @ApiProperty({ enum: JOURNAL_KINDS })
  kind!: JournalKind;
  text!: string;
}

export class AttachmentUnavailableDto {
  /** attachment-culled */
  code!: string;
  /** Why, in Swedish. */
  message!: string;
}

export class AttachmentViewDto {
  /** The attachment's opaque id (also its file's id in the file store). */
  id!: string;
  addedOn!: string;
  /** Who added it. */
  addedBy!: string;
  /** What the file's bytes showed it to be. */
  @ApiProperty({ enum: Object.keys(ATTACHMENT_KINDS) })
  kind!: AttachmentKind;
  /** Bytes. */
  size!: number;
  /** sha-256 of the file, hex; the download's Repr-Digest carries it too. */
  sha256!: string;
  /** The file's name as uploaded ([gallrad] once culled). */
  name!: string;
  description!: string | null;
  /** false once the person's data is culled: the file is gone with the key. */
  readable!: boolean;
  /** Where to download it (GET), by opaque ids; null when it cannot be read. */
  download!: string | null;
  @ApiProperty({ type: AttachmentUnavailableDto, nullable: true })
  unavailable!: AttachmentUnavailableDto | null;
}

export class VoidViewDto {
  voidedOn!: string;
  @ApiProperty({ enum: VOID_REASONS })
  reason!: VoidReason;
  note!: string | null;
}

export class StepOptionDto {
  id!: string;
  label!: string;
}

export class StepShowIfDto {
  field!: string;
  values!: string[];
}

export class StepFieldDto implements StepFieldView {
  name!: string;
  /** flag: a yes/no choice among its two options, sent as true or false. */
  @ApiProperty({ enum: ['date', 'amount', 'select', 'flag', 'text', 'textarea', 'payments'] })
  kind!: StepFieldView['kind'];
  /** The form's label, in Swedish. */
  label!: string;
  required!: boolean;
  /** A hint under the field, in Swedish. */
  hint?: string;
  options?: StepOptionDto[];
  /** What the form starts with (dates start with today when not given). */
  initial?: string;
  /** Shown (and sent) only while another field has one of these values. */
  showIf?: StepShowIfDto;
  /** For payments: whether each row asks for the grant date. */
  grantedOn?: boolean;
  /** For payments: whether each row is a month of the investigation's calculation (month, paidAmount, correctAmount, reason). */
  calculation?: boolean;
  maxLength?: number;
}

export class DocumentSentViewDto {
  sentOn!: string;
  @ApiProperty({ enum: Object.keys(DOCUMENT_CHANNELS) })
  channel!: DocumentChannel;
  /** The channel, in Swedish. */
  channelLabel!: string;
}

/** A document issued from the case. */
export class DocumentViewDto {
  /** Its number in the case: GET /api/cases/{id}/documents/{documentId}/file downloads it. */
  documentId!: string;
  @ApiProperty({ enum: Object.keys(DOCUMENT_TYPES) })
  documentType!: DocumentType;
  /** The type, in Swedish. */
  label!: string;
  /** The claim id, or the number of the waiver or notification, it concerns; null: the case. */
  @ApiProperty({ type: String, nullable: true })
  concerning!: string | null;
  issuedOn!: string;
  issuedBy!: string;
  /** The template's version it was made with (0: the default). */
  templateVersion!: number;
  /** The case version it was made from. */
  madeFromVersion!: number;
  /** sha-256 of the PDF as issued (hex). */
  sha256!: string;
  /** sha-256 of the DOCX as issued (hex). */
  docxSha256!: string;
  /** A kommuniceringsbrev's last day to respond. */
  @ApiProperty({ type: String, nullable: true })
  respondBy!: string | null;
  @ApiProperty({ type: DocumentSentViewDto, nullable: true })
  sent!: DocumentSentViewDto | null;
}

export class StepRefusalDto {
  code!: string;
  /** Why, in Swedish. */
  message!: string;
}

export class StepViewDto implements StepView {
  @ApiProperty({ enum: ROUTED_STEPS.map((s) => s.id) })
  id!: string;
  /** The form's heading, in Swedish. */
  title!: string;
  /** The form's button, in Swedish. */
  submit!: string;
  /** Whether the decider would take the step now (whatever its fields). */
  available!: boolean;
  /** Why not, when it would not. */
  unavailable?: StepRefusalDto;
  fields!: StepFieldDto[];
}

/** A document the case page offers to issue. */
export class DocumentOfferDto implements DocumentOfferView {
  @ApiProperty({ enum: Object.keys(DOCUMENT_TYPES) })
  documentType!: DocumentType;
  label!: string;
  /** Whether the case holds what the document is made from. */
  available!: boolean;
  /** Why not, when it does not. */
  unavailable?: StepRefusalDto;
  /** What it can concern (claim ids, or numbers of waivers or notifications), the latest last; empty: the case. */
  concerning!: string[];
  /** The steps after which the case page offers it at once (their ids). */
  afterSteps!: string[];
}

export class ReaderDto {
  user!: string;
  role!: string;
  /** ISO 8601 instant of the latest read. */
  lastReadAt!: string;
  reads!: number;
}

export class CaseViewDto implements CaseView {
  id!: string;
  /** E.g. NO-2026-0001. */
  caseNumber!: string;
  /** The version to send back as If-Match (also the ETag header). */
  version!: number;
  @ApiProperty({ enum: CASE_STATUSES })
  status!: CaseStatus;
  district!: string;
  receivedOn!: string;
  @ApiProperty({ enum: Object.keys(SOURCES) })
  source!: Source;
  /** Information passed on by another authority (lag 2008:206): which one. */
  @ApiProperty({ enum: Object.keys(AUTHORITIES), nullable: true, type: String })
  notifyingAuthority!: Authority | null;
  summary!: string | null;
  /** The person's ekonomiskt bistånd case number in the municipality's system (personal data). */
  @ApiProperty({ type: String, nullable: true })
  assistanceCaseNumber!: string | null;
  /** Who reported it (personal data where it names someone). */
  @ApiProperty({ type: String, nullable: true })
  reportedBy!: string | null;
  subject!: SubjectViewDto;
  investigator!: string | null;
  suspectedPayments!: SuspectedPaymentViewDto[];
  @ApiProperty({ type: AssessmentViewDto, nullable: true })
  assessment!: AssessmentViewDto | null;
  @ApiProperty({ type: InvestigationViewDto, nullable: true })
  investigation!: InvestigationViewDto | null;
  repaymentClaims!: RepaymentClaimViewDto[];
  /** The first claim, as before a case could hold several. */
  @ApiProperty({ type: RepaymentClaimViewDto, nullable: true })
  repaymentClaim!: RepaymentClaimViewDto | null;
  @ApiProperty({ type: RepaymentPlanViewDto, nullable: true })
  repaymentPlan!: RepaymentPlanViewDto | null;
  repayments!: RepaymentViewDto[];
  @ApiProperty({ type: AbilityToPayViewDto, nullable: true })
  abilityToPay!: AbilityToPayViewDto | null;
  compensationSuits!: SuitViewDto[];
  compensationJudgments!: JudgmentViewDto[];
  @ApiProperty({ type: PoliceReportViewDto, nullable: true })
  policeReport!: PoliceReportViewDto | null;
  notificationsSent!: NotificationViewDto[];
  compensationSuitDecisions!: SuitDecisionViewDto[];
  waivers!: WaiverViewDto[];
  transfers!: TransferViewDto[];
  @ApiProperty({ type: ClosureViewDto, nullable: true })
  closure!: ClosureViewDto | null;
  reopenings!: ReopeningViewDto[];
  journal!: JournalEntryViewDto[];
  /** Evidence kept with the case (bilagor), oldest first. */
  attachments!: AttachmentViewDto[];
  /** Whether the case takes an attachment now (POST /api/cases/{id}/attachments). */
  acceptsAttachments!: boolean;
  /** The documents issued from the case (letters, decisions), oldest first. */
  documents!: DocumentViewDto[];
  /** Every document type, and whether it can be issued from the case now (POST /api/cases/{id}/documents). */
  documentsOffered!: DocumentOfferDto[];
  @ApiProperty({ type: VoidViewDto, nullable: true })
  voided!: VoidViewDto | null;
  amounts!: AmountsViewDto;
  threeYearLimit!: ThreeYearLimitViewDto;
  /** culled: retention has shredded the person's data key; name and personnummer are gone. */
  @ApiProperty({ enum: ['kept', 'culled'] })
  personalData!: 'kept' | 'culled';
  culledOn!: string | null;
  /** Who has read the case (from the audit log), latest first. */
  readBy!: ReaderDto[];
  /**
   * Every step of the process, as the decider sees the case now: those it
   * allows, each with its form, and those it does not, each with why. Post a
   * step's form to POST /api/cases/{id}/steps/{step}.
   */
  steps!: StepViewDto[];
}

export class CaseListItemDto {
  id!: string;
  caseNumber!: string;
  district!: string;
  @ApiProperty({ enum: CASE_STATUSES })
  status!: CaseStatus;
  receivedOn!: string;
  @ApiProperty({ enum: Object.keys(SOURCES) })
  source!: Source;
  @ApiProperty({ enum: GENDERS })
  gender!: Gender;
  investigator!: string | null;
  version!: number;
  /** The business date the case entered its current state. */
  statusSince!: string;
  /** The next three-year deadline at which money would be lost. */
  nextDeadline!: string | null;
  /** Kronor lost at nextDeadline unless a suit is filed. */
  amountAtRisk!: number;
}

export class CaseListDto {
  items!: CaseListItemDto[];
  /** Cases matching the filter, over all pages. */
  total!: number;
  page!: number;
  pageSize!: number;
}

/** A command's answer: the case id, its new version (also the ETag header) and its case number. */
export class CommandResultDto {
  id!: string;
  caseNumber!: string;
  version!: number;
}

export class RelatedCaseDto {
  id!: string;
  caseNumber!: string;
  district!: string;
  @ApiProperty({ enum: CASE_STATUSES })
  status!: CaseStatus;
}

export class RegisterResultDto extends CommandResultDto {
  /** The person's other open cases in the caller's districts. */
  relatedOpenCases!: RelatedCaseDto[];
}

export class HistoryEntryDto {
  /** Position in the case's stream, from 0. */
  version!: number;
  /** Event type, e.g. CaseRegistered. */
  @ApiProperty({ enum: CASE_EVENT_TYPES })
  type!: CaseEventType;
  /** The business date of the step (YYYY-MM-DD). */
  businessDate!: string;
  /** When it was recorded (ISO 8601). */
  recordedAt!: string;
  /** Who recorded it. */
  recordedBy!: string;
  @ApiProperty({ type: 'object', additionalProperties: true })
  data!: Record<string, unknown>;
}
