import {
  addDays as addDaysFns,
  addMonths as addMonthsFns,
  addYears as addYearsFns,
  format,
  isValid,
  parse,
} from 'date-fns';

/** A calendar date without time, as `YYYY-MM-DD`. Business dates are Europe/Stockholm days. */
export type LocalDate = string;

const PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export function isLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== 'string' || !PATTERN.test(value)) return false;
  const parsed = parse(value, 'yyyy-MM-dd', new Date(2000, 0, 1));
  return isValid(parsed) && format(parsed, 'yyyy-MM-dd') === value;
}

// date-fns works on local Date objects; noon keeps daylight-saving shifts from moving the day.
function toDate(date: LocalDate): Date {
  const [y, m, d] = date.split('-').map(Number);
  return localNoon(y, m - 1, d);
}

/** The Date constructor reads years 0-99 as 1900-1999; setFullYear takes the year as written. */
function localNoon(year: number, monthIndex: number, day: number): Date {
  const date = new Date(2000, 0, 1, 12);
  date.setFullYear(year, monthIndex, day);
  return date;
}

function fromDate(date: Date): LocalDate {
  return format(date, 'yyyy-MM-dd');
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromDate(addDaysFns(toDate(date), days));
}

/** Same day number `years` later; the month's last day where that day does not exist (29 February). */
export function addYears(date: LocalDate, years: number): LocalDate {
  return fromDate(addYearsFns(toDate(date), years));
}

/** Same day number `months` later; the month's last day where that day does not exist (31 January + 1: 28/29 February). */
export function addMonths(date: LocalDate, months: number): LocalDate {
  return fromDate(addMonthsFns(toDate(date), months));
}

export function dayOfWeek(date: LocalDate): number {
  return toDate(date).getDay();
}

export function makeDate(year: number, month: number, day: number): LocalDate {
  return fromDate(localNoon(year, month - 1, day));
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((utcMidnight(to) - utcMidnight(from)) / 86_400_000);
}

function utcMidnight(date: LocalDate): number {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d); // as localNoon: Date.UTC would read 0050 as 1950
  return t.getTime();
}

const stockholmDay = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date in Stockholm, whatever the server's time zone. */
export function todayInStockholm(now: Date = new Date()): LocalDate {
  return stockholmDay.format(now);
}

export const maxDate = (a: LocalDate, b: LocalDate): LocalDate => (a >= b ? a : b);
