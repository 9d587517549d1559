/**
 * Tests of the EventStoreDB adapter's OWN logic (paging, error classification,
 * retries, metadata defaults, position conversion, URL checks) against a stub of
 * the client interface. No server is involved: the stub only plays back what a
 * test scripts, so nothing here shows how a real EventStoreDB behaves. The
 * contract suite (test/contract) does that when EVENTSTORE_CONNECTION_STRING is set.
 */
import { randomUUID } from 'node:crypto';
import {
  AccessDeniedError,
  CancelledError,
  DeadlineExceededError,
  END,
  MaxAppendSizeExceededError,
  NotLeaderError,
  START,
  StreamNotFoundError,
  TimeoutError,
  UnavailableError,
  UnknownError,
  WrongExpectedVersionError as EsdbWrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type AppendResult as EsdbAppendResult,
  type AppendToStreamOptions,
  type EventData as EsdbEventData,
  type Position,
  type ReadAllOptions,
  type ReadStreamOptions,
  type ResolvedEvent,
  type SubscribeToAllOptions,
} from '@eventstore/db-client';
import type { ServiceError } from '@grpc/grpc-js';
import { freePort } from '../../test/support/service-process';
import { Metadata } from '@grpc/grpc-js';
import {
  AppendTooLargeError,
  DuplicateEventIdError,
  MAX_APPEND_BYTES,
  NewEvent,
  RecordedEvent,
  WrongExpectedVersionError,
} from './event-store.port';
import {
  EsdbClient,
  EventStoreDbEventStore,
  EventStoreUnavailableError,
  isTransientSubscriptionError,
  toReadPosition,
  toSafeNumber,
} from './eventstoredb-event-store';
import { EventUpcasters } from './upcasting';

// ---------------------------------------------------------------- the stub

interface StubRecord {
  streamId: string;
  revision: number;
  position: number;
  type?: string;
  id?: string;
  data?: Record<string, unknown>;
  /** `null` stores no metadata at all. */
  metadata?: Record<string, unknown> | null;
  created?: Date;
}

function resolved(r: StubRecord): AllStreamResolvedEvent {
  const event = {
    streamId: r.streamId,
    id: r.id ?? randomUUID(),
    isJson: true as const,
    revision: BigInt(r.revision),
    type: r.type ?? 'StubEvent',
    created: r.created ?? new Date('2024-06-30T22:30:00Z'),
    data: r.data ?? {},
    metadata:
      r.metadata === null
        ? undefined
        : (r.metadata ?? {
            occurredOn: '2024-06-30',
            recordedAt: '2024-06-30T22:30:00.000Z',
            recordedBy: 'stub',
            correlationId: 'c',
            causationId: null,
            schemaVersion: 1,
          }),
    position: { commit: BigInt(r.position), prepare: BigInt(r.position) },
  };
  return { event } as AllStreamResolvedEvent;
}

const system = (position: number): StubRecord => ({
  streamId: '$stats-127.0.0.1:2113',
  revision: position,
  position,
  type: '$statsCollected',
});
const user = (position: number, streamId = 'case-1', revision = position): StubRecord => ({
  streamId,
  revision,
  position,
  data: { at: position },
});

interface SubscriptionScript {
  records: StubRecord[];
  /** What happens after the records: stay live until unsubscribed, or fail. */
  then: 'live' | Error;
}

/** Plays back a scripted log; readAll starts AT fromPosition (inclusive), as the server does. */
class StubClient implements EsdbClient {
  readonly log: StubRecord[] = [];
  readonly appendCalls: { streamName: string; events: EsdbEventData[]; options: AppendToStreamOptions }[] = [];
  readonly appendAnswers: (EsdbAppendResult | Error)[] = [];
  readonly readAllCalls: ReadAllOptions[] = [];
  readonly subscribeCalls: SubscribeToAllOptions[] = [];
  readonly subscriptions: SubscriptionScript[] = [];
  hangReads = false;
  failStreamReads = false;
  disposed = false;

  appendToStream(
    streamName: string,
    events: EsdbEventData[],
    options: AppendToStreamOptions,
  ): Promise<EsdbAppendResult> {
    this.appendCalls.push({ streamName, events, options });
    const answer = this.appendAnswers.shift();
    if (!answer) return Promise.reject(new Error('stub: no append answer scripted'));
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
  }

