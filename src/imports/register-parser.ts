import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../infrastructure/tokens';
import {
  ImportBusyError,
  ImportCancelledError,
  ImportLimitError,
  type ImportLimits,
  PARSE_WORKER_HEAP_MB,
} from './import-limits';
import type { MappingFile } from './import-mapping';
import {
  type CellValue,
  readRegister,
  RegisterFileError,
  type RegisterFormat,
  type RegisterSheet,
} from './register-file';
import { type FileColumns, keptHeadings, type ParseFailure, type ParseJob, type ParseMessage } from './register-worker';

/** The compiled worker beside this file; absent when the sources run as TypeScript (ts-jest), which a worker cannot load. */
const BUILT_WORKER = join(__dirname, 'register-worker.js');
/**
 * Files read at once, each thread taking up to PARSE_WORKER_HEAP_MB: one keeps
 * the service within its memory (imports are rare, and a file is read in
 * seconds). A few more wait their turn, each holding its upload; past them the
 * service is busy (503).
 */
const PARSES_AT_ONCE = 1;
const FILES_WAITING = 4;
/** A worker that overruns its own time check (it checks between chunks) is stopped this much later. */
const HARD_STOP_GRACE_MS = 2000;
/** How often a read in the service's own thread (tests without a build) gives the event loop a turn. */
const YIELD_EVERY_MS = 10;

export interface ParseRequest {
  content: Buffer;
  format: RegisterFormat;
  sheet?: string;
  mapping?: MappingFile;
  /** A register (default) or a file of repayments: which columns are kept. */
  columns?: FileColumns;
}

interface Running {
  stop(error: Error): void;
}

/**
 * Reads register files off the event loop: each file in a worker thread of
 * its own, with a capped heap, the import limits, a time limit it checks
 * itself and a hard stop after it, and only the columns the mapping reads.
 * On shutdown every read in progress is stopped at once.
 */
@Injectable()
export class RegisterParser implements OnModuleDestroy {
  private script: string | null = existsSync(BUILT_WORKER) ? BUILT_WORKER : null;
  private readonly running = new Set<Running>();
  private readonly waiting: Array<{ start: () => void; cancel: (error: Error) => void }> = [];
  private active = 0;
  private closed = false;
  readonly limits: ImportLimits;

  constructor(@Inject(APP_CONFIG) config: Pick<AppConfig, 'imports'>) {
    this.limits = config.imports;
  }

  /** A parser on the given worker script, or in this thread when null (for tests). */
  static using(script: string | null, limits: ImportLimits): RegisterParser {
    const parser = new RegisterParser({ imports: limits });
    parser.script = script;
    return parser;
  }

  /** True when files are read off the event loop. */
  get threaded(): boolean {
    return this.script !== null;
  }

  /** Files being read now. */
  get reading(): number {
    return this.running.size;
  }

  async parse(request: ParseRequest): Promise<RegisterSheet> {
    await this.turn();
    try {
      if (this.closed) throw new ImportCancelledError();
      return await (this.script === null ? this.inThread(request) : this.inWorker(this.script, request));
    } finally {
      this.active--;
      this.waiting.shift()?.start();
    }
  }

  onModuleDestroy(): void {
    this.closed = true;
    const cancelled = new ImportCancelledError();
    for (const w of this.waiting.splice(0)) w.cancel(cancelled);
    for (const r of [...this.running]) r.stop(cancelled);
  }

  private turn(): Promise<void> {
    if (this.closed) return Promise.reject(new ImportCancelledError());
    if (this.active < PARSES_AT_ONCE) {
      this.active++;
      return Promise.resolve();
    }
    if (this.waiting.length >= FILES_WAITING) return Promise.reject(new ImportBusyError());
    return new Promise((resolve, reject) =>
      this.waiting.push({
        start: () => {
          this.active++;
          resolve();
        },
        cancel: reject,
      }),
    );
  }

  private async inThread(request: ParseRequest): Promise<RegisterSheet> {
    const abort = new AbortController();
    const running: Running = { stop: () => abort.abort() };
    this.running.add(running);
    try {
      return await readRegister(request.content, request.format, request.sheet, {
        limits: this.limits,
        select: keptHeadings(request.columns, request.mapping),
        yieldEveryMs: YIELD_EVERY_MS,
        signal: abort.signal,
      });
    } finally {
      this.running.delete(running);
    }
  }

  private inWorker(script: string, request: ParseRequest): Promise<RegisterSheet> {
    const job: ParseJob = {
      content: request.content,
      format: request.format,
      sheet: request.sheet,
      mapping: request.mapping,
      columns: request.columns,
      limits: this.limits,
    };
    return new Promise<RegisterSheet>((resolve, reject) => {
      const worker = new Worker(script, {
        workerData: job,
        resourceLimits: { maxOldGenerationSizeMb: PARSE_WORKER_HEAP_MB },
      });
      const rows: RegisterSheet['rows'] = [];
      let settled = false;
      const finish = (error: Error | null, sheet?: RegisterSheet): void => {
        if (settled) return;
        settled = true;
        clearTimeout(hardStop);
        this.running.delete(running);
        void worker.terminate();
        if (error) reject(error);
        else resolve(sheet!);
      };
      const running: Running = { stop: (error) => finish(error) };
      this.running.add(running);
      const hardStop = setTimeout(
        () => finish(new ImportLimitError('parseSeconds', this.limits.parseSeconds)),
        this.limits.parseSeconds * 1000 + HARD_STOP_GRACE_MS,
      );
      worker.on('message', (message: ParseMessage) => {
        if (message.type === 'rows') {
          for (const [rowNumber, ...values] of message.rows)
            rows.push({
              rowNumber,
              cells: new Map(message.columns.map((c, i): [string, CellValue] => [c, values[i] ?? null])),
            });
          // The next batch after other work has had its turn.
          setImmediate(() => {
            if (!settled) worker.postMessage('next');
          });
        } else if (message.type === 'done') finish(null, { headings: message.headings, rows });
        else finish(errorOf(message.failure));
      });
      worker.on('error', (error: Error & { code?: string }) =>
        finish(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new ImportLimitError('memory', PARSE_WORKER_HEAP_MB)
            : new Error(`the register worker failed: ${error.message}`),
        ),
      );
      worker.on('exit', (code) => finish(new Error(`the register worker stopped (exit code ${code})`)));
    });
  }
}

function errorOf(failure: ParseFailure): Error {
  switch (failure.kind) {
    case 'limit':
      return new ImportLimitError(failure.limit, failure.max, failure.found);
    case 'file':
      return new RegisterFileError(failure.field, failure.message);
    case 'fault':
      return new Error(`the register could not be read: ${failure.message}`);
  }
}
