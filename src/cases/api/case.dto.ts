import { QueryInt, Optional, Nested, NestedList } from '../../common/validators';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  IsEmpty,
} from 'class-validator';
import { IsKronor, IsLocalDate, IsPlainText } from '../../common/validators';
import { IncorrectPaymentDto, PaymentDto } from './payment.dto';
import {
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
  type Cause,
  type CloseReason,
  type Gender,
  type Intent,
  type JournalKind,
  type LegalBasis,
  type NoInvestigationReason,
  type RepaymentKind,
  type Source,
  type VoidReason,
  type WaiverReason,
  AUTHORITIES,
  ERROR_TYPES,
  OFFENCES,
  POLICE_REPORT_OUTCOMES,
  NOTIFIED_BENEFITS,
  type Authority,
  type ErrorType,
  type Offence,
  type PoliceReportOutcome,
  type NotifiedBenefit,
} from '../domain/catalogues';

/** Request bodies of the case API. Amounts are kronor (at most two decimals), dates YYYY-MM-DD. */

const CODE = /^[a-z0-9-]{1,64}$/;

export class SubjectDto {
  /** Personnummer or samordningsnummer: YYYYMMDD-NNNN, YYYYMMDDNNNN, YYMMDD-NNNN or YYMMDD+NNNN. */
  @Optional()
  @IsString()
  @MaxLength(13)
  personalIdentityNumber?: string;

  @Optional()
  @IsString()
  @IsPlainText()
  @MaxLength(200)
  name?: string;

  /** woman, man or unknown; required without a personnummer. */
  @Optional()
  @IsIn(GENDERS)
  gender?: Gender;
}

export class RegisterCaseDto {
  @IsString()
  @Matches(CODE, { message: 'district must be a district code from GET /api/districts' })
  district!: string;

  @IsLocalDate()
  receivedOn!: string;

  @IsIn(Object.keys(SOURCES))
  source!: Source;

  @IsDefined()
  @Nested(() => SubjectDto)
  subject!: SubjectDto;

  @Optional()
  @NestedList(() => PaymentDto, 120)
  suspectedPayments?: PaymentDto[];

  @Optional()
  @IsString()
  @IsPlainText({ multiline: true })
  @MaxLength(4000)
  summary?: string;

  /** With source other-authority: the authority that passed the information on (lag 2008:206). */
  @Optional()
  @IsIn(Object.keys(AUTHORITIES))
  notifyingAuthority?: Authority;
}

export class PreAssessmentDto {
  @IsLocalDate()
  decidedOn!: string;

  @IsIn(['open-investigation', 'no-investigation'])
  decision!: 'open-investigation' | 'no-investigation';

  @Optional()
  @IsIn(NO_INVESTIGATION_REASONS)
  reason?: NoInvestigationReason;

  @Optional()
  @IsIn(Object.keys(CAUSES))
  suspectedCause?: Cause;
}

export class InvestigationResultDto {
  @IsLocalDate()
  completedOn!: string;

  @IsIn(['incorrect-payment', 'no-incorrect-payment'])
  finding!: 'incorrect-payment' | 'no-incorrect-payment';

  @Optional()
  @IsIn(Object.keys(CAUSES))
  cause?: Cause;

  @Optional()
  @NestedList(() => IncorrectPaymentDto, 120)
  incorrectPayments?: IncorrectPaymentDto[];

  @Optional()
  @IsIn(INTENTS)
  intent?: Intent;

  /** Inbesparat belopp: assistance no longer paid because of the investigation. */
  @Optional()
  @IsKronor({ allowZero: true })
  savedAmount?: number;

  /** FUT-delegationen's error type: intentional, unintentional (by the person) or authority (myndighetsfel). */
  @Optional()
  @IsIn(Object.keys(ERROR_TYPES))
  errorType?: ErrorType;
}

export class RepaymentClaimDto {
  @IsLocalDate()
  decidedOn!: string;

  @IsIn(Object.keys(LEGAL_BASES))
  legalBasis!: LegalBasis;

  @IsKronor()
  amount!: number;

  /** Positions (0-based) of the investigation's incorrect payments the claim covers; none: the unclaimed ones its law governs. */
  @Optional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(499, { each: true })
  payments?: number[];
}

/** Which claim a step concerns; may be left out while the case has a single claim. */
class OnClaimDto {
  @Optional()
  @Matches(/^[1-9][0-9]{0,3}$/, { message: 'claimId must be the number of one of the case\'s claims, e.g. "2"' })
  claimId?: string;
}

export class RepaymentPlanDto extends OnClaimDto {
  @IsLocalDate()
  agreedOn!: string;

  @IsKronor()
  monthlyAmount!: number;

  @IsLocalDate()
  firstDueOn!: string;
}

export class RepaymentDto extends OnClaimDto {
  @IsLocalDate()
  receivedOn!: string;

  @IsKronor()
  amount!: number;

  @IsIn(REPAYMENT_KINDS)
  kind!: RepaymentKind;
}

