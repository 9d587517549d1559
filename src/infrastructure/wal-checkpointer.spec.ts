import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openDatabase } from '../common/sqlite';
import { WalCheckpointer } from './wal-checkpointer';

describe('background WAL checkpoints', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'fut-wal-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const errors: unknown[] = [];
  const logger = { error: (...args: unknown[]) => void errors.push(args) };
  const walPages = (path: string): number => statSync(`${path}-wal`).size / 4096;
  /** Commits `n` transactions of about 100 pages each, letting the event loop turn between them. */
  const write = async (
    db: Database.Database,
    n: number,
    between: () => Promise<void> = () => sleep(5).then(() => undefined),
  ): Promise<void> => {
    db.exec('CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, body TEXT)');
    const insert = db.prepare('INSERT INTO t (body) VALUES (?)');
    const commit = db.transaction(() => {
      for (let i = 0; i < 100; i++) insert.run('x'.repeat(3500));
    });
    for (let i = 0; i < n; i++) {
      commit();
      await between();
    }
  };

  it('copies committed pages into the database file beside the writer, whose own commits no longer checkpoint', async () => {
    const path = join(dir, 'models.db');
    const db = openDatabase(path, 'NORMAL');
    const checkpoints = WalCheckpointer.start(db, logger)!;
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    await checkpoints.started;
    // 100 commits of 100 pages (10 000 pages): the writer's commits copy none of them into the database file.
    await write(db, 100);
    // The worker does, while the writer's connection stays open.
    while (statSync(path).size / 4096 < 10_000) await sleep(10);
    // Nothing committed is lost.
    await checkpoints.stop();
    db.close();
    const reopened = new Database(path, { readonly: true });
    expect(reopened.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 10_000 });
    reopened.close();
    expect(errors).toEqual([]);
  });

  it('past its limit, the writer waits at beforeWrite until all is copied, and its next commits start the WAL over', async () => {
    const path = join(dir, 'models.db');
    const db = openDatabase(path, 'NORMAL');
    const checkpoints = WalCheckpointer.start(db, logger, { pressurePages: 500 })!;
    await checkpoints.started;
    const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
    // Under the limit the writer goes on at once.
    await write(db, 2, turn);
    expect(checkpoints.beforeWrite()).toBeUndefined();
    // 2 000 pages and more, a commit every turn, so the worker never finds all copied: once it has
    // seen more than the limit, the writer is asked to wait.
    await write(db, 20, turn);
    let wait: Promise<void> | undefined;
    while (!(wait = checkpoints.beforeWrite())) await write(db, 1, turn);
    await wait;
    const longest = walPages(path);
    expect(longest).toBeGreaterThan(2000);
    // 1 000 more pages, written back to back: from the start of the WAL file, which does not grow.
    await write(db, 10, async () => undefined);
    expect(walPages(path)).toBe(longest);
    await checkpoints.stop();
    db.close();
    expect(errors).toEqual([]);
  });

  it('keeps a process that only waits for the worker alive until the copying is done, and until its connection is closed', () => {
    // A CLI rebuild has no server to keep it running: waiting on an unreferenced worker would end it with exit code 0.
    const script = `
      const { WalCheckpointer } = require(${JSON.stringify(join(__dirname, '..', '..', 'dist', 'infrastructure', 'wal-checkpointer.js'))});
      const { openDatabase } = require(${JSON.stringify(join(__dirname, '..', '..', 'dist', 'common', 'sqlite.js'))});
      (async () => {
        const db = openDatabase(${JSON.stringify(join(dir, 'cli.db'))}, 'NORMAL');
        const checkpoints = WalCheckpointer.start(db, console, { pressurePages: 100 });
        await checkpoints.started;
        db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)');
        // A reader holding a snapshot keeps the WAL from starting over and the worker from copying
        // past it, so the WAL stays past the pressure mark whatever the machine's speed. The commits
        // run in one go: the worker's next report then has the WAL's final length, and no report is
        // on its way when the writer starts to wait (one on its way would keep the process alive).
        const reader = openDatabase(${JSON.stringify(join(dir, 'cli.db'))}, 'NORMAL');
        reader.exec('BEGIN');
        reader.prepare('SELECT count(*) FROM t').get();
        const insert = db.prepare('INSERT INTO t (body) VALUES (?)');
        const commit = db.transaction(() => { for (let i = 0; i < 50; i++) insert.run('x'.repeat(3500)); });
        for (let i = 0; i < 5; i++) commit();
        let wait;
        for (let i = 0; i < 400 && !wait; i++) {
          await new Promise((resolve) => setTimeout(resolve, 25));
          wait = checkpoints.beforeWrite();
        }
        // Released before the wait: from here on only the worker can keep this process running.
        reader.exec('COMMIT');
        reader.close();
        let waited = false;
        if (wait) { await wait; waited = true; }
        await checkpoints.stop();
        db.close();
        process.stdout.write('waited ' + waited);
      })();`;
    const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 30_000 });
    expect({ status: child.status, stdout: child.stdout, stderr: child.stderr }).toEqual({
      status: 0,
      stdout: 'waited true',
      stderr: '',
    });
  });

  it('does not keep alive a process that has nothing else to do once it has started', () => {
    // Before, the worker's 'message' listener referenced it again, so a process that forgot stop() never ended.
    const script = `
      const { WalCheckpointer } = require(${JSON.stringify(join(__dirname, '..', '..', 'dist', 'infrastructure', 'wal-checkpointer.js'))});
      const { openDatabase } = require(${JSON.stringify(join(__dirname, '..', '..', 'dist', 'common', 'sqlite.js'))});
      (async () => {
        const db = openDatabase(${JSON.stringify(join(dir, 'idle.db'))}, 'NORMAL');
        await WalCheckpointer.start(db, console).started;
        db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY)');
        process.stdout.write('started');
      })();`;
    const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 20_000 });
    expect({ status: child.status, signal: child.signal, stdout: child.stdout, stderr: child.stderr }).toEqual({
      status: 0,
      signal: null,
      stdout: 'started',
      stderr: '',
    });
  });

  it('gives checkpoints back to the connection when its worker cannot work', async () => {
    const path = join(dir, 'models.db');
    const db = openDatabase(path, 'NORMAL');
    const gone = Object.create(db, { name: { value: join(dir, 'no-such-dir', 'x.db') } }) as Database.Database;
    WalCheckpointer.start(gone, logger);
    for (let i = 0; i < 100 && errors.length === 0; i++) await sleep(20);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(JSON.stringify(errors)).toMatch(/background checkpoints stopped/);
    db.close();
    errors.length = 0;
  });

  it('is not started for an in-memory database', () => {
    const db = new Database(':memory:');
    expect(WalCheckpointer.start(db, logger)).toBeUndefined();
    db.close();
  });
});
