/**
 * Swedish as the report writes it: numbers, amounts, counts with the right
 * number of the noun ("1 utredning", "inga utredningar"), shares in words and
 * lists ("a, b och c").
 */

/**
 * Swedish number formats: non-breaking thin spaces between thousands, decimal
 * comma, and a non-breaking space before the unit, so an amount never breaks
 * across lines.
 */
const integer = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 0 });
const THIN = '\u202f';
export const NBSP = '\u00a0';
export const fmt = (n: number): string =>
  integer
    .format(n)
    .replace(/[\s\u00a0\u202f]/g, THIN)
    .replace('−', '-');
export const kronor = (n: number): string => `${fmt(Math.round(n))}${NBSP}kr`;
export const millions = (n: number): string => `${(n / 1_000_000).toFixed(1).replace('.', ',')}${NBSP}miljoner kronor`;

/**
 * An amount in millions as a sentence says it: "1,9 miljoner kronor" when it
 * is that to within a thousand kronor, else the tenth below with "drygt"
 * ("drygt 1,8 miljoner kronor" for 1 855 209), so the words never round up
 * past what was paid.
 */
export function aboutMillions(n: number): string {
  const tenths = Math.floor(n / 100_000 + 1e-9);
  const exact = Math.abs(n - tenths * 100_000) < 1_000;
  const near = Math.abs(n - (tenths + 1) * 100_000) < 1_000;
  const shown = near ? tenths + 1 : tenths;
  const words = `${(shown / 10).toFixed(1).replace('.', ',')}${NBSP}miljoner kronor`;
  return exact || near ? words : `drygt ${words}`;
}

/** Whole percent of a whole (0 of nothing). */
export const percent = (part: number, whole: number): number => (whole === 0 ? 0 : Math.round((100 * part) / whole));

/**
 * A count with its noun: "1 utredning", "3 utredningar", and for none the
 * given word ("inga utredningar"), or "0 utredningar" when none is given.
 */
export function count(n: number, one: string, many: string, none?: string): string {
  if (n === 0 && none !== undefined) return none;
  return `${fmt(n)} ${n === 1 ? one : many}`;
}

/** "a", "a och b", "a, b och c". */
export function listOf(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} och ${items[items.length - 1]}`;
}

/**
 * A share as a report says it: "hälften", "drygt hälften", "knappt hälften",
 * "ungefär en fjärdedel" and so on near the simple fractions, else "cirka N
 * procent". Only what the figures support: "drygt hälften" is above half and
 * below 55 percent.
 */
export function shareInWords(part: number, whole: number): string {
  if (whole === 0) return 'ingen del';
  const p = part / whole;
  if (part === whole) return 'samtliga';
  if (part === 0) return 'ingen';
  if (Math.abs(p - 0.5) < 1e-9) return 'hälften';
  if (p > 0.5 && p < 0.55) return 'drygt hälften';
  if (p < 0.5 && p > 0.45) return 'knappt hälften';
  return `cirka ${percent(part, whole)} procent`;
}

/** Which way a series went over its years: steadily down, steadily up, or back and forth. */
export function direction(values: number[]): 'down' | 'up' | 'mixed' | 'flat' {
  if (values.length < 2) return 'flat';
  const steps = values.slice(1).map((v, i) => Math.sign(v - values[i]));
  if (steps.every((s) => s === 0)) return 'flat';
  if (steps.every((s) => s <= 0)) return 'down';
  if (steps.every((s) => s >= 0)) return 'up';
  return 'mixed';
}

const MONTHS = [
  'januari',
  'februari',
  'mars',
  'april',
  'maj',
  'juni',
  'juli',
  'augusti',
  'september',
  'oktober',
  'november',
  'december',
];

/** 2019-01-07 → "7 januari 2019". */
export function dateInWords(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/** A sentence starts with a capital letter. */
export const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
