import { Inject, Injectable } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { daysBetween, todayInStockholm } from '../calendar/local-date';
import { arrearsOn } from '../cases/domain/instalments';
import { InstalmentPlanQueries } from '../cases/read-models/instalment-plans';
import { Clock } from '../infrastructure/clock';
import { Consistency } from '../infrastructure/consistency.service';
import { READ_MODEL_DB } from '../infrastructure/tokens';
import { oreToKronor as kr } from '../kernel/money';
import { nameInList } from '../cases/read-models/name-in-list';
import { PersonalData } from '../personal-data/personal-data';
import type { MissedInstalmentsDto } from './missed-instalments.dto';

/**
 * Missade avbetalningar: the repayment plans of the caller's districts that
 * are behind today, from the plans kept beside the case list. Which plans are
 * behind is an index range on today (no write is needed as the days pass);
 * what each is behind is computed for the page's rows only.
 */
@Injectable()
export class MissedInstalmentsService {
  private readonly read: InstalmentPlanQueries;

  constructor(
    @Inject(READ_MODEL_DB) db: Database.Database,
    private readonly consistency: Consistency,
    private readonly clock: Clock,
    private readonly personalData: PersonalData,
  ) {
    this.read = new InstalmentPlanQueries(db);
  }

  async list(districts: string[], page: number, pageSize: number): Promise<MissedInstalmentsDto> {
    await this.consistency.readYourWrites('case-list');
    const today = todayInStockholm(this.clock.now());
    const rows = this.read.behindPage(districts, today, page, pageSize);
    const names = this.read.namesOf([...new Set(rows.map((r) => r.id))]);
    const items = rows.map((r) => {
      const position = {
        claimId: r.claimId,
        agreedOn: r.agreedOn,
        firstDueOn: r.firstDueOn,
        monthlyAmountOre: r.monthlyOre,
        totalOre: r.totalOre,
        paidOre: r.paidOre,
        ocrReference: r.ocrReference,
      };
      // The row is in the range because its first unpaid instalment is late: arrears are never null here.
      const arrears = arrearsOn(position, today)!;
      return {
        id: r.id,
        caseNumber: r.caseNumber,
        // As every list shows it (the list holds only the reader's districts): never a protected person's.
        ...nameInList(this.personalData, names.get(r.id)?.subjectName ?? null, names.get(r.id)?.identityProtected ?? 0),
        district: r.district,
        investigator: r.investigator,
        claimId: r.claimId,
        planAgreedOn: r.agreedOn,
        monthlyAmount: kr(r.monthlyOre),
        behind: kr(arrears.behindOre),
        since: arrears.since,
        payBy: arrears.payBy,
        daysBehind: daysBetween(arrears.payBy, today),
        instalmentsBehind: arrears.instalments,
        paid: kr(r.paidOre),
        total: kr(r.totalOre),
      };
    });
    return { today, districts, total: this.read.behindTotal(districts, today), page, pageSize, items };
  }
}
