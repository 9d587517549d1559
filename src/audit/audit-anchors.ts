import { randomUUID } from 'node:crypto';
import type { EventStore, ExpectedRevision, NewEvent, RecordedEvent } from '../event-store/event-store.port';
import { type AnchorRecord, AuditChainBrokenError, type AuditLog, type ChainHead, GENESIS } from './audit-log';

export const AUDIT_ANCHORED = 'AuditChainAnchored';
/** Anchors go in one stream a month, so finding the latest reads one short stream. */
export const anchorStream = (at: Date): string => `audit-anchors-${at.toISOString().slice(0, 7)}`;
/** How far back to look for the latest anchor when the audit log records none (a file from before anchor records). */
const MONTHS_BACK = 36;
/**
 * A new entry is anchored within this time: what a crash can leave unanchored
 * (and so removable without a trace) is at most the last two seconds of
 * entries. Entries arriving meanwhile share the anchor, so a busy service
 * writes at most one anchor (one event-log append, one audit.db commit) per
 * interval, never one per entry.
 */
export const ANCHOR_DELAY_MS = 2_000;
/** After a failed anchor (event log unavailable), the next attempt waits longer, up to this. */
const MAX_RETRY_DELAY_MS = 60_000;

/** An anchor as the event log holds it. Anchors written before they were numbered have no `anchor`/`previous`. */
export interface Anchor extends ChainHead {
  at: string;
  /** Its number: the anchor before it has the number one lower. */
  anchor?: number;
  /** The event id of the anchor before it (null for the first). */
  previous?: string | null;
  eventId: string;
  stream: string;
  revision: number;
}

const anchorOf = (e: RecordedEvent): Anchor => ({
  seq: Number(e.data.seq),
  hash: String(e.data.hash),
  at: e.metadata.recordedAt,
  anchor: typeof e.data.anchor === 'number' ? e.data.anchor : undefined,
  previous: typeof e.data.previous === 'string' ? e.data.previous : e.data.previous === null ? null : undefined,
  eventId: e.id,
  stream: e.streamId,
  revision: e.revision,
});

const nameOf = (a: { anchor?: number } | undefined): string =>
  a?.anchor === undefined ? 'an anchor' : `anchor ${a.anchor}`;

/** The months from `from` (exclusive) to `to` (inclusive), as their anchor streams. */
function streamsAfter(from: string, to: Date): string[] {
  const [year, month] = from.replace('audit-anchors-', '').split('-').map(Number);
  const out: string[] = [];
  for (let m = 1; ; m++) {
    const at = new Date(Date.UTC(year, month - 1 + m, 1));
    if (at > to) return out;
    out.push(anchorStream(at));
  }
}

/** What the last anchor written was, so the next one names it. */
interface LastAnchor {
  anchor: number;
  eventId: string | null;
  stream: string | null;
  revision: number;
  seq: number;
}

export interface AuditVerification {
  head: ChainHead;
  entries: number;
  foreignCaseIds: number;
  /** The newest anchor in the event log. */
  anchor?: Anchor;
  /** Entries after the newest anchor: not yet anchored (at most ANCHOR_DELAY_MS of entries after a crash). */
  unanchored: number;
  /** The newest anchor was in the event log but not yet recorded in audit.db (a crash between the two writes). */
  recovered: boolean;
}

/**
 * Anchors the audit chain's head in the event log, a file the audit log's owner
 * cannot rewrite without it showing (it is append-only and has its own
 * positions). Each anchor carries its number and the previous anchor's event
 * id, and audit.db records each anchor (event id, place, the entries it
 * covered) beside the entries. So each file vouches for the other: entries
 * removed after an anchor, an anchor event removed from the event log, or an
 * anchor record removed from audit.db, each shows at the next start and in
 * `npm run audit:verify`.
 */
export class AuditAnchors {
  private last: LastAnchor = { anchor: 0, eventId: null, stream: null, revision: -1, seq: -1 };
  /** An anchor whose append failed: retried as it is (same id, same expected revision), so a retry is idempotent. */
  private pending?: { event: NewEvent; stream: string; expected: ExpectedRevision; anchor: number; head: ChainHead };
  private timer?: NodeJS.Timeout;
  private running: Promise<void> = Promise.resolve();
  private failures = 0;
  private unsubscribe?: () => void;

  constructor(
    private readonly audit: AuditLog,
    private readonly store: EventStore,
    private readonly now: () => Date = () => new Date(),
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  /** Anchors each new entry within ANCHOR_DELAY_MS, from now on (after verify). */
  start(): void {
    this.unsubscribe ??= this.audit.onAppended(() => this.schedule(ANCHOR_DELAY_MS));
    // Entries written before a crash and not yet anchored are anchored now.
    if (this.audit.head().seq !== this.last.seq) this.schedule(0);
  }

  /** Stops anchoring on new entries and writes the last anchor (at shutdown). */
  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
    await this.anchor();
  }

