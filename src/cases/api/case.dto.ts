import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsEmpty,
  IsIn,
  IsInt,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
} from 'class-validator';
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
import { personalIdentityNumberProblem } from '../domain/personal-identity-number';

/** Request bodies of the case API. Amounts are kronor (at most two decimals), dates YYYY-MM-DD. */

const CODE = /^[a-z0-9-]{1,64}$/;
const USER_ID = /^[\p{L}\p{N}._@-]{1,100}$/u;

/**
 * A personnummer as far as it can be checked beside the request's other fields (its form, a
 * birth date that exists, the control digit), so one answer names every wrong field; the
 * registration completes the check with today's date.
 */
function IsPersonalIdentityNumber(): PropertyDecorator {
  return ValidateBy({
    name: 'isPersonalIdentityNumber',
    validator: {
      validate: (value) => typeof value === 'string' && personalIdentityNumberProblem(value) === undefined,
      defaultMessage: (args) =>
        `personalIdentityNumber ${typeof args?.value === 'string' ? (personalIdentityNumberProblem(args.value) ?? 'is not valid') : 'must be text'}`,
    },
  });
}

/** A gender given beside a personnummer must be the one the number says (its second last digit). */
function AgreesWithPersonalIdentityNumber(): PropertyDecorator {
  const genderOf = (pin: unknown): string | undefined => {
    if (typeof pin !== 'string' || personalIdentityNumberProblem(pin) !== undefined) return undefined;
    return Number(pin.trim().slice(-2, -1)) % 2 === 1 ? 'man' : 'woman';
  };
  return ValidateBy({
    name: 'agreesWithPersonalIdentityNumber',
    validator: {
      validate: (value, args) => {
        const expected = genderOf((args?.object as SubjectDto | undefined)?.personalIdentityNumber);
        return expected === undefined || value === expected;
      },
      defaultMessage: (args) =>
        `gender ${String(args?.value)} does not agree with the personnummer (${genderOf((args?.object as SubjectDto).personalIdentityNumber)})`,
    },
  });
}

export class SubjectDto {
  /** Personnummer or samordningsnummer: YYYYMMDD-NNNN, YYYYMMDDNNNN, YYMMDD-NNNN or YYMMDD+NNNN. */
  @Optional()
  @IsString()
  @MaxLength(13)
  @IsPersonalIdentityNumber()
  personalIdentityNumber?: string;

  @Optional()
  @IsString()
  @IsPlainText()
  @MaxLength(200)
  name?: string;

  /** woman, man or unknown; required without a personnummer. */
  @Optional()
  @IsIn(GENDERS)
  @AgreesWithPersonalIdentityNumber()
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

  /**
   * Who is to have the case (a user id). An investigator who registers has it
   * themselves (they may name only themselves); a unit head may name an
   * investigator of the district; left out by a unit head, the case waits in the queue.
   */
  @Optional()
  @IsString()
  @Matches(USER_ID, { message: 'investigator must be a user id (letters, digits, . _ @ -)' })
  investigator?: string;
  /** The person's ekonomiskt bistånd case number in the municipality's own system (personal data). */
  @Optional()
  @IsString()
  @IsPlainText()
  @MaxLength(64)
  assistanceCaseNumber?: string;

  /** Who reported it: a unit, a role or a person (personal data when it names one). */
  @Optional()
  @IsString()
  @IsPlainText()
  @MaxLength(200)
  reportedBy?: string;
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
