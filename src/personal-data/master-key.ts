import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The master key from configuration (MASTER_KEY). In development without one,
 * a key is generated once into the data directory. Sub-keys for wrapping data
 * keys and for the personnummer index are derived from it, each for one purpose.
 */
export class MasterKey {
  private constructor(private readonly key: Buffer) {}

  static load(configured: Buffer | null, dataDir: string): { masterKey: MasterKey; generated: boolean } {
    if (configured) return { masterKey: new MasterKey(configured), generated: false };
    const file = join(dataDir, 'master.key');
    if (existsSync(file))
      return { masterKey: new MasterKey(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64')), generated: false };
    mkdirSync(dataDir, { recursive: true });
    const key = randomBytes(32);
    writeFileSync(file, key.toString('base64'), { mode: 0o600 });
    return { masterKey: new MasterKey(key), generated: true };
  }

  derive(purpose: string): Buffer {
    return Buffer.from(hkdfSync('sha256', this.key, Buffer.alloc(0), `fut-case-service:${purpose}`, 32));
  }
}

/** A keyed hash of a personnummer: searchable, but not reversible without the key. */
export class PersonalNumberIndex {
  private readonly key: Buffer;

  constructor(master: MasterKey) {
    this.key = master.derive('personal-number-index');
  }

  hash(personalIdentityNumber: string): string {
    return createHmac('sha256', this.key).update(personalIdentityNumber).digest('base64url');
  }
}
