import { code, localDate, object, oneOf, type Infer } from '../../../kernel/shape';
import { conflict, rule } from '../../domain/case-errors';
import {
  LIMITATION_INTERRUPTIONS,
  type JudgmentDebt,
  requireJudgment,
  someJudgment,
  timeBarredOn,
} from '../../domain/judgment-debt';
import { checkDate, requireClaim, whenOpen } from '../../domain/rules';
import { caseEvent, choiceField, claimField, dateField, defineStep, given } from '../../domain/step';
import { claim, coded } from '../../domain/details';

/**
 * Preskriptionsavbrott of the judgment debt: the person acknowledged the debt
 * or promised to pay (preskriptionslagen 1981:130, 5 § 1), or the nämnd sent a
 * written demand or reminder (5 § 2). A new ten-year period runs from that
 * day (6 §). Payments, repayment plans and applications to Kronofogden
 * interrupt it too, and are recorded by their own steps.
 */
const judgmentDebtInterruptedShape = object({
  claimId: code(),
  interruptedOn: localDate,
  kind: oneOf(LIMITATION_INTERRUPTIONS),
});

/** What a JudgmentDebtInterrupted event holds. */
export type JudgmentDebtInterruptedData = Infer<typeof judgmentDebtInterruptedShape>;

export const JudgmentDebtInterrupted = caseEvent('JudgmentDebtInterrupted', {
  shape: judgmentDebtInterruptedShape,
  label: 'Preskriptionsavbrott för dom i ersättningsmål',
  on: (d) => d.interruptedOn,
  details: (d) => [claim(d.claimId), coded('Vad som bröt preskriptionen', LIMITATION_INTERRUPTIONS, d.kind)],
  evolve: (c, d) => ({
    ...c,
    afterJudgment: { ...c.afterJudgment, interruptions: [...c.afterJudgment.interruptions, { ...d }] },
  }),
  statistics: { reads: ['interruptedOn'], facts: () => [] },
});

const aDebt = (debt: JudgmentDebt) =>
  debt.remainingOre > 0 ? null : conflict('nothing-enforceable', 'Nothing of the judgment remains to be collected');

export const judgmentDebtInterruption = defineStep({
  id: 'judgment-debt-interruption',
  command: 'InterruptJudgmentDebtLimitation',
  auditLabel: 'Preskriptionsavbrott',
  actors: 'case-handlers',
  http: {
    route: 'judgment-debt-interruptions',
    summary:
      "Record what interrupts the judgment debt's ten-year limitation: the person's acknowledgment or a written demand (preskriptionslagen 5 §).",
    title: 'Preskriptionsavbrott',
    submit: 'Registrera preskriptionsavbrottet',
    request: {
      claimId: claimField(),
      interruptedOn: dateField('Datum'),
      kind: choiceField(LIMITATION_INTERRUPTIONS, 'Vad som bröt preskriptionen'),
    },
    toCommand: (b) => ({ ...given('claimId', b.claimId), interruptedOn: b.interruptedOn, kind: b.kind }),
  },
  refusals: {
    'no-judgment': ['conflict', 'Ingen dom i ersättningsmål är registrerad för återkravet.'],
    'nothing-enforceable': ['conflict', 'Inget av domen återstår att driva in.'],
    'judgment-debt-time-barred': [
      'rule',
      'Fordringen enligt domen är preskriberad och kan inte längre drivas in (preskriptionslagen 1981:130, 8 §).',
    ],
  },
  requires: whenOpen(someJudgment(aDebt)),
  decide: (d, c, { today }) => {
    const debt = requireJudgment(c, requireClaim(c, d.claimId));
    const refusal = aDebt(debt);
    if (refusal) throw refusal;
    checkDate(c, 'interruptedOn', d.interruptedOn, today, [[debt.judgment.decidedOn, 'the judgment']]);
    // Once time-barred, nothing revives the debt (8 §).
    if (timeBarredOn(debt, d.interruptedOn))
      throw rule(
        'judgment-debt-time-barred',
        `The judgment debt was time-barred after ${debt.limitation!.lastDay}`,
        'interruptedOn',
        { lastDay: debt.limitation!.lastDay },
      );
    return [JudgmentDebtInterrupted.of({ claimId: debt.claimId, interruptedOn: d.interruptedOn, kind: d.kind })];
  },
});
