import { ApiProperty } from '@nestjs/swagger';
import { IsIn, Matches } from 'class-validator';
import { IsLocalDate, Optional } from '../common/validators';
import { PERSON_ROLES, type PersonRole } from '../cases/domain/persons';
import {
  DOCUMENT_CHANNELS,
  DOCUMENT_TYPES,
  type DocumentChannel,
  type DocumentType,
} from '../cases/steps/document/document.step';

/** Issue a document from the case as it is now. */
export class IssueDocumentDto {
  @ApiProperty({ enum: Object.keys(DOCUMENT_TYPES), example: 'repayment-claim-decision' })
  @IsIn(Object.keys(DOCUMENT_TYPES))
  documentType!: DocumentType;

  /**
   * What it concerns (as `documentsOffered[].concerning`): a claim's id (decision, plan, suit application), a
   * kommunicering's id (kommuniceringsbrev), a police report's id, the number of a waiver granted ("1") or refused
   * ("refused-1"), or of a notification. Left out: the latest.
   */
  @ApiProperty({ required: false, example: '1', pattern: '^(refused-)?[1-9][0-9]{0,3}$' })
  @Optional()
  @Matches(/^(refused-)?[1-9][0-9]{0,3}$/, { message: 'concerning must be an id or a number, e.g. "1" or "refused-1"' })
  concerning?: string;

  /**
   * Whom it is addressed to: on a claim decided against two persons, each gets their own decision on their part
   * (`second-person` for the household's second adult). Left out: the case's person (a waiver of the second
   * adult's part goes to them).
   */
  @ApiProperty({ required: false, enum: Object.keys(PERSON_ROLES), example: 'subject' })
  @Optional()
  @IsIn(Object.keys(PERSON_ROLES))
  person?: PersonRole;
}

/** The document was sent: when and how. */
export class DocumentSentDto {
  @ApiProperty({ format: 'date', example: '2019-06-28' })
  @IsLocalDate()
  sentOn!: string;

  @ApiProperty({ enum: Object.keys(DOCUMENT_CHANNELS), example: 'post' })
  @IsIn(Object.keys(DOCUMENT_CHANNELS))
  channel!: DocumentChannel;
}

export class DocumentFileQueryDto {
  /** pdf (the document as issued, default) or docx (to edit). */
  @ApiProperty({ required: false, enum: ['pdf', 'docx'] })
  @Optional()
  @IsIn(['pdf', 'docx'])
  format?: 'pdf' | 'docx';
}

/** The answer to issuing: the case's new version and the document as recorded. */
export class IssuedDocumentDto {
  /** The case's id. */
  id!: string;
  caseNumber!: string;
  /** The case version after the issuing (also the ETag). */
  version!: number;
  /** The document's number in the case: GET /api/cases/{id}/documents/{documentId}/file downloads it. */
  documentId!: string;
  @ApiProperty({ enum: Object.keys(DOCUMENT_TYPES) })
  documentType!: DocumentType;
  /** The case version it was made from. */
  madeFromVersion!: number;
  templateVersion!: number;
  /** The sha-256 of the PDF as issued. */
  sha256!: string;
  /** The sha-256 of the DOCX as issued. */
  docxSha256!: string;
}

/** One version of a document type's template. */
export class TemplateVersionDto {
  /** 0 is the default the service ships, before any change. */
  version!: number;
  @ApiProperty({ enum: ['uploaded', 'default'] })
  source!: 'uploaded' | 'default';
  sha256!: string;
  size!: number;
  @ApiProperty({ type: String, nullable: true })
  changedBy!: string | null;
  @ApiProperty({ type: String, nullable: true })
  changedAt!: string | null;
}

/** A document type's template: the version in use, its history, and the placeholders it may hold. */
export class DocumentTemplateDto {
  @ApiProperty({ enum: Object.keys(DOCUMENT_TYPES) })
  documentType!: DocumentType;
  /** The type's Swedish name. */
  label!: string;
  current!: TemplateVersionDto;
  /** Every version, oldest first. */
  versions!: TemplateVersionDto[];
  /** The placeholders the type's documents fill, e.g. "namn", "arendenummer". */
  placeholders!: string[];
  /** The loops a template may use ({#avsnitt}...{/avsnitt}) and the names their items hold. */
  loops!: string[];
}
