import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../common/openapi';
import { AuditPageDto } from './audit-responses.dto';
import { Roles } from '../auth/auth.decorators';
import { AuditLog } from './audit-log';
import { AuditQueryDto } from './audit.dto';

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
  @ApiOkResponse({ type: AuditPageDto, description: 'One page of the audit trail, newest first' })
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
