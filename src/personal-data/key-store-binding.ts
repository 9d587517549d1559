import { randomUUID } from 'node:crypto';
import type { EventStore } from '../event-store/event-store.port';
import { type DataKeyStore, KeyStoreMismatchError } from './key-store';

/** The stream that names the key store (and master key) the log's personal data is encrypted under. */
export const KEY_STORE_STREAM = 'data-key-store';
const BOUND = 'DataKeyStoreBound';

/**
 * Proves at start that the key store belongs to this event log: the first
 * start writes the key store's id and key check into the log; every later start
 * compares. A deleted, swapped or foreign keys.db, or another master key,
 * refuses to start instead of turning every name into "culled".
 */
export async function bindKeyStore(
  store: EventStore,
  keys: DataKeyStore,
  options: { actor?: string; checkOnly?: boolean } = {},
): Promise<'matches' | 'bound' | 'unbound'> {
  const own = keys.identity();
  const bound = (await store.readStream(KEY_STORE_STREAM)).filter((e) => e.type === BOUND).pop();
  if (bound) {
    const { storeId, keyCheck } = bound.data as { storeId: string; keyCheck: string };
    const since = bound.metadata.recordedAt.slice(0, 10);
    if (storeId === own.storeId && keyCheck === own.keyCheck) return 'matches';
    if (storeId === own.storeId)
      throw new KeyStoreMismatchError(
        `the master key is not the one this event log's personal data was written under (since ${since})`,
      );
    throw new KeyStoreMismatchError(
      own.createdNow
        ? `keys.db is missing (an empty one was just made), but this event log's personal data is encrypted with the data keys of key store ${storeId} (since ${since}): restore keys.db from backup`
        : `keys.db is key store ${own.storeId}, but this event log's personal data is encrypted with the data keys of key store ${storeId} (since ${since}): restore the right keys.db`,
    );
  }
  // A log from before binding: a new, empty key store beside encrypted cases means keys.db was lost.
  if (keys.size() === 0) {
    const early = await store.readAll(0, 5000);
    if (early.some((e) => typeof e.data.dataKeyId === 'string'))
      throw new KeyStoreMismatchError(
        'keys.db holds no data keys, but this event log has personal data encrypted with data keys: restore keys.db from backup',
      );
  }
  if (options.checkOnly) return 'unbound';
  const now = new Date().toISOString();
  await store.append(
    KEY_STORE_STREAM,
    [
      {
        id: randomUUID(),
        type: BOUND,
        schemaVersion: 1,
        data: { storeId: own.storeId, keyCheck: own.keyCheck },
        metadata: {
          occurredOn: now.slice(0, 10),
          recordedAt: now,
          recordedBy: options.actor ?? 'system:keys',
          correlationId: randomUUID(),
          causationId: null,
        },
      },
    ],
    'no-stream',
  );
  return 'bound';
}
