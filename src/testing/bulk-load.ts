import Database from 'better-sqlite3';
import type { RecordedEvent } from '../event-store/event-store.port';
import type { Projection } from '../projections/projection';

/** Loads `events` into `db` through the projection's bulk load, all written in one transaction (for tests). */
export function loadInBulk(
  projection: Projection,
  events: RecordedEvent[],
  db: Database.Database = new Database(':memory:'),
): Database.Database {
  projection.setup(db);
  const load = projection.bulkLoad!(db);
  events.forEach((e) => load.add(e));
  db.transaction(() => {
    const pieces = load.write();
    while (!pieces.next().done);
  })();
  return db;
}
