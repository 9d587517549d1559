import { Optional } from '../common/validators';
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
import { ApiProblems } from '../common/openapi';
import { ImportReportDto, ImportStatusDto } from './import-responses.dto';
import { IsIn, IsString, Matches, MaxLength } from 'class-validator';
import type { Request, Response } from 'express';
import { type AuthenticatedRequest, Roles } from '../auth/auth.decorators';
import { Audited } from '../audit/audit.interceptor';
import { Problem } from '../common/problem';
import { ImportService, type ImportRequest } from './import.service';
import { reportTable, type ImportReport } from './import-report';
import { UUID } from '../common/ids';
import { CSV_MEDIA_TYPE, sendTable, XLSX_CONTENT_TYPE as XLSX } from '../common/table-export';
import { MappingError, parseMappingFile, type MappingFile } from './import-mapping';
import { decodeText, RegisterFileError } from './register-file';
import {
  ImportBusyError,
  ImportCancelledError,
  ImportLimitError,
  IMPORT_LIMIT_SETTINGS,
  MAX_FILE_BYTES,
} from './import-limits';

/**
 * With Prefer: respond-async, the answer waits this long at most for the file
 * to be read: a small file's answer then holds its row count, or its refusal
 * (as without the preference); a large one's is 202 at once and is read after.
 */
const ASYNC_ANSWER_WAIT_MS = 200;

/** The multipart form's text fields. */
export class ImportFormDto {
  /** "true": check every row and report, write nothing. */
  @Optional()
  @IsIn(['true', 'false'])
  dryRun?: 'true' | 'false';

  @Optional()
  @IsString()
  @MaxLength(100)
  sheet?: string;

  @Optional()
  @Matches(/^[a-z0-9-]{1,64}$/, { message: 'district must be a district code from GET /api/districts' })
  district?: string;
}

export class ReportQueryDto {
  @Optional()
  @IsIn(['json', 'csv', 'xlsx'])
  format?: 'json' | 'csv' | 'xlsx';
}

/** What multer hands over for each uploaded part (memory storage). */
export interface UploadedPart {
  originalname: string;
  buffer: Buffer;
}

const summaryOf = (report: ImportReport) => ({
  id: report.id,
  status: 'done',
  dryRun: report.dryRun,
  progress: { done: report.summary.rows, total: report.summary.rows },
  summary: report.summary,
  columns: report.columns,
  totals: report.totals,
  report: `/api/imports/${report.id}/report`,
});

/**
 * Imports of a FUT unit's register (multipart: `file`, optional `mapping`
 * JSON, fields dryRun, sheet, district). With `Prefer: respond-async` the
 * answer is 202 at once and GET /api/imports/{id} shows the progress.
 */
@ApiTags('imports')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiProblems(401, 403, 404)
@Roles('admin', 'unit-head')
@Controller('imports')
export class ImportsController {
  constructor(private readonly imports: ImportService) {}

  /** Import a register (.xlsx or .csv), or with dryRun=true check it and write nothing. */
  @Post()
  @Audited('import.upload')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: { type: 'string', format: 'binary', description: 'The register: .xlsx or .csv' },
        mapping: { type: 'string', format: 'binary', description: 'JSON: {"columns": {"Heading": "field"}}' },
        dryRun: { type: 'string', enum: ['true', 'false'] },
        sheet: { type: 'string', description: 'The sheet of an .xlsx workbook (default: the first)' },
        district: { type: 'string', description: 'District code of rows that name none' },
      },
    },
  })
  @ApiHeader({
    name: 'Prefer',
    required: false,
    description: 'respond-async: answer 202 at once, poll GET /imports/{id}',
  })
  @ApiCreatedResponse({ type: ImportStatusDto, description: 'Imported' })
  @ApiOkResponse({ type: ImportStatusDto, description: 'Dry run: checked, nothing written' })
  @ApiAcceptedResponse({ type: ImportStatusDto, description: 'Started (Prefer: respond-async)' })
  @ApiProblems(400, 413, 429)
  @UseInterceptors(
    FileFieldsInterceptor(
      [
        { name: 'file', maxCount: 1 },
        { name: 'mapping', maxCount: 1 },
      ],
      { limits: { fileSize: MAX_FILE_BYTES, files: 2, fields: 10 } },
    ),
  )
  async upload(
    @UploadedFiles() files: Record<string, UploadedPart[] | undefined> | undefined,
    @Body() form: ImportFormDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Headers('prefer') prefer: string | undefined,
  ) {
    const principal = (req as AuthenticatedRequest).principal!;
    const file = files?.file?.[0];
    if (!file) throw Problem.badRequest([{ field: 'file', message: 'file (an .xlsx or .csv register) is required' }]);
    const request: ImportRequest = {
      file: file.buffer,
      fileName: file.originalname,
      sheet: form.sheet,
      mapping: files?.mapping?.[0] ? mappingOf(files.mapping[0].buffer) : undefined,
      district: form.district,
      dryRun: form.dryRun === 'true',
      actor: principal.user,
      role: principal.role,
      // Unit heads import into their own districts only.
      districts: principal.role === 'admin' ? null : principal.districts,
    };
    if (prefer && /respond-async/i.test(prefer)) {
      const { id, read } = this.imports.start(request, this.imports.check(request));
      const total = await rowsReadSoon(read);
      res.status(202);
      res.setHeader('Location', `/api/imports/${id}`);
      res.setHeader('Preference-Applied', 'respond-async');
      return { id, status: 'running', dryRun: request.dryRun, progress: { done: 0, total } };
    }
    const report = await this.imports
      .prepare(request)
      .then((prepared) => this.imports.run(request, prepared))
      .catch((error: unknown) => {
        throw importProblem(error);
      });
    res.status(request.dryRun ? 200 : 201);
    res.setHeader('Location', `/api/imports/${report.id}`);
    return summaryOf(report);
  }

  /** How far an import has come, or its summary once done. */
  @Get(':id')
  @ApiOkResponse({ type: ImportStatusDto, description: 'How far the import has come, or its result' })
  @Audited('import.status')
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

  /** The import's report: each row's outcome and problems, and the totals it adds to the statistics. */
  @Get(':id/report')
  @ApiExtraModels(ImportReportDto)
  @ApiProduces('application/json', CSV_MEDIA_TYPE, XLSX)
  @ApiOkResponse({
    description: 'JSON; the problems as CSV or xlsx with format=csv|xlsx',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(ImportReportDto) } },
      [CSV_MEDIA_TYPE]: { schema: { type: 'string' } },
      [XLSX]: { schema: { type: 'string', format: 'binary' } },
    },
  })
  @ApiProblems(400)
  @Audited('import.report')
  async report(
    @Param('id') id: string,
    @Query() query: ReportQueryDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const report = await this.readable(this.checkId(id), req);
    if (query.format === 'csv' || query.format === 'xlsx')
      return sendTable(res, reportTable(report), query.format, `importrapport-${id}`);
    res.setHeader('Content-Disposition', `attachment; filename="importrapport-${id}.json"`);
    // Whether the reader may open each row's case: an administrator reads every import but no case; a unit head
    // reads only their own imports, which reach only their own districts (GET /api/cases/{id} decides in the end).
    const opensCases = canOpenCases((req as AuthenticatedRequest).principal!);
    return { ...report, rows: report.rows.map((r) => ({ ...r, openable: r.caseId !== null && opensCases })) };
  }

  private checkId(id: string): string {
    if (!UUID.test(id)) throw Problem.notFound('No such import');
    return id;
  }

  /** A report is its importer's, and every administrator's. */
  private async readable(id: string, req: Request): Promise<ImportReport> {
    const report = await this.imports.report(this.checkId(id));
    if (!report || !mayRead((req as AuthenticatedRequest).principal!, report.importedBy))
      throw Problem.notFound('No such import');
    return report;
  }
}

