import { Inject, Injectable } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { daysBetween, todayInStockholm } from '../calendar/local-date';
import { DistrictRegister, isDistrictValidOn } from '../districts/district-register';
import { Clock } from '../infrastructure/clock';
import { Consistency } from '../infrastructure/consistency.service';
import { READ_MODEL_DB } from '../infrastructure/tokens';
import { type OpenCase, claimPosition } from '../cases/domain/case-state';
import { oreToKronor as kr } from '../cases/domain/money';
import { limitOutlook } from '../cases/domain/three-year-limit';

interface Row {
  id: string;
  caseNumber: string;
  district: string;
  status: string;
  receivedOn: string;
  investigator: string | null;
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
    const sql = `SELECT case_id AS id, case_number AS caseNumber, district, status, received_on AS receivedOn, investigator
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
    });
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
        return { ...item(r), daysWaiting, overdue: daysWaiting > overdueAfterDays };
      }),
      openInvestigations: [...byInvestigator.entries()]
        .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b, 'sv')))
        .map(([investigator, cases]) => ({
          investigator: investigator || null,
          count: cases.length,
          cases: cases.map(item),
        })),
      investigated: rows.filter((r) => r.status === 'investigated').map(item),
      followUp: rows.filter((r) => r.status === 'follow-up').map(item),
      notOpenedAwaitingClosing: rows.filter((r) => r.status === 'not-opened').map(item),
    };
  }

  /** Claims whose next three-year deadline falls within the window, and claims wholly past their limits. */
  async deadlines(districts: string[], withinDays: number) {
    await this.consistency.readYourWrites();
    const today = this.today();
    const sql = `SELECT case_id AS id, case_number AS caseNumber, district, state FROM case_list
                 WHERE status = 'follow-up' AND district IN (${districts.map(() => '?').join(', ') || "''"})`;
    const rows = this.db.prepare(sql).all(...districts) as Array<{
      id: string;
      caseNumber: string;
      district: string;
      state: string;
    }>;
    const upcoming = [];
    const pastLimit = [];
    for (const r of rows) {
      const c = JSON.parse(r.state) as OpenCase;
      if (!c.claim) continue;
      const outlook = limitOutlook(claimPosition(c), today);
      const base = { id: r.id, caseNumber: r.caseNumber, district: r.district, investigator: c.investigator };
      if (outlook.nextDeadline && daysBetween(today, outlook.nextDeadline) <= withinDays) {
        upcoming.push({
          ...base,
          deadline: outlook.nextDeadline,
          daysLeft: daysBetween(today, outlook.nextDeadline),
          amountLostIfNothingIsDone: kr(outlook.amountLostAtNextDeadlineOre),
          claimableAmount: kr(outlook.claimableOre),
        });
      } else if (outlook.claimableOre === 0 && outlook.expiredOre > 0) {
        pastLimit.push({ ...base, expiredAmount: kr(outlook.expiredOre), suggestedClosingReason: 'waived-time-limit' });
      }
    }
    upcoming.sort((a, b) => a.deadline.localeCompare(b.deadline) || a.caseNumber.localeCompare(b.caseNumber));
    pastLimit.sort((a, b) => a.caseNumber.localeCompare(b.caseNumber));
    return { today, withinDays, districts, upcoming, pastLimit };
  }
}
