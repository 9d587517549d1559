import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ProblemDto } from '../common/problem.dto';
import { GENDERS, type Gender } from '../cases/domain/catalogues';
import type { ImportReport, RowResult, RowStatus, TotalsRow } from './import-report';
import type { RowProblem } from './row-plan';

/**
 * Answers of the import API, for the OpenAPI document and the screens'
 * generated client; each class implements the type the service answers with.
 */

export class ImportProblemDto implements RowProblem {
  /** The row's number as the spreadsheet shows it (the heading row is 1). */
  row!: number;
  /** The column heading, or null for the row as a whole. */
  column!: string | null;
  /** The rule broken: the decider's code, or the import's own (invalid-date, unknown-value, ...). */
  code!: string;
  /** What is wrong, in Swedish. */
  message!: string;
}

const ROW_STATUSES: RowStatus[] = ['imported', 'would-import', 'unchanged', 'failed'];

export class ImportRowDto implements RowResult {
  row!: number;
  /** The row's case number (or key column) in the register. */
  key!: string;
  @ApiProperty({ enum: ROW_STATUSES })
  status!: RowStatus;
  /** Steps written, or that a dry run would write, the registration included. */
  steps!: number;
  /** The service's case id, once the case exists. */
  caseId!: string | null;
  /** Whether the reader may open the case (its page): only then do the screens link the row to it. */
  openable?: boolean;
  @ApiProperty({ type: [ImportProblemDto] })
  problems!: ImportProblemDto[];
}

export class ImportTotalsDto implements TotalsRow {
  year!: number;
  /** District code. */
  district!: string;
  @ApiProperty({ enum: GENDERS })
  gender!: Gender;
  received!: number;
  investigationsOpened!: number;
  claims!: number;
  /** Kronor. */
  claimedAmount!: number;
  policeReports!: number;
  compensationSuits!: number;
  /** Kronor. */
  repaidAmount!: number;
  closed!: number;
}

export class ImportColumnsDto {
  /** The heading each field was read from. */
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } })
  mapped!: Record<string, string>;
  /** Headings no mapping knows: not read. */
  unmapped!: string[];
}

export class ImportCountsDto {
  rows!: number;
  /** Rows imported (a dry run: rows that would be). */
  imported!: number;
  unchanged!: number;
  failed!: number;
  problems!: number;
}

export class ImportProgressDto {
  /** Rows done. */
  done!: number;
  /** Rows of the file; 0 while the file is still being read. */
  total!: number;
}

export class ImportStatusDto {
  id!: string;
  /**
   * failed: the import stopped on a fault of the service (rows before it are in); see the service log.
   * refused: the file was refused once read (`problem` says why, as a 400 or 413 would); nothing was written.
   */
  @ApiProperty({ enum: ['running', 'done', 'failed', 'refused'] })
  status!: 'running' | 'done' | 'failed' | 'refused';
  dryRun?: boolean;
  progress!: ImportProgressDto;
  @ApiPropertyOptional({ type: () => ProblemDto })
  problem?: ProblemDto;
  summary?: ImportCountsDto;
  columns?: ImportColumnsDto;
  @ApiPropertyOptional({ type: [ImportTotalsDto] })
  totals?: ImportTotalsDto[];
  /** Where the full report downloads. */
  report?: string;
}

export class ImportReportDto implements ImportReport {
  id!: string;
  fileName!: string;
  /** SHA-256 of the file's bytes, as the imported events' metadata names it. */
  fileSha256!: string;
  sheet!: string | null;
  dryRun!: boolean;
  importedBy!: string;
  startedAt!: string;
  finishedAt!: string;
  columns!: ImportColumnsDto;
  summary!: ImportCountsDto;
  @ApiProperty({ type: [ImportRowDto] })
  rows!: ImportRowDto[];
  @ApiProperty({ type: [ImportTotalsDto] })
  totals!: ImportTotalsDto[];
}
