import type Database from 'better-sqlite3';
import type { LimitStage } from '../cases/read-models/case-list.projection';
import type { SortOrder } from '../common/list-sort';

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
  /** The person's name as stored (encrypted); null while protected. */
  subjectName: string | null;
  identityProtected: number;
}

/** A row as a list ordered by name reads it first: every row of the list, to order them outside SQL. */
export interface NamedRow {
  id: string;
  caseNumber: string;
  subjectName: string | null;
}

/** The orders of a district's waiting list (the queue); default: oldest first. */
export const WAITING_SORT_KEYS = ['receivedOn', 'caseNumber', 'investigator', 'nextDeadline', 'name'] as const;
export type WaitingSortKey = (typeof WAITING_SORT_KEYS)[number];
/** The orders of the upcoming deadlines; default: the nearest deadline first. */
export const UPCOMING_SORT_KEYS = [
  'deadline',
  'caseNumber',
  'district',
  'investigator',
  'stage',
  'amountLost',
  'claimableAmount',
  'name',
] as const;
export type UpcomingSortKey = (typeof UPCOMING_SORT_KEYS)[number];
/** The orders of the cases wholly past their limits; default: the longest past first. */
export const PAST_LIMIT_SORT_KEYS = [
  'lastDeadline',
  'caseNumber',
  'district',
  'investigator',
  'stage',
  'expiredAmount',
  'name',
] as const;
export type PastLimitSortKey = (typeof PAST_LIMIT_SORT_KEYS)[number];

/** A list's order other than its index's, and the districts in Swedish order of their names. */
export interface ListOrder<K extends string> {
  sort: SortOrder<Exclude<K, 'name'>>;
  districtOrder: string[];
  today: string;
}

/** The process order of the stages. */
const STAGE_RANK = "CASE stage WHEN 'queue' THEN 0 WHEN 'investigation' THEN 1 ELSE 2 END";

/** A district's rank in the order of the names (`districtOrder`), as SQL over literal parameters. */
function districtRank(order: string[], params: unknown[]): string {
  params.push(...order);
  return order.length
    ? `CASE district ${order.map((_, i) => `WHEN ? THEN ${i}`).join(' ')} ELSE ${order.length} END`
    : '0';
}

/** The person's name and protection, and the case's version, from its list row (its unique index on case_id). */
const NAME_COLUMNS = (id: `${string}.case_id`) =>
  `(SELECT n.subject_name FROM case_list n WHERE n.case_id = ${id}) AS subjectName,
   (SELECT n.identity_protected FROM case_list n WHERE n.case_id = ${id}) AS identityProtected,
   (SELECT n.version FROM case_list n WHERE n.case_id = ${id}) AS version`;

export interface UpcomingRow {
  id: string;
  caseNumber: string;
  district: string;
  investigator: string | null;
  stage: LimitStage;
  deadline: string;
  lostOre: number;
  claimableOre: number;
  subjectName: string | null;
  identityProtected: number;
  version: number;
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
  subjectName: string | null;
  identityProtected: number;
  version: number;
}

