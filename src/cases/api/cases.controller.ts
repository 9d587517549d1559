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
import { ApiCaseStepHeaders, ApiProblems } from '../../common/openapi';
import { CaseListDto, CaseViewDto, CommandResultDto, HistoryEntryDto, RegisterResultDto } from './case-responses.dto';
import { type AuthenticatedRequest, Roles } from '../../auth/auth.decorators';
import { Audited, createdIdOf, noteSearchedHash } from '../../audit/audit.interceptor';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { Problem } from '../../common/problem';
import { kronorToOre } from '../domain/money';
import type { CaseCommandInput } from '../application/case-commands.service';
import { IdempotencyKeys } from '../application/idempotency';
import {
  AbilityToPayDto,
  AssignmentDto,
  AuthorityNotificationDto,
  ClosureDto,
  CompensationSuitDecisionDto,
  CompensationJudgmentDto,
  CompensationSuitDto,
  InvestigationResultDto,
  JournalEntryDto,
  ListCasesQueryDto,
  PoliceReportDto,
  PoliceReportOutcomeDto,
  PreAssessmentDto,
  RegisterCaseDto,
  ReopeningDto,
  RepaymentClaimDto,
  RepaymentDto,
  RepaymentPlanDto,
  SearchCasesDto,
  TransferDto,
  VoidDto,
  WaiverDto,
} from './case.dto';
import {
  type CommandAnswer,
  GetCase,
  GetCaseHistory,
  ListCases,
  RegisterCase,
  type RequestMeta,
  RunCaseCommand,
  registrationCaseId,
} from './case-handlers';
import { DistrictRegister } from '../../districts/district-register';
import { sendTable, XLSX_CONTENT_TYPE } from '../../common/table-export';
import type { CaseListItem } from '../read-models/case-list.projection';
import { caseListTable } from './case-list-export';

/** Cases read per query when exporting the whole list. */
const EXPORT_PAGE = 1000;

const ETAG = { ETag: { description: 'The case version, for If-Match', schema: { type: 'string' } } };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type OtherCommand = Exclude<CaseCommandInput, { type: 'RegisterCase' }>;

