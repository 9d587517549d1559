import type Database from 'better-sqlite3';
import type { EventStore, RecordedEvent } from '../event-store/event-store.port';
import type { BulkLoad, Projection } from './projection';
import { BULK_LOAD_CACHE_MB, setCacheSize } from '../common/sqlite';

export interface ProjectionStatus {
  name: string;
  version: number;
  checkpoint: number;
  state: 'stopped' | 'running' | 'failed';
  error?: string;
  /** A stable code for the failure (e.g. SQLITE_FULL), for operators and alerts. */
  errorCode?: string;
  /** Failed attempts since the last batch that committed. */
  failures?: number;
  /** While the read model is loaded from the start of the log: how far it has come (see `BulkLoad`). */
  loading?: { phase: 'folding' | 'writing'; position: number; head: number };
  /**
   * The event the projection stopped at, when it is one it cannot apply: its
   * position, stream and type (never its content). The read model stays at the
   * event before it until the event is corrected (POST /api/event-corrections).
   */
  failedEvent?: FailedEvent;
}

export interface FailedEvent {
  position: number;
  streamId: string | null;
  type: string | null;
  /** The fields the event lacks or holds wrongly, when it does not fit its shape. */
  fields?: string[];
}

/** An event the projection threw on, as the runner names it: from a MalformedEventError or the one-event slice it failed in. */
export interface UnreadableEvent {
  event: { type: string; streamId: string; position: number };
  problems: Array<{ field: string }>;
}
const isUnreadableEvent = (error: unknown): error is UnreadableEvent =>
  typeof error === 'object' &&
  error !== null &&
  typeof (error as UnreadableEvent).event?.position === 'number' &&
  Array.isArray((error as UnreadableEvent).problems);

