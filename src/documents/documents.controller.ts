import {
  Body,
  Controller,
  Get,
  Headers,
  Param,
  PayloadTooLargeException,
  Post,
  Query,
  Req,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { catchError, type Observable } from 'rxjs';
import { Audited } from '../audit/audit.interceptor';
import { type AuthenticatedRequest, Roles } from '../auth/auth.decorators';
import { isUuid } from '../common/ids';
import { ApiCaseStepHeaders, ApiProblemCodes, ApiProblems } from '../common/openapi';
import { Problem } from '../common/problem';
import { IdempotencyKeys } from '../cases/application/idempotency';
import { requestMeta, sendAnswer } from '../cases/application/request-meta';
import { COMMON_REFUSALS } from '../cases/domain/refusals';
import { DOCUMENT_TYPES, documentDispatch, documentIssue } from '../cases/steps/document/document.step';
import { COMMON_FIELDS, LOOPS, TYPE_FIELDS } from './content';
import {
  DocumentFileQueryDto,
  DocumentSentDto,
  DocumentTemplateDto,
  IssueDocumentDto,
  IssuedDocumentDto,
  TemplateVersionDto,
} from './documents.dto';
import { DOCUMENT_PROBLEMS, DocumentsService } from './documents.service';
import {
  DocumentTemplates,
  MAX_TEMPLATE_BYTES,
  type TemplateVersion,
  documentTypeOf,
} from './templates/document-templates.service';

const ETAG = { ETag: { description: 'The case version, for If-Match', schema: { type: 'string' } } };
const MEDIA = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

const codes = (refusals: Record<string, readonly [string, string]>, kind: 'conflict' | 'rule') =>
  Object.entries({ ...COMMON_REFUSALS, ...refusals })
    .filter(([, [k]]) => k === kind)
    .map(([code]) => code);

/** A file name that says what the document is, in ASCII: "FA-2018-0001-2-beslut-om-aterkrav.pdf". */
function fileName(caseNumber: string, documentId: string, label: string, format: 'pdf' | 'docx'): string {
  const slug = label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${caseNumber.replace(/[^A-Za-z0-9-]/g, '_')}-${documentId}-${slug}.${format}`;
}

/**
 * A case's documents: issue one (PDF and DOCX from the case as it is now,
 * kept encrypted exactly as issued and recorded as an event), download it by
 * its number in the case (every download in the audit log), and record that
 * it was sent. If-Match and Idempotency-Key as every step.
 */
@ApiTags('cases')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiProblems(401, 403, 429)
@Roles('investigator', 'unit-head')
@Controller('cases')
export class DocumentsController {
  constructor(
    private readonly documents: DocumentsService,
    private readonly idempotency: IdempotencyKeys,
  ) {}

  /** Issue a document (kommuniceringsbrev, beslut, avbetalningsplan, polisanmälan, ansökan, underrättelse) from the case. */
  @Post(':id/documents')
  @Audited('case.document-issue')
  @ApiBody({ type: IssueDocumentDto })
  @ApiCaseStepHeaders()
  @ApiCreatedResponse({ type: IssuedDocumentDto, headers: ETAG, description: 'The document is issued and kept' })
  @ApiProblemCodes({
    400: ['invalid-request'],
    403: [DOCUMENT_PROBLEMS.identityProtected],
    404: ['not-found'],
    409: [...codes(documentIssue.refusals, 'conflict'), 'idempotency-key-reused', DOCUMENT_PROBLEMS.noDataKey],
    412: ['stale-version'],
    422: codes(documentIssue.refusals, 'rule'),
    503: ['personal-data-key-missing', 'storage-unavailable'],
  })
  async issue(
    @Param('id') id: string,
    @Body() body: IssueDocumentDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Headers() headers: Record<string, string | undefined>,
  ): Promise<IssuedDocumentDto> {
    if (!isUuid(id)) throw Problem.notFound('No such case');
    const meta = requestMeta(req, req.body, headers, this.idempotency);
    const { answer, document } = await this.documents.issue(id, body, meta);
    sendAnswer(res, answer);
    res.status(201);
    res.setHeader('Location', `/api/cases/${id}/documents/${document.documentId}/file`);
    const base = answer.body as { id: string; caseNumber: string; version: number };
    return {
      id: base.id,
      caseNumber: base.caseNumber,
      version: base.version,
      documentId: document.documentId,
      documentType: document.documentType,
      madeFromVersion: document.madeFromVersion,
      templateVersion: document.templateVersion,
      sha256: document.pdf.sha256,
      docxSha256: document.docx.sha256,
    };
  }

  /** Download a document exactly as issued: the PDF (default) or the DOCX. */
  @Get(':id/documents/:documentId/file')
  @Audited('case.document-download')
  @ApiParam({ name: 'documentId', description: "The document's number in the case, as `documents[].documentId`" })
  @ApiProduces(MEDIA.pdf, MEDIA.docx)
  @ApiOkResponse({
    description: 'The file as issued, byte for byte (Repr-Digest: its sha-256, as the event records it)',
    content: {
      [MEDIA.pdf]: { schema: { type: 'string', format: 'binary' } },
      [MEDIA.docx]: { schema: { type: 'string', format: 'binary' } },
    },
  })
  @ApiProblemCodes({
    400: ['invalid-request'],
    403: [DOCUMENT_PROBLEMS.identityProtected],
    404: ['not-found'],
    410: [DOCUMENT_PROBLEMS.shredded],
    503: [DOCUMENT_PROBLEMS.fileMissing, 'storage-unavailable'],
  })
  async file(
    @Param('id') id: string,
    @Param('documentId') documentId: string,
    @Query() query: DocumentFileQueryDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Headers() headers: Record<string, string | undefined>,
  ): Promise<StreamableFile> {
    if (!isUuid(id)) throw Problem.notFound('No such case');
    const format = query.format ?? 'pdf';
    const meta = requestMeta(req, undefined, headers, this.idempotency);
    const { bytes, document, caseNumber } = await this.documents.file(id, documentId, format, meta);
    res.setHeader('Content-Type', MEDIA[format]);
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="${fileName(caseNumber, document.documentId, DOCUMENT_TYPES[document.documentType], format)}"`,
    );
    res.setHeader('Repr-Digest', `sha-256=:${Buffer.from(document[format].sha256, 'hex').toString('base64')}:`);
    return new StreamableFile(bytes);
  }

  /** Record that a document was sent: the day and the channel. */
  @Post(':id/documents/:documentId/sent')
  @Audited('case.document-sent')
  @ApiParam({ name: 'documentId', description: "The document's number in the case, as `documents[].documentId`" })
  @ApiBody({ type: DocumentSentDto })
  @ApiCaseStepHeaders()
  @ApiOkResponse({ type: IssuedDocumentDto, headers: ETAG, description: 'The sending is recorded' })
  @ApiProblemCodes({
    400: ['invalid-request'],
    404: ['not-found'],
    409: [...codes(documentDispatch.refusals, 'conflict'), 'idempotency-key-reused'],
    412: ['stale-version'],
    422: codes(documentDispatch.refusals, 'rule'),
  })
  async sent(
    @Param('id') id: string,
    @Param('documentId') documentId: string,
    @Body() body: DocumentSentDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Headers() headers: Record<string, string | undefined>,
  ) {
    if (!isUuid(id)) throw Problem.notFound('No such case');
    const meta = requestMeta(req, req.body, headers, this.idempotency);
    return sendAnswer(res, await this.documents.sent(id, documentId, body, meta));
  }
}

