import { ApiProperty } from '@nestjs/swagger';

import { IsDefined, IsInt, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { IsPlainText, Optional, Nested } from '../common/validators';
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
  district!: string;
}

export class PostCheckRecordedDto extends PostCheckResultDto {
  @ApiProperty()
  year!: number;
}
