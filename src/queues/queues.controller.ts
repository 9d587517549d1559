import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { Problem } from '../common/problem';
import { DistrictRegister } from '../districts/district-register';
import { QueuesService } from './queues.service';

export class QueuesQueryDto {
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9-]{1,64}$/)
  district?: string;

  /** Days in queue after which a case is flagged overdue. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3650)
  overdueAfterDays?: number;
}

export class DeadlinesQueryDto {
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9-]{1,64}$/)
  district?: string;

  /** How many days ahead to look for three-year deadlines. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3650)
  withinDays?: number;
}

@ApiTags('queues')
@Controller()
export class QueuesController {
  constructor(
    private readonly queues: QueuesService,
    private readonly districts: DistrictRegister,
  ) {}

  private check(district: string | undefined): void {
    if (district && !this.districts.get(district))
      throw Problem.badRequest([{ field: 'district', message: `Unknown district ${district}` }]);
  }

  /** Per district what waits; without `district`, one summary row per district for the whole city. */
  @Get('queues')
  async list(@Query() q: QueuesQueryDto) {
    this.check(q.district);
    return this.queues.queues(q.district, q.overdueAfterDays ?? 30);
  }

  /** Claims whose three-year limit runs out within the window, and claims wholly past their limits. */
  @Get('deadlines')
  async deadlines(@Query() q: DeadlinesQueryDto) {
    this.check(q.district);
    return this.queues.deadlines(q.district, q.withinDays ?? 90);
  }
}
