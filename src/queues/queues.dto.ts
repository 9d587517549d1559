import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { QueryInt, Optional } from '../common/validators';
import { sortValues } from '../common/list-sort';
import { PAST_LIMIT_SORT_KEYS, UPCOMING_SORT_KEYS, WAITING_SORT_KEYS } from './queue-queries';

const oneOf = (keys: readonly string[]) => ({ message: `sort must be one of ${sortValues(keys).join(', ')}` });

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

  /**
   * With `district`: the order of the cases waiting for pre-assessment, a column ascending or with '-' first
   * descending (default `receivedOn`, oldest first); `name` in Swedish order, protected identities last (a queue of
   * at most 1000 cases).
   */
  @ApiProperty({ required: false, enum: sortValues(WAITING_SORT_KEYS), example: '-receivedOn' })
  @Optional()
  @IsIn(sortValues(WAITING_SORT_KEYS), oneOf(WAITING_SORT_KEYS))
  awaitingPreAssessmentSort?: string;
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

  /**
   * The order of the upcoming deadlines, a column ascending or with '-' first descending (default `deadline`, the
   * nearest first); `stage` in process order, `district` by the districts' names in Swedish order, `name` in Swedish
   * order with protected identities last (a list of at most 1000 cases).
   */
  @ApiProperty({ required: false, enum: sortValues(UPCOMING_SORT_KEYS), example: '-amountLost' })
  @Optional()
  @IsIn(sortValues(UPCOMING_SORT_KEYS), oneOf(UPCOMING_SORT_KEYS))
  upcomingSort?: string;

  /** The order of the cases wholly past their limits, as `upcomingSort` (default `lastDeadline`, the longest past first). */
  @ApiProperty({ required: false, enum: sortValues(PAST_LIMIT_SORT_KEYS), example: '-expiredAmount' })
  @Optional()
  @IsIn(sortValues(PAST_LIMIT_SORT_KEYS), oneOf(PAST_LIMIT_SORT_KEYS))
  pastLimitSort?: string;
}
