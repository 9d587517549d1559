import { ApiProperty } from '@nestjs/swagger';

export class FieldErrorDto {
  /** The field, as a path into the body (e.g. subject.personalIdentityNumber) or a header name. */
  field!: string;
  /** English; clients map `code` (and the field) to their own language. */
  message!: string;
  /**
   * With 422: the rule this field broke, where one request broke several (each field its own code;
   * the problem's `code` is the first's).
   */
  code?: string;
}

/** With 413 import-limit-exceeded: the import limit the file passed. */
export class ImportLimitDto {
  @ApiProperty({ enum: ['rows', 'columns', 'cells', 'unpackedBytes', 'parseSeconds', 'memory'] })
  name!: 'rows' | 'columns' | 'cells' | 'unpackedBytes' | 'parseSeconds' | 'memory';
  /** The limit: rows, a column number, cells, bytes, seconds or MB. */
  max!: number;
  /** What passed it, where that is more than a count: a column's letters (e.g. XFD). */
  found?: string;
  /** The environment variable that sets it. */
  setting?: string;
}

/** RFC 9457 problem+json, as every error is answered. */
export class ProblemDto {
  /** urn:fut:problem:<code> */
  type!: string;
  title!: string;
  status!: number;
  detail?: string;
  instance?: string;
  /** Stable machine-readable code, e.g. invalid-request, stale-version, claim-exceeds-payments. */
  code!: string;
  @ApiProperty({ type: [FieldErrorDto], required: false })
  errors?: FieldErrorDto[];
  /** With 412 stale-version: the case's version now. */
  currentVersion?: number;
  limit?: ImportLimitDto;
  // A refusal's details (RFC 9457 extension members), as the screens read them; others may come with other codes.
  /** With 422 closing-reason-not-met: what the closing reason needs and the case lacks (codes, see CLOSING_MISSING). */
  missing?: string[];
  /** Kronor still owed (amount-above-outstanding, closing-reason-not-met). */
  outstandingAmount?: number;
  /** Kronor that can still be sued for (closing-reason-not-met, suits). */
  claimableAmount?: number;
  /** The highest amount the rule allows, in kronor (amount-above-payments). */
  maximumAmount?: number;
  /** The day the offence is time-barred (closing-reason-not-met as offence-time-barred). */
  limitationDate?: string;
  /** The claims still owed (closing-reason-not-met). */
  unsettledClaims?: string[];
}
