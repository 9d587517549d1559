import { code, localDate, object, ore, type Infer } from '../../../kernel/shape';
import { checkAll, conflict, rule } from '../../domain/case-errors';
import { type Claim, claimPositionOf, claimableOnCase } from '../../domain/case-state';
import { kronorToOre } from '../../../kernel/money';
import { checkDate, hasClaim, kr, requireClaim, whenOpen } from '../../domain/rules';
import { amountField, caseEvent, claimField, dateField, defineStep, given } from '../../domain/step';
import { claimableOn } from '../../domain/three-year-limit';
import {
  abilityToPayWarningOn,
  abilityToPayWarningShape,
} from '../compensation-suit-decision/compensation-suit-decision.step';
import { onTheOnlyClaim } from '../repayment-claim/repayment-claim.step';
import { amount, claim, coded, law } from '../../domain/details';
import { paragraphLabels } from '../../domain/legal-paragraphs';
import { ABILITY_TO_PAY_WARNINGS } from '../../domain/catalogues';

/**
 * Ersättningstalan filed at the förvaltningsrätt: only for payments whose
 * three-year limit has not run out on the day it is filed (9 kap. 3 § SoL
 * 2001:453, 33 kap. 5 § SoL 2025:400). Whether the person can pay is for the
 * court to weigh (same paragraphs, andra stycket): a filing without an
 * assessment that found the person able is accepted with a warning, so a
 * unit can file to stop the limit running out.
 */
const compensationSuitFiledShape = object({
  claimId: code(),
  filedOn: localDate,
  amountOre: ore(),
  abilityToPayWarning: abilityToPayWarningShape,
});

/** What a CompensationSuitFiled event holds. */
export type CompensationSuitFiledData = Infer<typeof compensationSuitFiledShape>;

export const CompensationSuitFiled = caseEvent('CompensationSuitFiled', {
  shape: compensationSuitFiledShape,
  upcasts: [onTheOnlyClaim],
  label: 'Ersättningstalan väckt',
  on: (d) => d.filedOn,
  details: (d, { claimLaw }) => [
    claim(d.claimId),
    amount('Belopp', d.amountOre),
    law(paragraphLabels('compensation-suit'), claimLaw(d.claimId)),
    coded('Varning', ABILITY_TO_PAY_WARNINGS, d.abilityToPayWarning),
  ],
  evolve: (c, d) => ({ ...c, suits: [...c.suits, { ...d }] }),
  statistics: {
    reads: ['filedOn', 'claimId', 'amountOre'],
    // Streams from before decisions were recorded: the filing stands for its decision.
    facts: (d, { suitDecided }) => [
      ...(suitDecided(d.claimId) ? [] : [['suit-decided', 0, d.claimId] as const]),
      ['suit', d.amountOre, d.claimId],
    ],
  },
});

export const compensationSuit = defineStep({
  id: 'compensation-suit',
  command: 'FileCompensationSuit',
  auditLabel: 'Ersättningstalan',
  actors: 'case-handlers',
  http: {
    route: 'compensation-suits',
    summary:
      'File a court suit for compensation (ersättningstalan). Without an assessment that found the person able to pay it is recorded with a warning (abilityToPayWarning), not refused.',
    title: 'Ersättningstalan',
    submit: 'Registrera ersättningstalan',
    request: {
      claimId: claimField(),
      filedOn: dateField('Ingiven till förvaltningsrätten'),
      amount: amountField('Belopp (kr)', {
        initial: ({ c, today }) => (claimableOnCase(c, today) / 100).toFixed(2).replace('.', ','),
      }),
    },
    toCommand: (b) => ({ ...given('claimId', b.claimId), filedOn: b.filedOn, amountOre: kronorToOre(b.amount) }),
  },
  refusals: {
    'no-suit-decision': ['conflict', 'Ersättningstalan väcks efter ett beslut att väcka ersättningstalan.'],
    'above-claimable': ['rule', 'Beloppet är högre än det som fortfarande kan krävas inom treårsgränsen.'],
  },
  requires: whenOpen(
    (c) =>
      hasClaim(c) ??
      (c.suitDecisions.length > 0
        ? null
        : conflict('no-suit-decision', 'A court suit is filed after the decision to bring ersättningstalan')),
  ),
  decide: (d, c, { today }) => {
    // The claim named, the date and the amount: each field's rule on its own, all answered at once.
    let claim = undefined as Claim | undefined;
    let decision = undefined as (typeof c.suitDecisions)[number] | undefined;
    checkAll(
      () => {
        claim = requireClaim(c, d.claimId);
      },
      () => {
        if (!claim) return;
        decision = c.suitDecisions.find((x) => x.claimId === claim!.claimId);
        if (!decision) {
          throw conflict('no-suit-decision', 'A court suit is filed after the decision to bring ersättningstalan');
        }
      },
      // An unknown claim has no decision to hold the date to: the date's own rules still hold.
      () =>
        checkDate(c, 'filedOn', d.filedOn, today, [[decision?.decidedOn, 'the decision to bring ersättningstalan']]),
      () => {
        if (!claim) return;
        const claimable = claimableOn(claimPositionOf(c, claim), d.filedOn);
        if (d.amountOre > claimable) {
          throw rule(
            'above-claimable',
            `${kr(d.amountOre)} is above the ${kr(claimable)} still claimable on ${d.filedOn} within the three-year limit`,
            'amount',
            { claimableAmount: claimable / 100 },
          );
        }
      },
    );
    return [
      CompensationSuitFiled.of({
        claimId: claim!.claimId,
        filedOn: d.filedOn,
        amountOre: d.amountOre,
        ...abilityToPayWarningOn(c, d.filedOn),
      }),
    ];
  },
});
