import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { randomUUID } from 'node:crypto';
import { Problem } from '../../common/problem';
import { CORRECTIONS_STREAM, EVENT_CORRECTED, type EventCorrection } from '../../event-store/correcting-event-store';
import { EVENT_STORE, type EventData, type EventStore, type RecordedEvent } from '../../event-store/event-store.port';
import { Clock } from '../../infrastructure/clock';
import { LOGGER } from '../../infrastructure/tokens';
import { PersonalData } from '../../personal-data/personal-data';
import { ProjectionRunner } from '../../projections/projection-runner';
import { caseEventProblems } from '../steps';
import { UNKNOWN_FIELD } from '../../kernel/shape';
import { type CaseEvent, isCaseEvent } from '../steps';
import { initialState } from '../domain/case-state';
import { definitionOf, evolve } from '../steps';
import { withholdIdentity } from '../../kernel/shape';
import { CaseCommands } from './case-commands.service';
import { hasOwnDataKey, protectCaseEvent } from './case-personal-data';
import { caseIdOf, isCaseStream } from './case-stream';

export interface UnreadableEvent {
  streamId: string;
  position: number;
  revision: number;
  type: string;
  /** What the readers stumble on: each field and why. */
  problems: Array<{ field: string; message: string }>;
  /** The event's data as stored, personal fields decrypted for the administrator who corrects it. */
  data: EventData;
}

export interface RecordedCorrection {
  /** Where the correction itself is in the log. */
  correctionPosition: number;
  streamId: string;
  position: number;
  type: string;
  /** Read models that had applied the event before it was corrected, and are now built again from the log. */
  rebuilding: string[];
}

/**
 * The way out when the log holds a case event that readers cannot read (an
 * older version wrote it, or someone wrote the log by hand): an administrator
 * records a correction, which every reader then gets in the event's place
 * (CorrectingEventStore). Nothing is edited or deleted, the correction names
 * who made it and why, and only an unreadable event can be corrected: a step
 * recorded wrongly but readable is put right by the case's own steps.
 */
@Injectable()
export class EventCorrections {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly personalData: PersonalData,
    private readonly commands: CaseCommands,
    private readonly runner: ProjectionRunner,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** The event at `position` in `streamId`, with what is wrong with it; 409 when nothing is. */
  async unreadable(streamId: string, position: number): Promise<UnreadableEvent> {
    const { event, stream } = await this.find(streamId, position);
    const data = this.reveal(event);
    const problems = caseEventProblems({ type: event.type, data }, false);
    if (problems.length === 0) throw readable(event);
    // An administrator is never the one who may see a protected identity (mayIdentify): its name and
    // personnummer fields are left out, its free text withheld. Read from the raw stream, which need not fold.
    const shown = identityEverProtected(stream)
      ? this.personalData.withholdAll(
          withholdIdentity(definitionOf(event.type as CaseEvent['type']).shape, event.data as never) as EventData,
        )
      : data;
    return { streamId, position, revision: event.revision, type: event.type, problems, data: shown };
  }

