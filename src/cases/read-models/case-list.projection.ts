import type Database from 'better-sqlite3';
import type { RecordedEvent } from '../../event-store/event-store.port';
import type { BulkLoad, Projection } from '../../projections/projection';
import { isCaseEvent, type CaseEvent } from '../domain/case-events';
import { type CaseState, type OpenCase, evolve, initialState, limitPositions, statusOf } from '../domain/case-state';
import { type ClaimPosition, unsuedOutstanding, unsuedTranches } from '../domain/three-year-limit';
import { caseIdOf, isCaseStream } from '../application/case-stream';

/** The statuses whose money the deadlines view watches. */
export const LIMIT_STATUSES = ['in-queue', 'investigating', 'investigated', 'follow-up'];

/**
 * One row per case for lists and searches. The row keeps the folded case
 * state, so each event is applied with the domain's own `evolve`.
 *
 * Beside it, what the screens would otherwise compute from every row per
 * request: case counts per district and status (list totals, queue summaries),
 * and for cases whose money the three-year limit watches, their limit positions
 * with one row per deadline, so the deadlines view reads only the cases with a
 * deadline in its window or wholly past their limits.
 */
export class CaseListProjection implements Projection {
  readonly name = 'case-list';
  // 4: the folded state holds several claims; 5: counts and limit positions.
  readonly version = 5;

  /** `personalNumberHash` turns a stored (encrypted) personnummer into its keyed hash, or null once culled. */
  constructor(private readonly personalNumberHash: (stored: string | null) => string | null) {}
  private statements?: {
    db: Database.Database;
    get: Database.Statement<[string], { state: string }>;
    upsert: Database.Statement;
    count: Database.Statement;
    dropLimits: Database.Statement;
    dropLimitDates: Database.Statement;
    addLimits: Database.Statement;
    addLimitDate: Database.Statement;
  };

  setup(db: Database.Database): void {
    this.createTable(db);
    db.exec(`
      -- Both fit the list's order (newest first), so a page reads its own rows and no more.
      CREATE INDEX IF NOT EXISTS case_list_district_recent ON case_list (district, received_on, case_number);
      CREATE INDEX IF NOT EXISTS case_list_recent ON case_list (received_on, case_number);
      CREATE INDEX IF NOT EXISTS case_list_status ON case_list (status, district, received_on);
      CREATE INDEX IF NOT EXISTS case_list_pin ON case_list (pin_hash);
      CREATE INDEX IF NOT EXISTS case_list_number ON case_list (case_number);
      DROP INDEX IF EXISTS case_list_district;
      CREATE INDEX IF NOT EXISTS case_limits_past ON case_limits (district, live_until);
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
      CREATE TABLE IF NOT EXISTS case_counts (
        district TEXT NOT NULL,
        status   TEXT NOT NULL,
        n        INTEGER NOT NULL,
        PRIMARY KEY (district, status)
      ) WITHOUT ROWID;
      -- Cases in a LIMIT_STATUSES status with money under the three-year limit.
      CREATE TABLE IF NOT EXISTS case_limits (
        case_id      TEXT PRIMARY KEY,
        district     TEXT NOT NULL,
        status       TEXT NOT NULL,
        case_number  TEXT NOT NULL,
        investigator TEXT,
        has_claims   INTEGER NOT NULL,
        positions    TEXT NOT NULL,
        -- With money outstanding: the last deadline that still backs some of it ('' when none does).
        -- Once today is past it, the case is wholly past its limits.
        live_until   TEXT
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS case_limit_dates (
        district TEXT NOT NULL,
        deadline TEXT NOT NULL,
        case_id  TEXT NOT NULL,
        PRIMARY KEY (district, deadline, case_id)
      ) WITHOUT ROWID;
    `);
  }

