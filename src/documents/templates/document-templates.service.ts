import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOCUMENT_TYPES, type DocumentType } from '../../cases/steps/document/document.step';
import { type AnsweredAsProblem, Problem } from '../../common/problem';
import { EVENT_STORE, type EventStore, WrongExpectedVersionError } from '../../event-store/event-store.port';
import { FILE_STORE, type FileStore } from '../../files';
import { Clock } from '../../infrastructure/clock';
import { todayInStockholm } from '../../calendar/local-date';
import { type TemplateProblem, checkTemplate } from '../render/document-docx';
import { defaultTemplate } from './default-templates';

/** The stream that keeps every template version: one event a change, the bytes in the file store. */
export const TEMPLATES_STREAM = 'document-templates';
const CHANGED = 'DocumentTemplateChanged';

/** A template a municipality uploads: a letter with a letterhead and perhaps a logo, well below this. */
export const MAX_TEMPLATE_BYTES = 5 * 1024 * 1024;

/** One version of a type's template. Version 0 is the default the service ships, before any change. */
export interface TemplateVersion {
  documentType: DocumentType;
  version: number;
  /** `uploaded`: the municipality's own; `default`: the service's (shipped, or restored by an administrator). */
  source: 'uploaded' | 'default';
  /** Where the uploaded bytes are kept (the file store); null for the default. */
  fileId: string | null;
  sha256: string;
  size: number;
  changedBy: string | null;
  changedAt: string | null;
}

/** An uploaded template refused: its problems, each naming the placeholder, in English and Swedish. */
export class TemplateRefusedError extends Error implements AnsweredAsProblem {
  constructor(readonly problems: TemplateProblem[]) {
    super(problems.map((p) => p.message).join('; '));
    this.name = 'TemplateRefusedError';
  }

  asProblem(): Problem {
    const notDocx = this.problems.some((p) => p.code === 'not-a-docx');
    return new Problem(
      notDocx ? 415 : 422,
      notDocx ? 'template-not-docx' : 'template-invalid',
      notDocx ? 'Unsupported media type' : 'Unprocessable content',
      this.message,
      {
        /** The first placeholder named, for a client that shows one. */
        placeholder: this.problems.find((p) => p.placeholder)?.placeholder ?? null,
        problems: this.problems.map((p) => ({
          code: p.code,
          placeholder: p.placeholder,
          message: p.message,
          sv: p.sv,
        })),
        sv: this.problems.map((p) => p.sv).join(' '),
        errors: this.problems.map((p) => ({ field: 'file', message: p.message })),
      },
    );
  }
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** The shipped default: from the committed file (src/documents/templates/<type>.docx), else made as the script makes it. */
function shippedDefault(type: DocumentType): Buffer {
  const file = join(__dirname, `${type}.docx`);
  return existsSync(file) ? readFileSync(file) : defaultTemplate(type);
}

/**
 * The templates of the documents, kept as a history: every upload (and every
 * return to the default) is a version, an event on its own stream naming who
 * and when, with the uploaded bytes kept in the file store (a template is the
 * municipality's letter, not personal data: kept as it is, never culled). The
 * next document of a type uses its latest version.
 */
@Injectable()
export class DocumentTemplates {
  private readonly defaults = new Map<DocumentType, Buffer>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(FILE_STORE) private readonly files: FileStore,
    private readonly clock: Clock,
  ) {}

  private shipped(type: DocumentType): Buffer {
    let bytes = this.defaults.get(type);
    if (!bytes) this.defaults.set(type, (bytes = shippedDefault(type)));
    return bytes;
  }

  private shippedVersion(type: DocumentType): TemplateVersion {
    const bytes = this.shipped(type);
    return {
      documentType: type,
      version: 0,
      source: 'default',
      fileId: null,
      sha256: sha256(bytes),
      size: bytes.length,
      changedBy: null,
      changedAt: null,
    };
  }

  private async history(): Promise<{ versions: TemplateVersion[]; revision: number | 'no-stream' }> {
    const events = await this.store.readStream(TEMPLATES_STREAM);
    return {
      versions: events.filter((e) => e.type === CHANGED).map((e) => e.data as unknown as TemplateVersion),
      revision: events.length === 0 ? 'no-stream' : events[events.length - 1].revision,
    };
  }

  /** Every version of a type, oldest first (version 0, the shipped default, first). */
  async versions(type: DocumentType): Promise<TemplateVersion[]> {
    const { versions } = await this.history();
    return [this.shippedVersion(type), ...versions.filter((v) => v.documentType === type)];
  }

  /** The version the next document of the type is made with, and its bytes. */
  async current(type: DocumentType): Promise<{ version: TemplateVersion; bytes: Buffer }> {
    const versions = await this.versions(type);
    const version = versions[versions.length - 1];
    return { version, bytes: await this.bytesOf(version) };
  }

  async bytesOf(version: TemplateVersion): Promise<Buffer> {
    if (version.fileId === null) return this.shipped(version.documentType);
    const bytes = await this.files.get(version.fileId);
    if (!bytes) throw new Error(`template file of ${version.documentType} version ${version.version} is missing`);
    return bytes;
  }

  /** A municipality's template, checked (a DOCX whose every placeholder the type fills) and kept as the next version. */
  async upload(type: DocumentType, bytes: Buffer, actor: string): Promise<TemplateVersion> {
    const problems = checkTemplate(type, bytes);
    if (problems.length > 0) throw new TemplateRefusedError(problems);
    const fileId = `tpl-${randomBytes(16).toString('hex')}`;
    await this.files.put(fileId, bytes, { maxBytes: MAX_TEMPLATE_BYTES });
    try {
      return await this.record(type, actor, { source: 'uploaded', fileId, sha256: sha256(bytes), size: bytes.length });
    } catch (error) {
      await this.files.delete(fileId).catch(() => undefined);
      throw error;
    }
  }

  /** Back to the service's default template, as a new version (the uploaded ones stay in the history). */
  async restoreDefault(type: DocumentType, actor: string): Promise<TemplateVersion> {
    const shipped = this.shippedVersion(type);
    return this.record(type, actor, { source: 'default', fileId: null, sha256: shipped.sha256, size: shipped.size });
  }

  private async record(
    type: DocumentType,
    actor: string,
    file: Pick<TemplateVersion, 'source' | 'fileId' | 'sha256' | 'size'>,
  ): Promise<TemplateVersion> {
    for (let attempt = 0; ; attempt++) {
      const { versions, revision } = await this.history();
      const now = this.clock.now();
      const version: TemplateVersion = {
        documentType: type,
        version: versions.filter((v) => v.documentType === type).length + 1,
        ...file,
        changedBy: actor,
        changedAt: now.toISOString(),
      };
      try {
        await this.store.append(
          TEMPLATES_STREAM,
          [
            {
              id: randomUUID(),
              type: CHANGED,
              schemaVersion: 1,
              data: version as unknown as Record<string, unknown>,
              metadata: {
                occurredOn: todayInStockholm(now),
                recordedAt: now.toISOString(),
                recordedBy: actor,
                correlationId: randomUUID(),
                causationId: null,
              },
            },
          ],
          revision,
        );
        return version;
      } catch (error) {
        // Two administrators at once: the second counts again from the first's version.
        if (!(error instanceof WrongExpectedVersionError) || attempt >= 5) throw error;
      }
    }
  }
}

/** The document types, for a route parameter that must be one. */
export function documentTypeOf(value: string): DocumentType {
  if (!(value in DOCUMENT_TYPES)) throw Problem.notFound(`No document type ${value}`);
  return value as DocumentType;
}
