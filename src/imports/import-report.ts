import type { Gender } from '../cases/domain/catalogues';
import type { CaseEvent } from '../cases/steps';
import { businessDateOf } from '../cases/steps';
import type { ExportTable } from '../common/table-export';
import type { ImportField } from './import-mapping';
import type { RowProblem } from './row-plan';

export type RowStatus = 'imported' | 'would-import' | 'unchanged' | 'failed';

export interface RowResult {
  row: number;
  /** The row's identity in the register (its case number or key column); empty when the row has none. */
  key: string;
  status: RowStatus;
  /** Steps written (or, in a dry run, that would be), the registration included. */
  steps: number;
  /** The service's case id, once the case exists. */
  caseId: string | null;
  problems: RowProblem[];
}

/** What the import adds to one year's statistics for a district and gender. Amounts in kronor. */
export interface TotalsRow {
  year: number;
  district: string;
  gender: Gender;
  received: number;
  investigationsOpened: number;
  claims: number;
  claimedAmount: number;
  policeReports: number;
  compensationSuits: number;
  repaidAmount: number;
  closed: number;
}

export interface ImportReport {
  id: string;
  fileName: string;
  fileSha256: string;
  sheet: string | null;
  dryRun: boolean;
  importedBy: string;
  startedAt: string;
  finishedAt: string;
  columns: { mapped: Partial<Record<ImportField, string>>; unmapped: string[] };
  summary: { rows: number; imported: number; unchanged: number; failed: number; problems: number };
  rows: RowResult[];
  totals: TotalsRow[];
}

/** Counts each event's contribution to its business year's statistics, as the yearly report defines them. */
export class Totals {
  private readonly rows = new Map<string, TotalsRow>();

  add(event: CaseEvent, district: string, gender: Gender): void {
    const year = Number(businessDateOf(event).slice(0, 4));
    const k = `${year}|${district}|${gender}`;
    let r = this.rows.get(k);
    if (!r) {
      r = {
        year,
        district,
        gender,
        received: 0,
        investigationsOpened: 0,
        claims: 0,
        claimedAmount: 0,
        policeReports: 0,
        compensationSuits: 0,
        repaidAmount: 0,
        closed: 0,
      };
      this.rows.set(k, r);
    }
    switch (event.type) {
      case 'CaseRegistered':
        r.received++;
        break;
      case 'PreAssessmentMade':
        if (event.data.decision === 'open-investigation') r.investigationsOpened++;
        break;
      case 'RepaymentClaimDecided':
        r.claims++;
        r.claimedAmount = round(r.claimedAmount + event.data.amountOre / 100);
        break;
      case 'PoliceReportFiled':
        r.policeReports++;
        break;
      case 'CompensationSuitDecided':
        r.compensationSuits++;
        break;
      case 'RepaymentReceived':
        r.repaidAmount = round(r.repaidAmount + event.data.amountOre / 100);
        break;
      case 'CaseClosed':
        r.closed++;
        break;
      default:
        break;
    }
  }

  list(): TotalsRow[] {
    return [...this.rows.values()].sort(
      (a, b) => a.year - b.year || a.district.localeCompare(b.district) || a.gender.localeCompare(b.gender),
    );
  }
}

const round = (kronor: number): number => Math.round(kronor * 100) / 100;

/** The report's problems as a table (CSV or xlsx): one line per problem. */
export function reportTable(report: ImportReport): ExportTable {
  return {
    sheet: 'Importrapport',
    columns: [
      { heading: 'Rad', kind: 'count' },
      { heading: 'Ärendenummer' },
      { heading: 'Kolumn' },
      { heading: 'Regel' },
      { heading: 'Fel' },
    ],
    rows: report.rows.flatMap((r) => r.problems.map((p) => [p.row, r.key, p.column ?? '', p.code, p.message])),
  };
}
