import type { LocalDate } from '../../../calendar/local-date';
import { code, localDate, object, oneOf, personalText, type Infer } from '../../../kernel/shape';
import { checkAll, conflict, rule } from '../../domain/case-errors';
import type { CaseState, OpenCase } from '../../domain/case-state';
import { registeredCase } from '../../domain/rules';
import { caseEvent, dateField, defineStep, reminderField, textField } from '../../domain/step';
import { DEFAULT_REMINDER_SETTINGS, REMINDER_KIND_LABELS, automaticReminders } from './automatic-reminders';
import { coded, date, numbered } from '../../domain/details';

/**
 * Bevakningar: a date the investigator wants to come back to the case on,
 * with what to do then. The text is free text about the person (personal
 * data: encrypted with the person's data key, culled with it; never in a URL
 * or a log). A reminder is marked done or moved to another day; the
 * service's own reminders (automatic-reminders.ts) are marked done the same way.
 */

/** One of the investigator's reminders on a case. */
export interface UserReminder {
  reminderId: string;
  setOn: LocalDate;
  dueOn: LocalDate;
  text: string;
  /** The day it was marked done; null while it is pending. */
  doneOn: LocalDate | null;
}

const reminderSetShape = object({
  /** Its number within the case ('1', '2', ...). */
  reminderId: code(),
  setOn: localDate,
  dueOn: localDate,
  /** What to do then (personal data). */
  text: personalText(),
});
export type ReminderSetData = Infer<typeof reminderSetShape>;

export const ReminderSet = caseEvent('ReminderSet', {
  shape: reminderSetShape,
  label: 'Bevakning satt',
  on: (d) => d.setOn,
  details: (d) => [numbered('Bevakning', d.reminderId), date('Bevakningsdatum', d.dueOn)],
  // A reminder is no step of the process: later steps may be dated before it.
  movesLastStep: false,
  evolve: (c, d) => ({ ...c, reminders: [...c.reminders, { ...d, doneOn: null }] }),
  statistics: { reads: ['setOn'], facts: () => [] },
});

const reminderMovedShape = object({ reminderId: code(), movedOn: localDate, dueOn: localDate });
export type ReminderMovedData = Infer<typeof reminderMovedShape>;

export const ReminderMoved = caseEvent('ReminderMoved', {
  shape: reminderMovedShape,
  label: 'Bevakning flyttad',
  on: (d) => d.movedOn,
  details: (d) => [numbered('Bevakning', d.reminderId), date('Nytt bevakningsdatum', d.dueOn)],
  movesLastStep: false,
  evolve: (c, d) => ({
    ...c,
    reminders: c.reminders.map((r) => (r.reminderId === d.reminderId ? { ...r, dueOn: d.dueOn } : r)),
  }),
  statistics: { reads: ['movedOn'], facts: () => [] },
});

const reminderDoneShape = object({
  /** The investigator's reminder by its number, or the service's by its id (e.g. 'communication-deadline:1'). */
  reminderId: code(),
  /** Whose reminder it was: 'user', or which of the service's kinds. */
  kind: oneOf(REMINDER_KIND_LABELS),
  doneOn: localDate,
});
export type ReminderDoneData = Infer<typeof reminderDoneShape>;

export const ReminderDone = caseEvent('ReminderDone', {
  shape: reminderDoneShape,
  label: 'Bevakning klar',
  on: (d) => d.doneOn,
  details: (d) => [coded('Bevakning', REMINDER_KIND_LABELS, d.kind)],
  movesLastStep: false,
  evolve: (c, d) =>
    d.kind === 'user'
      ? {
          ...c,
          reminders: c.reminders.map((r) => (r.reminderId === d.reminderId ? { ...r, doneOn: d.doneOn } : r)),
        }
      : { ...c, remindersDone: [...c.remindersDone, d.reminderId] },
  statistics: { reads: ['doneOn'], facts: () => [] },
});

const REMINDER_TEXT_MAX = 500;

/** A reminder's day: today or later (a reminder for a day gone by reminds nobody). */
function checkDue(dueOn: LocalDate, today: LocalDate): void {
  if (dueOn < today)
    throw rule('reminder-date-passed', `dueOn ${dueOn} is before today (${today})`, 'dueOn', { today });
}

const pendingOwn = (c: OpenCase) => c.reminders.filter((r) => r.doneOn === null);

/** Registered, not voided, and with a reminder of the investigator's still pending. */
function hasPendingOwn(state: CaseState) {
  return (
    registeredCase(state) ??
    (state.exists && pendingOwn(state).length === 0
      ? conflict('no-pending-reminder', 'The case has no reminder of its own that is not done')
      : null)
  );
}

