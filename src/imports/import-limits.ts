/**
 * How much an import may read. A register is a few thousand rows of a few
 * dozen columns; these bounds leave room for many years of a large unit's
 * cases and stop a file that would hold the service (a sheet with a value in
 * column XFD, an archive that unpacks to gigabytes, a CSV of a million rows)
 * before it costs more than a few seconds of one worker thread.
 */
export interface ImportLimits {
  /** Rows with a value below the heading row. */
  rows: number;
  /** The last column a value may stand in (256: column IV). */
  columns: number;
  /** Cells with a value, in every column and row of the sheet. */
  cells: number;
  /** Bytes the parts of an xlsx archive that are read unpack to; the bytes of a CSV file. */
  unpackedBytes: number;
  /** Seconds reading the file may take. */
  parseSeconds: number;
}

export type ImportLimitName = keyof ImportLimits | 'memory';

export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  rows: 50_000,
  columns: 256,
  cells: 2_000_000,
  unpackedBytes: 100 * 1024 * 1024,
  parseSeconds: 60,
};

/** The largest file an upload or the command line takes (the upload's own limit answers 413 payload-too-large). */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** The heap a parse's worker thread may use; a file that needs more is refused (limit `memory`). */
export const PARSE_WORKER_HEAP_MB = 256;

/** The environment variable that sets each limit, and how its value converts to the limit's unit. */
export const IMPORT_LIMIT_SETTINGS: Record<keyof ImportLimits, { env: string; unit: number }> = {
  rows: { env: 'IMPORT_MAX_ROWS', unit: 1 },
  columns: { env: 'IMPORT_MAX_COLUMNS', unit: 1 },
  cells: { env: 'IMPORT_MAX_CELLS', unit: 1 },
  unpackedBytes: { env: 'IMPORT_MAX_UNPACKED_MB', unit: 1024 * 1024 },
  parseSeconds: { env: 'IMPORT_PARSE_SECONDS', unit: 1 },
};

/** The limits from the environment; each problem names the variable. */
export function importLimitsFrom(env: NodeJS.ProcessEnv, problems: string[]): ImportLimits {
  const limits = { ...DEFAULT_IMPORT_LIMITS };
  for (const [name, { env: variable, unit }] of Object.entries(IMPORT_LIMIT_SETTINGS) as Array<
    [keyof ImportLimits, { env: string; unit: number }]
  >) {
    const text = env[variable];
    if (text === undefined || text === '') continue;
    if (!/^\d+$/.test(text) || Number(text) <= 0 || !Number.isSafeInteger(Number(text) * unit)) {
      problems.push(`${variable} must be a positive whole number, got "${text}"`);
      continue;
    }
    limits[name] = Number(text) * unit;
  }
  return limits;
}

/** Column number (1 = A) as Excel names it. */
export function columnLetters(column: number): string {
  let out = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}

const MB = 1024 * 1024;

/** What the file passed, in English for the API and the log (Swedish: swedish-messages.ts). */
function describe(limit: ImportLimitName, max: number, found?: string): string {
  switch (limit) {
    case 'rows':
      return `The sheet has more than ${max} rows below its heading row; an import reads at most ${max} (IMPORT_MAX_ROWS).`;
    case 'columns':
      return `The sheet has a value in column ${found ?? '?'}; an import reads at most ${max} columns, up to ${columnLetters(max)} (IMPORT_MAX_COLUMNS).`;
    case 'cells':
      return `The sheet has more than ${max} cells with a value (IMPORT_MAX_CELLS).`;
    case 'unpackedBytes':
      return `The file unpacks to more than ${Math.round(max / MB)} MB (IMPORT_MAX_UNPACKED_MB).`;
    case 'parseSeconds':
      return `Reading the file took longer than ${max} seconds (IMPORT_PARSE_SECONDS).`;
    case 'memory':
      return `Reading the file needs more than ${max} MB of memory.`;
  }
}

/** A file beyond one of the import's limits: which one, its value, and what was found (a column's letters). */
export class ImportLimitError extends Error {
  constructor(
    readonly limit: ImportLimitName,
    readonly max: number,
    readonly found?: string,
  ) {
    super(describe(limit, max, found));
    this.name = 'ImportLimitError';
  }
}

/** The service is shutting down: a parse or an import in progress stops where it is. */
export class ImportCancelledError extends Error {
  constructor() {
    super('The service is shutting down.');
    this.name = 'ImportCancelledError';
  }
}

/** Files are already being read and waiting to be: the service takes no more until they are done. */
export class ImportBusyError extends Error {
  constructor() {
    super('Other files are being imported; try again in a minute.');
    this.name = 'ImportBusyError';
  }
}
