import { code, localDate, object, ore, type Infer } from '../../../kernel/shape';
import { checkAll, conflict, rule } from '../../domain/case-errors';
import { type OpenCase, claimPositionOf } from '../../domain/case-state';
import { kronorToOre } from '../../../kernel/money';
import { checkDate, hasClaim, kr, requireClaim, whenOpen } from '../../domain/rules';
import { amountField, caseEvent, claimField, dateField, defineStep, given } from '../../domain/step';
import { onTheOnlyClaim } from '../repayment-claim/repayment-claim.step';
import { amount, claim } from '../../domain/details';

/**
 * The förvaltningsrätt's judgment on a suit: what it awarded. What follows it
 * (legal force, appeal, enforcement, the debt's limitation) are steps of their
 * own; see judgment-debt.ts.
 */
const compensationJudgmentDecidedShape = object({
  claimId: code(),
  decidedOn: localDate,
  awardedAmountOre: ore({ zero: true }),
});

/** What a CompensationJudgmentDecided event holds. */
export type CompensationJudgmentDecidedData = Infer<typeof compensationJudgmentDecidedShape>;

export const CompensationJudgmentDecided = caseEvent('CompensationJudgmentDecided', {
  shape: compensationJudgmentDecidedShape,
  upcasts: [onTheOnlyClaim],
  label: 'Dom i ersättningsmål',
  on: (d) => d.decidedOn,
  details: (d) => [claim(d.claimId), amount('Tilldömt belopp', d.awardedAmountOre)],
  evolve: (c, d) => ({ ...c, judgments: [...c.judgments, { ...d }] }),
  statistics: { reads: ['decidedOn'], facts: () => [] },
});

/** Suits on the claim that have no judgment recorded yet. */
const unjudgedSuits = (c: OpenCase, claimId: string): number =>
  c.suits.filter((x) => x.claimId === claimId).length - c.judgments.filter((j) => j.claimId === claimId).length;

const judgedAlready = () =>
  conflict(
    'suit-judged',
    "The suit's judgment is already recorded; record a higher court's decision as the appeal's outcome",
  );

export const compensationJudgment = defineStep({
  id: 'compensation-judgment',
  command: 'RecordCompensationJudgment',
  auditLabel: 'Dom i ersättningsmål',
  actors: 'case-handlers',
  http: {
    route: 'compensation-judgments',
    summary: "Record the court's judgment on a compensation suit.",
    title: 'Dom i ersättningsmål',
    submit: 'Registrera dom',
    request: {
      claimId: claimField(),
      decidedOn: dateField('Domsdatum'),
      awardedAmount: amountField('Tilldömt belopp (kr)', { zero: true }),
    },
    toCommand: (b) => ({
      ...given('claimId', b.claimId),
      decidedOn: b.decidedOn,
      awardedAmountOre: kronorToOre(b.awardedAmount),
    }),
  },
  refusals: {
    'no-suit': ['conflict', 'Ingen ersättningstalan är väckt.'],
    'suit-judged': [
      'conflict',
      'Domen i ersättningsmålet är redan registrerad. Ett avgörande i högre instans registreras som överinstansens avgörande.',
    ],
    'amount-above-sued': ['rule', 'Beloppet är högre än det som yrkades i ersättningstalan.'],
  },
  requires: whenOpen(
    (c) =>
      hasClaim(c) ??
      (c.suits.length === 0
        ? conflict('no-suit', 'No court suit has been filed in this case')
        : c.claims.some((claim) => unjudgedSuits(c, claim.claimId) > 0)
          ? null
          : judgedAlready()),
  ),
  decide: (d, c, { today }) => {
    const claim = requireClaim(c, d.claimId);
    const suits = c.suits.filter((x) => x.claimId === claim.claimId);
    if (suits.length === 0) throw conflict('no-suit', 'No court suit has been filed in this case');
    // One judgment per suit: a higher court's decision is recorded on the appeal, not as a judgment of its own.
    if (unjudgedSuits(c, claim.claimId) === 0) throw judgedAlready();
    // The date and the amount awarded: both rules in one answer.
    checkAll(
      () => checkDate(c, 'decidedOn', d.decidedOn, today, [[suits[0].filedOn, 'the court suit']]),
      () => {
        const sued = claimPositionOf(c, claim).suedOre;
        if (d.awardedAmountOre > sued) {
          throw rule(
            'amount-above-sued',
            `${kr(d.awardedAmountOre)} is above the ${kr(sued)} sued for`,
            'awardedAmount',
          );
        }
      },
    );
    return [
      CompensationJudgmentDecided.of({
        claimId: claim.claimId,
        decidedOn: d.decidedOn,
        awardedAmountOre: d.awardedAmountOre,
      }),
    ];
  },
});
