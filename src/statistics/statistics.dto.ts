import { IsIn, IsInt, Matches, Max, Min } from 'class-validator';
import { IsLocalDate, QueryInt, Optional } from '../common/validators';

export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2100;

export class KnownAtQueryDto {
  /** Figures as they could have been produced at the end of this day: only events recorded by then. */
  @Optional()
  @IsLocalDate()
  knownAt?: string;

  /** `true`: everything recorded so far, also for a year whose report is approved (which otherwise shows its approved figures). */
  @Optional()
  @IsIn(['true', 'false'])
  current?: 'true' | 'false';
}
export class TrendQueryDto extends KnownAtQueryDto {
  @QueryInt()
  @IsInt()
  @Min(FIRST_YEAR)
  @Max(LAST_YEAR)
  from!: number;

  @QueryInt()
  @IsInt()
  @Min(FIRST_YEAR)
  @Max(LAST_YEAR)
  to!: number;

  /** One district's own series instead of the city's (a unit head's must be one of their districts). */
  @Optional()
  @Matches(/^[a-z0-9-]{1,64}$/)
  district?: string;
}
export class ReportQueryDto extends KnownAtQueryDto {
  /** html (default), pdf, or docx to edit in Word. */
  @Optional()
  @IsIn(['html', 'pdf', 'docx'])
  format?: 'html' | 'pdf' | 'docx';

  /** A district's own report, beside the city's figures (a unit head's must be one of their districts). */
  @Optional()
  @Matches(/^[a-z0-9-]{1,64}$/)
  district?: string;
}

export class MemoQueryDto extends KnownAtQueryDto {
  /** The memo of a district's own report. */
  @Optional()
  @Matches(/^[a-z0-9-]{1,64}$/)
  district?: string;
}
