import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Logger } from 'pino';
import type { LocalDate } from '../calendar/local-date';
import { canSeeDistrict } from '../auth/principal';
import { Problem } from '../common/problem';
import { DistrictRegister } from '../districts/district-register';
import { FileMissingError, PersonalFiles, isShredded } from '../files';
import { LOGGER } from '../infrastructure/tokens';
import { DataKeyMissingError, PersonalData } from '../personal-data/personal-data';
import {
  type CommandAnswer,
  type RequestMeta,
  RunCaseCommand,
  problemOf,
} from '../cases/application/case-command-handlers';
import { CaseCommands, StaleVersionError } from '../cases/application/case-commands.service';
import type { OpenCase } from '../cases/domain/case-state';
import { rule } from '../cases/domain/case-errors';
import type { PersonRole } from '../cases/domain/persons';
import { IDENTITY_PROTECTED_FILES, requireMayIdentify } from '../cases/application/protected-files';
import {
  type CaseDocument,
  type DocumentChannel,
  type DocumentType,
  addresseeOf,
  concerningOf,
  documentAvailability,
} from '../cases/steps/document/document.step';
import { buildDocument } from './content';
import { renderDocx } from './render/document-docx';
import { DocumentPdfThread } from './render/document-pdf-thread';
import { letterheadOf } from './render/letterhead';
import { DocumentTemplates } from './templates/document-templates.service';

/** The problem codes of documents beside the steps' refusals (Swedish in src/labels/sv.ts). */
export const DOCUMENT_PROBLEMS = {
  shredded: 'document-shredded',
  fileMissing: 'document-file-missing',
  noDataKey: 'document-without-data-key',
  identityProtected: IDENTITY_PROTECTED_FILES,
} as const;

export interface IssueRequest {
  documentType: DocumentType;
  concerning?: string;
  /** Whom a claim decision is addressed to, on a claim decided against two persons. */
  person?: PersonRole;
}

/**
 * The data key a document's files are encrypted with: its addressee's. A
 * letter to the household's second adult holds their name, personnummer and
 * their part of the debt, so it goes under their key, which is theirs in this
 * case alone and is shredded when this case is culled; under the case's
 * person's key it would stay readable (in a backup) as long as that person has
 * another case not yet due. The reading that protects the second person.
 */
export function documentKeyOf(c: OpenCase, addressee: PersonRole | undefined): string | null {
  return addressee === 'second-person' ? (c.secondPerson?.dataKeyId ?? null) : c.dataKeyId;
}

const parseIfMatch = (header: string): number | undefined => {
  const match = /^\s*(?:W\/)?"?(-?\d+)"?\s*$/.exec(header);
  return match ? Number(match[1]) : undefined;
};

/**
 * Issues the documents of a case: made from the case as it is now (one
 * version, named in the event), with the type's current template, rendered
 * to DOCX and PDF, both stored encrypted with the person's data key exactly
 * as made, then recorded as DocumentIssued through the decider (with the
 * version they were made from as the expected version, so nothing recorded
 * meanwhile is missing from them). Nothing of their content is logged.
 */