/** After multer: its refusal of a file past the size limit is the template's own 413. */
@Injectable()
class TemplateUpload implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        throw error instanceof PayloadTooLargeException
          ? new Problem(413, 'template-too-large', 'Content too large', 'A template is at most 5 MB.', {
              errors: [{ field: 'file', message: 'larger than 5 MB' }],
            })
          : error;
      }),
    );
  }
}

const versionView = (v: TemplateVersion): TemplateVersionDto => ({
  version: v.version,
  source: v.source,
  sha256: v.sha256,
  size: v.size,
  changedBy: v.changedBy,
  changedAt: v.changedAt,
});

/**
 * The documents' templates, for administrators: each type's template in use
 * and its history; upload the municipality's own DOCX (checked: every
 * placeholder must be one the type fills, the syntax whole; refused naming
 * the placeholder), download any version, or return to the default.
 */
@ApiTags('document-templates')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiProblems(401, 403, 429)
@Roles('admin')
@Controller('document-templates')
export class DocumentTemplatesController {
  constructor(private readonly templates: DocumentTemplates) {}

  /** Every document type's template: the version in use, the history and the placeholders it may hold. */
  @Get()
  @ApiOkResponse({ type: [DocumentTemplateDto], description: 'One entry a document type' })
  async list(): Promise<DocumentTemplateDto[]> {
    return Promise.all(
      (Object.keys(DOCUMENT_TYPES) as Array<keyof typeof DOCUMENT_TYPES>).map(async (type) => {
        const versions = await this.templates.versions(type);
        return {
          documentType: type,
          label: DOCUMENT_TYPES[type],
          current: versionView(versions[versions.length - 1]),
          versions: versions.map(versionView),
          placeholders: [...COMMON_FIELDS, ...TYPE_FIELDS[type]],
          loops: [...LOOPS],
        };
      }),
    );
  }

