import {
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  WrongExpectedVersionError as EsdbWrongExpectedVersionError,
  excludeSystemEvents,
  jsonEvent,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type AppendResult as EsdbAppendResult,
  type AppendToStreamOptions,
  type EventData as EsdbEventData,
  type JSONType,
  type Position,
  type ReadAllOptions,
  type ReadStreamOptions,
  type ResolvedEvent,
  type SubscribeToAllOptions,
} from '@eventstore/db-client';
import {
  AppendResult,
  EventMetadata,
  EventStore,
  ExpectedRevision,
  NewEvent,
  RecordedEvent,
  SubscriptionOptions,
  WrongExpectedVersionError,
} from './event-store.port';
import { EventUpcasters } from './upcasting';

/** ESDB has no schema-version column: it travels in the event metadata. */
type StoredMetadata = EventMetadata & { schemaVersion: number };

/** Timings of the adapter; the defaults are for production, tests of its logic shorten them. */
export interface EsdbAdapterOptions {
  /** First wait before resubscribing after a transient error; doubles up to `resubscribeMaxMs`. */
  resubscribeMinMs?: number;
  resubscribeMaxMs?: number;
  /** How long ping() may take before it answers false. */
  pingTimeoutMs?: number;
  /** Attempts of one append that timed out (the first included). */
  appendAttempts?: number;
  /** Wait before the second attempt; grows linearly. */
  appendRetryDelayMs?: number;
}

const DEFAULTS: Required<EsdbAdapterOptions> = {
  resubscribeMinMs: 100,
  resubscribeMaxMs: 5000,
  pingTimeoutMs: 2000,
  appendAttempts: 4,
  appendRetryDelayMs: 250,
};

/** Converts a revision or position from the client's bigint, refusing to lose precision. */
export function toSafeNumber(value: bigint, what: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError(`${what} ${value} does not fit in a safe integer`);
  }
  return Number(value);
}

function toEsdbExpected(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no-stream':
      return NO_STREAM;
    case 'exists':
      return STREAM_EXISTS;
    default:
      return BigInt(expected);
  }
}

function fromEsdbExpected(expected: AppendExpectedRevision): ExpectedRevision {
  if (typeof expected === 'bigint') return toSafeNumber(expected, 'expected revision');
  if (expected === NO_STREAM) return 'no-stream';
  if (expected === STREAM_EXISTS) return 'exists';
  return 'any';
}

function isSystem(streamId: string, type: string): boolean {
  return streamId.startsWith('$') || type.startsWith('$');
}

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });

/**
 * The part of @eventstore/db-client this adapter uses. `EventStoreDBClient`
 * satisfies it; the adapter's own logic is unit-tested against a stub of it.
 */
export interface EsdbClient {
  appendToStream(
    streamName: string,
    events: EsdbEventData[],
    options: AppendToStreamOptions,
  ): Promise<EsdbAppendResult>;
  readStream(streamName: string, options: ReadStreamOptions): AsyncIterable<ResolvedEvent>;
  readAll(options: ReadAllOptions): AsyncIterable<AllStreamResolvedEvent>;
  subscribeToAll(
    options: SubscribeToAllOptions,
  ): AsyncIterable<AllStreamResolvedEvent> & { unsubscribe(): Promise<void> };
  dispose(): Promise<void>;
}

/** EventStoreDB (or a KurrentDB server) through @eventstore/db-client, e.g. a three-node cluster. */
export class EventStoreDbEventStore implements EventStore {
  readonly kind = 'eventstoredb' as const;
  private readonly client: EsdbClient;
  private readonly closing = new AbortController();
  private readonly options: Required<EsdbAdapterOptions>;

  /** `connection` is an esdb:// connection string, or a client (tests of the adapter's logic). */
  constructor(
    connection: string | EsdbClient,
    private readonly upcasters = new EventUpcasters(),
    options: EsdbAdapterOptions = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
    this.client = typeof connection === 'string' ? EventStoreDBClient.connectionString(connection) : connection;
  }

