import { randomUUID } from 'node:crypto';
import { temporaryStore } from '../../testing/temporary-store';
import { CaseNumbers } from './case-numbers';

describe('case numbers', () => {
  const temp = temporaryStore('fut-numbers-');
  const at = '2018-03-01T10:00:00Z';

  it('stay unique and gap-free under racing registrations from two services on one store, and across a restart', async () => {
    const a = new CaseNumbers(temp.store);
    const b = new CaseNumbers(temp.store);
    const cases = Array.from({ length: 60 }, () => randomUUID());
    const numbers = await Promise.all(cases.map((id, i) => (i % 2 ? a : b).reserve('SN', 2018, id, 't', at)));
    expect([...numbers].sort()).toEqual(
      Array.from({ length: 60 }, (_, i) => `SN-2018-${String(i + 1).padStart(4, '0')}`),
    );

    const restarted = new CaseNumbers(temp.store);
    expect(await restarted.reserve('SN', 2018, randomUUID(), 't', at)).toBe('SN-2018-0061');
    // A retried registration keeps its number, whichever service it reaches.
    expect(await restarted.reserve('SN', 2018, cases[7], 't', at)).toBe(numbers[7]);
    expect(await a.reserve('SN', 2018, cases[8], 't', at)).toBe(numbers[8]);
    expect(await b.reserve('SN', 2018, randomUUID(), 't', at)).toBe('SN-2018-0062');
    expect(await b.reserve('SN', 2019, randomUUID(), 't', at)).toBe('SN-2019-0001');
  });

  it('go together in one append per batch within a process, each its own number in order of arrival', async () => {
    const numbers = new CaseNumbers(temp.store);
    const append = jest.spyOn(temp.store, 'append');
    const cases = Array.from({ length: 50 }, () => randomUUID());
    const reserved = await Promise.all(cases.map((id) => numbers.reserve('FA', 2018, id, 't', at)));
    expect(reserved).toEqual(Array.from({ length: 50 }, (_, i) => `FA-2018-${String(i + 1).padStart(4, '0')}`));
    // The first alone, the 49 that queued meanwhile in one append: no race for the same revision.
    expect(append).toHaveBeenCalledTimes(2);
    expect(append.mock.calls[1][1]).toHaveLength(49);
  });

  it('keep a retried registration on its number when it arrives in a batch with new ones', async () => {
    const numbers = new CaseNumbers(temp.store);
    const [c1, c2, c3, c4, c5] = Array.from({ length: 5 }, () => randomUUID());
    for (const id of [c1, c2, c3]) await numbers.reserve('FA', 2018, id, 't', at);
    // c2 is retried behind c4, together with c5: its event id is already in the stream, before what this process saw.
    const [n4, n2, n5, again4] = await Promise.all([
      numbers.reserve('FA', 2018, c4, 't', at),
      numbers.reserve('FA', 2018, c2, 't', at),
      numbers.reserve('FA', 2018, c5, 't', at),
      numbers.reserve('FA', 2018, c4, 't', at),
    ]);
    expect([n4, n2, n5, again4]).toEqual(['FA-2018-0004', 'FA-2018-0002', 'FA-2018-0005', 'FA-2018-0004']);
    expect(await temp.store.readStream('casenumbers-FA-2018')).toHaveLength(5);
  });
});
