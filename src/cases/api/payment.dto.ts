import { IsKronor, IsLocalDate, Optional } from '../../common/validators';

/** A payment of assistance: the day it was paid and its amount in kronor. */
export class PaymentDto {
  @IsLocalDate()
  paidOn!: string;

  @IsKronor()
  amount!: number;
}

export class IncorrectPaymentDto extends PaymentDto {
  /** The day the assistance was granted (defaults to paidOn); decides which law governs it. */
  @Optional()
  @IsLocalDate()
  grantedOn?: string;
}
