import { Inject, Injectable } from '@nestjs/common';
import {
  DuplicateEventIdError,
  EVENT_STORE,
  type EventStore,
  type NewEvent,
  WrongExpectedVersionError,
} from '../../event-store/event-store.port';
import { deterministicUuid } from './case-stream';

const MAX_ATTEMPTS = 100;

interface Reservation {
  caseId: string;
  actor: string;
  recordedAt: string;
  resolve: (sequence: number) => void;
  reject: (error: Error) => void;
}

/**
 * Case numbers `<prefix>-<year>-<sequence>`, sequential per district and year.
 * Each number is reserved by appending to a counter stream with the expected
 * revision, so two registrations can never get the same number, also across
 * processes and with EventStoreDB.
 *
 * Within one process the registrations of a district-year queue up: while one
 * append to its counter is on its way, the ones that arrive meanwhile wait and
 * then go together, one event each in one append. Concurrent registrations
 * thus no longer race each other for the same revision (one won per commit,
 * the others slept and tried again); only another process can still conflict.
 */
@Injectable()
export class CaseNumbers {
  /** The last revision seen per counter stream: each registration reads only what came after it. */
  private readonly seen = new Map<string, number>();
  /** Per counter stream: the reservations waiting for the append under way to finish. */
  private readonly queues = new Map<string, Reservation[]>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /**
   * Reads the counter stream from the last revision this process saw, so a
   * registration costs the same in a district-year's first case as in its
   * ten-thousandth (another process's reservations are read as they come).
   */
  private async lastRevision(stream: string): Promise<{ last: number | 'no-stream'; found: Map<string, number> }> {
    const known = this.seen.get(stream);
    const fresh = await this.store.readStream(stream, known === undefined ? 0 : known + 1);
    const last = fresh.length > 0 ? fresh[fresh.length - 1].revision : (known ?? 'no-stream');
    if (typeof last === 'number') this.seen.set(stream, last);
    const found = new Map<string, number>();
    for (const e of fresh) {
      const caseId = e.data.caseId as string;
      if (!found.has(caseId)) found.set(caseId, e.revision);
    }
    return { last, found };
  }

  reserve(prefix: string, year: number, caseId: string, actor: string, recordedAt: string): Promise<string> {
    const stream = `casenumbers-${prefix}-${year}`;
    return new Promise<number>((resolve, reject) => {
      const waiting = this.queues.get(stream);
      const reservation = { caseId, actor, recordedAt, resolve, reject };
      if (waiting) waiting.push(reservation);
      else {
        this.queues.set(stream, []);
        void this.drain(stream, [reservation]);
      }
    }).then((sequence) => format(prefix, year, sequence));
  }

  /** Reserves `first`, then whatever queued up meanwhile, until the queue is empty. */
  private async drain(stream: string, first: Reservation[]): Promise<void> {
    for (let batch = first; batch.length > 0;) {
      await this.reserveAll(stream, batch).catch((error: Error) => batch.forEach((r) => r.reject(error)));
      batch = this.queues.get(stream)!;
      this.queues.set(stream, []);
    }
    this.queues.delete(stream);
  }

  /** One event per case in one append; a retried registration gets the number it already has. */
  private async reserveAll(stream: string, reservations: Reservation[]): Promise<void> {
    // The same case twice (racing retries of one keyed registration) gets one number.
    const byCase = new Map<string, Reservation[]>();
    for (const r of reservations) byCase.set(r.caseId, [...(byCase.get(r.caseId) ?? []), r]);
    const settle = (caseId: string, revision: number): void => {
      byCase.get(caseId)!.forEach((r) => r.resolve(revision + 1));
      byCase.delete(caseId);
    };
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const { last, found } = await this.lastRevision(stream);
      for (const [caseId, revision] of found) if (byCase.has(caseId)) settle(caseId, revision);
      if (byCase.size === 0) return;
      const cases = [...byCase.keys()];
      try {
        const result = await this.store.append(
          stream,
          cases.map((caseId) => this.reservedEvent(caseId, byCase.get(caseId)![0])),
          last,
        );
        // An earlier reservation of these cases (a retry) answers with its own revisions, not the newest.
        if (result.nextExpectedRevision > (this.seen.get(stream) ?? -1))
          this.seen.set(stream, result.nextExpectedRevision);
        cases.forEach((caseId, i) => settle(caseId, result.nextExpectedRevision - (cases.length - 1 - i)));
        return;
      } catch (error) {
        if (error instanceof DuplicateEventIdError && cases.length > 1) {
          // Some of them were reserved before this process last looked (retries): each on its own, as alone.
          for (const caseId of cases) await this.reserveAll(stream, byCase.get(caseId)!);
          return;
        }
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        await new Promise((r) => setTimeout(r, Math.random() * 5 * (attempt + 1)));
      }
    }
    throw new Error(`Could not reserve a case number in ${stream} after ${MAX_ATTEMPTS} attempts`);
  }

  private reservedEvent(caseId: string, { actor, recordedAt }: Reservation): NewEvent {
    return {
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
    };
  }
}

function format(prefix: string, year: number, sequence: number): string {
  return `${prefix}-${year}-${String(sequence).padStart(4, '0')}`;
}
