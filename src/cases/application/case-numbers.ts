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
  /** The last revision seen per counter stream: each registration reads only what came after it. */
  private readonly seen = new Map<string, number>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /**
   * Reads the counter stream from the last revision this process saw, so a
   * registration costs the same in a district-year's first case as in its
   * ten-thousandth (another process's reservations are read as they come).
   */
  private async lastRevision(stream: string, caseId: string): Promise<{ last: number | 'no-stream'; mine?: number }> {
    const known = this.seen.get(stream);
    const fresh = await this.store.readStream(stream, known === undefined ? 0 : known + 1);
    const last = fresh.length > 0 ? fresh[fresh.length - 1].revision : (known ?? 'no-stream');
    if (typeof last === 'number') this.seen.set(stream, last);
    return { last, mine: fresh.find((e) => e.data.caseId === caseId)?.revision };
  }

  async reserve(prefix: string, year: number, caseId: string, actor: string, recordedAt: string): Promise<string> {
    const stream = `casenumbers-${prefix}-${year}`;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const { last, mine } = await this.lastRevision(stream, caseId);
      if (mine !== undefined) return format(prefix, year, mine + 1);
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
        // An earlier reservation of this case (a retry) answers with its own revision, not the newest.
        if (result.nextExpectedRevision > (this.seen.get(stream) ?? -1))
          this.seen.set(stream, result.nextExpectedRevision);
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