export class AbilityToPayDto {
  @IsLocalDate()
  assessedOn!: string;

  @IsBoolean()
  able!: boolean;
}

export class CompensationSuitDto extends OnClaimDto {
  @IsLocalDate()
  filedOn!: string;

  @IsKronor()
  amount!: number;
}

export class CompensationJudgmentDto extends OnClaimDto {
  @IsLocalDate()
  decidedOn!: string;

  @IsKronor({ allowZero: true })
  awardedAmount!: number;
}

export class PoliceReportDto {
  @IsLocalDate()
  filedOn!: string;

  /** The suspected offence (bidragsbrottslagen 2007:612); bidragsbrott when left out. */
  @Optional()
  @IsIn(Object.keys(OFFENCES))
  offence?: Offence;
}

export class PoliceReportOutcomeDto {
  @IsLocalDate()
  decidedOn!: string;

  @IsIn(Object.keys(POLICE_REPORT_OUTCOMES))
  outcome!: PoliceReportOutcome;
}

export class AuthorityNotificationDto {
  @IsLocalDate()
  sentOn!: string;

  @IsIn(Object.keys(AUTHORITIES))
  authority!: Authority;

  /** The other authority's benefit the notification concerns. */
  @IsIn(Object.keys(NOTIFIED_BENEFITS))
  concerning!: NotifiedBenefit;
}

export class CompensationSuitDecisionDto extends OnClaimDto {
  @IsLocalDate()
  decidedOn!: string;
}

export class WaiverDto extends OnClaimDto {
  @IsLocalDate()
  decidedOn!: string;

  @IsIn(WAIVER_REASONS)
  reason!: WaiverReason;

  @IsKronor()
  amount!: number;
}

export class AssignmentDto {
  /** User id of the FUT investigator. */
  @IsString()
  @Matches(/^[\p{L}\p{N}._@-]{1,100}$/u, { message: 'investigator must be a user id (letters, digits, . _ @ -)' })
  investigator!: string;
}

export class TransferDto {
  @IsLocalDate()
  transferredOn!: string;

  @IsString()
  @Matches(CODE, { message: 'toDistrict must be a district code from GET /api/districts' })
  toDistrict!: string;
}

export class ClosureDto {
  @IsLocalDate()
  closedOn!: string;

  @IsIn(Object.keys(CLOSE_REASONS))
  reason!: CloseReason;
}

export class ReopeningDto {
  @IsLocalDate()
  reopenedOn!: string;

  @IsString()
  @IsPlainText({ multiline: true })
  @MaxLength(1000)
  reason!: string;
}

export class JournalEntryDto {
  @IsLocalDate()
  notedOn!: string;

  @IsIn(JOURNAL_KINDS)
  kind!: JournalKind;

  @IsString()
  @IsPlainText({ multiline: true })
  @MaxLength(10000)
  text!: string;
}

export class VoidDto {
  @IsIn(VOID_REASONS)
  reason!: VoidReason;

  @Optional()
  @IsString()
  @IsPlainText({ multiline: true })
  @MaxLength(1000)
  note?: string;
}

/** The filters a list and a search by personnummer share. */
class CaseFilterDto {
  @Optional()
  @IsString()
  @Matches(CODE)
  district?: string;

  @Optional()
  @IsIn(CASE_STATUSES)
  status?: string;

  /** Only open cases (neither closed nor voided); from a query string as true/false. */
  @Optional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  open?: boolean;
}

export class ListCasesQueryDto extends CaseFilterDto {
  /** Exact case number, e.g. NO-2026-0001 (not personal data, so it may travel in the URL). */
  @Optional()
  @IsString()
  @Matches(/^[A-Za-zÅÄÖåäö0-9-]{1,40}$/, { message: 'caseNumber must be a case number such as NO-2026-0001' })
  caseNumber?: string;

  @Optional()
  @IsString()
  @MaxLength(100)
  investigator?: string;

  @Optional()
  @IsLocalDate()
  receivedFrom?: string;

  @Optional()
  @IsLocalDate()
  receivedTo?: string;

  // Refused in a URL: proxies and access logs keep URLs. Searching by personnummer is POST /api/cases/search.
  @IsEmpty({
    message: 'personalIdentityNumber may not be sent in a URL: use POST /api/cases/search with it in the body',
  })
  personalIdentityNumber?: undefined;

  @Optional()
  @QueryInt()
  @IsInt()
  @Min(1)
  @Max(100000)
  page?: number;

  @Optional()
  @QueryInt()
  @IsInt()
  @Min(1)
  @Max(500)
  pageSize?: number;
}

/** POST /api/cases/search: a personnummer in the body, with the list's filters. */
export class SearchCasesDto extends CaseFilterDto {
  @IsString()
  @MaxLength(13)
  personalIdentityNumber!: string;

  @Optional()
  @IsInt()
  @Min(1)
  @Max(100000)
  page?: number;

  @Optional()
  @IsInt()
  @Min(1)
  @Max(500)
  pageSize?: number;
}
