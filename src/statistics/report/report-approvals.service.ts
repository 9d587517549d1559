import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { todayInStockholm } from '../../calendar/local-date';
import { Problem } from '../../common/problem';
import {
  EVENT_STORE,
  type EventStore,
  type RecordedEvent,
  WrongExpectedVersionError,
} from '../../event-store/event-store.port';
import { Clock } from '../../infrastructure/clock';
import type { AnnualStatistics } from '../annual-statistics';
import { StatisticsService } from '../statistics.service';
import { differences, fingerprint } from './figures';
import type { FigureDifference } from './report-model';

const approvalsStream = (year: number): string => `report-approvals-${year}`;

/** One approved version of a year's report (fastställd). */
export interface Approval {
  year: number;
  /** 0 for the first approval of the year, then 1, 2... */
  version: number;
  /** The figures are the year's as known at the end of this day. */
  knownAt: string;
  /** The Stockholm day the approval was recorded, and by whom. */
  approvedOn: string;
  approvedAt: string;
  approvedBy: string;
  /** SHA-256 of the approved figures (figures.ts). */
  fingerprint: string;
  /** What changed from the version approved before it (empty for the first). */
  differences: FigureDifference[];
}

interface ApprovedData {
  year: number;
  knownAt: string;
  fingerprint: string;
  figures: AnnualStatistics;
  differences: FigureDifference[];
}

/**
 * The department approves (fastställer) a year's report at a `knownAt`: an
 * event with who, when, which day's knowledge and the figures' fingerprint,
 * in a stream per year beside the report's texts. Afterwards the year's
 * default report and statistics are the approved figures; a step later
 * recorded into the year changes them only when a new version is approved,
 * and each new version lists what changed from the one before.
 */
@Injectable()
export class ReportApprovals {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly statistics: StatisticsService,
  ) {}

  private async events(year: number): Promise<RecordedEvent[]> {
    return (await this.store.readStream(approvalsStream(year))).filter((e) => e.type === 'AnnualReportApproved');
  }

  private static toApproval(e: RecordedEvent): Approval {
    const d = e.data as unknown as ApprovedData;
    return {
      year: d.year,
      version: e.revision,
      knownAt: d.knownAt,
      approvedOn: todayInStockholm(new Date(e.metadata.recordedAt)),
      approvedAt: e.metadata.recordedAt,
      approvedBy: e.metadata.recordedBy,
      fingerprint: d.fingerprint,
      differences: d.differences ?? [],
    };
  }

  /** Every approved version of the year, oldest first. */
  async list(year: number): Promise<Approval[]> {
    return (await this.events(year)).map(ReportApprovals.toApproval);
  }

  /** The version in force: the latest approval, or null for a year never approved. */
  async latest(year: number): Promise<Approval | null> {
    const events = await this.events(year);
    return events.length > 0 ? ReportApprovals.toApproval(events[events.length - 1]) : null;
  }

  /** The figures the latest version approved, as they were stored. */
  async approvedFigures(year: number): Promise<AnnualStatistics | null> {
    const events = await this.events(year);
    return events.length > 0 ? (events[events.length - 1].data as unknown as ApprovedData).figures : null;
  }

  /**
   * Approves the year's figures as known at the end of `knownAt`, a day after
   * the year's end and not after today. `basedOnVersion` must be the latest
   * version (null for the first approval), else 409 like the texts.
   */
  async approve(year: number, knownAt: string, basedOnVersion: number | null, actor: string): Promise<Approval> {
    const now = this.clock.now();
    const today = todayInStockholm(now);
    if (knownAt <= `${year}-12-31`)
      throw Problem.badRequest([{ field: 'knownAt', message: `knownAt must be after the end of ${year}` }]);
    if (knownAt > today) throw Problem.badRequest([{ field: 'knownAt', message: 'knownAt must not be in the future' }]);
    const events = await this.events(year);
    const previous = events.length > 0 ? (events[events.length - 1].data as unknown as ApprovedData) : null;
    const figures = await this.statistics.annual(year, knownAt);
    const data: ApprovedData = {
      year,
      knownAt,
      fingerprint: fingerprint(figures),
      figures,
      differences: previous ? differences(previous.figures, figures) : [],
    };
    const at = now.toISOString();
    try {
      await this.store.append(
        approvalsStream(year),
        [
          {
            id: randomUUID(),
            type: 'AnnualReportApproved',
            schemaVersion: 1,
            data: data as unknown as Record<string, unknown>,
            metadata: {
              occurredOn: today,
              recordedAt: at,
              recordedBy: actor,
              correlationId: randomUUID(),
              causationId: null,
            },
          },
        ],
        basedOnVersion === null ? 'no-stream' : basedOnVersion,
      );
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      const current = (await this.events(year)).at(-1);
      throw new Problem(409, 'stale-version', 'Conflict', 'Someone approved this year since the version you saw.', {
        errors: [{ field: 'basedOnVersion', message: 'not the latest version' }],
        currentVersion: current?.revision ?? null,
      });
    }
    return ReportApprovals.toApproval((await this.events(year)).at(-1)!);
  }
}
