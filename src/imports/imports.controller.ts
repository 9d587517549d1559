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

const MAX_FILE_BYTES = 20 * 1024 * 1024;

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
interface UploadedPart {
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
  @ApiProblems(400, 429)
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
    const prepared = await this.imports.prepare(request).catch((error: unknown) => {
      if (error instanceof RegisterFileError)
        throw Problem.badRequest([{ field: error.field, message: error.message }]);
      throw error;
    });
    if (prefer && /respond-async/i.test(prefer)) {
      const { id } = this.imports.start(request, prepared);
      res.status(202);
      res.setHeader('Location', `/api/imports/${id}`);
      res.setHeader('Preference-Applied', 'respond-async');
      return {
        id,
        status: 'running',
        dryRun: request.dryRun,
        progress: { done: 0, total: prepared.sheet.rows.length },
      };
    }
    const report = await this.imports.run(request, prepared);
    res.status(request.dryRun ? 200 : 201);
    res.setHeader('Location', `/api/imports/${report.id}`);
    return summaryOf(report);
  }

  /** How far an import has come, or its summary once done. */
  @Get(':id')
  @ApiOkResponse({ type: ImportStatusDto })
  @Audited('import.status')
  async status(@Param('id') id: string, @Req() req: Request) {
    const running = this.imports.progress(this.checkId(id));
    const principal = (req as AuthenticatedRequest).principal!;
    if (running) {
      if (!mayRead(principal, running.actor)) throw Problem.notFound('No such import');
      return { id, status: running.status, progress: { done: running.done, total: running.total } };
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
    return report;
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

const mayRead = (principal: { user: string; role: string }, importer: string): boolean =>
  principal.role === 'admin' || principal.user === importer;

function mappingOf(buffer: Buffer): MappingFile {
  try {
    return parseMappingFile(JSON.parse(decodeText(buffer)) as unknown);
  } catch (error) {
    if (error instanceof MappingError) throw Problem.badRequest([{ field: error.field, message: error.message }]);
    throw Problem.badRequest([{ field: 'mapping', message: 'the mapping must be a JSON file' }]);
  }
}
