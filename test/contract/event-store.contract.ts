import { randomUUID } from 'node:crypto';
import {
  AppendResult,
  AppendTooLargeError,
  DuplicateEventIdError,
  EventStore,
  ExpectedRevision,
  NewEvent,
  RecordedEvent,
  MAX_APPEND_BYTES,
  SubscriptionOptions,
  WrongExpectedVersionError,
} from '../../src/event-store/event-store.port';
import { EventUpcasters } from '../../src/event-store/upcasting';

/** Opens the adapter under test; `reopen` opens it again on the same storage after close. */
export interface ContractSubject {
  open(upcasters: EventUpcasters): Promise<EventStore>;
}

export function contractUpcasters(): EventUpcasters {
  // A sample schema change: version 1 had `fullName`, version 2 splits nothing but renames it.
  return new EventUpcasters().register('ContractSampleRenamed', 1, (data) => {
    const { fullName, ...rest } = data as { fullName?: string };
    return { ...rest, label: fullName ?? '' };
  });
}

export function newEvent(type: string, data: Record<string, unknown> = {}, schemaVersion = 1): NewEvent {
  return {
    id: randomUUID(),
    type,
    schemaVersion,
    data,
    metadata: {
      occurredOn: '2018-03-14',
      recordedAt: new Date().toISOString(),
      recordedBy: 'contract-test',
      correlationId: randomUUID(),
      causationId: null,
    },
  };
}

/**
 * Passes every call through to the store under test, but refuses to read or
 * subscribe from a position the store never returned. EventStoreDB accepts only
 * exact record starts (an invented `position - 1` is an invalid-position error
 * there), so the suite must hold itself to the port's rule on every adapter.
 */
class ReturnedPositionsOnly implements EventStore {
  constructor(
    private readonly inner: EventStore,
    private readonly returned: Set<number>,
  ) {}

  get kind(): EventStore['kind'] {
    return this.inner.kind;
  }

  private check(after: number): void {
    if (after !== 0 && !this.returned.has(after)) {
      throw new Error(`contract suite bug: position ${after} was never returned by the store`);
    }
  }

  private seen<T extends { position: number }>(items: T[]): T[] {
    for (const item of items) this.returned.add(item.position);
    return items;
  }

