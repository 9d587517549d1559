import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EventStore } from '../../event-store/event-store.port';
import { SqliteEventStore } from '../../event-store/sqlite-event-store';
import type { CaseEvent } from '../steps';
import type { OpenCase } from '../domain/case-state';
import { CaseStates } from './case-states';
import { caseStreamId, toNewEvents } from './case-stream';
import { temporaryStore } from '../../testing/temporary-store';

const registered = (caseId: string): CaseEvent => ({
  type: 'CaseRegistered',
  data: {
    caseId,
    caseNumber: 'FA-2018-0001',
    district: 'farsta',
    receivedOn: '2018-02-01',
    source: 'public',
    subject: { personalIdentityNumber: null, name: null, gender: 'man' },
    suspectedPayments: [],
    summary: null,
    dataKeyId: null,
  },
});
const note = (text: string): CaseEvent => ({
  type: 'JournalEntryAdded',
  data: { notedOn: '2018-02-02', kind: 'note', text },
});
const context = (key?: string) => ({
  actor: 't',
  recordedAt: '2018-02-02T10:00:00.000Z',
  correlationId: 'c',
  causationId: null,
  idempotency: key ? { key, requestHash: 'h' } : undefined,
});

describe('CaseStates', () => {
  const temp = temporaryStore('fut-case-states-');
  const journal = (state: unknown) => (state as OpenCase).journal.map((j) => j.text);

  it('folds what was appended since, and knows the keys of keyed requests in the stream', async () => {
    const states = new CaseStates(temp.store);
    const stream = caseStreamId('c1');
    await temp.store.append(stream, toNewEvents([registered('c1')], context()), 'no-stream');
    expect((await states.load(stream)).version).toBe(0);
    await temp.store.append(stream, toNewEvents([note('ett')], context('k1')), 0);
    await temp.store.append(stream, toNewEvents([note('två')], context()), 1);
    const loaded = await states.load(stream);
    expect(loaded.version).toBe(2);
    expect(journal(loaded.state)).toEqual(['ett', 'två']);
    expect([...loaded.keys]).toEqual(['k1']);
  });

  it('reads a stream whole again when it no longer has the folded event where it was (a restored store)', async () => {
    const stream = caseStreamId('c1');
    await temp.store.append(stream, toNewEvents([registered('c1'), note('ett')], context()), 'no-stream');
    // A copy of the file and its write-ahead log, as a backup taken now would hold.
    copyFileSync(join(temp.dir, 'events.db'), join(temp.dir, 'backup.db'));
    copyFileSync(join(temp.dir, 'events.db-wal'), join(temp.dir, 'backup.db-wal'));
    await temp.store.append(stream, toNewEvents([note('två')], context()), 1);
    // One store object whose file is swapped for the backup, which then goes its own way.
    let current: EventStore = temp.store;
    const swappable = {
      readStream: (s: string, from?: number) => current.readStream(s, from),
    } as unknown as EventStore;
    const states = new CaseStates(swappable);
    expect(journal((await states.load(stream)).state)).toEqual(['ett', 'två']);
    const restored = new SqliteEventStore(join(temp.dir, 'backup.db'));
    try {
      await restored.append(stream, toNewEvents([note('annan två'), note('tre')], context()), 1);
      current = restored;
      const loaded = await states.load(stream);
      expect(loaded.version).toBe(3);
      expect(journal(loaded.state)).toEqual(['ett', 'annan två', 'tre']);
    } finally {
      await restored.close();
    }
  });

  it('keeps at most its bound of cases, and forgets one on request', async () => {
    const states = new CaseStates(temp.store, 2);
    for (const id of ['c1', 'c2', 'c3']) {
      await temp.store.append(caseStreamId(id), toNewEvents([registered(id)], context()), 'no-stream');
      await states.load(caseStreamId(id));
    }
    expect(states.size).toBe(2);
    states.forget(caseStreamId('c3'));
    expect(states.size).toBe(1);
    // An unknown stream is answered as empty and not kept.
    expect((await states.load(caseStreamId('none'))).state).toEqual({ exists: false });
    expect(states.size).toBe(1);
  });

  it('keeps at most its bound of events in all: long histories push others out, and one too long is not kept', async () => {
    const states = new CaseStates(temp.store, 100, 10);
    const withNotes = async (id: string, notes: number): Promise<void> => {
      const events = [registered(id), ...Array.from({ length: notes }, (_, i) => note(`anteckning ${i}`))];
      await temp.store.append(caseStreamId(id), toNewEvents(events, context()), 'no-stream');
    };
    await withNotes('c1', 3); // 4 events
    await withNotes('c2', 3); // 4 events
    await withNotes('c3', 3); // 4 events: with c1 and c2, 12 > 10
    await withNotes('big', 10); // 11 events: more than the bound alone
    for (const id of ['c1', 'c2', 'c3']) await states.load(caseStreamId(id));
    expect({ cases: states.size, events: states.events }).toEqual({ cases: 2, events: 8 });
    // Used again, c2 is the newest; a step appended to it is folded onto the kept state.
    await temp.store.append(caseStreamId('c2'), toNewEvents([note('fler')], context()), 3);
    expect(journal((await states.load(caseStreamId('c2'))).state)).toHaveLength(4);
    expect({ cases: states.size, events: states.events }).toEqual({ cases: 2, events: 9 });
    // Too long to keep: it is read whole each time, and the others stay.
    expect(journal((await states.load(caseStreamId('big'))).state)).toHaveLength(10);
    expect(journal((await states.load(caseStreamId('big'))).state)).toHaveLength(10);
    expect({ cases: states.size, events: states.events }).toEqual({ cases: 2, events: 9 });
  });
});
