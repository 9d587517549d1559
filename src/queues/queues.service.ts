import { Inject, Injectable } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { addDays, daysBetween, todayInStockholm } from '../calendar/local-date';
import { DistrictRegister, isDistrictValidOn } from '../districts/district-register';
import { Clock } from '../infrastructure/clock';
import { Consistency } from '../infrastructure/consistency.service';
import { READ_MODEL_DB } from '../infrastructure/tokens';
import { LIMIT_STATUSES } from '../cases/read-models/case-list.projection';
import { oreToKronor as kr } from '../cases/domain/money';
import { type ClaimPosition, type LimitOutlook, combinedOutlook } from '../cases/domain/three-year-limit';

interface Row {
  id: string;
  caseNumber: string;
  district: string;
  status: string;
  receivedOn: string;
  investigator: string | null;
  version: number;
  /** The case's limit positions as JSON, kept by the case-list projection (null: none). */
  positions: string | null;
}

interface LimitRow {
  id: string;
  caseNumber: string;
  district: string;
  status: string;
  investigator: string | null;
  hasClaims: number;
  positions: string;
}

/** Where in the process the money at stake is: waiting for pre-assessment, under investigation, or claimed. */
type Stage = 'queue' | 'investigation' | 'claim';
const stageOf = (hasClaims: boolean, status: string): Stage =>
  hasClaims ? 'claim' : status === 'in-queue' ? 'queue' : 'investigation';

const outlookOf = (r: Row, today: string): LimitOutlook =>
  combinedOutlook(r.positions ? (JSON.parse(r.positions) as ClaimPosition[]) : [], today);

const inList = (xs: string[]): string => xs.map(() => '?').join(', ');

/** A case's three-year limit as the queue shows it, amounts in kronor. */
function limitSummary(outlook: LimitOutlook, today: string) {
  return {
    nextDeadline: outlook.nextDeadline,
    daysLeft: outlook.nextDeadline ? daysBetween(today, outlook.nextDeadline) : null,
    amountLostIfNothingIsDone: kr(outlook.amountLostAtNextDeadlineOre),
    claimableAmount: kr(outlook.claimableOre),
    expiredAmount: kr(outlook.expiredOre),
  };
}

/** What waits in each district, for unit heads: from the case-list read model. */
@Injectable()
export class QueuesService {
  constructor(
    @Inject(READ_MODEL_DB) private readonly db: Database.Database,
    private readonly consistency: Consistency,
    private readonly clock: Clock,
    private readonly districts: DistrictRegister,
  ) {}

  private today(): string {
    return todayInStockholm(this.clock.now());
  }

  /** A district's open cases, with their limit positions (small JSON) rather than the whole folded state. */
  private rows(district: string, statuses: string[]): Row[] {
    const sql = `SELECT c.case_id AS id, c.case_number AS caseNumber, c.district, c.status, c.received_on AS receivedOn,
                        c.investigator, c.version, l.positions
                 FROM case_list c LEFT JOIN case_limits l ON l.case_id = c.case_id
                 WHERE c.status IN (${inList(statuses)}) AND c.district = ?
                 ORDER BY c.received_on, c.case_number`;
    return this.db.prepare(sql).all(...statuses, district) as Row[];
  }

  /**
   * One summary row per district from the kept counts; only the queue's oldest
   * day and its overdue cases are read from the index, never whole rows.
   */
  private summary(scope: string[] | undefined, statuses: string[], today: string, overdueAfterDays: number) {
    const within = scope ? `AND district IN (${inList(scope)})` : '';
    const counts = this.db
      .prepare(`SELECT district, status, n FROM case_counts WHERE n > 0 AND status IN (${inList(statuses)}) ${within}`)
      .all(...statuses, ...(scope ?? [])) as Array<{ district: string; status: string; n: number }>;
    const queue = this.db.prepare<{ district: string; cutoff: string }, { oldest: string | null; overdue: number }>(
      `SELECT MIN(received_on) AS oldest,
         (SELECT COUNT(*) FROM case_list WHERE status = 'in-queue' AND district = @district AND received_on < @cutoff) AS overdue
       FROM case_list WHERE status = 'in-queue' AND district = @district`,
    );
    const cutoff = addDays(today, -overdueAfterDays);
    const valid = this.districts
      .all()
      .filter((d) => isDistrictValidOn(d, today) && (!scope || scope.includes(d.code)))
      .map((d) => d.code);
    // Districts no longer valid that still hold open cases follow, the one with the oldest case first.
    const oldest = this.db.prepare<string[], { first: string | null }>(
      `SELECT MIN(received_on) AS first FROM case_list WHERE district = ? AND status IN (${inList(statuses)})`,
    );
    const extra = [...new Set(counts.map((c) => c.district))]
      .filter((code) => !valid.includes(code))
      .map((code) => ({ code, first: oldest.get(code, ...statuses)?.first ?? '' }))
      .sort((a, b) => a.first.localeCompare(b.first) || a.code.localeCompare(b.code))
      .map((d) => d.code);
    const codes = [...valid, ...extra];
    return codes.map((code) => {
      const n = (status: string): number => counts.find((c) => c.district === code && c.status === status)?.n ?? 0;
      const waiting = n('in-queue');
      const q = waiting > 0 ? queue.get({ district: code, cutoff }) : undefined;
      return {
        district: code,
        name: this.districts.get(code)?.name ?? code,
        awaitingPreAssessment: waiting,
        overdue: q?.overdue ?? 0,
        oldestReceivedOn: q?.oldest ?? null,
        openInvestigations: n('investigating'),
        investigated: n('investigated'),
        followUp: n('follow-up'),
        notOpenedAwaitingClosing: n('not-opened'),
      };
    });
  }