  async *readStream(streamName: string, options: ReadStreamOptions): AsyncGenerator<ResolvedEvent> {
    await Promise.resolve();
    if (this.failStreamReads) throw new UnavailableError();
    const from = typeof options.fromRevision === 'bigint' ? Number(options.fromRevision) : 0;
    const found = this.log.filter((r) => r.streamId === streamName);
    if (found.length === 0) throw new StreamNotFoundError(undefined, streamName);
    const page = found.filter((r) => r.revision >= from).slice(0, Number(options.maxCount ?? Infinity));
    for (const r of page) yield resolved(r) as ResolvedEvent;
  }

  async *readAll(options: ReadAllOptions): AsyncGenerator<AllStreamResolvedEvent> {
    this.readAllCalls.push(options);
    if (this.hangReads) await new Promise(() => undefined);
    await Promise.resolve();
    const backwards = options.direction === 'backwards';
    const ordered = backwards ? [...this.log].reverse() : this.log;
    const from = options.fromPosition;
    const startsAt = (r: StubRecord): boolean => {
      if (from === undefined || from === START || from === END) return true;
      const at = (from as Position).commit;
      return backwards ? BigInt(r.position) <= at : BigInt(r.position) >= at;
    };
    const page = ordered.filter(startsAt).slice(0, Number(options.maxCount ?? Infinity));
    for (const r of page) yield resolved(r);
  }

  subscribeToAll(options: SubscribeToAllOptions): AsyncIterable<AllStreamResolvedEvent> & {
    unsubscribe(): Promise<void>;
  } {
    this.subscribeCalls.push(options);
    const script = this.subscriptions.shift() ?? { records: [], then: 'live' };
    let stop = (): void => undefined;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    async function* run(): AsyncGenerator<AllStreamResolvedEvent> {
      for (const r of script.records) yield resolved(r);
      if (script.then === 'live') return void (await stopped);
      throw script.then;
    }
    const iterator = run();
    return {
      [Symbol.asyncIterator]: () => iterator,
      unsubscribe: () => {
        stop();
        return Promise.resolve();
      },
    };
  }

  dispose(): Promise<void> {
    this.disposed = true;
    return Promise.resolve();
  }
}

// ---------------------------------------------------------------- helpers

const fast = {
  resubscribeMinMs: 1,
  resubscribeMaxMs: 2,
  pingTimeoutMs: 50,
  appendAttempts: 3,
  appendRetryDelayMs: 1,
};

function adapter(client: StubClient, upcasters = new EventUpcasters()): EventStoreDbEventStore {
  return new EventStoreDbEventStore(client, upcasters, fast);
}

function newEvent(data: Record<string, unknown> = {}): NewEvent {
  return {
    id: randomUUID(),
    type: 'CaseSample',
    schemaVersion: 1,
    data,
    metadata: {
      occurredOn: '2024-01-02',
      recordedAt: '2024-01-02T10:00:00.000Z',
      recordedBy: 'u',
      correlationId: 'c',
      causationId: null,
    },
  };
}

const success = (revision: number, position?: number): EsdbAppendResult => ({
  success: true,
  nextExpectedRevision: BigInt(revision),
  position: position === undefined ? undefined : { commit: BigInt(position), prepare: BigInt(position) },
});

/** Reads a subscription until `count` events arrived, or fails the test after a second. */
async function take(
  store: EventStoreDbEventStore,
  after: number,
  count: number,
  batchSize?: number,
): Promise<RecordedEvent[][]> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), 1000);
  const batches: RecordedEvent[][] = [];
  try {
    for await (const batch of store.subscribe({ after, signal: abort.signal, batchSize })) {
      batches.push(batch);
      if (batches.flat().length >= count) break;
    }
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
  return batches;
}

/** The gRPC error a follower answers with when the leader is needed (what NotLeaderError wraps). */
function notLeaderServiceError(): ServiceError {
  const metadata = new Metadata();
  metadata.set('exception', 'not-leader');
  metadata.set('leader-endpoint-host', '127.0.0.1');
  metadata.set('leader-endpoint-port', '2111');
  return Object.assign(new Error('not-leader'), { code: 9, details: 'not-leader', metadata });
}

// ---------------------------------------------------------------- tests

