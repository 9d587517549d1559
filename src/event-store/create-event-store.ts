import { EventStore } from './event-store.port';
import { EventStoreDbEventStore } from './eventstoredb-event-store';
import { SqliteEventStore } from './sqlite-event-store';
import { EventUpcasters } from './upcasting';

/** Chooses the adapter from EVENT_STORE_URL: `sqlite:<path>` or `esdb://...`. */
export function createEventStore(url: string, upcasters: EventUpcasters, sqliteCacheMb?: number): EventStore {
  if (url.startsWith('sqlite:')) return new SqliteEventStore(sqlitePath(url), upcasters, sqliteCacheMb);
  if (url.startsWith('esdb://') || url.startsWith('esdb+discover://'))
    return new EventStoreDbEventStore(url, upcasters);
  throw new Error(`Unsupported event store URL scheme: ${url.split(':')[0]}`);
}

export function sqlitePath(url: string): string {
  return url.replace(/^sqlite:(\/\/)?/, '');
}
