import { type Infer, localDate, nullable, object, oneOf, ore, personalText, refine, text } from '../../kernel/shape';
import { GENDERS } from './catalogues';

/** The parts several case events share: a payment, an incorrect payment with its grant date, a person. */

export const paymentShape = object({ paidOn: localDate, amountOre: ore() });
export type Payment = Infer<typeof paymentShape>;

/** A month of assistance, YYYY-MM (1900-2100, as business dates). */
export const YEAR_MONTH = /^(19\d\d|20\d\d|2100)-(0[1-9]|1[0-2])$/;
export const yearMonth = refine(text({ max: 7 }), (v) =>
  YEAR_MONTH.test(v) ? undefined : { field: '', message: 'must be a month written YYYY-MM' },
);

export const incorrectPaymentShape = object({
  paidOn: localDate,
  /** The incorrect amount: what was paid less what should have been paid (the calculation's difference). */
  amountOre: ore(),
  /** The day the assistance was granted; decides which Social Services Act governs it. */
  grantedOn: localDate,
  /**
   * The investigation's calculation for the payment: the month of assistance it
   * concerned, what was paid, what should have been paid, and why. Null on
   * payments recorded before the calculation was asked (the incorrect amount alone).
   */
  month: nullable(yearMonth),
  paidAmountOre: nullable(ore()),
  correctAmountOre: nullable(ore({ zero: true })),
  /** Why the amount was wrong (free text about the person: encrypted with their key). */
  reason: nullable(personalText()),
});
export type IncorrectPayment = Infer<typeof incorrectPaymentShape>;

/** The calculation's fields of a payment recorded before it was asked: all null. */
export const NO_CALCULATION = { month: null, paidAmountOre: null, correctAmountOre: null, reason: null } as const;

export const subjectShape = object({
  /** 12-digit personnummer or samordningsnummer, when known. */
  personalIdentityNumber: nullable(personalText({ identity: true })),
  name: nullable(personalText({ identity: true })),
  gender: oneOf(GENDERS),
});
export type Subject = Infer<typeof subjectShape>;
