import type { LocalDate } from '../../calendar/local-date';
import type { Law } from './catalogues';
import type { Detail, Labelled, RequestField } from './step';

/**
 * Helpers for an event's `details` (how it reads in the timeline). Each takes
 * a value the data may lack (undefined or null) and gives null then, so a step
 * lists its facts in order and those an older event does not hold drop out.
 * The texts come from the catalogues and from the step's own form: `asked`
 * reads a field's label (and a choice's code list) from the request field.
 */

type Maybe<T> = T | null | undefined;
const absent = (v: unknown): v is null | undefined => v === null || v === undefined;

/** An amount in öre. */
export const amount = (label: string, ore: Maybe<number>): Detail | null =>
  absent(ore) ? null : { label, value: { kind: 'amount', ore } };

export const date = (label: string, on: Maybe<LocalDate>): Detail | null =>
  absent(on) ? null : { label, value: { kind: 'date', date: on } };

/** A code, read by its Swedish label in `labels` (a code the list no longer holds shows as it is). */
export const coded = <K extends string>(label: string, labels: Labelled<K>, code: Maybe<K>): Detail | null =>
  absent(code) ? null : { label, value: { kind: 'code', code, labels } };

/** A user of the service (an official, never the case's person). */
export const user = (label: string, id: Maybe<string>): Detail | null =>
  absent(id) ? null : { label, value: { kind: 'user', user: id } };

/** A district, by its name in the register. */
export const district = (label: string, code: Maybe<string>): Detail | null =>
  absent(code) ? null : { label, value: { kind: 'district', district: code } };

/** Which of the case's claims the step concerns (shown where the case has several). */
export const claim = (claimId: Maybe<string>): Detail | null =>
  absent(claimId) ? null : { label: 'Återkrav', value: { kind: 'claim', claimId } };

/** Which of the case's police reports the step concerns (shown where the case has several). */
export const report = (reportId: Maybe<string>): Detail | null =>
  absent(reportId) ? null : { label: 'Polisanmälan', value: { kind: 'report', reportId } };

/** Another numbered thing of the case: a kommunicering, a reminder, a document. */
export const numbered = (label: string, id: Maybe<string>): Detail | null =>
  absent(id) ? null : { label, value: { kind: 'number', id } };

export const count = (label: string, n: Maybe<number>): Detail | null =>
  absent(n) ? null : { label, value: { kind: 'count', count: n } };

export const flag = (label: string, value: Maybe<boolean>, yes = 'Ja', no = 'Nej'): Detail | null =>
  absent(value) ? null : { label, value: { kind: 'flag', value, yes, no } };

/** A law's paragraph for a claim's law, from a table of the paragraph per law (legal-paragraphs.ts). */
export const law = (labels: Labelled<Law>, of: Maybe<Law>): Detail | null => coded('Lagrum', labels, of);

/** The form's label without its unit: the timeline writes amounts with "kr" already. */
const labelOf = (f: RequestField<unknown>): string => f.label.replace(/\s*\(kr\)$/, '');

/**
 * The value of a field the step's form asks for, under the form's own label:
 * a date, a choice (by its code list), yes/no (by the field's words), a user.
 * An amount field takes the value in öre (as the event holds it).
 */
export function asked<V>(f: RequestField<V>, value: Maybe<V>): Detail | null {
  if (absent(value)) return null;
  switch (f.kind) {
    case 'date':
      return date(labelOf(f), value as LocalDate);
    case 'amount':
      return amount(labelOf(f), value as number);
    case 'choice':
      return coded(labelOf(f), f.labels, value as string);
    case 'flag':
      return flag(labelOf(f), value as boolean, f.yes, f.no);
    case 'user':
      return user(labelOf(f), value as string);
    case 'claim':
      return claim(value as string);
    default:
      // Text, districts, payments and the like are no fact of the timeline: free text may name the person.
      throw new Error(`A ${f.kind} field is not a timeline fact`);
  }
}

/** The sum of payments' amounts (öre). */
export const sumOre = (payments: ReadonlyArray<{ amountOre: number }>): number =>
  payments.reduce((s, p) => s + p.amountOre, 0);