export interface RunnerLogger {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

const CHECKPOINT_SCHEMA = `
CREATE TABLE IF NOT EXISTS projection_checkpoints (
  name       TEXT PRIMARY KEY,
  version    INTEGER NOT NULL,
  position   INTEGER NOT NULL,
  updated_at TEXT NOT NULL
) WITHOUT ROWID;`;

/**
 * A batch is applied in slices, each its own transaction with its checkpoint,
 * yielding to the event loop between them; the slice grows or shrinks so one
 * takes about SLICE_TARGET_MS, whatever a projection's cost per event.
 */
const SLICE_TARGET_MS = 15;
const SLICE_MIN = 16;
const SLICE_MAX = 4000;

/** Backoff after a failed batch: doubles from the first delay up to the last. */
const RETRY_FIRST_MS = 100;
const RETRY_MAX_MS = 5000;
/**
 * An event the projection cannot apply fails the same way every time: retried
 * seldom, and at once when a correction is recorded (`retryFailed`).
 */
const RETRY_UNAPPLIABLE_MS = 60_000;

interface Running {
  projection: Projection;
  /** The position of the last batch that committed: never ahead of what the read model holds. */
  checkpoint: number;
  state: ProjectionStatus['state'];
  error?: string;
  errorCode?: string;
  failures: number;
  failedEvent?: FailedEvent;
  /** Ends the wait before the next retry (after a correction). */
  wake?: () => void;
  abort?: AbortController;
  loop?: Promise<void>;
  applyBatch: (events: RecordedEvent[]) => void;
  saveCheckpoint: (position: number) => void;
  /** Events per slice, adapted to the projection's cost. */
  slice: number;
  loading?: ProjectionStatus['loading'];
}

/** Runs tasks one after another, each once the one before has settled. */
class OneAtATime {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/** SQLite's code (SQLITE_FULL, SQLITE_IOERR_WRITE, ...) or the error's own code; never its content. */
function codeOf(error: unknown): string {
  const cause = error instanceof ProjectionApplyError ? error.cause : error;
  if (isUnreadableEvent(cause)) return 'event-unreadable';
  const code = (cause as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : error instanceof ProjectionApplyError ? 'apply-failed' : 'failed';
}

export class ConsistencyTimeoutError extends Error {
  constructor(
    readonly position: number,
    readonly lagging: string[],
  ) {
    super(`Read models did not reach position ${position} in time: ${lagging.join(', ')}`);
    this.name = 'ConsistencyTimeoutError';
  }
}

/**
 * Feeds every registered projection from its own catch-up subscription and
 * keeps each one's checkpoint in the same transaction as its data.
 */
export class ProjectionRunner {
  private readonly running = new Map<string, Running>();
  private readonly waiters = new Set<() => void>();
  /** Slices of several projections take turns of the event loop; bulk loads run one after another. */
  private readonly turns = new OneAtATime();
  private readonly loads = new OneAtATime();
  private started = false;

  constructor(
    private readonly store: EventStore,
    private readonly db: Database.Database,
    private readonly logger: RunnerLogger,
    /** Awaited before each turn that writes (e.g. until a background checkpoint has caught up). */
    private readonly beforeWrite: () => Promise<void> | undefined = () => undefined,
  ) {
    db.exec(CHECKPOINT_SCHEMA);
  }

  register(projection: Projection): void {
    if (this.running.has(projection.name)) throw new Error(`Projection ${projection.name} registered twice`);
    projection.setup(this.db);
    const saveCheckpoint = this.db.prepare(
      `INSERT INTO projection_checkpoints (name, version, position, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET version = excluded.version, position = excluded.position, updated_at = excluded.updated_at`,
    );
    const save = (position: number): void => {
      saveCheckpoint.run(projection.name, projection.version, position, new Date().toISOString());
    };
    const applyInTransaction = this.db.transaction((events: RecordedEvent[]): number => {
      if (projection.applyBatch) {
        try {
          projection.applyBatch(events, this.db);
        } catch (error) {
          // The whole batch is rolled back; name its range, or the one event when the slice held one.
          const only = events.length === 1 ? events[0] : undefined;
          throw new ProjectionApplyError(only?.streamId, events[0].position, error, only?.type);
        }
      } else {
        for (const event of events) {
          try {
            projection.apply(event, this.db);
          } catch (error) {
            throw new ProjectionApplyError(event.streamId, event.position, error, event.type);
          }
        }
      }
      const position = events[events.length - 1].position;
      save(position);
      return position;
    });
    const entry: Running = {
      projection,
      checkpoint: 0,
      state: 'stopped',
      failures: 0,
      slice: 250,
      saveCheckpoint: save,
      // The checkpoint moves only once COMMIT has succeeded: a failed commit (full disk) leaves it
      // where the read model is, so the batch is applied again instead of skipped.
      applyBatch: (events) => {
        entry.checkpoint = applyInTransaction(events);
      },
    };
    const stored = this.db
      .prepare<[string], { version: number; position: number }>(
        'SELECT version, position FROM projection_checkpoints WHERE name = ?',
      )
      .get(projection.name);
    // At position 0 nothing counts as applied, though an unfinished bulk load may have written rows.
    if (stored && stored.version === projection.version && stored.position > 0) {
      entry.checkpoint = stored.position;
    } else {
      // New projection or a changed one: start over from the beginning of the log.
      this.resetProjection(projection);
      projection.setup(this.db);
    }
    this.running.set(projection.name, entry);
  }

  projections(): Projection[] {
    return [...this.running.values()].map((r) => r.projection);
  }

  start(): void {
    this.started = true;
    for (const entry of this.running.values()) this.startLoop(entry);
  }

  async stop(): Promise<void> {
    this.started = false;
    const loops = [...this.running.values()].map((entry) => {
      entry.abort?.abort();
      return entry.loop;
    });
    await Promise.all(loops);
  }

  status(): ProjectionStatus[] {
    return [...this.running.values()].map((r) => ({
      name: r.projection.name,
      version: r.projection.version,
      checkpoint: r.checkpoint,
      state: r.state,
      ...(r.loading ? { loading: { ...r.loading } } : {}),
      ...(r.error ? { error: r.error, errorCode: r.errorCode, failures: r.failures } : {}),
      ...(r.failedEvent ? { failedEvent: { ...r.failedEvent } } : {}),
    }));
  }

  /** Retries every failed projection now (a correction was recorded), instead of at its next backoff. */
  retryFailed(): void {
    for (const entry of this.running.values()) entry.wake?.();
  }

  /** Lowest checkpoint over the named projections (all when none are named): everything up to it is visible to queries. */
  lowestCheckpoint(names?: readonly string[]): number {
    let lowest = Number.POSITIVE_INFINITY;
    for (const r of this.running.values())
      if (!names || names.includes(r.projection.name)) lowest = Math.min(lowest, r.checkpoint);
    return Number.isFinite(lowest) ? lowest : 0;
  }

  /**
   * Resolves when the named projections (all when none are named) have applied
   * the event at `position` (read-your-writes). A projection stopped at an event
   * it cannot apply, before `position`, refuses at once (ReadModelFailedError):
   * waiting would not help, and the others are not held up by it.
   */
  waitFor(position: number, timeoutMs: number, names?: readonly string[]): Promise<void> {
    const stuck = (): ReadModelFailedError | undefined => {
      for (const r of this.running.values()) {
        if (names && !names.includes(r.projection.name)) continue;
        if (r.failedEvent && r.failedEvent.position <= position && r.checkpoint < position)
          return new ReadModelFailedError(r.projection.name, r.failedEvent);
      }
      return undefined;
    };
    if (this.lowestCheckpoint(names) >= position) return Promise.resolve();
    const failed = stuck();
    if (failed) return Promise.reject(failed);
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const failure = this.lowestCheckpoint(names) >= position ? undefined : stuck();
        if (this.lowestCheckpoint(names) >= position || failure) {
          clearTimeout(timer);
          this.waiters.delete(check);
          if (failure) reject(failure);
          else resolve();
        }
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        const lagging = this.status()
          .filter((s) => (!names || names.includes(s.name)) && s.checkpoint < position)
          .map((s) => `${s.name}@${s.checkpoint} (${s.state})`);
        reject(new ConsistencyTimeoutError(position, lagging));
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  /**
   * Empties the read models and replays the whole log into them. With the
   * runner stopped, it catches up once and returns; progress is reported per batch.
   */
  async rebuild(onProgress?: (position: number, head: number) => void, names?: string[]): Promise<void> {
    const wasStarted = this.started;
    await this.stop();
    const selected = [...this.running.values()].filter((r) => !names || names.includes(r.projection.name));
    for (const entry of selected) {
      this.resetProjection(entry.projection);
      entry.checkpoint = 0;
    }
    await this.catchUp(onProgress, selected);
    // `reset` may have dropped indexes for a faster load; `setup` makes them again.
    for (const entry of selected) entry.projection.setup(this.db);
    if (wasStarted) this.start();
  }

  /** Applies everything up to the current head, without a live subscription (for the CLI). */
  async catchUp(
    onProgress?: (position: number, head: number) => void,
    entries = [...this.running.values()],
  ): Promise<void> {
    for (const entry of entries) {
      if (entry.checkpoint === 0 && entry.projection.bulkLoad) await this.loadFromStart(entry, undefined, onProgress);
    }
    const head = await this.store.headPosition();
    onProgress?.(Math.min(...entries.map((e) => e.checkpoint), head), head);
    // All selected projections advance together over one read of the log.
    let after = Math.min(...entries.map((e) => e.checkpoint));
    while (after < head) {
      const batch = await this.store.readAll(after, 2000);
      if (batch.length === 0) break;
      for (const entry of entries) {
        const fresh = batch.filter((e) => e.position > entry.checkpoint);
        if (fresh.length > 0) await this.applyInSlices(entry, fresh);
      }
      after = batch[batch.length - 1].position;
      onProgress?.(Math.min(after, head), head);
      this.notifyWaiters();
    }
  }

  /**
   * Waits for a turn of the event loop of its own: several projections catching
   * up at once would otherwise run their slices back to back in one turn.
   */
  private nextTurn(): Promise<void> {
    return this.turns.run(async () => {
      await new Promise<void>((resolve) => setImmediate(resolve));
      await this.beforeWrite();
    });
  }

  /**
   * Loads a read model from the start of the log in bulk: folds every event up
   * to today's head in memory, then writes the rows in short transactions. The
   * checkpoint stays 0 until the last piece commits with it, so an interrupted
   * load (crash, stop, full disk) leaves nothing that counts and starts over.
   * Between folding slices and write pieces the event loop is free.
   */
  private async loadFromStart(
    entry: Running,
    signal?: AbortSignal,
    onProgress?: (position: number, head: number) => void,
  ): Promise<void> {
    const head = await this.store.headPosition();
    if (head === 0) return;
    // Index inserts of a bulk load stay in memory instead of re-reading pages; the cache shrinks back after.
    const cacheSize = this.db.pragma('cache_size', { simple: true }) as number;
    if (cacheSize < 0 && -cacheSize < BULK_LOAD_CACHE_MB * 1024) setCacheSize(this.db, BULK_LOAD_CACHE_MB);
    try {
      await this.loadFromStartCached(entry, head, signal, onProgress);
    } finally {
      if (this.db.open) this.db.pragma(`cache_size = ${cacheSize}`);
    }
  }

  private async loadFromStartCached(
    entry: Running,
    head: number,
    signal?: AbortSignal,
    onProgress?: (position: number, head: number) => void,
  ): Promise<void> {
    const { projection } = entry;
    this.resetProjection(projection);
    projection.setup(this.db);
    const load: BulkLoad = projection.bulkLoad!(this.db);
    const loading: NonNullable<Running['loading']> = { phase: 'folding', position: 0, head };
    entry.loading = loading;
    try {
      let after = 0;
      let deadline = performance.now() + SLICE_TARGET_MS;
      /** Lets requests in and starts the next slice; false once the runner stops. */
      const pause = async (): Promise<boolean> => {
        await this.nextTurn();
        deadline = performance.now() + SLICE_TARGET_MS;
        return !signal?.aborted;
      };
      while (after < head) {
        // Reading and parsing a page counts towards the slice it starts.
        const page = await this.store.readAll(after, 1000);
        if (page.length === 0) break;
        for (let i = 0; i < page.length && page[i].position <= head; i++) {
          try {
            load.add(page[i]);
          } catch (error) {
            throw new ProjectionApplyError(page[i].streamId, page[i].position, error, page[i].type);
          }
          if ((i & 31) === 31 && performance.now() > deadline && !(await pause())) return;
        }
        after = page[page.length - 1].position;
        loading.position = Math.min(after, head);
        onProgress?.(loading.position, head);
        if (performance.now() > deadline - SLICE_TARGET_MS / 3 && !(await pause())) return;
      }
      loading.phase = 'writing';
      const pieces = load.write();
      // The budget before COMMIT shrinks by what the commit itself takes (writing the pages out).
      let budget = SLICE_TARGET_MS;
      const writeSlice = this.db.transaction((): boolean => {
        const until = performance.now() + budget;
        for (let n = 1; ; n++) {
          if (pieces.next().done) {
            entry.saveCheckpoint(head);
            return true;
          }
          if ((n & 15) === 0 && performance.now() > until) return false;
        }
      });
      for (;;) {
        await this.nextTurn();
        if (signal?.aborted) return;
        const started = performance.now();
        if (writeSlice()) break;
        const took = performance.now() - started;
        budget = Math.min(SLICE_TARGET_MS, Math.max(1, (budget * SLICE_TARGET_MS) / Math.max(took, 1)));
      }
      entry.checkpoint = head;
      if (entry.state === 'failed') this.recovered(entry);
      this.notifyWaiters();
    } finally {
      entry.loading = undefined;
    }
  }

  /** Applies a batch slice by slice, so no transaction holds the event loop for long; waiters hear of each. */
  private async applyInSlices(entry: Running, events: RecordedEvent[], signal?: AbortSignal): Promise<void> {
    for (let from = 0; from < events.length;) {
      if (from > 0) {
        await this.nextTurn();
        if (signal?.aborted) return;
      } else {
        const gate = this.beforeWrite();
        if (gate) await gate;
        if (signal?.aborted) return;
      }
      const slice = events.slice(from, from + entry.slice);
      const started = performance.now();
      entry.applyBatch(slice);
      if (entry.state === 'failed') this.recovered(entry);
      const took = performance.now() - started;
      if (took > SLICE_TARGET_MS && entry.slice > SLICE_MIN) entry.slice = Math.max(SLICE_MIN, entry.slice >> 1);
      else if (took < SLICE_TARGET_MS / 2 && slice.length === entry.slice) {
        entry.slice = Math.min(SLICE_MAX, entry.slice * 2);
      }
      from += slice.length;
      this.notifyWaiters();
    }
  }

  private resetProjection(projection: Projection): void {
    this.db.transaction(() => {
      projection.reset(this.db);
      this.db
        .prepare(
          `INSERT INTO projection_checkpoints (name, version, position, updated_at) VALUES (?, ?, 0, ?)
           ON CONFLICT (name) DO UPDATE SET version = excluded.version, position = 0, updated_at = excluded.updated_at`,
        )
        .run(projection.name, projection.version, new Date().toISOString());
    })();
  }

  private startLoop(entry: Running): void {
    if (entry.state === 'running') return;
    const abort = new AbortController();
    entry.abort = abort;
    entry.state = 'running';
    entry.error = undefined;
    entry.errorCode = undefined;
    entry.failures = 0;
    entry.loop = this.runLoop(entry, abort.signal);
  }

  private async runLoop(entry: Running, signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        // One bulk load at a time, as in the CLI's rebuild: each holds the whole log's cases in memory.
        if (entry.checkpoint === 0 && entry.projection.bulkLoad) {
          await this.loads.run(() => (signal.aborted ? Promise.resolve() : this.loadFromStart(entry, signal)));
        }
        if (signal.aborted) break;
        for await (const batch of this.store.subscribe({ after: entry.checkpoint, signal })) {
          await this.applyInSlices(entry, batch, signal);
          if (signal.aborted) break;
        }
      } catch (error) {
        // Name the stream (case id), never the event's content: it may hold personal data.
        const failing = error instanceof ProjectionApplyError ? error.streamId : undefined;
        entry.state = 'failed';
        entry.error = error instanceof Error ? error.message : String(error);
        entry.errorCode = codeOf(error);
        entry.failures++;
        entry.failedEvent = failedEventOf(error);
        // Retried one event at a time: the read model moves up to the event it cannot apply, and names it.
        if (error instanceof ProjectionApplyError) entry.slice = 1;
        const unappliable = entry.failedEvent !== undefined && isStorageFault(error) === false;
        const delay = unappliable
          ? RETRY_UNAPPLIABLE_MS
          : Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** Math.min(entry.failures - 1, 16));
        this.logger.error(
          {
            projection: entry.projection.name,
            checkpoint: entry.checkpoint,
            streamId: failing,
            failedEvent: entry.failedEvent,
            code: entry.errorCode,
            failures: entry.failures,
            retryInMs: delay,
            err: entry.error,
          },
          unappliable
            ? 'projection stopped at an event it cannot apply; the other read models go on. Correct the event (POST /api/event-corrections)'
            : 'projection failed; retrying from its last committed checkpoint',
        );
        this.notifyWaiters();
        // Stays 'failed' (and /health says so) until a batch commits again.
        await new Promise<void>((resolve) => {
          // The listener goes with the wait: one left behind per retry would pile up over a long outage.
          const done = (): void => {
            clearTimeout(timer);
            signal.removeEventListener('abort', done);
            entry.wake = undefined;
            resolve();
          };
          const timer = setTimeout(done, delay);
          entry.wake = done;
          signal.addEventListener('abort', done, { once: true });
        });
      }
    }
    entry.state = 'stopped';
  }

