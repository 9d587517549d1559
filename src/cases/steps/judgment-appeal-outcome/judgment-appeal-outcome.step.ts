import { code, localDate, object, oneOf, optional, ore, type Infer } from '../../../kernel/shape';
import { kronorToOre } from '../../../kernel/money';
import { checkAll, conflict, invalid, rule } from '../../domain/case-errors';
import { claimPositionOf } from '../../domain/case-state';
import { APPEAL_COURTS, APPEAL_OUTCOMES, requireJudgment, someJudgment } from '../../domain/judgment-debt';
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
 * The higher court's decision on the appeals pending against the judgment:
 * upheld, changed (with the amount it now awards), leave to appeal refused
 * (the judgment below stands), or the appeal withdrawn or dismissed.
 */
const judgmentAppealDecidedShape = object({
  claimId: code(),
  decidedOn: localDate,
  court: oneOf(APPEAL_COURTS),
  outcome: oneOf(APPEAL_OUTCOMES),
  /** What the judgment awards as changed: only with the outcome changed. */
  awardedAmountOre: optional(ore({ zero: true })),
});

/** What a JudgmentAppealDecided event holds. */
export type JudgmentAppealDecidedData = Infer<typeof judgmentAppealDecidedShape>;

export const JudgmentAppealDecided = caseEvent('JudgmentAppealDecided', {
  shape: judgmentAppealDecidedShape,
  label: 'Överinstansens avgörande i ersättningsmål',
  on: (d) => d.decidedOn,
  details: (d) => [
    claim(d.claimId),
    coded('Domstol', APPEAL_COURTS, d.court),
    coded('Avgörande', APPEAL_OUTCOMES, d.outcome),
    amount('Tilldömt belopp efter ändringen', d.awardedAmountOre),
  ],
  // The decision settles every appeal pending against the claim's judgment at that court.
  evolve: (c, d) => ({
    ...c,
    afterJudgment: {
      ...c.afterJudgment,
      appeals: c.afterJudgment.appeals.map((a) =>
        a.claimId === d.claimId && a.court === d.court && a.outcome === null ? { ...a, outcome: { ...d } } : a,
      ),
    },
  }),
  statistics: { reads: ['decidedOn'], facts: () => [] },
});

const pending = () => conflict('no-appeal', 'No appeal against the judgment is waiting for a decision');

export const judgmentAppealOutcome = defineStep({
  id: 'judgment-appeal-outcome',
  command: 'RecordJudgmentAppealOutcome',
  auditLabel: 'Överinstansens avgörande i ersättningsmål',
  actors: 'case-handlers',
  http: {
    route: 'judgment-appeal-outcomes',
    summary:
      "Record the higher court's decision on the appeal against the judgment; a changed judgment names the amount it now awards.",
    title: 'Överinstansens avgörande',
    submit: 'Registrera avgörandet',
    request: {
      claimId: claimField(),
      decidedOn: dateField('Avgörandets datum'),
      outcome: choiceField(APPEAL_OUTCOMES, 'Avgörande'),
      awardedAmount: optionalField(
        amountField('Tilldömt belopp efter ändringen (kr)', {
          zero: true,
          showIf: { field: 'outcome', values: ['changed'] },
          requiredWhenShown: true,
          doc: 'What the changed judgment awards, in kronor; only with the outcome changed.',
        }),
      ),
    },
    toCommand: (b) => ({
      ...given('claimId', b.claimId),
      decidedOn: b.decidedOn,
      outcome: b.outcome,
      ...given('awardedAmountOre', b.awardedAmount === undefined ? undefined : kronorToOre(b.awardedAmount)),
    }),
  },
  refusals: {
    'no-judgment': ['conflict', 'Ingen dom i ersättningsmål är registrerad för återkravet.'],
    'no-appeal': ['conflict', 'Inget överklagande väntar på avgörande.'],
    'amount-above-sued': ['rule', 'Beloppet är högre än det som yrkades i ersättningstalan.'],
  },
  requires: whenOpen(someJudgment((debt) => (debt.appealPending ? null : pending()))),
  decide: (d, c, { today }) => {
    const claim = requireClaim(c, d.claimId);
    const debt = requireJudgment(c, claim);
    const appeals = debt.appeals.filter((a) => a.outcome === null);
    if (appeals.length === 0) throw pending();
    if (d.outcome === 'changed' && d.awardedAmountOre === undefined)
      throw invalid('awardedAmount', 'awardedAmount is required when the judgment was changed');
    if (d.outcome !== 'changed' && d.awardedAmountOre !== undefined)
      throw invalid('awardedAmount', 'awardedAmount is given only when the judgment was changed');
    // The date and the amount awarded: both rules in one answer.
    checkAll(
      () =>
        checkDate(c, 'decidedOn', d.decidedOn, today, [
          [appeals.map((a) => a.appealedOn).sort()[appeals.length - 1], 'the appeal'],
        ]),
      // A court awards at most what was claimed before it (the suit's amount).
      () => {
        const sued = claimPositionOf(c, claim).suedOre;
        if (d.awardedAmountOre !== undefined && d.awardedAmountOre > sued)
          throw rule(
            'amount-above-sued',
            `${kr(d.awardedAmountOre)} is above the ${kr(sued)} sued for`,
            'awardedAmount',
          );
      },
    );
    return [
      JudgmentAppealDecided.of({
        claimId: claim.claimId,
        decidedOn: d.decidedOn,
        court: appeals[0].court,
        outcome: d.outcome,
        ...given('awardedAmountOre', d.awardedAmountOre),
      }),
    ];
  },
});
