import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { CaseEvent } from '../cases/domain/case-events';
import type { DataKeyStore } from './key-store';
import type { PersonalNumberIndex } from './master-key';

const PREFIX = 'enc:v1:';

/** What a reader gets for a personal field: the value, or that it was culled. */
export type Revealed = string | null;
export const CULLED = '[gallrad]';

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

  /** Plain text from a stored value; null when it was null; CULLED when its key was shredded. */
  reveal(stored: unknown): Revealed {
    if (stored === null || stored === undefined) return null;
    if (typeof stored !== 'string') return null;
    if (!stored.startsWith(PREFIX)) return stored; // written before encryption
    const [keyId, iv, payload] = stored.slice(PREFIX.length).split(':');
    const key = this.keys.key(keyId);
    if (!key) return CULLED;
    const data = Buffer.from(payload, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(data.subarray(data.length - 16));
    return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8');
  }

  /** Replaces every encrypted string in a structure by what the reader may see. */
  revealAll<T>(value: T): T {
    if (typeof value === 'string') return (value.startsWith(PREFIX) ? this.reveal(value) : value) as T;
    if (Array.isArray(value)) return value.map((v) => this.revealAll(v)) as T;
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.revealAll(v)])) as T;
    }
    return value;
  }

  /** The event with its personal fields encrypted under the case's data key. */
  protect(event: CaseEvent, keyId: string): CaseEvent {
    const enc = (v: string | null): string | null => this.encrypt(keyId, v);
    switch (event.type) {
      case 'CaseRegistered':
        return {
          type: event.type,
          data: {
            ...event.data,
            subject: {
              ...event.data.subject,
              personalIdentityNumber: enc(event.data.subject.personalIdentityNumber),
              name: enc(event.data.subject.name),
            },
            summary: enc(event.data.summary),
          },
        };
      case 'JournalEntryAdded':
        return { type: event.type, data: { ...event.data, text: enc(event.data.text)! } };
      case 'CaseReopened':
        return { type: event.type, data: { ...event.data, reason: enc(event.data.reason)! } };
      case 'CaseVoided':
        return { type: event.type, data: { ...event.data, note: enc(event.data.note) } };
      default:
        return event;
    }
  }

  shred(keyIds: string[]): void {
    this.keys.shred(keyIds);
  }
}
