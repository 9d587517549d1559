import { ApiProperty } from '@nestjs/swagger';
import type { AuditOutcome, StoredAuditEntry } from './audit-log';

export class AuditEntryDto implements StoredAuditEntry {
  /** ISO 8601 instant. */
  at!: string;
  user!: string;
  role!: string;
  /** E.g. case.read, case.search-by-personal-number, retention.run. */
  action!: string;
  caseId!: string | null;
  /** For searches by personnummer: the keyed hash, never the number. */
  searchedHash!: string | null;
  /** requested: a change about to be made; given: data or a change given; refused: 403/404. */
  @ApiProperty({ enum: ['given', 'requested', 'refused'] })
  outcome!: AuditOutcome;
  /** The HTTP status of a refusal. */
  status!: number | null;
  /** Position in the hash-chained log. */
  seq!: number;
}

export class AuditPageDto {
  entries!: AuditEntryDto[];
}
