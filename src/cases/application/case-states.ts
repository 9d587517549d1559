import type { EventStore, RecordedEvent } from '../../event-store/event-store.port';
import { type CaseState, initialState } from '../domain/case-state';
import { evolve } from '../steps';
import { toCaseEvent } from './case-stream';
import { LeastRecentlyUsed } from '../../common/least-recently-used';

/** A case stream folded up to one of its events. Never changed once made: the same object serves many requests. */
export interface FoldedCase {
  readonly state: CaseState;
  /** Revision of the last event folded (the case's version); -1 when the stream is empty. */
  readonly version: number;
  /** Id of that event: a stream that no longer has it there is not the stream that was folded. */
  readonly lastEventId: string | null;
  /** The Idempotency-Keys (seeds) of keyed requests whose events are in the stream. */
  readonly keys: ReadonlySet<string>;
}

const EMPTY: FoldedCase = { state: initialState(), version: -1, lastEventId: null, keys: new Set() };

/** Cases kept folded; a case beyond them is read whole again when it is next used. */
export const MAX_CASES = 2000;
/**
 * Events those cases may hold in all: a folded state grows with its history
 * (journal entries, payments, repayments), so a count of cases alone would
 * not bound the memory. A case with more events than this is not kept.
 */
export const MAX_FOLDED_EVENTS = 100_000;

function foldOnto(from: FoldedCase, events: RecordedEvent[]): FoldedCase {
  if (events.length === 0) return from;
  let state = from.state;
  let keys = from.keys;
  for (const e of events) {
    const event = toCaseEvent(e);
    if (event) state = evolve(state, event);
    const key = e.metadata.idempotency?.key;
    if (key !== undefined && !keys.has(key)) keys = new Set(keys).add(key);
  }
  const last = events[events.length - 1];
  return { state, version: last.revision, lastEventId: last.id, keys };
}

/**
 * Case states folded from their streams, kept per process (at most MAX_CASES
 * cases and MAX_FOLDED_EVENTS of their events, least recently used out
 * first), so a step reads and folds only what was appended
 * since, not the whole stream: replaying a case with a long journal on every
 * step was most of a step's own cost.
 *
 * Every load still asks the store, from the last folded event on: what another
 * process (or another instance on the same store) appended is folded in before
 * the state is used, and a stream that does not have the folded event where it
 * was (a store restored from a backup) is read whole again. So a kept state is
 * never older than a full read would be; an append decided on it still names
 * its expected revision, and a conflict drops the entry (`forget`).
 */
export class CaseStates {
  private readonly folded: LeastRecentlyUsed<string, FoldedCase>;

  constructor(
    private readonly store: EventStore,
    maxCases = MAX_CASES,
    maxEvents = MAX_FOLDED_EVENTS,
  ) {
    this.folded = new LeastRecentlyUsed(maxCases, { maxWeight: maxEvents, weigh: (f) => f.version + 1 });
  }

  /** How many cases are kept folded. */
  get size(): number {
    return this.folded.size;
  }

  /** How many events the kept cases hold in all. */
  get events(): number {
    return this.folded.weight;
  }

  async load(streamId: string): Promise<FoldedCase> {
    const kept = this.folded.peek(streamId);
    let current: FoldedCase | undefined;
    if (kept) {
      const tail = await this.store.readStream(streamId, kept.version);
      if (tail.length > 0 && tail[0].id === kept.lastEventId && tail[0].revision === kept.version)
        current = foldOnto(kept, tail.slice(1));
    }
    current ??= foldOnto(EMPTY, await this.store.readStream(streamId));
    this.keep(streamId, current, kept);
    return current;
  }

  /** After a conflicting append: the next load reads the stream whole. */
  forget(streamId: string): void {
    this.folded.delete(streamId);
  }

  private keep(streamId: string, folded: FoldedCase, base: FoldedCase | undefined): void {
    // An empty stream is not kept.
    if (folded.version < 0) {
      this.folded.delete(streamId);
      return;
    }
    const kept = this.folded.peek(streamId);
    // Two loads of one case may finish out of order: the one that started later may have kept a newer fold.
    const newer = kept && kept !== base && kept.version > folded.version ? kept : folded;
    this.folded.set(streamId, newer);
  }
}
