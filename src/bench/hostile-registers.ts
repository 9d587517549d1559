import { constants, crc32, deflateRawSync } from 'node:zlib';

/**
 * Hostile register files, made in a few milliseconds each: a sheet with one
 * value per row in Excel's last column (XFD), an xlsx archive that unpacks to
 * hundreds of MB (honestly declared, or declaring a small size), and a CSV
 * file of hundreds of thousands of rows.
 */

interface ZipPart {
  name: string;
  /** Raw deflate data, and what it unpacks to. */
  deflated: Buffer;
  size: number;
  crc: number;
  /** The size the archive declares (a lie when it differs from `size`). */
  declared?: number;
}

const part = (name: string, text: string): ZipPart => {
  const data = Buffer.from(text, 'utf8');
  return { name, deflated: deflateRawSync(data), size: data.length, crc: crc32(data) };
};

/** A zip archive of deflated parts, local headers and a central directory, as Excel writes one. */
export function zipArchive(parts: ZipPart[]): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const size = p.declared ?? p.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(p.crc >>> 0, 14);
    local.writeUInt32LE(p.deflated.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x800, 8);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(p.crc >>> 0, 16);
    entry.writeUInt32LE(p.deflated.length, 20);
    entry.writeUInt32LE(size, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    chunks.push(local, name, p.deflated);
    central.push(entry, name);
    offset += local.length + name.length + p.deflated.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, directory, end]);
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const SHEET_HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}" xmlns:r="${RELS}"><sheetData>`;
const SHEET_TAIL = '</sheetData></worksheet>';

function workbookParts(sheetName: string): ZipPart[] {
  return [
    part(
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
        '</Types>',
    ),
    part(
      '_rels/.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        `<Relationship Id="rId1" Type="${RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    part(
      'xl/workbook.xml',
      `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${RELS}">` +
        `<sheets><sheet name="${sheetName}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    part(
      'xl/_rels/workbook.xml.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        `<Relationship Id="rId1" Type="${RELS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    ),
  ];
}

/** A workbook of one sheet (Blad1) holding the given rows (`<row>` elements). */
export function xlsxWithSheet(rows: string, sheetName = 'Blad1'): Buffer {
  return zipArchive([...workbookParts(sheetName), part('xl/worksheets/sheet1.xml', SHEET_HEAD + rows + SHEET_TAIL)]);
}

/** The tester's file: `rows` rows of one number each, in column XFD (16 384), about 30 KB for 5 000 rows. */
export function wideXlsx(rows = 5000): Buffer {
  let xml = '';
  for (let r = 1; r <= rows; r++) xml += `<row r="${r}"><c r="XFD${r}"><v>${r}</v></c></row>`;
  return xlsxWithSheet(xml);
}

/**
 * A workbook whose sheet unpacks to `bytes` (hundreds of MB from well under
 * a MB): a heading row, then empty `<row/>` elements, deflated once as a
 * segment of 1 MiB and repeated (each segment is flushed whole, so the copies
 * join into one valid deflate stream). With `declare`, the archive claims
 * the sheet unpacks to that many bytes.
 */
export function xlsxBomb(bytes: number, options: { declare?: number } = {}): Buffer {
  const flushed = (data: Buffer): Buffer => deflateRawSync(data, { finishFlush: constants.Z_FULL_FLUSH });
  const head = Buffer.from(
    SHEET_HEAD + '<row r="1"><c r="A1" t="inlineStr"><is><t>Ärendenummer</t></is></c></row>',
    'utf8',
  );
  const tail = Buffer.from(SHEET_TAIL, 'utf8');
  const segment = Buffer.from('<row/>'.repeat(174_763), 'utf8');
  const copies = Math.max(1, Math.ceil((bytes - head.length - tail.length) / segment.length));
  const deflatedSegment = flushed(segment);
  const deflated = Buffer.concat([
    flushed(head),
    ...Array.from({ length: copies }, () => deflatedSegment),
    deflateRawSync(tail),
  ]);
  const size = head.length + copies * segment.length + tail.length;
  const sheet: ZipPart = { name: 'xl/worksheets/sheet1.xml', deflated, size, crc: 0, declared: options.declare };
  return zipArchive([...workbookParts('Blad1'), sheet]);
}

/** A semicolon CSV of `rows` small rows (about 26 bytes each: 600 000 rows are 15 MB). */
export function hugeCsv(rows: number): Buffer {
  const lines = ['Ärendenummer;Inkommen;Stadsdelsnämnd;Kön'];
  for (let i = 1; i <= rows; i++) lines.push(`${i};20180201;Farsta;K`);
  return Buffer.from('\ufeff' + lines.join('\r\n') + '\r\n', 'utf8');
}
