import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { canSeeDistrict, type Principal } from '../auth/principal';
import { ApiProblems } from '../common/openapi';
import { Problem } from '../common/problem';
import { StaffDirectory } from './staff-directory';
import { StaffMemberDto, StaffQueryDto } from './staff.dto';

@ApiTags('staff')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiProblems(401, 403)
@Roles('investigator', 'unit-head')
@Controller('staff')
export class StaffController {
  constructor(private readonly staff: StaffDirectory) {}

  /** The staff known in one of the caller's districts (signed in, or in the staff register): whom its cases can be given to. */
  @Get()
  @ApiOkResponse({ type: [StaffMemberDto], description: 'The staff known in the district' })
  @ApiProblems(400)
  async list(@Query() q: StaffQueryDto, @CurrentPrincipal() principal: Principal): Promise<StaffMemberDto[]> {
    if (!canSeeDistrict(principal, q.district))
      throw Problem.badRequest([{ field: 'district', message: 'not one of your districts' }]);
    return (await this.staff.inDistrict(q.district)) as StaffMemberDto[];
  }
}
