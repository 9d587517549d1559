/**
 * Splits a whole number over weights in proportion, each share between its
 * lower and upper bound, summing exactly to the total (largest remainders).
 */
export function apportion(
  total: number,
  weights: number[],
  lo: number[] = weights.map(() => 0),
  hi: number[] = weights.map(() => Infinity),
): number[] {
  const n = weights.length;
  const shares = lo.slice();
  let rest = total - shares.reduce((a, b) => a + b, 0);
  if (rest < 0) throw new Error(`apportion: lower bounds ${shares.reduce((a, b) => a + b, 0)} exceed total ${total}`);
  const room = (i: number): number => hi[i] - shares[i];
  for (let guard = 0; rest > 0 && guard < 1000; guard++) {
    const open = [...Array(n).keys()].filter((i) => room(i) > 0);
    if (open.length === 0) throw new Error(`apportion: upper bounds leave ${rest} of ${total} unplaced`);
    const weightSum = open.reduce((s, i) => s + Math.max(weights[i], 0), 0);
    const ideal = open.map((i) => (weightSum > 0 ? (rest * Math.max(weights[i], 0)) / weightSum : rest / open.length));
    let placed = 0;
    open.forEach((i, k) => {
      const take = Math.min(Math.floor(ideal[k]), room(i));
      shares[i] += take;
      placed += take;
    });
    rest -= placed;
    if (rest === 0) break;
    // Largest remainders first, one unit each, among those with room.
    const order = open
      .map((i, k) => ({ i, r: ideal[k] - Math.floor(ideal[k]) + (weights[i] > 0 ? 0 : -1) }))
      .filter(({ i }) => room(i) > 0)
      .sort((a, b) => b.r - a.r || a.i - b.i);
    for (const { i } of order) {
      if (rest === 0) break;
      if (room(i) > 0) {
        shares[i] += 1;
        rest -= 1;
      }
    }
  }
  if (rest !== 0) throw new Error(`apportion: could not place ${rest}`);
  return shares;
}

/** A small deterministic random generator (mulberry32), so the demo history is the same every time. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
