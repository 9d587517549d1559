import { ApiProperty } from '@nestjs/swagger';

import { IsDefined, IsInt, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { IsLocalDate, IsPlainText, Optional, Nested } from '../common/validators';
import type { PostCheckResult } from './report/report-inputs';
import type { TextsVersion } from './report/report-inputs.service';

/** Request and response bodies of the report inputs (in a .dto.ts file so the OpenAPI plugin documents them). */
const TEXT = 20_000;
/** A section may be left empty (''); anything else must be plain text a person reads. */
const hasText = (_: object, value: unknown): boolean => value !== '';

export class ReportTextsDto {
  @ValidateIf(hasText)
  @IsString()
  @MaxLength(TEXT)
  @IsPlainText({ multiline: true })
  introduction!: string;

  @ValidateIf(hasText)
  @IsString()
  @MaxLength(TEXT)
  @IsPlainText({ multiline: true })
  premises!: string;

  @ValidateIf(hasText)
  @IsString()
  @MaxLength(TEXT)
  @IsPlainText({ multiline: true })
  cityWork!: string;

  @ValidateIf(hasText)
  @IsString()
  @MaxLength(TEXT)
  @IsPlainText({ multiline: true })
  analysis!: string;

  /** One line each: the issuing unit, then name and title of those who sign. */
  @ValidateIf(hasText)
  @IsString()
  @MaxLength(2000)
  @IsPlainText({ multiline: true })
  issuer!: string;

  /** Analys över de olika skälen till felaktigheter (absent: the draft). */
  @Optional()
  @ValidateIf(hasText)
  @IsString()
  @MaxLength(TEXT)
  @IsPlainText({ multiline: true })
  causesAnalysis?: string;

  /** The memo's Förvaltningens förslag till beslut, one numbered line per point (absent: the draft). */
  @Optional()
  @ValidateIf(hasText)
  @IsString()
  @MaxLength(TEXT)
  @IsPlainText({ multiline: true })
  decisionProposal?: string;

  /** The memo's Förvaltningens synpunkter och förslag (absent: the draft). */
  @Optional()
  @ValidateIf(hasText)
  @IsString()
  @MaxLength(TEXT)
  @IsPlainText({ multiline: true })
  opinion?: string;

  /** The cover's förvaltning and avdelning, one line each (absent: Socialförvaltningen and its avdelning). */
  @Optional()
  @ValidateIf(hasText)
  @IsString()
  @MaxLength(500)
  @IsPlainText({ multiline: true })
  office?: string;

  /** The diarienummer (Dnr) on the cover and the memo. */
  @Optional()
  @ValidateIf(hasText)
  @IsString()
  @MaxLength(100)
  @IsPlainText()
  registrationNumber?: string;

  /** The report's date (absent: the day of approval, else the day it is made). */
  @Optional()
  @IsLocalDate()
  reportDate?: string;

  /** The day ongoing investigations and cases in follow-up are counted (absent: 7 January of the following year). */
  @Optional()
  @IsLocalDate()
  measuredOn?: string;
}

export class EditReportTextsDto {
  @IsDefined()
  @Nested(() => ReportTextsDto)
  texts!: ReportTextsDto;

  /** The version these texts were edited from (absent for the first); an older one answers 409. */
  @Optional()
  @IsInt()
  @Min(0)
  basedOnVersion?: number;
}

export class PostCheckDto {
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  checked!: number;

  @IsInt()
  @Min(0)
  @Max(1_000_000)
  withTaxedIncome!: number;

  @IsInt()
  @Min(0)
  @Max(1_000_000)
  passedOn!: number;
}

export class TextsVersionEntryDto {
  version!: number;
  recordedAt!: string;
  recordedBy!: string;
}

export class TextsVersionDto implements TextsVersion {
  year!: number;
  version!: number;
  texts!: ReportTextsDto;
  recordedAt!: string;
  recordedBy!: string;
  /** Every version, oldest first: who changed the texts and when. */
  history!: TextsVersionEntryDto[];
}

export class TextsSavedDto {
  year!: number;
  /** Send it as basedOnVersion with the next edit. */
  version!: number;
}

export class PostCheckResultDto extends PostCheckDto implements PostCheckResult {
  /** The district, or null for the city as a whole. */
  district!: string | null;
}

export class PostCheckRecordedDto extends PostCheckResultDto {
  @ApiProperty()
  year!: number;
}

/** The drafts of every text of the year's report, generated from its figures and the law in force that year. */
export class DraftTextsDto {
  introduction!: string;
  premises!: string;
  cityWork!: string;
  causesAnalysis!: string;
  analysis!: string;
  decisionProposal!: string;
  opinion!: string;
  office!: string;
  /** Left empty: the issuer block and the diarienummer are the department's. */
  issuer!: string;
  registrationNumber!: string;
}

export class ApproveReportDto {
  /** Approve the figures as known at the end of this day (after the year's end, not in the future). */
  @IsLocalDate()
  knownAt!: string;

  /** The latest version when approving again (absent for the first approval); an older one answers 409. */
  @Optional()
  @IsInt()
  @Min(0)
  basedOnVersion?: number;
}

export class FigureDifferenceDto {
  /** The district, or null for the city. */
  district!: string | null;
  name!: string;
  /** The figure's path in the statistics (e.g. "claims.woman"). */
  figure!: string;
  /** The figure's Swedish name. */
  label!: string;
  before!: number;
  after!: number;
}

export class ApprovalDto {
  year!: number;
  /** 0 for the year's first approval. */
  version!: number;
  knownAt!: string;
  approvedOn!: string;
  approvedAt!: string;
  approvedBy!: string;
  /** SHA-256 of the approved figures. */
  fingerprint!: string;
  /** What changed from the version approved before it. */
  differences!: FigureDifferenceDto[];
}

export class LateStepDto {
  caseNumber!: string;
  district!: string;
  step!: string;
  businessDate!: string;
  recordedOn!: string;
}

export class ApprovalsDto {
  year!: number;
  /** Every approved version, oldest first. */
  approvals!: ApprovalDto[];
  /** Whether the latest approved figures still come out of the log as approved (null: never approved). */
  figuresIntact!: boolean | null;
  /** Figures that differ between the latest approved version and everything recorded so far. */
  changedFigures!: FigureDifferenceDto[];
  /** Steps dated in the year and recorded after the latest approval's knownAt. */
  stepsAfterApproval!: LateStepDto[];
}