describe('EventStoreDB adapter logic (stubbed client, no server)', () => {
  describe('position conversion', () => {
    it('reads from START for 0 and from the exact position otherwise, and reports commit positions', async () => {
      expect(toReadPosition(0)).toBe(START);
      expect(toReadPosition(42)).toEqual({ commit: 42n, prepare: 42n });
      const client = new StubClient();
      client.log.push(user(10), user(20));
      const store = adapter(client);
      expect((await store.readAll(0, 10)).map((e) => e.position)).toEqual([10, 20]);
      expect(client.readAllCalls[0].fromPosition).toBe(START);
      expect((await store.readAll(10, 10)).map((e) => e.position)).toEqual([20]);
      expect(client.readAllCalls[1].fromPosition).toEqual({ commit: 10n, prepare: 10n });
    });

    it('refuses a revision or position that does not fit in a safe integer', () => {
      expect(toSafeNumber(42n, 'revision')).toBe(42);
      expect(() => toSafeNumber(BigInt(Number.MAX_SAFE_INTEGER) + 1n, 'position')).toThrow(RangeError);
    });
  });

  describe('readAll paging (finding 2)', () => {
    it('returns no event twice when a page ends on a user event and system events forced another page', async () => {
      const client = new StubClient();
      // limit 3 asks for pages of 4: [sys, sys, A, B] then, from B (inclusive), [B, C, D].
      client.log.push(system(5), system(6), user(10), user(20), user(30), user(40));
      const events = await adapter(client).readAll(0, 3);
      expect(events.map((e) => e.position)).toEqual([10, 20, 30]);
    });

    it('pages through a long run of system events and stops at the end of the log', async () => {
      const client = new StubClient();
      client.log.push(user(1), ...[2, 3, 4, 5, 6, 7].map(system), user(8));
      expect((await adapter(client).readAll(1, 2)).map((e) => e.position)).toEqual([8]);
      expect((await adapter(client).readAll(8, 2)).map((e) => e.position)).toEqual([]);
    });
  });

  describe('idempotent appends (finding 3)', () => {
    it('passes numeric and no-stream expectations through, so the server checks the ids durably', async () => {
      const client = new StubClient();
      client.appendAnswers.push(success(0, 100), success(3, 140));
      const store = adapter(client);
      await store.append('s', [newEvent()], 'no-stream');
      await store.append('s', [newEvent(), newEvent()], 1);
      expect(client.appendCalls.map((c) => c.options.expectedRevision)).toEqual(['no_stream', 1n]);
    });

    it('answers a success without a position (an idempotent write) with the stored last event position', async () => {
      const client = new StubClient();
      client.log.push(user(100, 's', 0), user(120, 's', 1), user(130, 's', 2));
      client.appendAnswers.push(success(1));
      const answer = await adapter(client).append('s', [newEvent(), newEvent()], 'no-stream');
      expect(answer).toEqual({ nextExpectedRevision: 1, position: 120 });
    });

    it('answers a stored append as stored when its position cannot be read back (position 0: nothing to wait for)', async () => {
      const client = new StubClient();
      client.log.push(user(100, 's', 0));
      client.appendAnswers.push(success(0));
      client.failStreamReads = true;
      const answer = await adapter(client).append('s', [newEvent()], 'no-stream');
      expect(answer).toEqual({ nextExpectedRevision: 0, position: 0 });
    });

    it('turns a wrong-expected-version whose stream holds the first id at the expected place into DuplicateEventIdError', async () => {
      const client = new StubClient();
      const events = [newEvent(), newEvent()];
      // Stored by an earlier append: the first id, then another event. The retry reuses only the first id.
      client.log.push({ ...user(100, 's', 0), id: events[0].id }, user(120, 's', 1));
      client.appendAnswers.push(
        new EsdbWrongExpectedVersionError(undefined, { streamName: 's', expected: 'no_stream', current: 1n }),
      );
      const error = await adapter(client)
        .append('s', events, 'no-stream')
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DuplicateEventIdError);
      expect((error as DuplicateEventIdError).eventId).toBe(events[1].id);
    });

    it('keeps a plain wrong-expected-version when the ids are new', async () => {
      const client = new StubClient();
      client.log.push(user(100, 's', 0), user(120, 's', 1));
      client.appendAnswers.push(
        new EsdbWrongExpectedVersionError(undefined, { streamName: 's', expected: 0n, current: 1n }),
      );
      const error = await adapter(client)
        .append('s', [newEvent()], 0)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect(error).toMatchObject({ expected: 0, actual: 1 });
    });
    it('keeps the wrong-expected-version when the stream cannot be read back to tell', async () => {
      const client = new StubClient();
      client.log.push(user(100, 's', 0));
      client.failStreamReads = true;
      client.appendAnswers.push(
        new EsdbWrongExpectedVersionError(undefined, { streamName: 's', expected: 'no_stream', current: 0n }),
      );
      await expect(adapter(client).append('s', [newEvent()], 'no-stream')).rejects.toBeInstanceOf(
        WrongExpectedVersionError,
      );
    });
  });

  describe('subscription errors and metadata (finding 4)', () => {
    it('classifies only unavailable, cancelled, deadline exceeded and not-leader as transient', () => {
      const transient = [
        new UnavailableError(),
        new CancelledError(),
        new DeadlineExceededError(),
        new NotLeaderError(notLeaderServiceError()),
      ];
      const fatal = [
        new AccessDeniedError(),
        new UnknownError(),
        new TimeoutError(),
        new StreamNotFoundError(undefined, '$all'),
        new Error('No upcaster for X from schema version 1'),
        'not even an error',
      ];
      expect(transient.map(isTransientSubscriptionError)).toEqual(transient.map(() => true));
      expect(fatal.map(isTransientSubscriptionError)).toEqual(fatal.map(() => false));
    });

    it('resubscribes from the last delivered position after a transient error, delivering nothing twice', async () => {
      const client = new StubClient();
      client.subscriptions.push(
        { records: [user(10), user(20)], then: new UnavailableError() },
        { records: [user(20), user(30)], then: 'live' },
      );
      const batches = await take(adapter(client), 0, 3);
      expect(batches.flat().map((e) => e.position)).toEqual([10, 20, 30]);
      expect(client.subscribeCalls.map((c) => c.fromPosition)).toEqual([START, { commit: 20n, prepare: 20n }]);
    });

    it.each([
      ['access denied', new AccessDeniedError()],
      ['an unclassified server error (e.g. an invalid position)', new UnknownError()],
    ])('ends the iterator by throwing on %s instead of resubscribing', async (_name, error) => {
      const client = new StubClient();
      client.subscriptions.push(
        { records: [user(10)], then: error },
        { records: [user(20)], then: 'live' },
        { records: [user(30)], then: 'live' },
      );
      await expect(take(adapter(client), 0, 3)).rejects.toBe(error);
      expect(client.subscribeCalls).toHaveLength(1);
    });

    it('ends the iterator by throwing when an event cannot be upcast', async () => {
      const client = new StubClient();
      const upcasters = new EventUpcasters().register('Other', 1, (d) => d);
      client.subscriptions.push(
        { records: [{ ...user(10), type: 'Broken', metadata: { schemaVersion: 0 } }], then: 'live' },
        { records: [user(20)], then: 'live' },
      );
      await expect(take(adapter(client, upcasters), 0, 1)).rejects.toThrow(/No upcaster for Broken/);
      expect(client.subscribeCalls).toHaveLength(1);
    });

    it('reads an event without metadata with defaults instead of throwing', async () => {
      const client = new StubClient();
      const created = new Date('2024-06-30T22:30:00Z'); // already 1 July in Stockholm
      client.log.push({ ...user(10), id: 'e-1', metadata: null, created });
      client.subscriptions.push({ records: [{ ...user(10), id: 'e-1', metadata: null, created }], then: 'live' });
      const store = adapter(client);
      const [viaRead] = await store.readAll(0, 1);
      const [[viaSubscription]] = await take(store, 0, 1);
      for (const event of [viaRead, viaSubscription]) {
        expect(event.schemaVersion).toBe(1);
        expect(event.metadata).toEqual({
          occurredOn: '2024-07-01',
          recordedAt: '2024-06-30T22:30:00.000Z',
          recordedBy: 'unknown',
          correlationId: 'e-1',
          causationId: null,
        });
      }
    });

    it('keeps the metadata fields that are there and fills only the missing ones', async () => {
      const client = new StubClient();
      client.log.push({ ...user(10), id: 'e-2', metadata: { recordedBy: 'alice', schemaVersion: 1, extra: 'kept' } });
      const [event] = await adapter(client).readAll(0, 1);
      expect(event.metadata).toMatchObject({ recordedBy: 'alice', correlationId: 'e-2', causationId: null });
      expect(event.metadata).toHaveProperty('extra', 'kept');
      expect(event.metadata).not.toHaveProperty('schemaVersion');
    });
  });

  describe('append timeouts (finding 5)', () => {
    it.each([
      ['DeadlineExceeded', () => new DeadlineExceededError()],
      ['a server Timeout', () => new TimeoutError()],
    ])('retries the same append after %s and returns its answer', async (_name, make) => {
      const client = new StubClient();
      client.appendAnswers.push(make(), success(0, 100));
      const events = [newEvent({ n: 1 })];
      const answer = await adapter(client).append('s', events, 'no-stream');
      expect(answer).toEqual({ nextExpectedRevision: 0, position: 100 });
      expect(client.appendCalls).toHaveLength(2);
      expect(client.appendCalls[1]).toEqual(client.appendCalls[0]);
      expect(client.appendCalls[0].events.map((e) => e.id)).toEqual(events.map((e) => e.id));
    });

    it('gives up after the configured attempts with the last error, answered as the server not reached', async () => {
      const client = new StubClient();
      const last = new DeadlineExceededError();
      client.appendAnswers.push(new DeadlineExceededError(), new DeadlineExceededError(), last, success(0, 1));
      const error = await adapter(client)
        .append('s', [newEvent()], 'no-stream')
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EventStoreUnavailableError);
      expect((error as Error).cause).toBe(last);
      expect(client.appendCalls).toHaveLength(3);
    });

    it('does not retry other errors', async () => {
      const client = new StubClient();
      const denied = new AccessDeniedError();
      client.appendAnswers.push(denied, success(0, 1));
      await expect(adapter(client).append('s', [newEvent()], 'no-stream')).rejects.toBe(denied);
      expect(client.appendCalls).toHaveLength(1);
    });
  });

  describe('ping and connection string (finding 6)', () => {
    it('answers false within its deadline when the client never answers (e.g. gossip discovery hangs)', async () => {
      const client = new StubClient();
      client.hangReads = true;
      const hung = new Promise((resolve) => setTimeout(() => resolve('still waiting after 1 s'), 1000));
      expect(await Promise.race([adapter(client).ping(), hung])).toBe(false);
    });

    it('answers true when a read of $all answers', async () => {
      const client = new StubClient();
      client.log.push(system(1));
      expect(await adapter(client).ping()).toBe(true);
    });

    it('accepts credentials in the connection string (needed to read $all in secure mode)', async () => {
      const store = new EventStoreDbEventStore('esdb://admin:chang%40eit@localhost:2113?tls=false');
      await store.close();
    });
  });

  describe('smaller findings (7)', () => {
    it('hands over what the subscription has buffered in batches of at most batchSize', async () => {
      const client = new StubClient();
      client.subscriptions.push({ records: [10, 20, 30, 40, 50].map((p) => user(p)), then: 'live' });
      const batches = await take(adapter(client), 0, 5, 2);
      expect(batches.map((b) => b.map((e) => e.position))).toEqual([[10, 20], [30, 40], [50]]);
    });

    it.each([
      'esdb://localhost:2113?tls=false&throwOnAppendFailure=false',
      'esdb://localhost:2113?throw_on_append_failure=false',
      'esdb://admin:s3cret@a:2113,b:2113?ThrowOnAppendFailure=false&tls=false',
    ])('refuses %s at construction, naming the option but not the URL', (url) => {
      let message = '';
      try {
        new EventStoreDbEventStore(url).close().catch(() => undefined);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/throwOnAppendFailure=false is not supported/);
      expect(message).not.toMatch(/localhost|s3cret|a:2113/);
    });

    it('refuses an append over 1 MiB before calling the client', async () => {
      const client = new StubClient();
      const big = newEvent({ text: 'x'.repeat(MAX_APPEND_BYTES) });
      await expect(adapter(client).append('s', [big], 'no-stream')).rejects.toBeInstanceOf(AppendTooLargeError);
      expect(client.appendCalls).toHaveLength(0);
    });

    it("maps the server's MaxAppendSizeExceeded to the same error", async () => {
      const client = new StubClient();
      client.appendAnswers.push(MaxAppendSizeExceededError.fromMaxAppendSize(MAX_APPEND_BYTES));
      const error = await adapter(client)
        .append('s', [newEvent()], 'no-stream')
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppendTooLargeError);
      expect(error).toMatchObject({ streamId: 's', limit: MAX_APPEND_BYTES });
    });
  });
});

