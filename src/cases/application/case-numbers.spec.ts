import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../event-store/sqlite-event-store';
import { CaseNumbers } from './case-numbers';

describe('case numbers', () => {
  let dir: string;
  let store: SqliteEventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'fut-numbers-'));
    store = new SqliteEventStore(join(dir, 'events.db'));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const at = '2018-03-01T10:00:00Z';

  it('stay unique and gap-free under racing registrations from two services on one store, and across a restart', async () => {
    const a = new CaseNumbers(store);
    const b = new CaseNumbers(store);
    const cases = Array.from({ length: 60 }, () => randomUUID());
    const numbers = await Promise.all(cases.map((id, i) => (i % 2 ? a : b).reserve('SN', 2018, id, 't', at)));
    expect([...numbers].sort()).toEqual(
      Array.from({ length: 60 }, (_, i) => `SN-2018-${String(i + 1).padStart(4, '0')}`),
    );

    const restarted = new CaseNumbers(store);
    expect(await restarted.reserve('SN', 2018, randomUUID(), 't', at)).toBe('SN-2018-0061');
    // A retried registration keeps its number, whichever service it reaches.
    expect(await restarted.reserve('SN', 2018, cases[7], 't', at)).toBe(numbers[7]);
    expect(await a.reserve('SN', 2018, cases[8], 't', at)).toBe(numbers[8]);
    expect(await b.reserve('SN', 2018, randomUUID(), 't', at)).toBe('SN-2018-0062');
    expect(await b.reserve('SN', 2019, randomUUID(), 't', at)).toBe('SN-2019-0001');
  });
});
