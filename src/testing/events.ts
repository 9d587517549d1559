import { randomUUID } from 'node:crypto';
import type { EventData, NewEvent } from '../event-store/event-store.port';

/** An event for store and projection tests: only its type (and data) matter to them. */
export function newEvent(type: string, data: EventData = {}): NewEvent {
  return {
    id: randomUUID(),
    type,
    schemaVersion: 1,
    data,
    metadata: {
      occurredOn: '2018-01-01',
      recordedAt: new Date().toISOString(),
      recordedBy: 't',
      correlationId: randomUUID(),
      causationId: null,
    },
  };
}
