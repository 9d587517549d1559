import { ApiProperty } from '@nestjs/swagger';

export class FieldErrorDto {
  /** The field, as a path into the body (e.g. subject.personalIdentityNumber) or a header name. */
  field!: string;
  /** English; clients map `code` (and the field) to their own language. */
  message!: string;
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
}