  private schedule(delay: number): void {
    if (this.timer || !this.unsubscribe) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.running.then(async () => {
        try {
          await this.anchor();
          this.failures = 0;
        } catch (error) {
          this.failures++;
          this.onError(error);
          this.schedule(Math.min(MAX_RETRY_DELAY_MS, ANCHOR_DELAY_MS * 2 ** this.failures));
        }
      });
    }, delay);
    this.timer.unref();
  }

  /** Writes the current head to the event log, unless it is anchored already, then records the anchor in audit.db. */
  async anchor(actor = 'system:audit'): Promise<ChainHead | undefined> {
    if (!this.pending) {
      const head = this.audit.head();
      if (head.seq === 0 || head.seq === this.last.seq) return undefined;
      const at = this.now();
      // A clock set back over a month's end must not start an older month's stream again.
      const stream = this.last.stream && anchorStream(at) < this.last.stream ? this.last.stream : anchorStream(at);
      const anchor = this.last.anchor + 1;
      this.pending = {
        stream,
        anchor,
        head,
        // The stream holds anchors alone: expecting its revision makes a second writer (or a lost anchor) show.
        expected: stream === this.last.stream ? this.last.revision : 'no-stream',
        event: {
          id: randomUUID(),
          type: AUDIT_ANCHORED,
          schemaVersion: 2,
          data: { seq: head.seq, hash: head.hash, anchor, previous: this.last.eventId },
          metadata: {
            occurredOn: at.toISOString().slice(0, 10),
            recordedAt: at.toISOString(),
            recordedBy: actor,
            correlationId: randomUUID(),
            causationId: null,
          },
        },
      };
    }
    const { event, stream, expected, anchor, head } = this.pending;
    const { nextExpectedRevision: revision } = await this.store.append(stream, [event], expected);
    this.audit.recordAnchor({
      anchor,
      eventId: event.id,
      stream,
      revision,
      seq: head.seq,
      hash: head.hash,
      at: event.metadata.recordedAt,
    });
    this.pending = undefined;
    this.last = { anchor, eventId: event.id, stream, revision, seq: head.seq };
    return head;
  }

  /** The newest anchor in the event log at or after the one audit.db records last (or by a scan when it records none). */
  private async latestInEventLog(recorded: AnchorRecord | undefined): Promise<Anchor | undefined> {
    const now = this.now();
    if (!recorded) {
      for (let back = 0; back < MONTHS_BACK; back++) {
        const at = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
        const last = (await this.store.readStream(anchorStream(at))).filter((e) => e.type === AUDIT_ANCHORED).pop();
        if (last) return anchorOf(last);
      }
      return undefined;
    }
    const events = await this.store.readStream(recorded.stream, recorded.revision);
    if (events[0]?.id !== recorded.eventId)
      throw new AuditChainBrokenError(
        null,
        `anchor ${recorded.anchor} of ${recorded.at} (entries up to ${recorded.seq}) is missing from the event log`,
      );
    for (const stream of streamsAfter(recorded.stream, now)) events.push(...(await this.store.readStream(stream)));
    return anchorOf(events.filter((e) => e.type === AUDIT_ANCHORED).pop()!);
  }

  /**
   * The chain holds, agrees with the newest anchor in the event log, and the
   * anchors in both files agree with each other. Throws AuditChainBrokenError
   * naming what does not. With `recover` (the service's start), an anchor
   * that reached the event log but not audit.db before a crash is recorded.
   */
  async verify(options: { recover?: boolean } = {}): Promise<AuditVerification> {
    const { entries, foreignCaseIds, ...head } = this.audit.verify();
    const recorded = this.audit.latestAnchor();
    const anchor = await this.latestInEventLog(recorded);
    let recovered = false;
    if (recorded && anchor?.eventId !== recorded.eventId) {
      // Only the crash between the event-log append and the audit.db record leaves the
      // event log one anchor ahead, and that anchor names the recorded one as its previous.
      if (anchor?.anchor !== recorded.anchor + 1 || anchor.previous !== recorded.eventId)
        throw new AuditChainBrokenError(
          null,
          `the event log holds ${nameOf(anchor)} of ${anchor?.at}, but audit.db records anchors only up to ` +
            `${recorded.anchor}: anchor records were removed from audit.db (or it was restored from an older backup)`,
        );
      recovered = true;
    } else if (!recorded && anchor?.anchor !== undefined) {
      if (anchor.anchor !== 1 || anchor.previous === undefined)
        throw new AuditChainBrokenError(
          null,
          `the event log holds anchor ${anchor.anchor} of ${anchor.at}, but audit.db records none: ` +
            'anchor records were removed from audit.db',
        );
      recovered = true;
    }
    for (const a of [recorded, anchor]) {
      if (!a) continue;
      if (a.seq > head.seq)
        throw new AuditChainBrokenError(
          head.seq + 1,
          `the audit log ends at ${head.seq}, but ${nameOf(a)} of ${a.at} covers entries up to ${a.seq}`,
        );
      const stored = a.seq === 0 ? GENESIS : this.audit.hashAt(a.seq);
      if (stored !== a.hash)
        throw new AuditChainBrokenError(a.seq, `it differs from the anchor written to the event log on ${a.at}`);
    }
    if (recovered && anchor && options.recover) {
      this.audit.recordAnchor({
        anchor: anchor.anchor!,
        eventId: anchor.eventId,
        stream: anchor.stream,
        revision: anchor.revision,
        seq: anchor.seq,
        hash: anchor.hash,
        at: anchor.at,
      });
    }
    this.last = anchor
      ? {
          anchor: anchor.anchor ?? 0,
          eventId: anchor.eventId,
          stream: anchor.stream,
          revision: anchor.revision,
          seq: anchor.seq,
        }
      : { anchor: 0, eventId: null, stream: null, revision: -1, seq: -1 };
    return { head, entries, foreignCaseIds, anchor, unanchored: head.seq - (anchor?.seq ?? 0), recovered };
  }
}
