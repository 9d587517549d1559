/** The middle value; every benchmark here runs an odd number of rounds, so it is one of them. */
export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export const percentile = (xs: number[], p: number): number =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

/** Seconds since a `process.hrtime.bigint()`. */
export const secondsSince = (started: bigint): number => Number(process.hrtime.bigint() - started) / 1e9;

/**
 * Each contender once per round, in turn (A B A B ...), for `rounds` rounds:
 * a drift of the machine (page cache, clock speed, other work) falls on all of
 * them alike, and the median of each drops a disturbed round, where best-of
 * would keep a lucky one. Each run returns how many things it did; the results
 * are rates per second, in round order.
 */
export async function interleaved<K extends string>(
  rounds: number,
  contenders: Record<K, () => number | Promise<number>>,
): Promise<Record<K, number[]>> {
  const names = Object.keys(contenders) as K[];
  const rates = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<K, number[]>;
  for (let round = 0; round < rounds; round++) {
    for (const name of names) {
      const started = process.hrtime.bigint();
      const count = await contenders[name]();
      rates[name].push(count / secondsSince(started));
    }
  }
  return rates;
}
