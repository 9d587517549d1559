import { ApiProperty } from '@nestjs/swagger';
import type { QueuesService } from './queues.service';

/** Response bodies of the queue and deadline endpoints, checked against what the service returns. */
type DistrictQueue = Awaited<ReturnType<QueuesService['districtQueue']>>;

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

/** The person's name as a list shows it (see CaseListItemDto.personName). */
export class ListedPersonDto {
  /** Null when none is known, culled, or while anyone's identity in the case is protected. */
  personName!: string | null;
  /** True while anyone's identity in the case is protected: the screens say so in place of the name. */
  identityProtected!: boolean;
}

export class QueueCaseDto extends ListedPersonDto {
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

/** A page of a list, as `GET /api/cases` pages it. */
export class ListPageDto {
  /** Items in the list over all pages, from kept counts. */
  total!: number;
  /** 1-based. */
  page!: number;
  pageSize!: number;
}

/** Waiting for pre-assessment, oldest first. */
export class WaitingCasePageDto extends ListPageDto {
  items!: WaitingCaseDto[];
}

export class InvestigatorWorkloadDto {
  /** null: not assigned. */
  investigator!: string | null;
  count!: number;
}

/** Open investigations by investigator (unassigned last), then oldest first. */
export class InvestigationPageDto extends ListPageDto {
  items!: QueueCaseWithLimitDto[];
  /** Every investigator with open investigations in the district, with their count (not only this page's). */
  byInvestigator!: InvestigatorWorkloadDto[];
}

/** Oldest first. */
export class QueueCaseWithLimitPageDto extends ListPageDto {
  items!: QueueCaseWithLimitDto[];
}

/** Oldest first. */
export class QueueCasePageDto extends ListPageDto {
  items!: QueueCaseDto[];
}

/** With `district`: one page of each of the district's lists, each with its total. */
export class DistrictQueueDto implements DistrictQueue {
  today!: string;
  overdueAfterDays!: number;
  district!: string;
  name!: string;
  awaitingPreAssessment!: WaitingCasePageDto;
  openInvestigations!: InvestigationPageDto;
  investigated!: QueueCaseWithLimitPageDto;
  followUp!: QueueCasePageDto;
  notOpenedAwaitingClosing!: QueueCasePageDto;
}

export class DeadlineCaseDto extends ListedPersonDto {
  id!: string;
  caseNumber!: string;
  /** The case version, for If-Match (and the closing of claims past their limits) from the list. */
  version!: number;
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
  /** The last day a suit could have covered some of the money (null: none ever could). */
  lastDeadline!: string | null;
  expiredAmount!: number;
  /** For a claim: close as Eftergift - 3-årsgräns. */
  @ApiProperty({ enum: ['waived-time-limit'], required: false })
  suggestedClosingReason?: 'waived-time-limit';
  /** For a queued case: no investigation, for the time limit. */
  suggestedPreAssessment?: SuggestedPreAssessmentDto;
}

/** Soonest deadline first, then case number. */
export class UpcomingDeadlinePageDto extends ListPageDto {
  items!: UpcomingDeadlineDto[];
  /** Kronor lost over all pages if nothing is done. */
  amountLostIfNothingIsDone!: number;
}

/** By the last deadline, the longest past first, then case number. */
export class PastLimitPageDto extends ListPageDto {
  items!: PastLimitDto[];
  /** Kronor past the limits over all pages. */
  expiredAmount!: number;
}

/** Not `implements`: the service's past-limit items are a union of suggestions this class flattens. */
export class DeadlinesDto {
  today!: string;
  withinDays!: number;
  districts!: string[];
  upcoming!: UpcomingDeadlinePageDto;
  pastLimit!: PastLimitPageDto;
}