  /** Download a version of a type's template (DOCX). */
  @Get(':type/versions/:version')
  @ApiParam({ name: 'type', enum: Object.keys(DOCUMENT_TYPES) })
  @ApiParam({ name: 'version', description: 'The version (0: the shipped default)' })
  @ApiProduces(MEDIA.docx)
  @ApiOkResponse({
    description: 'The template',
    content: { [MEDIA.docx]: { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiProblems(404)
  async download(
    @Param('type') typeParam: string,
    @Param('version') versionParam: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const type = documentTypeOf(typeParam);
    const version = (await this.templates.versions(type)).find((v) => String(v.version) === versionParam);
    if (!version) throw Problem.notFound(`No version ${versionParam} of the ${type} template`);
    res.setHeader('Content-Type', MEDIA.docx);
    res.setHeader('Content-Disposition', `attachment; filename="mall-${type}-v${version.version}.docx"`);
    return new StreamableFile(await this.templates.bytesOf(version));
  }

  /** Upload the municipality's own template of a type: the next documents of the type use it. */
  @Post(':type')
  @Audited('admin.document-template-upload')
  @ApiParam({ name: 'type', enum: Object.keys(DOCUMENT_TYPES) })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary', description: 'The template: a DOCX with placeholders' } },
    },
  })
  @ApiCreatedResponse({ type: TemplateVersionDto, description: 'The template is checked and in use' })
  @ApiProblemCodes({
    400: ['invalid-request'],
    404: ['not-found'],
    413: ['template-too-large'],
    415: ['template-not-docx'],
    422: ['template-invalid'],
  })
  @UseInterceptors(TemplateUpload, FileInterceptor('file', { limits: { fileSize: MAX_TEMPLATE_BYTES, files: 1 } }))
  async upload(
    @Param('type') typeParam: string,
    @UploadedFile() file: { buffer: Buffer } | undefined,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TemplateVersionDto> {
    const type = documentTypeOf(typeParam);
    if (!file) throw Problem.badRequest([{ field: 'file', message: 'file (a DOCX template) is required' }]);
    const version = await this.templates.upload(type, file.buffer, req.principal!.user);
    res.status(201);
    return versionView(version);
  }

  /** Go back to the service's default template of a type (a new version; the history stays). */
  @Post(':type/default')
  @Audited('admin.document-template-restore')
  @ApiParam({ name: 'type', enum: Object.keys(DOCUMENT_TYPES) })
  @ApiCreatedResponse({ type: TemplateVersionDto, description: 'The default template is in use again' })
  @ApiProblems(404)
  async restore(
    @Param('type') typeParam: string,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TemplateVersionDto> {
    const version = await this.templates.restoreDefault(documentTypeOf(typeParam), req.principal!.user);
    res.status(201);
    return versionView(version);
  }
}
