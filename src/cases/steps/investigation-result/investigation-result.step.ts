import {
  list,
  localDate,
  nullable,
  object,
  oneOf,
  optional as optionalShape,
  ore,
  type Infer,
} from '../../../kernel/shape';
import { checkAll, conflict, invalid, rule } from '../../domain/case-errors';
import { type IncorrectPayment, NO_CALCULATION, incorrectPaymentShape } from '../../domain/case-shapes';
import { CAUSES, ERROR_TYPES, FINDINGS, INTENT_LABELS, NEW_SOCIAL_SERVICES_ACT_FROM } from '../../domain/catalogues';
import { kronorToOre } from '../../../kernel/money';
import { checkDate, investigationOpened, kr, pastLimitNote, pastLimitShape, whenOpen } from '../../domain/rules';
import {
  amountField,
  caseEvent,
  choiceField,
  dateField,
  defineStep,
  optional,
  paymentsField,
  given,
} from '../../domain/step';
import { amount, coded, count, sumOre } from '../../domain/details';

/** The investigation's result: whether payments were incorrect, which (date, amount, grant date), and why. */
const investigationCompletedShape = object({
  completedOn: localDate,
  finding: oneOf(FINDINGS),
  cause: nullable(oneOf(CAUSES)),
  incorrectPayments: list(incorrectPaymentShape, { max: 500 }),
  intent: nullable(oneOf(INTENT_LABELS)),
  savedAmountOre: ore({ zero: true }),
  /** FUT-delegationen's error type (absent on results recorded before it was asked). */
  errorType: optionalShape(nullable(oneOf(ERROR_TYPES))),
  paymentsPastLimit: pastLimitShape,
});

/** What a InvestigationCompleted event holds. */
export type InvestigationCompletedData = Infer<typeof investigationCompletedShape>;

/** v1 payments held the incorrect amount alone: their calculation is unknown (null), never guessed. */
const withoutCalculation = (d: Record<string, unknown>): Record<string, unknown> => ({
  ...d,
  incorrectPayments: Array.isArray(d.incorrectPayments)
    ? d.incorrectPayments.map((p: unknown) =>
        p && typeof p === 'object' && !Array.isArray(p) ? { ...NO_CALCULATION, ...p } : p,
      )
    : d.incorrectPayments,
});

export const InvestigationCompleted = caseEvent('InvestigationCompleted', {
  shape: investigationCompletedShape,
  upcasts: [withoutCalculation],
  label: 'Utredning avslutad',
  on: (d) => d.completedOn,
  details: (d) => [
    coded('Resultat', FINDINGS, d.finding),
    coded('Orsak', CAUSES, d.cause),
    coded('Uppsåt', INTENT_LABELS, d.intent),
    coded('Typ av fel', ERROR_TYPES, d.errorType),
    ...(d.incorrectPayments.length > 0
      ? [
          count('Felaktiga utbetalningar', d.incorrectPayments.length),
          amount('Felaktigt utbetalt', sumOre(d.incorrectPayments)),
        ]
      : []),
    amount('Inbesparat belopp', d.savedAmountOre || null),
    amount('Förbi treårsgränsen vid beslutet', d.paymentsPastLimit?.expiredAmountOre),
  ],
  evolve: (c, d) => ({ ...c, investigation: { ...d } }),
  statistics: {
    reads: ['completedOn', 'finding', 'errorType', 'savedAmountOre', 'cause'],
    facts: (d) => [
      ...(d.finding === 'incorrect-payment' ? [['error-type', 0, d.errorType ?? 'unclassified'] as const] : []),
      ['investigated', d.savedAmountOre, d.cause],
    ],
  },
});

/**
 * The grant date's hint, worded from the rule below: from SoL 2025:400's first day the grant
 * date decides the law and must be given; before it the payment date stands in for it.
 */
export const GRANTED_ON_HINT = `Dagen biståndet beviljades avgör vilken socialtjänstlag som gäller. Krävs för utbetalningar från ${NEW_SOCIAL_SERVICES_ACT_FROM}. För tidigare utbetalningar räknas utbetalningsdagen om fältet lämnas tomt. Skriv datumet som ÅÅÅÅ-MM-DD.`;

const whenFound = { showIf: { field: 'finding', values: ['incorrect-payment'] } } as const;

