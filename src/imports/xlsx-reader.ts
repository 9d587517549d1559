import { posix } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { ImportLimitError } from './import-limits';
import type { CellValue } from './register-file';
import { ZipArchive, type ZipEntry, ZipError } from './zip-archive';

/** Where a sheet's rows go: each row's number, then each cell that holds a value, then the row's end. */
export interface CellSink {
  row(rowNumber: number): void;
  /** A cell with a value; `column` counts from 1 (A). */
  cell(column: number, value: CellValue): void;
  endRow(): void;
}

/** Checks between chunks: the time limit, and (in the service's own thread) a turn for other work. */
export type Pause = () => Promise<void>;

/** A file that is not a workbook this reader can take, in the words the import report uses. */
export class XlsxError extends Error {
  constructor(
    readonly field: 'file' | 'sheet',
    message: string,
  ) {
    super(message);
    this.name = 'XlsxError';
  }
}

const NOT_A_WORKBOOK = 'Filen kunde inte läsas som en Excel-arbetsbok (.xlsx)';
/**
 * Text (or a tag) longer than this with no element between is no cell's: Excel
 * holds at most 32 767 characters in a cell. The XML parser keeps such a run
 * in memory whole, so it is refused before it grows.
 */
const MAX_TEXT_RUN = 1024 * 1024;

/** Excel's built-in number formats that show a date or a time (ECMA-376 18.8.30), as exceljs reads them. */
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** exceljs's rule for a custom format: a date or time token outside quotes and brackets. */
const isDateFormat = (code: string): boolean =>
  /[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));

const local = (name: string): string => {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
};

/**
 * Reads one sheet of an xlsx workbook as a stream, calling the sink for each
 * cell that holds a value: memory and time follow the cells present, never
 * the sheet's width. Every part is unpacked within `budget.unpackedBytes`,
 * counted from the sizes the archive declares before any is inflated.
 * Values are what exceljs reads: shared and inline strings, numbers, dates for
 * cells with a date format, booleans, a formula's cached result.
 */
export async function readXlsx(
  content: Buffer,
  sheetName: string | undefined,
  sink: CellSink,
  budget: { unpackedBytes: number },
  pause: Pause,
): Promise<void> {
  let zip: ZipArchive;
  try {
    zip = ZipArchive.open(content);
  } catch (error) {
    if (error instanceof ZipError) throw new XlsxError('file', NOT_A_WORKBOOK);
    throw error;
  }
  let left = budget.unpackedBytes;
  /** Every part's declared size counts before it is read; reading stops where a part passes its declared size. */
  const reserve = (...entries: Array<ZipEntry | undefined>): void => {
    for (const e of entries) {
      if (!e) continue;
      left -= e.size;
      if (left < 0) throw new ImportLimitError('unpackedBytes', budget.unpackedBytes);
    }
  };
  const parse = async (entry: ZipEntry, handlers: XmlHandlers): Promise<void> => {
    try {
      await parseXml(zip, entry, handlers, pause);
    } catch (error) {
      if (error instanceof ZipError) throw new XlsxError('file', NOT_A_WORKBOOK);
      throw error;
    }
  };

  // The workbook part, as the package's relationships name it.
  let workbookPath = 'xl/workbook.xml';
  const packageRels = zip.entry('_rels/.rels');
  reserve(packageRels);
  if (packageRels) {
    const rels = await readRelationships(packageRels, parse);
    const main = [...rels.values()].find((r) => r.type.endsWith('/officeDocument'));
    if (main) workbookPath = resolvePart('', main.target);
  }
  const workbookEntry = zip.entry(workbookPath);
  if (!workbookEntry) throw new XlsxError('file', NOT_A_WORKBOOK);
  const dir = posix.dirname(workbookPath);
  const workbookRels = zip.entry(posix.join(dir, '_rels', `${posix.basename(workbookPath)}.rels`));
  reserve(workbookEntry, workbookRels);

  const sheets: Array<{ name: string; rId: string }> = [];
  let date1904 = false;
  await parse(workbookEntry, {
    open(name, attributes) {
      if (name === 'sheet') {
        const rId = Object.entries(attributes).find(([k]) => k === 'id' || k.endsWith(':id'))?.[1] ?? '';
        sheets.push({ name: attributes.name ?? '', rId });
      } else if (name === 'workbookPr') {
        date1904 = attributes.date1904 === '1' || attributes.date1904 === 'true';
      }
    },
  });
  const rels = workbookRels ? await readRelationships(workbookRels, parse) : new Map<string, Relationship>();
  const sheet = sheetName === undefined ? sheets[0] : sheets.find((s) => s.name === sheetName);
  if (!sheet) {
    const names = sheets.map((s) => s.name).join(', ');
    throw new XlsxError('sheet', `Arbetsboken har inget blad ${sheetName ?? ''} (blad: ${names})`.trim());
  }
  const parts = [...rels.values()];
  const target = rels.get(sheet.rId)?.target;
  const sheetEntry = target === undefined ? undefined : zip.entry(resolvePart(dir, target));
  if (!sheetEntry) throw new XlsxError('file', NOT_A_WORKBOOK);
  const partOf = (type: string): ZipEntry | undefined => {
    const rel = parts.find((r) => r.type.endsWith(`/${type}`));
    return rel ? zip.entry(resolvePart(dir, rel.target)) : undefined;
  };
  const stylesEntry = partOf('styles');
  const stringsEntry = partOf('sharedStrings');
  reserve(stylesEntry, stringsEntry, sheetEntry);

  const dateStyles = stylesEntry ? await readDateStyles(stylesEntry, parse) : [];
  const strings = stringsEntry ? await readSharedStrings(stringsEntry, parse) : [];
  await readSheet(sheetEntry, parse, sink, { strings, dateStyles, date1904 });
}

