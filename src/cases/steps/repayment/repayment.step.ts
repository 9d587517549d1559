import { code, localDate, object, oneOf, optional as optionalShape, ore, type Infer } from '../../../kernel/shape';
import {
  PERSON_REFUSALS,
  PERSON_ROLES,
  type PersonRole,
  debtorOf,
  requireWithinPersonsPart,
} from '../../domain/persons';
import { checkAll } from '../../domain/case-errors';
import type { Claim } from '../../domain/case-state';
import { REPAYMENT_KIND_LABELS } from '../../domain/catalogues';
import { kronorToOre } from '../../../kernel/money';
import { checkDate, hasClaim, requireClaim, requireWithinOutstanding, whenOpen } from '../../domain/rules';
import {
  amountField,
  caseEvent,
  choiceField,
  claimField,
  dateField,
  defineStep,
  given,
  optional,
} from '../../domain/step';
import { onTheOnlyClaim } from '../repayment-claim/repayment-claim.step';
import { amount, claim, coded } from '../../domain/details';

/** A repayment received on a claim: of the claim itself, of damages, or of a judgment on a suit. */
const repaymentReceivedShape = object({
  claimId: code(),
  receivedOn: localDate,
  amountOre: ore(),
  kind: oneOf(REPAYMENT_KIND_LABELS),
  /** Who paid, on a claim decided against two persons (absent: the case's person). */
  person: optionalShape(oneOf(PERSON_ROLES)),
});

/** What a RepaymentReceived event holds. */
export type RepaymentReceivedData = Infer<typeof repaymentReceivedShape>;

export const RepaymentReceived = caseEvent('RepaymentReceived', {
  shape: repaymentReceivedShape,
  upcasts: [onTheOnlyClaim],
  label: 'Återbetalning',
  on: (d) => d.receivedOn,
  details: (d) => [
    claim(d.claimId),
    amount('Belopp', d.amountOre),
    coded('Avser', REPAYMENT_KIND_LABELS, d.kind),
    coded('Betald av', PERSON_ROLES, d.person),
  ],
  evolve: (c, d) => ({ ...c, repayments: [...c.repayments, { ...d }] }),
  statistics: { reads: ['receivedOn', 'amountOre', 'kind'], facts: (d) => [['repayment', d.amountOre, d.kind]] },
});

export const repayment = defineStep({
  id: 'repayment',
  command: 'ReceiveRepayment',
  auditLabel: 'Återbetalning',
  actors: 'case-handlers',
  http: {
    route: 'repayments',
    summary: 'Record a repayment received.',
    title: 'Återbetalning',
    submit: 'Registrera återbetalning',
    request: {
      claimId: claimField(),
      receivedOn: dateField('Inbetald'),
      amount: amountField('Belopp (kr)'),
      // After a judgment what comes in pays it (Återbetalning - ersättningstalan); the form proposes so.
      kind: choiceField(REPAYMENT_KIND_LABELS, 'Avser', {
        initial: ({ c }) => (c.judgments.length > 0 ? 'compensation' : 'claim'),
      }),
      person: optional(
        choiceField(PERSON_ROLES, 'Betald av', {
          doc: 'On a claim decided against two persons: whose part the repayment is (may be left out when the claim is against one).',
          offeredIf: ({ c }) => c.claims.some((x) => x.shares !== undefined),
        }),
      ),
    },
    toCommand: (b) => ({
      ...given('claimId', b.claimId),
      receivedOn: b.receivedOn,
      amountOre: kronorToOre(b.amount),
      kind: b.kind,
      ...given('person', b.person),
    }),
  },
  refusals: {
    'person-required': PERSON_REFUSALS['person-required'],
    'person-not-liable': PERSON_REFUSALS['person-not-liable'],
  },
  requires: whenOpen(hasClaim),
  decide: (d, c, { today }) => {
    // The claim named, the date, the amount and the person: each field's rule on its own, all answered at once.
    let claim = undefined as Claim | undefined;
    let person: PersonRole | undefined;
    let withinOutstanding = false;
    checkAll(
      () => {
        claim = requireClaim(c, d.claimId);
      },
      // An unknown claim has no decision date to hold the payment to: the date's own rules still hold.
      () => checkDate(c, 'receivedOn', d.receivedOn, today, [[claim?.decidedOn, 'the repayment claim']]),
      () => {
        if (!claim) return;
        requireWithinOutstanding(c, claim, d.amountOre);
        withinOutstanding = true;
      },
      // Each person repays their own part of a claim decided against two.
      () => {
        if (claim) person = debtorOf(claim, d.person);
      },
      // An amount above the whole outstanding is already refused: not again for the person's part.
      () => {
        if (claim && person && withinOutstanding) requireWithinPersonsPart(c, claim, person, d.amountOre);
      },
    );
    return [
      RepaymentReceived.of({
        claimId: claim!.claimId,
        receivedOn: d.receivedOn,
        amountOre: d.amountOre,
        kind: d.kind,
        ...(person ? { person } : {}),
      }),
    ];
  },
});
