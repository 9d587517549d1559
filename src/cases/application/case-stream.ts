import { createHash, randomUUID } from 'node:crypto';
import type { ImportOrigin, NewEvent, RecordedEvent } from '../../event-store/event-store.port';
import { businessDateOf, isCaseEvent, type CaseEvent } from '../domain/case-events';
import { caseEventVersion } from '../domain/case-upcasters';

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

/** A recorded event as the decider knows it (its type and data), or undefined for any other event. */
export function toCaseEvent(recorded: RecordedEvent): CaseEvent | undefined {
  return isCaseEvent(recorded) ? ({ type: recorded.type, data: recorded.data } as CaseEvent) : undefined;
}

export function toCaseEvents(recorded: RecordedEvent[]): CaseEvent[] {
  return recorded.flatMap((e) => toCaseEvent(e) ?? []);
}
