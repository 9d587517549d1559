import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCookieAuth,
  ApiExtraModels,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { ApiProblems } from '../common/openapi';
import { CSV_MEDIA_TYPE, XLSX_CONTENT_TYPE } from '../common/table-export';
import { AnnualStatisticsDto, TrendDto } from './statistics-responses.dto';
import { Roles } from '../auth/auth.decorators';
import type { Response } from 'express';
import { Problem } from '../common/problem';
import { ReportService, type ReportFormat } from './report/report.service';
import { StatisticsService } from './statistics.service';
import { FIRST_YEAR, KnownAtQueryDto, LAST_YEAR, TrendQueryDto, ReportQueryDto } from './statistics.dto';

export function parseYear(text: string): number {
  if (!/^\d{4}$/.test(text) || Number(text) < FIRST_YEAR || Number(text) > LAST_YEAR) {
    throw Problem.badRequest([{ field: 'year', message: `year must be a year from ${FIRST_YEAR} to ${LAST_YEAR}` }]);
  }
  return Number(text);
}

@ApiTags('statistics')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiProblems(400, 401, 403)
@ApiExtraModels(AnnualStatisticsDto)
@Roles('department')
@Controller()
export class StatisticsController {
  constructor(
    private readonly statistics: StatisticsService,
    private readonly reports: ReportService,
  ) {}

  /** `/statistics/annual/2018` as JSON; `.csv` as CSV for Swedish Excel, `.xlsx` as an Excel workbook. */
  @Get('statistics/annual/:year')
  @ApiProduces('application/json', CSV_MEDIA_TYPE, XLSX_CONTENT_TYPE)
  @ApiOkResponse({
    description:
      'JSON; CSV (semicolon-separated, for Swedish Excel) when the year ends in .csv, an Excel workbook when in .xlsx',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(AnnualStatisticsDto) } },
      [CSV_MEDIA_TYPE]: { schema: { type: 'string' } },
      [XLSX_CONTENT_TYPE]: { schema: { type: 'string', format: 'binary' } },
    },
  })
  async annual(
    @Param('year') param: string,
    @Query() query: KnownAtQueryDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    const extension = /\.(csv|xlsx)$/.exec(param)?.[1] as 'csv' | 'xlsx' | undefined;
    const year = parseYear(extension ? param.slice(0, -extension.length - 1) : param);
    if (!extension) return this.statistics.annual(year, query.knownAt ?? null);
    const { body, contentType } = await this.reports.render(year, extension, query.knownAt ?? null);
    res.setHeader('Content-Type', contentType);
    res.setHeader('Content-Disposition', `attachment; filename="fut-statistik-${year}.${extension}"`);
    return extension === 'xlsx' ? new StreamableFile(body as Buffer) : body;
  }

  /** City totals year by year, for the five-year series. */
  @Get('statistics/trend')
  @ApiOkResponse({ type: TrendDto, description: 'The figures year by year' })
  async trend(@Query() query: TrendQueryDto): Promise<TrendDto> {
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

  /** The yearly report "Rapport över arbetet mot felaktiga utbetalningar och bidragsbrott" as HTML or PDF. */
  @Get('reports/annual/:year')
  @ApiOkResponse({
    description: 'The report as HTML, or as a tagged PDF with format=pdf',
    content: {
      'text/html': { schema: { type: 'string' } },
      'application/pdf': { schema: { type: 'string', format: 'binary' } },
    },
  })
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
