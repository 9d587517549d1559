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

/** How long a storage fault keeps /health at 503 when no write is tried after it. */
export const STORAGE_FAULT_HOLD_MS = 60_000;

export interface StorageState {
  /** false: the last write tried failed on the storage, and none has succeeded since. */
  writable: boolean;
  /** The fault, e.g. SQLITE_FULL. */
  error?: string;
  /** When writes began to fail (ISO 8601). */
  since?: string;
  /** When the last write failed (ISO 8601). */
  lastFaultAt?: string;
}

/**
 * After a fault, writes must succeed for this long with no new fault before /health says writable.
 * A nearly full disk still takes a small write that fits in a page already allocated (an audit
 * anchor) while every larger one fails: one lucky write must not make the service look healthy.
 */
export const STORAGE_RECOVERY_MS = 5_000;

/**
 * What the service has seen of its own writes, for /health: a storage fault (full disk, I/O error,
 * read-only file, lock held past the busy timeout) makes it unwritable until writes succeed again
 * with no fault for STORAGE_RECOVERY_MS. Without writes after a fault it says writable again after
 * STORAGE_FAULT_HOLD_MS, so an idle service whose disk was freed does not stay out of a load
 * balancer for good; the next failing write marks it again.
 */
export class StorageStatus {
  private fault: { code: string; since: number; last: number; succeededAfter: boolean } | null = null;

  constructor(private readonly now: () => number = Date.now) {}

  /** A write (or a request that needed one) failed with this storage fault. */
  failed(code: string): void {
    const at = this.now();
    this.fault = { code, since: this.fault?.since ?? at, last: at, succeededAfter: false };
  }

  /** A write reached the storage: once the last fault is old enough, it takes writes again. */
  written(): void {
    if (!this.fault) return;
    if (this.now() - this.fault.last >= STORAGE_RECOVERY_MS) this.fault = null;
    else this.fault.succeededAfter = true;
  }

  current(): StorageState {
    const fault = this.fault;
    if (!fault) return { writable: true };
    const quiet = this.now() - fault.last;
    if ((fault.succeededAfter && quiet >= STORAGE_RECOVERY_MS) || quiet > STORAGE_FAULT_HOLD_MS) {
      this.fault = null;
      return { writable: true };
    }
    return {
      writable: false,
      error: fault.code,
      since: new Date(fault.since).toISOString(),
      lastFaultAt: new Date(fault.last).toISOString(),
    };
  }
}
