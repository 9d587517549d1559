import { Transform } from 'class-transformer';
import { IsBoolean, IsDefined, IsEmpty, IsIn, IsInt, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsLocalDate, IsPlainText, Nested, NestedList, Optional, QueryInt } from '../../common/validators';
import {
  AUTHORITIES,
  CASE_STATUSES,
  GENDERS,
  SOURCES,
  type Authority,
  type Gender,
  type Source,
} from '../domain/catalogues';
import { PaymentDto } from './payment.dto';
import { ApiProperty } from '@nestjs/swagger';
import { sortValues } from '../../common/list-sort';
import { CASE_LIST_SORT_KEYS } from '../read-models/case-list.projection';
import { PROTECTION_BASES, type ProtectionBasis } from '../domain/persons';

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

  /**
   * The person has a protected identity (skyddade personuppgifter), and why:
   * their name and personnummer are then shown only to the case's
   * investigator and the district's unit head.
   */
  @Optional()
  @IsIn(Object.keys(PROTECTION_BASES))
  protectedIdentity?: ProtectionBasis;
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

  /**
   * The order: a column, ascending, or with '-' first descending (default `-receivedOn`, newest first). `status` is
   * the process order, `district` the districts' names in Swedish order, `investigator` with the unassigned last,
   * `nextDeadline` and `amountAtRisk` the next three-year deadline and what it takes, `name` the person's name in
   * Swedish order (cases whose identity is protected last; a list of at most 1000 cases).
   */
  @ApiProperty({ required: false, enum: sortValues(CASE_LIST_SORT_KEYS), example: 'nextDeadline' })
  @Optional()
  @IsIn(sortValues(CASE_LIST_SORT_KEYS), {
    message: `sort must be one of ${sortValues(CASE_LIST_SORT_KEYS).join(', ')}`,
  })
  sort?: string;
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
