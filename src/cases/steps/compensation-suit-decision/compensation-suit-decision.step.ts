import type { LocalDate } from '../../../calendar/local-date';
import { code, localDate, object, oneOf, optional, type Infer } from '../../../kernel/shape';
import { checkAll, conflict } from '../../domain/case-errors';
import { type Claim, type OpenCase, claimOutstandingOre } from '../../domain/case-state';
import { ABILITY_TO_PAY_WARNINGS, type AbilityToPayWarning } from '../../domain/catalogues';
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
import { claim, coded, law } from '../../domain/details';
import { paragraphLabels } from '../../domain/legal-paragraphs';
import { decisionMakerDetails } from '../../domain/decision-maker';

/**
 * The warning a decision or filing of ersättningstalan carries about the person's ability to pay,
 * from the latest assessment dated on or before `on`: none (not-assessed) or one that found no
 * means (not-able). Lack of means is the court's ground to refuse the claim (9 kap. 3 § andra
 * stycket SoL 2001:453, 33 kap. 5 § andra stycket SoL 2025:400), not a bar to filing: a unit
 * files to stop the three-year limit and the court weighs the means.
 */
export function abilityToPayWarningOn(c: OpenCase, on: LocalDate): { abilityToPayWarning?: AbilityToPayWarning } {
  const inForce = c.abilityToPayAssessments.filter((a) => a.assessedOn <= on);
  // The latest by date; of several on one day, the one recorded last.
  const latest = inForce.reduce<(typeof inForce)[number] | undefined>(
    (best, a) => (!best || a.assessedOn >= best.assessedOn ? a : best),
    undefined,
  );
  if (!latest) return { abilityToPayWarning: 'not-assessed' };
  return latest.able ? {} : { abilityToPayWarning: 'not-able' };
}

/** Set on a suit decided or filed without an assessment that found the person able to pay. */
export const abilityToPayWarningShape = optional(oneOf(ABILITY_TO_PAY_WARNINGS));

/** The decision to bring ersättningstalan (9 kap. 3 § SoL 2001:453, 33 kap. 4 § SoL 2025:400), which the report counts. */
const compensationSuitDecidedShape = object({
  claimId: code(),
  decidedOn: localDate,
  abilityToPayWarning: abilityToPayWarningShape,
  ...DECISION_MAKER_FIELD,
});

/** What a CompensationSuitDecided event holds. */
export type CompensationSuitDecidedData = Infer<typeof compensationSuitDecidedShape>;

export const CompensationSuitDecided = caseEvent('CompensationSuitDecided', {
  shape: compensationSuitDecidedShape,
  label: 'Beslut att väcka ersättningstalan',
  on: (d) => d.decidedOn,
  details: (d, { claimLaw }) => [
    claim(d.claimId),
    law(paragraphLabels('compensation-suit'), claimLaw(d.claimId)),
    coded('Varning', ABILITY_TO_PAY_WARNINGS, d.abilityToPayWarning),
    ...decisionMakerDetails(d.decisionMaker),
  ],
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
    summary:
      'The decision to bring ersättningstalan, which the report counts; the filing follows. Without an assessment that found the person able to pay it is recorded with a warning (abilityToPayWarning), not refused.',
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
    'suit-decided': ['conflict', 'Ersättningstalan är redan beslutad för återkravet.'],
    ...DECISION_MAKER_REFUSALS,
  },
  requires: whenOpen(hasClaim),
  decide: (d, c, { today }) => {
    // The claim named, the date and who decided: every rule they break in one answer.
    let claim = undefined as Claim | undefined;
    let dateValid = false;
    let decisionMaker: ReturnType<typeof decidedUnderDelegation> = {};
    checkAll(
      () => {
        claim = requireClaim(c, d.claimId);
      },
      () => {
        if (claim && c.suitDecisions.some((x) => x.claimId === claim!.claimId)) {
          throw conflict('suit-decided', `Ersättningstalan has already been decided for claim ${claim.claimId}`);
        }
      },
      // An unknown claim has no decision date to hold this one to: the date's own rules still hold.
      () => {
        checkDate(c, 'decidedOn', d.decidedOn, today, [[claim?.decidedOn, 'the repayment claim']]);
        dateValid = true;
      },
      // The delegation point is the one in force on the decision date, its limit held to what is outstanding of
      // the claim: it is checked only with a valid date and a known claim.
      () => {
        // The suit concerns what is outstanding of the claim: the amount a delegation's limit is held to.
        if (claim && dateValid)
          decisionMaker = decidedUnderDelegation('compensation-suit', d, c, d.decidedOn, claimOutstandingOre(c, claim));
      },
    );
    return [
      CompensationSuitDecided.of({
        claimId: claim!.claimId,
        decidedOn: d.decidedOn,
        ...abilityToPayWarningOn(c, d.decidedOn),
        ...decisionMaker,
      }),
    ];
  },
});
