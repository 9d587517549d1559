import { parse } from 'csv-parse';
import {
  columnLetters,
  DEFAULT_IMPORT_LIMITS,
  ImportCancelledError,
  ImportLimitError,
  type ImportLimits,
} from './import-limits';
import { type CellSink, readXlsx, XlsxError } from './xlsx-reader';

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

export interface ReadOptions {
  limits?: ImportLimits;
  /**
   * The headings whose cells are kept, chosen once the heading row is read
   * (the mapping's columns); every heading when absent. Other columns are
   * counted against the limits and not kept.
   */
  select?: (headings: string[]) => Iterable<string>;
  /** When set, the reader gives the event loop a turn this often (ms): for a read in the service's own thread. */
  yieldEveryMs?: number;
  /** Set when the read is to stop (the service is shutting down). */
  signal?: AbortSignal;
}

/**
 * Reads a register's first (or named) sheet within the limits: the file is
 * streamed, only cells that hold a value are visited, and the read stops with
 * ImportLimitError at the first row, column, cell, byte or second too many.
 */
export async function readRegister(
  content: Buffer,
  format: RegisterFormat,
  sheet?: string,
  options: ReadOptions = {},
): Promise<RegisterSheet> {
  if (format === 'csv' && sheet !== undefined)
    throw new RegisterFileError('sheet', 'Ett blad kan bara anges för en Excel-arbetsbok (.xlsx)');
  const limits = options.limits ?? DEFAULT_IMPORT_LIMITS;
  const deadline = Date.now() + limits.parseSeconds * 1000;
  let turn = Date.now();
  const pause = async (): Promise<void> => {
    if (options.signal?.aborted) throw new ImportCancelledError();
    const now = Date.now();
    if (now >= deadline) throw new ImportLimitError('parseSeconds', limits.parseSeconds);
    if (options.yieldEveryMs !== undefined && now - turn >= options.yieldEveryMs) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      turn = Date.now();
    }
  };
  const collector = new SheetCollector(limits, options.select);
  if (format === 'csv') await readCsv(content, collector, limits, pause);
  else {
    try {
      await readXlsx(content, sheet, collector, limits, pause);
    } catch (error) {
      if (error instanceof XlsxError) throw new RegisterFileError(error.field, error.message);
      throw error;
    }
  }
  return collector.sheet();
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

const CSV_CHUNK = 64 * 1024;

async function readCsv(
  content: Buffer,
  sink: CellSink,
  limits: ImportLimits,
  pause: () => Promise<void>,
): Promise<void> {
  // A CSV file is read as it is: its size is what it unpacks to.
  if (content.length > limits.unpackedBytes) throw new ImportLimitError('unpackedBytes', limits.unpackedBytes);
  const text = decodeText(content);
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  // Swedish Excel separates with semicolons (the comma is the decimal sign); others with commas or tabs.
  const counts = [';', ',', '\t'].map((d) => [d, firstLine.split(d).length] as const);
  const delimiter = counts.reduce((a, b) => (b[1] > a[1] ? b : a))[0];
  const parser = parse({ delimiter, relax_column_count: true, skip_empty_lines: false, bom: true });
  // Written a slice at a time, as the records are taken: parsing stops at the first limit passed.
  const feeding = (async () => {
    for (let i = 0; i < text.length && !parser.destroyed; i += CSV_CHUNK) {
      if (!parser.write(text.slice(i, i + CSV_CHUNK)))
        await new Promise<void>((resolve) => {
          const done = (): void => {
            parser.off('drain', done);
            parser.off('close', done);
            resolve();
          };
          parser.on('drain', done);
          parser.on('close', done);
        });
    }
    if (!parser.destroyed) parser.end();
  })();
  let rowNumber = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      sink.row(++rowNumber);
      for (let i = 0; i < record.length; i++) if (record[i] !== '') sink.cell(i + 1, record[i]);
      sink.endRow();
      if (rowNumber % 1000 === 0) await pause();
    }
  } catch (error) {
    if (error instanceof ImportLimitError || error instanceof ImportCancelledError) throw error;
    throw new RegisterFileError('file', `Filen kunde inte läsas som CSV: ${(error as Error).message}`);
  } finally {
    parser.destroy();
    await feeding;
  }
}

/**
 * Builds the sheet from the cells the reader finds: the first row with a
 * value is the heading row; of the rows below, empty ones are left out and
 * only the selected headings' cells are kept. A heading that appears twice is
 * read from its last column. Counts every value against the limits.
 */
class SheetCollector implements CellSink {
  private headings: string[] | null = null;
  /** The headings kept, in their order, each with the column it is read from. */
  private kept: Array<[string, number]> = [];
  private keptColumns = new Set<number>();
  private readonly rows: RegisterRow[] = [];
  private cells = 0;
  private rowNumber = 0;
  private values = new Map<number, CellValue>();
  private hasValue = false;

  constructor(
    private readonly limits: ImportLimits,
    private readonly select?: (headings: string[]) => Iterable<string>,
  ) {}

  row(rowNumber: number): void {
    this.rowNumber = rowNumber;
    this.values = new Map();
    this.hasValue = false;
  }

  cell(column: number, value: CellValue): void {
    if (column > this.limits.columns) throw new ImportLimitError('columns', this.limits.columns, columnLetters(column));
    if (++this.cells > this.limits.cells) throw new ImportLimitError('cells', this.limits.cells);
    if (!this.hasValue && String(value).trim() !== '') this.hasValue = true;
    if (this.headings === null || this.keptColumns.has(column)) this.values.set(column, value);
  }

  endRow(): void {
    if (!this.hasValue) return;
    if (this.headings === null) {
      this.readHeadings();
      return;
    }
    if (this.rows.length >= this.limits.rows) throw new ImportLimitError('rows', this.limits.rows);
    const cells = new Map<string, CellValue>();
    for (const [heading, column] of this.kept) cells.set(heading, this.values.get(column) ?? null);
    this.rows.push({ rowNumber: this.rowNumber, cells });
  }

  sheet(): RegisterSheet {
    if (this.headings === null) throw new RegisterFileError('file', 'Filen har inga rader');
    return { headings: this.headings, rows: this.rows };
  }

  private readHeadings(): void {
    const columnOf = new Map<string, number>();
    const headings: string[] = [];
    for (const column of [...this.values.keys()].sort((a, b) => a - b)) {
      const heading = String(this.values.get(column)).trim();
      if (heading === '') continue;
      headings.push(heading);
      columnOf.set(heading, column);
    }
    this.headings = headings;
    const wanted = new Set(this.select ? this.select(headings) : headings);
    this.kept = [...new Set(headings)].filter((h) => wanted.has(h)).map((h) => [h, columnOf.get(h)!]);
    this.keptColumns = new Set(this.kept.map(([, column]) => column));
  }
}
