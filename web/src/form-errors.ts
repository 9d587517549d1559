import type { FieldPath, FieldValues, UseFormSetError } from 'react-hook-form';
import { CLOSING_MISSING, FIELD_ERROR, PROBLEM, PROBLEM_DETAIL, formatDate, formatKronor, textOf } from './api/sv';
import { ApiError, type Problem } from './api/client';

/** Swedish for the API's field errors, by field (the last path segment), for invalid-request answers. */
const FIELD_MESSAGES: Record<string, string> = {
  personalIdentityNumber: 'Personnumret är inte giltigt (kontrollera datum och kontrollsiffra).',
  gender: 'Välj kön när personnummer saknas, eller rätta könet så att det stämmer med personnumret.',
  amount: 'Skriv ett belopp över 0 kr med högst två decimaler, till exempel 4 500,00.',
  paidOn: 'Skriv datumet som ÅÅÅÅ-MM-DD.',
  month: 'Skriv månaden som ÅÅÅÅ-MM; en beräkning behöver månaden, det utbetalda och det rätta beloppet.',
  paidAmount: 'Skriv det utbetalda beloppet, till exempel 8 200,00.',
  correctAmount: 'Skriv det belopp som skulle ha betalats, till exempel 5 200,00 (0 om inget skulle ha betalats).',
  district: 'Välj en av dina stadsdelar.',
  caseNumber: 'Skriv ärendenumret som till exempel NO-2026-0001.',
};

/**
 * A refusal in Swedish with what the service says beside its code: for a
 * closing, what its reason needs and the case lacks; the amounts and dates
 * the rule turned on (what is still owed, the highest amount allowed, ...).
 */
export function refusalText(code: string, problem: Partial<Problem>): string {
  const parts = [textOf(PROBLEM, code) ?? FIELD_ERROR];
  const missing = (problem.missing ?? []).map((m) => textOf(CLOSING_MISSING, m) ?? m);
  if (missing.length > 0) parts.push(`Den kräver ${missing.join('; ')}.`);
  const amounts = ['outstandingAmount', 'claimableAmount', 'maximumAmount'] as const;
  for (const key of amounts) {
    const value = problem[key];
    if (typeof value === 'number') parts.push(`${PROBLEM_DETAIL[key]}: ${formatKronor(value)}.`);
  }
  if (typeof problem.limitationDate === 'string')
    parts.push(`${PROBLEM_DETAIL.limitationDate}: ${formatDate(problem.limitationDate)}.`);
  return parts.join(' ');
}

/** An API error as the form shows it: Swedish next to each field it names, and what is left for the form. */
export function apiErrorsOf(
  error: unknown,
  fields: readonly string[],
): { fields: Array<{ field: string; message: string }>; rest: string[] } {
  if (!(error instanceof ApiError))
    return { fields: [], rest: [error instanceof Error ? error.message : String(error)] };
  const listed = error.problem.errors ?? [];
  if (listed.length === 0)
    return { fields: [], rest: [error.status === 422 ? refusalText(error.code, error.problem) : error.message] };
  const out: Array<{ field: string; message: string }> = [];
  const rest: string[] = [];
  listed.forEach((e) => {
    // The API names list items both ways (suspectedPayments[0].paidOn, suspectedPayments.0.paidOn).
    const field = e.field.replace(/\[(\d+)\]/g, '.$1');
    const last = field.split('.').pop() ?? field;
    const code = e.code ?? error.code;
    // The refusal's figures belong to the rule that leads the answer.
    const details = code === error.code ? error.problem : {};
    const text = error.code === 'invalid-request' ? (FIELD_MESSAGES[last] ?? FIELD_ERROR) : refusalText(code, details);
    if (fields.includes(field)) out.push({ field, message: text });
    else rest.push(text);
  });
  return { fields: out, rest };
}

/**
 * Puts an API error next to the fields it names (form fields are named like the
 * API's body paths, so `subject.personalIdentityNumber` lands on that field) and
 * answers the message for the form as a whole, if any is left.
 */
export function showApiError<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: readonly string[],
): string | undefined {
  const { fields: found, rest } = apiErrorsOf(error, fields);
  for (const f of found) setError(f.field as FieldPath<T>, { type: 'api', message: f.message });
  return rest.length > 0 ? rest.join(' ') : undefined;
}

/** "12 345,50" → 12345.5; undefined when it is not an amount. */
export function parseKronor(text: string): number | undefined {
  const clean = text.replace(/[\s\u00a0]/g, '').replace(/kr$/i, '');
  if (!/^\d+([,.]\d{1,2})?$/.test(clean)) return undefined;
  return Number(clean.replace(',', '.'));
}

export const AMOUNT_RULE = {
  validate: (v: unknown) =>
    typeof v !== 'string' ||
    v === '' ||
    (parseKronor(v) ?? 0) > 0 ||
    'Skriv ett belopp över 0 kr, till exempel 4 500,00.',
};

/** Said of a date field left empty where a date is needed. */
export const DATE_MISSING = 'Ange datum.';

/**
 * What is wrong with a date as typed, or undefined: written ÅÅÅÅ-MM-DD, and a
 * day the calendar has (2025-02-30 is written right but does not exist).
 */
export function dateProblem(text: string): string | undefined {
  const v = text.trim();
  if (v === '') return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return 'Skriv datumet som ÅÅÅÅ-MM-DD.';
  const [y, m, d] = v.split('-').map(Number);
  const day = new Date(Date.UTC(y, m - 1, d));
  const exists = day.getUTCFullYear() === y && day.getUTCMonth() === m - 1 && day.getUTCDate() === d;
  return exists ? undefined : 'Datumet finns inte.';
}

/** A date field's rule (an empty field is the field's `required`, "Ange datum."). */
export const DATE_RULE = {
  validate: (v: unknown) => (typeof v === 'string' ? (dateProblem(v) ?? true) : true),
};

/** A fresh Idempotency-Key per form: a double click or a retry registers once. */
export const newIdempotencyKey = (): string => crypto.randomUUID();
