import { ApiProperty } from '@nestjs/swagger';
import type { QueuesService } from './queues.service';

/** Response bodies of the queue and deadline endpoints, checked against what the service returns. */
type DistrictQueue = Extract<Awaited<ReturnType<QueuesService['queues']>>, { district: string }>;

export class QueueSummaryRowDto {
  district!: string;
  name!: string;
  awaitingPreAssessment!: number;
  /** Waiting longer than overdueAfterDays. */
  overdue!: number;
  oldestReceivedOn!: string | null;
  openInvestigations!: number;
  investigated!: number;
  followUp!: number;
  notOpenedAwaitingClosing!: number;
}

/** Without `district`: one summary row per district. */
export class QueueSummaryDto {
  today!: string;
  overdueAfterDays!: number;
  districts!: QueueSummaryRowDto[];
}

export class QueueCaseDto {
  id!: string;
  caseNumber!: string;
  receivedOn!: string;
  investigator!: string | null;
  /** The case version, for If-Match when assigning from the queue. */
  version!: number;
}

/** A case's three-year limit as the queue shows it (kronor). */
export class QueueLimitDto {
  nextDeadline!: string | null;
  daysLeft!: number | null;
  amountLostIfNothingIsDone!: number;
  claimableAmount!: number;
  expiredAmount!: number;
}

/** Waiting and investigated cases show what the three-year limit is about to take. */
export class QueueCaseWithLimitDto extends QueueCaseDto {
  threeYearLimit!: QueueLimitDto;
}

export class WaitingCaseDto extends QueueCaseWithLimitDto {
  daysWaiting!: number;
  overdue!: boolean;
}

export class InvestigatorWorkloadDto {
  /** null: not assigned. */
  investigator!: string | null;
  count!: number;
  cases!: QueueCaseWithLimitDto[];
}

/** With `district`: the cases themselves, oldest first. */
export class DistrictQueueDto implements DistrictQueue {
  today!: string;
  overdueAfterDays!: number;
  district!: string;
  name!: string;
  awaitingPreAssessment!: WaitingCaseDto[];
  openInvestigations!: InvestigatorWorkloadDto[];
  investigated!: QueueCaseWithLimitDto[];
  followUp!: QueueCaseDto[];
  notOpenedAwaitingClosing!: QueueCaseDto[];
}

export class DeadlineCaseDto {
  id!: string;
  caseNumber!: string;
  district!: string;
  investigator!: string | null;
  /** Where the money at stake is: waiting for pre-assessment, under investigation, or claimed. */
  @ApiProperty({ enum: ['queue', 'investigation', 'claim'] })
  stage!: 'queue' | 'investigation' | 'claim';
}

export class UpcomingDeadlineDto extends DeadlineCaseDto {
  deadline!: string;
  daysLeft!: number;
  /** Kronor that can no longer be sued for after the deadline. */
  amountLostIfNothingIsDone!: number;
  claimableAmount!: number;
}

export class SuggestedPreAssessmentDto {
  @ApiProperty({ enum: ['no-investigation'] })
  decision!: 'no-investigation';
  @ApiProperty({ enum: ['time-limit'] })
  reason!: 'time-limit';
}

export class PastLimitDto extends DeadlineCaseDto {
  expiredAmount!: number;
  /** For a claim: close as Eftergift - 3-årsgräns. */
  @ApiProperty({ enum: ['waived-time-limit'], required: false })
  suggestedClosingReason?: 'waived-time-limit';
  /** For a queued case: no investigation, for the time limit. */
  suggestedPreAssessment?: SuggestedPreAssessmentDto;
}

/** Not `implements`: the service's past-limit items are a union of suggestions this class flattens. */
export class DeadlinesDto {
  today!: string;
  withinDays!: number;
  districts!: string[];
  upcoming!: UpcomingDeadlineDto[];
  pastLimit!: PastLimitDto[];
}
