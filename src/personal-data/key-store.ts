import type Database from 'better-sqlite3';
import { createCipheriv, createDecipheriv, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { DEFAULT_SQLITE_CACHE_MB, openDatabase } from '../common/sqlite';
import type { MasterKey } from './master-key';
import { LeastRecentlyUsed } from '../common/least-recently-used';

/**
 * Where data keys live, apart from the events. A KMS can implement the same
 * interface; shredding a key makes everything encrypted with it unreadable,
 * in the log and in every backup of the log.
 */
export interface DataKeyStore {
  /** The key id of a person (by the keyed hash of their number), created on first use. */
  personKeyId(personalNumberHash: string): string;
  /** A fresh key for one case whose person has no number. */
  newKeyId(): string;
  key(keyId: string): Buffer | undefined;
  shred(keyIds: string[]): void;
  /** Who this key store is: its id, and a value only the right master key gives. */
  identity(): KeyStoreIdentity;
  /** How many data keys it holds. */
  size(): number;
  close(): void;
}

export interface KeyStoreIdentity {
  storeId: string;
  /** HMAC of a fixed text under the wrapping key: the same only with the same master key. */
  keyCheck: string;
  /** Made by this start (the file was missing or empty). */
  createdNow: boolean;
}

/** The key store does not belong with this master key or this event log. */
export class KeyStoreMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyStoreMismatchError';
  }
}

/** Unwrapped data keys kept in memory (32 bytes each, about 200 with their id and the map). */
export const MAX_CACHED_KEYS = 10_000;

/** Data keys in their own SQLite file, each wrapped (AES-256-GCM) by a key derived from the master key. */
export class SqliteDataKeyStore implements DataKeyStore {
  private readonly db: Database.Database;
  private readonly wrapKey: Buffer;
  /** Unwrapped keys of the cases in use: at most MAX_CACHED_KEYS, least recently used out first. */
  private readonly cache: LeastRecentlyUsed<string, Buffer>;
  private readonly own: KeyStoreIdentity;
  private readonly statements;

  constructor(path: string, master: MasterKey, cacheMb = DEFAULT_SQLITE_CACHE_MB, maxCachedKeys = MAX_CACHED_KEYS) {
    this.cache = new LeastRecentlyUsed(maxCachedKeys);
    this.db = openDatabase(path, 'FULL', cacheMb);
    // Deleted rows are overwritten with zeros, so a shredded key leaves no trace in the file.
    this.db.pragma('secure_delete = ON');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS data_keys (key_id TEXT PRIMARY KEY, wrapped BLOB NOT NULL, created_at TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS person_keys (person_hash TEXT PRIMARY KEY, key_id TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS key_store (name TEXT PRIMARY KEY, value TEXT NOT NULL);
    `);
    this.wrapKey = master.derive('data-key-wrapping');
    this.statements = {
      personKey: this.db.prepare<[string], { key_id: string }>('SELECT key_id FROM person_keys WHERE person_hash = ?'),
      linkPerson: this.db.prepare<[string, string]>('INSERT INTO person_keys (person_hash, key_id) VALUES (?, ?)'),
      addKey: this.db.prepare<[string, Buffer, string]>(
        'INSERT INTO data_keys (key_id, wrapped, created_at) VALUES (?, ?, ?)',
      ),
    };
    this.own = this.checkIdentity();
  }

  /** Proves at start that the master key opens this file; a new file gets its identity. */
  private checkIdentity(): KeyStoreIdentity {
    const keyCheck = createHmac('sha256', this.wrapKey).update('fut-case-service:key-check').digest('hex');
    const meta = new Map(
      (this.db.prepare('SELECT name, value FROM key_store').all() as Array<{ name: string; value: string }>).map(
        (r) => [r.name, r.value],
      ),
    );
    const storedCheck = meta.get('key_check');
    if (storedCheck !== undefined) {
      if (storedCheck !== keyCheck)
        throw new KeyStoreMismatchError(
          'the master key (MASTER_KEY or master.key) does not open keys.db: it is not the key the data keys were wrapped with',
        );
      return { storeId: meta.get('store_id')!, keyCheck, createdNow: false };
    }
    // A file from before identities: the first key must unwrap with this master key.
    const first = this.db.prepare<[], { key_id: string }>('SELECT key_id FROM data_keys LIMIT 1').get();
    if (first) {
      try {
        this.key(first.key_id);
      } catch {
        throw new KeyStoreMismatchError('the master key (MASTER_KEY or master.key) does not open keys.db');
      }
    }
    const storeId = randomUUID();
    const save = this.db.prepare('INSERT INTO key_store (name, value) VALUES (?, ?)');
    this.db.transaction(() => {
      save.run('store_id', storeId);
      save.run('key_check', keyCheck);
    })();
    return { storeId, keyCheck, createdNow: !first };
  }

  identity(): KeyStoreIdentity {
    return this.own;
  }

  /** How many unwrapped keys are held in memory. */
  get cachedKeys(): number {
    return this.cache.size;
  }

  size(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM data_keys').get() as { n: number }).n;
  }

  personKeyId(personalNumberHash: string): string {
    const found = this.statements.personKey.get(personalNumberHash);
    if (found) return found.key_id;
    // The key and the person's link to it in one transaction: one fsync, not two.
    return this.db.transaction(() => {
      const keyId = this.newKeyId();
      this.statements.linkPerson.run(personalNumberHash, keyId);
      return keyId;
    })();
  }

  newKeyId(): string {
    const keyId = randomUUID();
    const key = randomBytes(32);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.wrapKey, iv);
    cipher.setAAD(Buffer.from(keyId));
    const wrapped = Buffer.concat([iv, cipher.update(key), cipher.final(), cipher.getAuthTag()]);
    this.statements.addKey.run(keyId, wrapped, new Date().toISOString());
    this.cache.set(keyId, key);
    return keyId;
  }

  key(keyId: string): Buffer | undefined {
    const cached = this.cache.get(keyId);
    if (cached) return cached;
    const row = this.db
      .prepare<[string], { wrapped: Buffer }>('SELECT wrapped FROM data_keys WHERE key_id = ?')
      .get(keyId);
    if (!row) return undefined;
    const decipher = createDecipheriv('aes-256-gcm', this.wrapKey, row.wrapped.subarray(0, 12));
    decipher.setAAD(Buffer.from(keyId));
    decipher.setAuthTag(row.wrapped.subarray(row.wrapped.length - 16));
    const key = Buffer.concat([decipher.update(row.wrapped.subarray(12, row.wrapped.length - 16)), decipher.final()]);
    this.cache.set(keyId, key);
    return key;
  }

  shred(keyIds: string[]): void {
    const deleteKey = this.db.prepare('DELETE FROM data_keys WHERE key_id = ?');
    const deletePerson = this.db.prepare('DELETE FROM person_keys WHERE key_id = ?');
    this.db.transaction(() => {
      for (const id of keyIds) {
        deleteKey.run(id);
        deletePerson.run(id);
        this.cache.peek(id)?.fill(0);
        this.cache.delete(id);
      }
    })();
    // Leave no copy in the write-ahead log or in free pages.
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.exec('VACUUM');
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
