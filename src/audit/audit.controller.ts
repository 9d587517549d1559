import { QueryInt } from '../common/validators';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../common/openapi';
import { AuditPageDto } from './audit-responses.dto';
import { IsInt, IsISO8601, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { Roles } from '../auth/auth.decorators';
import { USER_ID } from '../auth/principal';
import { AuditLog } from './audit-log';

export class AuditQueryDto {
  @IsOptional()
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, { message: 'caseId must be a case id' })
  caseId?: string;

  @IsOptional()
  @IsString()
  @Matches(USER_ID, { message: 'user must be a user id' })
  user?: string;

  /** From this instant (ISO 8601), inclusive. */
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  /** Up to this instant (ISO 8601), exclusive. */
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @IsOptional()
  @QueryInt()
  @IsInt()
  @Min(1)
  @Max(10000)
  limit?: number;
}

@ApiTags('audit')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiProblems(400, 401, 403)
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditLog) {}

  /** The audit trail, newest first. For the administrator only. */
  @Get()
  @Roles('admin')
  find(@Query() q: AuditQueryDto): AuditPageDto {
    const normalize = (t?: string): string | undefined => (t ? new Date(t).toISOString() : undefined);
    return {
      entries: this.audit.find({
        caseId: q.caseId,
        user: q.user,
        from: normalize(q.from),
        to: normalize(q.to),
        limit: q.limit ?? 500,
      }),
    };
  }
}