  async append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    try {
      const result = await this.client.appendToStream(
        streamId,
        events.map((e) =>
          jsonEvent({
            id: e.id,
            type: e.type,
            data: e.data as JSONType,
            metadata: { ...e.metadata, schemaVersion: e.schemaVersion } as JSONType,
          }),
        ),
        { expectedRevision: toEsdbExpected(expected) },
      );
      return {
        nextExpectedRevision: toSafeNumber(result.nextExpectedRevision, 'revision'),
        position: toSafeNumber(result.position?.commit ?? 0n, 'position'),
      };
    } catch (error) {
      if (error instanceof EsdbWrongExpectedVersionError) {
        const actual = error.actualVersion;
        throw new WrongExpectedVersionError(
          streamId,
          fromEsdbExpected(error.expectedVersion),
          typeof actual === 'bigint' ? toSafeNumber(actual, 'revision') : 'no-stream',
        );
      }
      throw error;
    }
  }

  async readStream(streamId: string, fromRevision = 0): Promise<RecordedEvent[]> {
    const out: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, {
        fromRevision: fromRevision === 0 ? START : BigInt(fromRevision),
        direction: FORWARDS,
      })) {
        // A stream read carries positions too; only the $all type says so.
        const event = this.toRecorded(resolved as AllStreamResolvedEvent);
        if (event) out.push(event);
      }
    } catch (error) {
      // 6.x throws on a missing stream; for the port a missing stream is empty.
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return out;
  }

  async readAll(after: number, limit: number): Promise<RecordedEvent[]> {
    const out: RecordedEvent[] = [];
    let from: Position | typeof START = after === 0 ? START : { commit: BigInt(after), prepare: BigInt(after) };
    // System events are filtered client-side here, so read pages until `limit` user events are found.
    for (;;) {
      let seen = 0;
      let last: Position | undefined;
      for await (const resolved of this.client.readAll({
        fromPosition: from,
        maxCount: limit + 1,
        direction: FORWARDS,
      })) {
        seen++;
        last = resolved.event?.position;
        const event = this.toRecorded(resolved);
        if (event && event.position > after && out.length < limit) out.push(event);
      }
      if (out.length >= limit || seen <= 1 || !last) return out;
      from = last;
    }
  }

  async *subscribe(options: SubscriptionOptions): AsyncGenerator<RecordedEvent[]> {
    const signal = options.signal ? AbortSignal.any([options.signal, this.closing.signal]) : this.closing.signal;
    let after = options.after;
    let backoff = this.options.resubscribeMinMs;
    while (!signal.aborted) {
      const subscription = this.client.subscribeToAll({
        fromPosition: after === 0 ? START : { commit: BigInt(after), prepare: BigInt(after) },
        filter: excludeSystemEvents(),
      });
      const stop = (): void => void subscription.unsubscribe();
      signal.addEventListener('abort', stop);
      try {
        for await (const resolved of subscription) {
          const event = this.toRecorded(resolved);
          // Positions are exclusive, but a resubscription must never deliver twice.
          if (!event || event.position <= after) continue;
          after = event.position;
          backoff = this.options.resubscribeMinMs;
          yield [event];
        }
      } catch {
        // Dropped (server gone, leader change, slow consumer): resubscribe below from the last delivered position.
      } finally {
        signal.removeEventListener('abort', stop);
        await subscription.unsubscribe().catch(() => undefined);
      }
      if (signal.aborted) return;
      await sleep(backoff, signal);
      backoff = Math.min(backoff * 2, this.options.resubscribeMaxMs);
    }
  }

  async headPosition(): Promise<number> {
    let from: Position | typeof END = END;
    for (;;) {
      let seen = 0;
      let last: Position | undefined;
      for await (const resolved of this.client.readAll({ fromPosition: from, maxCount: 100, direction: BACKWARDS })) {
        seen++;
        last = resolved.event?.position;
        const event = this.toRecorded(resolved);
        if (event) return event.position;
      }
      if (seen < 100 || !last) return 0;
      from = last;
    }
  }

  async ping(): Promise<boolean> {
    try {
      for await (const _ of this.client.readAll({
        maxCount: 1,
        fromPosition: START,
        deadline: this.options.pingTimeoutMs,
      })) {
        break;
      }
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    this.closing.abort();
    // Without dispose the gRPC channel keeps the process (and Jest) alive.
    await this.client.dispose();
  }

  private toRecorded(resolved: AllStreamResolvedEvent): RecordedEvent | undefined {
    const e = resolved.event;
    if (!e || !e.isJson || isSystem(e.streamId, e.type)) return undefined;
    const { schemaVersion, ...metadata } = e.metadata as unknown as StoredMetadata;
    return this.upcasters.upcast({
      id: e.id,
      type: e.type,
      schemaVersion: schemaVersion ?? 1,
      data: e.data as Record<string, unknown>,
      metadata,
      streamId: e.streamId,
      revision: toSafeNumber(e.revision, 'revision'),
      position: toSafeNumber(e.position?.commit ?? resolved.commitPosition ?? 0n, 'position'),
    });
  }
}
