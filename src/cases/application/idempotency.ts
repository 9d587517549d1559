import { Inject, Injectable } from '@nestjs/common';
import { createHash, createHmac } from 'node:crypto';
import { MasterKey } from '../../personal-data/master-key';
import { EVENT_STORE, type EventStore, WrongExpectedVersionError } from '../../event-store/event-store.port';
import { deterministicUuid } from './case-stream';

export interface StoredAnswer {
  status: number;
  body: Record<string, unknown>;
  headers: Record<string, string>;
}

/** An Idempotency-Key sent again with a different request. */
export class IdempotencyKeyReusedError extends Error {
  constructor() {
    super('This Idempotency-Key was already used for a different request.');
    this.name = 'IdempotencyKeyReusedError';
  }
}

/**
 * Idempotency-Key: the first answer to a key is kept in the event store (a
 * stream per key and user), so a retry gets it back and writes nothing, on
 * either adapter and across restarts.
 */
@Injectable()
export class IdempotencyKeys {
  private readonly hashKey: Buffer;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    master: MasterKey,
  ) {
    this.hashKey = master.derive('idempotency-request-hash');
  }

  /** Keyed, because a request body may hold a personnummer and the hash is kept in the log. */
  requestHash(method: string, path: string, body: unknown): string {
    return createHmac('sha256', this.hashKey)
      .update(`${method} ${path}\n${JSON.stringify(body ?? null)}`)
      .digest('hex');
  }

  /** The seed event ids are derived from, so racing duplicates collapse into one append. */
  static seed(actor: string, key: string): string {
    return createHash('sha256').update(`${actor}\u0000${key}`).digest('hex');
  }

  private stream(seed: string): string {
    return `idempotency-${seed}`;
  }

  async find(seed: string, requestHash: string): Promise<StoredAnswer | undefined> {
    const [stored] = await this.store.readStream(this.stream(seed));
    if (!stored) return undefined;
    if (stored.data.requestHash !== requestHash) throw new IdempotencyKeyReusedError();
    return stored.data.answer as StoredAnswer;
  }

  async remember(
    seed: string,
    requestHash: string,
    answer: StoredAnswer,
    actor: string,
    recordedAt: string,
  ): Promise<void> {
    await this.store
      .append(
        this.stream(seed),
        [
          {
            id: deterministicUuid(`${seed}:answer`),
            type: 'IdempotentRequestAnswered',
            schemaVersion: 1,
            data: { requestHash, answer: answer as unknown as Record<string, unknown> },
            metadata: {
              occurredOn: recordedAt.slice(0, 10),
              recordedAt,
              recordedBy: actor,
              correlationId: seed,
              causationId: null,
            },
          },
        ],
        // 'no-stream' gets a durable duplicate check on both adapters; a racing twin that answered first is as good.
        'no-stream',
      )
      .catch((error: unknown) => {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
      });
  }
}
