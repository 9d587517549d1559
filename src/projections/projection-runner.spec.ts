import { getEventListeners } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { NewEvent, RecordedEvent } from '../event-store/event-store.port';
import { SqliteEventStore } from '../event-store/sqlite-event-store';
import { BULK_LOAD_CACHE_MB, openDatabase } from '../common/sqlite';
import type { BulkLoad, Projection } from './projection';
import { newEvent } from '../testing/events';
import { ProjectionRunner } from './projection-runner';

const silent = { info: () => undefined, error: () => undefined };

/** Counts events per stream: enough to see missed or doubled events. */
class EventsPerStream implements Projection {
  readonly name = 'events-per-stream';
  constructor(readonly version = 1) {}
  setup(db: Database.Database): void {
    db.exec('CREATE TABLE IF NOT EXISTS test_counts (stream_id TEXT PRIMARY KEY, n INTEGER NOT NULL, last_type TEXT)');
  }
  reset(db: Database.Database): void {
    db.exec('DELETE FROM test_counts');
  }
  apply(event: RecordedEvent, db: Database.Database): void {
    db.prepare(
      `INSERT INTO test_counts (stream_id, n, last_type) VALUES (?, 1, ?)
       ON CONFLICT (stream_id) DO UPDATE SET n = n + 1, last_type = excluded.last_type`,
    ).run(event.streamId, event.type);
  }
}

const event = (type: string): NewEvent => newEvent(type);

/** The same counts, loaded in bulk from position 0; `failAt` makes the n-th written row fail (a full disk). */
class BulkEventsPerStream extends EventsPerStream {
  folded = 0;
  pieces = 0;
  constructor(
    private readonly failAt?: number,
    /** Time each written row takes, so a load spans several transactions. */
    private readonly pieceMs = 0,
  ) {
    super();
  }
  bulkLoad(db: Database.Database): BulkLoad {
    const counts = new Map<string, { n: number; last: string }>();
    const insert = db.prepare('INSERT INTO test_counts (stream_id, n, last_type) VALUES (?, ?, ?)');
    return {
      add: (e) => {
        this.folded++;
        const c = counts.get(e.streamId) ?? { n: 0, last: '' };
        counts.set(e.streamId, { n: c.n + 1, last: e.type });
      },
      write: function* (this: BulkEventsPerStream) {
        for (const [stream, c] of counts) {
          if (++this.pieces === this.failAt) throw Object.assign(new Error('disk full'), { code: 'SQLITE_FULL' });
          insert.run(stream, c.n, c.last);
          for (const until = performance.now() + this.pieceMs; performance.now() < until;);
          yield;
        }
      }.bind(this),
    };
  }
}