const inList = (xs: unknown[]): string => xs.map(() => '?').join(', ');
/** Rows in the order of their ids (an IN list reads them in any order). */
const inOrder = <T extends { id: string }>(ids: string[], rows: T[]): T[] => {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
};
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

  /** The same rows in another order: sorted as a whole (a compound SELECT orders only by its plain columns). */
  private sorted(districts: string[], part: string, order: string): string {
    return `SELECT * FROM (${districts.map(() => part).join(' UNION ALL ')}) ORDER BY ${order} LIMIT ? OFFSET ?`;
  }

  /**
   * A district's cases in one status, oldest first (the index's order), or in
   * another order of the waiting list (which sorts the status's cases of the
   * district: they grow with the district's queue, not with the store).
   */
  statusPage(district: string, status: string, page: PageRequest, order?: ListOrder<WaitingSortKey>): QueueRow[] {
    const sort = order?.sort;
    const dir = sort?.descending ? 'DESC' : 'ASC';
    const next = `(SELECT x.deadline FROM case_limit_losses x WHERE x.case_id = c.case_id AND x.deadline >= ?
                   ORDER BY x.deadline LIMIT 1)`;
    const params: unknown[] = [];
    let orderSql = 'c.received_on, c.case_number';
    if (sort && !(sort.key === 'receivedOn' && !sort.descending)) {
      switch (sort.key) {
        case 'receivedOn':
          orderSql = `c.received_on ${dir}, c.case_number ${dir}, c.case_id ${dir}`;
          break;
        case 'caseNumber':
          orderSql = `c.case_number ${dir}, c.case_id ${dir}`;
          break;
        case 'investigator':
          orderSql = `c.investigator IS NULL, c.investigator ${dir}, c.received_on, c.case_number, c.case_id`;
          break;
        case 'nextDeadline':
          params.push(order.today, order.today);
          orderSql = `${next} IS NULL, ${next} ${dir}, c.received_on, c.case_number, c.case_id`;
          break;
      }
    }
    return this.statement(
      `SELECT c.case_id AS id, c.case_number AS caseNumber, c.received_on AS receivedOn, c.investigator, c.version,
              l.losses, l.outstanding_ore AS outstandingOre, c.subject_name AS subjectName,
              c.identity_protected AS identityProtected
       FROM case_list c LEFT JOIN case_limit_state l ON l.case_id = c.case_id
       WHERE c.status = ? AND c.district = ?
       ORDER BY ${orderSql} LIMIT ? OFFSET ?`,
    ).all(status, district, ...params, ...limitOffset(page)) as QueueRow[];
  }

  /** Every case of a district in one status, with its stored name: for the waiting list by name. */
  statusNames(district: string, status: string): NamedRow[] {
    return this.statement(
      `SELECT case_id AS id, case_number AS caseNumber, subject_name AS subjectName FROM case_list
       WHERE status = ? AND district = ?`,
    ).all(status, district) as NamedRow[];
  }

  /** These cases' queue rows, in the order of `ids`. */
  queueRows(ids: string[]): QueueRow[] {
    if (ids.length === 0) return [];
    const rows = this.statement(
      `SELECT c.case_id AS id, c.case_number AS caseNumber, c.received_on AS receivedOn, c.investigator, c.version,
              l.losses, l.outstanding_ore AS outstandingOre, c.subject_name AS subjectName,
              c.identity_protected AS identityProtected
       FROM case_list c LEFT JOIN case_limit_state l ON l.case_id = c.case_id
       WHERE c.case_id IN (${inList(ids)})`,
    ).all(...ids) as QueueRow[];
    return inOrder(ids, rows);
  }

  /** A district's open investigations by investigator (unassigned last), then oldest first. */
  investigationsPage(district: string, page: PageRequest): QueueRow[] {
    // The literal status and these ORDER BY terms are what the partial index case_list_investigating holds.
    return this.statement(
      `SELECT c.case_id AS id, c.case_number AS caseNumber, c.received_on AS receivedOn, c.investigator, c.version,
              l.losses, l.outstanding_ore AS outstandingOre, c.subject_name AS subjectName,
              c.identity_protected AS identityProtected
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

  /**
   * Cases whose next loss day on or after `today` is at the latest `horizon`:
   * by that day, then case number (the index's order), or in another order of
   * the list (which sorts the window's cases: they grow with the window's
   * deadlines, not with the store).
   */
  upcomingPage(
    districts: string[],
    today: string,
    horizon: string,
    page: PageRequest,
    order?: ListOrder<UpcomingSortKey>,
  ): UpcomingRow[] {
    if (districts.length === 0) return [];
    const part = `SELECT case_id AS id, case_number AS caseNumber, district, investigator, stage, deadline,
                         lost_ore AS lostOre, claimable_ore AS claimableOre, ${NAME_COLUMNS('case_limit_losses.case_id')}
                  FROM case_limit_losses WHERE district = ? AND deadline >= ? AND deadline <= ? AND prev < ?`;
    const params: unknown[] = [];
    const sql = order
      ? this.sorted(districts, part, this.upcomingOrder(order, params))
      : this.merged(districts, part, 'deadline, caseNumber, id');
    return this.statement(sql).all(
      ...districts.flatMap((d) => [d, today, horizon, today]),
      ...params,
      ...limitOffset(page),
    ) as UpcomingRow[];
  }

  private upcomingOrder({ sort, districtOrder }: ListOrder<UpcomingSortKey>, params: unknown[]): string {
    const dir = sort.descending ? 'DESC' : 'ASC';
    const then = 'deadline, caseNumber, id';
    switch (sort.key) {
      case 'deadline':
        return `deadline ${dir}, caseNumber ${dir}, id ${dir}`;
      case 'caseNumber':
        return `caseNumber ${dir}, id ${dir}`;
      case 'district':
        return `${districtRank(districtOrder, params)} ${dir}, district ${dir}, ${then}`;
      case 'investigator':
        return `investigator IS NULL, investigator ${dir}, ${then}`;
      case 'stage':
        return `${STAGE_RANK} ${dir}, ${then}`;
      case 'amountLost':
        return `lostOre ${dir}, ${then}`;
      case 'claimableAmount':
        return `claimableOre ${dir}, ${then}`;
    }
  }

  /** Every case of the upcoming list, with its stored name: for the list by name. */
  upcomingNames(districts: string[], today: string, horizon: string): NamedRow[] {
    if (districts.length === 0) return [];
    return this.statement(
      `SELECT l.case_id AS id, l.case_number AS caseNumber, c.subject_name AS subjectName
       FROM case_limit_losses l JOIN case_list c ON c.case_id = l.case_id
       WHERE l.district IN (${inList(districts)}) AND l.deadline >= ? AND l.deadline <= ? AND l.prev < ?`,
    ).all(...districts, today, horizon, today) as NamedRow[];
  }

  /** These cases' rows of the upcoming list, in the order of `ids`. */
  upcomingRows(ids: string[], today: string): UpcomingRow[] {
    if (ids.length === 0) return [];
    const rows = this.statement(
      `SELECT case_id AS id, case_number AS caseNumber, district, investigator, stage, deadline,
              lost_ore AS lostOre, claimable_ore AS claimableOre, ${NAME_COLUMNS('case_limit_losses.case_id')}
       FROM case_limit_losses WHERE case_id IN (${inList(ids)}) AND deadline >= ? AND prev < ?`,
    ).all(...ids, today, today) as UpcomingRow[];
    return inOrder(ids, rows);
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
  pastLimitPage(
    districts: string[],
    today: string,
    page: PageRequest,
    order?: ListOrder<PastLimitSortKey>,
  ): PastLimitRow[] {
    if (districts.length === 0) return [];
    const part = `SELECT case_id AS id, case_number AS caseNumber, district, investigator, stage,
                         live_until AS liveUntil, outstanding_ore AS expiredOre, ${NAME_COLUMNS('case_limit_state.case_id')}
                  FROM case_limit_state WHERE district = ? AND live_until < ?`;
    const params: unknown[] = [];
    const sql = order
      ? this.sorted(districts, part, this.pastLimitOrder(order, params))
      : this.merged(districts, part, 'liveUntil, caseNumber, id');
    return this.statement(sql).all(
      ...districts.flatMap((d) => [d, today]),
      ...params,
      ...limitOffset(page),
    ) as PastLimitRow[];
  }

  private pastLimitOrder({ sort, districtOrder }: ListOrder<PastLimitSortKey>, params: unknown[]): string {
    const dir = sort.descending ? 'DESC' : 'ASC';
    const then = 'liveUntil, caseNumber, id';
    switch (sort.key) {
      case 'lastDeadline':
        return `liveUntil ${dir}, caseNumber ${dir}, id ${dir}`;
      case 'caseNumber':
        return `caseNumber ${dir}, id ${dir}`;
      case 'district':
        return `${districtRank(districtOrder, params)} ${dir}, district ${dir}, ${then}`;
      case 'investigator':
        return `investigator IS NULL, investigator ${dir}, ${then}`;
      case 'stage':
        return `${STAGE_RANK} ${dir}, ${then}`;
      case 'expiredAmount':
        return `expiredOre ${dir}, ${then}`;
    }
  }

  /** Every case wholly past its limits, with its stored name: for the list by name. */
  pastLimitNames(districts: string[], today: string): NamedRow[] {
    if (districts.length === 0) return [];
    return this.statement(
      `SELECT l.case_id AS id, l.case_number AS caseNumber, c.subject_name AS subjectName
       FROM case_limit_state l JOIN case_list c ON c.case_id = l.case_id
       WHERE l.district IN (${inList(districts)}) AND l.live_until < ?`,
    ).all(...districts, today) as NamedRow[];
  }

  /** These cases' rows of the past-limit list, in the order of `ids`. */
  pastLimitRows(ids: string[]): PastLimitRow[] {
    if (ids.length === 0) return [];
    const rows = this.statement(
      `SELECT case_id AS id, case_number AS caseNumber, district, investigator, stage,
              live_until AS liveUntil, outstanding_ore AS expiredOre, ${NAME_COLUMNS('case_limit_state.case_id')}
       FROM case_limit_state WHERE case_id IN (${inList(ids)})`,
    ).all(...ids) as PastLimitRow[];
    return inOrder(ids, rows);
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
