import { code, localDate, object, oneOf, ore, type Infer } from '../../../kernel/shape';
import { REPAYMENT_KIND_LABELS } from '../../domain/catalogues';
import { kronorToOre } from '../../../kernel/money';
import { checkDate, hasClaim, requireClaim, requireWithinOutstanding, whenOpen } from '../../domain/rules';
import { amountField, caseEvent, choiceField, claimField, dateField, defineStep, given } from '../../domain/step';
import { onTheOnlyClaim } from '../repayment-claim/repayment-claim.step';

/** A repayment received on a claim: of the claim itself, of damages, or of a judgment on a suit. */
const repaymentReceivedShape = object({
  claimId: code(),
  receivedOn: localDate,
  amountOre: ore(),
  kind: oneOf(REPAYMENT_KIND_LABELS),
});

/** What a RepaymentReceived event holds. */
export type RepaymentReceivedData = Infer<typeof repaymentReceivedShape>;

export const RepaymentReceived = caseEvent('RepaymentReceived', {
  shape: repaymentReceivedShape,
  upcasts: [onTheOnlyClaim],
  label: 'Återbetalning',
  on: (d) => d.receivedOn,
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
    },
    toCommand: (b) => ({
      ...given('claimId', b.claimId),
      receivedOn: b.receivedOn,
      amountOre: kronorToOre(b.amount),
      kind: b.kind,
    }),
  },
  refusals: {},
  requires: whenOpen(hasClaim),
  decide: (d, c, { today }) => {
    const claim = requireClaim(c, d.claimId);
    checkDate(c, 'receivedOn', d.receivedOn, today, [[claim.decidedOn, 'the repayment claim']]);
    requireWithinOutstanding(c, claim, d.amountOre);
    return [
      RepaymentReceived.of({ claimId: claim.claimId, receivedOn: d.receivedOn, amountOre: d.amountOre, kind: d.kind }),
    ];
  },
});
