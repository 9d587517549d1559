import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../common/openapi';
import { AddDistrictDto, DistrictDto, MergeDistrictsDto } from './district.dto';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { Audited } from '../audit/audit.interceptor';
import { Problem } from '../common/problem';
import { DistrictRegister } from './district-register';
import { RegisterRefusal } from './district-register-decider';
import { DistrictRegisterChanges } from './district-register-changes.service';

/** A refused register change as problem+json naming the field. */
function problemOf(error: unknown): unknown {
  if (!(error instanceof RegisterRefusal)) return error;
  const status = error.kind === 'conflict' ? 409 : 422;
  return new Problem(status, error.code, status === 409 ? 'Conflict' : 'Unprocessable content', error.message, {
    errors: [{ field: error.field, message: error.message }],
  });
}

@ApiTags('districts')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiProblems(401)
@Roles('investigator', 'unit-head', 'department', 'admin')
@Controller('districts')
export class DistrictsController {
  constructor(
    private readonly register: DistrictRegister,
    private readonly changes: DistrictRegisterChanges,
  ) {}

  /** The register of districts with code, name, case-number prefix, validity and successor, in the report's order. */
  @Get()
  @ApiOkResponse({
    type: [DistrictDto],
    description: 'Every district of the register, with its validity and successor',
  })
  list(): DistrictDto[] {
    return this.register.all();
  }

  /** Adds a district from a date (recorded as an event; no new release needed). */
  @Post()
  @ApiOkResponse({ type: DistrictDto, description: 'The district as the register now holds it' })
  @ApiProblems(400, 403, 409, 422)
  @Roles('admin')
  @Audited('districts.add')
  async add(@Body() b: AddDistrictDto, @CurrentPrincipal() principal: Principal) {
    try {
      await this.changes.change({ type: 'AddDistrict', data: { ...b } }, principal.user);
    } catch (error) {
      throw problemOf(error);
    }
    return this.register.get(b.code);
  }

  /** Merges districts into a successor from a date: they end the day before, and their open cases pass to it that day. */
  @Post('mergers')
  @ApiOkResponse({ type: [DistrictDto], description: 'The districts the merger changed' })
  @ApiProblems(400, 403, 409, 422)
  @Roles('admin')
  @Audited('districts.merge')
  async merge(@Body() b: MergeDistrictsDto, @CurrentPrincipal() principal: Principal) {
    try {
      await this.changes.change({ type: 'MergeDistricts', data: { ...b } }, principal.user);
    } catch (error) {
      throw problemOf(error);
    }
    return [...b.districts, b.into].map((code) => this.register.get(code));
  }
}