  /**
   * Records `fields` (top-level fields of the event's data, replacing the
   * stored ones) as the event's correction, once the corrected event fits its
   * shape and the case folds with it.
   */
  async correct(
    streamId: string,
    position: number,
    fields: Record<string, unknown>,
    reason: string,
    actor: string,
  ): Promise<RecordedCorrection> {
    const { event, keyId, stream } = await this.find(streamId, position);
    const revealed = this.reveal(event);
    if (caseEventProblems({ type: event.type, data: revealed }, false).length === 0) throw readable(event);
    const merged: Record<string, unknown> = { ...revealed, ...fields };
    // As strict as a new step, but for fields an older version wrote that readers pass over.
    const problems = caseEventProblems({ type: event.type, data: merged }, true).filter(
      (p) => p.message !== UNKNOWN_FIELD,
    );
    if (problems.length > 0)
      throw Problem.badRequest(
        problems.map((p) => ({ field: `fields.${p.field}`, message: `${p.field} ${p.message}` })),
        `The corrected ${event.type} would still not be readable.`,
      );
    const corrected = { type: event.type, data: merged } as CaseEvent;
    // The case must fold with the correction in place, event by event as every reader will.
    try {
      stream.reduce(
        (state, e) =>
          e.id === event.id ? evolve(state, corrected) : isCaseEvent(e) ? evolve(state, e as CaseEvent) : state,
        initialState(),
      );
    } catch (error) {
      throw new Problem(
        422,
        'correction-not-foldable',
        'Unprocessable content',
        `The case cannot be followed through with this correction: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const stored =
      keyId || hasOwnDataKey(corrected) ? protectCaseEvent(this.personalData, corrected, keyId ?? '') : corrected;
    const now = this.clock.now().toISOString();
    const correction: EventCorrection = {
      eventId: event.id,
      streamId,
      position,
      type: event.type,
      data: stored.data as unknown as EventData,
      // The reason may name the person: kept under the same key as the case's own free text.
      reason: keyId ? (this.personalData.encrypt(keyId, reason) ?? '') : reason,
    };
    const earlier = await this.store.readStream(CORRECTIONS_STREAM);
    if (earlier.some((e) => (e.data as unknown as EventCorrection).eventId === event.id))
      throw new Problem(
        409,
        'already-corrected',
        'Conflict',
        `The event at position ${position} is already corrected.`,
      );
    const result = await this.store.append(
      CORRECTIONS_STREAM,
      [
        {
          id: randomUUID(),
          type: EVENT_CORRECTED,
          schemaVersion: 1,
          data: correction as unknown as EventData,
          metadata: {
            occurredOn: now.slice(0, 10),
            recordedAt: now,
            recordedBy: actor,
            correlationId: randomUUID(),
            causationId: event.id,
          },
        },
      ],
      earlier.length === 0 ? 'no-stream' : earlier[earlier.length - 1].revision,
    );
    this.commands.forget(caseIdOf(streamId));
    // A read model that applied the event as it was (an older version of the service read past
    // the fault) holds what it made of it: it is built again from the log, with the correction.
    const rebuilding = this.runner
      .status()
      .filter((p) => p.checkpoint >= position)
      .map((p) => p.name);
    this.logger.warn(
      { streamId, position, type: event.type, correctionPosition: result.position, by: actor, rebuilding },
      'event corrected',
    );
    if (rebuilding.length > 0) {
      void this.runner
        .rebuild(undefined, rebuilding)
        .catch((error: unknown) =>
          this.logger.error(
            { err: error instanceof Error ? error.message : String(error) },
            'rebuild after a correction failed',
          ),
        );
    } else this.runner.retryFailed();
    return { correctionPosition: result.position, streamId, position, type: event.type, rebuilding };
  }

  private async find(
    streamId: string,
    position: number,
  ): Promise<{ event: RecordedEvent; keyId: string | null; stream: RecordedEvent[] }> {
    if (!isCaseStream(streamId)) throw Problem.notFound(`No case stream ${streamId}`);
    const stream = await this.store.readStream(streamId);
    const event = stream.find((e) => e.position === position);
    if (!event) throw Problem.notFound(`${streamId} has no event at position ${position}`);
    if (event.metadata.correction)
      throw new Problem(
        409,
        'already-corrected',
        'Conflict',
        `The event at position ${position} is already corrected.`,
      );
    if (!isCaseEvent(event))
      throw new Problem(
        409,
        'not-correctable',
        'Conflict',
        `${event.type} is not a case event; only case events are corrected.`,
      );
    const registered = stream[0]?.type === 'CaseRegistered' ? stream[0].data.dataKeyId : undefined;
    return { event, keyId: typeof registered === 'string' ? registered : null, stream };
  }

  private reveal(event: RecordedEvent): EventData {
    return this.personalData.revealAll(event.data);
  }
}

/**
 * Whether anyone's identity in the case was ever protected, from the stored
 * events as they are (the stream holds an event that does not fold): a
 * protection lifted later still counts, the reading that protects the person.
 */
function identityEverProtected(stream: RecordedEvent[]): boolean {
  return stream.some(
    (e) =>
      e.type === 'IdentityProtected' ||
      ((e.type === 'CaseRegistered' || e.type === 'SecondPersonNamed') && typeof e.data.protectedIdentity === 'string'),
  );
}

const readable = (event: RecordedEvent): Problem =>
  new Problem(
    409,
    'event-readable',
    'Conflict',
    `The ${event.type} event at position ${event.position} can be read: only an event the service cannot read is corrected. A step recorded wrongly is put right with the case's own steps.`,
  );
