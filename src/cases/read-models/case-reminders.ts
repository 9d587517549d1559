import type Database from 'better-sqlite3';
import type { OpenCase } from '../domain/case-state';
import { type ReminderSettings, pendingReminders } from '../steps/reminder/automatic-reminders';

/**
 * The reminders (bevakningar) of the cases someone has, kept beside the case
 * list: one row per pending reminder of an assigned case, the investigator's
 * own and the service's, written again from the folded case whenever the case
 * changes (so the service's own always agree with the case). A reminder's
 * showing depends on the day (`show_from`, `hide_after`), which the log does
 * not know: the read filters by it. "Mina bevakningar" and the start page
 * read one investigator's rows by the index (investigator, due_on): the cost
 * follows that person's work, never the store.
 */
export const CASE_REMINDER_TABLES = `
  CREATE TABLE IF NOT EXISTS case_reminders (
    investigator TEXT NOT NULL,
    due_on       TEXT NOT NULL,
    case_number  TEXT NOT NULL,
    case_id      TEXT NOT NULL,
    reminder_id  TEXT NOT NULL,
    kind         TEXT NOT NULL,
    district     TEXT NOT NULL,
    -- '' when it shows from the start.
    show_from    TEXT NOT NULL,
    -- NULL: it shows until done.
    hide_after   TEXT,
    -- The investigator's text as the log holds it (encrypted with the person's key), or the service's own.
    text         TEXT NOT NULL,
    amount_ore   INTEGER,
    basis        TEXT,
    PRIMARY KEY (investigator, due_on, case_number, case_id, reminder_id)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS case_reminders_case ON case_reminders (case_id);
`;

export const CASE_REMINDER_TABLE_NAMES = ['case_reminders'];

export function prepareReminderStatements(db: Database.Database) {
  return {
    dropReminders: db.prepare('DELETE FROM case_reminders WHERE case_id = ?'),
    addReminder: db.prepare(
      `INSERT INTO case_reminders (investigator, due_on, case_number, case_id, reminder_id, kind, district, show_from, hide_after, text, amount_ore, basis)
       VALUES (@investigator, @dueOn, @caseNumber, @caseId, @reminderId, @kind, @district, @showFrom, @hideAfter, @text, @amountOre, @basis)`,
    ),
  };
}

/** The case's rows, replacing those it had: only a case someone has (the lists are by investigator). */
export function writeReminders(
  s: ReturnType<typeof prepareReminderStatements>,
  caseId: string,
  c: OpenCase,
  settings: ReminderSettings,
): void {
  s.dropReminders.run(caseId);
  if (!c.investigator) return;
  for (const r of pendingReminders(c, settings))
    s.addReminder.run({
      investigator: c.investigator,
      dueOn: r.dueOn,
      caseNumber: c.caseNumber,
      caseId,
      reminderId: r.reminderId,
      kind: r.kind,
      district: c.district,
      showFrom: r.showFrom ?? '',
      hideAfter: r.hideAfter,
      text: r.text,
      amountOre: r.amountOre,
      basis: r.basis,
    });
}

/** A reminder row as the lists read it, with its case's version (for If-Match) and status. */
export interface ReminderRow {
  caseId: string;
  caseNumber: string;
  district: string;
  version: number;
  status: string;
  reminderId: string;
  kind: string;
  dueOn: string;
  /** As stored: the investigator's text encrypted. */
  text: string;
  amountOre: number | null;
  basis: string | null;
}

const ROW = `r.case_id AS caseId, r.case_number AS caseNumber, r.district, c.version, c.status,
  r.reminder_id AS reminderId, r.kind, r.due_on AS dueOn, r.text, r.amount_ore AS amountOre, r.basis`;
const SHOWING = `r.investigator = @investigator AND r.show_from <= @today AND (r.hide_after IS NULL OR r.hide_after >= @today)`;

/** Reads of one investigator's reminders that show on a day, in their districts. */
export class CaseReminderQueries {
  constructor(private readonly db: Database.Database) {}

  private within(districts: string[]): { clause: string; params: Record<string, string> } {
    const params = Object.fromEntries(districts.map((d, i) => [`d${i}`, d]));
    return {
      clause: districts.length > 0 ? `r.district IN (${districts.map((_, i) => `@d${i}`).join(', ')})` : '0',
      params,
    };
  }

  /** One page, the earliest due first (the overdue first); with the total and how many are overdue. */
  page(
    investigator: string,
    districts: string[],
    today: string,
    page: number,
    pageSize: number,
  ): { rows: ReminderRow[]; total: number; overdue: number } {
    const { clause, params } = this.within(districts);
    const all = { ...params, investigator, today };
    const rows = this.db
      .prepare(
        `SELECT ${ROW} FROM case_reminders r JOIN case_list c ON c.case_id = r.case_id
         WHERE ${SHOWING} AND ${clause}
         ORDER BY r.due_on, r.case_number, r.case_id, r.reminder_id LIMIT @limit OFFSET @offset`,
      )
      .all({ ...all, limit: pageSize, offset: (page - 1) * pageSize }) as ReminderRow[];
    const counts = this.db
      .prepare(
        `SELECT COUNT(*) AS total, COALESCE(SUM(r.due_on < @today), 0) AS overdue FROM case_reminders r
         WHERE ${SHOWING} AND ${clause}`,
      )
      .get(all) as { total: number; overdue: number };
    return { rows, ...counts };
  }

  /** The first reminder that shows on the day, per case of the investigator (the earliest due). */
  firstPerCase(investigator: string, districts: string[], today: string): Map<string, ReminderRow> {
    const { clause, params } = this.within(districts);
    const rows = this.db
      .prepare(
        `SELECT ${ROW} FROM case_reminders r JOIN case_list c ON c.case_id = r.case_id
         WHERE ${SHOWING} AND ${clause} ORDER BY r.due_on, r.case_number, r.case_id, r.reminder_id`,
      )
      .all({ ...params, investigator, today }) as ReminderRow[];
    const first = new Map<string, ReminderRow>();
    for (const row of rows) if (!first.has(row.caseId)) first.set(row.caseId, row);
    return first;
  }
}
