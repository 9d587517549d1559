import { createHash, randomUUID } from 'node:crypto';
import type { ImportOrigin, NewEvent, RecordedEvent } from '../../event-store/event-store.port';
import { businessDateOf, isCaseEvent, type CaseEvent } from '../steps';
import { caseEventVersion } from '../steps';
import { type CaseEventReads, caseEventProblems, caseEventProblemsFor } from '../steps';
import type { ShapeProblem } from '../../kernel/shape';
import { type AnsweredAsProblem, Problem } from '../../common/problem';

export const CASE_STREAM_PREFIX = 'case-';
export const caseStreamId = (caseId: string): string => `${CASE_STREAM_PREFIX}${caseId}`;
export const isCaseStream = (streamId: string): boolean => streamId.startsWith(CASE_STREAM_PREFIX);
export const caseIdOf = (streamId: string): string => streamId.slice(CASE_STREAM_PREFIX.length);

/** Who asked for a change, and which request it belongs to. */
export interface RecordingContext {
  actor: string;
  recordedAt: string;
  correlationId: string;
  causationId: string | null;
  /** From an Idempotency-Key: event ids are derived from the key alone, so a retried request writes nothing twice. */
  idempotency?: { key: string; requestHash: string };
  /** The register row an import wrote the events from. */
  imported?: ImportOrigin;
}

/** A UUID (v4 layout) derived from a seed: the same seed always gives the same id. */
export function deterministicUuid(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The id of the i-th event written for an Idempotency-Key: the same whatever the stream's version. */
export const keyedEventId = (key: string, i: number): string => deterministicUuid(`${key}:event:${i}`);

export function toNewEvents(events: CaseEvent[], context: RecordingContext): NewEvent[] {
  return events.map((event, i) => ({
    id: context.idempotency ? keyedEventId(context.idempotency.key, i) : randomUUID(),
    type: event.type,
    schemaVersion: caseEventVersion(event.type),
    data: event.data as unknown as Record<string, unknown>,
    metadata: {
      occurredOn: businessDateOf(event),
      recordedAt: context.recordedAt,
      recordedBy: context.actor,
      correlationId: context.correlationId,
      causationId: context.causationId,
      ...(context.idempotency ? { idempotency: context.idempotency } : {}),
      ...(context.imported ? { imported: context.imported } : {}),
    },
  }));
}

/**
 * The events an earlier attempt of the same keyed request wrote to this
 * stream, found by the ids the key alone determines; empty when it wrote none.
 */
export function writtenFor(key: string, recorded: RecordedEvent[]): RecordedEvent[] {
  const first = keyedEventId(key, 0);
  const start = recorded.findIndex((e) => e.id === first);
  if (start < 0) return [];
  const mine = [recorded[start]];
  for (let i = 1; start + i < recorded.length && recorded[start + i].id === keyedEventId(key, i); i++)
    mine.push(recorded[start + i]);
  return mine;
}

/**
 * A stored case event that the fold and the projections cannot read (written
 * by an older version, or by hand). It names the event and the fields, never
 * their content. The way out is a correction (see EventCorrections), never an edit of the log.
 */
export class MalformedEventError extends Error implements AnsweredAsProblem {
  constructor(
    readonly event: { id: string; type: string; streamId: string; revision: number; position: number },
    readonly problems: ShapeProblem[],
  ) {
    super(
      `${event.type} at position ${event.position} (${event.streamId}, version ${event.revision}) cannot be read: ${problems
        .map((p) => `${p.field} ${p.message}`)
        .join('; ')}`,
    );
    this.name = 'MalformedEventError';
  }

  /** The case cannot be folded until the event is corrected: a fault of the stored log, which an administrator mends. */
  asProblem(): Problem {
    return new Problem(
      503,
      'event-unreadable',
      'Service unavailable',
      `The case's ${this.event.type} event at position ${this.event.position} cannot be read (${this.problems
        .map((p) => p.field)
        .join(
          ', ',
        )}). An administrator corrects it with POST /api/event-corrections (streamId ${this.event.streamId}, position ${this.event.position}); the log is never edited.`,
      {
        failedEvent: {
          position: this.event.position,
          type: this.event.type,
          fields: this.problems.map((p) => p.field),
        },
      },
    );
  }
}

/**
 * A recorded event as the decider knows it (its type and data), or undefined
 * for any other event; a case event whose data does not fit its shape throws
 * MalformedEventError, so no reader goes on with garbage. A reader that reads
 * only some fields (`reads`) checks only those: a fault elsewhere in the event stops the others, not it.
 */
export function toCaseEvent(recorded: RecordedEvent, reads?: CaseEventReads): CaseEvent | undefined {
  if (!isCaseEvent(recorded)) return undefined;
  const problems = reads ? caseEventProblemsFor(recorded, reads) : caseEventProblems(recorded, false);
  if (problems.length > 0) throw new MalformedEventError(recorded, problems);
  return { type: recorded.type, data: recorded.data } as CaseEvent;
}

export function toCaseEvents(recorded: RecordedEvent[]): CaseEvent[] {
  return recorded.flatMap((e) => toCaseEvent(e) ?? []);
}
