import type { FieldPath, FieldValues, UseFormSetError } from 'react-hook-form';
import { FIELD_ERROR, PROBLEM, textOf } from './api/sv';
import { ApiError } from './api/client';

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
 * Puts an API error next to the fields it names (form fields are named like the
 * API's body paths, so `subject.personalIdentityNumber` lands on that field) and
 * answers the message for the form as a whole, if any is left.
 */
export function showApiError<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: readonly string[],
): string | undefined {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  const rest: string[] = [];
  for (const e of error.problem.errors ?? []) {
    // The API names list items both ways (suspectedPayments[0].paidOn, suspectedPayments.0.paidOn).
    const f = { ...e, field: e.field.replace(/\[(\d+)\]/g, '.$1') };
    const last = f.field.split('.').pop() ?? f.field;
    const text =
      error.code === 'invalid-request'
        ? (FIELD_MESSAGES[last] ?? FIELD_ERROR)
        : (textOf(PROBLEM, error.code) ?? FIELD_ERROR);
    if (fields.includes(f.field)) setError(f.field as FieldPath<T>, { type: 'api', message: text });
    else rest.push(text);
  }
  if ((error.problem.errors ?? []).length === 0) return error.message;
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

export const DATE_RULE = {
  pattern: { value: /^\d{4}-\d{2}-\d{2}$/, message: 'Skriv datumet som ÅÅÅÅ-MM-DD.' },
};

/** A fresh Idempotency-Key per form: a double click or a retry registers once. */
export const newIdempotencyKey = (): string => crypto.randomUUID();
