import { IsPlainText, IsKronor, IsLocalDate, IsYearMonth, Optional } from '../../common/validators';
import { IsString, MaxLength } from 'class-validator';

/** A payment of assistance: the day it was paid and its amount in kronor. */
export class PaymentDto {
  @IsLocalDate()
  paidOn!: string;

  @IsKronor()
  amount!: number;
}

/**
 * An incorrect payment the investigation found: the incorrect amount, or the
 * calculation it comes from (the month of assistance, what was paid, what
 * should have been paid, and why), or both, which must agree.
 */
export class IncorrectPaymentDto {
  @IsLocalDate()
  paidOn!: string;

  /** The incorrect amount in kronor; may be left out when paidAmount and correctAmount give it. */
  @Optional()
  @IsKronor()
  amount?: number;

  /** The day the assistance was granted (defaults to paidOn); decides which law governs it. */
  @Optional()
  @IsLocalDate()
  grantedOn?: string;

  /** The month of assistance the payment concerned, YYYY-MM. */
  @Optional()
  @IsYearMonth()
  month?: string;

  /** What was paid for the month, in kronor. */
  @Optional()
  @IsKronor()
  paidAmount?: number;

  /** What should have been paid for the month, in kronor (0 when nothing should have been). */
  @Optional()
  @IsKronor({ allowZero: true })
  correctAmount?: number;

  /** Why the amount was wrong (personal data: encrypted with the person's key). */
  @Optional()
  @IsString()
  @IsPlainText({ multiline: true })
  @MaxLength(2000)
  reason?: string;
}
