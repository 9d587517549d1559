import { isLocalDate, type LocalDate } from '../calendar/local-date';
import type { CellValue } from './register-file';

/**
 * A cell that cannot be read as what its column holds: which rule (code) and
 * why, in Swedish. Messages never repeat the cell: a misplaced personnummer or
 * name must not end up in the stored report.
 */
export class CellError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'CellError';
  }
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** Excel's serial day 1 is 1900-01-01 (with its phantom 1900-02-29): serials count from 1899-12-30. */
function fromSerial(serial: number): LocalDate {
  const ms = Date.UTC(1899, 11, 30) + Math.round(serial) * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

function checked(y: number, m: number, d: number): LocalDate {
  const date = `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}`;
  if (!isLocalDate(date)) throw new CellError('invalid-date', 'Datumet finns inte i kalendern');
  return date;
}

/**
 * A date as Swedish registers write it: ÅÅÅÅ-MM-DD, ÅÅÅÅMMDD, D/M/ÅÅÅÅ (or with
 * dots), an Excel serial number, or an xlsx date cell (read at UTC midnight).
 */
export function parseDate(value: CellValue): LocalDate {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new CellError('invalid-date', 'datumcellen är tom eller felaktig');
    return value.toISOString().slice(0, 10);
  }
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= 19000101 && value <= 21001231) {
      return checked(Math.floor(value / 10000), Math.floor(value / 100) % 100, value % 100);
    }
    if (value > 0 && value < 100_000) return fromSerial(value);
    throw new CellError('invalid-date', 'Talet är inget Excel-datum');
  }
  const text = (value ?? '').trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$/.exec(text);
  if (m) return checked(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (m) return checked(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(text);
  if (m) return checked(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{5})(?:[.,]\d+)?$/.exec(text);
  if (m) return fromSerial(Number(m[1]));
  throw new CellError(
    'invalid-date',
    'Värdet är inget datum (skriv ÅÅÅÅ-MM-DD, ÅÅÅÅMMDD, D/M/ÅÅÅÅ eller ett Excel-datum)',
  );
}

/** An amount in kronor, in öre: "12 345,50", "12345.50", "12 345 kr", or a number cell. */
export function parseAmountOre(value: CellValue): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) throw new CellError('invalid-amount', 'Talet är inget belopp i kronor');
    return Math.round(value * 100);
  }
  const text = String(value ?? '').trim();
  const cleaned = text
    .replace(/\s|\u00a0|\u202f/g, '')
    .replace(/kr\.?$|sek$/i, '')
    .replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) {
    throw new CellError('invalid-amount', 'Värdet är inget belopp i kronor (skriv t.ex. 12 345,50)');
  }
  return Math.round(Number(cleaned) * 100);
}

/** Lower case, no diacritics, only letters, digits and single spaces: how labels are compared. */
export function normalize(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9§]+/g, ' ')
    .trim();
}

/** A catalogue value from its code or any of its Swedish labels. */
export function parseCatalogue<K extends string>(
  value: CellValue,
  labels: Record<K, readonly string[]>,
  what: string,
): K {
  const text = String(value ?? '').trim();
  const wanted = normalize(text);
  for (const [code, names] of Object.entries(labels) as Array<[K, readonly string[]]>) {
    if (normalize(code) === wanted || names.some((n) => normalize(n) === wanted)) return code;
  }
  const allowed = (Object.values(labels) as Array<readonly string[]>).map((n) => n[0]).join(', ');
  throw new CellError('unknown-value', `Värdet är inget känt värde för ${what} (tillåtna: ${allowed})`);
}

export function parseYesNo(value: CellValue, what: string): boolean {
  return parseCatalogue(value, { yes: ['Ja', 'J', 'X', '1', 'Sant'], no: ['Nej', 'N', '0', 'Falskt'] }, what) === 'yes';
}

export function text(value: CellValue): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value ?? '').trim();
}

/**
 * Several payments in one cell: "ÅÅÅÅ-MM-DD belopp" entries separated by
 * line breaks, "|" or ";" (a CSV cell holding semicolons is quoted).
 */
export function parsePaymentList(value: CellValue): Array<{ on: LocalDate; ore: number }> {
  const entries = text(value)
    .split(/[|;\n]+/)
    .map((e) => e.trim())
    .filter((e) => e !== '');
  return entries.map((entry) => {
    const m = /^(\S+)\s+(.+)$/.exec(entry);
    if (!m)
      throw new CellError('invalid-payment-list', 'Skriv varje utbetalning som "ÅÅÅÅ-MM-DD belopp", åtskilda med |');
    return { on: parseDate(m[1]), ore: parseAmountOre(m[2]) };
  });
}

/** A month of assistance: ÅÅÅÅ-MM (or ÅÅÅÅ-M), or a date cell, whose month it is. */
export function parseMonth(value: CellValue): string {
  if (value instanceof Date) return parseDate(value).slice(0, 7);
  const m = /^(\d{4})-(\d{1,2})$/.exec(text(value));
  const month = m ? `${m[1]}-${m[2].padStart(2, '0')}` : '';
  if (!/^(19\d\d|20\d\d|2100)-(0[1-9]|1[0-2])$/.test(month))
    throw new CellError('invalid-month', 'Värdet är ingen månad (skriv ÅÅÅÅ-MM)');
  return month;
}

/** One month of an investigation's calculation: the month, the day it was paid, what was paid and what should have been. */
export interface CalculatedMonth {
  month: string;
  on: LocalDate;
  paidOre: number;
  correctOre: number;
}

/**
 * The calculation in one cell, a month an entry: "ÅÅÅÅ-MM ÅÅÅÅ-MM-DD utbetalt
 * 8 000,00 rätt 5 000,00" (the month of assistance, the day it was paid, what
 * was paid and what should have been), entries separated by line breaks, "|" or ";".
 */
export function parseCalculation(value: CellValue): CalculatedMonth[] {
  const entries = text(value)
    .split(/[|;\n]+/)
    .map((e) => e.trim())
    .filter((e) => e !== '');
  return entries.map((entry) => {
    const m = /^(\S+)\s+(\S+)\s+utbetalt\s+(.+?)\s+r(?:ä|a)tt\s+(.+)$/i.exec(entry);
    if (!m)
      throw new CellError(
        'invalid-calculation',
        'Skriv varje månad som "ÅÅÅÅ-MM ÅÅÅÅ-MM-DD utbetalt belopp rätt belopp", åtskilda med |',
      );
    return {
      month: parseMonth(m[1]),
      on: parseDate(m[2]),
      paidOre: parseAmountOre(m[3]),
      correctOre: parseAmountOre(m[4]),
    };
  });
}
