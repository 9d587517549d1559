import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ProblemDto } from '../common/problem.dto';
import { ImportProblemDto, ImportProgressDto } from './import-responses.dto';
import type { PaymentRowResult, PaymentRowStatus, RepaymentImportReport } from './repayment-import-report';

/** Answers of the repayments import (payments from the municipality's accounts receivable). */

const PAYMENT_ROW_STATUSES: PaymentRowStatus[] = ['recorded', 'would-record', 'unchanged', 'held', 'failed'];

export class PaymentRowDto implements PaymentRowResult {
  /** The row's number as the spreadsheet shows it (the heading row is 1). */
  row!: number;
  /** What the row names the case by: its ärendenummer or OCR reference. */
  key!: string;
  /**
   * recorded (would-record in a dry run): a repayment of the case; unchanged: recorded by an earlier import;
   * held: not recorded, it may already be in the case or is twice in the file (a person decides); failed: see problems.
   */
  @ApiProperty({ enum: PAYMENT_ROW_STATUSES })
  status!: PaymentRowStatus;
  caseId!: string | null;
  caseNumber!: string | null;
  claimId!: string | null;
  paidOn!: string | null;
  /** Kronor. */
  amount!: number | null;
  @ApiProperty({ type: [ImportProblemDto] })
  problems!: ImportProblemDto[];
}

export class RepaymentImportColumnsDto {
  /** The heading each field was read from (caseNumber, ocrReference, claimId, paidOn, amount, reference). */
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } })
  mapped!: Record<string, string>;
  /** Headings that are no field's: not read. */
  unmapped!: string[];
}

export class RepaymentImportCountsDto {
  rows!: number;
  /** Rows recorded (a dry run: rows that would be). */
  recorded!: number;
  unchanged!: number;
  held!: number;
  failed!: number;
  /** Kronor recorded (or that would be). */
  recordedAmount!: number;
}

export class RepaymentImportStatusDto {
  id!: string;
  /** failed: stopped on a fault of the service (rows before it are in); refused: the file was refused once read. */
  @ApiProperty({ enum: ['running', 'done', 'failed', 'refused'] })
  status!: 'running' | 'done' | 'failed' | 'refused';
  dryRun?: boolean;
  progress!: ImportProgressDto;
  @ApiPropertyOptional({ type: () => ProblemDto })
  problem?: ProblemDto;
  summary?: RepaymentImportCountsDto;
  columns?: RepaymentImportColumnsDto;
  /** Where the full report downloads. */
  report?: string;
}

export class RepaymentImportReportDto implements RepaymentImportReport {
  id!: string;
  fileName!: string;
  /** SHA-256 of the file's bytes, as the recorded repayments' metadata names it. */
  fileSha256!: string;
  sheet!: string | null;
  dryRun!: boolean;
  importedBy!: string;
  startedAt!: string;
  finishedAt!: string;
  columns!: RepaymentImportColumnsDto;
  summary!: RepaymentImportCountsDto;
  @ApiProperty({ type: [PaymentRowDto] })
  rows!: PaymentRowDto[];
}
