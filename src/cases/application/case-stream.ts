import { createHash, randomUUID } from 'node:crypto';
import type { NewEvent, RecordedEvent } from '../../event-store/event-store.port';
import { businessDateOf, isCaseEvent, type CaseEvent } from '../domain/case-events';

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
  /** When set, event ids are derived from it so a retried request writes nothing twice. */
  idempotencySeed?: string;
}

/** A UUID (v4 layout) derived from a seed: the same seed always gives the same id. */
export function deterministicUuid(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function toNewEvents(events: CaseEvent[], context: RecordingContext, salt = ''): NewEvent[] {
  return events.map((event, i) => ({
    id: context.idempotencySeed ? deterministicUuid(`${context.idempotencySeed}:${salt}:${i}`) : randomUUID(),
    type: event.type,
    schemaVersion: 1,
    data: event.data as unknown as Record<string, unknown>,
    metadata: {
      occurredOn: businessDateOf(event),
      recordedAt: context.recordedAt,
      recordedBy: context.actor,
      correlationId: context.correlationId,
      causationId: context.causationId,
    },
  }));
}

export function toCaseEvents(recorded: RecordedEvent[]): CaseEvent[] {
  return recorded.filter(isCaseEvent).map((e) => ({ type: e.type, data: e.data }) as CaseEvent);
}
