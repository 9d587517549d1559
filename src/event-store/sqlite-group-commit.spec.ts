import { type NewEvent, WrongExpectedVersionError } from './event-store.port';
import { newEvent } from '../testing/events';
import { temporaryStore } from '../testing/temporary-store';

const event = (): NewEvent => newEvent('Noted');

describe('SQLite adapter: group commit', () => {
  const temp = temporaryStore('fut-group-');

  it('appends that arrive together are each decided on their own: a refused one leaves the others written', async () => {
    await temp.store.append('taken', [event()], 'no-stream');
    const appends = [
      ...Array.from({ length: 20 }, (_, i) => temp.store.append(`s${i}`, [event(), event()], 'no-stream')),
      temp.store.append('taken', [event()], 'no-stream'),
      temp.store.append('s0', [event()], 'no-stream'), // races s0's own creation in the same group
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
    expect(await temp.store.headPosition()).toBe(1 + 40);
    expect((await temp.store.readStream('taken')).length).toBe(1);
    expect((await temp.store.readStream('s0')).length).toBe(2);
  });

  it('a retried append in the same group as its first attempt is written once', async () => {
    const events = [event()];
    const [a, b] = await Promise.all([
      temp.store.append('x', events, 'no-stream'),
      temp.store.append('x', events, 'no-stream'),
    ]);
    expect(a).toEqual(b);
    expect((await temp.store.readStream('x')).length).toBe(1);
  });
});
