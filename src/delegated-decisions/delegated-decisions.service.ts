import { Inject, Injectable } from '@nestjs/common';
import type Database from 'better-sqlite3';
import type { ExportTable } from '../common/table-export';
import {
  DelegationRegister,
  DECISION_MAKER_CAPACITIES,
  DECISION_TYPES,
  pointOn,
} from '../delegation/delegation-register';
import { DistrictRegister } from '../districts/district-register';
import { Consistency } from '../infrastructure/consistency.service';
import { READ_MODEL_DB } from '../infrastructure/tokens';
import { formatDate } from '../labels/format';
import { delegatedDecisionsIn } from './delegated-decisions.projection';
import type { DelegatedDecisionDto, DelegatedDecisionsDto } from './delegated-decisions.dto';

/** What the list says where a decision names no decision-maker. */
const NOT_STATED = 'Ej angiven';

/** The delegated decisions of a nämnd in a period: as JSON, and as the table its CSV, workbook and PDF show. */
@Injectable()
export class DelegatedDecisions {
  constructor(
    @Inject(READ_MODEL_DB) private readonly db: Database.Database,
    private readonly consistency: Consistency,
    private readonly districts: DistrictRegister,
    private readonly order: DelegationRegister,
  ) {}

  async list(district: string, from: string, to: string): Promise<DelegatedDecisionsDto> {
    await this.consistency.readYourWrites('delegated-decisions');
    const decisions = delegatedDecisionsIn(this.db, district, from, to).map((r): DelegatedDecisionDto => {
      const capacity = r.capacity as keyof typeof DECISION_MAKER_CAPACITIES | null;
      const label =
        r.type === 'waiver' && r.outcome
          ? `${DECISION_TYPES.waiver} (${r.outcome === 'refused' ? 'avslag' : 'bifall'})`
          : DECISION_TYPES[r.type];
      return {
        decidedOn: r.decided_on,
        caseId: r.case_id,
        caseNumber: r.case_number,
        type: r.type,
        label,
        outcome: r.outcome,
        legalParagraph: r.paragraph,
        amount: r.amount === null ? null : r.amount / 100,
        decidedBy: r.decided_by,
        capacity,
        capacityLabel: capacity ? DECISION_MAKER_CAPACITIES[capacity] : null,
        delegationPoint: r.delegation_point,
        delegationPointTitle: r.delegation_point
          ? (pointOn(this.order.points, r.delegation_point, r.decided_on)?.title ?? null)
          : null,
        imported: r.imported === 1,
        recordedAt: r.recorded_at,
        recordedBy: r.recorded_by,
      };
    });
    return { district, districtName: this.districts.get(district)?.name ?? district, from, to, decisions };
  }

  /** The list as the table a nämnd reads: Swedish headings, the gaps said in words. */
  table(list: DelegatedDecisionsDto): ExportTable {
    return {
      sheet: 'Delegationsbeslut',
      columns: [
        { heading: 'Beslutsdatum', kind: 'date' },
        { heading: 'Ärendenummer' },
        { heading: 'Beslut' },
        { heading: 'Lagrum' },
        { heading: 'Belopp (kr)', kind: 'amount' },
        { heading: 'Beslutsfattare' },
        { heading: 'Funktion' },
        { heading: 'Delegationspunkt' },
        { heading: 'Anmärkning' },
      ],
      rows: list.decisions.map((d) => [
        d.decidedOn,
        d.caseNumber,
        d.label,
        d.legalParagraph,
        d.amount,
        d.decidedBy ?? NOT_STATED,
        d.capacityLabel ?? NOT_STATED,
        d.delegationPoint
          ? `${d.delegationPoint}${d.delegationPointTitle ? ` ${d.delegationPointTitle}` : ''}`
          : d.decidedBy
            ? 'Ingen punkt i registret'
            : NOT_STATED,
        d.imported ? 'Importerat från register' : d.decidedBy ? '' : 'Beslutsfattaren är inte registrerad',
      ]),
    };
  }

  /** The heading of the list, as the nämnd's agenda item names it. */
  title(list: DelegatedDecisionsDto): { title: string; subtitle: string } {
    return {
      title: `Anmälan av delegationsbeslut – ${list.districtName}`,
      subtitle: `Beslut fattade med stöd av delegation ${formatDate(list.from)}–${formatDate(list.to)} (6 kap. 40 § kommunallagen). ${list.decisions.length} beslut.`,
    };
  }
}
