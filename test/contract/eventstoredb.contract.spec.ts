import { EventStoreDbEventStore, toSafeNumber } from '../../src/event-store/eventstoredb-event-store';
import { eventStoreContract } from './event-store.contract';

const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

if (connectionString) {
  eventStoreContract('EventStoreDB', () => ({
    open: (upcasters) => Promise.resolve(new EventStoreDbEventStore(connectionString, upcasters)),
  }));
} else {
  process.stderr.write(
    'EventStoreDB contract run skipped: set EVENTSTORE_CONNECTION_STRING (e.g. esdb://localhost:2113?tls=false) to run it.\n',
  );
  describe.skip('event store contract: EventStoreDB (skipped: EVENTSTORE_CONNECTION_STRING is not set)', () => {
    it('runs only against a real server', () => undefined);
  });
}

describe('EventStoreDB adapter: bigint conversion', () => {
  it('converts revisions and positions that fit and refuses ones that would lose precision', () => {
    expect(toSafeNumber(42n, 'revision')).toBe(42);
    expect(toSafeNumber(BigInt(Number.MAX_SAFE_INTEGER), 'position')).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => toSafeNumber(BigInt(Number.MAX_SAFE_INTEGER) + 1n, 'position')).toThrow(RangeError);
  });
});
