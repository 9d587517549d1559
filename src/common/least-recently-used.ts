/**
 * A map of at most `capacity` entries that drops the one used longest ago to
 * make room. `get` counts as a use; `peek` does not.
 *
 * With `maxWeight` and `weigh`, the entries' weights (e.g. the events a folded
 * case holds) also stay at most `maxWeight` in sum: the least recently used go
 * first, and an entry heavier than `maxWeight` on its own is not kept at all.
 */
export class LeastRecentlyUsed<K, V> {
  private readonly entries = new Map<K, { value: V; weight: number }>();
  private totalWeight = 0;

  constructor(
    private readonly capacity: number,
    private readonly limits: { maxWeight: number; weigh: (value: V) => number } | undefined = undefined,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** The sum of the entries' weights (0 without `weigh`). */
  get weight(): number {
    return this.totalWeight;
  }

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    // A Map iterates in insertion order: inserted again, the entry is the newest.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  peek(key: K): V | undefined {
    return this.entries.get(key)?.value;
  }

  set(key: K, value: V): void {
    this.delete(key);
    const weight = this.limits ? this.limits.weigh(value) : 0;
    // Too heavy to keep at all: the others stay.
    if (this.limits && weight > this.limits.maxWeight) return;
    this.entries.set(key, { value, weight });
    this.totalWeight += weight;
    while (this.entries.size > this.capacity || (this.limits && this.totalWeight > this.limits.maxWeight)) {
      this.delete(this.entries.keys().next().value!);
    }
  }

  delete(key: K): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.entries.delete(key);
    this.totalWeight -= entry.weight;
  }

  /** Every entry, least recently used first; not a use. */
  *[Symbol.iterator](): IterableIterator<[K, V]> {
    for (const [key, { value }] of this.entries) yield [key, value];
  }
}
