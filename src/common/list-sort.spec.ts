import { byName, districtOrder, sortOrder, sortValues } from './list-sort';

describe('list orders', () => {
  it('takes a key ascending, or with a leading - descending, and names every value it accepts', () => {
    expect(sortOrder('name', { key: 'receivedOn', descending: true })).toEqual({ key: 'name', descending: false });
    expect(sortOrder('-name', { key: 'receivedOn', descending: true })).toEqual({ key: 'name', descending: true });
    expect(sortOrder(undefined, { key: 'receivedOn', descending: true })).toEqual({
      key: 'receivedOn',
      descending: true,
    });
    expect(sortValues(['a', 'b'])).toEqual(['a', '-a', 'b', '-b']);
  });

  it('orders names as Swedish is read (å, ä, ö after z), and those without one last either way', () => {
    const rows = ['Östen', null, 'Åsa', 'Zelda', 'ärla', 'Adam', 'Ängla', null].map((name, i) => ({ name, i }));
    const tie = (a: { i: number }, b: { i: number }) => a.i - b.i;
    expect(byName(rows, (r) => r.name, false, tie).map((r) => r.name)).toEqual([
      'Adam',
      'Zelda',
      'Åsa',
      'Ängla',
      'ärla',
      'Östen',
      null,
      null,
    ]);
    expect(byName(rows, (r) => r.name, true, tie).map((r) => r.name)).toEqual([
      'Östen',
      'ärla',
      'Ängla',
      'Åsa',
      'Zelda',
      'Adam',
      null,
      null,
    ]);
    // Rows without a name keep the tie's order whichever way the names go: their place says nothing of a name.
    expect(
      byName(rows, (r) => r.name, true, tie)
        .filter((r) => r.name === null)
        .map((r) => r.i),
    ).toEqual([1, 7]);
  });

  it('ranks districts by their names in Swedish order, not by their codes', () => {
    expect(
      districtOrder([
        { code: 'ostermalm', name: 'Östermalm' },
        { code: 'alvsjo', name: 'Älvsjö' },
        { code: 'skarholmen', name: 'Skärholmen' },
        { code: 'bromma', name: 'Bromma' },
      ]),
    ).toEqual(['bromma', 'skarholmen', 'alvsjo', 'ostermalm']);
  });
});