describe('projection runner', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'fut-proj-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const rows = (db: Database.Database): unknown[] => db.prepare('SELECT * FROM test_counts ORDER BY stream_id').all();

  it('feeds the read model live, and a restart resumes from the stored checkpoint', async () => {
    const store = new SqliteEventStore(join(dir, 'events.db'));
    let db = openDatabase(join(dir, 'read.db'), 'NORMAL');
    let runner = new ProjectionRunner(store, db, silent);
    runner.register(new EventsPerStream());
    runner.start();
    const r1 = await store.append('a', [event('X'), event('Y')], 'no-stream');
    await store.append('b', [event('X')], 'no-stream');
    const r3 = await store.append('a', [event('Z')], 1);
    await runner.waitFor(r3.position, 5000);
    expect(rows(db)).toEqual([
      { stream_id: 'a', n: 3, last_type: 'Z' },
      { stream_id: 'b', n: 1, last_type: 'X' },
    ]);
    await runner.stop();
    db.close();

    // Events appended while the runner was down are applied once after restart; earlier ones not again.
    await store.append('b', [event('W')], 0);
    db = openDatabase(join(dir, 'read.db'), 'NORMAL');
    runner = new ProjectionRunner(store, db, silent);
    runner.register(new EventsPerStream());
    expect(runner.status()[0].checkpoint).toBe(r3.position);
    expect(r1.position).toBeLessThan(r3.position);
    runner.start();
    await runner.waitFor(await store.headPosition(), 5000);
    expect(rows(db)).toEqual([
      { stream_id: 'a', n: 3, last_type: 'Z' },
      { stream_id: 'b', n: 2, last_type: 'W' },
    ]);

    const before = rows(db);
    await runner.rebuild();
    expect(rows(db)).toEqual(before);
    await runner.stop();
    db.close();
    await store.close();
  });

  it('writes nothing while the gate before a write turn is closed (a checkpoint catching up), and goes on once it opens', async () => {
    const store = new SqliteEventStore(join(dir, 'events.db'));
    const db = openDatabase(join(dir, 'read.db'), 'NORMAL');
    let open: () => void = () => undefined;
    let gate: Promise<void> | undefined;
    const runner = new ProjectionRunner(store, db, silent, () => gate);
    runner.register(new EventsPerStream());
    runner.start();
    await runner.waitFor((await store.append('a', [event('X')], 'no-stream')).position, 5000);
    gate = new Promise<void>((resolve) => (open = resolve));
    const next = await store.append('a', [event('Y')], 0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(rows(db)).toEqual([{ stream_id: 'a', n: 1, last_type: 'X' }]);
    gate = undefined;
    open();
    await runner.waitFor(next.position, 5000);
    expect(rows(db)).toEqual([{ stream_id: 'a', n: 2, last_type: 'Y' }]);
    await runner.stop();
    db.close();
    await store.close();
  });

  it('rebuilds from position zero when the projection version changes', async () => {
    const store = new SqliteEventStore(join(dir, 'events.db'));
    const db = openDatabase(join(dir, 'read.db'), 'NORMAL');
    const runner = new ProjectionRunner(store, db, silent);
    runner.register(new EventsPerStream(1));
    await store.append('a', [event('X'), event('Y')], 'no-stream');
    await runner.catchUp();
    db.prepare("UPDATE test_counts SET n = 99 WHERE stream_id = 'a'").run();

    const next = new ProjectionRunner(store, db, silent);
    next.register(new EventsPerStream(2));
    expect(next.status()[0].checkpoint).toBe(0);
    await next.catchUp();
    expect(rows(db)).toEqual([{ stream_id: 'a', n: 2, last_type: 'Y' }]);
    db.close();
    await store.close();
  });

  it('reports progress while catching up and times out a wait that cannot be met', async () => {
    const store = new SqliteEventStore(join(dir, 'events.db'));
    const db = openDatabase(join(dir, 'read.db'), 'NORMAL');
    const runner = new ProjectionRunner(store, db, silent);
    runner.register(new EventsPerStream());
    for (let i = 0; i < 5; i++) await store.append(`s${i}`, [event('X')], 'no-stream');
    const progress: Array<[number, number]> = [];
    await runner.catchUp((p, h) => progress.push([p, h]));
    expect(progress[progress.length - 1]).toEqual([5, 5]);
    await expect(runner.waitFor(6, 50)).rejects.toThrow(/did not reach position 6/);
    db.close();
    await store.close();
  });
});

/**
 * A read model whose COMMIT fails once, at a chosen event: its row points at a
 * parent through a deferred foreign key, checked only at COMMIT, as a full disk
 * fails only when the transaction is written out.
 */
class FailsAtCommitOnce extends EventsPerStream {
  fail = true;
  override setup(db: Database.Database): void {
    super.setup(db);
    db.exec(`CREATE TABLE IF NOT EXISTS test_parent (id TEXT PRIMARY KEY);
      CREATE TABLE IF NOT EXISTS test_child (id TEXT PRIMARY KEY,
        parent TEXT REFERENCES test_parent (id) DEFERRABLE INITIALLY DEFERRED)`);
  }
  override apply(event: RecordedEvent, db: Database.Database): void {
    super.apply(event, db);
    if (event.type === 'Poison' && this.fail) {
      this.fail = false;
      db.prepare("INSERT INTO test_child (id, parent) VALUES (?, 'missing')").run(event.id);
    }
  }
}

