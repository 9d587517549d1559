import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../event-store/sqlite-event-store';
import { holdsCases } from './load-demo';
import { newEvent } from '../testing/events';

describe('the demo loader takes a store without cases', () => {
  it("counts the service's own bookkeeping as empty, and a case as not", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fut-demo-empty-'));
    const store = new SqliteEventStore(join(dir, 'events.db'));
    try {
      expect(await holdsCases(store)).toBe(false);
      await store.append('data-key-store', [newEvent('DataKeyStoreBound')], 'no-stream');
      await store.append('staff-anna', [newEvent('StaffMemberSeen')], 'no-stream');
      expect(await holdsCases(store)).toBe(false);
      await store.append(`case-${randomUUID()}`, [newEvent('CaseRegistered')], 'no-stream');
      expect(await holdsCases(store)).toBe(true);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