interface XmlHandlers {
  open?(name: string, attributes: Record<string, string>): void;
  close?(name: string): void;
  text?(text: string): void;
}

type Parse = (entry: ZipEntry, handlers: XmlHandlers) => Promise<void>;

async function parseXml(zip: ZipArchive, entry: ZipEntry, handlers: XmlHandlers, pause: Pause): Promise<void> {
  const parser = new SaxesParser({ xmlns: false, position: false } as const);
  let failure: Error | undefined;
  let sinceTag = 0;
  parser.on('error', (error) => {
    failure ??= error;
  });
  parser.on('opentag', (tag: SaxesTagPlain) => {
    sinceTag = 0;
    handlers.open?.(local(tag.name), tag.attributes);
  });
  parser.on('closetag', (tag: SaxesTagPlain) => {
    sinceTag = 0;
    handlers.close?.(local(tag.name));
  });
  if (handlers.text) {
    parser.on('text', handlers.text);
    parser.on('cdata', handlers.text);
  }
  const decoder = new StringDecoder('utf8');
  let first = true;
  for await (const chunk of zip.read(entry)) {
    let text = decoder.write(chunk);
    if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    first = false;
    sinceTag += chunk.length;
    parser.write(text);
    if (failure) throw new XlsxError('file', NOT_A_WORKBOOK);
    if (sinceTag > MAX_TEXT_RUN) throw new XlsxError('file', NOT_A_WORKBOOK);
    await pause();
  }
  parser.write(decoder.end());
  parser.close();
  if (failure) throw new XlsxError('file', NOT_A_WORKBOOK);
}

interface Relationship {
  type: string;
  target: string;
}

async function readRelationships(entry: ZipEntry, parse: Parse): Promise<Map<string, Relationship>> {
  const rels = new Map<string, Relationship>();
  await parse(entry, {
    open(name, a) {
      if (name === 'Relationship' && a.Id && a.Target && a.TargetMode !== 'External')
        rels.set(a.Id, { type: a.Type ?? '', target: a.Target });
    },
  });
  return rels;
}

/** A relationship's target as a path in the archive: absolute from the root, or relative to the source's folder. */
function resolvePart(dir: string, target: string): string {
  return target.startsWith('/') ? posix.normalize(target.slice(1)) : posix.normalize(posix.join(dir, target));
}

