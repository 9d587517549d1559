import { LocalDate, addDays, dayOfWeek, makeDate } from './local-date';

/**
 * Swedish public holidays (lag 1989:253 om allmänna helgdagar) and the days
 * that lag 1930:173 treats like them (midsommarafton, julafton, nyårsafton),
 * computed for any year.
 */

/** Easter Sunday, Gregorian calendar (the anonymous "Meeus/Jones/Butcher" algorithm). */
export function easterSunday(year: number): LocalDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return makeDate(year, month, day);
}

/** The Saturday in a seven-day window starting on `month`/`firstDay`. */
function saturdayFrom(year: number, month: number, firstDay: number): LocalDate {
  const first = makeDate(year, month, firstDay);
  return addDays(first, (6 - dayOfWeek(first) + 7) % 7);
}

export interface Holiday {
  date: LocalDate;
  name: string;
}

/** Public holidays (allmänna helgdagar) of a year, in date order. */
export function publicHolidays(year: number): Holiday[] {
  const easter = easterSunday(year);
  const list: Holiday[] = [
    { date: makeDate(year, 1, 1), name: 'Nyårsdagen' },
    { date: makeDate(year, 1, 6), name: 'Trettondedag jul' },
    { date: addDays(easter, -2), name: 'Långfredagen' },
    { date: easter, name: 'Påskdagen' },
    { date: addDays(easter, 1), name: 'Annandag påsk' },
    { date: makeDate(year, 5, 1), name: 'Första maj' },
    { date: addDays(easter, 39), name: 'Kristi himmelsfärdsdag' },
    { date: addDays(easter, 49), name: 'Pingstdagen' },
    { date: saturdayFrom(year, 6, 20), name: 'Midsommardagen' },
    { date: saturdayFrom(year, 10, 31), name: 'Alla helgons dag' },
    { date: makeDate(year, 12, 25), name: 'Juldagen' },
    { date: makeDate(year, 12, 26), name: 'Annandag jul' },
  ];
  // Nationaldagen became a holiday in 2005, replacing annandag pingst.
  if (year >= 2005) list.push({ date: makeDate(year, 6, 6), name: 'Sveriges nationaldag' });
  else list.push({ date: addDays(easter, 50), name: 'Annandag pingst' });
  return list.sort((x, y) => x.date.localeCompare(y.date));
}

/** Days lag 1930:173 2 § treats like holidays, besides Saturdays and Sundays. */
export function holidayEves(year: number): Holiday[] {
  return [
    { date: addDays(saturdayFrom(year, 6, 20), -1), name: 'Midsommarafton' },
    { date: makeDate(year, 12, 24), name: 'Julafton' },
    { date: makeDate(year, 12, 31), name: 'Nyårsafton' },
  ];
}

const cache = new Map<number, Set<LocalDate>>();

function closedDays(year: number): Set<LocalDate> {
  let days = cache.get(year);
  if (!days) {
    days = new Set([...publicHolidays(year), ...holidayEves(year)].map((h) => h.date));
    cache.set(year, days);
  }
  return days;
}

/** Whether a deadline falling on this day moves to the next one (lag 1930:173 2 §). */
export function isNonWorkingDay(date: LocalDate): boolean {
  const weekday = dayOfWeek(date);
  return weekday === 0 || weekday === 6 || closedDays(Number(date.slice(0, 4))).has(date);
}

/** The day itself when it is a working day, else the next one that is. */
export function nextWorkingDay(date: LocalDate): LocalDate {
  let day = date;
  while (isNonWorkingDay(day)) day = addDays(day, 1);
  return day;
}
