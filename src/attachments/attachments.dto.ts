import { IsString, MaxLength } from 'class-validator';
import { Optional } from '../common/validators';

/** The upload's text fields beside the file. */
export class AttachmentFormDto {
  /** What the file is, for the case page (personal data: encrypted with the person's key). */
  @Optional()
  @IsString()
  @MaxLength(2000)
  description?: string;
}

/** The answer to an upload: the case's new version, and the attachment's id. */
export class AttachmentResultDto {
  /** The case's id. */
  id!: string;
  caseNumber!: string;
  /** The case version after the upload (also the ETag). */
  version!: number;
  /** The attachment's opaque id: GET /api/cases/{id}/attachments/{attachmentId} downloads it. */
  attachmentId!: string;
}
