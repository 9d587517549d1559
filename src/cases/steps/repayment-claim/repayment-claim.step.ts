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
import { checkAll, conflict, invalid, rule } from '../../domain/case-errors';
import { type OpenCase, type Claim, unclaimedIndexes, unclaimedIndexesUnder } from '../../domain/case-state';
import { LEGAL_BASES, lawGoverning, type Law, type LegalBasis } from '../../domain/catalogues';
import { kronorToOre } from '../../../kernel/money';
import { checkDate, kr, pastLimitNote, pastLimitShape, whenOpen } from '../../domain/rules';
import { PERSON_REFUSALS, PERSON_ROLES, type Share } from '../../domain/persons';
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
import { amount, asked, claim, coded, count } from '../../domain/details';
import { CLAIM_PARAGRAPH_LABELS } from '../../domain/legal-paragraphs';
import { decisionMakerDetails } from '../../domain/decision-maker';

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
  /**
   * Set when every payment the claim covers was already past its three-year
   * limit on the day it was decided: the claim can then never be taken to court
   * (9 kap. 3 § SoL 2001:453, 33 kap. 5 § SoL 2025:400), and the decision says so.
   */
  paymentsPastLimit: pastLimitShape,
  /**
   * Who the claim is decided against, each for their own part (the parts add
   * up to the amount). Absent: the whole claim on the case's person.
   */
  shares: optionalShape(list(object({ person: oneOf(PERSON_ROLES), amountOre: ore() }), { min: 1, max: 2 })),
  /** An exception of förvaltningslagen 25 § second paragraph: decided without waiting for the person's response. */
  communicationException: optionalShape(oneOf(COMMUNICATION_EXCEPTIONS)),
  ...DECISION_MAKER_FIELD,
});

/** What a RepaymentClaimDecided event holds. */
export type RepaymentClaimDecidedData = Infer<typeof repaymentClaimDecidedShape>;

const subjectShareField = optional(
  amountField('Del för ärendets person (kr)', {
    zero: true,
    hint: 'Lämna tomt om hela beloppet gäller ärendets person.',
    doc: "With a second person: the case's person's part of the claim (kronor). The parts add up to the amount; one left out is the rest.",
    offeredIf: ({ c }) => c.secondPerson !== null,
  }),
);
const secondPersonShareField = optional(
  amountField('Del för make, maka eller sambo (kr)', {
    zero: true,
    doc: "The second person's part of the claim (kronor); see subjectShare.",
    offeredIf: ({ c }) => c.secondPerson !== null,
  }),
);
/** Each person's part of a claim against two, under the form's labels. */
const SHARE_FIELDS = { subject: subjectShareField, 'second-person': secondPersonShareField } as const;

