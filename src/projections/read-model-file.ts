import type Database from 'better-sqlite3';
import { existsSync, renameSync } from 'node:fs';
import { DEFAULT_SQLITE_CACHE_MB, openDatabase } from '../common/sqlite';

interface Logger {
  error(obj: object, msg: string): void;
}

const CORRUPT = /^SQLITE_(CORRUPT|NOTADB)/;

/**
 * Opens the read-model file. Read models are only a cache of the log: a
 * corrupt or truncated file is moved aside (kept for inspection) and the
 * projections rebuild from the event log, instead of failing every query.
 */
export function openReadModels(
  path: string,
  logger: Logger,
  now: () => Date = () => new Date(),
  cacheMb = DEFAULT_SQLITE_CACHE_MB,
): Database.Database {
  try {
    const db = openDatabase(path, 'NORMAL', cacheMb);
    const check = db.pragma('quick_check', { simple: true });
    if (check === 'ok') return db;
    db.close();
    throw Object.assign(new Error(`quick_check: ${String(check)}`), { code: 'SQLITE_CORRUPT' });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code !== 'string' || !CORRUPT.test(code)) throw error;
    const aside = `${path}.corrupt-${now().toISOString().replace(/[:.]/g, '-')}`;
    for (const suffix of ['', '-wal', '-shm']) if (existsSync(path + suffix)) renameSync(path + suffix, aside + suffix);
    logger.error(
      { path, movedTo: aside, code },
      'the read-model file was corrupt: moved aside; the read models are rebuilt from the event log',
    );
    return openDatabase(path, 'NORMAL', cacheMb);
  }
}
