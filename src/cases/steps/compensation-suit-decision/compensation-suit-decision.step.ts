import { code, localDate, object, type Infer } from '../../../kernel/shape';
import { conflict } from '../../domain/case-errors';
import { type OpenCase, claimOutstandingOre } from '../../domain/case-state';
import { checkDate, hasClaim, requireClaim, whenOpen } from '../../domain/rules';
import { caseEvent, claimField, dateField, defineStep, given } from '../../domain/step';
import {
  DECISION_MAKER_FIELD,
  DECISION_MAKER_REFUSALS,
  DECISION_MAKER_REQUEST,
  decidedUnderDelegation,
  decisionMakerOf,
  prepareDecisionMaker,
} from '../../domain/decision-maker';

/** Ersättningstalan needs the latest ability-to-pay assessment to have found the person able to pay (33 kap. 5 § SoL). */
export const ableToPay = (c: OpenCase) =>
  c.abilityToPay?.able
    ? null
    : conflict(
        'not-able-to-pay',
        'Ersättningstalan needs an ability-to-pay assessment that found the person able to pay',
      );

/** The decision to bring ersättningstalan (9 kap. 3 § SoL 2001:453, 33 kap. 4 § SoL 2025:400), which the report counts. */
const compensationSuitDecidedShape = object({ claimId: code(), decidedOn: localDate, ...DECISION_MAKER_FIELD });

/** What a CompensationSuitDecided event holds. */
export type CompensationSuitDecidedData = Infer<typeof compensationSuitDecidedShape>;

export const CompensationSuitDecided = caseEvent('CompensationSuitDecided', {
  shape: compensationSuitDecidedShape,
  label: 'Beslut att väcka ersättningstalan',
  on: (d) => d.decidedOn,
  evolve: (c, d) => ({ ...c, suitDecisions: [...c.suitDecisions, { ...d }] }),
  statistics: { reads: ['decidedOn', 'claimId'], facts: (d) => [['suit-decided', 0, d.claimId]] },
});

export const compensationSuitDecision = defineStep({
  id: 'compensation-suit-decision',
  command: 'DecideCompensationSuit',
  auditLabel: 'Beslut att väcka ersättningstalan',
  actors: 'case-handlers',
  http: {
    route: 'compensation-suit-decisions',
    summary: 'The decision to bring ersättningstalan, which the report counts; the filing follows.',
    title: 'Beslut att väcka ersättningstalan',
    submit: 'Registrera beslutet',
    request: { claimId: claimField(), decidedOn: dateField('Beslutsdatum'), ...DECISION_MAKER_REQUEST },
    toCommand: (b, context) => ({
      ...given('claimId', b.claimId),
      decidedOn: b.decidedOn,
      ...decisionMakerOf(b, context),
    }),
  },
  prepare: prepareDecisionMaker,
  refusals: {
    'not-able-to-pay': ['conflict', 'Ersättningstalan kräver en bedömning att personen har betalningsförmåga.'],
    'suit-decided': ['conflict', 'Ersättningstalan är redan beslutad för återkravet.'],
    ...DECISION_MAKER_REFUSALS,
  },
  requires: whenOpen((c) => hasClaim(c) ?? ableToPay(c)),
  decide: (d, c, { today }) => {
    const claim = requireClaim(c, d.claimId);
    if (c.suitDecisions.some((x) => x.claimId === claim.claimId)) {
      throw conflict('suit-decided', `Ersättningstalan has already been decided for claim ${claim.claimId}`);
    }
    checkDate(c, 'decidedOn', d.decidedOn, today, [[c.abilityToPay!.assessedOn, 'the ability-to-pay assessment']]);
    return [
      CompensationSuitDecided.of({
        claimId: claim.claimId,
        decidedOn: d.decidedOn,
        // The suit concerns what is outstanding of the claim: the amount a delegation's limit is held to.
        ...decidedUnderDelegation('compensation-suit', d, c, d.decidedOn, claimOutstandingOre(c, claim)),
      }),
    ];
  },
});
