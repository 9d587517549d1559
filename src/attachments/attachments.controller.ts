import {
  Body,
  Controller,
  Get,
  Headers,
  Inject,
  Param,
  PayloadTooLargeException,
  Post,
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
import { CommandBus } from '@nestjs/cqrs';
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
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { catchError, type Observable } from 'rxjs';
import { Audited } from '../audit/audit.interceptor';
import { type AuthenticatedRequest, Roles } from '../auth/auth.decorators';
import { canSeeDistrict } from '../auth/principal';
import { IDENTITY_PROTECTED_FILES, requireMayIdentify } from '../cases/application/protected-files';
import { isUuid } from '../common/ids';
import { ApiCaseStepHeaders, ApiProblemCodes, ApiProblems } from '../common/openapi';
import { Problem } from '../common/problem';
import { LOGGER } from '../infrastructure/tokens';
import { PersonalData } from '../personal-data/personal-data';
import { FileMissingError, PersonalFiles, isShredded } from '../files';
import { RunCaseCommand } from '../cases/application/case-command-handlers';
import { CaseCommands } from '../cases/application/case-commands.service';
import { IdempotencyKeys } from '../cases/application/idempotency';
import { COMMON_REFUSALS } from '../cases/domain/refusals';
import { ATTACHMENT_MAX_BYTES, attachment } from '../cases/steps/attachment/attachment.step';
import { ATTACHMENT_PROBLEMS, culled, tooLarge } from './attachment-problems';
import type { UploadedAttachment } from './attachment-storage';
import { AttachmentFormDto, AttachmentResultDto } from './attachments.dto';
import { contentDisposition, safeFileName } from './content-disposition';
import { MEDIA_TYPES } from './file-type';

/**
 * Before multer reads the body: an upload is multipart/form-data or it is
 * refused (415); after: multer's refusal of a file past its size limit is the
 * attachment's own 413.
 */
@Injectable()
class AttachmentUpload implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const type = context.switchToHttp().getRequest<AuthenticatedRequest>().headers['content-type'] ?? '';
    if (!/^multipart\/form-data\s*;/i.test(type))
      throw new Problem(
        415,
        'unsupported-media-type',
        'Unsupported media type',
        'Send the file as multipart/form-data.',
        {
          errors: [{ field: 'Content-Type', message: 'must be multipart/form-data' }],
        },
      );
    return next.handle().pipe(
      catchError((error: unknown) => {
        throw error instanceof PayloadTooLargeException ? tooLarge() : error;
      }),
    );
  }
}

const refusalCodes = (kind: 'conflict' | 'rule') =>
  Object.entries({ ...COMMON_REFUSALS, ...attachment.refusals })
    .filter(([, [k]]) => k === kind)
    .map(([code]) => code);

const ETAG = { ETag: { description: 'The case version, for If-Match', schema: { type: 'string' } } };

/**
 * Attachments (bilagor): evidence uploaded to a case and downloaded again,
 * by those who may read the case. Upload: multipart/form-data with `file`
 * (and `description`), streamed through the type check into the file store,
 * encrypted with the person's key; then recorded on the case as the
 * `attachment` step (If-Match and Idempotency-Key as every step). Download:
 * by opaque ids only, every download in the audit log.
 */
