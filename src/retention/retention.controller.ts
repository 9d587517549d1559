import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { Audited } from '../audit/audit.interceptor';
import { RetentionService } from './retention.service';

export class RetentionRunDto {
  /** List what is due without culling anything. */
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}

@ApiTags('retention')
@ApiBearerAuth()
@Roles('admin')
@Controller('retention')
export class RetentionController {
  constructor(private readonly retention: RetentionService) {}

  /** What a retention run would cull now. */
  @Get('due')
  due() {
    return this.retention.plan();
  }

  @Post('runs')
  @HttpCode(200)
  @Audited('retention.run')
  run(@Body() body: RetentionRunDto, @CurrentPrincipal() principal: Principal) {
    return body.dryRun ? this.retention.plan() : this.retention.run(principal.user);
  }
}
