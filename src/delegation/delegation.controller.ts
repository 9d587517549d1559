import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../common/openapi';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { Audited } from '../audit/audit.interceptor';
import { Problem } from '../common/problem';
import { kronorToOre } from '../kernel/money';
import { DelegationRegister } from './delegation-register';
import { DelegationRefusal } from './delegation-register-decider';
import { DelegationRegisterChanges } from './delegation-register-changes.service';
import { AdoptDelegationPointDto, DelegationPointDto, RevokeDelegationPointDto, pointDto } from './delegation.dto';

/** A refused change as problem+json naming the field. */
function problemOf(error: unknown): unknown {
  if (!(error instanceof DelegationRefusal)) return error;
  const status = error.kind === 'conflict' ? 409 : 422;
  return new Problem(status, error.code, status === 409 ? 'Conflict' : 'Unprocessable content', error.message, {
    errors: [{ field: error.field, message: error.message }],
  });
}

@ApiTags('delegation')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiProblems(401)
@Roles('investigator', 'unit-head', 'department', 'admin')
@Controller('delegation-points')
export class DelegationController {
  constructor(
    private readonly register: DelegationRegister,
    private readonly changes: DelegationRegisterChanges,
  ) {}

  /** The nämnd's delegation order: every version of every point, by number, with who may decide what and from when. */
  @Get()
  @ApiOkResponse({ type: [DelegationPointDto], description: 'Every version of every point of the delegation order' })
  list(): DelegationPointDto[] {
    return this.register.points.map(pointDto);
  }

  /** Records a point the nämnd adopted (or a new wording of one) from a date; the version before ends the day before. */
  @Post()
  @HttpCode(200)
  @ApiOkResponse({ type: [DelegationPointDto], description: "The point's versions as the order now holds them" })
  @ApiProblems(400, 403, 409, 422)
  @Roles('admin')
  @Audited('delegation.adopt')
  async adopt(@Body() b: AdoptDelegationPointDto, @CurrentPrincipal() principal: Principal) {
    try {
      await this.changes.change(
        {
          type: 'AdoptDelegationPoint',
          data: {
            number: b.number,
            title: b.title,
            decisionTypes: b.decisionTypes,
            delegates: b.delegates,
            districts: b.districts ?? null,
            maxAmountOre: b.maxAmount === undefined ? null : kronorToOre(b.maxAmount),
            validFrom: b.validFrom,
          },
        },
        principal.user,
      );
    } catch (error) {
      throw problemOf(error);
    }
    return this.versionsOf(b.number);
  }

  /** Records that the nämnd revoked a point from a date: its version in force ends the day before. */
  @Post('revocations')
  @HttpCode(200)
  @ApiOkResponse({ type: [DelegationPointDto], description: "The point's versions as the order now holds them" })
  @ApiProblems(400, 403, 409, 422)
  @Roles('admin')
  @Audited('delegation.revoke')
  async revoke(@Body() b: RevokeDelegationPointDto, @CurrentPrincipal() principal: Principal) {
    try {
      await this.changes.change({ type: 'RevokeDelegationPoint', data: { ...b } }, principal.user);
    } catch (error) {
      throw problemOf(error);
    }
    return this.versionsOf(b.number);
  }

  private versionsOf(number: string): DelegationPointDto[] {
    return this.register.points.filter((p) => p.number === number).map(pointDto);
  }
}
