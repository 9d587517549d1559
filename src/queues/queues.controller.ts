import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiExtraModels, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { ApiProblems } from '../common/openapi';
import { DeadlinesDto, DistrictQueueDto, QueueSummaryDto } from './queue-responses.dto';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { canSeeDistrict, type Principal } from '../auth/principal';
import { Problem } from '../common/problem';
import { DistrictRegister } from '../districts/district-register';
import { FIRST_QUEUE_PAGES, QueuesService } from './queues.service';
import { QueuesQueryDto, DeadlinesQueryDto } from './queues.dto';
import { type SortOrder, sortOrder } from '../common/list-sort';
import type { PastLimitSortKey, UpcomingSortKey, WaitingSortKey } from './queue-queries';

/** The order a list was asked for; undefined for its own (the index's, ascending on `own`), which reads unsorted. */
function asked<K extends string>(value: string | undefined, own: K): SortOrder<K> | undefined {
  const order = sortOrder<K>(value, { key: own, descending: false });
  return order.key === own && !order.descending ? undefined : order;
}

@ApiTags('queues')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiProblems(400, 401, 403)
@ApiExtraModels(QueueSummaryDto, DistrictQueueDto)
@Controller()
export class QueuesController {
  constructor(
    private readonly queues: QueuesService,
    private readonly districts: DistrictRegister,
  ) {}

  /** A known district the caller may look into; the department sees city-wide counts only. */
  private check(principal: Principal, district: string | undefined): void {
    if (district && !this.districts.get(district)) {
      throw Problem.badRequest([{ field: 'district', message: `Unknown district ${district}` }]);
    }
    if (district && !canSeeDistrict(principal, district)) {
      throw new Problem(403, 'district-not-permitted', 'Forbidden', `You may not see the cases of ${district}.`);
    }
  }

  /**
   * Per district what waits, each list one page with its total; without `district`, one summary row per district
   * (the caller's, or the whole city for the department).
   */
  @Get('queues')
  @ApiOkResponse({
    description: "A district's queues, or (without a district) the summary over the caller's districts",
    schema: { oneOf: [{ $ref: getSchemaPath(QueueSummaryDto) }, { $ref: getSchemaPath(DistrictQueueDto) }] },
  })
  @Roles('investigator', 'unit-head', 'department')
  async list(
    @Query() q: QueuesQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<QueueSummaryDto | DistrictQueueDto> {
    this.check(principal, q.district);
    const overdueAfterDays = q.overdueAfterDays ?? 30;
    if (!q.district) {
      return this.queues.queueSummary(
        overdueAfterDays,
        principal.role === 'department' ? undefined : principal.districts,
      );
    }
    return this.queues.districtQueue(q.district, overdueAfterDays, {
      pageSize: q.pageSize ?? FIRST_QUEUE_PAGES.pageSize,
      awaitingPreAssessment: q.awaitingPreAssessmentPage ?? 1,
      openInvestigations: q.openInvestigationsPage ?? 1,
      investigated: q.investigatedPage ?? 1,
      followUp: q.followUpPage ?? 1,
      notOpenedAwaitingClosing: q.notOpenedAwaitingClosingPage ?? 1,
      awaitingPreAssessmentSort: asked<WaitingSortKey>(q.awaitingPreAssessmentSort, 'receivedOn'),
    });
  }

  /**
   * Money whose three-year limit runs out within the window (queued, investigated and claimed cases), and cases
   * wholly past their limits: each list one page, with its total and the sum of its amounts over all pages.
   */
  @Get('deadlines')
  @ApiOkResponse({
    type: DeadlinesDto,
    description: 'Claims whose limit runs out within the days asked, and those past it',
  })
  @Roles('investigator', 'unit-head')
  async deadlines(@Query() q: DeadlinesQueryDto, @CurrentPrincipal() principal: Principal): Promise<DeadlinesDto> {
    this.check(principal, q.district);
    return this.queues.deadlines(q.district ? [q.district] : principal.districts, q.withinDays ?? 90, {
      pageSize: q.pageSize ?? 50,
      upcoming: q.upcomingPage ?? 1,
      pastLimit: q.pastLimitPage ?? 1,
      upcomingSort: asked<UpcomingSortKey>(q.upcomingSort, 'deadline'),
      pastLimitSort: asked<PastLimitSortKey>(q.pastLimitSort, 'lastDeadline'),
    });
  }
}
