import { IsInt, Max, Min } from 'class-validator';
import { Optional, QueryInt } from '../common/validators';
import { DistrictQueryDto } from '../queues/queues.dto';
import { ListedPersonDto } from '../queues/queue-responses.dto';

export class MissedInstalmentsQueryDto extends DistrictQueryDto {
  /** Plans per page (default 50). */
  @Optional()
  @QueryInt()
  @IsInt()
  @Min(1)
  @Max(500)
  pageSize?: number;

  /** 1-based (default 1). */
  @Optional()
  @QueryInt()
  @IsInt()
  @Min(1)
  @Max(100000)
  page?: number;
}

/** A repayment plan behind today: its case and person (as every list shows it), what is behind and since when. */
export class MissedInstalmentDto extends ListedPersonDto {
  /** The case's id. */
  id!: string;
  caseNumber!: string;
  district!: string;
  investigator!: string | null;
  /** The claim the plan pays. */
  claimId!: string;
  planAgreedOn!: string;
  monthlyAmount!: number;
  /** Due, past the last day to pay and unpaid, in kronor. */
  behind!: number;
  /** The due day of the oldest instalment not paid in full. */
  since!: string;
  /** The last day to pay that instalment (the due day, or the next working day). */
  payBy!: string;
  daysBehind!: number;
  /** Instalments wholly or partly unpaid past their last day to pay. */
  instalmentsBehind!: number;
  /** Repaid toward the plan so far. */
  paid!: number;
  /** What the plan pays in all. */
  total!: number;
}

/** Longest behind first (by the last day to pay the oldest unpaid instalment), then case number. */
export class MissedInstalmentsDto {
  today!: string;
  districts!: string[];
  /** Plans behind over all pages (from kept counts). */
  total!: number;
  /** 1-based. */
  page!: number;
  pageSize!: number;
  items!: MissedInstalmentDto[];
}
