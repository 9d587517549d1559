import Database from 'better-sqlite3';
import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Page cache of each SQLite connection, in MiB (SQLITE_CACHE_MB). A connection
 * keeps what it read up to this much, in the process's memory, for as long as
 * it is open: with four files (events, read models, audit, keys) the service
 * holds at most four times this. The files' pages beyond it come from the
 * operating system's file cache, which the kernel can reclaim.
 */
export const DEFAULT_SQLITE_CACHE_MB = 16;

/** Page cache of the read-model connection while a read model loads from the start of the log (see ProjectionRunner). */
export const BULK_LOAD_CACHE_MB = 64;

/** Sets a connection's page cache; a smaller size frees the pages above it. */
export function setCacheSize(db: Database.Database, cacheMb: number): void {
  db.pragma(`cache_size = -${Math.round(cacheMb * 1024)}`);
}

/** Opens a SQLite file with the settings every store file of the service uses. */
export function openDatabase(
  path: string,
  synchronous: 'FULL' | 'NORMAL' = 'FULL',
  cacheMb = DEFAULT_SQLITE_CACHE_MB,
): Database.Database {
  if (path !== ':memory:') {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    // Readable by the service's user alone; SQLite gives the -wal and -shm files the same mode.
    closeSync(openSync(path, 'a', 0o600));
    chmodSync(path, 0o600);
  }
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  // FULL fsyncs the WAL on every commit: an acknowledged append survives a power cut.
  // Read models may use NORMAL: they are rebuilt from the log, and stay consistent with their checkpoint.
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  setCacheSize(db, cacheMb);
  return db;
}
