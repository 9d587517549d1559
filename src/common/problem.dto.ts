import { ApiProperty } from '@nestjs/swagger';

export class FieldErrorDto {
  /** The field, as a path into the body (e.g. subject.personalIdentityNumber) or a header name. */
  field!: string;
  /** English; clients map `code` (and the field) to their own language. */
  message!: string;
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
}
