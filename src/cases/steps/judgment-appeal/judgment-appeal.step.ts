import { code, localDate, object, oneOf, type Infer } from '../../../kernel/shape';
import { conflict } from '../../domain/case-errors';
import {
  APPEAL_COURTS,
  APPELLANTS,
  type JudgmentDebt,
  requireJudgment,
  someJudgment,
} from '../../domain/judgment-debt';
import { checkDate, requireClaim, whenOpen } from '../../domain/rules';
import { caseEvent, choiceField, claimField, dateField, defineStep, given } from '../../domain/step';
import { claim, coded } from '../../domain/details';

/**
 * An appeal against the judgment on ersättningstalan, by either party: the
 * förvaltningsrätt's judgment to kammarrätten, kammarrätten's to Högsta
 * förvaltningsdomstolen (förvaltningsprocesslagen 1971:291, 33-35 §§). The
 * judgment does not gain legal force while an appeal is pending.
 */
const judgmentAppealedShape = object({
  claimId: code(),
  appealedOn: localDate,
  appellant: oneOf(APPELLANTS),
  /** The court that hears it (from the case: kammarrätten first). */
  court: oneOf(APPEAL_COURTS),
});

/** What a JudgmentAppealed event holds. */
export type JudgmentAppealedData = Infer<typeof judgmentAppealedShape>;

export const JudgmentAppealed = caseEvent('JudgmentAppealed', {
  shape: judgmentAppealedShape,
  label: 'Dom i ersättningsmål överklagad',
  on: (d) => d.appealedOn,
  details: (d) => [
    claim(d.claimId),
    coded('Överklagat av', APPELLANTS, d.appellant),
    coded('Domstol', APPEAL_COURTS, d.court),
  ],
  evolve: (c, d) => ({
    ...c,
    afterJudgment: { ...c.afterJudgment, appeals: [...c.afterJudgment.appeals, { ...d, outcome: null }] },
  }),
  statistics: { reads: ['appealedOn'], facts: () => [] },
});

/** Why a judged claim cannot be appealed now, or null. */
function appealable(debt: JudgmentDebt) {
  if (debt.legalForceOn)
    return conflict('judgment-final', 'The judgment has gained legal force and cannot be appealed');
  if (debt.nextAppealCourt === null)
    return conflict('no-further-appeal', 'Högsta förvaltningsdomstolen has decided; there is no further appeal');
  return null;
}

export const judgmentAppeal = defineStep({
  id: 'judgment-appeal',
  command: 'AppealJudgment',
  auditLabel: 'Överklagande av dom i ersättningsmål',
  actors: 'case-handlers',
  http: {
    route: 'judgment-appeals',
    summary: 'Record an appeal against the judgment on ersättningstalan, by the nämnd or the person.',
    title: 'Överklagande av domen',
    submit: 'Registrera överklagandet',
    request: {
      claimId: claimField(),
      appealedOn: dateField('Överklagandet kom in'),
      appellant: choiceField(APPELLANTS, 'Överklagat av'),
    },
    toCommand: (b) => ({ ...given('claimId', b.claimId), appealedOn: b.appealedOn, appellant: b.appellant }),
  },
  refusals: {
    'no-judgment': ['conflict', 'Ingen dom i ersättningsmål är registrerad för återkravet.'],
    'judgment-final': ['conflict', 'Domen har vunnit laga kraft och kan inte längre överklagas.'],
    'no-further-appeal': [
      'conflict',
      'Högsta förvaltningsdomstolen har avgjort målet; det går inte att överklaga vidare.',
    ],
    'appeal-by-party-pending': ['conflict', 'Parten har redan ett överklagande som väntar på avgörande.'],
  },
  requires: whenOpen(someJudgment(appealable)),
  decide: (d, c, { today }) => {
    const debt = requireJudgment(c, requireClaim(c, d.claimId));
    const refusal = appealable(debt);
    if (refusal) throw refusal;
    // Both parties may appeal the same judgment; the court then decides both together.
    if (debt.appeals.some((a) => a.outcome === null && a.appellant === d.appellant))
      throw conflict('appeal-by-party-pending', `${d.appellant} already has an appeal pending`);
    checkDate(c, 'appealedOn', d.appealedOn, today, [[debt.lastDecisionOn, 'the decision appealed']]);
    return [
      JudgmentAppealed.of({
        claimId: debt.claimId,
        appealedOn: d.appealedOn,
        appellant: d.appellant,
        court: debt.appealPending
          ? debt.appeals.find((a) => a.outcome === null)!.court
          : (debt.nextAppealCourt as NonNullable<JudgmentDebt['nextAppealCourt']>),
      }),
    ];
  },
});
