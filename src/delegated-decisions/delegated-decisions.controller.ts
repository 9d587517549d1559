import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiExtraModels, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Audited } from '../audit/audit.interceptor';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { canSeeDistrict, type Principal } from '../auth/principal';
import { ApiProblems } from '../common/openapi';
import { Problem } from '../common/problem';
import { CSV_MEDIA_TYPE, XLSX_CONTENT_TYPE, sendTable } from '../common/table-export';
import { DistrictRegister } from '../districts/district-register';
import { DelegatedDecisionsDto, DelegatedDecisionsQueryDto } from './delegated-decisions.dto';
import { DelegatedDecisions } from './delegated-decisions.service';
import { TablePdfRenderer } from './table-pdf-renderer';
import { formatKronor } from '../labels/format';

const PDF_MEDIA_TYPE = 'application/pdf';
/** A year and a day at most: a nämnd is told of its delegated decisions at least that often. */
const LONGEST_PERIOD_DAYS = 366;

/**
 * The delegated decisions a nämnd is told of (anmälan av delegationsbeslut,
 * kommunallagen 6 kap. 40 §), per district and period: for the unit head of
 * the district and the department, as JSON, CSV, a workbook and a PDF.
 */
@ApiTags('delegation')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiProblems(400, 401, 403)
@ApiExtraModels(DelegatedDecisionsDto)
@Roles('unit-head', 'department')
@Controller('delegated-decisions')
export class DelegatedDecisionsController {
  constructor(
    private readonly decisions: DelegatedDecisions,
    private readonly districts: DistrictRegister,
    private readonly renderer: TablePdfRenderer,
  ) {}

  private check(principal: Principal, q: DelegatedDecisionsQueryDto): void {
    if (!this.districts.get(q.district))
      throw Problem.badRequest([{ field: 'district', message: `Unknown district ${q.district}` }]);
    if (q.to < q.from) throw Problem.badRequest([{ field: 'to', message: 'to must not be before from' }]);
    const days = (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000;
    if (days >= LONGEST_PERIOD_DAYS)
      throw Problem.badRequest([{ field: 'to', message: `a list covers at most ${LONGEST_PERIOD_DAYS} days` }]);
    // The department sees every nämnd's; a unit head their own districts'.
    if (principal.role !== 'department' && !canSeeDistrict(principal, q.district))
      throw new Problem(403, 'district-not-permitted', 'Forbidden', `You may not see the decisions of ${q.district}.`);
  }

  /** The decisions taken under delegation in a district's nämnd in a period, by decision date. */
  @Get()
  @ApiOkResponse({ type: DelegatedDecisionsDto, description: "The nämnd's delegated decisions in the period" })
  @Audited('delegated-decisions.list')
  async list(@Query() q: DelegatedDecisionsQueryDto, @CurrentPrincipal() principal: Principal) {
    this.check(principal, q);
    return this.decisions.list(q.district, q.from, q.to);
  }

  /** The same list for the nämnd: `export.csv` (Swedish Excel), `export.xlsx` or `export.pdf`. */
  @Get('export.:format')
  @ApiProduces(CSV_MEDIA_TYPE, XLSX_CONTENT_TYPE, PDF_MEDIA_TYPE)
  @ApiOkResponse({
    description: 'The list as CSV (semicolon-separated, for Swedish Excel), an Excel workbook, or a tagged PDF',
    content: {
      [CSV_MEDIA_TYPE]: { schema: { type: 'string' } },
      [XLSX_CONTENT_TYPE]: { schema: { type: 'string', format: 'binary' } },
      [PDF_MEDIA_TYPE]: { schema: { type: 'string', format: 'binary' } },
    },
  })
  @ApiProblems(404)
  @Audited('delegated-decisions.list')
  async export(
    @Param('format') format: string,
    @Query() q: DelegatedDecisionsQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    if (format !== 'csv' && format !== 'xlsx' && format !== 'pdf')
      throw Problem.notFound('Export as .csv, .xlsx or .pdf');
    this.check(principal, q);
    const list = await this.decisions.list(q.district, q.from, q.to);
    const table = this.decisions.table(list);
    const name = `delegationsbeslut-${q.district}-${q.from}-${q.to}`;
    if (format !== 'pdf') return sendTable(res, table, format, name);
    const { title, subtitle } = this.decisions.title(list);
    const pdf = await this.renderer.render({
      title,
      subtitle,
      caption: 'Delegationsbeslut',
      head: table.columns.map((c) => c.heading),
      rows: table.rows.map((r) =>
        r.map((v, i) =>
          v === null ? '' : typeof v === 'number' && table.columns[i].kind === 'amount' ? formatKronor(v) : String(v),
        ),
      ),
      widths: [8, 10, 14, 11, 8, 11, 10, 16, 12],
      empty: 'Inga beslut med stöd av delegation under perioden.',
    });
    res.setHeader('Content-Type', PDF_MEDIA_TYPE);
    res.setHeader('Content-Disposition', `attachment; filename="${name}.pdf"`);
    return new StreamableFile(pdf);
  }
}
