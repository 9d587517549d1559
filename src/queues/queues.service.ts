import { Inject, Injectable } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { addDays, daysBetween, todayInStockholm } from '../calendar/local-date';
import { DistrictRegister, isDistrictValidOn } from '../districts/district-register';
import { Clock } from '../infrastructure/clock';
import { Consistency } from '../infrastructure/consistency.service';
import { READ_MODEL_DB } from '../infrastructure/tokens';
import { LIMIT_STATUSES, type LimitStage } from '../cases/read-models/case-list.projection';
import {
  type ListOrder,
  type NamedRow,
  type PastLimitSortKey,
  QueueQueries,
  type QueueRow,
  type UpcomingSortKey,
  type WaitingSortKey,
} from './queue-queries';
import { NAME_SORT_LIMIT, type SortOrder, byName, districtOrder, nameSortTooLong } from '../common/list-sort';
import { PersonalData } from '../personal-data/personal-data';
import { nameInList } from '../cases/read-models/name-in-list';
import { oreToKronor as kr } from '../kernel/money';
import type { LimitOutlook } from '../cases/domain/three-year-limit';

/**
 * A case's outlook on `today` from its kept loss days: the first on or after
 * today is the next deadline, with what it loses and what is claimable until
 * then (`lossSchedule` gives the same as `combinedOutlook` on any day).
 */
function outlookOf(r: QueueRow, today: string): LimitOutlook {
  const losses = r.losses ? (JSON.parse(r.losses) as Array<[string, number, number]>) : [];
  const next = losses.find(([deadline]) => deadline >= today);
  const claimableOre = next?.[2] ?? 0;
  return {
    nextDeadline: next?.[0] ?? null,
    amountLostAtNextDeadlineOre: next?.[1] ?? 0,
    claimableOre,
    expiredOre: (r.outstandingOre ?? 0) - claimableOre,
  };
}

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

/** The page of each list a district's queue shows. */
export interface QueuePages {
  pageSize: number;
  awaitingPreAssessment: number;
  openInvestigations: number;
  investigated: number;
  followUp: number;
  notOpenedAwaitingClosing: number;
  /** The waiting list's order (default: oldest first). */
  awaitingPreAssessmentSort?: SortOrder<WaitingSortKey>;
}

/** The page of each list the deadlines show, and their orders (default: the nearest deadline, the longest past). */
export interface DeadlinePages {
  pageSize: number;
  upcoming: number;
  pastLimit: number;
  upcomingSort?: SortOrder<UpcomingSortKey>;
  pastLimitSort?: SortOrder<PastLimitSortKey>;
}

/**
 * A district's queue as it first shows: five lists of 20, about one page of
 * the case list in all (an answer that grows with its page size, not the store).
 */
export const FIRST_QUEUE_PAGES: QueuePages = {
  pageSize: 20,
  awaitingPreAssessment: 1,
  openInvestigations: 1,
  investigated: 1,
  followUp: 1,
  notOpenedAwaitingClosing: 1,
};

/** A page of a list: its items and, over all pages, how many there are. */
const paged = <T>(items: T[], total: number, page: number, pageSize: number) => ({ items, total, page, pageSize });

/** What waits in each district, for unit heads: from the case-list read model. */
@Injectable()
export class QueuesService {
  private readonly read: QueueQueries;

  constructor(
    @Inject(READ_MODEL_DB) db: Database.Database,
    private readonly consistency: Consistency,
    private readonly clock: Clock,
    private readonly districts: DistrictRegister,
    private readonly personalData: PersonalData,
  ) {
    this.read = new QueueQueries(db);
  }

  /** The person's name as a list shows it (see nameInList). */
  private named<R extends { subjectName: string | null; identityProtected: number }>(r: R) {
    return nameInList(this.personalData, r.subjectName, r.identityProtected);
  }

  /**
   * A page of a list in Swedish order of the names its reader is shown: every
   * row of the list read (at most NAME_SORT_LIMIT), ordered, and the page's rows fetched.
   */
  private pageByName<R>(
    all: NamedRow[],
    descending: boolean,
    page: number,
    pageSize: number,
    rows: (ids: string[]) => R[],
  ): R[] {
    if (all.length > NAME_SORT_LIMIT) throw nameSortTooLong(all.length);
    const sorted = byName(
      all,
      (r) => this.personalData.revealOrNull(r.subjectName),
      descending,
      (a, b) => a.caseNumber.localeCompare(b.caseNumber) || a.id.localeCompare(b.id),
    );
    return rows(sorted.slice((page - 1) * pageSize, page * pageSize).map((r) => r.id));
  }

