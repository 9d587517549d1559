import { Problem } from '../common/problem';
import { DataKeyGoneError, FileTooLargeError } from '../files';
import { UnsupportedFileTypeError } from './file-type';

/** The problem codes of attachments, beside the case step's own refusals (Swedish in src/labels/sv.ts). */
export const ATTACHMENT_PROBLEMS = {
  tooLarge: 'attachment-too-large',
  typeNotAllowed: 'attachment-type-not-allowed',
  culled: 'attachment-culled',
  fileMissing: 'attachment-file-missing',
  noDataKey: 'case-without-data-key',
} as const;

export const tooLarge = (): Problem =>
  new Problem(
    413,
    ATTACHMENT_PROBLEMS.tooLarge,
    'Content too large',
    'An attachment is at most 25 MB (26 214 400 bytes); nothing was kept.',
    { errors: [{ field: 'file', message: 'larger than 25 MB' }] },
  );

export const typeNotAllowed = (reason: string): Problem =>
  new Problem(
    415,
    ATTACHMENT_PROBLEMS.typeNotAllowed,
    'Unsupported media type',
    `An attachment must be a PDF, JPEG, PNG, DOCX or XLSX file, as its bytes show (not its name or Content-Type); this is ${reason.replace(/^not a PDF, JPEG, PNG, DOCX or XLSX file: /, '')}. Nothing was kept.`,
    { errors: [{ field: 'file', message: 'not a PDF, JPEG, PNG, DOCX or XLSX file' }] },
  );

export const culled = (): Problem =>
  new Problem(
    410,
    ATTACHMENT_PROBLEMS.culled,
    'Gone',
    "The case's personal data has been culled: its data key is shredded and the attachment can no longer be read.",
  );

/** An upload's failure as the answer says it; anything else as it is. */
export function uploadProblem(error: unknown): unknown {
  if (error instanceof FileTooLargeError) return tooLarge();
  if (error instanceof UnsupportedFileTypeError) return typeNotAllowed(error.message);
  if (error instanceof DataKeyGoneError)
    return new Problem(409, 'case-culled', 'Conflict', 'The personal data of this case has been culled.');
  return error;
}
