import { type AnsweredAsProblem, Problem } from '../common/problem';

/**
 * The event store port: the only way the rest of the service reaches the log.
 * Two adapters implement it (embedded SQLite, EventStoreDB); one contract suite
 * (test/contract) proves they behave the same.
 *
 * Revisions are 0-based per stream, like EventStoreDB. Global positions are
 * positive integers that only grow; 0 means "before the first event".
 *
 * Every `after` given to `readAll` or `subscribe` must be 0 or a position this
 * store returned (an append result, a read event, `headPosition()`): positions
 * are not dense, and EventStoreDB refuses any number that is not the exact start
 * of a record. Never compute one (`position - 1`); take `headPosition()` first.
 */

/** Who recorded an event, when, and the business date it belongs to. */
export interface EventMetadata {
  /** Business date of the step (YYYY-MM-DD, Europe/Stockholm). Statistics use this. */
  occurredOn: string;
  /** ISO timestamp of when the service stored it. */
  recordedAt: string;
  /** User id of the person (or system job) that recorded it. */
  recordedBy: string;
  correlationId: string;
  causationId: string | null;
  /**
   * Set on the events of a request sent with an Idempotency-Key: which key
   * (hashed with the user) and which request (keyed hash), so a retry finds
   * what the first attempt wrote, in the same append as the change itself.
   */
  idempotency?: { key: string; requestHash: string };
  /** Set on events written by an import: which file (SHA-256 of its bytes) and row; recordedBy says by whom. */
  imported?: ImportOrigin;
  /**
   * Never stored: set when the event is read with an administrator's correction in
   * place of its stored data (see CorrectingEventStore), saying where the correction is and who made it.
   */
  correction?: { position: number; recordedBy: string; recordedAt: string };
}

export interface ImportOrigin {
  fileSha256: string;
  row: number;
  /** The repayments import: whether the payment's row had a reference of its own in the ledger. */
  paymentReference?: boolean;
}

export type EventData = Record<string, unknown>;

export interface NewEvent {
  /** UUID; what a retry with the same ids does is described on `EventStore.append`. */
  id: string;
  type: string;
  schemaVersion: number;
  data: EventData;
  metadata: EventMetadata;
}

export interface RecordedEvent extends NewEvent {
  streamId: string;
  revision: number;
  position: number;
}

export type ExpectedRevision = number | 'no-stream' | 'exists' | 'any';

export interface AppendResult {
  /** The stream's revision after the append (the last event's revision). */
  nextExpectedRevision: number;
  /** Global position of the last event appended. */
  position: number;
}

export class WrongExpectedVersionError extends Error {
  readonly code = 'wrong-expected-version';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** The stream's actual revision, or 'no-stream' when it does not exist. */
    readonly actual: number | 'no-stream',
  ) {
    super(`Stream ${streamId}: expected revision ${String(expected)}, actual ${String(actual)}`);
    this.name = 'WrongExpectedVersionError';
  }
}

/** A retry reused some event ids but not all (both adapters), or put them in another stream (SQLite only). */
export class DuplicateEventIdError extends Error {
  readonly code = 'duplicate-event-id';
  constructor(readonly eventId: string) {
    super(`Event id ${eventId} was already used in a different append`);
    this.name = 'DuplicateEventIdError';
  }
}

/**
 * Largest append, in bytes of serialized event data and metadata (UTF-8 JSON).
 * It is EventStoreDB's default MaxAppendSize; both adapters refuse more, so a
 * history written on one can always be moved to the other.
 */
export const MAX_APPEND_BYTES = 1024 * 1024;

/** An append whose serialized events exceed MAX_APPEND_BYTES; nothing was written. */
export class AppendTooLargeError extends Error implements AnsweredAsProblem {
  readonly code = 'append-too-large';
  constructor(
    readonly streamId: string,
    /** The serialized size, or undefined when only the server measured it. */
    readonly bytes: number | undefined,
    readonly limit: number = MAX_APPEND_BYTES,
  ) {
    super(`Append to ${streamId} is ${bytes ?? 'over'} bytes; the limit is ${limit}`);
    this.name = 'AppendTooLargeError';
  }

  asProblem(): Problem {
    return new Problem(
      413,
      'payload-too-large',
      'Payload too large',
      'The change is larger than the event store takes.',
    );
  }
}

/** Bytes an append stores: each event's data and metadata as UTF-8 JSON. */
export function serializedAppendSize(events: NewEvent[]): number {
  let bytes = 0;
  for (const e of events) {
    bytes += Buffer.byteLength(JSON.stringify(e.data)) + Buffer.byteLength(JSON.stringify(e.metadata));
  }
  return bytes;
}

/** Throws AppendTooLargeError before anything is written. */
export function assertAppendSize(streamId: string, events: NewEvent[]): void {
  const bytes = serializedAppendSize(events);
  if (bytes > MAX_APPEND_BYTES) throw new AppendTooLargeError(streamId, bytes);
}

export interface SubscriptionOptions {
  /** Deliver events with a position strictly greater than this: 0 (from the start) or a position the store returned. */
  after: number;
  /** Stops the subscription; the iterator then ends. */
  signal?: AbortSignal;
  /** Largest batch handed over at once during catch-up. */
  batchSize?: number;
}

export type StoreKind = 'sqlite' | 'eventstoredb';

export interface EventStore {
  readonly kind: StoreKind;
  /**
   * Appends all events or none. Throws WrongExpectedVersionError when the
   * expectation does not hold, AppendTooLargeError over MAX_APPEND_BYTES.
   *
   * A retry with the same event ids (the first answer was lost):
   * - Both adapters, when the expectation is a revision number or "no-stream"
   *   and the same as the first attempt's: the retry succeeds, writes nothing
   *   and answers as the first time, also after the stream moved on and across
   *   restarts (EventStoreDB compares the ids with the events stored after the
   *   expected revision). If those start with the first id but a later one
   *   differs: DuplicateEventIdError.
   * - SQLite: ids are unique over the whole log, so this holds for any
   *   expectation, also a different one; ids reused in another stream:
   *   DuplicateEventIdError.
   * - EventStoreDB: with "any" or "exists" the server only consults an in-memory
   *   cache of recent ids on the leader that wrote them, lost on restart or
   *   leader change, after which the events are written again. A retry with a
   *   different expectation that matches the current revision writes them again,
   *   and ids are not unique across streams. Appends that must be idempotent
   *   therefore use a number or "no-stream", and their retry the same one. A
   *   retry racing an original that is not yet replicated times out on the
   *   server; the adapter sends it again a few times.
   */
  append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult>;
  /** Events of one stream from a revision on (inclusive). A missing stream is empty. */
  readStream(streamId: string, fromRevision?: number): Promise<RecordedEvent[]>;
  /** Up to `limit` events with a position strictly after `after` (0 or a returned position), in global order. */
  readAll(after: number, limit: number): Promise<RecordedEvent[]>;
  /**
   * Catch-up subscription to all (non-system) events after a position, then live.
   * Yields batches in global order, with no gaps and no duplicates; consume with
   * `for await` so a slow consumer holds the producer back.
   */
  subscribe(options: SubscriptionOptions): AsyncIterable<RecordedEvent[]>;
  /** Position of the newest event, 0 when the log is empty. */
  headPosition(): Promise<number>;
  /** Whether the store answers (for /health). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EVENT_STORE');
