import { ApiProperty } from '@nestjs/swagger';
import {
  AUTHORITIES,
  ESTATE_OUTCOMES,
  POLICE_REPORT_RECIPIENTS,
  type EstateOutcome,
  type PoliceReportRecipient,
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
import { ABILITY_TO_PAY_WARNINGS, type AbilityToPayWarning } from '../domain/catalogues';
import {
  APPEAL_COURTS,
  APPEAL_OUTCOMES,
  APPELLANTS,
  ENFORCEMENT_OUTCOMES,
  LIMITATION_STARTS,
  type AppealCourt,
  type AppealOutcome,
  type Appellant,
  type EnforcementOutcome,
  type LimitationStart,
} from '../domain/judgment-debt';
import type { caseView } from '../queries/case-view';
import {
  INSTALMENT_STATUSES,
  PLAN_END_REASONS,
  type InstalmentStatus,
  type PlanEndReason,
} from '../domain/instalments';
import {
  HOUSEHOLD_RELATIONS,
  PERSON_ROLES,
  PROTECTION_BASES,
  type HouseholdRelation,
  type PersonRole,
  type ProtectionBasis,
} from '../domain/persons';
import {
  DECISION_MAKER_CAPACITIES,
  DECISION_TYPES,
  type Capacity,
  type DecisionType,
} from '../../delegation/delegation-register';
import { APPEAL_ROUTES, type AppealRouteCode } from '../domain/appeals';
import {
  COMMUNICATION_ANSWERS,
  COMMUNICATION_CONCERNS,
  COMMUNICATION_EXCEPTIONS,
  type CommunicationConcern,
  type CommunicationException,
  type CommunicationStatus,
} from '../steps/communication/communication.step';
import { REMINDER_KIND_LABELS, type ReminderKind } from '../steps/reminder/automatic-reminders';
import type { DocumentOfferView, StepFieldView, StepView } from '../queries/case-steps-view';
import { STEP_GROUPS, type StepGroup } from '../steps/step-groups';
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
  /** 12-digit personnummer or samordningsnummer; null when unknown, withheld (a protected identity) or culled. */
  personalIdentityNumber!: string | null;
  /** Null when unknown, withheld (a protected identity) or culled. */
  name!: string | null;
}

/** The second adult of the household (make, maka or sambo). */
export class SecondPersonViewDto extends SubjectViewDto {
  @ApiProperty({ enum: Object.keys(HOUSEHOLD_RELATIONS) })
  relation!: HouseholdRelation;
  namedOn!: string;
}

export class IdentityProtectionPersonDto {
  @ApiProperty({ enum: Object.keys(PERSON_ROLES) })
  person!: PersonRole;
  @ApiProperty({ enum: Object.keys(PROTECTION_BASES) })
  basis!: ProtectionBasis;
  @ApiProperty({ enum: Object.values(PROTECTION_BASES) })
  basisLabel!: (typeof PROTECTION_BASES)[ProtectionBasis];
  since!: string;
}

/** Skyddade personuppgifter. */
export class IdentityProtectionViewDto {
  /** Whether the identity of anyone in the case is protected. */
  protected!: boolean;
  /**
   * Whether names and personnummer were withheld from this reader: only the
   * case's investigator and the district's unit head see a protected identity.
   */
  withheld!: boolean;
  persons!: IdentityProtectionPersonDto[];
}

