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
  readonly version = 1;
  private statements?: ReturnType<StatisticsProjection['prepare']>;

  setup(db: Database.Database): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS stat_cases (
        case_id              TEXT PRIMARY KEY,
        district             TEXT NOT NULL,
        gender               TEXT NOT NULL,
        received_on          TEXT NOT NULL,
        received_recorded_on TEXT NOT NULL,
        has_transfers        INTEGER NOT NULL DEFAULT 0,
        -- Set while the case is closed: the closing's date and the day it was recorded.
        closed_since         TEXT,
        closed_recorded_on   TEXT
      ) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS stat_cases_open ON stat_cases (closed_since);
      CREATE TABLE IF NOT EXISTS stat_facts (
        case_id     TEXT NOT NULL,
        seq         INTEGER NOT NULL,
        kind        TEXT NOT NULL,
        on_date     TEXT NOT NULL,
        recorded_on TEXT NOT NULL,
        amount      INTEGER NOT NULL DEFAULT 0,
        code        TEXT,
        PRIMARY KEY (case_id, seq)
      ) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS stat_facts_kind_date ON stat_facts (kind, on_date);
    `);
  }

  reset(db: Database.Database): void {
    db.exec('DELETE FROM stat_cases; DELETE FROM stat_facts;');
  }

  private prepare(db: Database.Database) {
    return {
      db,
      insertCase: db.prepare(
        'INSERT OR REPLACE INTO stat_cases (case_id, district, gender, received_on, received_recorded_on) VALUES (?, ?, ?, ?, ?)',
      ),
      insertFact: db.prepare(
        'INSERT OR REPLACE INTO stat_facts (case_id, seq, kind, on_date, recorded_on, amount, code) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      markTransfers: db.prepare('UPDATE stat_cases SET has_transfers = 1 WHERE case_id = ?'),
      closed: db.prepare('UPDATE stat_cases SET closed_since = ?, closed_recorded_on = ? WHERE case_id = ?'),
      reopened: db.prepare('UPDATE stat_cases SET closed_since = NULL, closed_recorded_on = NULL WHERE case_id = ?'),
    };
  }

  apply(event: RecordedEvent, db: Database.Database): void {
    if (!isCaseStream(event.streamId) || !isCaseEvent(event)) return;
    if (!this.statements || this.statements.db !== db) this.statements = this.prepare(db);
    const s = this.statements;
    const caseId = caseIdOf(event.streamId);
    const e = { type: event.type, data: event.data } as CaseEvent;
    const on = businessDateOf(e);
    const recordedOn = todayInStockholm(new Date(event.metadata.recordedAt));
    const fact = (kind: string, amount = 0, code: string | null = null): void => {
      s.insertFact.run(caseId, event.revision, kind, on, recordedOn, amount, code);
    };
    switch (e.type) {
      case 'CaseRegistered':
        s.insertCase.run(caseId, e.data.district, e.data.subject.gender, e.data.receivedOn, recordedOn);
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
        s.markTransfers.run(caseId);
        return fact('transfer', 0, e.data.toDistrict);
      case 'CaseClosed':
        s.closed.run(e.data.closedOn, recordedOn, caseId);
        return fact('closed', 0, e.data.reason);
      case 'CaseReopened':
        s.reopened.run(caseId);
        return fact('reopened');
      case 'CaseVoided':
        return fact('voided', 0, e.data.reason);
      default:
        return;
    }
  }
}