/** For each cell style (xf) index: whether its number format shows a date. */
async function readDateStyles(entry: ZipEntry, parse: Parse): Promise<boolean[]> {
  const custom = new Map<number, string>();
  const formatIds: number[] = [];
  let inCellXfs = false;
  await parse(entry, {
    open(name, a) {
      if (name === 'numFmt') custom.set(Number(a.numFmtId), a.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) formatIds.push(Number(a.numFmtId ?? 0));
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return formatIds.map((id) => {
    const code = custom.get(id);
    return code !== undefined ? isDateFormat(code) : BUILT_IN_DATE_FORMATS.has(id);
  });
}

/** The shared strings, each the text of its runs (phonetic guides left out). */
async function readSharedStrings(entry: ZipEntry, parse: Parse): Promise<Array<string | null>> {
  const strings: Array<string | null> = [];
  let current: string | null = null;
  let inSi = false;
  let inT = false;
  let phonetic = 0;
  await parse(entry, {
    open(name) {
      if (name === 'si') {
        inSi = true;
        current = null;
      } else if (name === 't' && inSi && phonetic === 0) inT = true;
      else if (name === 'rPh') phonetic++;
    },
    close(name) {
      if (name === 'si') {
        strings.push(current);
        inSi = false;
      } else if (name === 't') inT = false;
      else if (name === 'rPh') phonetic--;
    },
    text(text) {
      if (inT) current = (current ?? '') + text;
    },
  });
  return strings;
}

/** Column number (A = 1) of a cell reference like "AB12"; 0 when it has no letters. */
function columnOf(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) n = n * 26 + (c - 64);
    else if (c >= 97 && c <= 122) n = n * 26 + (c - 96);
    else break;
    // Past Excel's last column (XFD): report it as one beyond any limit rather than grow without end.
    if (n > 1_000_000) return 1_000_000;
  }
  return n;
}

async function readSheet(
  entry: ZipEntry,
  parse: Parse,
  sink: CellSink,
  book: { strings: Array<string | null>; dateStyles: boolean[]; date1904: boolean },
): Promise<void> {
  let rowNumber = 0;
  let inRow = false;
  let column = 0;
  let cell: { type: string; style: number; v: string | null; inline: string | null } | null = null;
  let into: 'v' | 'inline' | null = null;
  let phonetic = 0;
  const excelDate = (serial: number): Date =>
    new Date(Math.round((serial - 25569 + (book.date1904 ? 1462 : 0)) * 86_400_000));
  const valueOf = (c: NonNullable<typeof cell>): CellValue => {
    let value: CellValue;
    switch (c.type) {
      case 's':
        value = c.v === null ? null : (book.strings[Number.parseInt(c.v, 10)] ?? null);
        break;
      case 'inlineStr':
        value = c.inline ?? c.v;
        break;
      case 'str':
        value = c.v;
        break;
      case 'b':
        value = c.v === null ? null : Number.parseInt(c.v, 10) !== 0 ? 'Ja' : 'Nej';
        break;
      case 'e':
        value = null;
        break;
      case 'd':
        value = c.v === null ? null : new Date(c.v);
        break;
      default: {
        const n = c.v === null ? Number.NaN : Number.parseFloat(c.v);
        value = Number.isNaN(n) ? null : book.dateStyles[c.style] ? excelDate(n) : n;
      }
    }
    return typeof value === 'string' && value.trim() === '' ? null : value;
  };
  await parse(entry, {
    open(name, a) {
      switch (name) {
        case 'row': {
          const r = Number.parseInt(a.r ?? '', 10);
          rowNumber = Number.isNaN(r) ? rowNumber + 1 : r;
          inRow = true;
          column = 0;
          sink.row(rowNumber);
          break;
        }
        case 'c':
          if (!inRow) break;
          column = a.r ? columnOf(a.r) || column + 1 : column + 1;
          cell = { type: a.t ?? 'n', style: Number.parseInt(a.s ?? '0', 10) || 0, v: null, inline: null };
          break;
        case 'v':
          if (cell) {
            into = 'v';
            cell.v = '';
          }
          break;
        case 't':
          if (cell && phonetic === 0) {
            into = 'inline';
            cell.inline ??= '';
          }
          break;
        case 'rPh':
          phonetic++;
          break;
      }
    },
    close(name) {
      switch (name) {
        case 'v':
        case 't':
          into = null;
          break;
        case 'rPh':
          phonetic--;
          break;
        case 'c':
          if (cell) {
            const value = valueOf(cell);
            if (value !== null) sink.cell(column, value);
          }
          cell = null;
          break;
        case 'row':
          if (inRow) sink.endRow();
          inRow = false;
          break;
      }
    },
    text(text) {
      if (!cell || into === null) return;
      if (into === 'v') cell.v += text;
      else cell.inline += text;
    },
  });
}
