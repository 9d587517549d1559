import { IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { QueryInt, Optional } from '../common/validators';

export class DistrictQueryDto {
  @Optional()
  @IsString()
  @Matches(/^[a-z0-9-]{1,64}$/)
  district?: string;
}

export class QueuesQueryDto extends DistrictQueryDto {
  /** With `district`: cases per page of each of its five lists (default 20). */
  @Optional()
  @QueryInt()
  @IsInt()
  @Min(1)
  @Max(500)
  pageSize?: number;

  /** Days in queue after which a case is flagged overdue. */
  @Optional()
  @QueryInt()
  @IsInt()
  @Min(0)
  @Max(3650)
  overdueAfterDays?: number;

  /** With `district`: the page of the cases waiting for pre-assessment (default 1). */
  @Optional()
  @QueryInt()
  @IsInt()
  @Min(1)
  @Max(100000)
  awaitingPreAssessmentPage?: number;

  /** With `district`: the page of the open investigations (default 1). */
  @Optional()
  @QueryInt()
  @IsInt()
  @Min(1)
  @Max(100000)
  openInvestigationsPage?: number;

  /** With `district`: the page of the investigated cases (default 1). */
  @Optional()
  @QueryInt()
  @IsInt()
  @Min(1)
  @Max(100000)
  investigatedPage?: number;

  /** With `district`: the page of the cases in follow-up (default 1). */
  @Optional()
  @QueryInt()
  @IsInt()
  @Min(1)
  @Max(100000)
  followUpPage?: number;

  /** With `district`: the page of the cases with no investigation opened, awaiting closing (default 1). */
  @Optional()
  @QueryInt()
  @IsInt()
  @Min(1)
  @Max(100000)
  notOpenedAwaitingClosingPage?: number;
}

export class DeadlinesQueryDto extends DistrictQueryDto {
  /** Cases per page of each list (default 50). */
  @Optional()
  @QueryInt()
  @IsInt()
  @Min(1)
  @Max(500)
  pageSize?: number;

  /** How many days ahead to look for three-year deadlines. */
  @Optional()
  @QueryInt()
  @IsInt()
  @Min(0)
  @Max(3650)
  withinDays?: number;

  /** The page of the upcoming deadlines (default 1). */
  @Optional()
  @QueryInt()
  @IsInt()
  @Min(1)
  @Max(100000)
  upcomingPage?: number;

  /** The page of the cases wholly past their limits (default 1). */
  @Optional()
  @QueryInt()
  @IsInt()
  @Min(1)
  @Max(100000)
  pastLimitPage?: number;
}
