import type Database from 'better-sqlite3';
import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';

/** How often the worker copies committed pages into the database file. */
const INTERVAL_MS = 20;
/** SQLite's own default: a checkpoint inside the COMMIT that takes the WAL past this many pages. */
const AUTOCHECKPOINT_PAGES = 1000;
/**
 * Past this many pages (32 MB of 4 KB pages) the writer waits, without holding the event loop,
 * until the worker has copied all of the WAL: only then can its next transaction start the WAL
 * over. A writer that never waits outruns the copying and the WAL grows to gigabytes.
 */
const WAL_PRESSURE_PAGES = 8192;
/** A WAL that grew past this anyway is cut back to it when it starts over. */
const WAL_SIZE_LIMIT = 64 * 1024 * 1024;

/** What `PRAGMA wal_checkpoint` answers: pages in the WAL, and how many of them are in the database file. */
interface CheckpointReport {
  log: number;
  checkpointed: number;
  drained?: true;
}

// Plain JavaScript, run by `new Worker(..., { eval: true })`: the same under ts-jest and from dist/.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
let last = '';
// PASSIVE never waits for, nor blocks, the writer: it copies what is committed and returns.
const checkpoint = (drained) => {
  const [{ log, checkpointed }] = db.pragma('wal_checkpoint(PASSIVE)');
  const report = drained ? { log, checkpointed, drained } : { log, checkpointed };
  const text = JSON.stringify(report);
  if (drained || text !== last) parentPort.postMessage(report);
  last = text;
};
checkpoint(false);
const timer = setInterval(() => checkpoint(false), workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message === 'drain') return checkpoint(true);
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * Takes a WAL database's checkpoints off the event loop. SQLite's automatic
 * checkpoint runs inside the COMMIT that takes the WAL past 1000 pages: it
 * copies 4 MB into the database file and fsyncs it while every request waits.
 * Here a worker thread with its own connection does that copying beside the
 * writer, and the writer's connection no longer checkpoints. Should the worker
 * stop, the connection checkpoints itself again, so the WAL never grows
 * without bound.
 */
export class WalCheckpointer {
  private stopping = false;
  private readonly exited: Promise<void>;
  /** Pages in the WAL as the worker last saw them; 0 once all were copied while the writer waited. */
  private walPages = 0;
  private draining?: { done: Promise<void>; resolve: () => void };
  private working!: () => void;
  /** Settles once the worker has made its first checkpoint (or has stopped). */
  readonly started = new Promise<void>((resolve) => (this.working = resolve));

  private constructor(
    private readonly db: Database.Database,
    private readonly worker: Worker,
    private readonly logger: Pick<Logger, 'error'>,
    private readonly pressurePages: number,
  ) {
    db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT}`);
    db.pragma('wal_autocheckpoint = 0');
    worker.on('message', (report: CheckpointReport) => this.reported(report));
    worker.on('error', (error) => this.fallBack(error));
    // The worker stays referenced until its first report, so that awaiting `started` keeps a
    // process alive; from then on it must not keep alive a process with nothing else to do. (Adding
    // the 'message' listener above references its port, so an earlier unref() would not hold.)
    void this.started.then(() => {
      if (!this.draining && !this.stopping) worker.unref();
    });
    this.exited = new Promise((resolve) =>
      worker.on('exit', (code) => {
        if (!this.stopping) this.fallBack(new Error(`the checkpoint worker stopped (exit code ${code})`));
        resolve();
      }),
    );
  }

  /** Starts checkpointing a file database in a worker; an in-memory database has no WAL to copy. */
  static start(
    db: Database.Database,
    logger: Pick<Logger, 'error'>,
    { pressurePages = WAL_PRESSURE_PAGES }: { pressurePages?: number } = {},
  ): WalCheckpointer | undefined {
    if (db.memory) return undefined;
    const worker = new Worker(WORKER, {
      eval: true,
      workerData: { driver: require.resolve('better-sqlite3'), path: db.name, intervalMs: INTERVAL_MS },
    });
    return new WalCheckpointer(db, worker, logger, pressurePages);
  }

  /**
   * For the writer before a transaction: nothing while the WAL is short; past
   * WAL_PRESSURE_PAGES, a promise that settles once the worker has copied all
   * of it (or has stopped), so that the next transaction starts the WAL over.
   */
  beforeWrite(): Promise<void> | undefined {
    if (this.stopping || this.walPages < this.pressurePages) return this.draining?.done;
    if (!this.draining) {
      let resolve!: () => void;
      const done = new Promise<void>((r) => (resolve = r));
      this.draining = { done, resolve };
      // A process with nothing else to do (a CLI rebuild) must not end while it waits for the worker.
      this.worker.ref();
      this.worker.postMessage('drain');
    }
    return this.draining.done;
  }

  /** Stops the worker and closes its connection; the writer's own close then checkpoints what is left. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.settleDrain();
    // Held until the worker has closed its connection: an unreferenced worker would let the process end here.
    this.worker.ref();
    this.worker.postMessage('stop');
    await this.exited;
  }

  private reported({ log, checkpointed, drained }: CheckpointReport): void {
    this.working();
    // All copied while the writer waited: its next transaction starts the WAL over. A periodic
    // report may be older than the writer's last commit, so it gives only the WAL's length.
    this.walPages = drained && log === checkpointed ? 0 : log;
    if (!drained || !this.draining) return;
    if (this.walPages === 0) this.settleDrain();
    // A reader held back the copying: ask again shortly.
    else setTimeout(() => this.worker.postMessage('drain'), 5).unref();
  }

  private settleDrain(): void {
    if (!this.draining) return;
    this.draining.resolve();
    this.draining = undefined;
    if (!this.stopping) this.worker.unref();
  }

  private fallBack(error: Error): void {
    this.working();
    this.settleDrain();
    if (this.stopping) return;
    this.stopping = true;
    if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
    this.logger.error(
      { file: this.db.name, err: error.message },
      'background checkpoints stopped: the connection checkpoints itself again',
    );
  }
}
