import type { ExportTable } from '../common/table-export';
import type { RepaymentField } from './repayment-file';
import type { RowProblem } from './row-plan';

/**
 * recorded / would-record: the payment is (or in a dry run would be) a repayment of the case;
 * unchanged: this payment was recorded by an earlier import;
 * held: not recorded because it may already be in the case (or twice in the file): a person decides;
 * failed: the row is wrong, or no case can take the payment.
 */
export type PaymentRowStatus = 'recorded' | 'would-record' | 'unchanged' | 'held' | 'failed';

export interface PaymentRowResult {
  row: number;
  /** What the row names the case by: its ärendenummer or OCR reference (empty when neither). */
  key: string;
  status: PaymentRowStatus;
  caseId: string | null;
  caseNumber: string | null;
  claimId: string | null;
  paidOn: string | null;
  /** Kronor. */
  amount: number | null;
  problems: RowProblem[];
}

export interface RepaymentImportReport {
  id: string;
  fileName: string;
  fileSha256: string;
  sheet: string | null;
  dryRun: boolean;
  importedBy: string;
  startedAt: string;
  finishedAt: string;
  columns: { mapped: Partial<Record<RepaymentField, string>>; unmapped: string[] };
  summary: {
    rows: number;
    /** Recorded, or in a dry run that would be. */
    recorded: number;
    unchanged: number;
    held: number;
    failed: number;
    /** Kronor of the rows recorded (or that would be). */
    recordedAmount: number;
  };
  rows: PaymentRowResult[];
}

const STATUS_LABELS: Record<PaymentRowStatus, string> = {
  recorded: 'Registrerad',
  'would-record': 'Skulle registreras',
  unchanged: 'Redan registrerad',
  held: 'Kontrollera',
  failed: 'Fel',
};

/** Every row with its outcome and problems, as the unit checks them against the ledger (CSV or xlsx). */
export function repaymentReportTable(report: RepaymentImportReport): ExportTable {
  return {
    sheet: 'Inbetalningar',
    columns: [
      { heading: 'Rad', kind: 'count' },
      { heading: 'Ärendenummer eller OCR' },
      { heading: 'Betalningsdatum', kind: 'date' },
      { heading: 'Belopp (kr)', kind: 'amount' },
      { heading: 'Utfall' },
      { heading: 'Ärende' },
      { heading: 'Återkrav' },
      { heading: 'Problem' },
    ],
    rows: report.rows.map((r) => [
      r.row,
      r.key,
      r.paidOn,
      r.amount,
      STATUS_LABELS[r.status],
      r.caseNumber ?? '',
      r.claimId ?? '',
      r.problems.map((p) => (p.column ? `${p.column}: ${p.message}` : p.message)).join(' '),
    ]),
  };
}
