import type { AttachmentKind } from '../cases/steps/attachment/attachment.step';

/**
 * What kind of file an upload is, from its bytes alone: the name and the
 * client's Content-Type are never asked (a renamed executable stays an
 * executable). PDF, JPEG and PNG by their first bytes; DOCX and XLSX are zip
 * archives, told apart by the names in the archive's central directory, read
 * from the last bytes of the upload, which are kept as it streams past: no
 * part is ever unpacked, and the work is bounded whatever the file holds.
 */
export class UnsupportedFileTypeError extends Error {
  constructor(reason: string) {
    super(`not a PDF, JPEG, PNG, DOCX or XLSX file: ${reason}`);
    this.name = 'UnsupportedFileTypeError';
  }
}

const PDF = Buffer.from('%PDF-');
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const HEAD_BYTES = 8;

/** The end of a zip archive kept in memory: the central directory must lie within it (2 MiB holds tens of thousands of names). */
export const ZIP_TAIL_BYTES = 2 * 1024 * 1024;
/** An office document has a few dozen parts; more is not one. */
const MAX_ZIP_ENTRIES = 10_000;
const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const EOCD_BYTES = 22;
const MAX_COMMENT = 0xffff;

type Family = 'pdf' | 'jpeg' | 'png' | 'zip';

function familyOf(head: Buffer): Family | undefined {
  if (head.length >= PDF.length && head.subarray(0, PDF.length).equals(PDF)) return 'pdf';
  if (head.length >= PNG.length && head.subarray(0, PNG.length).equals(PNG)) return 'png';
  if (head.length >= JPEG.length && head.subarray(0, JPEG.length).equals(JPEG)) return 'jpeg';
  if (head.length >= ZIP.length && head.subarray(0, ZIP.length).equals(ZIP)) return 'zip';
  return undefined;
}

/**
 * Watches an upload's bytes go by. `observe` refuses as soon as the first
 * bytes rule every kind out (an executable is stopped at its first chunk);
 * `kind` gives the kind once the whole file has been seen.
 */
export class FileTypeSniffer {
  private head = Buffer.alloc(0);
  private family: Family | undefined;
  private tail: Buffer[] = [];
  private tailBytes = 0;
  private size = 0;

  observe(chunk: Buffer): void {
    this.size += chunk.length;
    if (!this.family) {
      if (this.head.length < HEAD_BYTES)
        this.head = Buffer.concat([this.head, chunk.subarray(0, HEAD_BYTES - this.head.length)]);
      if (this.head.length >= HEAD_BYTES) {
        this.family = familyOf(this.head);
        if (!this.family) throw new UnsupportedFileTypeError('its first bytes are of another kind');
      }
    }
    if (this.family === 'zip' || !this.family) this.keepTail(chunk);
  }

  private keepTail(chunk: Buffer): void {
    this.tail.push(chunk);
    this.tailBytes += chunk.length;
    while (this.tail.length > 1 && this.tailBytes - this.tail[0].length >= ZIP_TAIL_BYTES) {
      this.tailBytes -= this.tail[0].length;
      this.tail.shift();
    }
  }

  /** The kind of the whole file; UnsupportedFileTypeError when it is none of them. */
  kind(): AttachmentKind {
    const family = this.family ?? familyOf(this.head);
    if (!family)
      throw new UnsupportedFileTypeError(this.size === 0 ? 'it is empty' : 'its first bytes are of another kind');
    if (family !== 'zip') return family;
    const tail = Buffer.concat(this.tail);
    return officeKindOf(tail.subarray(Math.max(0, tail.length - ZIP_TAIL_BYTES)), this.size);
  }
}

/** DOCX or XLSX, from the central directory of a zip archive whose last bytes are `tail` (of `size` bytes in all). */
export function officeKindOf(tail: Buffer, size: number): AttachmentKind {
  const tailStart = size - tail.length;
  let end = -1;
  for (let p = tail.length - EOCD_BYTES; p >= Math.max(0, tail.length - EOCD_BYTES - MAX_COMMENT); p--) {
    if (tail.readUInt32LE(p) === EOCD && p + EOCD_BYTES + tail.readUInt16LE(p + 20) === tail.length) {
      end = p;
      break;
    }
  }
  if (end < 0) throw new UnsupportedFileTypeError('a zip file without its directory');
  const count = tail.readUInt16LE(end + 10);
  const directorySize = tail.readUInt32LE(end + 12);
  const directoryOffset = tail.readUInt32LE(end + 16);
  if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff)
    throw new UnsupportedFileTypeError('a zip64 archive');
  if (count > MAX_ZIP_ENTRIES) throw new UnsupportedFileTypeError(`a zip file of more than ${MAX_ZIP_ENTRIES} parts`);
  let p = directoryOffset - tailStart;
  if (p < 0 || directoryOffset + directorySize > tailStart + end)
    throw new UnsupportedFileTypeError('a zip file whose directory is too large or misplaced');
  const names = new Set<string>();
  for (let i = 0; i < count; i++) {
    if (p + 46 > end || tail.readUInt32LE(p) !== CENTRAL) throw new UnsupportedFileTypeError('a damaged zip file');
    const nameLength = tail.readUInt16LE(p + 28);
    const next = p + 46 + nameLength + tail.readUInt16LE(p + 30) + tail.readUInt16LE(p + 32);
    if (next > end) throw new UnsupportedFileTypeError('a damaged zip file');
    // Only the parts that tell the kinds apart are kept; every other name is passed over.
    const name = tail.toString('utf8', p + 46, p + 46 + nameLength);
    if (OFFICE_PARTS.has(name)) names.add(name);
    p = next;
  }
  if (!names.has('[Content_Types].xml')) throw new UnsupportedFileTypeError('a zip file that is no office document');
  // A macro-enabled document (docm, xlsm) carries code: not evidence the service keeps.
  if (names.has('word/vbaProject.bin') || names.has('xl/vbaProject.bin'))
    throw new UnsupportedFileTypeError('an office document with macros');
  const word = names.has('word/document.xml');
  const excel = names.has('xl/workbook.xml');
  if (word && !excel) return 'docx';
  if (excel && !word) return 'xlsx';
  throw new UnsupportedFileTypeError(word ? 'both a document and a workbook' : 'a zip file that is no DOCX or XLSX');
}

const OFFICE_PARTS = new Set([
  '[Content_Types].xml',
  'word/document.xml',
  'xl/workbook.xml',
  'word/vbaProject.bin',
  'xl/vbaProject.bin',
]);

/** The media type each kind is served as, and the extension of its download's name. */
export const MEDIA_TYPES: Readonly<Record<AttachmentKind, { type: string; extension: string }>> = {
  pdf: { type: 'application/pdf', extension: 'pdf' },
  jpeg: { type: 'image/jpeg', extension: 'jpg' },
  png: { type: 'image/png', extension: 'png' },
  docx: { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx' },
  xlsx: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' },
};
