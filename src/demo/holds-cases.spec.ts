import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NewEvent } from '../event-store/event-store.port';
import { SqliteEventStore } from '../event-store/sqlite-event-store';
import { holdsCases } from './load-demo';

const event = (type: string): NewEvent => ({
  id: randomUUID(),
  type,
  schemaVersion: 1,
  data: {},
  metadata: {
    occurredOn: '2026-11-24',
    recordedAt: '2026-11-24T10:00:00Z',
    recordedBy: 's',
    correlationId: 'c',
    causationId: null,
  },
});

describe('the demo loader takes a store without cases', () => {
  it("counts the service's own bookkeeping as empty, and a case as not", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fut-demo-empty-'));
    const store = new SqliteEventStore(join(dir, 'events.db'));
    try {
      expect(await holdsCases(store)).toBe(false);
      await store.append('data-key-store', [event('DataKeyStoreBound')], 'no-stream');
      await store.append('staff-anna', [event('StaffMemberSeen')], 'no-stream');
      expect(await holdsCases(store)).toBe(false);
      await store.append(`case-${randomUUID()}`, [event('CaseRegistered')], 'no-stream');
      expect(await holdsCases(store)).toBe(true);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
