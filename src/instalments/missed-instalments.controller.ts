import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../common/openapi';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { canSeeDistrict, type Principal } from '../auth/principal';
import { Problem } from '../common/problem';
import { DistrictRegister } from '../districts/district-register';
import { MissedInstalmentsDto, MissedInstalmentsQueryDto } from './missed-instalments.dto';
import { MissedInstalmentsService } from './missed-instalments.service';

@ApiTags('queues')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiProblems(400, 401, 403)
@Controller()
export class MissedInstalmentsController {
  constructor(
    private readonly missed: MissedInstalmentsService,
    private readonly districts: DistrictRegister,
  ) {}

  /**
   * Missade avbetalningar: the repayment plans of the caller's districts (or of `district`) with an instalment
   * missed or short past its last day to pay today, the longest behind first, with the amount behind and since when.
   */
  @Get('missed-instalments')
  @ApiOkResponse({ type: MissedInstalmentsDto, description: 'Repayment plans behind today, one page' })
  @Roles('investigator', 'unit-head')
  async list(
    @Query() q: MissedInstalmentsQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<MissedInstalmentsDto> {
    if (q.district && !this.districts.get(q.district))
      throw Problem.badRequest([{ field: 'district', message: `Unknown district ${q.district}` }]);
    if (q.district && !canSeeDistrict(principal, q.district))
      throw new Problem(403, 'district-not-permitted', 'Forbidden', `You may not see the cases of ${q.district}.`);
    return this.missed.list(q.district ? [q.district] : principal.districts, q.page ?? 1, q.pageSize ?? 50);
  }
}
