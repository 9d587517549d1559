import type { LocalDate } from '../../calendar/local-date';
import type {
  Authority,
  ErrorType,
  NotifiedBenefit,
  Offence,
  PoliceReportOutcome,
  Cause,
  CloseReason,
  Gender,
  Intent,
  JournalKind,
  LegalBasis,
  NoInvestigationReason,
  RepaymentKind,
  Source,
  VoidReason,
  WaiverReason,
} from './catalogues';

/** Events of one FUT case's stream, named in the past tense. Money in öre. */

export interface Payment {
  paidOn: LocalDate;
  amountOre: number;
}

export interface IncorrectPayment extends Payment {
  /** The day the assistance was granted; decides which Social Services Act governs it. */
  grantedOn: LocalDate;
}

export interface Subject {
  /** 12-digit personnummer or samordningsnummer, when known. */
  personalIdentityNumber: string | null;
  name: string | null;
  gender: Gender;
}

type Ev<T extends string, D> = { type: T; data: D };

/** Set on a decision taken when every known payment was already past its three-year limit. */
export interface PastLimitNote {
  paymentsPastLimit?: { expiredAmountOre: number };
}

export type CaseEvent =
  | Ev<
      'CaseRegistered',
      {
        caseId: string;
        caseNumber: string;
        district: string;
        receivedOn: LocalDate;
        source: Source;
        subject: Subject;
        suspectedPayments: Payment[];
        summary: string | null;
        /** Information passed on by another authority (lag 2008:206): which one. */
        notifyingAuthority?: Authority | null;
        /** Id of the data key that encrypts the personal fields (absent: written before encryption). */
        dataKeyId?: string | null;
      }
    >
  | Ev<
      'PreAssessmentMade',
      {
        decidedOn: LocalDate;
        decision: 'open-investigation' | 'no-investigation';
        reason: NoInvestigationReason | null;
        suspectedCause: Cause | null;
      } & PastLimitNote
    >
  | Ev<
      'InvestigationCompleted',
      {
        completedOn: LocalDate;
        finding: 'incorrect-payment' | 'no-incorrect-payment';
        cause: Cause | null;
        incorrectPayments: IncorrectPayment[];
        intent: Intent | null;
        savedAmountOre: number;
        /** FUT-delegationen's error type (absent on results recorded before it was asked). */
        errorType?: ErrorType | null;
      } & PastLimitNote
    >
  | Ev<
      'RepaymentClaimDecided',
      {
        /** The claim's number within the case ('1', '2', ...). */
        claimId: string;
        decidedOn: LocalDate;
        legalBasis: LegalBasis;
        amountOre: number;
        /**
         * Positions in the investigation's incorrect payments that the claim covers. Null only on
         * claims written before a case could hold several: they cover the payments their law governs.
         */
        paymentIndexes: number[] | null;
      }
    >
  | Ev<'RepaymentPlanAgreed', { claimId: string; agreedOn: LocalDate; monthlyAmountOre: number; firstDueOn: LocalDate }>
  | Ev<'RepaymentReceived', { claimId: string; receivedOn: LocalDate; amountOre: number; kind: RepaymentKind }>
  | Ev<'AbilityToPayAssessed', { assessedOn: LocalDate; able: boolean }>
  | Ev<'CompensationSuitFiled', { claimId: string; filedOn: LocalDate; amountOre: number }>
  | Ev<'CompensationJudgmentDecided', { claimId: string; decidedOn: LocalDate; awardedAmountOre: number }>
  | Ev<'PoliceReportFiled', { filedOn: LocalDate; offence: Offence }>
  | Ev<'PoliceReportOutcomeRecorded', { decidedOn: LocalDate; outcome: PoliceReportOutcome }>
  | Ev<'AuthorityNotified', { sentOn: LocalDate; authority: Authority; concerning: NotifiedBenefit }>
  | Ev<'CompensationSuitDecided', { claimId: string; decidedOn: LocalDate }>
  | Ev<'ClaimWaived', { claimId: string; decidedOn: LocalDate; reason: WaiverReason; amountOre: number }>
  | Ev<'InvestigatorAssigned', { assignedOn: LocalDate; investigator: string }>
  | Ev<
      'CaseTransferred',
      {
        transferredOn: LocalDate;
        fromDistrict: string;
        toDistrict: string;
        /** The case passed to the successor when its district was merged (absent: transferred by hand). */
        byMerger?: true;
      }
    >
  | Ev<'CaseClosed', { closedOn: LocalDate; reason: CloseReason }>
  | Ev<'CaseReopened', { reopenedOn: LocalDate; reason: string }>
  | Ev<'JournalEntryAdded', { notedOn: LocalDate; kind: JournalKind; text: string }>
  | Ev<'CaseVoided', { voidedOn: LocalDate; reason: VoidReason; note: string | null }>
  /** Retention (gallring): the person's data key was shredded; business dates, district, gender and amounts remain. */
  | Ev<'PersonalDataCulled', { culledOn: LocalDate }>;

export type CaseEventType = CaseEvent['type'];

export const CASE_EVENT_TYPES: readonly CaseEventType[] = [
  'CaseRegistered',
  'PreAssessmentMade',
  'InvestigationCompleted',
  'RepaymentClaimDecided',
  'RepaymentPlanAgreed',
  'RepaymentReceived',
  'AbilityToPayAssessed',
  'CompensationSuitFiled',
  'CompensationJudgmentDecided',
  'PoliceReportFiled',
  'PoliceReportOutcomeRecorded',
  'AuthorityNotified',
  'CompensationSuitDecided',
  'ClaimWaived',
  'InvestigatorAssigned',
  'CaseTransferred',
  'CaseClosed',
  'CaseReopened',
  'JournalEntryAdded',
  'CaseVoided',
  'PersonalDataCulled',
];

export function isCaseEvent(event: { type: string }): event is CaseEvent {
  return (CASE_EVENT_TYPES as readonly string[]).includes(event.type);
}

/** The business date each event carries (the metadata's occurredOn). */
export function businessDateOf(event: CaseEvent): LocalDate {
  switch (event.type) {
    case 'CaseRegistered':
      return event.data.receivedOn;
    case 'PreAssessmentMade':
    case 'RepaymentClaimDecided':
    case 'CompensationJudgmentDecided':
    case 'ClaimWaived':
      return event.data.decidedOn;
    case 'InvestigationCompleted':
      return event.data.completedOn;
    case 'RepaymentPlanAgreed':
      return event.data.agreedOn;
    case 'RepaymentReceived':
      return event.data.receivedOn;
    case 'AbilityToPayAssessed':
      return event.data.assessedOn;
    case 'CompensationSuitFiled':
    case 'PoliceReportFiled':
      return event.data.filedOn;
    case 'PoliceReportOutcomeRecorded':
    case 'CompensationSuitDecided':
      return event.data.decidedOn;
    case 'AuthorityNotified':
      return event.data.sentOn;
    case 'InvestigatorAssigned':
      return event.data.assignedOn;
    case 'CaseTransferred':
      return event.data.transferredOn;
    case 'CaseClosed':
      return event.data.closedOn;
    case 'CaseReopened':
      return event.data.reopenedOn;
    case 'JournalEntryAdded':
      return event.data.notedOn;
    case 'CaseVoided':
      return event.data.voidedOn;
    case 'PersonalDataCulled':
      return event.data.culledOn;
  }
}
