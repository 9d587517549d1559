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
  // 4: the folded state holds several claims.
  readonly version = 4;

  /** `personalNumberHash` turns a stored (encrypted) personnummer into its keyed hash, or null once culled. */
  constructor(private readonly personalNumberHash: (stored: string | null) => string | null) {}
  private statements?: {
    db: Database.Database;
    get: Database.Statement<[string], { state: string }>;
    upsert: Database.Statement;
  };

  setup(db: Database.Database): void {
    this.createTable(db);
    db.exec(`
      CREATE INDEX IF NOT EXISTS case_list_district ON case_list (district, received_on);
      CREATE INDEX IF NOT EXISTS case_list_status ON case_list (status, district);
      CREATE INDEX IF NOT EXISTS case_list_pin ON case_list (pin_hash);
      CREATE INDEX IF NOT EXISTS case_list_number ON case_list (case_number);
    `);
  }

  private createTable(db: Database.Database): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS case_list (
        case_id       TEXT NOT NULL UNIQUE,
        case_number   TEXT NOT NULL,
        district      TEXT NOT NULL,
        status        TEXT NOT NULL,
        received_on   TEXT NOT NULL,
        source        TEXT NOT NULL,
        gender        TEXT NOT NULL,
        investigator  TEXT,
        -- Keyed hash of the personnummer, for searches; never the number itself.
        pin_hash      TEXT,
        data_key_id   TEXT,
        last_recorded_at TEXT NOT NULL,
        version       INTEGER NOT NULL,
        state         TEXT NOT NULL
      );
    `);
  }

  /** Drops and re-creates the table without secondary indexes (a faster rebuild); `setup` adds them again. */
  reset(db: Database.Database): void {
    this.statements = undefined;
    db.exec('DROP TABLE IF EXISTS case_list');
    this.createTable(db);
  }

  private prepared(db: Database.Database) {
    if (this.statements?.db !== db) {
      this.statements = {
        db,
        get: db.prepare<[string], { state: string }>('SELECT state FROM case_list WHERE case_id = ?'),
        upsert: db.prepare(
          `INSERT INTO case_list (case_id, case_number, district, status, received_on, source, gender, investigator, pin_hash, data_key_id, last_recorded_at, version, state)
           VALUES (@caseId, @caseNumber, @district, @status, @receivedOn, @source, @gender, @investigator, @pin, @keyId, @lastRecordedAt, @version, @state)
           ON CONFLICT (case_id) DO UPDATE SET case_number = excluded.case_number, district = excluded.district, status = excluded.status,
             received_on = excluded.received_on, source = excluded.source, gender = excluded.gender, investigator = excluded.investigator,
             pin_hash = excluded.pin_hash, data_key_id = excluded.data_key_id, last_recorded_at = excluded.last_recorded_at,
             version = excluded.version, state = excluded.state`,
        ),
      };
    }
    return this.statements;
  }

  apply(event: RecordedEvent, db: Database.Database): void {
    this.applyBatch([event], db);
  }

  /** Folds each case's events of the batch in memory and writes each case once. */
  applyBatch(events: RecordedEvent[], db: Database.Database): void {
    const s = this.prepared(db);
    const touched = new Map<string, { state: CaseState; version: number; lastRecordedAt: string }>();
    for (const event of events) {
      if (!isCaseStream(event.streamId) || !isCaseEvent(event)) continue;
      const caseId = caseIdOf(event.streamId);
      let entry = touched.get(caseId);
      if (!entry) {
        const row = s.get.get(caseId);
        entry = { state: row ? (JSON.parse(row.state) as CaseState) : initialState(), version: -1, lastRecordedAt: '' };
        touched.set(caseId, entry);
      }
      entry.state = evolve(entry.state, { type: event.type, data: event.data } as CaseEvent);
      entry.version = event.revision;
      entry.lastRecordedAt = event.metadata.recordedAt;
    }
    for (const [caseId, { state, version, lastRecordedAt }] of touched) {
      if (!state.exists) continue;
      s.upsert.run({
        caseId,
        caseNumber: state.caseNumber,
        district: state.district,
        status: statusOf(state),
        receivedOn: state.receivedOn,
        source: state.source,
        gender: state.subject.gender,
        investigator: state.investigator,
        pin: state.culledOn ? null : this.personalNumberHash(state.subject.personalIdentityNumber),
        keyId: state.dataKeyId,
        lastRecordedAt,
        version,
        state: JSON.stringify(state),
      });
    }
  }
}

export interface CaseListFilter {
  caseNumber?: string;
  district?: string;
  status?: string;
  investigator?: string;
  receivedFrom?: string;
  receivedTo?: string;
  /** Keyed hash of a personnummer. */
  personalNumberHash?: string;
  excludeStatuses?: string[];
  /** Only cases that are neither closed nor voided. */
  open?: boolean;
  /** Only cases of these districts (the caller's). */
  districts?: string[];
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
  /** The folded case state (JSON), for facts computed per page. */
  state: string;
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
    eq('case_number', 'caseNumber');
    eq('district', 'district');
    eq('status', 'status');
    eq('investigator', 'investigator');
    eq('pin_hash', 'personalNumberHash');
    if (filter.receivedFrom) {
      where.push('received_on >= @receivedFrom');
      params.receivedFrom = filter.receivedFrom;
    }
    if (filter.receivedTo) {
      where.push('received_on <= @receivedTo');
      params.receivedTo = filter.receivedTo;
    }
    if (filter.districts) {
      where.push(
        filter.districts.length > 0 ? `district IN (${filter.districts.map((_, i) => `@d${i}`).join(', ')})` : '0',
      );
      filter.districts.forEach((d, i) => (params[`d${i}`] = d));
    }
    if (filter.open) where.push("status NOT IN ('closed', 'voided')");
    (filter.excludeStatuses ?? []).forEach((s, i) => {
      where.push(`status <> @ex${i}`);
      params[`ex${i}`] = s;
    });
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM case_list ${clause}`).get(params) as { n: number }).n;
    const rows = this.db
      .prepare(
        `SELECT case_id AS id, case_number AS caseNumber, district, status, received_on AS receivedOn, source, gender, investigator, version, state
           FROM case_list ${clause} ORDER BY received_on DESC, case_number DESC LIMIT @limit OFFSET @offset`,
      )
      .all({ ...params, limit: pageSize, offset: (page - 1) * pageSize }) as CaseListItem[];
    return { items: rows, total };
  }
}