export const investigationResult = defineStep({
  id: 'investigation-result',
  command: 'RecordInvestigationResult',
  auditLabel: 'Utredningsresultat',
  actors: 'case-handlers',
  http: {
    route: 'investigation-result',
    summary: "Record the investigation's result and the incorrect payments it found.",
    title: 'Utredningsresultat',
    submit: 'Spara utredningsresultat',
    request: {
      completedOn: dateField('Utredningen avslutad'),
      finding: choiceField(FINDINGS, 'Resultat'),
      cause: optional(choiceField(CAUSES, 'Orsak', { ...whenFound, requiredWhenShown: true })),
      intent: optional(choiceField(INTENT_LABELS, 'Uppsåt', whenFound)),
      errorType: optional(
        choiceField(ERROR_TYPES, 'Typ av fel', {
          ...whenFound,
          doc: "FUT-delegationen's error type: intentional, unintentional (by the person) or authority (myndighetsfel).",
        }),
      ),
      incorrectPayments: optional(
        paymentsField('Felaktiga utbetalningar', {
          ...whenFound,
          // Shown only with a finding of an incorrect payment, which needs at least one (see decide).
          requiredWhenShown: true,
          max: 120,
          grantedOn: true,
          calculation: true,
          doc:
            'Each incorrect payment: the day it was paid, its incorrect amount in kronor, and the day the assistance was granted (defaults to paidOn; from 2025-07-01 required, as it decides the law). ' +
            "With the investigation's calculation: the month of assistance it concerned (month, YYYY-MM), the amount paid (paidAmount), the amount that should have been paid (correctAmount) and why (reason); the incorrect amount is then their difference, and amount may be left out.",
        }),
      ),
      savedAmount: optional(
        amountField('Inbesparat belopp (kr)', {
          zero: true,
          hint: 'Bistånd som inte längre betalas ut tack vare utredningen',
          doc: 'Inbesparat belopp: assistance no longer paid because of the investigation.',
        }),
      ),
    },
    toCommand: (b) => ({
      completedOn: b.completedOn,
      finding: b.finding,
      cause: b.cause ?? null,
      incorrectPayments: (b.incorrectPayments ?? []).map((p): IncorrectPaymentCommand => ({
        paidOn: p.paidOn,
        amountOre: p.amount === undefined ? null : kronorToOre(p.amount),
        grantedOn: p.grantedOn ?? null,
        ...given('month', p.month),
        ...given('paidAmountOre', p.paidAmount === undefined ? undefined : kronorToOre(p.paidAmount)),
        ...given('correctAmountOre', p.correctAmount === undefined ? undefined : kronorToOre(p.correctAmount)),
        ...given('reason', p.reason),
      })),
      intent: b.intent ?? null,
      savedAmountOre: kronorToOre(b.savedAmount ?? 0),
      ...given('errorType', b.errorType ?? null),
    }),
  },
  refusals: {
    'already-investigated': ['conflict', 'Utredningens resultat är redan registrerat.'],
    'granted-on-required': [
      'rule',
      'Beviljandedatum krävs för utbetalningar från 2025-07-01: det avgör vilken socialtjänstlag som gäller.',
    ],
    'correct-above-paid': ['rule', 'Det belopp som skulle ha betalats är högre än det som betalades ut.'],
    'no-difference': [
      'rule',
      'Det belopp som skulle ha betalats är lika med det som betalades ut: ingen felaktig utbetalning.',
    ],
    'calculation-mismatch': [
      'rule',
      'Det felaktiga beloppet är inte skillnaden mellan utbetalt belopp och det som skulle ha betalats.',
    ],
  },
  requires: whenOpen(
    (c) =>
      investigationOpened(c) ??
      (c.investigation ? conflict('already-investigated', 'The investigation result is already recorded') : null),
  ),
  decide: (d, c, { today }) => {
    // The date and every row are checked together: one answer names each field a rule refuses.
    const payments: IncorrectPayment[] = [];
    checkAll(
      () => checkDate(c, 'completedOn', d.completedOn, today, [[c.assessment?.decidedOn, 'the pre-assessment']]),
      () => {
        if (d.finding === 'incorrect-payment') {
          if (!d.cause) throw invalid('cause', 'cause is required when an incorrect payment was found');
          if (d.incorrectPayments.length === 0) {
            throw invalid('incorrectPayments', 'at least one incorrect payment is required when one was found');
          }
        } else if (d.incorrectPayments.length > 0) {
          throw invalid('incorrectPayments', 'no incorrect payments can be listed when none was found');
        } else if (d.errorType) {
          throw invalid('errorType', 'an error type applies only when an incorrect payment was found');
        }
      },
      ...d.incorrectPayments.map((p, i) => () => {
        payments[i] = incorrectPayment(p, i, d.completedOn);
      }),
    );
    return [
      InvestigationCompleted.of({
        ...d,
        incorrectPayments: payments,
        ...pastLimitNote(payments, d.completedOn),
      }),
    ];
  },
});

