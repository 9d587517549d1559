import 'reflect-metadata';
import { join } from 'node:path';
import { loadConfig } from '../config/config';
import { createEventStore } from '../event-store/create-event-store';
import { EventUpcasters } from '../event-store/upcasting';
import { SqliteDataKeyStore } from '../personal-data/key-store';
import { bindKeyStore } from '../personal-data/key-store-binding';
import { MasterKey } from '../personal-data/master-key';
import { fail } from './cli-app';

/**
 * `npm run keys:check`: offline, with the service stopped or running. Proves
 * that keys.db opens with the master key, belongs to this event log, and holds
 * the data key of every case whose personal data was not culled.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const { masterKey } = MasterKey.load(config.masterKey, config.dataDir, { mayCreate: false });
  const keys = new SqliteDataKeyStore(join(config.dataDir, 'keys.db'), masterKey);
  const store = createEventStore(config.eventStoreUrl, new EventUpcasters());
  try {
    const binding = await bindKeyStore(store, keys, { checkOnly: true });
    const referenced = new Map<string, string>(); // data key id -> a case stream using it
    const culled = new Set<string>();
    for (let after = 0; ;) {
      const page = await store.readAll(after, 5000);
      if (page.length === 0) break;
      for (const e of page) {
        if (typeof e.data.dataKeyId === 'string') referenced.set(e.data.dataKeyId, e.streamId);
        if (e.type === 'PersonalDataCulled') culled.add(e.streamId);
      }
      after = page[page.length - 1].position;
    }
    const missing = [...referenced].filter(([keyId, stream]) => !culled.has(stream) && !keys.key(keyId));
    process.stdout.write(
      `keys.db: key store ${keys.identity().storeId}, opens with this master key, ${binding === 'matches' ? 'belongs to this event log' : 'not yet bound to this event log (the service binds it at its next start)'}\n` +
        `data keys in keys.db: ${keys.size()}; referenced by the log: ${referenced.size}; of cases culled: ${culled.size}\n` +
        `missing for cases never culled: ${missing.length}\n`,
    );
    for (const [keyId, stream] of missing.slice(0, 50)) process.stdout.write(`  ${stream} (data key ${keyId})\n`);
    if (missing.length > 0) process.exitCode = 1;
  } finally {
    keys.close();
    await store.close();
  }
}

main().catch(fail);