export const RepaymentClaimDecided = caseEvent('RepaymentClaimDecided', {
  shape: repaymentClaimDecidedShape,
  // v1 held one claim per case, over the payments its law governs (resolved when folded).
  upcasts: [(d) => ({ ...onTheOnlyClaim(d), paymentIndexes: null })],
  label: 'Beslut om återkrav',
  on: (d) => d.decidedOn,
  details: (d) => [
    claim(d.claimId),
    amount('Belopp', d.amountOre),
    coded('Lagrum', CLAIM_PARAGRAPH_LABELS, d.legalBasis),
    count('Utbetalningar', d.paymentIndexes?.length),
    ...(d.shares ?? []).map((s) => (s.person in SHARE_FIELDS ? asked(SHARE_FIELDS[s.person], s.amountOre) : null)),
    amount('Förbi treårsgränsen vid beslutet', d.paymentsPastLimit?.expiredAmountOre),
    coded('Undantag från kommunicering', COMMUNICATION_EXCEPTIONS, d.communicationException),
    ...decisionMakerDetails(d.decisionMaker),
  ],
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
        // Proposed: the payments no claim covers yet that the chosen law governs (a claim covers only those,
        // 9 kap. 1 § SoL 2001:453 and 33 kap. 1 § SoL 2025:400), and before a law is chosen their sum only
        // where one law governs them all.
        initial: ({ c }) => {
          const laws = new Set(
            unclaimedIndexes(c).map((i) => lawGoverning(c.investigation!.incorrectPayments[i].grantedOn)),
          );
          return laws.size === 1 ? unclaimedSumUnder(c, [...laws][0]) : '';
        },
        initialBy: {
          field: 'legalBasis',
          initial: ({ c }, basis) => unclaimedSumUnder(c, LEGAL_BASES[basis as LegalBasis]),
        },
      }),
      subjectShare: subjectShareField,
      secondPersonShare: secondPersonShareField,
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
      ...given('subjectShareOre', b.subjectShare === undefined ? undefined : kronorToOre(b.subjectShare)),
      ...given(
        'secondPersonShareOre',
        b.secondPersonShare === undefined ? undefined : kronorToOre(b.secondPersonShare),
      ),
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
    'shares-not-claim-amount': ['rule', 'Delarna ska tillsammans vara lika med återkravets belopp.'],
    'no-second-person': PERSON_REFUSALS['no-second-person'],
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
    const law = LEGAL_BASES[d.legalBasis];
    let indexes: number[] = [];
    let dateValid = false;
    let amountValid = false;
    let communicated = false;
    let shares = undefined as Share[] | undefined;
    let decisionMaker: ReturnType<typeof decidedUnderDelegation> = {};
    // The date, the amount, the parts and who decided are refused together when several are wrong.
    checkAll(
      () => {
        checkDate(c, 'decidedOn', d.decidedOn, today, [[c.investigation!.completedOn, 'the investigation result']]);
        dateValid = true;
      },
      () => {
        indexes = d.payments ? namedPayments(c, d.payments, law) : unclaimedPaymentsUnder(c, law);
        const coveredOre = indexes.reduce((s, i) => s + c.investigation!.incorrectPayments[i].amountOre, 0);
        if (d.amountOre > coveredOre) {
          throw rule(
            'amount-above-payments',
            `The claim ${kr(d.amountOre)} is above the incorrect payments' ${kr(coveredOre)}`,
            'amount',
            { maximumAmount: coveredOre / 100 },
          );
        }
        amountValid = true;
      },
      () => {
        shares = sharesOfClaim(c, d);
      },
      // Förvaltningslagen 25 §: not before the person's time to respond has run out. A date already refused is
      // not refused again.
      () => {
        if (!dateValid) return;
        requireCommunicated(c, 'repayment-claim', d.decidedOn, d.communicationException);
        communicated = true;
      },
      // The delegation point is the one in force on the decision date and its limit is held to the amount: it is
      // checked only once both are right (and the amount is named once).
      () => {
        if (communicated && amountValid)
          decisionMaker = decidedUnderDelegation('repayment-claim', d, c, d.decidedOn, d.amountOre);
      },
    );
    return [
      RepaymentClaimDecided.of({
        claimId: String(c.claims.length + 1),
        decidedOn: d.decidedOn,
        legalBasis: d.legalBasis,
        amountOre: d.amountOre,
        paymentIndexes: indexes,
        ...pastLimitNote(
          indexes.map((i) => c.investigation!.incorrectPayments[i]),
          d.decidedOn,
        ),
        ...(shares ? { shares } : {}),
        ...given('communicationException', d.communicationException),
        ...decisionMaker,
      }),
    ];
  },
});

/**
 * Who a claim is decided against. Each adult of the household is liable for
 * their own part, never jointly for the whole: SoL lets the nämnd claim from
 * the person who caused the incorrect payment (9 kap. 1 § SoL 2001:453,
 * 33 kap. 1 § SoL 2025:400) and has no rule making spouses or sambor jointly
 * and severally liable (solidariskt ansvar), which a public claim would need
 * (the reading that protects the person, where we are not certain). So the
 * decision names each person's amount, as a FUT unit writes it ("X kr riktas
 * mot A och Y kr mot B"); each can be sued, repay and be waived for their own
 * part. Undefined: the whole claim on the case's person, as before.
 */
function sharesOfClaim(
  c: OpenCase,
  d: { amountOre: number; subjectShareOre?: number; secondPersonShareOre?: number },
): Share[] | undefined {
  if (d.subjectShareOre === undefined && d.secondPersonShareOre === undefined) return undefined;
  if (!c.secondPerson) throw conflict('no-second-person', 'The case names no second person to share the claim');
  // One part left out is the rest of the amount.
  const subject = d.subjectShareOre ?? d.amountOre - (d.secondPersonShareOre ?? 0);
  const second = d.secondPersonShareOre ?? d.amountOre - subject;
  if (subject < 0 || second < 0 || subject + second !== d.amountOre)
    throw rule(
      'shares-not-claim-amount',
      `The parts ${kr(subject)} and ${kr(second)} do not add up to the claim's ${kr(d.amountOre)}`,
      d.secondPersonShareOre === undefined ? 'subjectShare' : 'secondPersonShare',
      { amount: d.amountOre / 100 },
    );
  // Everything on the case's person is a claim like any other.
  if (second === 0) return undefined;
  return [
    ...(subject > 0 ? [{ person: 'subject' as const, amountOre: subject }] : []),
    { person: 'second-person' as const, amountOre: second },
  ];
}

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

/** The unclaimed payments `law` governs, summed as the form writes kronor ("1200,00"); empty when there are none. */
function unclaimedSumUnder(c: OpenCase, law: Law): string {
  const ore = unclaimedIndexesUnder(c, law).reduce((s, i) => s + c.investigation!.incorrectPayments[i].amountOre, 0);
  return ore > 0 ? (ore / 100).toFixed(2).replace('.', ',') : '';
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
