/**
 * SQLite's answers that mean the storage cannot take the request now: full,
 * failing, read-only, locked past the busy timeout, or unreadable. They are
 * conditions of the machine, not bugs, so they answer 503 and never 500.
 */
const STORAGE_FAULTS = /^SQLITE_(FULL|IOERR|BUSY|LOCKED|READONLY|CANTOPEN|CORRUPT|NOTADB|PROTOCOL)/;

/** The storage fault behind an error (also when wrapped as a cause), or undefined. */
export function storageFaultOf(error: unknown, depth = 0): string | undefined {
  if (!error || typeof error !== 'object' || depth > 4) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && STORAGE_FAULTS.test(code)) return code;
  return storageFaultOf((error as { cause?: unknown }).cause, depth + 1);
}
