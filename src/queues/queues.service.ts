import { Inject, Injectable } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { daysBetween, todayInStockholm } from '../calendar/local-date';
import { DistrictRegister, isDistrictValidOn } from '../districts/district-register';
import { Clock } from '../infrastructure/clock';
import { Consistency } from '../infrastructure/consistency.service';
import { READ_MODEL_DB } from '../infrastructure/tokens';
import { type OpenCase, limitPositions } from '../cases/domain/case-state';
import { oreToKronor as kr } from '../cases/domain/money';
import { type LimitOutlook, combinedOutlook } from '../cases/domain/three-year-limit';

interface Row {
  id: string;
  caseNumber: string;
  district: string;
  status: string;
  receivedOn: string;
  investigator: string | null;
  version: number;
  state: string;
}

/** Where in the process the money at stake is: waiting for pre-assessment, under investigation, or claimed. */
type Stage = 'queue' | 'investigation' | 'claim';
const stageOf = (c: OpenCase, status: string): Stage =>
  c.claims.length > 0 ? 'claim' : status === 'in-queue' ? 'queue' : 'investigation';

const outlookOf = (r: Row, today: string): LimitOutlook =>
  combinedOutlook(limitPositions(JSON.parse(r.state) as OpenCase), today);

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

  private rows(districts: string[] | undefined, statuses: string[]): Row[] {
    const inList = (xs: string[]): string => xs.map(() => '?').join(', ');
    const sql = `SELECT case_id AS id, case_number AS caseNumber, district, status, received_on AS receivedOn, investigator, version, state
                 FROM case_list WHERE status IN (${inList(statuses)}) ${districts ? `AND district IN (${inList(districts)})` : ''}
                 ORDER BY received_on, case_number`;
    return this.db.prepare(sql).all(...statuses, ...(districts ?? [])) as Row[];
  }

  /** `scope`: the districts the caller may see (undefined: the whole city, counts only). */
  async queues(district: string | undefined, overdueAfterDays: number, scope?: string[]) {
    await this.consistency.readYourWrites();
    const today = this.today();
    const statuses = ['in-queue', 'investigating', 'investigated', 'follow-up', 'not-opened'];
    const rows = this.rows(district ? [district] : scope, statuses);
    if (!district) {
      const codes = new Set([
        ...this.districts
          .all()
          .filter((d) => isDistrictValidOn(d, today) && (!scope || scope.includes(d.code)))
          .map((d) => d.code),
        ...rows.map((r) => r.district),
      ]);
      return {
        today,
        overdueAfterDays,
        districts: [...codes].map((code) => {
          const mine = rows.filter((r) => r.district === code);
          const queue = mine.filter((r) => r.status === 'in-queue');
          return {
            district: code,
            name: this.districts.get(code)?.name ?? code,
            awaitingPreAssessment: queue.length,
            overdue: queue.filter((r) => daysBetween(r.receivedOn, today) > overdueAfterDays).length,
            oldestReceivedOn: queue[0]?.receivedOn ?? null,
            openInvestigations: mine.filter((r) => r.status === 'investigating').length,
            investigated: mine.filter((r) => r.status === 'investigated').length,
            followUp: mine.filter((r) => r.status === 'follow-up').length,
            notOpenedAwaitingClosing: mine.filter((r) => r.status === 'not-opened').length,
          };
        }),
      };
    }
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
    const rows = this.rows(districts, ['in-queue', 'investigating', 'investigated', 'follow-up']);
    const upcoming = [];
    const pastLimit = [];
    for (const r of rows) {
      const c = JSON.parse(r.state) as OpenCase;
      const stage = stageOf(c, r.status);
      const outlook = combinedOutlook(limitPositions(c), today);
      const base = { id: r.id, caseNumber: r.caseNumber, district: r.district, investigator: c.investigator, stage };
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
