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
export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

const csvCell = (s: string): string => (/[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * CSV that opens right in Swedish Excel: UTF-8 with a byte-order mark,
 * semicolons, amounts with a decimal comma and no thousands separator, CRLF.
 */
export function tableToCsv(table: ExportTable): string {
  const format = (v: string | number | null, i: number): string => {
    if (v === null) return '';
    if (typeof v === 'string') return csvCell(v);
    return table.columns[i]?.kind === 'amount' ? v.toFixed(2).replace('.', ',') : String(v);
  };
  const lines = [table.columns.map((c) => csvCell(c.heading)), ...table.rows.map((r) => r.map(format))];
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
