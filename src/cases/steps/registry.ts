import { AbilityToPayAssessed, abilityToPay } from './ability-to-pay/ability-to-pay.step';
import { AttachmentAdded, attachment } from './attachment/attachment.step';
import { assignment, InvestigatorAssigned } from './assignment/assignment.step';
import { AuthorityNotified, authorityNotification } from './authority-notification/authority-notification.step';
import { CaseClosed, closure } from './closure/closure.step';
import { CompensationJudgmentDecided, compensationJudgment } from './compensation-judgment/compensation-judgment.step';
import { CompensationSuitFiled, compensationSuit } from './compensation-suit/compensation-suit.step';
import { EnforcementApplied, enforcementApplication } from './enforcement-application/enforcement-application.step';
import { EnforcementOutcomeRecorded, enforcementOutcome } from './enforcement-outcome/enforcement-outcome.step';
import { JudgmentAppealed, judgmentAppeal } from './judgment-appeal/judgment-appeal.step';
import { JudgmentAppealDecided, judgmentAppealOutcome } from './judgment-appeal-outcome/judgment-appeal-outcome.step';
import {
  JudgmentDebtInterrupted,
  judgmentDebtInterruption,
} from './judgment-debt-interruption/judgment-debt-interruption.step';
import { JudgmentGainedLegalForce, judgmentLegalForce } from './judgment-legal-force/judgment-legal-force.step';
import {
  CompensationSuitDecided,
  compensationSuitDecision,
} from './compensation-suit-decision/compensation-suit-decision.step';
import { InvestigationCompleted, investigationResult } from './investigation-result/investigation-result.step';
import { JournalEntryAdded, journalEntry } from './journal-entry/journal-entry.step';
import { PersonalDataCulled } from './personal-data-culling/personal-data-culling.step';
import { PoliceReportFiled, policeReport } from './police-report/police-report.step';
import { PoliceReportOutcomeRecorded, policeReportOutcome } from './police-report-outcome/police-report-outcome.step';
import {
  PoliceReportReferenceRecorded,
  policeReportReference,
} from './police-report-reference/police-report-reference.step';
import { EstateClaimLodged, estateClaim } from './estate-claim/estate-claim.step';
import { EstateClaimOutcomeRecorded, estateClaimOutcome } from './estate-claim-outcome/estate-claim-outcome.step';
import { PreAssessmentMade, preAssessment } from './pre-assessment/pre-assessment.step';
import { CaseRegistered, registration } from './registration/registration.step';
import { CaseReopened, reopening } from './reopening/reopening.step';
import { RepaymentClaimDecided, repaymentClaim } from './repayment-claim/repayment-claim.step';
import { RepaymentPlanAgreed, repaymentPlan } from './repayment-plan/repayment-plan.step';
import { RepaymentReceived, repayment } from './repayment/repayment.step';
import { CaseTransferred, transfer } from './transfer/transfer.step';
import { CaseVoided, voiding } from './void/void.step';
import { SecondPersonNamed, secondPerson } from './second-person/second-person.step';
import {
  IdentityProtected,
  IdentityProtectionLifted,
  identityProtection,
  identityProtectionLifting,
} from './identity-protection/identity-protection.step';
import { ClaimWaived, WaiverRefused, waiver } from './waiver/waiver.step';
import { CaseTaken, takeCase } from './take-case/take-case.step';
import {
  ReminderDone,
  ReminderMoved,
  ReminderSet,
  reminder,
  reminderDone,
  reminderMove,
} from './reminder/reminder.step';
import {
  CommunicationAnswered,
  CommunicationSent,
  communication,
  communicationAnswer,
} from './communication/communication.step';
import { DocumentIssued, DocumentSent, documentDispatch, documentIssue } from './document/document.step';

/**
 * Every event of a case's stream, by type, and every step of the process, in
 * the order the case page offers them. A new step is a folder of its own and
 * its lines here; everything keyed by event type, step or refusal follows.
 */
export const CASE_EVENT_DEFINITIONS = {
  CaseRegistered,
  PreAssessmentMade,
  InvestigationCompleted,
  RepaymentClaimDecided,
  RepaymentPlanAgreed,
  RepaymentReceived,
  AbilityToPayAssessed,
  CompensationSuitFiled,
  CompensationJudgmentDecided,
  JudgmentAppealed,
  JudgmentAppealDecided,
  JudgmentGainedLegalForce,
  EnforcementApplied,
  EnforcementOutcomeRecorded,
  JudgmentDebtInterrupted,
  PoliceReportFiled,
  PoliceReportOutcomeRecorded,
  PoliceReportReferenceRecorded,
  EstateClaimLodged,
  EstateClaimOutcomeRecorded,
  AuthorityNotified,
  CompensationSuitDecided,
  ClaimWaived,
  WaiverRefused,
  CommunicationSent,
  CommunicationAnswered,
  InvestigatorAssigned,
  CaseTaken,
  ReminderSet,
  ReminderMoved,
  ReminderDone,
  CaseTransferred,
  CaseClosed,
  CaseReopened,
  JournalEntryAdded,
  CaseVoided,
  PersonalDataCulled,
  SecondPersonNamed,
  IdentityProtected,
  IdentityProtectionLifted,
  DocumentIssued,
  DocumentSent,
  AttachmentAdded,
} as const;

export const CASE_STEPS = [
  registration,
  takeCase,
  assignment,
  secondPerson,
  identityProtection,
  identityProtectionLifting,
  preAssessment,
  investigationResult,
  communication,
  communicationAnswer,
  repaymentClaim,
  repaymentPlan,
  repayment,
  abilityToPay,
  compensationSuitDecision,
  compensationSuit,
  compensationJudgment,
  judgmentAppeal,
  judgmentAppealOutcome,
  judgmentLegalForce,
  enforcementApplication,
  enforcementOutcome,
  judgmentDebtInterruption,
  waiver,
  estateClaim,
  estateClaimOutcome,
  policeReport,
  policeReportOutcome,
  policeReportReference,
  authorityNotification,
  closure,
  reopening,
  transfer,
  journalEntry,
  reminder,
  reminderMove,
  reminderDone,
  voiding,
  documentIssue,
  documentDispatch,
  attachment,
] as const;
