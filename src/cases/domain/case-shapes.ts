import { type Infer, localDate, nullable, object, oneOf, ore, personalText } from '../../kernel/shape';
import { GENDERS } from './catalogues';

/** The parts several case events share: a payment, an incorrect payment with its grant date, a person. */

export const paymentShape = object({ paidOn: localDate, amountOre: ore() });
export type Payment = Infer<typeof paymentShape>;

export const incorrectPaymentShape = object({
  paidOn: localDate,
  amountOre: ore(),
  /** The day the assistance was granted; decides which Social Services Act governs it. */
  grantedOn: localDate,
});
export type IncorrectPayment = Infer<typeof incorrectPaymentShape>;

export const subjectShape = object({
  /** 12-digit personnummer or samordningsnummer, when known. */
  personalIdentityNumber: nullable(personalText({ identity: true })),
  name: nullable(personalText({ identity: true })),
  gender: oneOf(GENDERS),
});
export type Subject = Infer<typeof subjectShape>;
