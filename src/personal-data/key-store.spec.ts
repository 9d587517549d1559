import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteDataKeyStore } from './key-store';
import { MasterKey } from './master-key';

describe('the data key store', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'fut-keys-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps at most its bound of unwrapped keys in memory; the others are read from the file when used', () => {
    const { masterKey } = MasterKey.load(Buffer.alloc(32, 3), dir);
    const store = new SqliteDataKeyStore(join(dir, 'keys.db'), masterKey, 2, 5);
    try {
      const ids = Array.from({ length: 30 }, () => store.newKeyId());
      const first = ids.map((id) => store.key(id));
      expect(store.cachedKeys).toBe(5);
      // Every key is still there, the same as when it was made.
      expect(ids.map((id) => store.key(id))).toEqual(first);
      expect(first.every((k) => k?.length === 32)).toBe(true);
      expect(store.cachedKeys).toBe(5);
      store.shred([ids[29]]);
      expect(store.key(ids[29])).toBeUndefined();
      expect(store.cachedKeys).toBe(4);
    } finally {
      store.close();
    }
  });
});
