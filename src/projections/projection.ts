import type Database from 'better-sqlite3';
import type { RecordedEvent } from '../event-store/event-store.port';

/**
 * A read model kept in the read-model SQLite file. The runner calls `apply`
 * inside the transaction that also stores the projection's checkpoint, so the
 * data and the checkpoint always move together.
 */
export interface Projection {
  readonly name: string;
  /** Bump when the read model's shape or meaning changes: the runner then rebuilds it from position 0. */
  readonly version: number;
  /** Creates the read model's tables if they are missing. */
  setup(db: Database.Database): void;
  /** Deletes every row of the read model (before a rebuild). */
  reset(db: Database.Database): void;
  /** Applies one event. Must be deterministic: a rebuild gives the same rows. */
  apply(event: RecordedEvent, db: Database.Database): void;
  /** Applies a batch in order, when the projection can do it faster than one by one (same result as `apply` each). */
  applyBatch?(events: RecordedEvent[], db: Database.Database): void;
}