export const reminder = defineStep({
  id: 'reminder',
  command: 'SetReminder',
  auditLabel: 'Satte en bevakning',
  actors: 'case-handlers',
  http: {
    route: 'reminders',
    summary: 'Set a reminder (bevakning) on the case: a day to come back to it, and what to do then.',
    title: 'Ny bevakning',
    submit: 'Spara bevakningen',
    request: {
      dueOn: dateField('Bevakningsdatum', { hint: 'ÅÅÅÅ-MM-DD, i dag eller senare' }),
      text: textField('Vad ska göras', {
        max: REMINDER_TEXT_MAX,
        multiline: false,
        hint: 'Till exempel: Kontrollera att kontoutdragen har kommit in.',
      }),
    },
    toCommand: (b) => ({ dueOn: b.dueOn, text: b.text }),
  },
  refusals: {
    'reminder-date-passed': ['rule', 'Bevakningsdatumet har redan passerat. Välj i dag eller ett senare datum.'],
  },
  // A closed case still takes one: the police's answer, a payment still expected.
  requires: registeredCase,
  decide: (d, c, { today }) => {
    checkDue(d.dueOn, today);
    return [
      ReminderSet.of({ reminderId: String(c.reminders.length + 1), setOn: today, dueOn: d.dueOn, text: d.text.trim() }),
    ];
  },
});

export const reminderMove = defineStep({
  id: 'reminder-move',
  command: 'MoveReminder',
  auditLabel: 'Flyttade en bevakning',
  actors: 'case-handlers',
  http: {
    route: 'reminder-moves',
    summary: 'Move one of your reminders on the case to another day.',
    title: 'Flytta bevakning',
    submit: 'Flytta bevakningen',
    request: {
      reminderId: reminderField('Bevakning', { own: true }),
      dueOn: dateField('Nytt bevakningsdatum', { hint: 'ÅÅÅÅ-MM-DD, i dag eller senare' }),
    },
    toCommand: (b) => ({ reminderId: b.reminderId, dueOn: b.dueOn }),
  },
  refusals: {
    'no-pending-reminder': ['conflict', 'Ärendet har ingen egen bevakning som inte är klar.'],
    'unknown-reminder': ['rule', 'Bevakningen finns inte i ärendet, eller så är den redan klar.'],
    'reminder-not-movable': [
      'rule',
      'Tjänstens egna bevakningar följer ärendets datum och kan inte flyttas. Markera den som klar i stället.',
    ],
    'reminder-date-passed': ['rule', 'Bevakningsdatumet har redan passerat. Välj i dag eller ett senare datum.'],
  },
  requires: hasPendingOwn,
  decide: (d, c, { today }) => {
    const own = pendingOwn(c).find((r) => r.reminderId === d.reminderId);
    // The reminder named and its new day: both rules in one answer.
    checkAll(
      () => {
        if (own) return;
        if (automaticReminders(c, DEFAULT_REMINDER_SETTINGS).some((r) => r.reminderId === d.reminderId))
          throw rule('reminder-not-movable', `${d.reminderId} is the service's own reminder`, 'reminderId');
        throw rule('unknown-reminder', `The case has no pending reminder ${d.reminderId}`, 'reminderId');
      },
      () => checkDue(d.dueOn, today),
    );
    // Found (checked above).
    const moved = own!;
    if (moved.dueOn === d.dueOn) return [];
    return [ReminderMoved.of({ reminderId: moved.reminderId, movedOn: today, dueOn: d.dueOn })];
  },
});

export const reminderDone = defineStep({
  id: 'reminder-done',
  command: 'MarkReminderDone',
  auditLabel: 'Markerade en bevakning som klar',
  actors: 'case-handlers',
  http: {
    route: 'reminders-done',
    summary: "Mark a reminder done: one of your own, or one of the service's (by its reminderId in the case view).",
    title: 'Bevakning klar',
    submit: 'Markera som klar',
    request: { reminderId: reminderField('Bevakning', { own: false }) },
    toCommand: (b) => ({ reminderId: b.reminderId }),
  },
  refusals: {
    'no-pending-reminder-at-all': ['conflict', 'Ärendet har ingen bevakning som inte är klar.'],
    'unknown-reminder': ['rule', 'Bevakningen finns inte i ärendet, eller så är den redan klar.'],
  },
  requires: (state) =>
    registeredCase(state) ??
    (state.exists &&
    pendingOwn(state).length === 0 &&
    // Which of the service's reminders exist does not depend on the settings, only their days do.
    automaticReminders(state, DEFAULT_REMINDER_SETTINGS).length === 0
      ? conflict('no-pending-reminder-at-all', 'The case has no reminder that is not done')
      : null),
  decide: (d, c, { today }) => {
    if (pendingOwn(c).some((r) => r.reminderId === d.reminderId))
      return [ReminderDone.of({ reminderId: d.reminderId, kind: 'user', doneOn: today })];
    const automatic = automaticReminders(c, DEFAULT_REMINDER_SETTINGS).find((r) => r.reminderId === d.reminderId);
    if (!automatic) throw rule('unknown-reminder', `The case has no pending reminder ${d.reminderId}`, 'reminderId');
    return [ReminderDone.of({ reminderId: automatic.reminderId, kind: automatic.kind, doneOn: today })];
  },
});
