import type { LocalDate } from '../../calendar/local-date';
import { oreToKronor } from '../../kernel/money';
import type { OpenCase } from '../domain/case-state';
import {
  type CaseReminder,
  REMINDER_KIND_LABELS,
  type ReminderSettings,
  remindersOn,
} from '../steps/reminder/automatic-reminders';

/**
 * How a person tells the reminders apart, the same on the case page and in the forms that pick one: the
 * investigator's own by its day ("Egen bevakning 2026-12-20"), numbered in the order they were set only when
 * two of them fall on one day ("Egen bevakning 2026-12-20 (2)"), never by its text (personal data, kept out
 * of the forms' options); the service's by its kind. Its internal number means nothing to a person.
 */
export function reminderNames(reminders: readonly CaseReminder[]): Map<string, string> {
  const own = reminders
    .filter((r) => r.kind === 'user')
    .sort((a, b) => Number(a.reminderId) - Number(b.reminderId) || a.reminderId.localeCompare(b.reminderId));
  const names = new Map<string, string>();
  for (const r of reminders) if (r.kind !== 'user') names.set(r.reminderId, REMINDER_KIND_LABELS[r.kind]);
  for (const r of own) {
    const sameDay = own.filter((o) => o.dueOn === r.dueOn);
    const n = sameDay.length > 1 ? ` (${sameDay.indexOf(r) + 1})` : '';
    names.set(r.reminderId, `${REMINDER_KIND_LABELS.user} ${r.dueOn}${n}`);
  }
  return names;
}

/**
 * The case's reminders that show today, the earliest due first: the
 * investigator's own (their text still as stored: the caller reveals or
 * withholds it as the reader may see it) and the service's, amounts in kronor.
 */
export function caseRemindersView(c: OpenCase, today: LocalDate, settings: ReminderSettings) {
  const shown = remindersOn(c, today, settings);
  const names = reminderNames(shown);
  return shown.map((r) => ({
    reminderId: r.reminderId,
    kind: r.kind,
    kindLabel: REMINDER_KIND_LABELS[r.kind],
    name: names.get(r.reminderId)!,
    dueOn: r.dueOn,
    overdue: r.dueOn < today,
    text: r.text,
    amount: r.amountOre === null ? null : oreToKronor(r.amountOre),
    basis: r.basis,
  }));
}
