import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../event-store/sqlite-event-store';

/**
 * An embedded event store in a fresh directory for each test of the calling
 * `describe`, closed and removed after it. Read `dir` and `store` inside tests.
 */
export function temporaryStore(prefix: string): { readonly dir: string; readonly store: SqliteEventStore } {
  const current = {} as { dir: string; store: SqliteEventStore };
  beforeEach(() => {
    current.dir = mkdtempSync(join(tmpdir(), prefix));
    current.store = new SqliteEventStore(join(current.dir, 'events.db'));
  });
  afterEach(async () => {
    await current.store.close();
    rmSync(current.dir, { recursive: true, force: true });
  });
  return current;
}