/** One person's part of a claim. */
export class ClaimShareViewDto {
  @ApiProperty({ enum: Object.keys(PERSON_ROLES) })
  person!: PersonRole;
  amount!: number;
  repaid!: number;
  waived!: number;
  outstanding!: number;
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

/** Who took a decision, in what capacity, under which point of the nämnd's delegation order. */
export class DecisionMakerViewDto {
  /** Name or user id; null for the nämnd itself. */
  decidedBy!: string | null;
  @ApiProperty({ enum: Object.keys(DECISION_MAKER_CAPACITIES) })
  capacity!: Capacity;
  @ApiProperty({ enum: Object.values(DECISION_MAKER_CAPACITIES) })
  capacityLabel!: (typeof DECISION_MAKER_CAPACITIES)[Capacity];
  /** The point of the delegation order; null for the nämnd's own decision, or where the register held no points. */
  delegationPoint!: string | null;
}

/** The paragraph a decision rests on, under the law that governs it. */
export class LegalParagraphDto {
  /** Short: "9 kap. 1 § SoL (2001:453)". */
  reference!: string;
  /** As a letter writes it: "9 kap. 1 § socialtjänstlagen (2001:453)". */
  text!: string;
}

/** Whether and how the person can have a decision tried, with the Swedish instructions a letter prints. */
export class AppealDto {
  appealable!: boolean;
  /** Förvaltningsbesvär, laglighetsprövning, or the court's own case; in the order the letter tells of them. */
  @ApiProperty({ enum: Object.keys(APPEAL_ROUTES), isArray: true })
  routes!: AppealRouteCode[];
  /** False where the reading of the law is not certain and the letter tells of more than may be needed. */
  certain!: boolean;
  /** The legal source, in Swedish. */
  source!: string;
  /** The appeal instructions, in Swedish (paragraphs separated by a blank line). */
  instructions!: string;
}

/** How a decision stands to its kommunicering (förvaltningslagen 25 §). */
export class DecisionCommunicationDto {
  /** exception: decided under 25 § second paragraph; not-recorded: no kommunicering before it was recorded. */
  @ApiProperty({ enum: ['exception', 'responded', 'response-time-over', 'not-recorded'] })
  status!: CommunicationStatus;
  @ApiProperty({ enum: Object.keys(COMMUNICATION_EXCEPTIONS), nullable: true, type: String })
  exception!: CommunicationException | null;
  @ApiProperty({ enum: Object.values(COMMUNICATION_EXCEPTIONS), nullable: true, type: String })
  exceptionLabel!: (typeof COMMUNICATION_EXCEPTIONS)[CommunicationException] | null;
}

export class CommunicationAnswerViewDto {
  @ApiProperty({ enum: Object.keys(COMMUNICATION_ANSWERS) })
  answer!: keyof typeof COMMUNICATION_ANSWERS;
  @ApiProperty({ enum: Object.values(COMMUNICATION_ANSWERS) })
  label!: (typeof COMMUNICATION_ANSWERS)[keyof typeof COMMUNICATION_ANSWERS];
  answeredOn!: string;
  response!: string | null;
}

/** A kommunicering: what was sent, when, the last day to respond, and the answer. */
export class CommunicationViewDto {
  communicationId!: string;
  @ApiProperty({ enum: Object.keys(COMMUNICATION_CONCERNS) })
  concerning!: CommunicationConcern;
  @ApiProperty({ enum: Object.values(COMMUNICATION_CONCERNS) })
  concerningLabel!: (typeof COMMUNICATION_CONCERNS)[CommunicationConcern];
  sentOn!: string;
  respondBy!: string;
  material!: string;
  @ApiProperty({ type: CommunicationAnswerViewDto, nullable: true })
  answer!: CommunicationAnswerViewDto | null;
}

/** A decision of the case as its letter names it: who, under which point, which paragraph, how to appeal. */
export class DecisionViewDto {
  @ApiProperty({ enum: Object.keys(DECISION_TYPES) })
  type!: DecisionType;
  @ApiProperty({ enum: Object.values(DECISION_TYPES) })
  label!: (typeof DECISION_TYPES)[DecisionType];
  decidedOn!: string;
  claimId!: string | null;
  /** A waiver granted or refused; null for the other decisions. */
  @ApiProperty({ enum: ['granted', 'refused'], nullable: true, type: String })
  outcome!: 'granted' | 'refused' | null;
  /** Null: not recorded (a decision recorded before this was asked, or by the import). */
  @ApiProperty({ type: DecisionMakerViewDto, nullable: true })
  decisionMaker!: DecisionMakerViewDto | null;
  legalParagraph!: LegalParagraphDto;
  appeal!: AppealDto;
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
  /** Who decided not to open an investigation; null otherwise or when not recorded. */
  @ApiProperty({ type: DecisionMakerViewDto, nullable: true })
  decisionMaker!: DecisionMakerViewDto | null;
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
  /** Repaid, with what a deceased person's estate paid. */
  repaid!: number;
  waived!: number;
  /** Written off because a deceased person's estate could not pay it (no longer owed, but no waiver). */
  writtenOff!: number;
  sued!: number;
  /** Claimed less repaid, waived and written off. */
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
  /**
   * Kronor awarded by judgments on ersättningstalan (present once there is a judgment). The
   * three-year limit bounds only what a suit may cover: what a judgment awards is out of its
   * reach, a debt with its own ten-year limitation (see judgmentDebts).
   */
  coveredByJudgments?: number;
}

export class RepaymentPlanViewDto {
  claimId!: string;
  agreedOn!: string;
  monthlyAmount!: number;
  firstDueOn!: string;
  /** The OCR reference the person pays with, when one was recorded with the plan. */
  ocrReference!: string | null;
}

/** One instalment of a repayment plan, as of today. */
export class InstalmentViewDto {
  /** 1 for the first. */
  number!: number;
  dueOn!: string;
  /** The last day a payment is on time: the due day, or the next working day after it. */
  payBy!: string;
  amount!: number;
  /** What the repayments allocated to it (oldest instalment first) cover. */
  paid!: number;
  /** When the repayment that covered it in full was received. */
  paidOn!: string | null;
  /** missed: past its last day to pay and nothing paid; short: paid in part; not-yet-due: its last day to pay is today or later. */
  @ApiProperty({ enum: Object.keys(INSTALMENT_STATUSES) })
  status!: InstalmentStatus;
}

export class PlanEndViewDto {
  on!: string;
  @ApiProperty({ enum: Object.keys(PLAN_END_REASONS) })
  reason!: PlanEndReason;
}

/** A repayment plan compared with the repayments received, month by month. */
export class RepaymentPlanScheduleViewDto extends RepaymentPlanViewDto {
  /** What the plan pays: the claim's debt when it was agreed, less what was waived or settled since. */
  total!: number;
  /** Repaid toward the plan (received from its agreement until a new plan replaced it). */
  paid!: number;
  instalmentCount!: number;
  lastDueOn!: string | null;
  /** The instalments due by today (or before the plan ended), those paid ahead, and the next few. */
  instalments!: InstalmentViewDto[];
  /** Due, past the last day to pay and unpaid; 0 unless the plan is in force. */
  behind!: number;
  /** The due day of the oldest instalment behind. */
  behindSince!: string | null;
  /** Null while the plan is in force. */
  @ApiProperty({ type: PlanEndViewDto, nullable: true })
  ended!: PlanEndViewDto | null;
}

/** On a claim decided when every payment it covers was past its three-year limit. */
export class ClaimPastLimitViewDto extends PastLimitViewDto {
  /** The rule that keeps such a claim from court: 9 kap. 3 § SoL (2001:453) or 33 kap. 5 § SoL (2025:400). */
  @ApiProperty({ enum: ['9 kap. 3 § SoL (2001:453)', '33 kap. 5 § SoL (2025:400)'] })
  courtSuitBarredBy!: string;
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
  /** Set when every payment it covers was past its three-year limit when it was decided: it cannot be taken to court. */
  paymentsPastLimit?: ClaimPastLimitViewDto;
  /** Who the claim is decided against, each for their own part (one share: the case's person, unless split). */
  shares!: ClaimShareViewDto[];
  legalParagraph!: LegalParagraphDto;
  @ApiProperty({ type: DecisionMakerViewDto, nullable: true })
  decisionMaker!: DecisionMakerViewDto | null;
  communication!: DecisionCommunicationDto;
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
  /** Who paid: the case's person unless the claim is decided against two. */
  @ApiProperty({ enum: Object.keys(PERSON_ROLES) })
  person!: PersonRole;
}

export class AbilityToPayViewDto {
  assessedOn!: string;
  able!: boolean;
}

export class SuitViewDto {
  claimId!: string;
  filedOn!: string;
  amount!: number;
  /**
   * Filed without an ability-to-pay assessment (not-assessed) or against one that found no means
   * (not-able): the court weighs the means (9 kap. 3 § SoL 2001:453, 33 kap. 5 § SoL 2025:400).
   */
  @ApiProperty({ enum: Object.keys(ABILITY_TO_PAY_WARNINGS), required: false })
  abilityToPayWarning?: AbilityToPayWarning;
}

export class JudgmentViewDto {
  claimId!: string;
  decidedOn!: string;
  awardedAmount!: number;
}

export class SuitDecisionViewDto {
  claimId!: string;
  decidedOn!: string;
  @ApiProperty({ type: DecisionMakerViewDto, nullable: true })
  decisionMaker!: DecisionMakerViewDto | null;
  legalParagraph!: LegalParagraphDto;
  /** Decided without an ability-to-pay assessment (not-assessed) or against one that found no means (not-able). */
  @ApiProperty({ enum: Object.keys(ABILITY_TO_PAY_WARNINGS), required: false })
  abilityToPayWarning?: AbilityToPayWarning;
}

export class AppealOutcomeViewDto {
  decidedOn!: string;
  @ApiProperty({ enum: Object.keys(APPEAL_OUTCOMES) })
  outcome!: AppealOutcome;
  /** What the judgment awards as changed (outcome changed only). */
  awardedAmount?: number;
}

export class AppealViewDto {
  appealedOn!: string;
  @ApiProperty({ enum: Object.keys(APPELLANTS) })
  appellant!: Appellant;
  @ApiProperty({ enum: Object.keys(APPEAL_COURTS) })
  court!: AppealCourt;
  @ApiProperty({ type: AppealOutcomeViewDto, nullable: true })
  outcome!: AppealOutcomeViewDto | null;
}

export class EnforcementOutcomeViewDto {
  decidedOn!: string;
  @ApiProperty({ enum: Object.keys(ENFORCEMENT_OUTCOMES) })
  outcome!: EnforcementOutcome;
  /** Seized (distraint) or paid; the money counts as repaid once recorded as a repayment. */
  amount?: number;
}

export class EnforcementViewDto {
  appliedOn!: string;
  amount!: number;
  /** Kronofogden's målnummer, once known. */
  caseReference!: string | null;
  @ApiProperty({ type: EnforcementOutcomeViewDto, nullable: true })
  outcome!: EnforcementOutcomeViewDto | null;
}

/** The judgment debt's own limitation (preskriptionslagen 1981:130, 2 and 5-7 §§). */
export class DebtLimitationViewDto {
  years!: number;
  /** The day the current ten-year period runs from: the judgment, or the latest interruption. */
  runsFrom!: string;
  @ApiProperty({ enum: Object.keys(LIMITATION_STARTS) })
  reason!: LimitationStart;
  /** The period's last day: time-barred from the day after unless interrupted by then. */
  lastDay!: string;
  /** Past lastDay today. */
  timeBarred!: boolean;
  /** An application at Kronofogden without a recorded outcome: the new period runs from when it ends. */
  enforcementPending!: boolean;
}

/** A claim's judgment on ersättningstalan as a debt: legal force, appeals, enforcement and limitation. */
export class JudgmentDebtViewDto {
  claimId!: string;
  /** The förvaltningsrätt's judgment: its day and what it awarded. */
  judgedOn!: string;
  judgedAmount!: number;
  /** What the judgment awards as changed on appeal. */
  awardedAmount!: number;
  appeals!: AppealViewDto[];
  /** An appeal waits for its decision: the judgment cannot gain legal force meanwhile. */
  appealPending!: boolean;
  /** The day the judgment (or the decision on its appeal) gained legal force, once recorded. */
  legalForceOn!: string | null;
  /** Repaid and waived on the claim since the judgment. */
  paid!: number;
  waived!: number;
  /** What is left of the judgment debt. */
  remaining!: number;
  /** What Kronofogden may be asked to collect now: the remainder, once the judgment has gained legal force. */
  enforceable!: number;
  enforcement!: EnforcementViewDto[];
  /** Null when the judgment awards nothing. */
  @ApiProperty({ type: DebtLimitationViewDto, nullable: true })
  limitation!: DebtLimitationViewDto | null;
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

export class ReportedActViewDto {
  /** The day the payment was made: the act's date. */
  paidOn!: string;
  amount!: number;
  /** Years to its limitation under the report's grade as it is now (2 for ringa and vårdslöst acts before 2020). */
  limitationYears!: number;
  /** The day the act is time-barred. */
  limitationOn!: string;
}

export class PoliceReportOutcomeFullViewDto extends PoliceReportOutcomeViewDto {
  /** The grade the prosecutor or the court gave, if the outcome gave one. */
  @ApiProperty({ enum: Object.keys(OFFENCES), nullable: true, type: String })
  offence!: Offence | null;
  @ApiProperty({ enum: Object.values(OFFENCES).map((o) => o.label), nullable: true, type: String })
  offenceLabel!: (typeof OFFENCES)[Offence]['label'] | null;
}

/** A police report (6 § bidragsbrottslagen) with its acts, their limitation and the outcomes so far. */
export class PoliceReportFullViewDto {
  /** The report's number within the case ('1', '2', ...). */
  reportId!: string;
  filedOn!: string;
  @ApiProperty({ enum: Object.keys(POLICE_REPORT_RECIPIENTS) })
  recipient!: PoliceReportRecipient;
  @ApiProperty({ enum: Object.values(POLICE_REPORT_RECIPIENTS) })
  recipientLabel!: (typeof POLICE_REPORT_RECIPIENTS)[PoliceReportRecipient];
  /** The authority's reference (K-nummer, diarienummer), when known. */
  reference!: string | null;
  /** The unit's own assessment of the grade when it filed. */
  @ApiProperty({ enum: Object.keys(OFFENCES) })
  offence!: Offence;
  @ApiProperty({ enum: Object.values(OFFENCES).map((o) => o.label) })
  offenceLabel!: (typeof OFFENCES)[Offence]['label'];
  /** The grade now, which decides the limitation: the latest the prosecutor or the court gave, else the unit's own. */
  @ApiProperty({ enum: Object.keys(OFFENCES) })
  currentOffence!: Offence;
  @ApiProperty({ enum: Object.values(OFFENCES).map((o) => o.label) })
  currentOffenceLabel!: (typeof OFFENCES)[Offence]['label'];
  acts!: ReportedActViewDto[];
  @ApiProperty({ type: OffenceLimitationViewDto, nullable: true })
  limitation!: OffenceLimitationViewDto | null;
  outcomes!: PoliceReportOutcomeFullViewDto[];
}

export class EstateClaimOutcomeViewDto {
  decidedOn!: string;
  @ApiProperty({ enum: Object.keys(ESTATE_OUTCOMES) })
  outcome!: EstateOutcome;
  @ApiProperty({ enum: Object.values(ESTATE_OUTCOMES) })
  label!: (typeof ESTATE_OUTCOMES)[EstateOutcome];
  paidAmount!: number;
  /** What the estate could not pay: written off. */
  writtenOffAmount!: number;
}

/** A claim lodged against a deceased person's estate (dödsbo). */
export class EstateClaimViewDto {
  claimId!: string;
  lodgedOn!: string;
  amount!: number;
  @ApiProperty({ type: EstateClaimOutcomeViewDto, nullable: true })
  outcome!: EstateClaimOutcomeViewDto | null;
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
  /** Whose part was waived: the case's person unless the claim is decided against two. */
  @ApiProperty({ enum: Object.keys(PERSON_ROLES) })
  person!: PersonRole;
  /** The person's application; null: waived on the nämnd's own motion, or not recorded. */
  applicationReceivedOn!: string | null;
  reasons!: string | null;
  @ApiProperty({ type: DecisionMakerViewDto, nullable: true })
  decisionMaker!: DecisionMakerViewDto | null;
  legalParagraph!: LegalParagraphDto;
}

/** An application for a waiver, refused. */
export class WaiverRefusalViewDto {
  claimId!: string;
  decidedOn!: string;
  applicationReceivedOn!: string;
  /** Kronor the application asked for, when it named an amount. */
  amountApplied!: number | null;
  reasons!: string | null;
  @ApiProperty({ type: DecisionMakerViewDto, nullable: true })
  decisionMaker!: DecisionMakerViewDto | null;
  legalParagraph!: LegalParagraphDto;
  communication!: DecisionCommunicationDto;
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
  /** Why no police report was made although the investigation found intent or gross negligence. */
  noPoliceReportReason?: string;
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

export class StepInitialByDto {
  /** The field (a select of the same form) whose value decides what is proposed. */
  field!: string;
  /** What the form proposes for each of that field's values. */
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } })
  values!: Record<string, string>;
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
  /** What the form proposes once another field has a value: filled in again when that field changes. */
  initialBy?: StepInitialByDto;
  /** Shown (and sent) only while another field has one of these values. */
  showIf?: StepShowIfDto;
  /** For payments: whether each row asks for the grant date. */
  grantedOn?: boolean;
  /** For payments with the grant date: the grant date's hint, in Swedish. */
  grantedOnHint?: string;
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
  /** What it concerns (as `documentsOffered[].concerning`); null: the case (a document from before each had its id). */
  @ApiProperty({ type: String, nullable: true })
  concerning!: string | null;
  /** What it concerns, in Swedish, e.g. "Polisanmälan 2 (2018-05-02, till Åklagarmyndigheten)". */
  @ApiProperty({ type: String, nullable: true })
  concerningLabel!: string | null;
  /** Whom it is addressed to (the household's second adult gets their own decisions on their part). */
  @ApiProperty({ enum: Object.keys(PERSON_ROLES) })
  addressee!: PersonRole;
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
  /** Where the case page offers it (Swedish names in the catalogue's STEP_GROUP). */
  @ApiProperty({ enum: Object.keys(STEP_GROUPS) })
  group!: StepGroup;
  /** The form's button, in Swedish. */
  submit!: string;
  /** Whether the decider would take the step now (whatever its fields). */
  available!: boolean;
  /** Why not, when it would not. */
  unavailable?: StepRefusalDto;
  /** A step that cannot be undone: what it does, in Swedish. The form asks the person to confirm it first. */
  irreversible?: string;
  fields!: StepFieldDto[];
}

