import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { QueryInt } from '../common/validators';

export class DistrictQueryDto {
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9-]{1,64}$/)
  district?: string;
}
export class QueuesQueryDto extends DistrictQueryDto {
  /** Days in queue after which a case is flagged overdue. */
  @IsOptional()
  @QueryInt()
  @IsInt()
  @Min(0)
  @Max(3650)
  overdueAfterDays?: number;
}
export class DeadlinesQueryDto extends DistrictQueryDto {
  /** How many days ahead to look for three-year deadlines. */
  @IsOptional()
  @QueryInt()
  @IsInt()
  @Min(0)
  @Max(3650)
  withinDays?: number;
}
