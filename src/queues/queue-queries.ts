import type Database from 'better-sqlite3';
import type { LimitStage } from '../cases/read-models/case-list.projection';

/** Which page of a list: 1-based, as `GET /api/cases` pages. */
export interface PageRequest {
  page: number;
  pageSize: number;
}

export interface QueueRow {
  id: string;
  caseNumber: string;
  receivedOn: string;
  investigator: string | null;
  version: number;
  /** The case's loss days as JSON [[deadline, lost_ore, claimable_ore], ...] (null: none watched). */
  losses: string | null;
  outstandingOre: number | null;
}

export interface UpcomingRow {
  id: string;
  caseNumber: string;
  district: string;
  investigator: string | null;
  stage: LimitStage;
  deadline: string;
  lostOre: number;
  claimableOre: number;
}

export interface PastLimitRow {
  id: string;
  caseNumber: string;
  district: string;
  investigator: string | null;
  stage: LimitStage;
  /** The last day that lost money ('' when none ever backed it). */
  liveUntil: string;
  expiredOre: number;
}

const inList = (xs: unknown[]): string => xs.map(() => '?').join(', ');
const limitOffset = ({ page, pageSize }: PageRequest): [number, number] => [pageSize, (page - 1) * pageSize];

/**
 * The SQL of the queue and deadline pages, over the case-list read model.
 * Every page is read in index order (LIMIT/OFFSET, no sort of its rows);
 * every total is a sum over kept counts (see `CaseListProjection`).
 */