const headerOf = (req: Request, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** The FUT case API: each POST is one step of the case, dispatched to the decider through the command bus. */
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
    const key = headers['idempotency-key'];
    if (key !== undefined && !/^[\x21-\x7e]{1,200}$/.test(key)) {
      throw Problem.badRequest([
        { field: 'Idempotency-Key', message: 'Idempotency-Key must be 1 to 200 visible ASCII characters' },
      ]);
    }
    const principal = (req as AuthenticatedRequest).principal;
    return {
      actor: principal?.user ?? 'anonymous',
      principal,
      ifMatch: headers['if-match'],
      idempotencyKey: key,
      // Only a keyed request is compared with an earlier one (as the demo loader and the import pass '').
      requestHash: key === undefined ? '' : this.idempotency.requestHash(req.method, req.path, body),
      correlationId: randomUUID(),
    };
  }

  private send(res: Response, answer: CommandAnswer): Record<string, unknown> {
    res.status(answer.status);
    for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
    return answer.body;
  }

  private async run(
    id: string,
    command: OtherCommand,
    req: Request,
    res: Response,
    headers: Record<string, string | undefined>,
  ) {
    if (!UUID.test(id)) throw Problem.notFound('No such case');
    const answer = await this.commandBus.execute(new RunCaseCommand(id, command, this.meta(req, req.body, headers)));
    return this.send(res, answer);
  }

  /** Register incoming information: a new case in the district's queue. */
  @Post()
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key creates nothing new' })
  @ApiCreatedResponse({ type: RegisterResultDto, headers: ETAG })
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
    return this.send(res, answer);
  }

  /** List the cases of the caller's districts, newest first, one page at a time. */
  @Get()
  @ApiOkResponse({ type: CaseListDto })
  @ApiProblems(400)
  @Audited('case.list')
  async list(@Query() query: ListCasesQueryDto, @Req() req: Request): Promise<CaseListDto> {
    const { page = 1, pageSize = 50, ...filter } = query;
    if (filter.district && !this.districts.get(filter.district)) {
      throw Problem.badRequest([{ field: 'district', message: `Unknown district ${filter.district}` }]);
    }
    return (await this.queryBus.execute(
      new ListCases((req as AuthenticatedRequest).principal, filter, page, pageSize),
    )) as CaseListDto;
  }

  /** The case list with the list's filters, for Excel: `/cases/export.xlsx` or `/cases/export.csv`. */
  @Get('export.:format')
  @ApiProduces('text/csv', XLSX_CONTENT_TYPE)
  @ApiOkResponse({
    description: 'The case list as CSV (semicolon-separated, for Swedish Excel) or as an Excel workbook',
    content: {
      'text/csv': { schema: { type: 'string' } },
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
    const { page: _page, pageSize: _pageSize, ...filter } = query;
    if (filter.district && !this.districts.get(filter.district)) {
      throw Problem.badRequest([{ field: 'district', message: `Unknown district ${filter.district}` }]);
    }
    const principal = (req as AuthenticatedRequest).principal;
    const items: CaseListItem[] = [];
    for (let page = 1; ; page++) {
      const answer = await this.queryBus.execute(new ListCases(principal, filter, page, EXPORT_PAGE));
      items.push(...(answer.items as CaseListItem[]));
      if (items.length >= answer.total || answer.items.length === 0) break;
    }
    return sendTable(res, caseListTable(items, this.districts), format, 'fut-arenden');
  }

  /** Find cases by personnummer; the number goes in the body, never in a URL (proxies and browsers keep URLs). */
  @Post('search')
  @HttpCode(200)
  @ApiOkResponse({ type: CaseListDto })
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
  @ApiOkResponse({ type: CaseViewDto, headers: ETAG })
  @ApiProblems(404)
  @Audited('case.read')
  async get(@Param('id') id: string, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    if (!UUID.test(id)) throw Problem.notFound('No such case');
    const { view, version } = await this.queryBus.execute(new GetCase(id, (req as AuthenticatedRequest).principal));
    res.setHeader('ETag', `"${version}"`);
    return view;
  }

  /** The case's steps as recorded: business date, when and by whom. */
  @Get(':id/history')
  @ApiOkResponse({ type: [HistoryEntryDto] })
  @ApiProblems(404)
  @Audited('case.history')
  async history(@Param('id') id: string, @Req() req: Request) {
    if (!UUID.test(id)) throw Problem.notFound('No such case');
    return this.queryBus.execute(new GetCaseHistory(id, (req as AuthenticatedRequest).principal));
  }

  /** Record the pre-assessment: open an investigation or not. */
  @Post(':id/assessment')
  @ApiCaseStepHeaders()
  @ApiOkResponse({ type: CommandResultDto, headers: ETAG })
  @ApiProblems(400, 404, 409, 412, 422)
  @Audited('case.assessment')
  @HttpCode(200)
  assessment(
    @Param('id') id: string,
    @Body() b: PreAssessmentDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Headers() h: Record<string, string>,
  ) {
    return this.run(
      id,
      {
        type: 'MakePreAssessment',
        data: {
          decidedOn: b.decidedOn,
          decision: b.decision,
          reason: b.reason ?? null,
          suspectedCause: b.suspectedCause ?? null,
        },
      },
      req,
      res,
      h,
    );
  }

  /** Record the investigation's result and the incorrect payments it found. */
  @Post(':id/investigation-result')
  @ApiCaseStepHeaders()
  @ApiOkResponse({ type: CommandResultDto, headers: ETAG })
  @ApiProblems(400, 404, 409, 412, 422)
  @Audited('case.investigation-result')
  @HttpCode(200)
  investigationResult(
    @Param('id') id: string,
    @Body() b: InvestigationResultDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Headers() h: Record<string, string>,
  ) {
    return this.run(
      id,
      {
        type: 'RecordInvestigationResult',
        data: {
          completedOn: b.completedOn,
          finding: b.finding,
          cause: b.cause ?? null,
          incorrectPayments: (b.incorrectPayments ?? []).map((p) => ({
            paidOn: p.paidOn,
            amountOre: kronorToOre(p.amount),
            grantedOn: p.grantedOn ?? null,
          })),
          intent: b.intent ?? null,
          savedAmountOre: kronorToOre(b.savedAmount ?? 0),
          errorType: b.errorType ?? null,
        },
      },
      req,
      res,
      h,
    );
  }

  /** Decide a repayment claim (återkrav). */
  @Post(':id/repayment-claims')
  @ApiCaseStepHeaders()
  @ApiOkResponse({ type: CommandResultDto, headers: ETAG })
  @ApiProblems(400, 404, 409, 412, 422)
  @Audited('case.repayment-claims')
  @HttpCode(200)
  claim(
    @Param('id') id: string,
    @Body() b: RepaymentClaimDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Headers() h: Record<string, string>,
  ) {
    return this.run(
      id,
      {
        type: 'DecideRepaymentClaim',
        data: {
          decidedOn: b.decidedOn,
          legalBasis: b.legalBasis,
          amountOre: kronorToOre(b.amount),
          payments: b.payments,
        },
      },
      req,
      res,
      h,
    );
  }

  /** Agree a repayment plan (avbetalningsplan). */
  @Post(':id/repayment-plan')
  @ApiCaseStepHeaders()
  @ApiOkResponse({ type: CommandResultDto, headers: ETAG })
  @ApiProblems(400, 404, 409, 412, 422)
  @Audited('case.repayment-plan')
  @HttpCode(200)
  plan(
    @Param('id') id: string,
    @Body() b: RepaymentPlanDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Headers() h: Record<string, string>,
  ) {
    return this.run(
      id,
      {
        type: 'AgreeRepaymentPlan',
        data: {
          claimId: b.claimId,
          agreedOn: b.agreedOn,
          monthlyAmountOre: kronorToOre(b.monthlyAmount),
          firstDueOn: b.firstDueOn,
        },
      },
      req,
      res,
      h,
    );
  }

  /** Record a repayment received. */
  @Post(':id/repayments')
  @ApiCaseStepHeaders()
  @ApiOkResponse({ type: CommandResultDto, headers: ETAG })
  @ApiProblems(400, 404, 409, 412, 422)
  @Audited('case.repayments')
  @HttpCode(200)
  repayment(
    @Param('id') id: string,
    @Body() b: RepaymentDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Headers() h: Record<string, string>,
  ) {
    return this.run(
      id,
      {
        type: 'ReceiveRepayment',
        data: { claimId: b.claimId, receivedOn: b.receivedOn, amountOre: kronorToOre(b.amount), kind: b.kind },
      },
      req,
      res,
      h,
    );
  }

  /** Record the assessment of the person's ability to pay. */
  @Post(':id/ability-to-pay')
  @ApiCaseStepHeaders()
  @ApiOkResponse({ type: CommandResultDto, headers: ETAG })
  @ApiProblems(400, 404, 409, 412, 422)
  @Audited('case.ability-to-pay')
  @HttpCode(200)
  abilityToPay(
    @Param('id') id: string,
    @Body() b: AbilityToPayDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Headers() h: Record<string, string>,
  ) {
    return this.run(id, { type: 'AssessAbilityToPay', data: { assessedOn: b.assessedOn, able: b.able } }, req, res, h);
  }

  /** File a court suit for compensation (ersättningstalan). */
  @Post(':id/compensation-suits')
  @ApiCaseStepHeaders()
  @ApiOkResponse({ type: CommandResultDto, headers: ETAG })
  @ApiProblems(400, 404, 409, 412, 422)
  @Audited('case.compensation-suits')
  @HttpCode(200)
  suit(
    @Param('id') id: string,
    @Body() b: CompensationSuitDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Headers() h: Record<string, string>,
  ) {
    return this.run(
      id,
      {
        type: 'FileCompensationSuit',
        data: { claimId: b.claimId, filedOn: b.filedOn, amountOre: kronorToOre(b.amount) },
      },
      req,
      res,
      h,
    );
  }

  /** Record the court's judgment on a compensation suit. */
  @Post(':id/compensation-judgments')
  @ApiCaseStepHeaders()
  @ApiOkResponse({ type: CommandResultDto, headers: ETAG })
  @ApiProblems(400, 404, 409, 412, 422)
  @Audited('case.compensation-judgments')
  @HttpCode(200)
  judgment(
    @Param('id') id: string,
    @Body() b: CompensationJudgmentDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Headers() h: Record<string, string>,
  ) {
    return this.run(
      id,
      {
        type: 'RecordCompensationJudgment',
        data: { claimId: b.claimId, decidedOn: b.decidedOn, awardedAmountOre: kronorToOre(b.awardedAmount) },
      },
      req,
      res,
      h,
    );
  }

  /** Record a police report (polisanmälan). */
  @Post(':id/police-reports')
  @ApiCaseStepHeaders()
  @ApiOkResponse({ type: CommandResultDto, headers: ETAG })
  @ApiProblems(400, 404, 409, 412, 422)
  @Audited('case.police-reports')
  @HttpCode(200)
  policeReport(
    @Param('id') id: string,
    @Body() b: PoliceReportDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Headers() h: Record<string, string>,
  ) {
    return this.run(id, { type: 'FilePoliceReport', data: { filedOn: b.filedOn, offence: b.offence } }, req, res, h);
  }

  /** What became of the police report: förundersökning, åtal, dom, strafföreläggande. */
  @Post(':id/police-report-outcomes')
  @Audited('case.police-report-outcomes')
  @HttpCode(200)
  policeReportOutcome(
    @Param('id') id: string,
    @Body() b: PoliceReportOutcomeDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Headers() h: Record<string, string>,
  ) {
    return this.run(
      id,
      { type: 'RecordPoliceReportOutcome', data: { decidedOn: b.decidedOn, outcome: b.outcome } },
      req,
      res,
      h,
    );
  }

  /** A notification to another authority of a probably incorrect payment of theirs (lag 2008:206). */
  @Post(':id/authority-notifications')
  @Audited('case.authority-notifications')
  @HttpCode(200)
  authorityNotification(
    @Param('id') id: string,
    @Body() b: AuthorityNotificationDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Headers() h: Record<string, string>,
  ) {
    return this.run(
      id,
      { type: 'NotifyAuthority', data: { sentOn: b.sentOn, authority: b.authority, concerning: b.concerning } },
      req,
      res,
      h,
    );
  }

  /** The decision to bring ersättningstalan, which the report counts; the filing follows. */
  @Post(':id/compensation-suit-decisions')
  @Audited('case.compensation-suit-decisions')
  @HttpCode(200)
  compensationSuitDecision(
    @Param('id') id: string,
    @Body() b: CompensationSuitDecisionDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Headers() h: Record<string, string>,
  ) {
    return this.run(
      id,
      { type: 'DecideCompensationSuit', data: { claimId: b.claimId, decidedOn: b.decidedOn } },
      req,
      res,
      h,
    );
  }

  /** Waive (part of) the claim (eftergift). */
  @Post(':id/waivers')
  @ApiCaseStepHeaders()
  @ApiOkResponse({ type: CommandResultDto, headers: ETAG })
  @ApiProblems(400, 404, 409, 412, 422)
  @Audited('case.waivers')
  @HttpCode(200)
  waiver(
    @Param('id') id: string,
    @Body() b: WaiverDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Headers() h: Record<string, string>,
  ) {
    return this.run(
      id,
      {
        type: 'WaiveClaim',
        data: { claimId: b.claimId, decidedOn: b.decidedOn, reason: b.reason, amountOre: kronorToOre(b.amount) },
      },
      req,
      res,
      h,
    );
  }

  /** Assign the case to a FUT investigator (unit head). */
  @Post(':id/assignment')
  @ApiCaseStepHeaders()
  @ApiOkResponse({ type: CommandResultDto, headers: ETAG })
  @ApiProblems(400, 404, 409, 412, 422)
  @Audited('case.assignment')
  @Roles('unit-head')
  @HttpCode(200)
  assignment(
    @Param('id') id: string,
    @Body() b: AssignmentDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Headers() h: Record<string, string>,
  ) {
    return this.run(id, { type: 'AssignInvestigator', data: { investigator: b.investigator } }, req, res, h);
  }

  /** Transfer the case to another district. */
  @Post(':id/transfer')
  @ApiCaseStepHeaders()
  @ApiOkResponse({ type: CommandResultDto, headers: ETAG })
  @ApiProblems(400, 404, 409, 412, 422)
  @Audited('case.transfer')
  @HttpCode(200)
  transfer(
    @Param('id') id: string,
    @Body() b: TransferDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Headers() h: Record<string, string>,
  ) {
    const toDistrict = this.districts.get(b.toDistrict);
    if (!toDistrict)
      throw Problem.badRequest([
        { field: 'toDistrict', message: `Unknown district ${b.toDistrict}; see GET /api/districts` },
      ]);
    return this.run(id, { type: 'TransferCase', data: { transferredOn: b.transferredOn, toDistrict } }, req, res, h);
  }

  /** Close the case with its closing reason. */
  @Post(':id/closure')
  @ApiCaseStepHeaders()
  @ApiOkResponse({ type: CommandResultDto, headers: ETAG })
  @ApiProblems(400, 404, 409, 412, 422)
  @Audited('case.closure')
  @HttpCode(200)
  closure(
    @Param('id') id: string,
    @Body() b: ClosureDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Headers() h: Record<string, string>,
  ) {
    return this.run(id, { type: 'CloseCase', data: { closedOn: b.closedOn, reason: b.reason } }, req, res, h);
  }

  /** Reopen a closed case. */
  @Post(':id/reopening')
  @ApiCaseStepHeaders()
  @ApiOkResponse({ type: CommandResultDto, headers: ETAG })
  @ApiProblems(400, 404, 409, 412, 422)
  @Audited('case.reopening')
  @HttpCode(200)
  reopening(
    @Param('id') id: string,
    @Body() b: ReopeningDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Headers() h: Record<string, string>,
  ) {
    return this.run(id, { type: 'ReopenCase', data: { reopenedOn: b.reopenedOn, reason: b.reason } }, req, res, h);
  }

  /** Add a journal entry (note, or the person's objection). */
  @Post(':id/journal')
  @ApiCaseStepHeaders()
  @ApiOkResponse({ type: CommandResultDto, headers: ETAG })
  @ApiProblems(400, 404, 409, 412, 422)
  @Audited('case.journal')
  @HttpCode(200)
  journal(
    @Param('id') id: string,
    @Body() b: JournalEntryDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Headers() h: Record<string, string>,
  ) {
    return this.run(
      id,
      { type: 'AddJournalEntry', data: { notedOn: b.notedOn, kind: b.kind, text: b.text } },
      req,
      res,
      h,
    );
  }

  /** Void a registration made by mistake (makulera). */
  @Post(':id/void')
  @ApiCaseStepHeaders()
  @ApiOkResponse({ type: CommandResultDto, headers: ETAG })
  @ApiProblems(400, 404, 409, 412, 422)
  @Audited('case.void')
  @HttpCode(200)
  void(
    @Param('id') id: string,
    @Body() b: VoidDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Headers() h: Record<string, string>,
  ) {
    return this.run(id, { type: 'VoidCase', data: { reason: b.reason, note: b.note ?? null } }, req, res, h);
  }
}
