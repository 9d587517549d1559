import { Inject, Injectable } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { daysBetween, todayInStockholm } from '../calendar/local-date';
import type { Principal } from '../auth/principal';
import { Clock } from '../infrastructure/clock';
import { Consistency } from '../infrastructure/consistency.service';
import { READ_MODEL_DB } from '../infrastructure/tokens';
import { PersonalData } from '../personal-data/personal-data';
import { oreToKronor } from '../kernel/money';
import type { OpenCase } from '../cases/domain/case-state';
import { caseListFacts } from '../cases/read-models/case-list-facts';
import { CaseReminderQueries, type ReminderRow } from '../cases/read-models/case-reminders';
import { REMINDER_KIND_LABELS, type ReminderKind } from '../cases/steps/reminder/automatic-reminders';
import type { MyCaseDto, MyCasesDto, MyRemindersDto, NextDueDto } from './my-work-responses.dto';

interface OpenCaseRow {
  id: string;
  caseNumber: string;
  district: string;
  status: MyCaseDto['status'];
  receivedOn: string;
  source: MyCaseDto['source'];
  gender: MyCaseDto['gender'];
  investigator: string | null;
  version: number;
  /** The case's loss days as JSON [[deadline, lost_ore, claimable_ore], ...] (null: none watched). */
  losses: string | null;
}

/**
 * "My work": the caller's own open cases with what is due first, and their
 * reminders, from the case list's read model. Both read one person's rows by
 * their index (their cases, their reminders), so what they cost follows that
 * person's work, not the store.
 */
@Injectable()
export class MyWorkService {
  private readonly reminders: CaseReminderQueries;

  constructor(
    @Inject(READ_MODEL_DB) private readonly db: Database.Database,
    private readonly consistency: Consistency,
    private readonly clock: Clock,
    private readonly personalData: PersonalData,
  ) {
    this.reminders = new CaseReminderQueries(db);
  }

  private today(): string {
    return todayInStockholm(this.clock.now());
  }

  /**
   * The investigator's own text, decrypted: the rows are the reader's own
   * cases in their districts, whose persons they may see (mayIdentify). A key
   * that is gone (never for a culled case: it has no rows) leaves the text out.
   */
  private text(row: ReminderRow): string {
    return row.kind === 'user' ? (this.personalData.revealOrNull(row.text) ?? '') : row.text;
  }

  /** One page of the caller's reminders that show today, the earliest due (the overdue) first. */
  async myReminders(principal: Principal, page: number, pageSize: number): Promise<MyRemindersDto> {
    await this.consistency.readYourWrites('case-list');
    const today = this.today();
    const { rows, total, overdue } = this.reminders.page(principal.user, principal.districts, today, page, pageSize);
    return {
      today,
      total,
      overdue,
      page,
      pageSize,
      items: rows.map((r) => ({
        caseId: r.caseId,
        caseNumber: r.caseNumber,
        district: r.district,
        caseVersion: r.version,
        caseStatus: r.status as MyCaseDto['status'],
        reminderId: r.reminderId,
        kind: r.kind as ReminderKind,
        kindLabel: REMINDER_KIND_LABELS[r.kind as ReminderKind] ?? r.kind,
        dueOn: r.dueOn,
        overdue: r.dueOn < today,
        daysOverdue: Math.max(0, daysBetween(r.dueOn, today)),
        text: this.text(r),
        amount: r.amountOre === null ? null : oreToKronor(r.amountOre),
        basis: r.basis,
      })),
    };
  }

  /**
   * The caller's open cases, what is due first first: per case the earliest
   * of its first reminder that shows today and its next three-year deadline;
   * cases with nothing due last, the newest first.
   */
  async myCases(principal: Principal, page: number, pageSize: number): Promise<MyCasesDto> {
    await this.consistency.readYourWrites('case-list');
    const today = this.today();
    const districts = principal.districts;
    const rows =
      districts.length === 0
        ? []
        : (this.db
            .prepare(
              `SELECT c.case_id AS id, c.case_number AS caseNumber, c.district, c.status, c.received_on AS receivedOn,
                      c.source, c.gender, c.investigator, c.version, l.losses
               FROM case_list c LEFT JOIN case_limit_state l ON l.case_id = c.case_id
               WHERE c.investigator = @me AND c.status NOT IN ('closed', 'voided')
                 AND c.district IN (${districts.map((_, i) => `@d${i}`).join(', ')})`,
            )
            .all({
              me: principal.user,
              ...Object.fromEntries(districts.map((d, i) => [`d${i}`, d])),
            }) as OpenCaseRow[]);
    const first = this.reminders.firstPerCase(principal.user, districts, today);
    const due = new Map(rows.map((r) => [r.id, this.nextDue(r, first.get(r.id), today)]));
    // What is due first first; then the cases with nothing due, the newest first (a case just registered or
    // taken is near the top, not behind years of older cases).
    const order = (r: OpenCaseRow) => due.get(r.id)?.on ?? '9999-12-31';
    rows.sort(
      (a, b) =>
        order(a).localeCompare(order(b)) ||
        (due.get(a.id)
          ? a.receivedOn.localeCompare(b.receivedOn) || a.caseNumber.localeCompare(b.caseNumber)
          : b.receivedOn.localeCompare(a.receivedOn) || b.caseNumber.localeCompare(a.caseNumber)),
    );
    const shown = rows.slice((page - 1) * pageSize, page * pageSize);
    // Only the page's folded states are read, for what the list shows beside each case.
    const states = this.statesOf(shown.map((r) => r.id));
    return {
      today,
      total: rows.length,
      page,
      pageSize,
      items: shown.map(({ losses: _losses, ...r }) => ({
        ...r,
        ...caseListFacts(states.get(r.id)!, today),
        nextDue: due.get(r.id) ?? null,
      })),
    };
  }

  private nextDue(r: OpenCaseRow, reminder: ReminderRow | undefined, today: string): NextDueDto | undefined {
    const losses = r.losses ? (JSON.parse(r.losses) as Array<[string, number, number]>) : [];
    const deadline = losses.find(([day]) => day >= today)?.[0];
    const fromReminder = reminder && {
      on: reminder.dueOn,
      kind: reminder.kind as ReminderKind,
      label: reminder.kind === 'user' ? this.text(reminder) : REMINDER_KIND_LABELS[reminder.kind as ReminderKind],
      overdue: reminder.dueOn < today,
    };
    if (fromReminder && (!deadline || fromReminder.on <= deadline)) return fromReminder;
    return deadline ? { on: deadline, kind: 'three-year-limit', label: 'Treårsgräns', overdue: false } : undefined;
  }

  private statesOf(ids: string[]): Map<string, OpenCase> {
    if (ids.length === 0) return new Map();
    const rows = this.db
      .prepare(`SELECT case_id AS id, state FROM case_list WHERE case_id IN (${ids.map(() => '?').join(', ')})`)
      .all(...ids) as Array<{ id: string; state: string }>;
    return new Map(rows.map((r) => [r.id, JSON.parse(r.state) as OpenCase]));
  }
}
