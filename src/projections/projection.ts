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
  /**
   * From position 0 on empty tables: fold the log in memory and write each row
   * once, instead of reading and rewriting rows event by event. Must give the
   * same rows as `applyBatch` (a test holds each projection to it).
   */
  bulkLoad?(db: Database.Database): BulkLoad;
}

/**
 * A load from the start of the log. `add` touches no table; `write` yields
 * after every small piece of work, so the runner can commit and let requests in
 * between pieces. Nothing counts as loaded until the last piece has committed.
 */
export interface BulkLoad {
  add(event: RecordedEvent): void;
  write(): Iterator<void>;
}
