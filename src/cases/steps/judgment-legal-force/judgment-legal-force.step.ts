import { code, localDate, object, type Infer } from '../../../kernel/shape';
import { conflict, rule } from '../../domain/case-errors';
import {
  APPEAL_DAYS,
  type JudgmentDebt,
  earliestLegalForce,
  requireJudgment,
  someJudgment,
} from '../../domain/judgment-debt';
import { checkDate, requireClaim, whenOpen } from '../../domain/rules';
import { caseEvent, claimField, dateField, defineStep, given } from '../../domain/step';
import { claim } from '../../domain/details';

/**
 * The judgment on ersättningstalan gained legal force (laga kraft): the appeal
 * time ran out with no appeal, or the higher court's decision did. Only then
 * can Kronofogden be asked to enforce it. The court says the date; the unit
 * records it from the court's note.
 */
const judgmentGainedLegalForceShape = object({ claimId: code(), legalForceOn: localDate });

/** What a JudgmentGainedLegalForce event holds. */
export type JudgmentGainedLegalForceData = Infer<typeof judgmentGainedLegalForceShape>;

export const JudgmentGainedLegalForce = caseEvent('JudgmentGainedLegalForce', {
  shape: judgmentGainedLegalForceShape,
  label: 'Dom i ersättningsmål har vunnit laga kraft',
  on: (d) => d.legalForceOn,
  details: (d) => [claim(d.claimId)],
  evolve: (c, d) => ({
    ...c,
    afterJudgment: { ...c.afterJudgment, legalForce: [...c.afterJudgment.legalForce, { ...d }] },
  }),
  statistics: { reads: ['legalForceOn'], facts: () => [] },
});

/** Why a judged claim's legal force cannot be recorded now, or null. */
function awaitingLegalForce(debt: JudgmentDebt) {
  if (debt.legalForceOn) return conflict('legal-force-recorded', 'The judgment has already gained legal force');
  if (debt.appealPending)
    return conflict('appeal-pending', 'The judgment is appealed; record the decision on the appeal first');
  return null;
}

export const judgmentLegalForce = defineStep({
  id: 'judgment-legal-force',
  command: 'RecordJudgmentLegalForce',
  auditLabel: 'Laga kraft för dom i ersättningsmål',
  actors: 'case-handlers',
  http: {
    route: 'judgment-legal-force',
    summary: 'Record the day the judgment on ersättningstalan (or the decision on its appeal) gained legal force.',
    title: 'Domen har vunnit laga kraft',
    submit: 'Registrera laga kraft',
    request: { claimId: claimField(), legalForceOn: dateField('Laga kraft') },
    toCommand: (b) => ({ ...given('claimId', b.claimId), legalForceOn: b.legalForceOn }),
  },
  refusals: {
    'no-judgment': ['conflict', 'Ingen dom i ersättningsmål är registrerad för återkravet.'],
    'legal-force-recorded': ['conflict', 'Domen har redan vunnit laga kraft.'],
    'appeal-pending': ['conflict', 'Domen är överklagad. Registrera först överinstansens avgörande.'],
    'legal-force-too-early': [
      'rule',
      'En dom vinner laga kraft tidigast tre veckor efter att den meddelades (förvaltningsprocesslagen 1971:291, 6 a §).',
    ],
  },
  requires: whenOpen(someJudgment(awaitingLegalForce)),
  decide: (d, c, { today }) => {
    const debt = requireJudgment(c, requireClaim(c, d.claimId));
    const refusal = awaitingLegalForce(debt);
    if (refusal) throw refusal;
    checkDate(c, 'legalForceOn', d.legalForceOn, today, [[debt.lastDecisionOn, 'the judgment']]);
    // Three weeks for the nämnd from the day the decision was given (6 a §); the person's run from service, later still.
    const earliest = earliestLegalForce(debt.lastDecisionOn);
    if (d.legalForceOn < earliest)
      throw rule(
        'legal-force-too-early',
        `A decision given on ${debt.lastDecisionOn} can gain legal force on ${earliest} at the earliest (${APPEAL_DAYS} days)`,
        'legalForceOn',
        { earliestDate: earliest },
      );
    return [JudgmentGainedLegalForce.of({ claimId: debt.claimId, legalForceOn: d.legalForceOn })];
  },
});
