import { QueryInt } from '../common/validators';
import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import type { Response } from 'express';
import { Problem } from '../common/problem';
import { IsLocalDate } from '../common/validators';
import { ReportService, type ReportFormat } from './report/report.service';
import { StatisticsService } from './statistics.service';

const FIRST_YEAR = 2000;
const LAST_YEAR = 2100;

export class KnownAtQueryDto {
  /** Figures as they could have been produced at the end of this day: only events recorded by then. */
  @IsOptional()
  @IsLocalDate()
  knownAt?: string;
}

export class TrendQueryDto extends KnownAtQueryDto {
  @QueryInt()
  @IsInt()
  @Min(FIRST_YEAR)
  @Max(LAST_YEAR)
  from!: number;

  @QueryInt()
  @IsInt()
  @Min(FIRST_YEAR)
  @Max(LAST_YEAR)
  to!: number;
}

export class ReportQueryDto extends KnownAtQueryDto {
  @IsOptional()
  @IsIn(['html', 'pdf'])
  format?: 'html' | 'pdf';
}

export function parseYear(text: string): number {
  if (!/^\d{4}$/.test(text) || Number(text) < FIRST_YEAR || Number(text) > LAST_YEAR) {
    throw Problem.badRequest([{ field: 'year', message: `year must be a year from ${FIRST_YEAR} to ${LAST_YEAR}` }]);
  }
  return Number(text);
}

@ApiTags('statistics')
@ApiBearerAuth()
@Roles('department')
@Controller()
export class StatisticsController {
  constructor(
    private readonly statistics: StatisticsService,
    private readonly reports: ReportService,
  ) {}

  /** `/statistics/annual/2018` as JSON, `/statistics/annual/2018.csv` as CSV for Swedish Excel. */
  @Get('statistics/annual/:year')
  async annual(
    @Param('year') param: string,
    @Query() query: KnownAtQueryDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    const csv = param.endsWith('.csv');
    const year = parseYear(csv ? param.slice(0, -4) : param);
    if (!csv) return this.statistics.annual(year, query.knownAt ?? null);
    const { body, contentType } = await this.reports.render(year, 'csv', query.knownAt ?? null);
    res.setHeader('Content-Type', contentType);
    res.setHeader('Content-Disposition', `attachment; filename="fut-statistik-${year}.csv"`);
    return body;
  }

  @Get('statistics/trend')
  async trend(@Query() query: TrendQueryDto) {
    if (query.to < query.from) throw Problem.badRequest([{ field: 'to', message: 'to must not be before from' }]);
    if (query.to - query.from > 30)
      throw Problem.badRequest([{ field: 'to', message: 'a trend covers at most 31 years' }]);
    return {
      from: query.from,
      to: query.to,
      knownAt: query.knownAt ?? null,
      years: await this.statistics.trend(query.from, query.to, query.knownAt ?? null),
    };
  }

  @Get('reports/annual/:year')
  async report(
    @Param('year') param: string,
    @Query() query: ReportQueryDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    const year = parseYear(param);
    const format: ReportFormat = query.format ?? 'html';
    const { body, contentType } = await this.reports.render(year, format, query.knownAt ?? null);
    res.setHeader('Content-Type', contentType);
    if (format === 'pdf') {
      res.setHeader('Content-Disposition', `inline; filename="fut-rapport-${year}.pdf"`);
      return new StreamableFile(body as Buffer);
    }
    return body;
  }
}
