import {
  code,
  integer,
  list,
  localDate,
  nullable,
  object,
  oneOf,
  optional as optionalShape,
  ore,
  type Infer,
} from '../../../kernel/shape';
import { conflict, invalid, rule } from '../../domain/case-errors';
import { type OpenCase, type Claim, unclaimedIndexes, unclaimedIndexesUnder } from '../../domain/case-state';
import { LEGAL_BASES, lawGoverning, type Law } from '../../domain/catalogues';
import { kronorToOre } from '../../../kernel/money';
import { checkDate, kr, whenOpen } from '../../domain/rules';
import {
  DECISION_MAKER_FIELD,
  DECISION_MAKER_REFUSALS,
  DECISION_MAKER_REQUEST,
  decidedUnderDelegation,
  decisionMakerOf,
  prepareDecisionMaker,
} from '../../domain/decision-maker';
import {
  COMMUNICATION_EXCEPTIONS,
  COMMUNICATION_RULE_REFUSALS,
  communicationExceptionField,
  requireCommunicated,
} from '../communication/communication.step';
import {
  amountField,
  caseEvent,
  choiceField,
  dateField,
  defineStep,
  optional,
  positionsField,
  given,
} from '../../domain/step';

/** Before a case could hold several claims, its one claim was claim '1'. */
export const onTheOnlyClaim = (data: Record<string, unknown>): Record<string, unknown> => ({ claimId: '1', ...data });

/**
 * Beslut om återkrav: 9 kap. 1-2 §§ SoL 2001:453, 33 kap. 1-3 §§ SoL 2025:400,
 * over a set of the investigation's incorrect payments under the law that governs them.
 */
const repaymentClaimDecidedShape = object({
  /** The claim's number within the case ('1', '2', ...). */
  claimId: code(),
  decidedOn: localDate,
  legalBasis: oneOf(LEGAL_BASES),
  amountOre: ore(),
  /**
   * Positions in the investigation's incorrect payments that the claim covers. Null only on
   * claims written before a case could hold several: they cover the payments their law governs.
   */
  paymentIndexes: nullable(list(integer({ min: 0 }))),
  /** An exception of förvaltningslagen 25 § second paragraph: decided without waiting for the person's response. */
  communicationException: optionalShape(oneOf(COMMUNICATION_EXCEPTIONS)),
  ...DECISION_MAKER_FIELD,
});

/** What a RepaymentClaimDecided event holds. */
export type RepaymentClaimDecidedData = Infer<typeof repaymentClaimDecidedShape>;

export const RepaymentClaimDecided = caseEvent('RepaymentClaimDecided', {
  shape: repaymentClaimDecidedShape,
  // v1 held one claim per case, over the payments its law governs (resolved when folded).
  upcasts: [(d) => ({ ...onTheOnlyClaim(d), paymentIndexes: null })],
  label: 'Beslut om återkrav',
  on: (d) => d.decidedOn,
  evolve: (c, d) => {
    const law = LEGAL_BASES[d.legalBasis];
    const claim: Claim = { ...d, law, paymentIndexes: d.paymentIndexes ?? unclaimedIndexesUnder(c, law) };
    return { ...c, claims: [...c.claims, claim] };
  },
  statistics: {
    reads: ['decidedOn', 'amountOre', 'legalBasis'],
    facts: (d) => [['claim', d.amountOre, d.legalBasis]],
  },
});

const legalBasisLabels = Object.fromEntries(
  Object.entries(LEGAL_BASES).map(([basis, law]) => [basis, `${basis} (${law})`]),
) as Record<keyof typeof LEGAL_BASES, string>;

