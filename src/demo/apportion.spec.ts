import { apportion } from './apportion';

describe('apportion', () => {
  it('splits in proportion with an exact sum', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(636, [6, 19, 40]).reduce((a, b) => a + b, 0)).toBe(636);
  });
  it('respects lower and upper bounds', () => {
    expect(apportion(10, [1, 1], [0, 0], [2, Infinity])).toEqual([2, 8]);
    expect(apportion(10, [0, 1], [3, 0])).toEqual([3, 7]);
    expect(() => apportion(10, [1, 1], [0, 0], [2, 2])).toThrow(/upper bounds/);
  });
});
