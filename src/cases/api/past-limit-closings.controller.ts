import { Body, Controller, Headers, HttpCode, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCookieAuth, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Audited } from '../../audit/audit.interceptor';
import { Roles } from '../../auth/auth.decorators';
import { ApiProblems } from '../../common/openapi';
import { ClosePastLimitClaims } from '../application/close-past-limit.handler';
import { IdempotencyKeys } from '../application/idempotency';
import { PastLimitClosingAnswerDto, PastLimitClosingDto } from './past-limit-closings.dto';
import { requestMeta } from './request-meta';

/** The unit head's action on the deadline list: the claims wholly past their limits, closed in one request. */
@ApiTags('queues')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiProblems(400, 401, 403, 409, 429)
@Controller('deadlines')
export class PastLimitClosingsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly idempotency: IdempotencyKeys,
  ) {}

  /**
   * Close the picked cases whose claims are wholly past their three-year limits: for each, the waiver of what is
   * still owed for the time limit (eftergift, 9 kap. 4 § SoL 2001:453 / 33 kap. 6 § SoL 2025:400: a claim past its
   * limit cannot be sued for but is not extinguished) with its decision-maker, then the closing as Eftergift -
   * 3-årsgräns. Each case is its own change at the version picked; the answer says per case whether it closed or
   * why not (nothing is written of a refused case). The Idempotency-Key is required: a retry answers the same.
   */
  @Post('past-limit-closings')
  @HttpCode(200)
  @Roles('unit-head')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description: 'Required: a retry with the same key and body answers the same and closes nothing twice',
  })
  @ApiOkResponse({ type: PastLimitClosingAnswerDto, description: 'One result per case: closed or refused, and why' })
  @Audited('deadlines.close-past-limit')
  async close(
    @Body() body: PastLimitClosingDto,
    @Req() req: Request,
    @Headers() headers: Record<string, string>,
  ): Promise<PastLimitClosingAnswerDto> {
    const meta = requestMeta(req, req.body, headers, this.idempotency);
    return (await this.commandBus.execute(new ClosePastLimitClaims(body, meta))) as PastLimitClosingAnswerDto;
  }
}
