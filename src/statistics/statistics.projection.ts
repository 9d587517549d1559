import type Database from 'better-sqlite3';
import { todayInStockholm } from '../calendar/local-date';
import type { RecordedEvent } from '../event-store/event-store.port';
import type { Projection } from '../projections/projection';
import { caseIdOf, isCaseStream } from '../cases/application/case-stream';
import { businessDateOf, isCaseEvent, type CaseEvent } from '../cases/domain/case-events';

/**
 * The facts the yearly statistics count: one row per counted step, with its
 * business date, the day it was recorded (for `knownAt`), amount and code.
 * Only what statistics need, never a name or personnummer.
 */
export class StatisticsProjection implements Projection {
  readonly name = 'statistics';
  readonly version = 2;
  private statements?: ReturnType<StatisticsProjection['prepare']>;

  setup(db: Database.Database): void {
    this.createTables(db);
    db.exec(`
      CREATE INDEX IF NOT EXISTS stat_cases_open ON stat_cases (closed_since);
      CREATE INDEX IF NOT EXISTS stat_facts_case ON stat_facts (case_key, kind);
      CREATE INDEX IF NOT EXISTS stat_facts_kind_date ON stat_facts (kind, on_date);
    `);
  }

  private createTables(db: Database.Database): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS stat_cases (
        case_key             INTEGER PRIMARY KEY,
        case_id              TEXT NOT NULL UNIQUE,
        district             TEXT NOT NULL,
        gender               TEXT NOT NULL,
        received_on          TEXT NOT NULL,
        received_recorded_on TEXT NOT NULL,
        has_transfers        INTEGER NOT NULL DEFAULT 0,
        -- Set while the case is closed: the closing's date and the day it was recorded.
        closed_since         TEXT,
        closed_recorded_on   TEXT
      );
      CREATE TABLE IF NOT EXISTS stat_facts (
        case_key    INTEGER NOT NULL,
        seq         INTEGER NOT NULL,
        kind        TEXT NOT NULL,
        on_date     TEXT NOT NULL,
        recorded_on TEXT NOT NULL,
        amount      INTEGER NOT NULL DEFAULT 0,
        code        TEXT
      );
    `);
  }

  /**
   * Drops the tables (their shape may have changed with the version) and makes
   * them again without secondary indexes: a rebuild loads faster, and `setup` adds them after.
   */
  reset(db: Database.Database): void {
    this.keys.clear();
    this.statements = undefined;
    db.exec('DROP TABLE IF EXISTS stat_facts; DROP TABLE IF EXISTS stat_cases;');
    this.createTables(db);
  }

  private readonly keys = new Map<string, number>();
  private readonly days = new Map<string, string>();

  /** The Stockholm day of a recording instant. Stockholm's offset is whole hours, so the UTC hour decides it. */
  private recordedOn(recordedAt: string): string {
    const hour = recordedAt.slice(0, 13);
    let day = this.days.get(hour);
    if (day === undefined) {
      day = todayInStockholm(new Date(recordedAt));
      if (this.days.size > 100_000) this.days.clear();
      this.days.set(hour, day);
    }
    return day;
  }

  private prepare(db: Database.Database) {
    this.keys.clear();
    return {
      db,
      insertCase: db.prepare(
        'INSERT INTO stat_cases (case_id, district, gender, received_on, received_recorded_on) VALUES (?, ?, ?, ?, ?)',
      ),
      keyOf: db.prepare<[string], { case_key: number }>('SELECT case_key FROM stat_cases WHERE case_id = ?'),
      insertFact: db.prepare(
        'INSERT INTO stat_facts (case_key, seq, kind, on_date, recorded_on, amount, code) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      markTransfers: db.prepare('UPDATE stat_cases SET has_transfers = 1 WHERE case_key = ?'),
      closed: db.prepare('UPDATE stat_cases SET closed_since = ?, closed_recorded_on = ? WHERE case_key = ?'),
      reopened: db.prepare('UPDATE stat_cases SET closed_since = NULL, closed_recorded_on = NULL WHERE case_key = ?'),
    };
  }

  /** The integer key of a case: facts refer to it instead of repeating the UUID. */
  private keyOf(caseId: string): number | undefined {
    let key = this.keys.get(caseId);
    if (key === undefined) {
      key = this.statements!.keyOf.get(caseId)?.case_key;
      if (key !== undefined) this.remember(caseId, key);
    }
    return key;
  }

  private remember(caseId: string, key: number): void {
    if (this.keys.size > 500_000) this.keys.clear();
    this.keys.set(caseId, key);
  }

  apply(event: RecordedEvent, db: Database.Database): void {
    if (!isCaseStream(event.streamId) || !isCaseEvent(event)) return;
    if (!this.statements || this.statements.db !== db) this.statements = this.prepare(db);
    const s = this.statements;
    const caseId = caseIdOf(event.streamId);
    const e = { type: event.type, data: event.data } as CaseEvent;
    const on = businessDateOf(e);
    const recordedOn = this.recordedOn(event.metadata.recordedAt);
    let key: number;
    if (e.type === 'CaseRegistered') {
      key = Number(
        s.insertCase.run(caseId, e.data.district, e.data.subject.gender, e.data.receivedOn, recordedOn).lastInsertRowid,
      );
      this.remember(caseId, key);
    } else {
      const found = this.keyOf(caseId);
      if (found === undefined) throw new Error(`${event.type} for case ${caseId} before its registration`);
      key = found;
    }
    const fact = (kind: string, amount = 0, code: string | null = null): void => {
      s.insertFact.run(key, event.revision, kind, on, recordedOn, amount, code);
    };
    switch (e.type) {
      case 'CaseRegistered':
        return fact('received', 0, e.data.district);
      case 'PreAssessmentMade':
        return e.data.decision === 'open-investigation'
          ? fact('opened', 0, e.data.suspectedCause)
          : fact('not-opened', 0, e.data.reason);
      case 'InvestigationCompleted':
        return fact('investigated', e.data.savedAmountOre, e.data.cause);
      case 'RepaymentClaimDecided':
        return fact('claim', e.data.amountOre, e.data.legalBasis);
      case 'RepaymentPlanAgreed':
        return fact('plan', e.data.monthlyAmountOre);
      case 'RepaymentReceived':
        return fact('repayment', e.data.amountOre, e.data.kind);
      case 'ClaimWaived':
        return fact('waiver', e.data.amountOre, e.data.reason);
      case 'CompensationSuitFiled':
        return fact('suit', e.data.amountOre);
      case 'PoliceReportFiled':
        return fact('police');
      case 'CaseTransferred':
        s.markTransfers.run(key);
        return fact('transfer', 0, e.data.toDistrict);
      case 'CaseClosed':
        s.closed.run(e.data.closedOn, recordedOn, key);
        return fact('closed', 0, e.data.reason);
      case 'CaseReopened':
        s.reopened.run(key);
        return fact('reopened');
      case 'CaseVoided':
        return fact('voided', 0, e.data.reason);
      default:
        return;
    }
  }
}
