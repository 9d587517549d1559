import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

/** A cell as read: text (CSV and text cells), a number, a date (xlsx date cells), or empty. */
export type CellValue = string | number | Date | null;

export interface RegisterRow {
  /** The row's number as the spreadsheet shows it (the heading row is 1). */
  rowNumber: number;
  cells: Map<string, CellValue>;
}

export interface RegisterSheet {
  headings: string[];
  rows: RegisterRow[];
}

export class RegisterFileError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'RegisterFileError';
  }
}

export type RegisterFormat = 'xlsx' | 'csv';

/** The format by the file name, or by content: an xlsx file is a zip archive ("PK"). */
export function formatOf(fileName: string, content: Buffer): RegisterFormat {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.xlsx')) return 'xlsx';
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return 'csv';
  if (content.subarray(0, 2).toString('latin1') === 'PK') return 'xlsx';
  return 'csv';
}

export async function readRegister(content: Buffer, format: RegisterFormat, sheet?: string): Promise<RegisterSheet> {
  if (format === 'csv' && sheet !== undefined)
    throw new RegisterFileError('sheet', 'Ett blad kan bara anges för en Excel-arbetsbok (.xlsx)');
  return format === 'xlsx' ? readXlsx(content, sheet) : readCsv(content);
}

/**
 * CSV text as Swedish Excel writes it: UTF-8 with or without a BOM, or
 * Windows-1252 ("CSV (semikolonavgränsad)" in older Excel). Bytes that are not
 * valid UTF-8 can only be the latter.
 */
export function decodeText(content: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(content);
  } catch {
    return new TextDecoder('windows-1252').decode(content);
  }
}

function readCsv(content: Buffer): RegisterSheet {
  const text = decodeText(content);
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  // Swedish Excel separates with semicolons (the comma is the decimal sign); others with commas or tabs.
  const counts = [';', ',', '\t'].map((d) => [d, firstLine.split(d).length] as const);
  const delimiter = counts.reduce((a, b) => (b[1] > a[1] ? b : a))[0];
  let records: string[][];
  try {
    records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: false, bom: true }) as string[][];
  } catch (error) {
    throw new RegisterFileError('file', `Filen kunde inte läsas som CSV: ${(error as Error).message}`);
  }
  return fromRecords(records.map((r, i) => ({ rowNumber: i + 1, values: r.map((v) => (v === '' ? null : v)) })));
}

async function readXlsx(content: Buffer, sheetName?: string): Promise<RegisterSheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ExcelJS.Buffer);
  } catch {
    throw new RegisterFileError('file', 'Filen kunde inte läsas som en Excel-arbetsbok (.xlsx)');
  }
  const sheet = sheetName ? workbook.getWorksheet(sheetName) : workbook.worksheets[0];
  if (!sheet) {
    const names = workbook.worksheets.map((w) => w.name).join(', ');
    throw new RegisterFileError('sheet', `Arbetsboken har inget blad ${sheetName ?? ''} (blad: ${names})`.trim());
  }
  const records: Array<{ rowNumber: number; values: CellValue[] }> = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values: CellValue[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) values.push(cellValue(row.getCell(c).value));
    records.push({ rowNumber, values });
  });
  return fromRecords(records);
}

/** What an exceljs cell holds, reduced to text, number or date (formulas give their result). */
function cellValue(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v.trim() === '' ? null : v;
  if (typeof v === 'number' || v instanceof Date) return v;
  if (typeof v === 'boolean') return v ? 'Ja' : 'Nej';
  if (typeof v === 'object') {
    if ('result' in v) return cellValue((v.result ?? null) as ExcelJS.CellValue);
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
  }
  return null;
}

function fromRecords(records: Array<{ rowNumber: number; values: CellValue[] }>): RegisterSheet {
  const nonEmpty = records.filter((r) => r.values.some((v) => v !== null && String(v).trim() !== ''));
  const [head, ...body] = nonEmpty;
  if (!head) throw new RegisterFileError('file', 'Filen har inga rader');
  const headings = head.values.map((v) => (v === null ? '' : String(v).trim()));
  return {
    headings: headings.filter((h) => h !== ''),
    rows: body.map((r) => ({
      rowNumber: r.rowNumber,
      cells: new Map(
        headings.flatMap((h, i): Array<[string, CellValue]> => (h === '' ? [] : [[h, r.values[i] ?? null]])),
      ),
    })),
  };
}
