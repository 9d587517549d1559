import type Database from 'better-sqlite3';
import type { RecordedEvent } from '../../event-store/event-store.port';
import type { Projection } from '../../projections/projection';
import { isCaseEvent, type CaseEvent } from '../domain/case-events';
import { type CaseState, evolve, initialState, statusOf } from '../domain/case-state';
import { caseIdOf, isCaseStream } from '../application/case-stream';

/**
 * One row per case for lists and searches. The row keeps the folded case
 * state, so each event is applied with the domain's own `evolve`.
 */
export class CaseListProjection implements Projection {
  readonly name = 'case-list';
  readonly version = 1;

  setup(db: Database.Database): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS case_list (
        case_id       TEXT PRIMARY KEY,
        case_number   TEXT NOT NULL,
        district      TEXT NOT NULL,
        status        TEXT NOT NULL,
        received_on   TEXT NOT NULL,
        source        TEXT NOT NULL,
        gender        TEXT NOT NULL,
        investigator  TEXT,
        personal_identity_number TEXT,
        version       INTEGER NOT NULL,
        state         TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS case_list_district ON case_list (district, received_on);
      CREATE INDEX IF NOT EXISTS case_list_pin ON case_list (personal_identity_number);
    `);
  }

  reset(db: Database.Database): void {
    db.exec('DELETE FROM case_list');
  }

  apply(event: RecordedEvent, db: Database.Database): void {
    if (!isCaseStream(event.streamId) || !isCaseEvent(event)) return;
    const caseId = caseIdOf(event.streamId);
    const row = db.prepare<[string], { state: string }>('SELECT state FROM case_list WHERE case_id = ?').get(caseId);
    const before: CaseState = row ? (JSON.parse(row.state) as CaseState) : initialState();
    const after = evolve(before, { type: event.type, data: event.data } as CaseEvent);
    if (!after.exists) return;
    db.prepare(
      `INSERT INTO case_list (case_id, case_number, district, status, received_on, source, gender, investigator, personal_identity_number, version, state)
       VALUES (@caseId, @caseNumber, @district, @status, @receivedOn, @source, @gender, @investigator, @pin, @version, @state)
       ON CONFLICT (case_id) DO UPDATE SET case_number = excluded.case_number, district = excluded.district, status = excluded.status,
         received_on = excluded.received_on, source = excluded.source, gender = excluded.gender, investigator = excluded.investigator,
         personal_identity_number = excluded.personal_identity_number, version = excluded.version, state = excluded.state`,
    ).run({
      caseId,
      caseNumber: after.caseNumber,
      district: after.district,
      status: statusOf(after),
      receivedOn: after.receivedOn,
      source: after.source,
      gender: after.subject.gender,
      investigator: after.investigator,
      pin: after.subject.personalIdentityNumber,
      version: event.revision,
      state: JSON.stringify(after),
    });
  }
}

export interface CaseListFilter {
  district?: string;
  status?: string;
  investigator?: string;
  receivedFrom?: string;
  receivedTo?: string;
  personalIdentityNumber?: string;
  excludeStatuses?: string[];
}

export interface CaseListItem {
  id: string;
  caseNumber: string;
  district: string;
  status: string;
  receivedOn: string;
  source: string;
  gender: string;
  investigator: string | null;
  version: number;
}

/** Reads of the case list; filters become SQL parameters, never SQL text. */
export class CaseListQueries {
  constructor(private readonly db: Database.Database) {}

  list(filter: CaseListFilter, page: number, pageSize: number): { items: CaseListItem[]; total: number } {
    const where: string[] = [];
    const params: Record<string, string | number> = {};
    const eq = (column: string, key: keyof CaseListFilter): void => {
      const value = filter[key];
      if (typeof value === 'string') {
        where.push(`${column} = @${key}`);
        params[key] = value;
      }
    };
    eq('district', 'district');
    eq('status', 'status');
    eq('investigator', 'investigator');
    eq('personal_identity_number', 'personalIdentityNumber');
    if (filter.receivedFrom) {
      where.push('received_on >= @receivedFrom');
      params.receivedFrom = filter.receivedFrom;
    }
    if (filter.receivedTo) {
      where.push('received_on <= @receivedTo');
      params.receivedTo = filter.receivedTo;
    }
    (filter.excludeStatuses ?? []).forEach((s, i) => {
      where.push(`status <> @ex${i}`);
      params[`ex${i}`] = s;
    });
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM case_list ${clause}`).get(params) as { n: number }).n;
    const rows = this.db
      .prepare(
        `SELECT case_id AS id, case_number AS caseNumber, district, status, received_on AS receivedOn, source, gender, investigator, version
           FROM case_list ${clause} ORDER BY received_on DESC, case_number DESC LIMIT @limit OFFSET @offset`,
      )
      .all({ ...params, limit: pageSize, offset: (page - 1) * pageSize }) as CaseListItem[];
    return { items: rows, total };
  }
}
