import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../common/openapi';
import { RetentionPlanDto, RetentionRunResultDto } from './retention-responses.dto';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { Audited } from '../audit/audit.interceptor';
import { RetentionService } from './retention.service';
import { RetentionRunDto } from './retention.dto';

@ApiTags('retention')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiProblems(400, 401, 403)
@Roles('admin')
@Controller('retention')
export class RetentionController {
  constructor(private readonly retention: RetentionService) {}

  /** What a retention run would cull now. */
  @Get('due')
  @ApiOkResponse({ type: RetentionPlanDto, description: 'The cases a run would cull now' })
  due(): Promise<RetentionPlanDto> {
    return this.retention.plan();
  }

  /** Run retention now (`dryRun: false`), or list what it would cull (`dryRun: true`). */
  @Post('runs')
  @HttpCode(200)
  @Audited('retention.run')
  @ApiOkResponse({ type: RetentionRunResultDto, description: 'What was culled, or (dry run) what would be' })
  run(@Body() body: RetentionRunDto, @CurrentPrincipal() principal: Principal): Promise<RetentionRunResultDto> {
    return body.dryRun === false ? this.retention.run(principal.user) : this.retention.plan();
  }
}