/** One row of the incorrect payments, with its grant date, or the rule it breaks. */
function incorrectPayment(p: IncorrectPaymentCommand, i: number, completedOn: string): IncorrectPayment {
  if (p.paidOn > completedOn) {
    throw rule(
      'date-before-step',
      `incorrectPayments[${i}].paidOn is after the investigation was completed`,
      `incorrectPayments[${i}].paidOn`,
    );
  }
  // From 2025-07-01 the grant date decides the law: it cannot be guessed from the payment date.
  if (p.grantedOn === null && p.paidOn >= NEW_SOCIAL_SERVICES_ACT_FROM) {
    throw rule(
      'granted-on-required',
      `incorrectPayments[${i}].grantedOn is required for a payment made on or after ${NEW_SOCIAL_SERVICES_ACT_FROM}: the grant date decides which Social Services Act governs it`,
      `incorrectPayments[${i}].grantedOn`,
    );
  }
  const grantedOn = p.grantedOn ?? p.paidOn;
  if (grantedOn > p.paidOn) {
    throw rule(
      'date-before-step',
      `incorrectPayments[${i}].grantedOn is after the payment`,
      `incorrectPayments[${i}].grantedOn`,
    );
  }
  return { paidOn: p.paidOn, grantedOn, ...calculated(p, `incorrectPayments[${i}]`) };
}

/** A payment of the command: the incorrect amount, the calculation, or both (which must agree). */
export interface IncorrectPaymentCommand extends PaymentCommand {
  paidOn: string;
  grantedOn: string | null;
}
interface PaymentCommand {
  amountOre: number | null;
  /** Left out or null: not given (in-process callers may pass a stored payment's nulls). */
  month?: string | null;
  paidAmountOre?: number | null;
  correctAmountOre?: number | null;
  reason?: string | null;
}

/**
 * The incorrect amount and its calculation. The investigation recalculates
 * each month: what was paid less what should have been paid is what was paid
 * incorrectly. A calculation is given whole (month, paid and correct amount);
 * an amount beside it must be their difference, and what should have been paid
 * cannot exceed what was paid (that is a payment owed to the person, not an
 * incorrect one). Without a calculation the incorrect amount stands alone, as
 * before it was asked.
 */
function calculated(
  p: PaymentCommand,
  at: string,
): Pick<IncorrectPayment, 'amountOre' | 'month' | 'paidAmountOre' | 'correctAmountOre' | 'reason'> {
  const parts = { month: p.month, paidAmount: p.paidAmountOre, correctAmount: p.correctAmountOre };
  const absent = (v: unknown): boolean => v === undefined || v === null;
  if (Object.values(parts).every(absent)) {
    if (p.amountOre === null) throw invalid(`${at}.amount`, `${at}.amount is required without a calculation`);
    return { amountOre: p.amountOre, ...NO_CALCULATION, reason: p.reason ?? null };
  }
  const missing = Object.entries(parts).find(([, v]) => absent(v));
  if (missing) {
    throw invalid(
      `${at}.${missing[0]}`,
      `${at}.${missing[0]} is required: a calculation names the month, the amount paid and the amount that should have been paid`,
    );
  }
  const paid = p.paidAmountOre!;
  const correct = p.correctAmountOre!;
  if (correct > paid)
    throw rule('correct-above-paid', `${at}.correctAmount is above the amount paid`, `${at}.correctAmount`);
  if (correct === paid)
    throw rule(
      'no-difference',
      `${at}.correctAmount equals the amount paid: nothing was paid incorrectly`,
      `${at}.correctAmount`,
    );
  if (p.amountOre !== null && p.amountOre !== paid - correct) {
    throw rule(
      'calculation-mismatch',
      `${at}.amount ${kr(p.amountOre)} is not paidAmount less correctAmount (${kr(paid - correct)})`,
      `${at}.amount`,
      { calculatedAmount: (paid - correct) / 100 },
    );
  }
  return {
    amountOre: paid - correct,
    month: p.month!,
    paidAmountOre: paid,
    correctAmountOre: correct,
    reason: p.reason ?? null,
  };
}
