import {
  ANY,
  BACKWARDS,
  END,
  ErrorType,
  EventStoreDBClient,
  FORWARDS,
  MaxAppendSizeExceededError,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  WrongExpectedVersionError as EsdbWrongExpectedVersionError,
  excludeSystemEvents,
  isCommandError,
  jsonEvent,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type AppendResult as EsdbAppendResult,
  type AppendToStreamOptions,
  type EventData as EsdbEventData,
  type JSONType,
  type Position,
  type ReadAllOptions,
  type ReadPosition,
  type ReadStreamOptions,
  type ResolvedEvent,
  type SubscribeToAllOptions,
} from '@eventstore/db-client';
import { todayInStockholm } from '../calendar/local-date';
import { type AnsweredAsProblem, Problem } from '../common/problem';
import {
  AppendResult,
  AppendTooLargeError,
  DuplicateEventIdError,
  EventMetadata,
  EventStore,
  ExpectedRevision,
  NewEvent,
  RecordedEvent,
  SubscriptionOptions,
  WrongExpectedVersionError,
  assertAppendSize,
} from './event-store.port';
import { EventUpcasters } from './upcasting';

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

/** The client's read position for a port position: 0 is the start, anything else an exact record start. */
export function toReadPosition(after: number): Position | typeof START {
  return after === 0 ? START : { commit: BigInt(after), prepare: BigInt(after) };
}

const TRANSIENT = new Set<string>([
  ErrorType.UNAVAILABLE,
  ErrorType.CANCELLED,
  ErrorType.DEADLINE_EXCEEDED,
  ErrorType.NOT_LEADER,
]);

