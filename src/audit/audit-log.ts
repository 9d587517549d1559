import type Database from 'better-sqlite3';
import { createHmac } from 'node:crypto';
import { isUuid } from '../common/ids';
import { type AnsweredAsProblem, Problem } from '../common/problem';
import { DEFAULT_SQLITE_CACHE_MB, openDatabase } from '../common/sqlite';

/** What became of the access: given (data shown), requested (a change about to be made), refused. */
export type AuditOutcome = 'given' | 'requested' | 'refused';

export interface AuditEntry {
  at: string;
  user: string;
  role: string;
  action: string;
  caseId: string | null;
  /** For searches by personnummer: the keyed hash of the number, never the number. */
  searchedHash: string | null;
  outcome: AuditOutcome;
  /** The HTTP status of a refusal (403, 404). */
  status: number | null;
}

export interface StoredAuditEntry extends AuditEntry {
  seq: number;
}

/** The audit log could not be written or read: the request must fail rather than go unrecorded. */
export class AuditUnavailableError extends Error implements AnsweredAsProblem {
  readonly logAs = 'audit unavailable';

  constructor(cause: unknown) {
    super(`audit log unavailable: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'AuditUnavailableError';
  }

  asProblem(): Problem {
    return new Problem(
      503,
      'audit-unavailable',
      'Service unavailable',
      'The access could not be recorded, so it was not given.',
    );
  }
}

/** The chain does not hold: an entry was changed, removed or inserted outside the service. */
export class AuditChainBrokenError extends Error {
  constructor(
    /** The first entry that does not hold, or null when the fault is in the anchors alone. */
    readonly seq: number | null,
    reason: string,
  ) {
    super(`the audit log is not intact${seq === null ? '' : ` at entry ${seq}`}: ${reason}`);
    this.name = 'AuditChainBrokenError';
  }
}

/** A name the service gives (an action such as case.read, a role): never text a caller chose. */
const NAME = /^[a-z][a-z.-]{0,63}$/;
/** PersonalNumberIndex.hash: base64url of an HMAC-SHA-256. */
const SEARCHED_HASH = /^[A-Za-z0-9_-]{43}$/;
const OUTCOMES: ReadonlySet<string> = new Set<AuditOutcome>(['given', 'requested', 'refused']);

/**
 * Why an entry may not be stored, if it may not. The file is never culled and
 * administrators read it, so it holds only what the service itself made: case
 * and import ids (UUIDs), its own action and role names, keyed hashes. A value
 * a caller typed (a personnummer in a path) cannot pass, whatever code builds
 * the entry (see auditedIdOf for how requests are mapped).
 */
export function unrecordable(entry: AuditEntry): string | undefined {
  if (entry.caseId !== null && !isUuid(entry.caseId)) return 'caseId must be a case id (UUID) or null';
  if (entry.searchedHash !== null && !SEARCHED_HASH.test(entry.searchedHash))
    return 'searchedHash must be a keyed hash or null';
  if (!NAME.test(entry.action)) return 'action must be an action name';
  if (!NAME.test(entry.role)) return 'role must be a role name';
  if (!OUTCOMES.has(entry.outcome)) return 'outcome must be given, requested or refused';
  if (entry.status !== null && !(Number.isInteger(entry.status) && entry.status >= 100 && entry.status <= 599))
    return 'status must be an HTTP status or null';
  return undefined;
}

/** An entry that would put something other than the service's own ids and names in the audit log: a defect. */
export class UnrecordableAuditEntryError extends Error {
  constructor(reason: string) {
    super(`audit entry refused: ${reason}`);
    this.name = 'UnrecordableAuditEntryError';
  }
}

function guarded<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof AuditChainBrokenError) throw error;
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

export interface ChainHead {
  seq: number;
  hash: string;
}

/**
 * An anchor as the audit log records it beside its entries: the event that
 * anchored the chain in the event log, and the entries it covered (those after
 * the previous anchor's `seq`, up to and including its own).
 */
export interface AnchorRecord {
  /** 1, 2, 3, … without gaps: a missing one shows. */
  anchor: number;
  /** The AuditChainAnchored event's id, stream and revision in the event log. */
  eventId: string;
  stream: string;
  revision: number;
  /** The chain head it anchored: it covers entries up to and including `seq`. */
  seq: number;
  hash: string;
  at: string;
}

interface Row extends StoredAuditEntry {
  hash: string | null;
}

/** The hash before the first entry. */
export const GENESIS = '0'.repeat(64);

const COLUMNS = `id AS seq, at, user, role, action, case_id AS caseId, searched_hash AS searchedHash, outcome, status`;

const TRIGGERS = `
  CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
  CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;`;

const ANCHOR_TABLE = `
  CREATE TABLE IF NOT EXISTS audit_anchors (
    anchor   INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id TEXT NOT NULL UNIQUE,
    stream   TEXT NOT NULL,
    revision INTEGER NOT NULL,
    seq      INTEGER NOT NULL,
    hash     TEXT NOT NULL,
    at       TEXT NOT NULL
  );
  CREATE TRIGGER IF NOT EXISTS audit_anchors_no_update BEFORE UPDATE ON audit_anchors BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
  CREATE TRIGGER IF NOT EXISTS audit_anchors_no_delete BEFORE DELETE ON audit_anchors BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;`;

const ANCHOR_COLUMNS = 'anchor, event_id AS eventId, stream, revision, seq, hash, at';

/**
 * Who read or changed which case, who was refused, and who searched for whom:
 * append-only, in a file of its own. Triggers refuse updates and deletes, and
 * each entry carries a keyed hash over its content and the previous entry's
 * hash, so an entry changed, removed or inserted by hand breaks the chain. The
 * chain head is anchored in the event log (see AuditAnchors), so even someone
 * holding the key cannot rewrite the log without the anchors disagreeing.
 */
export class AuditLog {
  private readonly db: Database.Database;
  private readonly append: (entries: AuditEntry[]) => ChainHead[];
  private pending: Array<{ entry: AuditEntry; resolve: (head: ChainHead) => void; reject: (e: Error) => void }> = [];
  private readonly lastRow;
  private readonly appended = new Set<() => void>();
  private readersOf?: Database.Statement<[string], { user: string; role: string; lastReadAt: string; reads: number }>;

  constructor(
    path: string,
    /** Key for the chain's HMAC, derived from the master key. */
    private readonly chainKey: Buffer,
    cacheMb = DEFAULT_SQLITE_CACHE_MB,
  ) {
    this.db = openDatabase(path, 'FULL', cacheMb);
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
      -- A search reads its entries newest first in one of these (each ends in the rowid, so
      -- entries of the same instant keep their order): never a sort of all a user or case ever did.
      CREATE INDEX IF NOT EXISTS audit_case ON audit (case_id, at);
      CREATE INDEX IF NOT EXISTS audit_user ON audit (user, at);
      CREATE INDEX IF NOT EXISTS audit_at ON audit (at);
      ${TRIGGERS}
      ${ANCHOR_TABLE}
    `);
    this.migrate();
    this.lastRow = this.db.prepare<[], { seq: number; hash: string }>(
      'SELECT id AS seq, hash FROM audit ORDER BY id DESC LIMIT 1',
    );
    const insert = this.db.prepare(
      `INSERT INTO audit (id, at, user, role, action, case_id, searched_hash, outcome, status, hash)
       VALUES (@seq, @at, @user, @role, @action, @caseId, @searchedHash, @outcome, @status, @hash)`,
    );
    // IMMEDIATE: the previous hash is read under the write lock, so the chain never forks.
    const tx = this.db.transaction((entries: AuditEntry[]): ChainHead[] => {
      const last = this.lastRow.get();
      let seq = last?.seq ?? 0;
      let hash = last?.hash ?? GENESIS;
      return entries.map((entry) => {
        seq += 1;
        hash = this.hashOf({ ...entry, seq }, hash);
        insert.run({ ...entry, seq, hash });
        return { seq, hash };
      });
    });
    this.append = (entries) => tx.immediate(entries);
  }