@ApiTags('cases')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiProblems(401, 403, 429)
@Roles('investigator', 'unit-head')
@Controller('cases')
export class AttachmentsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly commands: CaseCommands,
    private readonly idempotency: IdempotencyKeys,
    private readonly files: PersonalFiles,
    private readonly personalData: PersonalData,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Add a file of evidence to the case (PDF, JPEG, PNG, DOCX or XLSX as its bytes show; at most 25 MB). */
  @Post(':id/attachments')
  @Audited('case.attachment-upload')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: {
          type: 'string',
          format: 'binary',
          description: 'The file: PDF, JPEG, PNG, DOCX or XLSX (decided from its bytes), at most 25 MB',
        },
        description: { type: 'string', maxLength: 2000, description: 'What the file is', example: 'Kontoutdrag mars' },
      },
    },
  })
  @ApiCaseStepHeaders()
  @ApiCreatedResponse({ type: AttachmentResultDto, headers: ETAG, description: 'The attachment is kept and recorded' })
  @ApiProblemCodes({
    400: ['invalid-request'],
    404: ['not-found'],
    409: [...refusalCodes('conflict'), 'idempotency-key-reused', ATTACHMENT_PROBLEMS.noDataKey],
    412: ['stale-version'],
    413: [ATTACHMENT_PROBLEMS.tooLarge],
    415: [ATTACHMENT_PROBLEMS.typeNotAllowed, 'unsupported-media-type'],
    422: refusalCodes('rule'),
  })
  @UseInterceptors(
    AttachmentUpload,
    FileInterceptor('file', {
      // The storage engine (AttachmentStorage) comes from the module's multer options.
      limits: { fileSize: ATTACHMENT_MAX_BYTES, files: 1, fields: 4, parts: 5, fieldSize: 8 * 1024 },
      // Browsers send the file's name in UTF-8.
      defParamCharset: 'utf8',
    }),
  )
  async upload(
    @Param('id') id: string,
    @UploadedFile() file: UploadedAttachment | undefined,
    @Body() form: AttachmentFormDto,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
    @Headers() headers: Record<string, string | undefined>,
  ): Promise<AttachmentResultDto> {
    if (!isUuid(id)) throw Problem.notFound('No such case');
    if (!file) throw Problem.badRequest([{ field: 'file', message: 'file (the attachment) is required' }]);
    const name = safeFileName(file.originalname);
    const description = form.description?.trim() || null;
    try {
      const meta = this.meta(req, headers, {
        kind: file.kind,
        size: file.size,
        sha256: file.sha256,
        name,
        description,
      });
      const answer = await this.commandBus.execute(
        new RunCaseCommand(
          id,
          {
            type: 'AddAttachment',
            data: {
              attachmentId: file.fileId,
              addedBy: req.principal!.user,
              kind: file.kind,
              size: file.size,
              sha256: file.sha256,
              name,
              description,
            },
          },
          meta,
        ),
      );
      const { state } = await this.commands.load(id);
      const attachments = state.exists ? state.attachments : [];
      let kept = attachments.find((a) => a.attachmentId === file.fileId);
      if (!kept) {
        // A retry answered from its first attempt: the file this one brought is not needed.
        await this.files.remove(file.fileId);
        kept = [...attachments].reverse().find((a) => a.sha256 === file.sha256 && a.addedBy === req.principal!.user);
      }
      res.status(201);
      for (const [header, value] of Object.entries(answer.headers)) res.setHeader(header, value);
      const attachmentId = kept?.attachmentId ?? file.fileId;
      res.setHeader('Location', `/api/cases/${id}/attachments/${attachmentId}`);
      return { ...(answer.body as Omit<AttachmentResultDto, 'attachmentId'>), attachmentId };
    } catch (error) {
      // Refused (a stale version, a culled case, a reused key): the stored file goes.
      await this.files
        .remove(file.fileId)
        .catch((removal: unknown) =>
          this.logger.error(
            { caseId: id, fileId: file.fileId, err: removal instanceof Error ? removal.message : String(removal) },
            'a refused upload’s file was not removed',
          ),
        );
      throw error;
    }
  }

  /** Download an attachment: those who may read the case may; every download is in the audit log. */
  @Get(':id/attachments/:attachmentId')
  @Audited('case.attachment-download')
  @ApiParam({ name: 'attachmentId', description: "The attachment's id, as `attachments[].id` in the case view" })
  @ApiProduces(...new Set(Object.values(MEDIA_TYPES).map((m) => m.type)))
  @ApiOkResponse({
    description: 'The file as uploaded, byte for byte (Repr-Digest: its sha-256), as an attachment to save',
    content: Object.fromEntries(
      Object.values(MEDIA_TYPES).map((m) => [m.type, { schema: { type: 'string', format: 'binary' } }]),
    ),
  })
  @ApiProblemCodes({
    403: [IDENTITY_PROTECTED_FILES],
    404: ['not-found'],
    410: [ATTACHMENT_PROBLEMS.culled],
    503: [ATTACHMENT_PROBLEMS.fileMissing, 'personal-data-key-missing', 'storage-unavailable'],
  })
  async download(
    @Param('id') id: string,
    @Param('attachmentId') attachmentId: string,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    if (!isUuid(id)) throw Problem.notFound('No such case');
    const { state } = await this.commands.load(id);
    if (!state.exists || !req.principal || !canSeeDistrict(req.principal, state.district))
      throw Problem.notFound('No such case');
    const found = state.attachments.find((a) => a.attachmentId === attachmentId);
    if (!found) throw Problem.notFound('No such attachment in this case');
    if (state.culledOn || !state.dataKeyId) throw culled();
    requireMayIdentify(state, req.principal);
    let opened;
    try {
      opened = await this.files.open(found.attachmentId, state.dataKeyId);
    } catch (error) {
      if (!(error instanceof FileMissingError)) throw error;
      this.logger.error({ caseId: id, attachmentId }, 'attachment file missing from the file store');
      throw new Problem(
        503,
        ATTACHMENT_PROBLEMS.fileMissing,
        'Service unavailable',
        "The attachment's file is missing from the file store; the case was not culled. The operators must restore it from backup.",
      );
    }
    if (isShredded(opened)) {
      this.logger.error({ caseId: id }, 'data key missing for a case that was never culled');
      throw new Problem(
        503,
        'personal-data-key-missing',
        'Service unavailable',
        'The attachment cannot be decrypted: its data key is missing from the key store. The case was not culled; the operators must restore the key store.',
      );
    }
    // The stored name is personal data: decrypted for the answer's header, never put in a URL or a log.
    const name = this.personalData.reveal(found.name) ?? 'bilaga';
    const media = MEDIA_TYPES[found.kind];
    // Never run as a page, whatever a browser makes of it.
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    res.setHeader('Repr-Digest', `sha-256=:${Buffer.from(found.sha256, 'hex').toString('base64')}:`);
    const logger = this.logger;
    return new StreamableFile(opened, {
      type: media.type,
      length: found.size,
      disposition: contentDisposition(name, media.extension),
    })
      .setErrorLogger((error) =>
        logger.error({ caseId: id, attachmentId, err: error.message }, 'attachment download failed part-way'),
      )
      .setErrorHandler((_error, response) => {
        // Cut off: the client sees an incomplete file (Content-Length), never a file made whole by an error text.
        (response as unknown as Response).destroy();
      });
  }

  private meta(req: AuthenticatedRequest, headers: Record<string, string | undefined>, body: object) {
    const key = headers['idempotency-key'];
    if (key !== undefined && !/^[\x21-\x7e]{1,200}$/.test(key))
      throw Problem.badRequest([
        { field: 'Idempotency-Key', message: 'Idempotency-Key must be 1 to 200 visible ASCII characters' },
      ]);
    return {
      actor: req.principal?.user ?? 'anonymous',
      principal: req.principal,
      ifMatch: headers['if-match'],
      idempotencyKey: key,
      // The file is named by its sha-256: a retry of the same file and fields is the same request.
      requestHash: key === undefined ? '' : this.idempotency.requestHash(req.method, req.path, body),
      correlationId: randomUUID(),
    };
  }
}
