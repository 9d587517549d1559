import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The master key cannot be had, or is not usable. */
export class MasterKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MasterKeyError';
  }
}

/**
 * The master key from configuration (MASTER_KEY). In development without one,
 * a key is generated once into the data directory. Sub-keys for wrapping data
 * keys and for the personnummer index are derived from it, each for one purpose.
 */
export class MasterKey {
  private constructor(private readonly key: Buffer) {}

  static load(
    configured: Buffer | null,
    dataDir: string,
    options: { mayCreate?: boolean } = {},
  ): { masterKey: MasterKey; generated: boolean } {
    if (configured) return { masterKey: new MasterKey(configured), generated: false };
    const file = join(dataDir, 'master.key');
    if (existsSync(file)) {
      const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
      if (key.length !== 32) throw new MasterKeyError(`${file} does not hold 32 bytes in base64`);
      return { masterKey: new MasterKey(key), generated: false };
    }
    // A new key beside existing data would make every name unreadable: refuse instead.
    if (existsSync(join(dataDir, 'keys.db')))
      throw new MasterKeyError(
        `${file} is missing, but ${join(dataDir, 'keys.db')} holds data keys wrapped by it: restore master.key from backup or set MASTER_KEY`,
      );
    if (options.mayCreate === false) throw new MasterKeyError(`${file} is missing and MASTER_KEY is not set`);
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
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
