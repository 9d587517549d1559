import { StreamableFile } from '@nestjs/common';
import ExcelJS from 'exceljs';
import type { Response } from 'express';

/** A table to hand to Excel users: as CSV for Swedish Excel, or as an .xlsx workbook. */
export interface ExportTable {
  /** The sheet's name in the workbook. */
  sheet: string;
  columns: Array<{ heading: string; kind?: 'text' | 'count' | 'amount' | 'date' }>;
  rows: Array<Array<string | number | null>>;
}

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The media type alone (OpenAPI documents), and with its character set (answers). */
export const CSV_MEDIA_TYPE = 'text/csv';
export const CSV_CONTENT_TYPE = `${CSV_MEDIA_TYPE}; charset=utf-8`;

/**
 * The characters that make a cell a formula (CWE-1236, "CSV injection"):
 * Excel, LibreOffice and Google Sheets evaluate a cell that starts with
 * = + - or @ (a tab, carriage return, line feed or NUL in front may be
 * skipped). OWASP and ASVS 1.2.10 list these; the full-width = + - @ are added
 * as a precaution, at the cost of an apostrophe no real value here carries.
 */
const FORMULA_CHARS = '=+\\-@\\t\\r\\n\\0\\uff1d\\uff0b\\uff0d\\uff20';
const FORMULA_START = new RegExp(`^[${FORMULA_CHARS}]`);
/** One behind a comma or a tab starts a cell where Excel's list separator is a comma (or the file is split at tabs). */
const FORMULA_AFTER_SEPARATOR = new RegExp(`([,\\t] *)(?=[${FORMULA_CHARS}])`, 'g');

/**
 * The OWASP rule: a leading apostrophe makes such a cell text. The file is
 * meant for Swedish Excel (semicolons), but one opened where the separator is
 * a comma would start a cell after each comma, so an apostrophe goes there too.
 * Only text is neutralised: a number of the table is written as a numeral by
 * the writer and can never hold a formula, so -1234,50 stays a number Swedish
 * Excel sums.
 */
export function neutraliseFormula(text: string): string {
  const inner = text.replace(FORMULA_AFTER_SEPARATOR, "$1'");
  return FORMULA_START.test(inner) ? `'${inner}` : inner;
}

/**
 * A text cell: neutralised, then quoted (RFC 4180 2.6, 2.7) when it holds a
 * quote, a line break, or a separator of any locale's Excel (semicolon, comma,
 * tab).
 */
function textCell(text: string): string {
  const cell = neutraliseFormula(text);
  return /[;,\t"\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** A number cell: a numeral, with a decimal comma for amounts. */
function numberCell(value: number, kind: ExportTable['columns'][number]['kind']): string {
  // Not a finite number is not a numeral: written as text, neutralised like any other.
  if (!Number.isFinite(value)) return textCell(String(value));
  return kind === 'amount' ? value.toFixed(2).replace('.', ',') : String(value);
}

/**
 * The service's one CSV writer: every CSV it produces (case list, statistics,
 * import report, over HTTP and from the command line) is made here, and no
 * other module writes CSV (test/csv-injection.e2e.spec.ts holds every CSV
 * endpoint of the OpenAPI document and the source to that).
 *
 * CSV that opens right in Swedish Excel: UTF-8 with a byte-order mark,
 * semicolons, amounts with a decimal comma and no thousands separator, CRLF.
 * A cell's JavaScript type decides what it is: a number is written as a
 * number (never neutralised), a string is text (always neutralised, even
 * when it looks like a number, e.g. "-5" from an uploaded register).
 */
export function tableToCsv(table: ExportTable): string {
  const format = (v: string | number | null, i: number): string => {
    if (v === null) return '';
    if (typeof v === 'number') return numberCell(v, table.columns[i]?.kind);
    return textCell(v);
  };
  const lines = [table.columns.map((c) => textCell(c.heading)), ...table.rows.map((r) => r.map(format))];
  return '\ufeff' + lines.map((l) => l.join(';')).join('\r\n') + '\r\n';
}

/** The same table as a workbook: numbers stay numbers, amounts in kronor with two decimals, dates as dates. */
export async function tableToXlsx(table: ExportTable): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(table.sheet.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map((c) => ({
    header: c.heading,
    width: Math.min(50, Math.max(10, c.heading.length + 2)),
    style: c.kind === 'amount' ? { numFmt: '#,##0.00' } : c.kind === 'date' ? { numFmt: 'yyyy-mm-dd' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows)
    sheet.addRow(
      row.map((v, i) =>
        // A date cell, so Excel sorts and filters it as a date (at UTC midnight: no time zone shift).
        table.columns[i]?.kind === 'date' && typeof v === 'string' ? new Date(`${v}T00:00:00Z`) : v,
      ),
    );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Answers a download of the table as `<name>.csv` or `<name>.xlsx`. */
export async function sendTable(
  res: Response,
  table: ExportTable,
  format: 'csv' | 'xlsx',
  name: string,
): Promise<string | StreamableFile> {
  res.setHeader('Content-Type', format === 'xlsx' ? XLSX_CONTENT_TYPE : CSV_CONTENT_TYPE);
  res.setHeader('Content-Disposition', `attachment; filename="${name}.${format}"`);
  return format === 'xlsx' ? new StreamableFile(await tableToXlsx(table)) : tableToCsv(table);
}
