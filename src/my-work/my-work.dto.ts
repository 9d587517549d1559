import { IsInt, Max, Min } from 'class-validator';
import { Optional, QueryInt } from '../common/validators';

/** Which page of one of the caller's own lists. */
export class MyWorkQueryDto {
  /** 1 when left out. */
  @Optional()
  @QueryInt()
  @IsInt()
  @Min(1)
  @Max(100000)
  page?: number;

  /** 25 when left out. */
  @Optional()
  @QueryInt()
  @IsInt()
  @Min(1)
  @Max(500)
  pageSize?: number;
}
