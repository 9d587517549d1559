import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { DataKeyStore } from './key-store';
import type { PersonalNumberIndex } from './master-key';

const PREFIX = 'enc:v1:';

/** A data key is missing although the case was never culled: the key store is incomplete. */
export class DataKeyMissingError extends Error {
  constructor(readonly keyId: string) {
    super(`data key ${keyId} is missing from the key store`);
    this.name = 'DataKeyMissingError';
  }
}

/** What a reader gets for a personal field: the value, or that it was culled. */
export type Revealed = string | null;
export const CULLED = '[gallrad]';
/** What a reader sees of personal text they may not see (a protected identity's case, not theirs). */
export const WITHHELD = '[skyddad identitet]';

/**
 * Personal data inside events (personnummer, name, free text) is encrypted
 * with the person's data key (AES-256-GCM); statistics fields stay plain.
 */
export class PersonalData {
  constructor(
    private readonly keys: DataKeyStore,
    private readonly index: PersonalNumberIndex,
  ) {}

  hashOf(personalIdentityNumber: string): string {
    return this.index.hash(personalIdentityNumber);
  }

  keyIdFor(personalIdentityNumber: string | null): string {
    return personalIdentityNumber ? this.keys.personKeyId(this.hashOf(personalIdentityNumber)) : this.keys.newKeyId();
  }

  encrypt(keyId: string, plain: string | null): string | null {
    if (plain === null) return null;
    const key = this.keys.key(keyId);
    if (!key) throw new Error(`data key ${keyId} is gone`);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${PREFIX}${keyId}:${iv.toString('base64url')}:${Buffer.concat([ct, cipher.getAuthTag()]).toString('base64url')}`;
  }

  /**
   * Plain text from a stored value; null when it was null. A missing key means
   * CULLED only when the case records its culling; otherwise the key store has
   * lost a key, which is an error and never shown as lawful culling.
   */
  reveal(stored: unknown, culled = false): Revealed {
    if (stored === null || stored === undefined) return null;
    if (typeof stored !== 'string') return null;
    if (!stored.startsWith(PREFIX)) return stored; // written before encryption
    const [keyId, iv, payload] = stored.slice(PREFIX.length).split(':');
    const key = this.keys.key(keyId);
    if (!key) {
      if (culled) return CULLED;
      throw new DataKeyMissingError(keyId);
    }
    const data = Buffer.from(payload, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(data.subarray(data.length - 16));
    return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8');
  }

  /** The plain value, or null when its key is gone (for indexes and plans that must not stop on it). */
  revealOrNull(stored: unknown): string | null {
    try {
      return this.reveal(stored);
    } catch (error) {
      if (error instanceof DataKeyMissingError) return null;
      throw error;
    }
  }

  /** Replaces every encrypted string in a structure by what the reader may see. */
  revealAll<T>(value: T, culled = false): T {
    if (typeof value === 'string') return (value.startsWith(PREFIX) ? this.reveal(value, culled) : value) as T;
    if (Array.isArray(value)) return value.map((v) => this.revealAll(v, culled)) as T;
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.revealAll(v, culled)])) as T;
    }
    return value;
  }

  /**
   * Replaces every encrypted string in a structure by WITHHELD, decrypting
   * nothing: what a reader who may not see a protected person is given of
   * the person's free text (summary, journal, notes), whatever field holds it.
   */
  withholdAll<T>(value: T): T {
    if (typeof value === 'string') return (value.startsWith(PREFIX) ? WITHHELD : value) as T;
    if (Array.isArray(value)) return value.map((v) => this.withholdAll(v)) as T;
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.withholdAll(v)])) as T;
    }
    return value;
  }

  /** revealAll for a reader who may see the person; withholdAll for one who may not (a culled case reads culled either way). */
  revealOrWithhold<T>(value: T, mayIdentify: boolean, culled: boolean): T {
    return mayIdentify || culled ? this.revealAll(value, culled) : this.withholdAll(value);
  }

  /** Whether the key store still holds the key (it has not been shredded). */
  hasKey(keyId: string): boolean {
    return this.keys.key(keyId) !== undefined;
  }

  shred(keyIds: string[]): void {
    this.keys.shred(keyIds);
  }
}
