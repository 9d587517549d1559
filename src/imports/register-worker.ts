import { parentPort, workerData } from 'node:worker_threads';
import { ImportCancelledError, ImportLimitError, type ImportLimitName, type ImportLimits } from './import-limits';
import { type MappingFile, resolveMapping } from './import-mapping';
import { repaymentHeadings } from './repayment-file';
import {
  type CellValue,
  readRegister,
  RegisterFileError,
  type RegisterFormat,
  type RegisterSheet,
} from './register-file';

/** What the worker is given: the file, how to read it, and its limits. */
export interface ParseJob {
  content: Uint8Array;
  format: RegisterFormat;
  sheet?: string;
  mapping?: MappingFile;
  /** Which file it is: a register (its mapping's columns are kept) or a file of repayments (REPAYMENT_HEADINGS). */
  columns?: FileColumns;
  limits: ImportLimits;
}

export type FileColumns = 'register' | 'repayments';

/** The headings a file's reader keeps. */
export const keptHeadings = (columns: FileColumns | undefined, mapping: MappingFile | undefined) =>
  columns === 'repayments' ? repaymentHeadings : mappedHeadings(mapping);

/** Why a parse stopped, in a form that crosses threads. */
export type ParseFailure =
  | { kind: 'limit'; limit: ImportLimitName; max: number; found?: string }
  | { kind: 'file'; field: string; message: string }
  | { kind: 'fault'; message: string };

/**
 * The worker's answers: the rows in batches, then the headings; or why not.
 * The worker sends a batch only when the service's thread has taken the one
 * before and asks for the next (`'next'`): messages that wait are all taken
 * in one turn of the event loop, and a large file's would hold it.
 */
export type ParseMessage =
  | { type: 'rows'; columns: string[]; rows: Array<[number, ...CellValue[]]> }
  | { type: 'done'; headings: string[] }
  | { type: 'failed'; failure: ParseFailure };

export const ROWS_PER_MESSAGE = 1000;

/** The headings the mapping reads: the only columns whose cells are kept. */
export const mappedHeadings =
  (mapping: MappingFile | undefined) =>
  (headings: string[]): string[] =>
    Object.values(resolveMapping(headings, mapping).columnOf);

export function failureOf(error: unknown): ParseFailure {
  if (error instanceof ImportLimitError)
    return { kind: 'limit', limit: error.limit, max: error.max, ...(error.found ? { found: error.found } : {}) };
  if (error instanceof RegisterFileError) return { kind: 'file', field: error.field, message: error.message };
  if (error instanceof ImportCancelledError) return { kind: 'fault', message: error.message };
  return { kind: 'fault', message: error instanceof Error ? error.message : String(error) };
}

/** The sheet as messages: the rows a batch at a time, then the headings. */
export function* messagesOf(sheet: RegisterSheet): Generator<ParseMessage> {
  for (let i = 0; i < sheet.rows.length; i += ROWS_PER_MESSAGE) {
    const batch = sheet.rows.slice(i, i + ROWS_PER_MESSAGE);
    const columns = [...batch[0].cells.keys()];
    yield {
      type: 'rows',
      columns,
      rows: batch.map((r): [number, ...CellValue[]] => [r.rowNumber, ...columns.map((c) => r.cells.get(c) ?? null)]),
    };
  }
  yield { type: 'done', headings: sheet.headings };
}

/**
 * The thread RegisterParser starts for each file: reading a large or hostile
 * file holds this thread (and at most its heap), never the event loop that
 * answers /health and every other request.
 */
async function work(job: ParseJob): Promise<void> {
  const content = Buffer.from(job.content.buffer, job.content.byteOffset, job.content.byteLength);
  try {
    const sheet = await readRegister(content, job.format, job.sheet, {
      limits: job.limits,
      select: keptHeadings(job.columns, job.mapping),
    });
    for (const message of messagesOf(sheet)) {
      parentPort!.postMessage(message);
      if (message.type === 'rows') await new Promise((resolve) => parentPort!.once('message', resolve));
    }
  } catch (error) {
    parentPort!.postMessage({ type: 'failed', failure: failureOf(error) } satisfies ParseMessage);
  }
}

if (parentPort && workerData) void work(workerData as ParseJob);
