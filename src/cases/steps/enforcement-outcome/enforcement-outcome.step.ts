import { code, localDate, object, oneOf, optional, ore, type Infer } from '../../../kernel/shape';
import { kronorToOre } from '../../../kernel/money';
import { checkAll, conflict, invalid, rule } from '../../domain/case-errors';
import {
  ENFORCEMENT_OUTCOMES,
  ENFORCEMENT_OUTCOMES_WITH_AMOUNT,
  requireJudgment,
  someJudgment,
} from '../../domain/judgment-debt';
import { checkDate, kr, requireClaim, whenOpen } from '../../domain/rules';
import {
  amountField,
  caseEvent,
  choiceField,
  claimField,
  dateField,
  defineStep,
  given,
  optional as optionalField,
} from '../../domain/step';
import { amount, claim, coded } from '../../domain/details';

/**
 * What Kronofogden's enforcement came to: utmätning (with the amount seized),
 * "saknar utmätningsbara tillgångar", or the person paid. It ends the
 * enforcement; the judgment debt's new limitation period runs from that day
 * (preskriptionslagen 1981:130, 7 §). The money itself counts once it reaches
 * the nämnd, recorded as a repayment (of a judgment: ersättningstalan).
 */
const enforcementOutcomeRecordedShape = object({
  claimId: code(),
  decidedOn: localDate,
  outcome: oneOf(ENFORCEMENT_OUTCOMES),
  /** Seized or paid: only with those outcomes. */
  amountOre: optional(ore()),
});

/** What an EnforcementOutcomeRecorded event holds. */
export type EnforcementOutcomeRecordedData = Infer<typeof enforcementOutcomeRecordedShape>;

export const EnforcementOutcomeRecorded = caseEvent('EnforcementOutcomeRecorded', {
  shape: enforcementOutcomeRecordedShape,
  label: 'Utfall hos Kronofogden',
  on: (d) => d.decidedOn,
  details: (d) => [
    claim(d.claimId),
    coded('Utfall', ENFORCEMENT_OUTCOMES, d.outcome),
    amount('Utmätt eller betalt belopp', d.amountOre),
  ],
  evolve: (c, d) => ({
    ...c,
    afterJudgment: {
      ...c.afterJudgment,
      enforcement: c.afterJudgment.enforcement.map((e) =>
        e.claimId === d.claimId && e.outcome === null ? { ...e, outcome: { ...d } } : e,
      ),
    },
  }),
  statistics: { reads: ['decidedOn'], facts: () => [] },
});

const noneWaiting = () => conflict('no-enforcement', 'No application to Kronofogden is waiting for its outcome');

export const enforcementOutcome = defineStep({
  id: 'enforcement-outcome',
  command: 'RecordEnforcementOutcome',
  auditLabel: 'Utfall hos Kronofogden',
  actors: 'case-handlers',
  http: {
    route: 'enforcement-outcomes',
    summary:
      "Record what Kronofogden's enforcement came to: utmätning (amount), saknar utmätningsbara tillgångar, or paid (amount).",
    title: 'Utfall hos Kronofogden',
    submit: 'Registrera utfallet',
    request: {
      claimId: claimField(),
      decidedOn: dateField('Datum'),
      outcome: choiceField(ENFORCEMENT_OUTCOMES, 'Utfall'),
      amount: optionalField(
        amountField('Belopp (kr)', {
          showIf: { field: 'outcome', values: ENFORCEMENT_OUTCOMES_WITH_AMOUNT },
          requiredWhenShown: true,
          hint: 'Utmätt eller betalt belopp. Registrera pengarna som återbetalning när de kommer in.',
          doc: 'Seized or paid, in kronor; only with the outcomes distraint and paid.',
        }),
      ),
    },
    toCommand: (b) => ({
      ...given('claimId', b.claimId),
      decidedOn: b.decidedOn,
      outcome: b.outcome,
      ...given('amountOre', b.amount === undefined ? undefined : kronorToOre(b.amount)),
    }),
  },
  refusals: {
    'no-judgment': ['conflict', 'Ingen dom i ersättningsmål är registrerad för återkravet.'],
    'no-enforcement': ['conflict', 'Ingen ansökan hos Kronofogden väntar på utfall.'],
    'above-applied': ['rule', 'Beloppet är högre än det ansökan gällde.'],
  },
  requires: whenOpen(someJudgment((debt) => (debt.enforcementPending ? null : noneWaiting()))),
  decide: (d, c, { today }) => {
    const debt = requireJudgment(c, requireClaim(c, d.claimId));
    const application = debt.enforcement.find((e) => e.outcome === null);
    if (!application) throw noneWaiting();
    const withAmount = ENFORCEMENT_OUTCOMES_WITH_AMOUNT.includes(d.outcome);
    if (withAmount && d.amountOre === undefined)
      throw invalid('amount', `amount is required with the outcome ${d.outcome}`);
    if (!withAmount && d.amountOre !== undefined)
      throw invalid('amount', `amount is given only with the outcomes ${ENFORCEMENT_OUTCOMES_WITH_AMOUNT.join(', ')}`);
    // The date and the amount: both rules in one answer.
    checkAll(
      () => checkDate(c, 'decidedOn', d.decidedOn, today, [[application.appliedOn, 'the application']]),
      () => {
        if (d.amountOre !== undefined && d.amountOre > application.amountOre)
          throw rule(
            'above-applied',
            `${kr(d.amountOre)} is above the ${kr(application.amountOre)} applied for`,
            'amount',
            { appliedAmount: application.amountOre / 100 },
          );
      },
    );
    return [
      EnforcementOutcomeRecorded.of({
        claimId: debt.claimId,
        decidedOn: d.decidedOn,
        outcome: d.outcome,
        ...given('amountOre', d.amountOre),
      }),
    ];
  },
});
