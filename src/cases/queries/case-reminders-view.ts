import type { LocalDate } from '../../calendar/local-date';
import { oreToKronor } from '../../kernel/money';
import type { OpenCase } from '../domain/case-state';
import { REMINDER_KIND_LABELS, type ReminderSettings, remindersOn } from '../steps/reminder/automatic-reminders';

/**
 * The case's reminders that show today, the earliest due first: the
 * investigator's own (their text still as stored: the caller reveals or
 * withholds it as the reader may see it) and the service's, amounts in kronor.
 */
export function caseRemindersView(c: OpenCase, today: LocalDate, settings: ReminderSettings) {
  return remindersOn(c, today, settings).map((r) => ({
    reminderId: r.reminderId,
    kind: r.kind,
    kindLabel: REMINDER_KIND_LABELS[r.kind],
    dueOn: r.dueOn,
    overdue: r.dueOn < today,
    text: r.text,
    amount: r.amountOre === null ? null : oreToKronor(r.amountOre),
    basis: r.basis,
  }));
}