export const repaymentClaim = defineStep({
  id: 'repayment-claim',
  command: 'DecideRepaymentClaim',
  auditLabel: 'Beslut om återkrav',
  actors: 'case-handlers',
  http: {
    route: 'repayment-claims',
    summary: 'Decide a repayment claim (återkrav).',
    title: 'Beslut om återkrav',
    submit: 'Besluta återkrav',
    request: {
      decidedOn: dateField('Beslutsdatum'),
      legalBasis: choiceField(legalBasisLabels, 'Lagrum'),
      amount: amountField('Belopp (kr)', {
        // Proposed: the payments no claim covers yet (all of them the first time).
        initial: ({ c }) =>
          (unclaimedIndexes(c).reduce((s, i) => s + c.investigation!.incorrectPayments[i].amountOre, 0) / 100)
            .toFixed(2)
            .replace('.', ','),
      }),
      payments: optional(
        positionsField('Utbetalningar', {
          max: 500,
          hidden: true,
          doc: "Positions (0-based) of the investigation's incorrect payments the claim covers; none: the unclaimed ones its law governs.",
        }),
      ),
      communicationException: communicationExceptionField(),
      ...DECISION_MAKER_REQUEST,
    },
    toCommand: (b, context) => ({
      decidedOn: b.decidedOn,
      legalBasis: b.legalBasis,
      amountOre: kronorToOre(b.amount),
      ...given('payments', b.payments),
      ...given('communicationException', b.communicationException),
      ...decisionMakerOf(b, context),
    }),
  },
  prepare: prepareDecisionMaker,
  refusals: {
    'no-incorrect-payment': ['conflict', 'Återkrav kräver en utredning som fann en felaktig utbetalning.'],
    'amount-above-payments': [
      'rule',
      'Beloppet är högre än summan av de felaktiga utbetalningar som återkravet avser.',
    ],
    'unknown-payment': ['rule', 'Utredningen har ingen sådan utbetalning.'],
    'payment-already-claimed': ['rule', 'Utbetalningen är redan återkrävd.'],
    'wrong-law': ['rule', 'Lagrummet hör till en annan socialtjänstlag än den som gäller för utbetalningarna.'],
    'claim-exists': ['conflict', 'Alla utbetalningar är redan återkrävda.'],
    ...COMMUNICATION_RULE_REFUSALS,
    ...DECISION_MAKER_REFUSALS,
  },
  requires: whenOpen((c) => {
    if (c.investigation?.finding !== 'incorrect-payment')
      return conflict(
        'no-incorrect-payment',
        'A repayment claim needs an investigation that found an incorrect payment',
      );
    if (unclaimedIndexes(c).length === 0) return conflict('claim-exists', 'Every incorrect payment is already claimed');
    return null;
  }),
  decide: (d, c, { today }) => {
    checkDate(c, 'decidedOn', d.decidedOn, today, [[c.investigation!.completedOn, 'the investigation result']]);
    const law = LEGAL_BASES[d.legalBasis];
    const indexes = d.payments ? namedPayments(c, d.payments, law) : unclaimedPaymentsUnder(c, law);
    const coveredOre = indexes.reduce((s, i) => s + c.investigation!.incorrectPayments[i].amountOre, 0);
    if (d.amountOre > coveredOre) {
      throw rule(
        'amount-above-payments',
        `The claim ${kr(d.amountOre)} is above the incorrect payments' ${kr(coveredOre)}`,
        'amount',
        { maximumAmount: coveredOre / 100 },
      );
    }
    // Förvaltningslagen 25 §: not before the person's time to respond has run out.
    requireCommunicated(c, 'repayment-claim', d.decidedOn, d.communicationException);
    return [
      RepaymentClaimDecided.of({
        claimId: String(c.claims.length + 1),
        decidedOn: d.decidedOn,
        legalBasis: d.legalBasis,
        amountOre: d.amountOre,
        paymentIndexes: indexes,
        ...given('communicationException', d.communicationException),
        ...decidedUnderDelegation('repayment-claim', d, c, d.decidedOn, d.amountOre),
      }),
    ];
  },
});

/** The named payments of a claim: known, not claimed already, and governed by the claim's law. */
function namedPayments(c: OpenCase, named: number[], law: Law): number[] {
  const payments = c.investigation?.incorrectPayments ?? [];
  const claimed = new Set(c.claims.flatMap((x) => x.paymentIndexes));
  named.forEach((i, k) => {
    if (!Number.isInteger(i) || i < 0 || i >= payments.length) {
      throw rule('unknown-payment', `The investigation has no payment ${i}`, `payments[${k}]`);
    }
    if (claimed.has(i)) throw rule('payment-already-claimed', `Payment ${i} is already claimed`, `payments[${k}]`);
    if (lawGoverning(payments[i].grantedOn) !== law) throw wrongLaw(law);
  });
  if (new Set(named).size !== named.length) throw invalid('payments', 'a payment can be named once');
  return [...named].sort((a, b) => a - b);
}

/** Without named payments a claim covers the unclaimed payments its law governs. */
function unclaimedPaymentsUnder(c: OpenCase, law: Law): number[] {
  const indexes = unclaimedIndexesUnder(c, law);
  if (indexes.length > 0) return indexes;
  const anyUnderLaw = (c.investigation?.incorrectPayments ?? []).some((p) => lawGoverning(p.grantedOn) === law);
  if (anyUnderLaw) throw conflict('claim-exists', `Every payment under ${law} is already claimed`);
  throw wrongLaw(law);
}

const wrongLaw = (law: Law) =>
  rule(
    'wrong-law',
    `The legal basis belongs to ${law}, which governs none of these payments (assistance granted before 2025-07-01 falls under SoL 2001:453)`,
    'legalBasis',
  );
