import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Audited } from '../../audit/audit.interceptor';
import { CurrentPrincipal, Roles } from '../../auth/auth.decorators';
import type { Principal } from '../../auth/principal';
import { ApiProblems } from '../../common/openapi';
import { EventCorrections } from '../application/event-corrections.service';
import { caseIdOf, isCaseStream } from '../application/case-stream';
import {
  EventCorrectionDto,
  RecordedCorrectionDto,
  UnreadableEventDto,
  UnreadableEventQueryDto,
} from './event-corrections.dto';

/**
 * Administrators mend a case event the service cannot read (see /health): the
 * log is never edited; a correction is recorded and read in the event's place.
 */
@ApiTags('administration')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiProblems(401, 403, 429)
@Roles('admin')
@Controller('event-corrections')
export class EventCorrectionsController {
  constructor(private readonly corrections: EventCorrections) {}

  /** An unreadable case event as stored, with each field that is wrong. */
  @Get('unreadable')
  @ApiOkResponse({ type: UnreadableEventDto, description: 'The event as stored, with each field that is wrong' })
  @ApiProblems(400, 404, 409)
  // The event is a case's, with its personal data: recorded as a read of that case.
  @Audited('admin.unreadable-event', {
    concerns: (request) => {
      const streamId = (request.query as Record<string, unknown> | undefined)?.streamId;
      return typeof streamId === 'string' && isCaseStream(streamId) ? caseIdOf(streamId) : undefined;
    },
  })
  unreadable(@Query() query: UnreadableEventQueryDto): Promise<UnreadableEventDto> {
    return this.corrections.unreadable(query.streamId, query.position);
  }

  /** Record a correction of an unreadable case event; the read models then apply it and go on. */
  @Post()
  @ApiCreatedResponse({
    type: RecordedCorrectionDto,
    description: 'The correction is recorded; the read models apply it',
  })
  @ApiProblems(400, 404, 409, 422)
  @Audited('admin.event-correction')
  correct(@Body() body: EventCorrectionDto, @CurrentPrincipal() principal: Principal): Promise<RecordedCorrectionDto> {
    return this.corrections.correct(body.streamId, body.position, body.fields, body.reason, principal.user);
  }
}