  private recovered(entry: Running): void {
    this.logger.info(
      { projection: entry.projection.name, checkpoint: entry.checkpoint, failures: entry.failures },
      'projection recovered',
    );
    entry.state = 'running';
    entry.error = undefined;
    entry.errorCode = undefined;
    entry.failures = 0;
    entry.failedEvent = undefined;
  }

  private notifyWaiters(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}

export class ProjectionApplyError extends Error {
  constructor(
    readonly streamId: string | undefined,
    readonly position: number,
    cause: unknown,
    readonly eventType?: string,
  ) {
    const where = streamId ? `the event of ${streamId} at position ${position}` : `the batch from position ${position}`;
    super(`Could not apply ${where}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'ProjectionApplyError';
  }
}

/** A read model stopped at an event it cannot apply: queries on it are refused until the event is corrected. */
export class ReadModelFailedError extends Error {
  constructor(
    readonly readModel: string,
    readonly failedEvent: FailedEvent,
  ) {
    super(`The read model ${readModel} stopped at the event at position ${failedEvent.position}`);
    this.name = 'ReadModelFailedError';
  }
}

/** SQLite's I/O and space faults pass with time or an operator's hand; an unappliable event does not. */
function isStorageFault(error: unknown): boolean {
  return /^SQLITE_(FULL|IOERR|BUSY|LOCKED|CANTOPEN|READONLY|NOMEM|CORRUPT)/.test(codeOf(error));
}

/** The one event a failure names: from the reader's own error, or the one-event slice it failed in. */
function failedEventOf(error: unknown): FailedEvent | undefined {
  const cause = error instanceof ProjectionApplyError ? error.cause : error;
  if (isUnreadableEvent(cause))
    return {
      position: cause.event.position,
      streamId: cause.event.streamId,
      type: cause.event.type,
      fields: cause.problems.map((p) => p.field),
    };
  if (error instanceof ProjectionApplyError && error.streamId !== undefined && !isStorageFault(error))
    return { position: error.position, streamId: error.streamId, type: error.eventType ?? null };
  return undefined;
}
