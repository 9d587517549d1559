import { code, localDate, object, optional, ore, personalText, type Infer } from '../../../kernel/shape';
import { kronorToOre } from '../../../kernel/money';
import { checkAll, conflict, rule } from '../../domain/case-errors';
import { type JudgmentDebt, requireJudgment, someJudgment, timeBarredOn } from '../../domain/judgment-debt';
import { checkDate, kr, requireClaim, whenOpen } from '../../domain/rules';
import {
  amountField,
  caseEvent,
  claimField,
  dateField,
  defineStep,
  given,
  optional as optionalField,
  textField,
} from '../../domain/step';
import { amount, claim } from '../../domain/details';

/**
 * Ansökan om verkställighet: the nämnd asks Kronofogden to enforce the
 * judgment (utsökningsbalken 1981:774, 3 kap. 1 §: a court's judgment is an
 * enforcement title). The application interrupts the judgment debt's
 * limitation (preskriptionslagen 1981:130, 5 § 3).
 *
 * Unsure: whether a förvaltningsrätt's judgment on ersättningstalan may be
 * enforced before it has gained legal force. The reading here waits for legal
 * force (the one that protects the person).
 */
const enforcementAppliedShape = object({
  claimId: code(),
  appliedOn: localDate,
  amountOre: ore(),
  /** Kronofogden's målnummer, once known: about the person, so kept under their data key. */
  caseReference: optional(personalText()),
});

/** What an EnforcementApplied event holds. */
export type EnforcementAppliedData = Infer<typeof enforcementAppliedShape>;

export const EnforcementApplied = caseEvent('EnforcementApplied', {
  shape: enforcementAppliedShape,
  label: 'Ansökan om verkställighet hos Kronofogden',
  on: (d) => d.appliedOn,
  details: (d) => [claim(d.claimId), amount('Belopp att driva in', d.amountOre)],
  evolve: (c, d) => ({
    ...c,
    afterJudgment: { ...c.afterJudgment, enforcement: [...c.afterJudgment.enforcement, { ...d, outcome: null }] },
  }),
  statistics: { reads: ['appliedOn'], facts: () => [] },
});

/** Why Kronofogden cannot be asked to enforce a judged claim now, or null. */
function enforceable(debt: JudgmentDebt) {
  if (!debt.legalForceOn)
    return conflict('judgment-not-final', 'The judgment has not gained legal force and cannot be enforced yet');
  if (debt.enforcementPending)
    return conflict('enforcement-pending', 'An application to Kronofogden is already waiting for its outcome');
  if (debt.enforceableOre === 0)
    return conflict('nothing-enforceable', 'Nothing of the judgment remains to be collected');
  return null;
}

export const enforcementApplication = defineStep({
  id: 'enforcement-application',
  command: 'ApplyForEnforcement',
  auditLabel: 'Ansökan om verkställighet hos Kronofogden',
  actors: 'case-handlers',
  http: {
    route: 'enforcement-applications',
    summary: 'Record the application to Kronofogden to enforce the judgment (with its målnummer once known).',
    title: 'Ansökan om verkställighet hos Kronofogden',
    submit: 'Registrera ansökan',
    request: {
      claimId: claimField(),
      appliedOn: dateField('Ansökan skickad'),
      amount: amountField('Belopp att driva in (kr)'),
      caseReference: optionalField(
        textField('Kronofogdens målnummer', {
          max: 64,
          multiline: false,
          doc: "Kronofogden's case number (målnummer), once known.",
        }),
      ),
    },
    toCommand: (b) => ({
      ...given('claimId', b.claimId),
      appliedOn: b.appliedOn,
      amountOre: kronorToOre(b.amount),
      ...given('caseReference', b.caseReference?.trim() || undefined),
    }),
  },
  refusals: {
    'no-judgment': ['conflict', 'Ingen dom i ersättningsmål är registrerad för återkravet.'],
    'judgment-not-final': ['conflict', 'Domen har inte vunnit laga kraft och kan inte verkställas ännu.'],
    'enforcement-pending': ['conflict', 'En ansökan hos Kronofogden väntar redan på utfall.'],
    'nothing-enforceable': ['conflict', 'Inget av domen återstår att driva in.'],
    'above-enforceable': ['rule', 'Beloppet är högre än det som återstår av domen.'],
    'judgment-debt-time-barred': [
      'rule',
      'Fordringen enligt domen är preskriberad och kan inte längre drivas in (preskriptionslagen 1981:130, 8 §).',
    ],
  },
  requires: whenOpen(someJudgment(enforceable)),
  decide: (d, c, { today }) => {
    const debt = requireJudgment(c, requireClaim(c, d.claimId));
    const refusal = enforceable(debt);
    if (refusal) throw refusal;
    // The date and the amount: both rules in one answer. The limitation is asked of the date only once the date
    // itself is right (the one field is named once).
    checkAll(
      () => {
        checkDate(c, 'appliedOn', d.appliedOn, today, [[debt.legalForceOn, 'the day the judgment gained legal force']]);
        if (timeBarredOn(debt, d.appliedOn))
          throw rule(
            'judgment-debt-time-barred',
            `The judgment debt was time-barred after ${debt.limitation!.lastDay}`,
            'appliedOn',
            { lastDay: debt.limitation!.lastDay },
          );
      },
      () => {
        if (d.amountOre > debt.enforceableOre)
          throw rule(
            'above-enforceable',
            `${kr(d.amountOre)} is above the ${kr(debt.enforceableOre)} left of the judgment`,
            'amount',
            { enforceableAmount: debt.enforceableOre / 100 },
          );
      },
    );
    return [
      EnforcementApplied.of({
        claimId: debt.claimId,
        appliedOn: d.appliedOn,
        amountOre: d.amountOre,
        ...given('caseReference', d.caseReference),
      }),
    ];
  },
});