  /** Files written before the chain existed get their columns, and their entries are chained once, in order. */
  private migrate(): void {
    const columns = new Set(
      (this.db.prepare('PRAGMA table_info(audit)').all() as Array<{ name: string }>).map((c) => c.name),
    );
    if (columns.has('hash')) return;
    this.db.transaction(() => {
      this.db.exec(`
        ALTER TABLE audit ADD COLUMN outcome TEXT NOT NULL DEFAULT 'given';
        ALTER TABLE audit ADD COLUMN status INTEGER;
        ALTER TABLE audit ADD COLUMN hash TEXT;
        DROP TRIGGER IF EXISTS audit_no_update;`);
      const rows = this.db.prepare(`SELECT ${COLUMNS} FROM audit ORDER BY id`).all() as Row[];
      const set = this.db.prepare('UPDATE audit SET hash = ? WHERE id = ?');
      let previous = GENESIS;
      for (const row of rows) {
        previous = this.hashOf(row, previous);
        set.run(previous, row.seq);
      }
      this.db.exec(TRIGGERS);
    })();
  }

  private hashOf(entry: AuditEntry & { seq: number }, previous: string): string {
    // A fixed field order, so the same entry always hashes the same.
    const fields = [
      entry.seq,
      entry.at,
      entry.user,
      entry.role,
      entry.action,
      entry.caseId,
      entry.searchedHash,
      entry.outcome,
      entry.status,
    ];
    return createHmac('sha256', this.chainKey).update(previous).update(JSON.stringify(fields)).digest('hex');
  }

