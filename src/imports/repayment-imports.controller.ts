import {
  Body,
  Controller,
  Get,
  Headers,
  Param,
  Post,
  Query,
  Req,
  Res,
  UploadedFiles,
  UseInterceptors,
} from '@nestjs/common';
import { FileFieldsInterceptor } from '@nestjs/platform-express';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiHeader,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { IsIn, IsString, MaxLength } from 'class-validator';
import type { Request, Response } from 'express';
import { Audited } from '../audit/audit.interceptor';
import { type AuthenticatedRequest, Roles } from '../auth/auth.decorators';
import { UUID } from '../common/ids';
import { ApiProblems } from '../common/openapi';
import { Problem } from '../common/problem';
import { CSV_MEDIA_TYPE, sendTable, XLSX_CONTENT_TYPE as XLSX } from '../common/table-export';
import { Optional } from '../common/validators';
import { MAX_FILE_BYTES } from './import-limits';
import { ReportQueryDto, type UploadedPart, bodyOf, importProblem, mayRead, rowsReadSoon } from './imports.controller';
import { RepaymentImportReportDto, RepaymentImportStatusDto } from './repayment-import-responses.dto';
import { type RepaymentImportReport, repaymentReportTable } from './repayment-import-report';
import { type RepaymentImportRequest, RepaymentImportService } from './repayment-import.service';

export class RepaymentImportFormDto {
  /** "true": decide every row and report, write nothing. */
  @Optional()
  @IsIn(['true', 'false'])
  dryRun?: 'true' | 'false';

  @Optional()
  @IsString()
  @MaxLength(100)
  sheet?: string;
}

const summaryOf = (report: RepaymentImportReport) => ({
  id: report.id,
  status: 'done' as const,
  dryRun: report.dryRun,
  progress: { done: report.summary.rows, total: report.summary.rows },
  summary: report.summary,
  columns: report.columns,
  report: `/api/repayment-imports/${report.id}/report`,
});

/**
 * Repayments from the municipality's accounts receivable (kundreskontra): a
 * file of payments (multipart `file`: .xlsx or .csv; fields dryRun, sheet),
 * each recorded as a repayment of the case it names, by its ärendenummer or
 * the OCR reference of its avbetalningsplan. With `Prefer: respond-async` the
 * answer is 202 at once and GET /api/repayment-imports/{id} shows the progress.
 */
@ApiTags('imports')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiProblems(401, 403, 404)
@Roles('admin', 'unit-head')
@Controller('repayment-imports')
export class RepaymentImportsController {
  constructor(private readonly imports: RepaymentImportService) {}

  /** Record the payments of a file as repayments, or with dryRun=true decide each row and write nothing. */
  @Post()
  @Audited('repayment-import.upload')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: {
          type: 'string',
          format: 'binary',
          description:
            'The payments: .xlsx or .csv with the columns Ärendenummer or OCR-nummer, Betalningsdatum and Belopp (optional: Återkrav, Verifikationsnummer)',
        },
        dryRun: { type: 'string', enum: ['true', 'false'] },
        sheet: { type: 'string', description: 'The sheet of an .xlsx workbook (default: the first)' },
      },
    },
  })
  @ApiHeader({
    name: 'Prefer',
    required: false,
    description: 'respond-async: answer 202 at once, poll GET /repayment-imports/{id}',
  })
  @ApiCreatedResponse({ type: RepaymentImportStatusDto, description: 'Recorded' })
  @ApiOkResponse({ type: RepaymentImportStatusDto, description: 'Dry run: decided, nothing written' })
  @ApiAcceptedResponse({ type: RepaymentImportStatusDto, description: 'Started (Prefer: respond-async)' })
  @ApiProblems(400, 413, 429)
  @UseInterceptors(
    FileFieldsInterceptor([{ name: 'file', maxCount: 1 }], {
      limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 10 },
    }),
  )
  async upload(
    @UploadedFiles() files: Record<string, UploadedPart[] | undefined> | undefined,
    @Body() form: RepaymentImportFormDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Headers('prefer') prefer: string | undefined,
  ) {
    const principal = (req as AuthenticatedRequest).principal!;
    const file = files?.file?.[0];
    if (!file)
      throw Problem.badRequest([{ field: 'file', message: 'file (an .xlsx or .csv of payments) is required' }]);
    const request: RepaymentImportRequest = {
      file: file.buffer,
      fileName: file.originalname,
      sheet: form.sheet,
      dryRun: form.dryRun === 'true',
      actor: principal.user,
      role: principal.role,
      // Unit heads record payments in their own districts' cases only.
      districts: principal.role === 'admin' ? null : principal.districts,
    };
    if (prefer && /respond-async/i.test(prefer)) {
      const { id, read } = this.imports.start(request);
      const total = await rowsReadSoon(read);
      res.status(202);
      res.setHeader('Location', `/api/repayment-imports/${id}`);
      res.setHeader('Preference-Applied', 'respond-async');
      return { id, status: 'running', dryRun: request.dryRun, progress: { done: 0, total } };
    }
    this.imports.check(request);
    const report = await this.imports
      .read(request)
      .then((sheet) => this.imports.run(request, sheet))
      .catch((error: unknown) => {
        throw importProblem(error);
      });
    res.status(request.dryRun ? 200 : 201);
    res.setHeader('Location', `/api/repayment-imports/${report.id}`);
    return summaryOf(report);
  }

  /** How far an import has come, or its summary once done. */
  @Get(':id')
  @ApiOkResponse({ type: RepaymentImportStatusDto, description: 'How far the import has come, or its result' })
  @Audited('repayment-import.status')
  async status(@Param('id') id: string, @Req() req: Request) {
    const running = this.imports.progress(this.checkId(id));
    const principal = (req as AuthenticatedRequest).principal!;
    if (running) {
      if (!mayRead(principal, running.actor)) throw Problem.notFound('No such import');
      const progress = { done: running.done, total: running.total };
      if (running.status === 'refused')
        return { id, status: running.status, progress, problem: bodyOf(importProblem(running.error)) };
      return { id, status: running.status, progress };
    }
    return summaryOf(await this.readable(id, req));
  }

  /** Each row's outcome (the case and claim it paid, or why not), as JSON, CSV or xlsx. */
  @Get(':id/report')
  @ApiExtraModels(RepaymentImportReportDto)
  @ApiProduces('application/json', CSV_MEDIA_TYPE, XLSX)
  @ApiOkResponse({
    description: 'JSON; every row as CSV or xlsx with format=csv|xlsx',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(RepaymentImportReportDto) } },
      [CSV_MEDIA_TYPE]: { schema: { type: 'string' } },
      [XLSX]: { schema: { type: 'string', format: 'binary' } },
    },
  })
  @ApiProblems(400)
  @Audited('repayment-import.report')
  async report(
    @Param('id') id: string,
    @Query() query: ReportQueryDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const report = await this.readable(this.checkId(id), req);
    if (query.format === 'csv' || query.format === 'xlsx')
      return sendTable(res, repaymentReportTable(report), query.format, `inbetalningar-${id}`);
    res.setHeader('Content-Disposition', `attachment; filename="inbetalningar-${id}.json"`);
    return report;
  }

  private checkId(id: string): string {
    if (!UUID.test(id)) throw Problem.notFound('No such import');
    return id;
  }

  /** A report is its importer's, and every administrator's. */
  private async readable(id: string, req: Request): Promise<RepaymentImportReport> {
    const report = await this.imports.report(this.checkId(id));
    if (!report || !mayRead((req as AuthenticatedRequest).principal!, report.importedBy))
      throw Problem.notFound('No such import');
    return report;
  }
}
