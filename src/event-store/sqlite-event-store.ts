import Database from 'better-sqlite3';
import { EventEmitter } from 'node:events';
import {
  AppendResult,
  DuplicateEventIdError,
  EventStore,
  ExpectedRevision,
  NewEvent,
  RecordedEvent,
  SubscriptionOptions,
  WrongExpectedVersionError,
  AppendTooLargeError,
  assertAppendSize,
} from './event-store.port';
import { EventUpcasters, SerializedEvent, deserialize } from './upcasting';
import { DEFAULT_SQLITE_CACHE_MB, openDatabase } from '../common/sqlite';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  global_position INTEGER PRIMARY KEY AUTOINCREMENT,
  stream_id       TEXT    NOT NULL,
  stream_revision INTEGER NOT NULL,
  event_id        TEXT    NOT NULL UNIQUE,
  type            TEXT    NOT NULL,
  schema_version  INTEGER NOT NULL,
  data            TEXT    NOT NULL,
  metadata        TEXT    NOT NULL,
  occurred_on     TEXT    NOT NULL,
  recorded_at     TEXT    NOT NULL,
  UNIQUE (stream_id, stream_revision)
);
CREATE TABLE IF NOT EXISTS streams (
  stream_id TEXT PRIMARY KEY,
  revision  INTEGER NOT NULL
) WITHOUT ROWID;
`;

const SELECT_COLUMNS = `event_id AS id, type, schema_version AS schemaVersion, data, metadata,
  stream_id AS streamId, stream_revision AS revision, global_position AS position`;

const EMPTY_APPEND = 'append needs at least one event';

/** How often a live subscription looks for appends made by another process. */
const POLL_INTERVAL_MS = 250;

interface PendingAppend {
  streamId: string;
  events: NewEvent[];
  expected: ExpectedRevision;
  resolve: (result: AppendResult) => void;
  reject: (error: Error) => void;
}

/** The embedded event store: one SQLite file, one writer process. */
export class SqliteEventStore implements EventStore {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly appended = new EventEmitter();
  private readonly closing = new AbortController();
  private readonly statements;
  private readonly appendTx: (streamId: string, events: NewEvent[], expected: ExpectedRevision) => AppendResult;
  private readonly commitGroup: (appends: PendingAppend[]) => Array<AppendResult | Error>;
  private pending: PendingAppend[] = [];

  constructor(
    readonly path: string,
    private readonly upcasters = new EventUpcasters(),
    cacheMb = DEFAULT_SQLITE_CACHE_MB,
  ) {
    this.db = openDatabase(path, 'FULL', cacheMb);
    this.db.exec(SCHEMA);
    this.appended.setMaxListeners(0);
    this.statements = {
      streamRevision: this.db.prepare<[string], { revision: number }>(
        'SELECT revision FROM streams WHERE stream_id = ?',
      ),
      byEventId: this.db.prepare<[string], { streamId: string; revision: number; position: number }>(
        `SELECT stream_id AS streamId, stream_revision AS revision, global_position AS position
           FROM events WHERE event_id = ?`,
      ),
      insert: this.db.prepare(
        `INSERT INTO events (stream_id, stream_revision, event_id, type, schema_version, data, metadata, occurred_on, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      upsertStream: this.db.prepare(
        `INSERT INTO streams (stream_id, revision) VALUES (?, ?)
         ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision`,
      ),
      readStream: this.db.prepare<[string, number], SerializedEvent>(
        `SELECT ${SELECT_COLUMNS} FROM events WHERE stream_id = ? AND stream_revision >= ? ORDER BY stream_revision`,
      ),
      readAll: this.db.prepare<[number, number], SerializedEvent>(
        `SELECT ${SELECT_COLUMNS} FROM events WHERE global_position > ? ORDER BY global_position LIMIT ?`,
      ),
      head: this.db.prepare<[], { head: number | null }>('SELECT MAX(global_position) AS head FROM events'),
    };
    const tx = this.db.transaction((streamId: string, events: NewEvent[], expected: ExpectedRevision) =>
      this.appendInTransaction(streamId, events, expected),
    );
    this.appendTx = (s, e, x) => tx(s, e, x);
    // IMMEDIATE takes the write lock before reading any revision, so two
    // processes cannot both pass an expectation check. Inside it each append is
    // a savepoint: one refused append (a wrong expected revision) leaves the others.
    const group = this.db.transaction((appends: PendingAppend[]) =>
      appends.map((a) => {
        try {
          return this.appendTx(a.streamId, a.events, a.expected);
        } catch (error) {
          // A refusal concerns that append alone; anything else (a full disk) fails the whole group,
          // since SQLite may already have rolled the transaction back.
          if (isRefusal(error)) return error;
          throw error;
        }
      }),
    );
    this.commitGroup = (appends) => group.immediate(appends);
  }

  /**
   * Group commit: appends that arrive in the same turn of the event loop (the
   * commands of concurrent requests) are written in one durable transaction,
   * one fsync for all of them. Each promise settles only after that COMMIT, so
   * an acknowledged append is on disk exactly as before.
   */
  append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      this.pending.push({ streamId, events, expected, resolve, reject });
      if (this.pending.length === 1) setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    const appends = this.pending;
    this.pending = [];
    let outcomes: Array<AppendResult | Error>;
    try {
      outcomes = this.commitGroup(appends);
    } catch (error) {
      // The COMMIT itself failed (full disk, I/O error): nothing of the group was written.
      for (const a of appends) a.reject(error as Error);
      return;
    }
    this.appended.emit('appended');
    appends.forEach((a, i) => {
      const outcome = outcomes[i];
      if (outcome instanceof Error) a.reject(outcome);
      else a.resolve(outcome);
    });
  }

  private appendInTransaction(streamId: string, events: NewEvent[], expected: ExpectedRevision): AppendResult {
    if (events.length === 0) throw new Error(EMPTY_APPEND);
    // The same limit as EventStoreDB's, so a history can move between the adapters.
    assertAppendSize(streamId, events);
    const retried = this.earlierAppendOf(streamId, events);
    if (retried) return retried;

    const row = this.statements.streamRevision.get(streamId);
    const actual = row ? row.revision : 'no-stream';
    const ok =
      expected === 'any' ||
      (expected === 'no-stream' && actual === 'no-stream') ||
      (expected === 'exists' && actual !== 'no-stream') ||
      (typeof expected === 'number' && expected === actual);
    if (!ok) throw new WrongExpectedVersionError(streamId, expected, actual);

    let revision = actual === 'no-stream' ? -1 : actual;
    let position = 0;
    for (const event of events) {
      revision += 1;
      try {
        const info = this.statements.insert.run(
          streamId,
          revision,
          event.id,
          event.type,
          event.schemaVersion,
          JSON.stringify(event.data),
          JSON.stringify(event.metadata),
          event.metadata.occurredOn,
          event.metadata.recordedAt,
        );
        position = Number(info.lastInsertRowid);
      } catch (error) {
        if (isUniqueViolation(error, 'events.event_id')) throw new DuplicateEventIdError(event.id);
        throw error;
      }
    }
    this.statements.upsertStream.run(streamId, revision);
    return { nextExpectedRevision: revision, position };
  }

  /** A retry of an append that was stored but whose answer was lost returns the first answer. */
  private earlierAppendOf(streamId: string, events: NewEvent[]): AppendResult | undefined {
    const first = this.statements.byEventId.get(events[0].id);
    if (!first) return undefined;
    let last = first;
    for (let i = 0; i < events.length; i++) {
      const found = i === 0 ? first : this.statements.byEventId.get(events[i].id);
      if (!found || found.streamId !== streamId || found.revision !== first.revision + i) {
        throw new DuplicateEventIdError(events[i].id);
      }
      last = found;
    }
    return { nextExpectedRevision: last.revision, position: last.position };
  }

  readStream(streamId: string, fromRevision = 0): Promise<RecordedEvent[]> {
    return Promise.resolve(
      this.statements.readStream.all(streamId, fromRevision).map((r) => deserialize(r, this.upcasters)),
    );
  }

  readAll(after: number, limit: number): Promise<RecordedEvent[]> {
    return Promise.resolve(this.readAllNow(after, limit));
  }

  private readAllNow(after: number, limit: number): RecordedEvent[] {
    return this.statements.readAll.all(after, limit).map((r) => deserialize(r, this.upcasters));
  }

  async *subscribe(options: SubscriptionOptions): AsyncGenerator<RecordedEvent[]> {
    const batchSize = options.batchSize ?? 1000;
    const signal = options.signal ? AbortSignal.any([options.signal, this.closing.signal]) : this.closing.signal;
    let after = options.after;
    while (!signal.aborted) {
      const batch = this.readAllNow(after, batchSize);
      if (batch.length > 0) {
        after = batch[batch.length - 1].position;
        yield batch;
        // Let requests in between batches: a long catch-up must not hold the event loop.
        await new Promise((resolve) => setImmediate(resolve));
        continue;
      }
      // Registered in the same tick as the empty read, so no append can slip between.
      await this.nextAppend(signal);
    }
  }

  private nextAppend(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.appended.off('appended', done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, POLL_INTERVAL_MS);
      this.appended.on('appended', done);
      signal.addEventListener('abort', done);
    });
  }

  headPosition(): Promise<number> {
    return Promise.resolve(this.statements.head.get()?.head ?? 0);
  }

  ping(): Promise<boolean> {
    try {
      this.db.prepare('SELECT 1').get();
      return Promise.resolve(true);
    } catch {
      return Promise.resolve(false);
    }
  }

  close(): Promise<void> {
    this.closing.abort();
    if (this.db.open) this.db.close();
    return Promise.resolve();
  }
}

// No instanceof: errors from the native addon may come from another realm (e.g. under Jest).
function isUniqueViolation(error: unknown, column: string): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  return (
    typeof e === 'object' &&
    e !== null &&
    e.code === 'SQLITE_CONSTRAINT_UNIQUE' &&
    typeof e.message === 'string' &&
    e.message.includes(column)
  );
}

/** The store's answer about one append (its expectation, ids or size), not a fault of the storage. */
function isRefusal(error: unknown): error is Error {
  return (
    error instanceof WrongExpectedVersionError ||
    error instanceof DuplicateEventIdError ||
    error instanceof AppendTooLargeError ||
    (error instanceof Error && error.message === EMPTY_APPEND)
  );
}
