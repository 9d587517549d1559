import { bool, localDate, object, type Infer } from '../../../kernel/shape';
import { checkDate, hasClaim, whenOpen } from '../../domain/rules';
import { caseEvent, dateField, defineStep, flagField } from '../../domain/step';
import { asked } from '../../domain/details';

/**
 * Betalningsförmåga: whether the person can pay. The court may not grant
 * ersättningstalan where the person would then lack means for their support
 * (9 kap. 3 § SoL 2001:453, 33 kap. 5 § andra stycket SoL 2025:400). That is
 * the court's ground to refuse, not a bar to filing: a suit without an
 * assessment, or against one that found no means, carries a warning.
 */
const abilityToPayAssessedShape = object({ assessedOn: localDate, able: bool });

/** What a AbilityToPayAssessed event holds. */
export type AbilityToPayAssessedData = Infer<typeof abilityToPayAssessedShape>;

const ableField = flagField('Betalningsförmåga', 'Har betalningsförmåga', 'Saknar betalningsförmåga');

export const AbilityToPayAssessed = caseEvent('AbilityToPayAssessed', {
  shape: abilityToPayAssessedShape,
  label: 'Betalningsförmåga bedömd',
  on: (d) => d.assessedOn,
  details: (d) => [asked(ableField, d.able)],
  evolve: (c, d) => ({
    ...c,
    abilityToPay: { ...d },
    abilityToPayAssessments: [...c.abilityToPayAssessments, { ...d }],
  }),
  statistics: { reads: ['assessedOn'], facts: () => [] },
});

export const abilityToPay = defineStep({
  id: 'ability-to-pay',
  command: 'AssessAbilityToPay',
  auditLabel: 'Betalningsförmåga',
  actors: 'case-handlers',
  http: {
    route: 'ability-to-pay',
    summary: "Record the assessment of the person's ability to pay.",
    title: 'Betalningsförmåga',
    submit: 'Spara bedömning',
    request: {
      assessedOn: dateField('Bedömd'),
      able: ableField,
    },
    toCommand: (b) => ({ assessedOn: b.assessedOn, able: b.able }),
  },
  refusals: {},
  // The ability to pay is the person's, for every claim of the case.
  requires: whenOpen(hasClaim),
  decide: (d, c, { today }) => {
    checkDate(c, 'assessedOn', d.assessedOn, today, [[c.claims[0].decidedOn, 'the repayment claim']]);
    return [AbilityToPayAssessed.of({ ...d })];
  },
});
