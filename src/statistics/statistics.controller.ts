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
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { canSeeDistrict, type Principal } from '../auth/principal';
import type { Response } from 'express';
import { Problem } from '../common/problem';
import { DistrictRegister } from '../districts/district-register';
import { DOCX_CONTENT_TYPE, ReportService, type ReportFormat, withDistricts } from './report/report.service';
import { FIRST_YEAR, KnownAtQueryDto, LAST_YEAR, MemoQueryDto, TrendQueryDto, ReportQueryDto } from './statistics.dto';

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
    private readonly reports: ReportService,
    private readonly districts: DistrictRegister,
  ) {}

  /**
   * The districts whose rows a caller gets: the department every district's (undefined), a unit head their own.
   * Beside them both get the city's total: an aggregate over every district with no personal data, the figure
   * the city's own yearly report publishes, which each district's yearly note sets its own beside. No cell is
   * suppressed: the service has no rule for it, and a unit head's own districts are the cases they already
   * read one by one; the yearly report, which these figures must reproduce, publishes them unsuppressed.
   */
  private districtsShown(principal: Principal): string[] | undefined {
    return principal.role === 'department' ? undefined : principal.districts;
  }

  /**
   * `/statistics/annual/2018` as JSON; `.csv` as CSV for Swedish Excel, `.xlsx` as an Excel workbook. An approved
   * year shows its approved figures unless knownAt or current=true asks for others. The department gets every
   * district's row, a unit head their own districts' rows; both the city's total.
   */
  @Get('statistics/annual/:year')
  @Roles('department', 'unit-head')
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
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    const extension = /\.(csv|xlsx)$/.exec(param)?.[1] as 'csv' | 'xlsx' | undefined;
    const year = parseYear(extension ? param.slice(0, -extension.length - 1) : param);
    const current = query.current === 'true';
    const onlyDistricts = this.districtsShown(principal);
    if (!extension) {
      const { stats: all, approval } = await this.reports.figures(year, query.knownAt ?? null, current);
      const stats = withDistricts(all, onlyDistricts);
      return approval
        ? {
            ...stats,
            approved: {
              version: approval.version,
              knownAt: approval.knownAt,
              approvedOn: approval.approvedOn,
              approvedBy: approval.approvedBy,
              fingerprint: approval.fingerprint,
            },
          }
        : stats;
    }
    const { body, contentType } = await this.reports.render(year, extension, query.knownAt ?? null, {
      current,
      onlyDistricts,
    });
    res.setHeader('Content-Type', contentType);
    res.setHeader('Content-Disposition', `attachment; filename="fut-statistik-${year}.${extension}"`);
    return extension === 'xlsx' ? new StreamableFile(body as Buffer) : body;
  }

  private checkedRange(query: TrendQueryDto): void {
    if (query.to < query.from) throw Problem.badRequest([{ field: 'to', message: 'to must not be before from' }]);
    if (query.to - query.from > 30)
      throw Problem.badRequest([{ field: 'to', message: 'a trend covers at most 31 years' }]);
  }

  /**
   * City totals year by year, for the five-year series (an approved year as approved); with `district`, that
   * district's own figures year by year (the department any district's, a unit head their own).
   */
  @Get('statistics/trend')
  @Roles('department', 'unit-head')
  @ApiOkResponse({ type: TrendDto, description: 'The figures year by year' })
  async trend(@Query() query: TrendQueryDto, @CurrentPrincipal() principal: Principal): Promise<TrendDto> {
    this.checkedRange(query);
    const knownAt = query.knownAt ?? null;
    const current = query.current === 'true';
    if (query.district !== undefined) {
      const district = this.reportDistrict(principal, query.district)!;
      return {
        from: query.from,
        to: query.to,
        knownAt,
        district,
        years: await this.reports.districtTrend(district, query.from, query.to, knownAt, current),
      };
    }
    return {
      from: query.from,
      to: query.to,
      knownAt,
      district: null,
      years: await this.reports.trend(query.from, query.to, knownAt, current),
    };
  }

  /**
   * The series year by year and district for Excel: `/statistics/trend.csv?from=2014&to=2018` or `.xlsx`
   * (a unit head: their own districts' rows and the city's total).
   */
  @Get('statistics/trend.:format')
  @Roles('department', 'unit-head')
  @ApiProduces(CSV_MEDIA_TYPE, XLSX_CONTENT_TYPE)
  @ApiOkResponse({
    description:
      "Every district's figures and the city total per year, each row with its year and the day its figures are known at, as CSV or an Excel workbook",
    content: {
      [CSV_MEDIA_TYPE]: { schema: { type: 'string' } },
      [XLSX_CONTENT_TYPE]: { schema: { type: 'string', format: 'binary' } },
    },
  })
  @ApiProblems(404)
  async trendExport(
    @Param('format') format: string,
    @Query() query: TrendQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    if (format !== 'csv' && format !== 'xlsx') throw Problem.notFound('Export as .csv or .xlsx');
    this.checkedRange(query);
    const { body, contentType } = await this.reports.seriesExport(
      query.from,
      query.to,
      query.knownAt ?? null,
      format,
      query.current === 'true',
      query.district !== undefined ? [this.reportDistrict(principal, query.district)!] : this.districtsShown(principal),
    );
    res.setHeader('Content-Type', contentType);
    res.setHeader('Content-Disposition', `attachment; filename="fut-statistik-${query.from}-${query.to}.${format}"`);
    return format === 'xlsx' ? new StreamableFile(body as Buffer) : body;
  }

  /** A district the caller may report on: the department any, a unit head their own. */
  private reportDistrict(principal: Principal, district: string | undefined): string | null {
    if (district === undefined) {
      if (principal.role !== 'department')
        throw new Problem(403, 'forbidden', 'Forbidden', 'A unit head gets the report of one of their districts.');
      return null;
    }
    if (!this.districts.get(district))
      throw Problem.badRequest([{ field: 'district', message: `Unknown district ${district}` }]);
    if (principal.role !== 'department' && !canSeeDistrict(principal, district))
      throw new Problem(403, 'district-not-permitted', 'Forbidden', `You may not see the report of ${district}.`);
    return district;
  }

  /**
   * The yearly report "Rapport över arbetet mot felaktiga utbetalningar och bidragsbrott" as HTML, PDF or DOCX; with
   * district, the district's own report beside the city's figures (unit heads: their districts).
   */
  @Get('reports/annual/:year')
  @Roles('department', 'unit-head')
  @ApiOkResponse({
    description: 'The report as HTML, as a tagged PDF with format=pdf, or as a Word document with format=docx',
    content: {
      'text/html': { schema: { type: 'string' } },
      'application/pdf': { schema: { type: 'string', format: 'binary' } },
      [DOCX_CONTENT_TYPE]: { schema: { type: 'string', format: 'binary' } },
    },
  })
  async report(
    @Param('year') param: string,
    @Query() query: ReportQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    const year = parseYear(param);
    const district = this.reportDistrict(principal, query.district);
    const format: ReportFormat = query.format ?? 'html';
    const { body, contentType } = await this.reports.render(year, format, query.knownAt ?? null, {
      district,
      current: query.current === 'true',
    });
    res.setHeader('Content-Type', contentType);
    const name = `fut-rapport-${year}${district ? `-${district}` : ''}`;
    if (format === 'pdf') {
      res.setHeader('Content-Disposition', `inline; filename="${name}.pdf"`);
      return new StreamableFile(body as Buffer);
    }
    if (format === 'docx') {
      res.setHeader('Content-Disposition', `attachment; filename="${name}.docx"`);
      return new StreamableFile(body as Buffer);
    }
    return body;
  }

  /** The tjänsteutlåtande that puts the year's report before the nämnd, with Förslag till beslut, as a Word document. */
  @Get('reports/annual/:year/memo')
  @Roles('department', 'unit-head')
  @ApiOkResponse({
    description: 'The memo (tjänsteutlåtande) as a Word document',
    content: { [DOCX_CONTENT_TYPE]: { schema: { type: 'string', format: 'binary' } } },
  })
  async memo(
    @Param('year') param: string,
    @Query() query: MemoQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    const year = parseYear(param);
    const district = this.reportDistrict(principal, query.district);
    const { body, contentType } = await this.reports.render(year, 'memo', query.knownAt ?? null, {
      district,
      current: query.current === 'true',
    });
    res.setHeader('Content-Type', contentType);
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="tjansteutlatande-fut-${year}${district ? `-${district}` : ''}.docx"`,
    );
    return new StreamableFile(body as Buffer);
  }
}