@Injectable()
export class DocumentsService {
  constructor(
    private readonly commands: CaseCommands,
    private readonly commandBus: CommandBus,
    private readonly personalData: PersonalData,
    private readonly files: PersonalFiles,
    private readonly templates: DocumentTemplates,
    private readonly pdf: DocumentPdfThread,
    private readonly districts: DistrictRegister,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** The case as the caller may see it, or 404 exactly as an unknown case. */
  private async visible(caseId: string, meta: RequestMeta): Promise<{ state: OpenCase; version: number }> {
    const { state, version } = await this.commands.load(caseId);
    if (!state.exists || (meta.principal && !canSeeDistrict(meta.principal, state.district)))
      throw Problem.notFound('No such case');
    return { state, version };
  }

  async issue(
    caseId: string,
    request: IssueRequest,
    meta: RequestMeta,
  ): Promise<{ answer: CommandAnswer; document: CaseDocument }> {
    const { state, version } = await this.visible(caseId, meta);
    try {
      if (meta.ifMatch !== undefined) {
        const expected = parseIfMatch(meta.ifMatch);
        if (expected === undefined)
          throw Problem.badRequest([
            { field: 'If-Match', message: 'If-Match must be the ETag of a case version, e.g. "3"' },
          ]);
        if (expected !== version) throw new StaleVersionError(expected, version);
      }
      if (state.culledOn)
        throw new Problem(409, 'case-culled', 'Conflict', 'The personal data of this case has been culled.');
      if (state.voided) throw new Problem(409, 'case-voided', 'Conflict', 'The case is voided.');
      const refusal = documentAvailability(request.documentType, state);
      if (refusal) throw refusal;
      requireMayIdentify(state, meta.principal);
      const concerning = concerningOf(request.documentType, state, request.concerning);
      const addressee = addresseeOf(request.documentType, state, concerning, request.person);
      const keyId = documentKeyOf(state, addressee);
      if (!keyId)
        throw new Problem(
          409,
          DOCUMENT_PROBLEMS.noDataKey,
          'Conflict',
          'The case was registered before personal data was encrypted: it has no data key to keep a document with.',
        );
      const today = this.commands.today();
      // A kommuniceringsbrev's last day to respond is its kommunicering's: the one the decision must wait for.
      const respondBy =
        request.documentType === 'communication-letter'
          ? state.communications.find((x) => x.communicationId === concerning)?.respondBy
          : undefined;
      if (respondBy !== undefined && respondBy < today)
        throw rule(
          'respond-by-before-letter',
          `The kommunicering's last day to respond (${respondBy}) has passed: record a new kommunicering`,
          'concerning',
          { respondBy },
        );
      const c = this.revealed(caseId, state);
      const content = buildDocument(request.documentType, {
        c,
        concerning,
        addressee,
        issuedOn: today,
        issuedBy: meta.actor,
        districtName: this.districts.get(state.district)?.name ?? state.district,
      });
      const template = await this.templates.current(request.documentType);
      // The document's own date, at noon UTC: its files carry it, so the same content makes the same bytes.
      const date = new Date(`${content.dated}T12:00:00Z`);
      const docx = renderDocx(template.bytes, content, date);
      const pdf = await this.pdf.render({ content, letterhead: letterheadOf(docx), date: date.toISOString() });
      const storedPdf = await this.files.store(keyId, pdf);
      const storedDocx = await this.files.store(keyId, docx).catch(async (error: unknown) => {
        await this.discard(caseId, [storedPdf.fileId]);
        throw error;
      });
      const fileIds = [storedPdf.fileId, storedDocx.fileId];
      try {
        const answer = await this.commandBus.execute(
          new RunCaseCommand(
            caseId,
            {
              type: 'IssueDocument',
              data: {
                documentType: request.documentType,
                concerning,
                ...(request.person !== undefined ? { person: request.person } : {}),
                issuedOn: today,
                issuedBy: meta.actor,
                templateVersion: template.version.version,
                madeFromVersion: version,
                pdf: storedPdf,
                docx: storedDocx,
                ...(respondBy !== undefined ? { respondBy } : {}),
              },
            },
            // Recorded only if the case is still the version the document was made from.
            { ...meta, ifMatch: `"${version}"` },
          ),
        );
        const after = await this.commands.load(caseId);
        const documents = after.state.exists ? after.state.documents : [];
        const issued = documents.find((d) => d.pdf.fileId === storedPdf.fileId);
        if (issued) return { answer, document: issued };
        // A keyed retry answered from its first attempt: these files are not needed; the first's document stands.
        await this.discard(caseId, fileIds);
        const first =
          [...documents].reverse().find((d) => d.pdf.sha256 === storedPdf.sha256) ?? documents[documents.length - 1];
        return { answer, document: first };
      } catch (error) {
        await this.discard(caseId, fileIds);
        throw error;
      }
    } catch (error) {
      throw problemOf(error);
    }
  }

  /** Records that a document was sent, and how. */
  async sent(
    caseId: string,
    documentId: string,
    body: { sentOn: LocalDate; channel: DocumentChannel },
    meta: RequestMeta,
  ): Promise<CommandAnswer> {
    const { state } = await this.visible(caseId, meta);
    if (!state.documents.some((d) => d.documentId === documentId))
      throw Problem.notFound('No such document in this case');
    return this.commandBus.execute(
      new RunCaseCommand(caseId, { type: 'RecordDocumentSent', data: { documentId, ...body } }, meta),
    );
  }

  /** A document's file exactly as issued (its sha-256 is the event's), or why it cannot be given. */
  async file(
    caseId: string,
    documentId: string,
    format: 'pdf' | 'docx',
    meta: RequestMeta,
  ): Promise<{ bytes: Buffer; document: CaseDocument; caseNumber: string }> {
    const { state } = await this.visible(caseId, meta);
    const document = state.documents.find((d) => d.documentId === documentId);
    if (!document) throw Problem.notFound('No such document in this case');
    const keyId = documentKeyOf(state, document.addressee);
    if (state.culledOn || !keyId) throw shredded();
    requireMayIdentify(state, meta.principal);
    let read;
    try {
      read = await this.files.read(document[format].fileId, keyId);
    } catch (error) {
      if (!(error instanceof FileMissingError)) throw error;
      this.logger.error({ caseId, documentId }, 'document file missing from the file store');
      throw new Problem(
        503,
        DOCUMENT_PROBLEMS.fileMissing,
        'Service unavailable',
        "The document's file is missing from the file store; the case was not culled. The operators must restore it from backup.",
      );
    }
    if (isShredded(read)) throw shredded();
    return { bytes: read, document, caseNumber: state.caseNumber };
  }

  /** The case with its personal fields readable; a key lost without culling is the key store's fault (503). */
  private revealed(caseId: string, state: OpenCase): OpenCase {
    try {
      return this.personalData.revealAll(state, state.culledOn !== null);
    } catch (error) {
      if (!(error instanceof DataKeyMissingError)) throw error;
      this.logger.error({ caseId, keyId: error.keyId }, 'data key missing for a case that was never culled');
      throw new Problem(
        503,
        'personal-data-key-missing',
        'Service unavailable',
        'The personal data of this case cannot be decrypted: its data key is missing from the key store.',
      );
    }
  }

  /** Files made for a document that was not recorded: removed, so nothing unrecorded stays in the store. */
  private async discard(caseId: string, fileIds: string[]): Promise<void> {
    for (const fileId of fileIds)
      await this.files
        .remove(fileId)
        .catch((error: unknown) =>
          this.logger.error(
            { caseId, fileId, err: error instanceof Error ? error.message : String(error) },
            'a file of a document that was not recorded was not removed',
          ),
        );
  }
}

const shredded = (): Problem =>
  new Problem(
    410,
    DOCUMENT_PROBLEMS.shredded,
    'Gone',
    "The case's personal data has been culled: its data key is shredded and the document can no longer be read.",
  );