/** A document the case page offers to issue. */
/** One letter a document type can be issued as. */
export class LetterChoiceDto {
  /** What it concerns: send as `concerning` when issuing. */
  concerning!: string;
  /** Whom it is addressed to: send as `person` when issuing. */
  @ApiProperty({ enum: Object.keys(PERSON_ROLES) })
  person!: PersonRole;
  /** In Swedish, e.g. "Återkrav 1 (beslut 2018-04-20)". */
  label!: string;
}

/** The letter the case page offers right after a step. */
export class LetterOfferDto {
  /** The step's id, as in `steps[].id`. */
  step!: string;
  concerning!: string;
  @ApiProperty({ enum: Object.keys(PERSON_ROLES) })
  person!: PersonRole;
}

export class DocumentOfferDto implements DocumentOfferView {
  @ApiProperty({ enum: Object.keys(DOCUMENT_TYPES) })
  documentType!: DocumentType;
  label!: string;
  /** Whether the case holds what the document is made from. */
  available!: boolean;
  /** Why not, when it does not. */
  unavailable?: StepRefusalDto;
  /**
   * What it can concern, the latest last: claim ids; the ids of kommuniceringar and police reports;
   * the numbers of waivers granted ("1") and refused ("refused-1"); the numbers of notifications.
   */
  concerning!: string[];
  /** Each letter it can be issued as (a claim decided against two persons: one to each), the latest last. */
  choices!: LetterChoiceDto[];
  /** The letters still due: what the case holds with no document of the type issued for it since. */
  due!: LetterChoiceDto[];
  /** The steps after which the case page offers it at once (their ids). */
  afterSteps!: string[];
  /** Right after each step: the letter to offer (what the step just recorded; after a closing, one still due). */
  offerAfter!: LetterOfferDto[];
}