  /** Drops and re-creates the table without secondary indexes (a faster rebuild); `setup` adds them again. */
  reset(db: Database.Database): void {
    this.statements = undefined;
    db.exec(
      'DROP TABLE IF EXISTS case_list; DROP TABLE IF EXISTS case_counts; DROP TABLE IF EXISTS case_limits; DROP TABLE IF EXISTS case_limit_dates;',
    );
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
        count: db.prepare(
          `INSERT INTO case_counts (district, status, n) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET n = n + excluded.n`,
        ),
        dropLimits: db.prepare('DELETE FROM case_limits WHERE case_id = ?'),
        dropLimitDates: db.prepare('DELETE FROM case_limit_dates WHERE district = ? AND case_id = ?'),
        addLimits: db.prepare(
          `INSERT INTO case_limits (case_id, district, status, case_number, investigator, has_claims, positions, live_until)
           VALUES (@caseId, @district, @status, @caseNumber, @investigator, @hasClaims, @positions, @liveUntil)`,
        ),
        addLimitDate: db.prepare(
          'INSERT OR IGNORE INTO case_limit_dates (district, deadline, case_id) VALUES (?, ?, ?)',
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
    const touched = new Map<string, FoldedCase>();
    for (const event of events) {
      if (!isCaseStream(event.streamId) || !isCaseEvent(event)) continue;
      const caseId = caseIdOf(event.streamId);
      let entry = touched.get(caseId);
      if (!entry) {
        const row = s.get.get(caseId);
        const before = row ? (JSON.parse(row.state) as CaseState) : undefined;
        entry = { state: before ?? initialState(), version: -1, lastRecordedAt: '', before };
        touched.set(caseId, entry);
      }
      fold(entry, event);
    }
    for (const [caseId, entry] of touched) this.writeCase(s, caseId, entry);
  }

  /** From position 0: every case folded in memory over the whole log, then written once (same rows as `applyBatch`). */
  bulkLoad(db: Database.Database): BulkLoad {
    const s = this.prepared(db);
    const cases = new Map<string, FoldedCase>();
    const writeCase = this.writeCase.bind(this);
    return {
      add: (event) => {
        if (!isCaseStream(event.streamId) || !isCaseEvent(event)) return;
        const caseId = caseIdOf(event.streamId);
        let entry = cases.get(caseId);
        if (!entry)
          cases.set(caseId, (entry = { state: initialState(), version: -1, lastRecordedAt: '', before: undefined }));
        fold(entry, event);
      },
      write: function* () {
        for (const [caseId, entry] of cases) {
          writeCase(s, caseId, entry);
          cases.delete(caseId);
          yield;
        }
      },
    };
  }

  private writeCase(
    s: NonNullable<CaseListProjection['statements']>,
    caseId: string,
    { state, version, lastRecordedAt, before }: FoldedCase,
  ): void {
    if (!state.exists) return;
    if (before?.exists) {
      s.count.run(before.district, statusOf(before), -1);
      s.dropLimits.run(caseId);
      s.dropLimitDates.run(before.district, caseId);
    }
    s.count.run(state.district, statusOf(state), 1);
    this.keepLimits(s, caseId, state);
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

  /** The case's limit positions and deadlines, when the deadlines view watches it. */
  private keepLimits(s: NonNullable<CaseListProjection['statements']>, caseId: string, state: OpenCase): void {
    const status = statusOf(state);
    if (!LIMIT_STATUSES.includes(status)) return;
    const positions = limitPositions(state);
    if (positions.length === 0) return;
    let liveUntil: string | null = null;
    const deadlines = new Set<string>();
    for (const p of positions) {
      const tranches = unsuedTranches(p);
      for (const t of tranches) deadlines.add(t.deadline);
      if (unsuedOutstanding(p) > 0) {
        const live = tranches.filter((t) => t.remainingOre > 0).map((t) => t.deadline);
        const last = live.length > 0 ? live.reduce((a, b) => (a > b ? a : b)) : '';
        if (liveUntil === null || last > liveUntil) liveUntil = last;
      }
    }
    s.addLimits.run({
      caseId,
      district: state.district,
      status,
      caseNumber: state.caseNumber,
      investigator: state.investigator,
      hasClaims: state.claims.length > 0 ? 1 : 0,
      positions: JSON.stringify(positions satisfies ClaimPosition[]),
      liveUntil,
    });
    for (const deadline of deadlines) s.addLimitDate.run(state.district, deadline, caseId);
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

/** A case's state after the events folded so far, and before them (undefined when its row is new). */
interface FoldedCase {
  state: CaseState;
  version: number;
  lastRecordedAt: string;
  before: CaseState | undefined;
}

function fold(entry: FoldedCase, event: RecordedEvent): void {
  entry.state = evolve(entry.state, { type: event.type, data: event.data } as CaseEvent);
  entry.version = event.revision;
  entry.lastRecordedAt = event.metadata.recordedAt;
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
      // Over several districts the newest-first index serves the order; SQLite would rather
      // read every row of the districts by their index and sort them, which grows with the store.
      const column = filter.districts.length > 1 && !filter.district ? '+district' : 'district';
      where.push(
        filter.districts.length > 0 ? `${column} IN (${filter.districts.map((_, i) => `@d${i}`).join(', ')})` : '0',
      );
      filter.districts.forEach((d, i) => (params[`d${i}`] = d));
    }
    if (filter.open) where.push("status NOT IN ('closed', 'voided')");
    (filter.excludeStatuses ?? []).forEach((s, i) => {
      where.push(`status <> @ex${i}`);
      params[`ex${i}`] = s;
    });
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const rows = this.db
      .prepare(
        `SELECT case_id AS id, case_number AS caseNumber, district, status, received_on AS receivedOn, source, gender, investigator, version, state
           FROM case_list ${clause} ORDER BY received_on DESC, case_number DESC LIMIT @limit OFFSET @offset`,
      )
      .all({ ...params, limit: pageSize, offset: (page - 1) * pageSize }) as CaseListItem[];
    return { items: rows, total: this.total(filter, clause, params) };
  }

  /** By district and status the counts are kept: no row is read. Other filters count their (indexed) matches. */
  private total(filter: CaseListFilter, clause: string, params: Record<string, string | number>): number {
    const counted =
      !filter.caseNumber &&
      !filter.investigator &&
      !filter.personalNumberHash &&
      !filter.receivedFrom &&
      !filter.receivedTo;
    const sql = counted
      ? `SELECT COALESCE(SUM(n), 0) AS n FROM case_counts ${clause.replace('+district', 'district')}`
      : `SELECT COUNT(*) AS n FROM case_list ${clause}`;
    return (this.db.prepare(sql).get(params) as { n: number }).n;
  }
}
