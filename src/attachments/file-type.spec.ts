import ExcelJS from 'exceljs';
import { docxOf, xlsxOf, zipOf } from '../testing/zip-writer';
import { FileTypeSniffer, UnsupportedFileTypeError, ZIP_TAIL_BYTES } from './file-type';

/** The kind the sniffer gives for these bytes, fed in pieces of `piece` bytes. */
function kindOf(bytes: Buffer, piece = 4096): string {
  const sniffer = new FileTypeSniffer();
  for (let i = 0; i < bytes.length; i += piece) sniffer.observe(bytes.subarray(i, i + piece));
  return sniffer.kind();
}

const refused = (bytes: Buffer, piece?: number) => expect(() => kindOf(bytes, piece)).toThrow(UnsupportedFileTypeError);

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100)]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100), Buffer.from([0xff, 0xd9])]);
const PDF = Buffer.from('%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF\n');
/** The first bytes of a Windows executable. */
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(5000)]);

describe('the kind of an upload, from its bytes alone', () => {
  it.each([
    ['pdf', PDF],
    ['png', PNG],
    ['jpeg', JPEG],
    ['docx', docxOf('Bevis')],
    ['xlsx', xlsxOf('Bevis')],
  ])('knows a %s file, in pieces of any size', (kind, bytes) => {
    for (const piece of [1, 3, 7, 64, 100_000]) expect(kindOf(bytes, piece)).toBe(kind);
  });

  it('knows a workbook as Excel writes it (compressed parts, a data descriptor)', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Blad1').addRow(['Kontoutdrag', 1234]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(kindOf(bytes)).toBe('xlsx');
  });

  it('refuses an executable at its first bytes, before the rest has come', () => {
    const sniffer = new FileTypeSniffer();
    expect(() => sniffer.observe(EXE.subarray(0, 4096))).toThrow(UnsupportedFileTypeError);
  });

  it.each([
    ['an executable', EXE],
    ['an HTML page', Buffer.from('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>')],
    ['an HTML page with a byte order mark', Buffer.from('\ufeff<html><body>x</body></html>')],
    ['a text file', Buffer.from('just text\n')],
    ['an empty file', Buffer.alloc(0)],
    ['a few bytes', Buffer.from('%P')],
    [
      'a legacy or encrypted Office file (OLE)',
      Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(600)]),
    ],
    ['a GIF', Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1')],
  ])('refuses %s', (_, bytes) => refused(bytes));

  it('refuses zip files that are no DOCX or XLSX', () => {
    refused(zipOf({ 'a.txt': 'x' }));
    refused(zipOf({ 'word/document.xml': '<x/>' })); // no content types
    refused(zipOf({ '[Content_Types].xml': '<x/>', 'META-INF/MANIFEST.MF': 'jar' }));
    refused(zipOf({ '[Content_Types].xml': '<x/>', 'word/document.xml': '<x/>', 'xl/workbook.xml': '<x/>' }));
  });

  it('refuses macro-enabled documents', () => {
    refused(zipOf({ '[Content_Types].xml': '<x/>', 'word/document.xml': '<x/>', 'word/vbaProject.bin': 'code' }));
    refused(zipOf({ '[Content_Types].xml': '<x/>', 'xl/workbook.xml': '<x/>', 'xl/vbaProject.bin': 'code' }));
  });

  it('refuses a zip file cut short, or with a damaged directory', () => {
    const docx = docxOf('x');
    refused(docx.subarray(0, docx.length - 10));
    const damaged = Buffer.from(docx);
    damaged.writeUInt32LE(0x12345678, damaged.length - 22 + 16); // the directory's offset
    refused(damaged);
  });

  it('reads only the last bytes: a directory further back than it keeps is refused, not searched for', () => {
    const big = zipOf({
      '[Content_Types].xml': '<x/>',
      'word/document.xml': '<x/>',
      // Names enough to push the directory's start out of the kept tail.
      ...Object.fromEntries(Array.from({ length: 9000 }, (_, i) => [`word/media/${'n'.repeat(200)}${i}.png`, ''])),
    });
    expect(big.length).toBeGreaterThan(ZIP_TAIL_BYTES);
    refused(big);
  });

  it('a comment after the directory does not hide it', () => {
    expect(kindOf(zipOf({ '[Content_Types].xml': '<x/>', 'xl/workbook.xml': '<x/>' }, 'c'.repeat(1000)))).toBe('xlsx');
  });
});
