import type Database from 'better-sqlite3';
import { openDatabase } from '../event-store/sqlite-event-store';

export interface AuditEntry {
  at: string;
  user: string;
  role: string;
  action: string;
  caseId: string | null;
  /** For searches by personnummer: the keyed hash of the number, never the number. */
  searchedHash: string | null;
}

/** The audit log could not be written or read: the request must fail rather than go unrecorded. */
export class AuditUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`audit log unavailable: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'AuditUnavailableError';
  }
}

function guarded<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw new AuditUnavailableError(error);
  }
}

export interface AuditQuery {
  caseId?: string;
  user?: string;
  from?: string;
  to?: string;
  limit: number;
}

/**
 * Who read or changed which case, and who searched for whom: append-only, in a
 * file of its own. Triggers refuse any update or delete, so not even the service can rewrite it.
 */
export class AuditLog {
  private readonly db: Database.Database;
  private readonly insert;

  constructor(path: string) {
    this.db = openDatabase(path);
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS audit (
        id            INTEGER PRIMARY KEY AUTOINCREMENT,
        at            TEXT NOT NULL,
        user          TEXT NOT NULL,
        role          TEXT NOT NULL,
        action        TEXT NOT NULL,
        case_id       TEXT,
        searched_hash TEXT
      );
      CREATE INDEX IF NOT EXISTS audit_case ON audit (case_id, at);
      CREATE INDEX IF NOT EXISTS audit_user ON audit (user, at);
      CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    `);
    this.insert = this.db.prepare(
      'INSERT INTO audit (at, user, role, action, case_id, searched_hash) VALUES (@at, @user, @role, @action, @caseId, @searchedHash)',
    );
  }

  /** Synchronous and durable (synchronous=FULL): when it returns, the entry is on disk. */
  record(entry: AuditEntry): void {
    guarded(() => this.insert.run(entry));
  }

  find(query: AuditQuery): AuditEntry[] {
    return guarded(() => this.findNow(query));
  }

  private findNow(query: AuditQuery): AuditEntry[] {
    const where: string[] = [];
    const params: Record<string, string | number> = { limit: query.limit };
    const filters: Array<[keyof AuditQuery, string]> = [
      ['caseId', 'case_id = @caseId'],
      ['user', 'user = @user'],
      ['from', 'at >= @from'],
      ['to', 'at < @to'],
    ];
    for (const [key, clause] of filters) {
      const value = query[key];
      if (value !== undefined) {
        where.push(clause);
        params[key] = value;
      }
    }
    return this.db
      .prepare(
        `SELECT at, user, role, action, case_id AS caseId, searched_hash AS searchedHash FROM audit
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT @limit`,
      )
      .all(params) as AuditEntry[];
  }

  /** Who has read a case, latest first: shown to the investigator on the case itself. */
  readers(caseId: string): Array<{ user: string; role: string; lastReadAt: string; reads: number }> {
    return guarded(() => this.readersNow(caseId));
  }

  private readersNow(caseId: string): Array<{ user: string; role: string; lastReadAt: string; reads: number }> {
    return this.db
      .prepare(
        `SELECT user, role, MAX(at) AS lastReadAt, COUNT(*) AS reads FROM audit
         WHERE case_id = ? AND action IN ('case.read', 'case.history') GROUP BY user, role ORDER BY lastReadAt DESC`,
      )
      .all(caseId) as Array<{ user: string; role: string; lastReadAt: string; reads: number }>;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
