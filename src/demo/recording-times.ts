import { TZDate } from '@date-fns/tz';
import { addDays, type LocalDate } from '../calendar/local-date';
import type { DemoCase, StepCommand } from './demo-plan';

/** The business date a step carries, if any (an assignment has none: it is dated when recorded). */
function businessDateOf(step: StepCommand): LocalDate | null {
  const d = step.data as Record<string, unknown>;
  for (const key of [
    'decidedOn',
    'completedOn',
    'agreedOn',
    'receivedOn',
    'assessedOn',
    'filedOn',
    'lodgedOn',
    'sentOn',
    'closedOn',
    'reopenedOn',
    'notedOn',
    'transferredOn',
  ]) {
    if (typeof d[key] === 'string') return d[key] as LocalDate;
  }
  return null;
}

/** An instant in office hours (08:00-16:59) on a Stockholm day. */
function officeHours(day: LocalDate, random: () => number): string {
  const [y, m, d] = day.split('-').map(Number);
  const minutes = 8 * 60 + Math.floor(random() * 9 * 60);
  // The wall time read as UTC, then moved by Stockholm's offset on that day (UTC+1 in winter, UTC+2 in summer).
  const wall = Date.UTC(y, m - 1, d, Math.floor(minutes / 60), minutes % 60);
  return new Date(wall + new TZDate(wall, 'Europe/Stockholm').getTimezoneOffset() * 60_000).toISOString();
}

/**
 * When each step of a sample case was plausibly typed in: one to six days
 * after its business date (by the end of `latest` at the latest), in office
 * hours, never before the step it follows.
 * Statistics "as known on" a day then show what the city could have known.
 */
export function recordingTimes(
  c: DemoCase,
  random: () => number,
  latest?: LocalDate,
): { registration: string; steps: string[] } {
  // The history was written down by the end of `latest`: a step dated in its last days is recorded by then.
  const end = latest ? officeHours(latest, () => 0.99) : null;
  let last = '';
  const at = (businessDate: LocalDate): string => {
    let candidate = officeHours(addDays(businessDate, 1 + Math.floor(random() * 6)), random);
    if (end !== null && candidate > end) candidate = end;
    last = candidate > last ? candidate : last;
    return last;
  };
  const registration = at(c.receivedOn);
  let previousDate = c.receivedOn;
  const steps = c.steps.map((step) => {
    const date = businessDateOf(step) ?? previousDate;
    previousDate = date;
    return at(date);
  });
  return { registration, steps };
}
