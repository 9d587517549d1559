import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../common/openapi';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { Audited } from '../audit/audit.interceptor';
import { MyWorkQueryDto } from './my-work.dto';
import { MyCasesDto, MyRemindersDto } from './my-work-responses.dto';
import { MyWorkService } from './my-work.service';

const PAGE_SIZE = 25;

/** The investigator's day: their own open cases with what is due first, and their reminders (bevakningar). */
@ApiTags('my-work')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiProblems(400, 401, 403, 429)
@Roles('investigator', 'unit-head')
@Controller('my-work')
export class MyWorkController {
  constructor(private readonly work: MyWorkService) {}

  /** My open cases (where I am the investigator), what is due first first: a reminder or a three-year deadline. */
  @Get('cases')
  @ApiOkResponse({ type: MyCasesDto, description: 'One page of my open cases' })
  @Audited('my-work.cases')
  async cases(@Query() q: MyWorkQueryDto, @CurrentPrincipal() principal: Principal): Promise<MyCasesDto> {
    return this.work.myCases(principal, q.page ?? 1, q.pageSize ?? PAGE_SIZE);
  }

  /** My reminders across my cases that show today, the overdue first ("Mina bevakningar"). */
  @Get('reminders')
  @ApiOkResponse({ type: MyRemindersDto, description: 'One page of my reminders' })
  @Audited('my-work.reminders')
  async reminders(@Query() q: MyWorkQueryDto, @CurrentPrincipal() principal: Principal): Promise<MyRemindersDto> {
    return this.work.myReminders(principal, q.page ?? 1, q.pageSize ?? PAGE_SIZE);
  }
}
