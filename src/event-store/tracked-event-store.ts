import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  RecordedEvent,
  SubscriptionOptions,
} from './event-store.port';
import { type StorageStatus, storageFaultOf } from '../common/storage-faults';

/**
 * Remembers the position of the last append this process acknowledged, so a
 * query can wait until the read models have reached it (read-your-writes).
 */
export class TrackedEventStore implements EventStore {
  private lastAppended = 0;

  constructor(
    private readonly inner: EventStore,
    /** Told whether each append reached the storage, for /health. */
    private readonly storage?: StorageStatus,
  ) {}

  get kind(): EventStore['kind'] {
    return this.inner.kind;
  }

  get lastAppendedPosition(): number {
    return this.lastAppended;
  }

  /**
   * At start everything in the log counts as acknowledged: queries then wait
   * for read models that are still catching up, instead of answering from a
   * part of the history.
   */
  acknowledgeUpTo(position: number): void {
    this.lastAppended = Math.max(this.lastAppended, position);
  }

  async append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    let result: AppendResult;
    try {
      result = await this.inner.append(streamId, events, expected);
    } catch (error) {
      const fault = storageFaultOf(error);
      if (fault) this.storage?.failed(fault);
      throw error;
    }
    this.storage?.written();
    this.lastAppended = Math.max(this.lastAppended, result.position);
    return result;
  }

  readStream(streamId: string, fromRevision?: number): Promise<RecordedEvent[]> {
    return this.inner.readStream(streamId, fromRevision);
  }
  readAll(after: number, limit: number): Promise<RecordedEvent[]> {
    return this.inner.readAll(after, limit);
  }
  subscribe(options: SubscriptionOptions): AsyncIterable<RecordedEvent[]> {
    return this.inner.subscribe(options);
  }
  headPosition(): Promise<number> {
    return this.inner.headPosition();
  }
  ping(): Promise<boolean> {
    return this.inner.ping();
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}