  /**
   * Durable (synchronous=FULL) when the promise resolves. Entries recorded in
   * the same turn of the event loop (concurrent requests) are chained and
   * committed together: one fsync for the group.
   */
  record(entry: AuditEntry): Promise<ChainHead> {
    const reason = unrecordable(entry);
    if (reason) return Promise.reject(new UnrecordableAuditEntryError(reason));
    return new Promise((resolve, reject) => {
      this.pending.push({ entry, resolve, reject });
      if (this.pending.length === 1) setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    const group = this.pending;
    this.pending = [];
    let heads: ChainHead[];
    try {
      heads = guarded(() => this.append(group.map((p) => p.entry)));
    } catch (error) {
      for (const p of group) p.reject(error as Error);
      return;
    }
    group.forEach((p, i) => p.resolve(heads[i]));
    for (const listener of this.appended) listener();
  }

  /** Calls `listener` after each committed group of entries (AuditAnchors anchors them soon after). */
  onAppended(listener: () => void): () => void {
    this.appended.add(listener);
    return () => this.appended.delete(listener);
  }

  /** Records that an anchor event covering entries up to `anchor.seq` is in the event log. Durable on return. */
  recordAnchor(anchor: AnchorRecord): void {
    guarded(() =>
      this.db
        .prepare(
          `INSERT INTO audit_anchors (anchor, event_id, stream, revision, seq, hash, at)
           VALUES (@anchor, @eventId, @stream, @revision, @seq, @hash, @at)`,
        )
        .run(anchor),
    );
  }

  /** The newest anchor recorded here, if any. */
  latestAnchor(): AnchorRecord | undefined {
    return guarded(
      () =>
        this.db
          .prepare<[], AnchorRecord>(`SELECT ${ANCHOR_COLUMNS} FROM audit_anchors ORDER BY anchor DESC LIMIT 1`)
          .get() ?? undefined,
    );
  }

  /** The anchor recorded with this number, if any. */
  anchorNumbered(anchor: number): AnchorRecord | undefined {
    return guarded(
      () =>
        this.db
          .prepare<[number], AnchorRecord>(`SELECT ${ANCHOR_COLUMNS} FROM audit_anchors WHERE anchor = ?`)
          .get(anchor) ?? undefined,
    );
  }

  /** The highest row number a table ever had (AUTOINCREMENT keeps it when rows at the end are deleted). */
  private highestEver(table: 'audit' | 'audit_anchors'): number {
    const row = this.db.prepare<[string], { seq: number }>('SELECT seq FROM sqlite_sequence WHERE name = ?').get(table);
    return row?.seq ?? 0;
  }

  /** The newest entry's sequence number and hash (GENESIS at 0 when the log is empty). */
  head(): ChainHead {
    return guarded(() => this.lastRow.get() ?? { seq: 0, hash: GENESIS });
  }

  /** The hash stored with entry `seq`, or undefined when there is no such entry. */
  hashAt(seq: number): string | undefined {
    return guarded(
      () =>
        this.db.prepare<[number], { hash: string | null }>('SELECT hash FROM audit WHERE id = ?').get(seq)?.hash ??
        undefined,
    );
  }

  /**
   * Recomputes the whole chain. Throws AuditChainBrokenError at the first entry
   * whose hash does not follow from its content and its predecessor, or whose
   * number leaves a gap (a removed entry). Counts the entries whose case id is
   * not a case id: written before auditedIdOf, they may hold what a caller put
   * in a path (a personnummer). They are part of the chain and stay.
   */
  verify(): ChainHead & { entries: number; foreignCaseIds: number } {
    return guarded(() => {
      let previous = GENESIS;
      let expected = 1;
      let entries = 0;
      let foreignCaseIds = 0;
      const rows = this.db.prepare(`SELECT ${COLUMNS}, hash FROM audit ORDER BY id`).iterate() as IterableIterator<Row>;
      for (const row of rows) {
        if (row.seq !== expected) throw new AuditChainBrokenError(expected, `entry ${expected} is missing`);
        const hash = this.hashOf(row, previous);
        if (row.hash !== hash)
          throw new AuditChainBrokenError(row.seq, 'its content or its place in the chain was changed');
        previous = hash;
        expected++;
        entries++;
        if (row.caseId !== null && !isUuid(row.caseId)) foreignCaseIds++;
      }
      // SQLite keeps the highest number a row ever had: entries deleted at the end leave it above the last.
      const highest = this.highestEver('audit');
      if (highest > expected - 1)
        throw new AuditChainBrokenError(
          expected,
          `entries ${expected} to ${highest} were removed from the end of the audit log`,
        );
      this.verifyAnchorRecords();
      return { seq: expected - 1, hash: previous, entries, foreignCaseIds };
    });
  }

  /** The anchors recorded here are numbered 1 to n, none removed, and each covers at least what the one before did. */
  private verifyAnchorRecords(): void {
    const { n, lo, hi, backwards } = this.db
      .prepare<[], { n: number; lo: number | null; hi: number | null; backwards: number }>(
        `SELECT COUNT(*) AS n, MIN(anchor) AS lo, MAX(anchor) AS hi,
           (SELECT COUNT(*) FROM audit_anchors a JOIN audit_anchors b ON b.anchor = a.anchor + 1 WHERE b.seq < a.seq)
             AS backwards
         FROM audit_anchors`,
      )
      .get()!;
    const highest = this.highestEver('audit_anchors');
    if (n > 0 && (lo !== 1 || hi !== n))
      throw new AuditChainBrokenError(null, `the records of anchors 1 to ${hi} are not all there (${n} of them are)`);
    if (highest > (hi ?? 0))
      throw new AuditChainBrokenError(
        null,
        `the records of anchors ${(hi ?? 0) + 1} to ${highest} were removed from the end of the audit log`,
      );
    if (backwards > 0)
      throw new AuditChainBrokenError(null, 'an anchor record covers fewer entries than the one before');
  }

  find(query: AuditQuery): StoredAuditEntry[] {
    return guarded(() => this.findNow(query));
  }

  private findNow(query: AuditQuery): StoredAuditEntry[] {
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
        `SELECT ${COLUMNS} FROM audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY at DESC, id DESC LIMIT @limit`,
      )
      .all(params) as StoredAuditEntry[];
  }

  /** Who has read a case, latest first: shown to the investigator on the case itself. */
  readers(caseId: string): Array<{ user: string; role: string; lastReadAt: string; reads: number }> {
    return guarded(() => this.readersNow(caseId));
  }

  private readersNow(caseId: string): Array<{ user: string; role: string; lastReadAt: string; reads: number }> {
    // Prepared once: every case read asks this, and preparing was a good part of its cost.
    this.readersOf ??= this.db.prepare<[string], { user: string; role: string; lastReadAt: string; reads: number }>(
      `SELECT user, role, MAX(at) AS lastReadAt, COUNT(*) AS reads FROM audit
       WHERE case_id = ? AND action IN ('case.read', 'case.history') AND outcome = 'given'
       GROUP BY user, role ORDER BY lastReadAt DESC`,
    );
    return this.readersOf.all(caseId);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
