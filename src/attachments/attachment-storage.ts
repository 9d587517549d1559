import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type { Readable } from 'node:stream';
import { canSeeDistrict } from '../auth/principal';
import type { AuthenticatedRequest } from '../auth/auth.decorators';
import { isUuid } from '../common/ids';
import { Problem } from '../common/problem';
import { PersonalFiles } from '../files';
import { CaseCommands, StaleVersionError } from '../cases/application/case-commands.service';
import { problemOf } from '../cases/application/case-command-handlers';
import { conflict } from '../cases/domain/case-errors';
import { ATTACHMENT_MAX_BYTES, type AttachmentKind, attachment } from '../cases/steps/attachment/attachment.step';
import { FileTypeSniffer } from './file-type';
import { ATTACHMENT_PROBLEMS, uploadProblem } from './attachment-problems';

/** What multer hands the storage engine for the file part. */
interface IncomingFile {
  fieldname: string;
  originalname: string;
  stream: Readable;
}

/** What the storage engine kept: the route handler finds it as `req.file`. */
export interface UploadedAttachment {
  originalname: string;
  fileId: string;
  sha256: string;
  size: number;
  kind: AttachmentKind;
}

/** If-Match as the case steps read it: a version number, quoted or not. */
export function ifMatchVersion(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^\s*(?:W\/)?"?(-?\d+)"?\s*$/.exec(header);
  if (!match)
    throw Problem.badRequest([{ field: 'If-Match', message: 'If-Match must be the ETag of a case version, e.g. "3"' }]);
  return Number(match[1]);
}

/**
 * Multer's storage engine for attachments: before a byte of the file is
 * read, the case is checked (the caller may see it, it takes attachments, the
 * If-Match version is current), so a refused upload costs nothing; then the
 * file streams through the type check into PersonalFiles, encrypted with the
 * person's key as it comes, at most 25 MB: the service never holds the whole
 * file, and what is refused (too large, not an allowed kind, a client that
 * went away) leaves nothing behind.
 */
@Injectable()
export class AttachmentStorage {
  constructor(
    private readonly files: PersonalFiles,
    private readonly commands: CaseCommands,
  ) {}

  _handleFile(req: Request, file: IncomingFile, callback: (error: unknown, info?: UploadedAttachment) => void): void {
    this.receive(req as AuthenticatedRequest, file).then(
      (info) => callback(null, info),
      (error: unknown) => {
        // The rest of the part is read and dropped, so the parser goes on to the end of the body.
        file.stream.resume();
        callback(uploadProblem(error));
      },
    );
  }

  _removeFile(_req: Request, file: Partial<UploadedAttachment>, callback: (error: Error | null) => void): void {
    if (!file.fileId) return callback(null);
    this.files.remove(file.fileId).then(
      () => callback(null),
      (error: Error) => callback(error),
    );
  }

  private async receive(req: AuthenticatedRequest, file: IncomingFile): Promise<UploadedAttachment> {
    const keyId = await this.caseKey(req);
    const sniffer = new FileTypeSniffer();
    let kind: AttachmentKind | undefined;
    // Not destroyed when the store stops reading early: the parser must still read the body to its end.
    const parts = file.stream.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>;
    async function* checked(): AsyncGenerator<Buffer> {
      for await (const chunk of parts) {
        sniffer.observe(chunk);
        yield chunk;
      }
      kind = sniffer.kind();
    }
    const stored = await this.files.store(keyId, checked(), { maxBytes: ATTACHMENT_MAX_BYTES });
    return { originalname: file.originalname, ...stored, kind: kind! };
  }

  /** The case's data key, once the case is known to take this upload from this caller. */
  private async caseKey(req: AuthenticatedRequest): Promise<string> {
    const id = req.params.id;
    if (!isUuid(id)) throw Problem.notFound('No such case');
    const { state, version } = await this.commands.load(id);
    // Another district's case is answered exactly as an unknown one.
    if (!state.exists || !req.principal || !canSeeDistrict(req.principal, state.district))
      throw Problem.notFound('No such case');
    const refusal = state.culledOn
      ? conflict('case-culled', 'The personal data of this case has been culled; it accepts nothing more')
      : attachment.requires(state);
    if (refusal) throw problemOf(refusal);
    // A keyed retry is answered from its first attempt, whatever the version now (the command checks both).
    const expected = ifMatchVersion(header(req, 'if-match'));
    if (expected !== undefined && header(req, 'idempotency-key') === undefined && expected !== version)
      throw problemOf(new StaleVersionError(expected, version));
    if (!state.dataKeyId)
      throw new Problem(
        409,
        ATTACHMENT_PROBLEMS.noDataKey,
        'Conflict',
        'The case was registered before personal data was encrypted: it has no data key to encrypt a file with.',
      );
    return state.dataKeyId;
  }
}

function header(req: Request, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