/** A file the import refuses, or an import the shutdown stopped, as the answer says it. */
/**
 * An import started with Prefer: respond-async: its row count if the file is
 * read within ASYNC_ANSWER_WAIT_MS (0 while it is still being read), or its
 * refusal as a problem, as without the preference.
 */
export async function rowsReadSoon(read: Promise<{ rows: unknown[] }>): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  const early = await Promise.race([
    read.then(
      (sheet) => ({ rows: sheet.rows.length }),
      (error: unknown) => ({ error }),
    ),
    new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ASYNC_ANSWER_WAIT_MS))),
  ]);
  clearTimeout(timer);
  if (early && 'error' in early) throw importProblem(early.error);
  return early?.rows ?? 0;
}

export function importProblem(error: unknown): unknown {
  if (error instanceof RegisterFileError) return Problem.badRequest([{ field: error.field, message: error.message }]);
  if (error instanceof ImportLimitError) {
    const setting = error.limit === 'memory' ? undefined : IMPORT_LIMIT_SETTINGS[error.limit].env;
    return new Problem(413, 'import-limit-exceeded', 'Content too large', error.message, {
      limit: {
        name: error.limit,
        max: error.max,
        ...(error.found ? { found: error.found } : {}),
        ...(setting ? { setting } : {}),
      },
      errors: [{ field: 'file', message: error.message }],
    });
  }
  if (error instanceof ImportBusyError)
    return new Problem(503, 'imports-busy', 'Service unavailable', `${error.message} Nothing was written.`);
  if (error instanceof ImportCancelledError)
    return new Problem(
      503,
      'shutting-down',
      'Service unavailable',
      'The service is shutting down; the rows before were imported, and importing the file again adds the rest.',
    );
  return error;
}

/** A problem as the status of a background import shows it. */
export function bodyOf(problem: unknown): Record<string, unknown> | undefined {
  if (!(problem instanceof Problem)) return undefined;
  return {
    type: `urn:fut:problem:${problem.code}`,
    title: problem.title,
    status: problem.status,
    detail: problem.detail,
    code: problem.code,
    ...problem.extensions,
  };
}

/** Case pages are for those who handle cases (GET /api/cases/{id}): investigators and unit heads. */
const canOpenCases = (principal: { role: string }): boolean =>
  principal.role === 'investigator' || principal.role === 'unit-head';

/** Who may read an import: an administrator any, anyone else their own. */
export const mayRead = (principal: { user: string; role: string }, importer: string): boolean =>
  principal.role === 'admin' || principal.user === importer;

function mappingOf(buffer: Buffer): MappingFile {
  try {
    return parseMappingFile(JSON.parse(decodeText(buffer)) as unknown);
  } catch (error) {
    if (error instanceof MappingError) throw Problem.badRequest([{ field: error.field, message: error.message }]);
    throw Problem.badRequest([{ field: 'mapping', message: 'the mapping must be a JSON file' }]);
  }
}
