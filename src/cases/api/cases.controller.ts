import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { ApiProblems } from '../../common/openapi';
import { CaseListDto, CaseViewDto, HistoryEntryDto, RegisterResultDto } from './case-responses.dto';
import { type AuthenticatedRequest, Roles } from '../../auth/auth.decorators';
import { Audited, createdIdOf, noteSearchedHash } from '../../audit/audit.interceptor';
import type { Request, Response } from 'express';
import { Problem } from '../../common/problem';
import { IdempotencyKeys } from '../application/idempotency';
import { ListCasesQueryDto, RegisterCaseDto, SearchCasesDto } from './case.dto';
import { ETAG_HEADER, requestMeta, sendAnswer } from './request-meta';
import { isUuid } from '../../common/ids';
import { RegisterCase, type RequestMeta, registrationCaseId } from '../application/case-command-handlers';
import { GetCase, GetCaseHistory, ListCases } from '../queries/case-queries';
import { DistrictRegister } from '../../districts/district-register';
import { CSV_MEDIA_TYPE, sendTable, XLSX_CONTENT_TYPE } from '../../common/table-export';
import type { CaseListItem } from '../read-models/case-list.projection';
import { caseListTable } from './case-list-export';

/** Cases read per query when exporting the whole list. */
const EXPORT_PAGE = 1000;

const headerOf = (req: Request, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** The FUT case API: registration, reading, lists and search. The steps are CaseStepsController's. */
@ApiTags('cases')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiProblems(401, 403, 429)
@Roles('investigator', 'unit-head')
@Controller('cases')
export class CasesController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
    private readonly districts: DistrictRegister,
    private readonly idempotency: IdempotencyKeys,
  ) {}

  private meta(req: Request, body: unknown, headers: Record<string, string | undefined>): RequestMeta {
    return requestMeta(req, body, headers, this.idempotency);
  }

  /** Register incoming information: a new case in the district's queue. */
  @Post()
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key creates nothing new' })
  @ApiCreatedResponse({ type: RegisterResultDto, headers: ETAG_HEADER, description: 'The case is registered' })
  @ApiProblems(400, 403, 422)
  // The case id is chosen before anything is written, so the audit entry recorded before the change names it.
  @Audited('case.register', {
    creates: (req) => registrationCaseId(req.principal?.user ?? 'anonymous', headerOf(req, 'idempotency-key')),
  })
  async register(
    @Body() body: RegisterCaseDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Headers() headers: Record<string, string>,
  ) {
    const meta = { ...this.meta(req, req.body, headers), caseId: createdIdOf(req) };
    const answer = await this.commandBus.execute(new RegisterCase(body, meta));
    return sendAnswer(res, answer);
  }

  /** List the cases of the caller's districts, newest first (or in the order `sort` names), one page at a time. */
  @Get()
  @ApiOkResponse({ type: CaseListDto, description: 'One page of the list' })
  @ApiProblems(400)
  @Audited('case.list')
  async list(@Query() query: ListCasesQueryDto, @Req() req: Request): Promise<CaseListDto> {
    const { page = 1, pageSize = 50, sort, ...filter } = query;
    if (filter.district && !this.districts.get(filter.district)) {
      throw Problem.badRequest([{ field: 'district', message: `Unknown district ${filter.district}` }]);
    }
    return (await this.queryBus.execute(
      new ListCases((req as AuthenticatedRequest).principal, filter, page, pageSize, undefined, { sort }),
    )) as CaseListDto;
  }

  /** The case list with the list's filters, for Excel: `/cases/export.xlsx` or `/cases/export.csv`. */
  @Get('export.:format')
  @ApiProduces(CSV_MEDIA_TYPE, XLSX_CONTENT_TYPE)
  @ApiOkResponse({
    description: 'The case list as CSV (semicolon-separated, for Swedish Excel) or as an Excel workbook',
    content: {
      [CSV_MEDIA_TYPE]: { schema: { type: 'string' } },
      [XLSX_CONTENT_TYPE]: { schema: { type: 'string', format: 'binary' } },
    },
  })
  @ApiProblems(400, 404)
  @Audited('case.export')
  async export(
    @Param('format') format: string,
    @Query() query: ListCasesQueryDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    if (format !== 'csv' && format !== 'xlsx') throw Problem.notFound('Export as .csv or .xlsx');
    const { page: _page, pageSize: _pageSize, sort, ...filter } = query;
    if (filter.district && !this.districts.get(filter.district)) {
      throw Problem.badRequest([{ field: 'district', message: `Unknown district ${filter.district}` }]);
    }
    const principal = (req as AuthenticatedRequest).principal;
    const items: CaseListItem[] = [];
    for (let page = 1; ; page++) {
      // In the list's order; no names (an export holds no personal data).
      const answer = await this.queryBus.execute(
        new ListCases(principal, filter, page, EXPORT_PAGE, undefined, { sort, names: false }),
      );
      items.push(...(answer.items as CaseListItem[]));
      if (items.length >= answer.total || answer.items.length === 0) break;
    }
    return sendTable(res, caseListTable(items, this.districts), format, 'fut-arenden');
  }

  /** Find cases by personnummer; the number goes in the body, never in a URL (proxies and browsers keep URLs). */
  @Post('search')
  @HttpCode(200)
  @ApiOkResponse({ type: CaseListDto, description: 'One page of the cases found' })
  @ApiProblems(400)
  @Audited('case.search-by-personal-number')
  async search(@Body() body: SearchCasesDto, @Req() req: Request): Promise<CaseListDto> {
    const { page = 1, pageSize = 50, ...filter } = body;
    if (filter.district && !this.districts.get(filter.district)) {
      throw Problem.badRequest([{ field: 'district', message: `Unknown district ${filter.district}` }]);
    }
    return (await this.queryBus.execute(
      new ListCases((req as AuthenticatedRequest).principal, filter, page, pageSize, (hash) =>
        noteSearchedHash(req, hash),
      ),
    )) as CaseListDto;
  }

  /** Read one case: every step, the amounts and the three-year limits. */
  @Get(':id')
  @ApiOkResponse({ type: CaseViewDto, headers: ETAG_HEADER, description: 'The case, with the steps it allows now' })
  @ApiProblems(404)
  @Audited('case.read')
  async get(@Param('id') id: string, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    if (!isUuid(id)) throw Problem.notFound('No such case');
    const { view, version } = await this.queryBus.execute(new GetCase(id, (req as AuthenticatedRequest).principal));
    res.setHeader('ETag', `"${version}"`);
    return view;
  }

  /** The case's steps as recorded: business date, when and by whom. */
  @Get(':id/history')
  @ApiOkResponse({ type: [HistoryEntryDto], description: 'Every recorded step, oldest first' })
  @ApiProblems(404)
  @Audited('case.history')
  async history(@Param('id') id: string, @Req() req: Request) {
    if (!isUuid(id)) throw Problem.notFound('No such case');
    return this.queryBus.execute(new GetCaseHistory(id, (req as AuthenticatedRequest).principal));
  }
}