export class QueueQueries {
  /** Statements by their SQL: a district list's length changes the text. */
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  private statement(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  /**
   * Several districts in one order: one index range per district, merged by
   * SQLite (a compound SELECT with ORDER BY merges its ordered parts) instead
   * of reading every matching row and sorting them.
   */
  private merged(districts: string[], part: string, order: string): string {
    return `${districts.map(() => part).join(' UNION ALL ')} ORDER BY ${order} LIMIT ? OFFSET ?`;
  }

  /** A district's cases in one status, oldest first, with their loss days. */
  statusPage(district: string, status: string, page: PageRequest): QueueRow[] {
    return this.statement(
      `SELECT c.case_id AS id, c.case_number AS caseNumber, c.received_on AS receivedOn, c.investigator, c.version,
              l.losses, l.outstanding_ore AS outstandingOre
       FROM case_list c LEFT JOIN case_limit_state l ON l.case_id = c.case_id
       WHERE c.status = ? AND c.district = ?
       ORDER BY c.received_on, c.case_number LIMIT ? OFFSET ?`,
    ).all(status, district, ...limitOffset(page)) as QueueRow[];
  }

  /** A district's open investigations by investigator (unassigned last), then oldest first. */
  investigationsPage(district: string, page: PageRequest): QueueRow[] {
    // The literal status and these ORDER BY terms are what the partial index case_list_investigating holds.
    return this.statement(
      `SELECT c.case_id AS id, c.case_number AS caseNumber, c.received_on AS receivedOn, c.investigator, c.version,
              l.losses, l.outstanding_ore AS outstandingOre
       FROM case_list c LEFT JOIN case_limit_state l ON l.case_id = c.case_id
       WHERE c.status = 'investigating' AND c.district = ?
       ORDER BY c.investigator IS NULL, c.investigator, c.received_on, c.case_number LIMIT ? OFFSET ?`,
    ).all(district, ...limitOffset(page)) as QueueRow[];
  }

  /** Kept counts per district of cases in these statuses (all districts, or those in `scope`). */
  countsByDistrict(
    statuses: string[],
    scope: string[] | undefined,
  ): Array<{ district: string; status: string; n: number }> {
    const within = scope ? `AND district IN (${inList(scope)})` : '';
    return this.statement(
      `SELECT district, status, n FROM case_counts WHERE n > 0 AND status IN (${inList(statuses)}) ${within}`,
    ).all(...statuses, ...(scope ?? [])) as Array<{ district: string; status: string; n: number }>;
  }

  /** A district's queue: the day its oldest case came in, and how many came in before `cutoff` (index reads only). */
  queueAge(district: string, cutoff: string): { oldest: string | null; overdue: number } {
    return this.statement(
      `SELECT MIN(received_on) AS oldest,
         (SELECT COUNT(*) FROM case_list WHERE status = 'in-queue' AND district = @district AND received_on < @cutoff) AS overdue
       FROM case_list WHERE status = 'in-queue' AND district = @district`,
    ).get({ district, cutoff }) as { oldest: string | null; overdue: number };
  }

  /** The day the oldest of a district's cases in these statuses came in ('' when it has none). */
  oldestReceivedOn(district: string, statuses: string[]): string {
    const row = this.statement(
      `SELECT MIN(received_on) AS first FROM case_list WHERE district = ? AND status IN (${inList(statuses)})`,
    ).get(district, ...statuses) as { first: string | null } | undefined;
    return row?.first ?? '';
  }

  /** Kept counts of a district's cases per status. */
  statusCounts(district: string): Map<string, number> {
    const rows = this.statement('SELECT status, n FROM case_counts WHERE district = ?').all(district) as Array<{
      status: string;
      n: number;
    }>;
    return new Map(rows.map((r) => [r.status, r.n]));
  }

  /** Kept counts of a district's cases in a status per investigator ('' for none, last). */
  investigatorCounts(district: string, status: string): Array<{ investigator: string; n: number }> {
    const rows = this.statement(
      `SELECT investigator, n FROM case_investigator_counts WHERE district = ? AND status = ? AND n > 0
       ORDER BY investigator`,
    ).all(district, status) as Array<{ investigator: string; n: number }>;
    // '' (unassigned) sorts first in the key; the list shows it last, as the page of cases does.
    return [...rows.filter((r) => r.investigator !== ''), ...rows.filter((r) => r.investigator === '')];
  }

  private asOf(): string {
    return (this.statement('SELECT as_of AS asOf FROM case_limit_as_of WHERE id = 1').get() as { asOf: string }).asOf;
  }

  /** Cases whose next loss day on or after `today` is at the latest `horizon`: by that day, then case number. */
  upcomingPage(districts: string[], today: string, horizon: string, page: PageRequest): UpcomingRow[] {
    if (districts.length === 0) return [];
    const part = `SELECT case_id AS id, case_number AS caseNumber, district, investigator, stage, deadline,
                         lost_ore AS lostOre, claimable_ore AS claimableOre
                  FROM case_limit_losses WHERE district = ? AND deadline >= ? AND deadline <= ? AND prev < ?`;
    return this.statement(this.merged(districts, part, 'deadline, caseNumber, id')).all(
      ...districts.flatMap((d) => [d, today, horizon, today]),
      ...limitOffset(page),
    ) as UpcomingRow[];
  }

  /**
   * How many cases `upcomingPage` pages through, and what they lose: the kept
   * sums per deadline day (O(districts × days in the window), whatever the
   * store holds), corrected by the loss rows whose `prev` lies between the
   * sums' `as_of` and today (a day's rows when as_of is today or yesterday).
   */
  upcomingTotal(districts: string[], today: string, horizon: string): { n: number; lostOre: number } {
    if (districts.length === 0) return { n: 0, lostOre: 0 };
    const kept = this.statement(
      `SELECT COALESCE(SUM(n), 0) AS n, COALESCE(SUM(lost_ore), 0) AS lostOre FROM case_limit_loss_days
       WHERE district IN (${inList(districts)}) AND deadline >= ? AND deadline <= ?`,
    ).get(...districts, today, horizon) as { n: number; lostOre: number };
    const asOf = this.asOf();
    if (asOf === today) return kept;
    // Kept: prev < as_of. Wanted: prev < today. The rows between count once more, or once less.
    const [from, to, sign] = asOf < today ? [asOf, today, 1] : [today, asOf, -1];
    const between = this.statement(
      `SELECT COUNT(*) AS n, COALESCE(SUM(lost_ore), 0) AS lostOre FROM case_limit_losses
       WHERE district IN (${inList(districts)}) AND prev >= ? AND prev < ? AND deadline >= ? AND deadline <= ?`,
    ).get(...districts, from, to, today, horizon) as { n: number; lostOre: number };
    return { n: kept.n + sign * between.n, lostOre: kept.lostOre + sign * between.lostOre };
  }

  /**
   * Cases wholly past their limits on `today`, the longest past first (by the
   * last day that lost money, then case number): the order of the index, which
   * a case-number order over a set that grows as days pass could not use.
   */
  pastLimitPage(districts: string[], today: string, page: PageRequest): PastLimitRow[] {
    if (districts.length === 0) return [];
    const part = `SELECT case_id AS id, case_number AS caseNumber, district, investigator, stage,
                         live_until AS liveUntil, outstanding_ore AS expiredOre
                  FROM case_limit_state WHERE district = ? AND live_until < ?`;
    return this.statement(this.merged(districts, part, 'liveUntil, caseNumber, id')).all(
      ...districts.flatMap((d) => [d, today]),
      ...limitOffset(page),
    ) as PastLimitRow[];
  }

  /** How many `pastLimitPage` pages through: the kept sums per district, corrected as `upcomingTotal` is. */
  pastLimitTotal(districts: string[], today: string): { n: number; expiredOre: number } {
    if (districts.length === 0) return { n: 0, expiredOre: 0 };
    const kept = this.statement(
      `SELECT COALESCE(SUM(n), 0) AS n, COALESCE(SUM(expired_ore), 0) AS expiredOre FROM case_limit_past
       WHERE district IN (${inList(districts)})`,
    ).get(...districts) as { n: number; expiredOre: number };
    const asOf = this.asOf();
    if (asOf === today) return kept;
    const [from, to, sign] = asOf < today ? [asOf, today, 1] : [today, asOf, -1];
    const between = this.statement(
      `SELECT COUNT(*) AS n, COALESCE(SUM(outstanding_ore), 0) AS expiredOre FROM case_limit_state
       WHERE district IN (${inList(districts)}) AND live_until >= ? AND live_until < ?`,
    ).get(...districts, from, to) as { n: number; expiredOre: number };
    return { n: kept.n + sign * between.n, expiredOre: kept.expiredOre + sign * between.expiredOre };
  }
}
