import { IsIn, IsInt, Max, Min } from 'class-validator';
import { IsLocalDate, QueryInt, Optional } from '../common/validators';

export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2100;

export class KnownAtQueryDto {
  /** Figures as they could have been produced at the end of this day: only events recorded by then. */
  @Optional()
  @IsLocalDate()
  knownAt?: string;
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
}
export class ReportQueryDto extends KnownAtQueryDto {
  @Optional()
  @IsIn(['html', 'pdf'])
  format?: 'html' | 'pdf';
}