describe('projection runner: a failed commit', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'fut-proj-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const rows = (db: Database.Database): unknown[] => db.prepare('SELECT * FROM test_counts ORDER BY stream_id').all();

  it('never skips the batch: the checkpoint stays, /health status says failed with its code, and a retry applies it', async () => {
    const store = new SqliteEventStore(join(dir, 'events.db'));
    const db = openDatabase(join(dir, 'read.db'), 'NORMAL');
    const errors: object[] = [];
    const runner = new ProjectionRunner(store, db, { info: () => undefined, error: (o) => errors.push(o) });
    const projection = new FailsAtCommitOnce();
    runner.register(projection);
    runner.start();
    const first = await store.append('a', [event('X')], 'no-stream');
    await runner.waitFor(first.position, 5000);
    // Hold the next batch back until the poison event is stored, so the failing batch also holds a good event.
    await store.append('b', [event('Y'), event('Poison')], 'no-stream');
    const last = await store.append('c', [event('Z')], 'no-stream');
    await runner.waitFor(last.position, 10_000);
    expect(errors).toEqual([
      expect.objectContaining({ code: 'SQLITE_CONSTRAINT_FOREIGNKEY', checkpoint: first.position }),
    ]);
    expect(runner.status()[0]).toMatchObject({ state: 'running', checkpoint: last.position });
    expect(runner.status()[0].error).toBeUndefined();
    await runner.stop();

    // The read model equals a rebuild from the log.
    const live = rows(db);
    await runner.rebuild();
    expect(rows(db)).toEqual(live);
    expect(live).toEqual([
      { stream_id: 'a', n: 1, last_type: 'X' },
      { stream_id: 'b', n: 2, last_type: 'Poison' },
      { stream_id: 'c', n: 1, last_type: 'Z' },
    ]);
    db.close();
    await store.close();
  });

  it('shows the failure in its status until a batch commits again', async () => {
    const store = new SqliteEventStore(join(dir, 'events.db'));
    const db = openDatabase(join(dir, 'read.db'), 'NORMAL');
    const runner = new ProjectionRunner(store, db, silent);
    const projection = new FailsAtCommitOnce();
    projection.fail = true;
    runner.register(projection);
    // Fail every time until told otherwise.
    const apply = projection.apply.bind(projection);
    let broken = true;
    projection.apply = (e, d) => {
      if (broken) projection.fail = true;
      apply(e, d);
    };
    runner.start();
    await store.append('b', [event('Poison')], 'no-stream');
    while (runner.status()[0].state !== 'failed' || (runner.status()[0].failures ?? 0) < 3)
      await new Promise((r) => setTimeout(r, 20));
    expect(runner.status()[0]).toMatchObject({
      state: 'failed',
      checkpoint: 0,
      errorCode: 'SQLITE_CONSTRAINT_FOREIGNKEY',
    });
    // Each wait before a retry leaves nothing behind on the loop's signal: only the wait under way listens.
    const loop = (runner as unknown as { running: Map<string, { abort: AbortController }> }).running.get(
      projection.name,
    )!;
    expect(getEventListeners(loop.abort.signal, 'abort')).toHaveLength(1);
    broken = false;
    await runner.waitFor(await store.headPosition(), 10_000);
    expect(runner.status()[0]).toMatchObject({ state: 'running', checkpoint: 1 });
    await runner.stop();
    db.close();
    await store.close();
  });
});

