import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore, WrongExpectedVersionError } from '../../event-store/event-store.port';
import { deterministicUuid } from './case-stream';

const MAX_ATTEMPTS = 100;

/**
 * Case numbers `<prefix>-<year>-<sequence>`, sequential per district and year.
 * Each number is reserved by appending to a counter stream with the expected
 * revision, so two registrations can never get the same number, also across
 * processes and with EventStoreDB.
 */
@Injectable()
export class CaseNumbers {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async reserve(prefix: string, year: number, caseId: string, actor: string, recordedAt: string): Promise<string> {
    const stream = `casenumbers-${prefix}-${year}`;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const existing = await this.store.readStream(stream);
      const mine = existing.find((e) => e.data.caseId === caseId);
      if (mine) return format(prefix, year, mine.revision + 1);
      const last = existing.length > 0 ? existing[existing.length - 1].revision : 'no-stream';
      try {
        const result = await this.store.append(
          stream,
          [
            {
              // Derived from the case id: a retried registration reuses its number.
              id: deterministicUuid(`case-number:${caseId}`),
              type: 'CaseNumberReserved',
              schemaVersion: 1,
              data: { caseId },
              metadata: {
                occurredOn: recordedAt.slice(0, 10),
                recordedAt,
                recordedBy: actor,
                correlationId: caseId,
                causationId: null,
              },
            },
          ],
          last,
        );
        return format(prefix, year, result.nextExpectedRevision + 1);
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        await new Promise((r) => setTimeout(r, Math.random() * 5 * (attempt + 1)));
      }
    }
    throw new Error(`Could not reserve a case number in ${stream} after ${MAX_ATTEMPTS} attempts`);
  }
}

function format(prefix: string, year: number, sequence: number): string {
  return `${prefix}-${year}-${String(sequence).padStart(4, '0')}`;
}
