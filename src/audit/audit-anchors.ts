import { randomUUID } from 'node:crypto';
import type { EventStore } from '../event-store/event-store.port';
import { AuditChainBrokenError, type AuditLog, type ChainHead, GENESIS } from './audit-log';

export const AUDIT_ANCHORED = 'AuditChainAnchored';
/** Anchors go in one stream a month, so finding the latest reads one short stream. */
export const anchorStream = (at: Date): string => `audit-anchors-${at.toISOString().slice(0, 7)}`;
/** How far back to look for the latest anchor. */
const MONTHS_BACK = 36;

export interface Anchor extends ChainHead {
  at: string;
}

/**
 * Anchors the audit chain's head in the event log, a file the audit log's owner
 * cannot rewrite without it showing (it is append-only and has its own
 * positions). Verifying compares the latest anchor with the audit log: an
 * entry rewritten or removed before it, even with a recomputed chain, differs.
 */
export class AuditAnchors {
  private lastAnchored = -1;

  constructor(
    private readonly audit: AuditLog,
    private readonly store: EventStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Writes the current head to the event log, unless it is anchored already. */
  async anchor(actor = 'system:audit'): Promise<ChainHead | undefined> {
    const head = this.audit.head();
    if (head.seq === 0 || head.seq === this.lastAnchored) return undefined;
    const at = this.now();
    await this.store.append(
      anchorStream(at),
      [
        {
          id: randomUUID(),
          type: AUDIT_ANCHORED,
          schemaVersion: 1,
          data: { seq: head.seq, hash: head.hash },
          metadata: {
            occurredOn: at.toISOString().slice(0, 10),
            recordedAt: at.toISOString(),
            recordedBy: actor,
            correlationId: randomUUID(),
            causationId: null,
          },
        },
      ],
      'any',
    );
    this.lastAnchored = head.seq;
    return head;
  }

  /** The newest anchor in the event log, if any. */
  async latest(): Promise<Anchor | undefined> {
    const month = this.now();
    for (let back = 0; back < MONTHS_BACK; back++) {
      const at = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() - back, 1));
      const events = await this.store.readStream(anchorStream(at));
      const last = events.filter((e) => e.type === AUDIT_ANCHORED).pop();
      if (last) return { seq: Number(last.data.seq), hash: String(last.data.hash), at: last.metadata.recordedAt };
    }
    return undefined;
  }

  /**
   * The chain holds and agrees with the latest anchor. Throws
   * AuditChainBrokenError naming the first entry that does not.
   */
  async verify(): Promise<{ head: ChainHead; entries: number; foreignCaseIds: number; anchor?: Anchor }> {
    const { entries, foreignCaseIds, ...head } = this.audit.verify();
    const anchor = await this.latest();
    if (anchor) {
      if (anchor.seq > head.seq)
        throw new AuditChainBrokenError(
          head.seq + 1,
          `the event log anchored entry ${anchor.seq} on ${anchor.at}, but the audit log ends at ${head.seq}`,
        );
      const stored = anchor.seq === 0 ? GENESIS : this.audit.hashAt(anchor.seq);
      if (stored !== anchor.hash)
        throw new AuditChainBrokenError(
          anchor.seq,
          `it differs from the anchor written to the event log on ${anchor.at}`,
        );
    }
    this.lastAnchored = anchor?.seq ?? -1;
    return { head, entries, foreignCaseIds, anchor };
  }
}
