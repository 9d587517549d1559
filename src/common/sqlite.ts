import Database from 'better-sqlite3';
import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

/** Opens a SQLite file with the settings every store file of the service uses. */
export function openDatabase(path: string, synchronous: 'FULL' | 'NORMAL' = 'FULL'): Database.Database {
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
  // 64 MB of page cache: index inserts during a rebuild stay in memory instead of re-reading pages.
  db.pragma('cache_size = -65536');
  return db;
}