describe('EventStoreDB not reached (a real client, a port nobody listens on)', () => {
  // Before, these errors reached the problem filter as they came and were answered 500.
  let store: EventStoreDbEventStore;
  beforeAll(async () => {
    const port = await freePort();
    store = new EventStoreDbEventStore(`esdb://127.0.0.1:${port}?tls=false`);
  });
  afterAll(() => store.close());

  const problemOf = async (attempt: Promise<unknown>) => {
    const error = await attempt.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(EventStoreUnavailableError);
    const problem = (error as EventStoreUnavailableError).asProblem();
    return { status: problem.status, code: problem.code, detail: problem.detail, ...problem.extensions };
  };

  it('answers a read 503: nothing was changed', async () => {
    for (const read of [store.readStream('case-1'), store.readAll(0, 10), store.headPosition()])
      expect(await problemOf(read)).toMatchObject({ status: 503, code: 'service-unavailable', outcome: 'not-changed' });
  });

  it('answers an append 503 that says it may have been stored, and how to find out', async () => {
    expect(await problemOf(store.append('case-1', [newEvent()], 'no-stream'))).toMatchObject({
      status: 503,
      code: 'service-unavailable',
      outcome: 'unknown',
      detail: expect.stringContaining('same Idempotency-Key'),
    });
  });
});
