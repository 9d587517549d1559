import type {
  AppendResult,
  EventData,
  EventStore,
  ExpectedRevision,
  NewEvent,
  RecordedEvent,
  SubscriptionOptions,
} from './event-store.port';

/** The stream every correction goes to: small (a correction is rare), read whole at start. */
export const CORRECTIONS_STREAM = 'event-corrections';
export const EVENT_CORRECTED = 'EventCorrected';

/** What a correction records: which event, the data every reader gets instead, and why. */
export interface EventCorrection {
  eventId: string;
  streamId: string;
  position: number;
  type: string;
  /** The event's whole data as corrected (personal fields encrypted as in the event itself). */
  data: EventData;
  reason: string;
}

/** How often a reader looks for corrections another instance recorded; this instance's own apply at once. */
const REFRESH_MS = 1000;

/**
 * The log is append-only: an event that readers cannot read (written by an
 * older version or by hand) is never edited. An administrator records a
 * correction instead, and every reader (the decider's fold, each projection,
 * a rebuild) gets the corrected data in the event's place, with
 * `metadata.correction` saying by whom and when. The corrections stream is
 * read whole at start and followed from there.
 */
export class CorrectingEventStore implements EventStore {
  private readonly corrections = new Map<string, { data: EventData; position: number; by: string; at: string }>();
  private nextRevision = 0;
  private lastRefresh = Number.NEGATIVE_INFINITY;
  private refreshing: Promise<void> | undefined;

  constructor(private readonly inner: EventStore) {}

  get kind(): EventStore['kind'] {
    return this.inner.kind;
  }

  /** Whether an event has a correction (for the admin command: one correction per event). */
  async correctionOf(eventId: string): Promise<{ position: number } | undefined> {
    await this.refresh(true);
    const c = this.corrections.get(eventId);
    return c ? { position: c.position } : undefined;
  }

  async append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const result = await this.inner.append(streamId, events, expected);
    if (streamId === CORRECTIONS_STREAM) await this.refresh(true);
    return result;
  }

  async readStream(streamId: string, fromRevision?: number): Promise<RecordedEvent[]> {
    const events = await this.inner.readStream(streamId, fromRevision);
    if (streamId === CORRECTIONS_STREAM) return events;
    await this.refresh();
    return events.map((e) => this.corrected(e));
  }

  async readAll(after: number, limit: number): Promise<RecordedEvent[]> {
    const events = await this.inner.readAll(after, limit);
    await this.refresh();
    return events.map((e) => this.corrected(e));
  }

  async *subscribe(options: SubscriptionOptions): AsyncIterable<RecordedEvent[]> {
    for await (const batch of this.inner.subscribe(options)) {
      await this.refresh();
      yield batch.map((e) => this.corrected(e));
    }
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

  private corrected(event: RecordedEvent): RecordedEvent {
    if (this.corrections.size === 0) return event;
    const c = this.corrections.get(event.id);
    if (!c) return event;
    return {
      ...event,
      data: c.data,
      metadata: { ...event.metadata, correction: { position: c.position, recordedBy: c.by, recordedAt: c.at } },
    };
  }

  /** Reads the corrections recorded since the last look (one indexed read; at most once a second unless `now`). */
  private async refresh(now = false): Promise<void> {
    if (!now && performance.now() - this.lastRefresh < REFRESH_MS) return;
    if (this.refreshing) {
      await this.refreshing;
      // A look that started before this caller's correction was appended may have missed it.
      if (!now) return;
    }
    this.refreshing = this.load();
    try {
      await this.refreshing;
    } finally {
      this.refreshing = undefined;
    }
  }

  private async load(): Promise<void> {
    const fresh = await this.inner.readStream(CORRECTIONS_STREAM, this.nextRevision);
    for (const e of fresh) {
      const c = e.data as unknown as EventCorrection;
      this.corrections.set(c.eventId, {
        data: c.data,
        position: e.position,
        by: e.metadata.recordedBy,
        at: e.metadata.recordedAt,
      });
      this.nextRevision = Math.max(this.nextRevision, e.revision + 1);
    }
    this.lastRefresh = performance.now();
  }
}
