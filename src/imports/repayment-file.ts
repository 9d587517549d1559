import type { LocalDate } from '../calendar/local-date';
import { isOcrReference, normalOcrReference } from '../cases/domain/ocr-reference';
import { CellError, normalize, parseAmountOre, parseDate, text } from './cell-values';
import type { CellValue, RegisterRow } from './register-file';
import type { RowProblem } from './row-plan';
import { swedishMessage } from './swedish-messages';

/**
 * A file of payments from the municipality's accounts receivable
 * (kundreskontra), one payment a row: the case it pays (its ärendenummer, or
 * the OCR reference recorded with its avbetalningsplan), the day it was paid
 * and the amount in kronor (Swedish decimal comma), and where the ledger has
 * one, the payment's own reference (a verification or transaction number).
 */
export const REPAYMENT_FIELDS = ['caseNumber', 'ocrReference', 'claimId', 'paidOn', 'amount', 'reference'] as const;
export type RepaymentField = (typeof REPAYMENT_FIELDS)[number];

/**
 * Headings each field is read from, compared without case, diacritics or
 * punctuation; where a file has several, the first in this order is read
 * (a payment day before a booking day). "Referens" alone is left out: in a
 * ledger it may be the OCR reference or the payment's own.
 */
export const REPAYMENT_HEADINGS: Record<RepaymentField, readonly string[]> = {
  caseNumber: ['Ärendenummer', 'Ärendenr', 'Ärende', 'Diarienummer', 'Dnr', 'Er referens'],
  ocrReference: ['OCR-nummer', 'OCR', 'OCR-referens', 'OCR nr', 'Referensnummer'],
  claimId: ['Återkrav', 'Återkrav nr', 'Återkravsnummer'],
  paidOn: ['Betalningsdatum', 'Inbetalningsdatum', 'Inbetald', 'Betaldatum', 'Bokföringsdatum', 'Datum'],
  amount: ['Belopp', 'Inbetalt belopp', 'Betalt belopp', 'Belopp kr', 'Summa'],
  reference: [
    'Verifikationsnummer',
    'Verifikation',
    'Ver nr',
    'Betalningsreferens',
    'Transaktionsnummer',
    'Transaktions-id',
    'Betalnings-id',
    'Löpnummer',
  ],
};

export interface RepaymentColumns {
  /** The heading each field is read from. */
  columnOf: Partial<Record<RepaymentField, string>>;
  /** Headings that are no field's: not read. */
  unmapped: string[];
}

export function resolveRepaymentColumns(headings: string[]): RepaymentColumns {
  const byName = new Map<string, string>();
  for (const h of headings) if (!byName.has(normalize(h))) byName.set(normalize(h), h);
  const columnOf: Partial<Record<RepaymentField, string>> = {};
  for (const field of REPAYMENT_FIELDS) {
    const found = REPAYMENT_HEADINGS[field].map((name) => byName.get(normalize(name))).find((h) => h !== undefined);
    if (found !== undefined) columnOf[field] = found;
  }
  const used = new Set(Object.values(columnOf));
  return { columnOf, unmapped: headings.filter((h) => !used.has(h)) };
}

/** The headings a payment file's reader keeps (the parse worker's selection). */
export const repaymentHeadings = (headings: string[]): string[] =>
  Object.values(resolveRepaymentColumns(headings).columnOf);

/** The columns a payment file must have, in Swedish; empty when it has them. */
export function missingRepaymentColumns(columns: RepaymentColumns): string[] {
  const missing: string[] = [];
  const { columnOf } = columns;
  if (!columnOf.caseNumber && !columnOf.ocrReference) missing.push('Ärendenummer eller OCR-nummer');
  if (!columnOf.paidOn) missing.push('Betalningsdatum');
  if (!columnOf.amount) missing.push('Belopp');
  return missing;
}

/** A payment as its row gives it. */
export interface PaymentRow {
  row: number;
  caseNumber: string | null;
  ocrReference: string | null;
  claimId: string | null;
  paidOn: LocalDate;
  amountOre: number;
  /** The payment's own reference in the ledger, when the file has one. */
  reference: string | null;
}

const MAX_REFERENCE = 100;

/** Reads a row, or says by column what is wrong with it (never repeating a cell's value). */
export function parsePaymentRow(
  row: RegisterRow,
  columns: RepaymentColumns,
): { payment: PaymentRow } | { problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const raw = (field: RepaymentField): CellValue => {
    const heading = columns.columnOf[field];
    const v = heading === undefined ? null : (row.cells.get(heading) ?? null);
    return typeof v === 'string' && v.trim() === '' ? null : v;
  };
  const problem = (field: RepaymentField | null, code: string, fallback: string): void => {
    problems.push({
      row: row.rowNumber,
      column: field ? (columns.columnOf[field] ?? null) : null,
      code,
      message: swedishMessage(code, fallback),
    });
  };
  const read = <T>(field: RepaymentField, parse: (v: CellValue) => T): T | null => {
    const v = raw(field);
    if (v === null) return null;
    try {
      return parse(v);
    } catch (error) {
      if (!(error instanceof CellError)) throw error;
      problem(field, error.code, error.message);
      return null;
    }
  };
  const caseNumber = read('caseNumber', (v) => text(v));
  const ocrReference = read('ocrReference', (v) => {
    const ocr = normalOcrReference(typeof v === 'number' ? String(v) : text(v));
    if (!isOcrReference(ocr)) throw new CellError('invalid-ocr-reference', 'OCR-numret stämmer inte');
    return ocr;
  });
  if (raw('caseNumber') === null && raw('ocrReference') === null)
    problem(null, 'payment-case-missing', 'Raden saknar både ärendenummer och OCR-nummer');
  const claimId = read('claimId', (v) => text(v));
  const paidOn = read('paidOn', parseDate);
  if (raw('paidOn') === null) problem('paidOn', 'payment-date-missing', 'Betalningsdatum saknas');
  const amountOre = read('amount', (v) => {
    // A reversal (a negative amount) is the ledger's correction, not a repayment: it is not guessed at.
    if ((typeof v === 'number' && v < 0) || /^\s*[-−]/.test(String(v)))
      throw new CellError('negative-amount', 'Negativt belopp');
    const ore = parseAmountOre(v);
    if (ore === 0) throw new CellError('invalid-amount', 'Beloppet är noll');
    return ore;
  });
  if (raw('amount') === null) problem('amount', 'payment-amount-missing', 'Belopp saknas');
  const reference = read('reference', (v) => {
    const t = text(v);
    if (t.length > MAX_REFERENCE) throw new CellError('invalid-reference', 'Referensen är för lång');
    return t;
  });
  if (problems.length > 0 || paidOn === null || amountOre === null) return { problems };
  return { payment: { row: row.rowNumber, caseNumber, ocrReference, claimId, paidOn, amountOre, reference } };
}