describe('projection runner: a load from the start of the log in bulk', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'fut-proj-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const rows = (db: Database.Database): unknown[] => db.prepare('SELECT * FROM test_counts ORDER BY stream_id').all();

  const fill = async (store: SqliteEventStore, streams: number): Promise<void> => {
    for (let i = 0; i < streams; i++) await store.append(`s${i}`, [event('X'), event('Y')], 'no-stream');
  };
  const expected = (streams: number) =>
    Array.from({ length: streams }, (_, i) => ({ stream_id: `s${i}`, n: 2, last_type: 'Y' })).sort((a, b) =>
      a.stream_id.localeCompare(b.stream_id),
    );

  it('folds the log once, writes each row once, and counts as loaded only when all is written', async () => {
    const store = new SqliteEventStore(join(dir, 'events.db'));
    await fill(store, 300);
    const db = openDatabase(join(dir, 'read.db'), 'NORMAL');
    const runner = new ProjectionRunner(store, db, silent);
    const projection = new BulkEventsPerStream(undefined, 0.2);
    runner.register(projection);
    const seen: Array<{ checkpoint: number; rows: number; phase?: string }> = [];
    runner.start();
    // Events appended during the load are applied after it, live.
    const late = await store.append('s0', [event('Z')], 1);
    while (runner.lowestCheckpoint() < late.position) {
      const status = runner.status()[0];
      seen.push({
        checkpoint: status.checkpoint,
        rows: (db.prepare('SELECT COUNT(*) AS n FROM test_counts').get() as { n: number }).n,
        phase: status.loading?.phase,
      });
      await new Promise((resolve) => setImmediate(resolve));
    }
    // While rows were being written (in several transactions), the checkpoint stayed at 0: queries kept waiting.
    const partway = seen.filter((s) => s.rows > 0 && s.rows < 300);
    expect(partway.length).toBeGreaterThan(0);
    expect(partway.every((s) => s.checkpoint === 0 && s.phase === 'writing')).toBe(true);
    expect(projection.folded).toBe(600);
    expect(rows(db)).toEqual(expected(300).map((r) => (r.stream_id === 's0' ? { ...r, n: 3, last_type: 'Z' } : r)));
    await runner.stop();
    db.close();
    await store.close();
  });

  it('starts over after a load that stopped half way, and after a write that failed', async () => {
    const store = new SqliteEventStore(join(dir, 'events.db'));
    await fill(store, 400);
    let db = openDatabase(join(dir, 'read.db'), 'NORMAL');
    let runner = new ProjectionRunner(store, db, silent);
    runner.register(new BulkEventsPerStream(undefined, 0.2));
    runner.start();
    // Stop as soon as some rows are written but not all.
    for (;;) {
      const n = (db.prepare('SELECT COUNT(*) AS n FROM test_counts').get() as { n: number }).n;
      if (n > 0) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    await runner.stop();
    const partial = (db.prepare('SELECT COUNT(*) AS n FROM test_counts').get() as { n: number }).n;
    expect(partial).toBeLessThan(400);
    expect(runner.status()[0].checkpoint).toBe(0);
    db.close();

    // A new process: the stored checkpoint is 0, so the partial rows go and the load runs again.
    db = openDatabase(join(dir, 'read.db'), 'NORMAL');
    runner = new ProjectionRunner(store, db, { info: () => undefined, error: () => undefined });
    const failing = new BulkEventsPerStream(150);
    runner.register(failing);
    runner.start();
    await runner.waitFor(await store.headPosition(), 10_000);
    // The failed first attempt was rolled back and retried from the start; every count is right.
    expect(failing.folded).toBe(1600);
    expect(rows(db)).toEqual(expected(400));
    await runner.stop();
    db.close();
    await store.close();
  });

  it('gives the read-model connection a larger page cache for the load only, and its own size back after', async () => {
    const store = new SqliteEventStore(join(dir, 'events.db'));
    await fill(store, 50);
    const db = openDatabase(join(dir, 'read.db'), 'NORMAL', 4);
    const runner = new ProjectionRunner(store, db, silent);
    const projection = new BulkEventsPerStream();
    const during: number[] = [];
    const load = projection.bulkLoad.bind(projection);
    projection.bulkLoad = (d) => {
      during.push(d.pragma('cache_size', { simple: true }) as number);
      return load(d);
    };
    runner.register(projection);
    runner.start();
    await runner.waitFor(await store.headPosition(), 10_000);
    // The load has returned once the turn that told the waiters has ended.
    await new Promise((resolve) => setImmediate(resolve));
    expect(during).toEqual([-BULK_LOAD_CACHE_MB * 1024]);
    expect(db.pragma('cache_size', { simple: true })).toBe(-4 * 1024);
    await runner.stop();
    db.close();
    await store.close();
  });
});