  /** `scope`: the districts the caller may see (undefined: the whole city, counts only). */
  async queues(district: string | undefined, overdueAfterDays: number, scope?: string[]) {
    await this.consistency.readYourWrites();
    const today = this.today();
    const statuses = [...LIMIT_STATUSES, 'not-opened'];
    if (!district)
      return { today, overdueAfterDays, districts: this.summary(scope, statuses, today, overdueAfterDays) };
    const rows = this.rows(district, statuses);
    const item = (r: Row) => ({
      id: r.id,
      caseNumber: r.caseNumber,
      receivedOn: r.receivedOn,
      investigator: r.investigator,
      version: r.version,
    });
    // Waiting and investigated cases show what the three-year limit is about to take.
    const withLimit = (r: Row) => ({ ...item(r), threeYearLimit: limitSummary(outlookOf(r, today), today) });
    const queue = rows.filter((r) => r.status === 'in-queue');
    const byInvestigator = new Map<string, Row[]>();
    for (const r of rows.filter((x) => x.status === 'investigating')) {
      const key = r.investigator ?? '';
      byInvestigator.set(key, [...(byInvestigator.get(key) ?? []), r]);
    }
    return {
      today,
      overdueAfterDays,
      district,
      name: this.districts.get(district)?.name ?? district,
      awaitingPreAssessment: queue.map((r) => {
        const daysWaiting = daysBetween(r.receivedOn, today);
        return { ...withLimit(r), daysWaiting, overdue: daysWaiting > overdueAfterDays };
      }),
      openInvestigations: [...byInvestigator.entries()]
        .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b, 'sv')))
        .map(([investigator, cases]) => ({
          investigator: investigator || null,
          count: cases.length,
          cases: cases.map(withLimit),
        })),
      investigated: rows.filter((r) => r.status === 'investigated').map(withLimit),
      followUp: rows.filter((r) => r.status === 'follow-up').map(item),
      notOpenedAwaitingClosing: rows.filter((r) => r.status === 'not-opened').map(item),
    };
  }

  /**
   * Money whose three-year limit runs out within the window, from the day a
   * suspicion is registered: queued and investigated cases' known payments
   * beside decided claims; and cases whose every payment is past its limit.
   */
  async deadlines(districts: string[], withinDays: number) {
    await this.consistency.readYourWrites();
    const today = this.today();
    const upcoming = [];
    const pastLimit = [];
    for (const r of this.limitCandidates(districts, today, addDays(today, withinDays))) {
      const stage = stageOf(r.hasClaims === 1, r.status);
      const outlook = combinedOutlook(JSON.parse(r.positions) as ClaimPosition[], today);
      const base = { id: r.id, caseNumber: r.caseNumber, district: r.district, investigator: r.investigator, stage };
      if (outlook.nextDeadline && daysBetween(today, outlook.nextDeadline) <= withinDays) {
        upcoming.push({
          ...base,
          deadline: outlook.nextDeadline,
          daysLeft: daysBetween(today, outlook.nextDeadline),
          amountLostIfNothingIsDone: kr(outlook.amountLostAtNextDeadlineOre),
          claimableAmount: kr(outlook.claimableOre),
        });
      } else if (outlook.claimableOre === 0 && outlook.expiredOre > 0) {
        pastLimit.push({ ...base, expiredAmount: kr(outlook.expiredOre), ...suggestionFor(stage) });
      }
    }
    upcoming.sort((a, b) => a.deadline.localeCompare(b.deadline) || a.caseNumber.localeCompare(b.caseNumber));
    pastLimit.sort((a, b) => a.caseNumber.localeCompare(b.caseNumber));
    return { today, withinDays, districts, upcoming, pastLimit };
  }

  /**
   * The only cases that can answer: those with a deadline from today to the
   * horizon (the next one that loses money is one of them), and those whose
   * outstanding money no deadline from today backs (wholly past their limits).
   */
  private limitCandidates(districts: string[], today: string, horizon: string): LimitRow[] {
    if (districts.length === 0) return [];
    const columns = `l.case_id AS id, l.case_number AS caseNumber, l.district, l.status, l.investigator,
                     l.has_claims AS hasClaims, l.positions`;
    return this.db
      .prepare(
        `SELECT ${columns} FROM case_limits l
         WHERE l.case_id IN (SELECT case_id FROM case_limit_dates WHERE district IN (${inList(districts)}) AND deadline BETWEEN ? AND ?)
         UNION
         SELECT ${columns} FROM case_limits l WHERE l.district IN (${inList(districts)}) AND l.live_until < ?`,
      )
      .all(...districts, today, horizon, ...districts, today) as LimitRow[];
  }
}

/** What a case wholly past its limits leads to: no investigation from the queue, a time-limit closing of a claim. */
function suggestionFor(stage: Stage) {
  switch (stage) {
    case 'queue':
      return { suggestedPreAssessment: { decision: 'no-investigation', reason: 'time-limit' } } as const;
    case 'claim':
      return { suggestedClosingReason: 'waived-time-limit' } as const;
    case 'investigation':
      // A police report may still be due: the offence has its own, longer limitation.
      return {};
  }
}
