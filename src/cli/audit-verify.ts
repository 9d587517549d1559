import 'reflect-metadata';
import { join } from 'node:path';
import { AuditAnchors } from '../audit/audit-anchors';
import { AuditChainBrokenError, AuditLog } from '../audit/audit-log';
import { loadConfig } from '../config/config';
import { createEventStore } from '../event-store/create-event-store';
import { EventUpcasters } from '../event-store/upcasting';
import { MasterKey } from '../personal-data/master-key';
import { fail } from './cli-app';

/**
 * `npm run audit:verify`: recomputes the audit log's hash chain and compares
 * its head with the latest anchor in the event log. Exit code 1 names the first
 * entry that was changed, removed or inserted outside the service.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const { masterKey } = MasterKey.load(config.masterKey, config.dataDir, { mayCreate: false });
  const audit = new AuditLog(join(config.dataDir, 'audit.db'), masterKey.derive('audit-chain'));
  const store = createEventStore(config.eventStoreUrl, new EventUpcasters());
  try {
    const { head, entries, anchor, foreignCaseIds, unanchored, recovered } = await new AuditAnchors(
      audit,
      store,
    ).verify();
    process.stdout.write(
      `audit log intact: ${entries} entries, chain head ${head.seq} ${head.hash.slice(0, 16)}…\n` +
        (anchor
          ? `latest anchor in the event log: entry ${anchor.seq} on ${anchor.at}` +
            `${anchor.anchor === undefined ? '' : ` (anchor ${anchor.anchor})`}, matches` +
            (recovered ? ' (not yet recorded in audit.db: the service records it at start)' : '') +
            '\n'
          : 'no anchor in the event log yet (the service anchors every new entry within seconds)\n') +
        (unanchored > 0
          ? `${unanchored} entries after the latest anchor are not anchored yet (the service stopped before ` +
            'it anchored them; it does so at its next start)\n'
          : '') +
        (foreignCaseIds > 0
          ? `note: ${foreignCaseIds} entries name a case by something that is not a case id; they were written ` +
            'before the service stored case ids only, and may hold what a caller put in a path (a personnummer)\n'
          : ''),
    );
  } catch (error) {
    if (!(error instanceof AuditChainBrokenError)) throw error;
    process.stdout.write(`AUDIT LOG NOT INTACT: ${error.message}\n`);
    process.exitCode = 1;
  } finally {
    audit.close();
    await store.close();
  }
}

main().catch(fail);
