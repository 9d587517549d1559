import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Problem } from '../../common/problem';
import {
  EVENT_STORE,
  type EventStore,
  type RecordedEvent,
  WrongExpectedVersionError,
} from '../../event-store/event-store.port';
import { Clock } from '../../infrastructure/clock';
import { type PostCheckResult, type ReportTexts, reportTextsErrors } from './report-inputs';

const textsStream = (year: number): string => `report-texts-${year}`;
const postChecksStream = (year: number): string => `post-checks-${year}`;

export interface TextsVersion {
  year: number;
  version: number;
  texts: ReportTexts;
  recordedAt: string;
  recordedBy: string;
  /** Every version, oldest first: who changed the texts and when. */
  history: Array<{ version: number; recordedAt: string; recordedBy: string }>;
}

/**
 * What the department adds to a year's report besides the statistics: its
 * narrative texts and the post-check results. Kept as events per year, so every
 * version stays and a report can be produced again as it was.
 */
@Injectable()
export class ReportInputs {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  async texts(year: number): Promise<TextsVersion | null> {
    const events = await this.store.readStream(textsStream(year));
    // Versions saved before the texts' shape was checked (e.g. `[]`) are passed over: the
    // report prints the latest version it can read, and the history still lists every one.
    const last = events.findLast((e) => reportTextsErrors(e.data.texts).length === 0);
    if (!last) return null;
    return {
      year,
      version: events[events.length - 1].revision,
      texts: last.data.texts as ReportTexts,
      recordedAt: last.metadata.recordedAt,
      recordedBy: last.metadata.recordedBy,
      history: events.map((e) => ({
        version: e.revision,
        recordedAt: e.metadata.recordedAt,
        recordedBy: e.metadata.recordedBy,
      })),
    };
  }

  /** A new version of the texts; `basedOnVersion` must be the latest (null for the first), else 409. */
  async editTexts(year: number, texts: ReportTexts, basedOnVersion: number | null, actor: string): Promise<number> {
    // Whoever calls: a version the report cannot print is never stored.
    const errors = reportTextsErrors(texts);
    if (errors.length > 0) throw Problem.badRequest(errors);
    return this.append(textsStream(year), 'ReportTextsEdited', { year, texts }, basedOnVersion, actor);
  }

  /** The latest post-check result per district, and the city's as a whole (district null) if recorded. */
  async postChecks(year: number): Promise<PostCheckResult[]> {
    const latest = new Map<string | null, PostCheckResult>();
    for (const e of await this.store.readStream(postChecksStream(year))) {
      const p = e.data as unknown as PostCheckResult;
      latest.set(p.district ?? null, { ...p, district: p.district ?? null });
    }
    return [...latest.values()];
  }

  async recordPostCheck(year: number, result: PostCheckResult, actor: string): Promise<void> {
    const events = await this.store.readStream(postChecksStream(year));
    await this.append(
      postChecksStream(year),
      'PostChecksRecorded',
      { ...result },
      events.length > 0 ? events[events.length - 1].revision : null,
      actor,
    );
  }

  private async append(
    stream: string,
    type: string,
    data: Record<string, unknown>,
    expected: number | null,
    actor: string,
  ): Promise<number> {
    const now = this.clock.now().toISOString();
    try {
      const result = await this.store.append(
        stream,
        [
          {
            id: randomUUID(),
            type,
            schemaVersion: 1,
            data,
            metadata: {
              occurredOn: now.slice(0, 10),
              recordedAt: now,
              recordedBy: actor,
              correlationId: randomUUID(),
              causationId: null,
            },
          },
        ],
        expected === null ? 'no-stream' : expected,
      );
      return result.nextExpectedRevision;
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      const all: RecordedEvent[] = await this.store.readStream(stream);
      const current = all[all.length - 1];
      throw new Problem(409, 'stale-version', 'Conflict', 'Someone changed this since the version you edited.', {
        errors: [{ field: 'basedOnVersion', message: 'not the latest version' }],
        currentVersion: current?.revision ?? null,
      });
    }
  }
}
