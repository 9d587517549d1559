import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../common/openapi';
import { DistrictDto } from './district.dto';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, Length, Matches } from 'class-validator';
import { CurrentPrincipal, Roles } from '../../auth/auth.decorators';
import type { Principal } from '../../auth/principal';
import { Audited } from '../../audit/audit.interceptor';
import { Problem } from '../../common/problem';
import { IsLocalDate, IsPlainText } from '../../common/validators';
import { DistrictRegister } from '../../districts/district-register';
import { DistrictRegisterChanges } from '../../districts/district-register-changes.service';
import { CaseError } from '../domain/case-errors';

const CODE = /^[a-z0-9-]{1,64}$/;

export class AddDistrictDto {
  @IsString()
  @Matches(CODE, { message: 'code must be lower-case letters, digits and hyphens' })
  code!: string;

  @IsString()
  @Length(1, 100)
  @IsPlainText()
  name!: string;

  /** Case numbers start with it: `<prefix>-<year>-<sequence>`. */
  @IsString()
  @Matches(/^[A-ZÅÄÖ]{1,4}$/, { message: 'prefix must be one to four capital letters' })
  prefix!: string;

  @IsLocalDate()
  validFrom!: string;
}

export class MergeDistrictsDto {
  /** The districts that end the day before mergedOn. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @Matches(CODE, { each: true, message: 'each district must be a district code' })
  districts!: string[];

  /** The successor that takes over their open cases on mergedOn (add it first if it is new). */
  @IsString()
  @Matches(CODE, { message: 'into must be a district code' })
  into!: string;

  @IsLocalDate()
  mergedOn!: string;
}

/** A refused register change as problem+json naming the field. */
function problemOf(error: unknown): unknown {
  if (!(error instanceof CaseError)) return error;
  const status = error.kind === 'conflict' ? 409 : 422;
  return new Problem(status, error.code, status === 409 ? 'Conflict' : 'Unprocessable content', error.message, {
    errors: [{ field: error.field ?? 'body', message: error.message }],
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
  list(): DistrictDto[] {
    return this.register.all();
  }

  /** Adds a district from a date (recorded as an event; no new release needed). */
  @Post()
  @ApiOkResponse({ type: DistrictDto })
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
  @ApiOkResponse({ type: [DistrictDto] })
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