  /** A list's order for SQL: undefined for the index's own, which the list reads unsorted. */
  private order<K extends string>(sort: SortOrder<K> | undefined, today: string): ListOrder<K> | undefined {
    if (!sort || sort.key === 'name') return undefined;
    return {
      sort: sort as SortOrder<Exclude<K, 'name'>>,
      today,
      districtOrder: districtOrder(this.districts.all()),
    };
  }

  private today(): string {
    return todayInStockholm(this.clock.now());
  }

  /**
   * One summary row per district from the kept counts; only the queue's oldest
   * day and its overdue cases are read from the index, never whole rows.
   */
  private summary(scope: string[] | undefined, statuses: string[], today: string, overdueAfterDays: number) {
    const counts = this.read.countsByDistrict(statuses, scope);
    const cutoff = addDays(today, -overdueAfterDays);
    const valid = this.districts
      .all()
      .filter((d) => isDistrictValidOn(d, today) && (!scope || scope.includes(d.code)))
      .map((d) => d.code);
    // Districts no longer valid that still hold open cases follow, the one with the oldest case first.
    const extra = [...new Set(counts.map((c) => c.district))]
      .filter((code) => !valid.includes(code))
      .map((code) => ({ code, first: this.read.oldestReceivedOn(code, statuses) }))
      .sort((a, b) => a.first.localeCompare(b.first) || a.code.localeCompare(b.code))
      .map((d) => d.code);
    const codes = [...valid, ...extra];
    return codes.map((code) => {
      const n = (status: string): number => counts.find((c) => c.district === code && c.status === status)?.n ?? 0;
      const waiting = n('in-queue');
      const q = waiting > 0 ? this.read.queueAge(code, cutoff) : undefined;
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

  /** One summary row per district: `scope`, the districts the caller may see (undefined: the whole city, counts only). */
  async queueSummary(overdueAfterDays: number, scope?: string[]) {
    await this.consistency.readYourWrites('case-list');
    const today = this.today();
    const statuses = [...LIMIT_STATUSES, 'not-opened'];
    return { today, overdueAfterDays, districts: this.summary(scope, statuses, today, overdueAfterDays) };
  }

  /** A district's lists, each one page read in the index's order, its total from the kept counts. */
  async districtQueue(district: string, overdueAfterDays: number, pages: QueuePages = FIRST_QUEUE_PAGES) {
    await this.consistency.readYourWrites('case-list');
    const today = this.today();
    const { pageSize, ...page } = pages;
    const at = (n: number) => ({ page: n, pageSize });
    const counts = this.read.statusCounts(district);
    const total = (status: string): number => counts.get(status) ?? 0;
    const item = (r: QueueRow) => ({
      id: r.id,
      caseNumber: r.caseNumber,
      ...this.named(r),
      receivedOn: r.receivedOn,
      investigator: r.investigator,
      version: r.version,
    });
    // Waiting and investigated cases show what the three-year limit is about to take.
    const withLimit = (r: QueueRow) => ({
      ...item(r),
      threeYearLimit: limitSummary(outlookOf(r, today), today),
    });
    const list = <T>(status: string, n: number, map: (r: QueueRow) => T) =>
      paged(this.read.statusPage(district, status, at(n)).map(map), total(status), n, pageSize);
    return {
      today,
      overdueAfterDays,
      district,
      name: this.districts.get(district)?.name ?? district,
      awaitingPreAssessment: paged(
        this.waitingPage(district, at(page.awaitingPreAssessment), today, page.awaitingPreAssessmentSort).map((r) => {
          const daysWaiting = daysBetween(r.receivedOn, today);
          return { ...withLimit(r), daysWaiting, overdue: daysWaiting > overdueAfterDays };
        }),
        total('in-queue'),
        page.awaitingPreAssessment,
        pageSize,
      ),
      openInvestigations: {
        ...paged(
          this.read.investigationsPage(district, at(page.openInvestigations)).map(withLimit),
          total('investigating'),
          page.openInvestigations,
          pageSize,
        ),
        byInvestigator: this.read
          .investigatorCounts(district, 'investigating')
          .map((w) => ({ investigator: w.investigator || null, count: w.n })),
      },
      investigated: list('investigated', page.investigated, withLimit),
      followUp: list('follow-up', page.followUp, item),
      notOpenedAwaitingClosing: list('not-opened', page.notOpenedAwaitingClosing, item),
    };
  }

  /** The waiting list's page, in the order asked for. */
  private waitingPage(
    district: string,
    at: { page: number; pageSize: number },
    today: string,
    sort: SortOrder<WaitingSortKey> | undefined,
  ): QueueRow[] {
    if (sort?.key === 'name')
      return this.pageByName(
        this.read.statusNames(district, 'in-queue'),
        sort.descending,
        at.page,
        at.pageSize,
        (ids) => this.read.queueRows(ids),
      );
    return this.read.statusPage(district, 'in-queue', at, this.order(sort, today));
  }

  /**
   * Money whose three-year limit runs out within the window, from the day a
   * suspicion is registered: queued and investigated cases' known payments
   * beside decided claims; and cases whose every payment is past its limit.
   * Each list is one page in the order of its index; totals and sums come
   * from the kept sums (see `QueueQueries`).
   */
  async deadlines(
    districts: string[],
    withinDays: number,
    pages: DeadlinePages = { pageSize: 50, upcoming: 1, pastLimit: 1 },
  ) {
    await this.consistency.readYourWrites('case-list');
    const today = this.today();
    const horizon = addDays(today, withinDays);
    const { pageSize } = pages;
    const upcoming = this.read.upcomingTotal(districts, today, horizon);
    const pastLimit = this.read.pastLimitTotal(districts, today);
    const at = (n: number) => ({ page: n, pageSize });
    const upcomingRows =
      pages.upcomingSort?.key === 'name'
        ? this.pageByName(
            this.read.upcomingNames(districts, today, horizon),
            pages.upcomingSort.descending,
            pages.upcoming,
            pageSize,
            (ids) => this.read.upcomingRows(ids, today),
          )
        : this.read.upcomingPage(districts, today, horizon, at(pages.upcoming), this.order(pages.upcomingSort, today));
    const pastLimitRows =
      pages.pastLimitSort?.key === 'name'
        ? this.pageByName(
            this.read.pastLimitNames(districts, today),
            pages.pastLimitSort.descending,
            pages.pastLimit,
            pageSize,
            (ids) => this.read.pastLimitRows(ids),
          )
        : this.read.pastLimitPage(districts, today, at(pages.pastLimit), this.order(pages.pastLimitSort, today));
    return {
      today,
      withinDays,
      districts,
      upcoming: {
        ...paged(
          upcomingRows.map((r) => ({
            id: r.id,
            caseNumber: r.caseNumber,
            ...this.named(r),
            version: r.version,
            district: r.district,
            investigator: r.investigator,
            stage: r.stage,
            deadline: r.deadline,
            daysLeft: daysBetween(today, r.deadline),
            amountLostIfNothingIsDone: kr(r.lostOre),
            claimableAmount: kr(r.claimableOre),
          })),
          upcoming.n,
          pages.upcoming,
          pageSize,
        ),
        amountLostIfNothingIsDone: kr(upcoming.lostOre),
      },
      pastLimit: {
        ...paged(
          pastLimitRows.map((r) => ({
            id: r.id,
            caseNumber: r.caseNumber,
            ...this.named(r),
            version: r.version,
            district: r.district,
            investigator: r.investigator,
            stage: r.stage,
            lastDeadline: r.liveUntil || null,
            expiredAmount: kr(r.expiredOre),
            ...suggestionFor(r.stage),
          })),
          pastLimit.n,
          pages.pastLimit,
          pageSize,
        ),
        expiredAmount: kr(pastLimit.expiredOre),
      },
    };
  }
}

/** What a case wholly past its limits leads to: no investigation from the queue, a time-limit closing of a claim. */
function suggestionFor(stage: LimitStage) {
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
