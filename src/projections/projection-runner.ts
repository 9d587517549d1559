import type Database from 'better-sqlite3';
import type { EventStore, RecordedEvent } from '../event-store/event-store.port';
import type { Projection } from './projection';

export interface ProjectionStatus {
  name: string;
  version: number;
  checkpoint: number;
  state: 'stopped' | 'running' | 'failed';
  error?: string;
}

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

const RETRY_AFTER_FAILURE_MS = 5000;

interface Running {
  projection: Projection;
  checkpoint: number;
  state: ProjectionStatus['state'];
  error?: string;
  abort?: AbortController;
  loop?: Promise<void>;
  applyBatch: (events: RecordedEvent[]) => void;
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
  private started = false;
  private resets = 0;

  /** Changes whenever a read model is emptied, so caches of query answers can tell a rebuild from no change. */
  get generation(): number {
    return this.resets;
  }

  constructor(
    private readonly store: EventStore,
    private readonly db: Database.Database,
    private readonly logger: RunnerLogger,
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
    const entry: Running = {
      projection,
      checkpoint: 0,
      state: 'stopped',
      applyBatch: this.db.transaction((events: RecordedEvent[]) => {
        if (projection.applyBatch) {
          try {
            projection.applyBatch(events, this.db);
          } catch (error) {
            // The whole batch is rolled back; name its range (a projection's own error may name the case).
            throw new ProjectionApplyError(undefined, events[0].position, error);
          }
        } else {
          for (const event of events) {
            try {
              projection.apply(event, this.db);
            } catch (error) {
              throw new ProjectionApplyError(event.streamId, event.position, error);
            }
          }
        }
        const position = events[events.length - 1].position;
        saveCheckpoint.run(projection.name, projection.version, position, new Date().toISOString());
        entry.checkpoint = position;
      }),
    };
    const stored = this.db
      .prepare<[string], { version: number; position: number }>(
        'SELECT version, position FROM projection_checkpoints WHERE name = ?',
      )
      .get(projection.name);
    if (stored && stored.version === projection.version) {
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
      ...(r.error ? { error: r.error } : {}),
    }));
  }

  /** Lowest checkpoint over all projections: everything up to it is visible to queries. */
  lowestCheckpoint(): number {
    let lowest = Number.POSITIVE_INFINITY;
    for (const r of this.running.values()) lowest = Math.min(lowest, r.checkpoint);
    return Number.isFinite(lowest) ? lowest : 0;
  }

  /** Resolves when every projection has applied the event at `position` (read-your-writes). */
  waitFor(position: number, timeoutMs: number): Promise<void> {
    if (this.lowestCheckpoint() >= position) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (this.lowestCheckpoint() >= position) {
          clearTimeout(timer);
          this.waiters.delete(check);
          resolve();
        }
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        const lagging = this.status()
          .filter((s) => s.checkpoint < position)
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
    const head = await this.store.headPosition();
    onProgress?.(Math.min(...entries.map((e) => e.checkpoint), head), head);
    // All selected projections advance together over one read of the log.
    let after = Math.min(...entries.map((e) => e.checkpoint));
    while (after < head) {
      const batch = await this.store.readAll(after, 2000);
      if (batch.length === 0) break;
      for (const entry of entries) {
        const fresh = batch.filter((e) => e.position > entry.checkpoint);
        if (fresh.length > 0) entry.applyBatch(fresh);
      }
      after = batch[batch.length - 1].position;
      onProgress?.(Math.min(after, head), head);
      this.notifyWaiters();
    }
  }

  private resetProjection(projection: Projection): void {
    this.resets++;
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
    entry.loop = this.runLoop(entry, abort.signal);
  }

  private async runLoop(entry: Running, signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        for await (const batch of this.store.subscribe({ after: entry.checkpoint, signal })) {
          entry.applyBatch(batch);
          this.notifyWaiters();
          if (signal.aborted) break;
        }
      } catch (error) {
        // Name the stream (case id), never the event's content: it may hold personal data.
        const failing = error instanceof ProjectionApplyError ? error.streamId : undefined;
        entry.state = 'failed';
        entry.error = error instanceof Error ? error.message : String(error);
        this.logger.error(
          { projection: entry.projection.name, checkpoint: entry.checkpoint, streamId: failing, err: entry.error },
          'projection failed; retrying',
        );
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, RETRY_AFTER_FAILURE_MS);
          signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
        });
        if (!signal.aborted) entry.state = 'running';
      }
    }
    entry.state = 'stopped';
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
  ) {
    const where = streamId ? `the event of ${streamId} at position ${position}` : `the batch from position ${position}`;
    super(`Could not apply ${where}: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'ProjectionApplyError';
  }
}