export class ReaderDto {
  user!: string;
  role!: string;
  /** ISO 8601 instant of the latest read. */
  lastReadAt!: string;
  reads!: number;
}

export class CaseReminderViewDto {
  /** The investigator's own by number ('1'), the service's by kind and what it concerns ('communication-deadline:1'). */
  reminderId!: string;
  @ApiProperty({ enum: Object.keys(REMINDER_KIND_LABELS) })
  kind!: ReminderKind;
  /** The kind, in Swedish. */
  kindLabel!: string;
  /**
   * How a person tells it apart, the same as the steps' options name it: the investigator's own by its day,
   * numbered only when two fall on one day ('Egen bevakning 2026-12-20 (2)'); the service's by its kind.
   */
  name!: string;
  /** The day it is due (YYYY-MM-DD). */
  dueOn!: string;
  /** Due before today. */
  overdue!: boolean;
  /** The investigator's text, or the service's own (Swedish). */
  text!: string;
  /** Kronor it concerns (what a three-year deadline takes, what is left of a judgment), if any. */
  amount!: number | null;
  /** The law (and paragraph) a service's reminder rests on; null for the investigator's own. */
  basis!: string | null;
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
  @ApiProperty({ type: SecondPersonViewDto, nullable: true })
  secondPerson!: SecondPersonViewDto | null;
  identityProtection!: IdentityProtectionViewDto;
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
  /** Each repayment plan (the replaced ones too) with its instalments and their status as of today. */
  repaymentPlans!: RepaymentPlanScheduleViewDto[];
  repayments!: RepaymentViewDto[];
  @ApiProperty({ type: AbilityToPayViewDto, nullable: true })
  abilityToPay!: AbilityToPayViewDto | null;
  compensationSuits!: SuitViewDto[];
  compensationJudgments!: JudgmentViewDto[];
  /** Each judged claim's debt, after the judgment. */
  judgmentDebts!: JudgmentDebtViewDto[];
  /** The first police report, as before a case could hold several. */
  @ApiProperty({ type: PoliceReportViewDto, nullable: true })
  policeReport!: PoliceReportViewDto | null;
  /** Every police report of the case, in the order filed. */
  policeReports!: PoliceReportFullViewDto[];
  /** Claims lodged against a deceased person's estate. */
  estateClaims!: EstateClaimViewDto[];
  notificationsSent!: NotificationViewDto[];
  compensationSuitDecisions!: SuitDecisionViewDto[];
  waivers!: WaiverViewDto[];
  waiverRefusals!: WaiverRefusalViewDto[];
  /** Kommunicering before adverse decisions (förvaltningslagen 25 §). */
  communications!: CommunicationViewDto[];
  /** Every decision of the case: decision-maker, delegation point, legal paragraph and appeal instructions. */
  decisions!: DecisionViewDto[];
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
   * The reminders (bevakningar) that show today, the earliest due first: the
   * investigator's own and those the service sets from the case's dates.
   * Mark one done at POST /api/cases/{id}/reminders-done with its reminderId.
   */
  reminders!: CaseReminderViewDto[];
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
  /**
   * The person's name, for those who may read the case; null when none is known, culled, or while anyone's identity
   * in the case is protected (no list shows a protected person: the case itself does, to those who may see it).
   */
  personName!: string | null;
  /** True while anyone's identity in the case is protected (skyddade personuppgifter): the screens say so in place of the name. */
  identityProtected!: boolean;
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

/** A fact of a step as the timeline reads it, in Swedish. */
export class HistoryDetailDto {
  /** What it is, e.g. "Belopp", "Lagrum", "Avslutsorsak". */
  @ApiProperty({ example: 'Belopp' })
  label!: string;
  /** Its value as written for a reader: kronor "12 345,00 kr", dates YYYY-MM-DD, codes by their Swedish label. */
  @ApiProperty({ example: '12 345,00 kr' })
  text!: string;
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
  /**
   * How the step reads in the timeline: its amounts, law, coded reasons and outcomes, who
   * decided, deadlines, in order, written in Swedish. Never a personal field (names,
   * personnummer, free text): the same for every reader of the case.
   */
  @ApiProperty({ type: [HistoryDetailDto] })
  details!: HistoryDetailDto[];
  @ApiProperty({ type: 'object', additionalProperties: true })
  data!: Record<string, unknown>;
}