  async append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    return this.seen([await this.inner.append(streamId, events, expected)])[0];
  }
  async readStream(streamId: string, fromRevision?: number): Promise<RecordedEvent[]> {
    return this.seen(await this.inner.readStream(streamId, fromRevision));
  }
  async readAll(after: number, limit: number): Promise<RecordedEvent[]> {
    this.check(after);
    return this.seen(await this.inner.readAll(after, limit));
  }
  async *subscribe(options: SubscriptionOptions): AsyncGenerator<RecordedEvent[]> {
    this.check(options.after);
    for await (const batch of this.inner.subscribe(options)) yield this.seen(batch);
  }
  async headPosition(): Promise<number> {
    const head = await this.inner.headPosition();
    this.returned.add(head);
    return head;
  }
  ping(): Promise<boolean> {
    return this.inner.ping();
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

async function collect(
  store: EventStore,
  after: number,
  count: number,
  accept: (e: RecordedEvent) => boolean,
  whileSubscribed?: () => Promise<void>,
): Promise<RecordedEvent[]> {
  const abort = new AbortController();
  const seen: RecordedEvent[] = [];
  const done = (async () => {
    for await (const batch of store.subscribe({ after, signal: abort.signal, batchSize: 2 })) {
      for (const e of batch) if (accept(e)) seen.push(e);
      if (seen.length >= count) break;
    }
  })();
  if (whileSubscribed) await whileSubscribed();
  const timeout = setTimeout(() => abort.abort(), 10_000);
  await done;
  clearTimeout(timeout);
  abort.abort();
  return seen;
}

export function eventStoreContract(adapterName: string, subject: () => ContractSubject): void {
  describe(`event store contract: ${adapterName}`, () => {
    let store: EventStore;
    let current: ContractSubject;
    let returned: Set<number>;
    const open = async (): Promise<EventStore> =>
      new ReturnedPositionsOnly(await current.open(contractUpcasters()), returned);
    const stream = (name: string): string => `contract-${name}-${randomUUID()}`;

    beforeEach(async () => {
      current = subject();
      returned = new Set();
      const inner = await current.open(contractUpcasters());
      // Another writer's event the suite never sees, so the log never starts at the suite's first event.
      await inner.append(stream('other-writer'), [newEvent('OtherWriter')], 'no-stream');
      store = new ReturnedPositionsOnly(inner, returned);
    });
    afterEach(async () => {
      await store.close();
    });

    it('stores every field and reads a stream back in order', async () => {
      const s = stream('fields');
      const keyed = newEvent('CaseSampleA', { n: 1 });
      // The optional metadata a keyed request adds must come back too: a retry finds its earlier events by it.
      keyed.metadata.idempotency = { key: 'key-hash', requestHash: 'request-hash' };
      const events = [keyed, newEvent('CaseSampleB', { n: 2 })];
      const result = await store.append(s, events, 'no-stream');
      expect(result.nextExpectedRevision).toBe(1);
      expect(result.position).toBeGreaterThan(0);

      const read = await store.readStream(s);
      expect(read.map((e) => e.id)).toEqual(events.map((e) => e.id));
      expect(read.map((e) => e.revision)).toEqual([0, 1]);
      expect(read[1].position).toBe(result.position);
      expect(read[0].position).toBeLessThan(read[1].position);
      expect(read[0]).toMatchObject({
        type: 'CaseSampleA',
        schemaVersion: 1,
        data: { n: 1 },
        streamId: s,
        metadata: events[0].metadata,
      });
    });

    it('reads a missing stream as empty', async () => {
      expect(await store.readStream(stream('missing'))).toEqual([]);
    });

    it('reads a stream from a revision', async () => {
      const s = stream('from');
      await store.append(
        s,
        [1, 2, 3, 4].map((n) => newEvent('Numbered', { n })),
        'no-stream',
      );
      const read = await store.readStream(s, 2);
      expect(read.map((e) => e.data.n)).toEqual([3, 4]);
      expect(read.map((e) => e.revision)).toEqual([2, 3]);
    });

    it('keeps one global order over streams, readable from a position with a limit', async () => {
      const a = stream('order-a');
      const b = stream('order-b');
      const start = await store.headPosition();
      await store.append(a, [newEvent('Ordered', { n: 1 })], 'no-stream');
      await store.append(b, [newEvent('Ordered', { n: 2 })], 'no-stream');
      await store.append(a, [newEvent('Ordered', { n: 3 }), newEvent('Ordered', { n: 4 })], 0);
      await store.append(b, [newEvent('Ordered', { n: 5 })], 0);

      const mine = (e: RecordedEvent): boolean => e.streamId === a || e.streamId === b;
      const all = (await store.readAll(start, 1000)).filter(mine);
      expect(all.map((e) => e.data.n)).toEqual([1, 2, 3, 4, 5]);
      const positions = all.map((e) => e.position);
      expect([...positions].sort((x, y) => x - y)).toEqual(positions);
      expect(new Set(positions).size).toBe(positions.length);

      const afterSecond = (await store.readAll(all[1].position, 1000)).filter(mine);
      expect(afterSecond.map((e) => e.data.n)).toEqual([3, 4, 5]);
      const limited = await store.readAll(all[1].position, 2);
      expect(limited).toHaveLength(2);
      expect(limited[0].position).toBeGreaterThan(all[1].position);
    });

    describe('expected revision', () => {
      it('"no-stream" succeeds on a new stream and fails on an existing one, saying the actual revision', async () => {
        const s = stream('nostream');
        await store.append(s, [newEvent('E')], 'no-stream');
        const error = await store.append(s, [newEvent('E')], 'no-stream').catch((e: unknown) => e);
        expect(error).toBeInstanceOf(WrongExpectedVersionError);
        expect((error as WrongExpectedVersionError).actual).toBe(0);
        expect(await store.readStream(s)).toHaveLength(1);
      });

      it('"exists" fails on a missing stream and succeeds on an existing one', async () => {
        const s = stream('exists');
        const error = await store.append(s, [newEvent('E')], 'exists').catch((e: unknown) => e);
        expect(error).toBeInstanceOf(WrongExpectedVersionError);
        expect((error as WrongExpectedVersionError).actual).toBe('no-stream');
        expect(await store.readStream(s)).toEqual([]);
        await store.append(s, [newEvent('E')], 'no-stream');
        const ok = await store.append(s, [newEvent('E')], 'exists');
        expect(ok.nextExpectedRevision).toBe(1);
      });

      it('"any" succeeds whether or not the stream exists', async () => {
        const s = stream('any');
        expect((await store.append(s, [newEvent('E')], 'any')).nextExpectedRevision).toBe(0);
        expect((await store.append(s, [newEvent('E')], 'any')).nextExpectedRevision).toBe(1);
      });

      it('a revision number must be the current one', async () => {
        const s = stream('number');
        await store.append(s, [newEvent('E'), newEvent('E')], 'no-stream');
        const stale = await store.append(s, [newEvent('E')], 0).catch((e: unknown) => e);
        expect(stale).toBeInstanceOf(WrongExpectedVersionError);
        expect((stale as WrongExpectedVersionError).actual).toBe(1);
        const ahead = await store.append(s, [newEvent('E')], 5).catch((e: unknown) => e);
        expect(ahead).toBeInstanceOf(WrongExpectedVersionError);
        expect((await store.append(s, [newEvent('E')], 1)).nextExpectedRevision).toBe(2);
        const missing = await store.append(stream('number-missing'), [newEvent('E')], 0).catch((e: unknown) => e);
        expect(missing).toBeInstanceOf(WrongExpectedVersionError);
        expect((missing as WrongExpectedVersionError).actual).toBe('no-stream');
      });
    });

    it('writes a refused batch not at all', async () => {
      const s = stream('atomic');
      await store.append(s, [newEvent('E')], 'no-stream');
      await expect(store.append(s, [newEvent('E'), newEvent('E'), newEvent('E')], 5)).rejects.toBeInstanceOf(
        WrongExpectedVersionError,
      );
      expect(await store.readStream(s)).toHaveLength(1);
    });

    it('lets exactly one of two racing writers with the same expectation win', async () => {
      const s = stream('race');
      await store.append(s, [newEvent('E')], 'no-stream');
      for (let round = 0; round < 5; round++) {
        const events = await store.readStream(s);
        const revision = events[events.length - 1].revision;
        const results = await Promise.allSettled([
          store.append(s, [newEvent('Writer', { w: 1 }), newEvent('Writer', { w: 1 })], revision),
          store.append(s, [newEvent('Writer', { w: 2 })], revision),
        ]);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
        expect(lost).toHaveLength(1);
        expect(lost[0].reason).toBeInstanceOf(WrongExpectedVersionError);
      }
      const all = await store.readStream(s);
      expect(all.map((e) => e.revision)).toEqual(all.map((_, i) => i));
    });

    it('a retried append with the same event ids writes nothing twice and answers as the first time', async () => {
      const s = stream('retry');
      const events = [newEvent('E', { n: 1 }), newEvent('E', { n: 2 })];
      const first = await store.append(s, events, 'no-stream');
      const again = await store.append(s, events, 'no-stream');
      expect(again).toEqual(first);
      expect((await store.readStream(s)).map((e) => e.data.n)).toEqual([1, 2]);
    });

    describe('retries with the same event ids (durable on both adapters with a number or "no-stream")', () => {
      it('an identical retry with a revision number succeeds, answers as the first time and writes nothing', async () => {
        const s = stream('retry-number');
        await store.append(s, [newEvent('E', { n: 0 })], 'no-stream');
        const events = [newEvent('E', { n: 1 }), newEvent('E', { n: 2 })];
        const first = await store.append(s, events, 0);
        expect(await store.append(s, events, 0)).toEqual(first);
        expect((await store.readStream(s)).map((e) => e.data.n)).toEqual([0, 1, 2]);
      });

      it('a retry with the same expectation after the stream moved on still answers as the first time', async () => {
        const s = stream('retry-moved');
        const events = [newEvent('E', { n: 1 }), newEvent('E', { n: 2 })];
        const first = await store.append(s, events, 'no-stream');
        await store.append(s, [newEvent('E', { n: 3 })], 1);
        expect(await store.append(s, events, 'no-stream')).toEqual(first);
        expect((await store.readStream(s)).map((e) => e.data.n)).toEqual([1, 2, 3]);
      });

      it('a retry that reuses the first id but not the others is refused as a duplicate, writing nothing', async () => {
        const s = stream('retry-partial');
        const events = [newEvent('E', { n: 1 }), newEvent('E', { n: 2 })];
        await store.append(s, events, 'no-stream');
        const changed = [events[0], newEvent('E', { n: 9 })];
        const error = await store.append(s, changed, 'no-stream').catch((e: unknown) => e);
        expect(error).toBeInstanceOf(DuplicateEventIdError);
        expect((error as DuplicateEventIdError).eventId).toBe(changed[1].id);
        expect((await store.readStream(s)).map((e) => e.data.n)).toEqual([1, 2]);
      });
    });

    it('refuses an append over 1 MiB of serialized event data, writing nothing', async () => {
      const s = stream('too-large');
      // Two events that fit alone but not together: the limit is per append.
      const half = (): NewEvent => newEvent('Large', { text: 'x'.repeat(MAX_APPEND_BYTES / 2) });
      const error = await store.append(s, [half(), half()], 'no-stream').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppendTooLargeError);
      expect((error as AppendTooLargeError).limit).toBe(MAX_APPEND_BYTES);
      expect(await store.readStream(s)).toEqual([]);
      await store.append(s, [half()], 'no-stream');
      expect(await store.readStream(s)).toHaveLength(1);
    });

    it('upcasts an old schema version on read', async () => {
      const s = stream('upcast');
      const start = await store.headPosition();
      await store.append(s, [newEvent('ContractSampleRenamed', { fullName: 'FUT-enheten' }, 1)], 'no-stream');
      const [read] = await store.readStream(s);
      expect(read.schemaVersion).toBe(2);
      expect(read.data).toEqual({ label: 'FUT-enheten' });
      const [viaAll] = (await store.readAll(start, 10)).filter((e) => e.streamId === s);
      expect(viaAll.data).toEqual({ label: 'FUT-enheten' });
    });

    it('a subscription catches up from a position, then follows new events live, without gaps or duplicates', async () => {
      const s = stream('sub');
      const startFrom = await store.headPosition();
      await store.append(
        s,
        [1, 2, 3].map((n) => newEvent('Sub', { n })),
        'no-stream',
      );

      const seen = await collect(
        store,
        startFrom,
        7,
        (e) => e.streamId === s,
        async () => {
          await new Promise((r) => setTimeout(r, 50));
          await store.append(s, [newEvent('Sub', { n: 4 })], 2);
          await store.append(s, [newEvent('Sub', { n: 5 }), newEvent('Sub', { n: 6 })], 3);
          await new Promise((r) => setTimeout(r, 50));
          await store.append(s, [newEvent('Sub', { n: 7 })], 5);
        },
      );
      expect(seen.map((e) => e.data.n)).toEqual([1, 2, 3, 4, 5, 6, 7]);

      const fromMiddle = await collect(store, seen[3].position, 3, (e) => e.streamId === s);
      expect(fromMiddle.map((e) => e.data.n)).toEqual([5, 6, 7]);
    });

    it('keeps what it acknowledged across close and reopen', async () => {
      const s = stream('reopen');
      const result = await store.append(s, [newEvent('E', { n: 1 }), newEvent('E', { n: 2 })], 'no-stream');
      await store.close();
      store = await open();
      const read = await store.readStream(s);
      expect(read.map((e) => e.data.n)).toEqual([1, 2]);
      expect(read[1].position).toBe(result.position);
      expect((await store.append(s, [newEvent('E', { n: 3 })], 1)).position).toBeGreaterThan(result.position);
      expect(await store.headPosition()).toBeGreaterThan(result.position);
    });
  });
}
