import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type NewEvent, WrongExpectedVersionError } from './event-store.port';
import { SqliteEventStore } from './sqlite-event-store';
import { newEvent } from '../testing/events';

const event = (): NewEvent => newEvent('Noted');

describe('SQLite adapter: group commit', () => {
  let dir: string;
  let store: SqliteEventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'fut-group-'));
    store = new SqliteEventStore(join(dir, 'events.db'));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('appends that arrive together are each decided on their own: a refused one leaves the others written', async () => {
    await store.append('taken', [event()], 'no-stream');
    const appends = [
      ...Array.from({ length: 20 }, (_, i) => store.append(`s${i}`, [event(), event()], 'no-stream')),
      store.append('taken', [event()], 'no-stream'),
      store.append('s0', [event()], 'no-stream'), // races s0's own creation in the same group
    ];
    const settled = await Promise.allSettled(appends);
    const written = settled.slice(0, 20).map((r) => (r.status === 'fulfilled' ? r.value : undefined));
    expect(written.every((r) => r?.nextExpectedRevision === 1)).toBe(true);
    const positions = written.map((r) => r!.position);
    expect(new Set(positions).size).toBe(20);
    for (const refused of settled.slice(20)) {
      expect(refused.status).toBe('rejected');
      expect((refused as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedVersionError);
    }
    expect(await store.headPosition()).toBe(1 + 40);
    expect((await store.readStream('taken')).length).toBe(1);
    expect((await store.readStream('s0')).length).toBe(2);
  });

  it('a retried append in the same group as its first attempt is written once', async () => {
    const events = [event()];
    const [a, b] = await Promise.all([store.append('x', events, 'no-stream'), store.append('x', events, 'no-stream')]);
    expect(a).toEqual(b);
    expect((await store.readStream('x')).length).toBe(1);
  });
});
