import { code, localDate, object, ore, type Infer } from '../../../kernel/shape';
import { checkAll, conflict } from '../../domain/case-errors';
import { claimOutstandingOre } from '../../domain/case-state';
import { kronorToOre } from '../../../kernel/money';
import { checkDate, hasClaim, requireClaim, requireWithinOutstanding, whenOpen } from '../../domain/rules';
import { amountField, caseEvent, claimField, dateField, defineStep, given } from '../../domain/step';
import { amount, claim } from '../../domain/details';

/**
 * A claim lodged against a deceased person's estate (dödsbo): the debt does not
 * die with the person, but it can only be paid out of the estate (the estate's
 * debts are paid from it before anything is shared out, ärvdabalken 21 kap.;
 * the heirs do not answer for them with their own means), so the municipality
 * makes its claim to the estate. What the estate pays, or that it has nothing,
 * is recorded later (estate-claim-outcome).
 */
const estateClaimLodgedShape = object({
  claimId: code(),
  lodgedOn: localDate,
  amountOre: ore(),
});

/** What an EstateClaimLodged event holds. */
export type EstateClaimLodgedData = Infer<typeof estateClaimLodgedShape>;

export const EstateClaimLodged = caseEvent('EstateClaimLodged', {
  shape: estateClaimLodgedShape,
  label: 'Fordran anmäld till dödsboet',
  on: (d) => d.lodgedOn,
  details: (d) => [claim(d.claimId), amount('Belopp', d.amountOre)],
  evolve: (c, d) => ({ ...c, estateClaims: [...c.estateClaims, { ...d, outcome: null }] }),
  statistics: { reads: ['lodgedOn'], facts: () => [] },
});

export const estateClaim = defineStep({
  id: 'estate-claim',
  command: 'LodgeEstateClaim',
  auditLabel: 'Fordran anmäld till dödsboet',
  actors: 'case-handlers',
  http: {
    route: 'estate-claims',
    summary: "Record a claim lodged against the deceased person's estate (dödsbo).",
    title: 'Fordran mot dödsboet',
    submit: 'Registrera fordran',
    request: {
      claimId: claimField(),
      lodgedOn: dateField('Anmäld till dödsboet'),
      amount: amountField('Belopp (kr)', {
        // Proposed: what is still owed on the (only) claim.
        initial: ({ c }) =>
          c.claims.length === 1 ? (claimOutstandingOre(c, c.claims[0]) / 100).toFixed(2).replace('.', ',') : '',
      }),
    },
    toCommand: (b) => ({ ...given('claimId', b.claimId), lodgedOn: b.lodgedOn, amountOre: kronorToOre(b.amount) }),
  },
  refusals: { 'estate-claim-exists': ['conflict', 'En fordran mot dödsboet är redan anmäld för återkravet.'] },
  requires: whenOpen(hasClaim),
  decide: (d, c, { today }) => {
    const claim = requireClaim(c, d.claimId);
    if (c.estateClaims.some((e) => e.claimId === claim.claimId))
      throw conflict('estate-claim-exists', `A claim against the estate is already lodged for claim ${claim.claimId}`);
    // The date and the amount: both rules in one answer.
    checkAll(
      () => checkDate(c, 'lodgedOn', d.lodgedOn, today, [[claim.decidedOn, 'the repayment claim']]),
      () => requireWithinOutstanding(c, claim, d.amountOre),
    );
    return [EstateClaimLodged.of({ claimId: claim.claimId, lodgedOn: d.lodgedOn, amountOre: d.amountOre })];
  },
});