/** Errors after which a subscription may resubscribe; any other error must reach the caller. */
export function isTransientSubscriptionError(error: unknown): boolean {
  return error instanceof Error && isCommandError(error) && TRANSIENT.has(error.type);
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

/** gRPC's status codes for a server not reached or not answering in time (UNAVAILABLE, DEADLINE_EXCEEDED, CANCELLED). */
const UNREACHED_GRPC_CODES = new Set([14, 4, 1]);

/**
 * The server could not be reached, or did not answer in time: the client's own
 * command errors of those kinds, and the gRPC errors it passes on as they came
 * (an append to a closed port fails with a bare "14 UNAVAILABLE").
 */
function isUnreached(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (isCommandError(error)) return TRANSIENT.has(error.type) || error.type === ErrorType.TIMEOUT;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'number' && UNREACHED_GRPC_CODES.has(code);
}

/**
 * EventStoreDB could not be reached or did not answer in time: a condition of
 * the network or the cluster, answered 503 with Retry-After, never 500. A read
 * changed nothing. An append that was sent may or may not have been stored: the
 * answer says so, and the same request with the same Idempotency-Key finds out
 * (the same event ids are never stored twice).
 */
export class EventStoreUnavailableError extends Error implements AnsweredAsProblem {
  readonly logAs = 'event store unavailable';

  constructor(
    readonly during: 'read' | 'append',
    cause: unknown,
  ) {
    super(`EventStoreDB ${during}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'EventStoreUnavailableError';
  }

  asProblem(): Problem {
    return new Problem(
      503,
      'service-unavailable',
      'Service unavailable',
      this.during === 'read'
        ? 'The event store cannot be reached right now. Nothing was changed; try again later.'
        : 'The event store could not be reached or did not answer in time, so the change may or may not have been stored. Send the same request again with the same Idempotency-Key: it is stored once.',
      { outcome: this.during === 'read' ? 'not-changed' : 'unknown' },
    );
  }
}

/** Runs a read against the server, its unreachability answered as EventStoreUnavailableError. */
async function reading<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    throw isUnreached(error) ? new EventStoreUnavailableError('read', error) : error;
  }
}

/**
 * Errors after which the same append is sent again: the server did not answer
 * in time, e.g. it dropped a racing duplicate whose original was not replicated
 * yet (its answer would have been the original's). The same ids make it safe.
 */
function isAppendTimeout(error: unknown): boolean {
  return (
    error instanceof Error &&
    isCommandError(error) &&
    (error.type === ErrorType.DEADLINE_EXCEEDED || error.type === ErrorType.TIMEOUT)
  );
}

/**
 * Refuses options this adapter cannot honour. With throwOnAppendFailure=false
 * the client answers a failed append with `success: false` instead of an error,
 * which this adapter would report as written. The URL may hold credentials, so
 * the message names the option only.
 */
export function assertSupportedConnectionString(connectionString: string): void {
  const query = connectionString.split('?')[1] ?? '';
  for (const pair of query.split('&')) {
    const [key = '', value = ''] = pair.split('=');
    // The client matches option names ignoring case, '-' and '_'.
    if (key.trim().toLowerCase().replace(/[_-]/g, '') !== 'throwonappendfailure') continue;
    if (value.trim() !== 'true') {
      throw new Error(
        'EventStoreDB connection string: throwOnAppendFailure=false is not supported (a failed append would look written); remove the option',
      );
    }
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
const stringOr = <T>(value: unknown, fallback: T): string | T => (typeof value === 'string' ? value : fallback);

/**
 * The schema version and port metadata of a stored event. Events written by
 * another tool may have no metadata (or not JSON): they read as version 1 with
 * what the server knows (its timestamp, the event id), never as an error.
 */
function metadataOf(id: string, created: Date, stored: unknown): { schemaVersion: number; metadata: EventMetadata } {
  const { schemaVersion, ...rest } = isRecord(stored) ? stored : {};
  return {
    schemaVersion: typeof schemaVersion === 'number' && Number.isInteger(schemaVersion) ? schemaVersion : 1,
    metadata: {
      ...rest,
      occurredOn: stringOr(rest.occurredOn, todayInStockholm(created)),
      recordedAt: stringOr(rest.recordedAt, created.toISOString()),
      recordedBy: stringOr(rest.recordedBy, 'unknown'),
      correlationId: stringOr(rest.correlationId, id),
      causationId: stringOr(rest.causationId, null),
    },
  };
}

const IDLE = Symbol('idle');

/**
 * Groups what an async source already has buffered into arrays of at most
 * `size`, without waiting for more: a catch-up hands over full batches, a live
 * subscription single events as they come.
 */
async function* inBatches<T>(source: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  const iterator = source[Symbol.asyncIterator]();
  let pending: Promise<IteratorResult<T>> | undefined;
  try {
    for (;;) {
      const first = await (pending ?? iterator.next());
      pending = undefined;
      if (first.done) return;
      const batch = [first.value];
      let ended = false;
      while (batch.length < size) {
        pending = iterator.next();
        // setImmediate runs after every resolved promise: a buffered item wins the race, a network wait does not.
        // A failure also ends the batch: what arrived before it is handed over, then awaiting `pending` throws.
        const next = await Promise.race([
          pending.catch((): typeof IDLE => IDLE),
          new Promise<typeof IDLE>((r) => setImmediate(() => r(IDLE))),
        ]);
        if (next === IDLE) break;
        pending = undefined;
        if (next.done) {
          ended = true;
          break;
        }
        batch.push(next.value);
      }
      yield batch;
      if (ended) return;
    }
  } finally {
    // A read still in flight is abandoned; its outcome no longer matters.
    pending?.catch(() => undefined);
    iterator.return?.().catch(() => undefined);
  }
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

/**
 * EventStoreDB (or a KurrentDB server) through @eventstore/db-client, e.g. a three-node cluster.
 *
 * Idempotency: an append with a numeric or "no-stream" expectation gets the
 * server's durable check (it compares the ids with the events stored after the
 * expected revision), so a retry with the same ids and the same expectation
 * answers as the first time, even after the stream moved on or a leader change.
 * "any" and "exists" only get an in-memory id cache on the leader; see the port.
 */
export class EventStoreDbEventStore implements EventStore {
  readonly kind = 'eventstoredb' as const;
  private readonly client: EsdbClient;
  private readonly closing = new AbortController();
  private readonly options: Required<EsdbAdapterOptions>;

  /** `connection` is an esdb:// connection string (credentials as user:password@), or a client (tests of the adapter's logic). */
  constructor(
    connection: string | EsdbClient,
    private readonly upcasters = new EventUpcasters(),
    options: EsdbAdapterOptions = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
    if (typeof connection === 'string') {
      assertSupportedConnectionString(connection);
      this.client = EventStoreDBClient.connectionString(connection);
    } else {
      this.client = connection;
    }
  }

  async append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    assertAppendSize(streamId, events);
    const proposed = events.map((e) =>
      jsonEvent({
        id: e.id,
        type: e.type,
        data: e.data as JSONType,
        metadata: { ...e.metadata, schemaVersion: e.schemaVersion } as JSONType,
      }),
    );
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.client.appendToStream(streamId, proposed, {
          expectedRevision: toEsdbExpected(expected),
        });
        return await this.answerOf(streamId, result);
      } catch (error) {
        if (isAppendTimeout(error) && attempt < this.options.appendAttempts) {
          await sleep(this.options.appendRetryDelayMs * attempt, this.closing.signal);
          continue;
        }
        throw await this.portError(streamId, events, expected, error);
      }
    }
  }

  /**
   * The port's answer. Older servers answer an idempotent write without a
   * position: look it up in the stream. The events are stored by then, so
   * a failed look-up must not turn the append into a failure: it answers
   * position 0, which only means that read-your-writes does not wait for it.
   */
  private async answerOf(streamId: string, result: EsdbAppendResult): Promise<AppendResult> {
    const nextExpectedRevision = toSafeNumber(result.nextExpectedRevision, 'revision');
    if (result.position) return { nextExpectedRevision, position: toSafeNumber(result.position.commit, 'position') };
    const [last] = await this.readStreamPage(streamId, nextExpectedRevision, 1).catch((): RecordedEvent[] => []);
    return { nextExpectedRevision, position: last?.position ?? 0 };
  }

  private async portError(
    streamId: string,
    events: NewEvent[],
    expected: ExpectedRevision,
    error: unknown,
  ): Promise<unknown> {
    if (error instanceof MaxAppendSizeExceededError)
      return new AppendTooLargeError(streamId, undefined, error.maxAppendSize);
    if (isUnreached(error)) return new EventStoreUnavailableError('append', error);
    if (!(error instanceof EsdbWrongExpectedVersionError)) return error;
    const actual =
      typeof error.actualVersion === 'bigint' ? toSafeNumber(error.actualVersion, 'revision') : 'no-stream';
    // The read back only refines the answer; if it fails, the server's answer stands.
    const reused = await this.partlyReusedId(streamId, events, expected, actual).catch(() => undefined);
    if (reused) return new DuplicateEventIdError(reused);
    return new WrongExpectedVersionError(streamId, fromEsdbExpected(error.expectedVersion), actual);
  }

  /**
   * The server answers "wrong expected version" also when a retry's first id is
   * stored right after the expected revision but a later one differs (it calls
   * this corrupted idempotency). The SQLite adapter calls that a duplicate id:
   * read those events back and say the same. Returns the first id that differs.
   */
  private async partlyReusedId(
    streamId: string,
    events: NewEvent[],
    expected: ExpectedRevision,
    actual: number | 'no-stream',
  ): Promise<string | undefined> {
    const expectedRevision = expected === 'no-stream' ? -1 : expected;
    if (typeof expectedRevision !== 'number' || actual === 'no-stream' || actual <= expectedRevision) return undefined;
    const stored = await this.readStreamPage(streamId, expectedRevision + 1, events.length);
    if (stored[0]?.id !== events[0].id) return undefined;
    return events.find((e, i) => stored[i]?.id !== e.id)?.id ?? events[events.length - 1].id;
  }

  async readStream(streamId: string, fromRevision = 0): Promise<RecordedEvent[]> {
    return reading(() => this.readStreamPage(streamId, fromRevision));
  }

  private async readStreamPage(streamId: string, fromRevision: number, maxCount?: number): Promise<RecordedEvent[]> {
    const out: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, {
        fromRevision: fromRevision === 0 ? START : BigInt(fromRevision),
        direction: FORWARDS,
        ...(maxCount === undefined ? {} : { maxCount }),
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
    return reading(() => this.readAllPages(after, limit));
  }

  private async readAllPages(after: number, limit: number): Promise<RecordedEvent[]> {
    const out: RecordedEvent[] = [];
    if (limit <= 0) return out;
    // System events are filtered client-side, so pages are read until `limit` user events are found.
    // A page starts AT its position (inclusive), so a record at or below `floor` was already seen.
    const pageSize = limit + 1;
    let floor = BigInt(after);
    let from: ReadPosition = toReadPosition(after);
    for (;;) {
      let seen = 0;
      let last: Position | undefined;
      for await (const resolved of this.client.readAll({
        fromPosition: from,
        maxCount: pageSize,
        direction: FORWARDS,
      })) {
        seen++;
        const position = resolved.event?.position;
        if (!position || position.commit <= floor) continue;
        last = position;
        const event = this.toRecorded(resolved);
        if (event) out.push(event);
        if (out.length === limit) return out;
      }
      if (seen < pageSize || !last) return out;
      floor = last.commit;
      from = last;
    }
  }

  /**
   * Resubscribes from the last delivered position only after a transient error
   * (unavailable, cancelled, deadline exceeded, not leader). Anything else
   * (access denied, an invalid position, an upcaster error) ends the iterator by
   * throwing, so the projection runner reports it in /health and the log.
   */
  async *subscribe(options: SubscriptionOptions): AsyncGenerator<RecordedEvent[]> {
    const signal = options.signal ? AbortSignal.any([options.signal, this.closing.signal]) : this.closing.signal;
    const batchSize = Math.max(1, options.batchSize ?? 1000);
    let after = options.after;
    let backoff = this.options.resubscribeMinMs;
    while (!signal.aborted) {
      const subscription = this.client.subscribeToAll({
        fromPosition: toReadPosition(after),
        filter: excludeSystemEvents(),
      });
      const stop = (): void => void subscription.unsubscribe().catch(() => undefined);
      signal.addEventListener('abort', stop);
      try {
        for await (const received of inBatches(subscription, batchSize)) {
          const fresh: RecordedEvent[] = [];
          for (const resolved of received) {
            const event = this.toRecorded(resolved);
            // Positions are exclusive, but a resubscription must never deliver twice.
            if (event && event.position > (fresh.at(-1)?.position ?? after)) fresh.push(event);
          }
          if (fresh.length === 0) continue;
          after = fresh[fresh.length - 1].position;
          backoff = this.options.resubscribeMinMs;
          yield fresh;
        }
        // The server ended the subscription without an error: resubscribe below.
      } catch (error) {
        if (signal.aborted) return;
        if (!isTransientSubscriptionError(error)) throw error;
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
    return reading(() => this.lastPosition());
  }

  private async lastPosition(): Promise<number> {
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

  /**
   * Reads one record of $all. The client gives readAll no deadline of its own
   * and gossip discovery alone can take most of a minute, so a timer decides.
   * In secure mode reading $all needs credentials (user:password@ in the URL).
   */
  async ping(): Promise<boolean> {
    const timeoutMs = this.options.pingTimeoutMs;
    const probe = (async (): Promise<boolean> => {
      for await (const _ of this.client.readAll({ maxCount: 1, fromPosition: START, deadline: timeoutMs })) break;
      return true;
    })().catch(() => false);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    try {
      return await Promise.race([probe, late]);
    } finally {
      clearTimeout(timer);
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
    const { schemaVersion, metadata } = metadataOf(e.id, e.created, e.metadata);
    return this.upcasters.upcast({
      id: e.id,
      type: e.type,
      schemaVersion,
      data: e.data as Record<string, unknown>,
      metadata,
      streamId: e.streamId,
      revision: toSafeNumber(e.revision, 'revision'),
      position: toSafeNumber(e.position?.commit ?? resolved.commitPosition ?? 0n, 'position'),
    });
  }
}
