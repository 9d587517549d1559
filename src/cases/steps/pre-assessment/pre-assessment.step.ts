import { localDate, nullable, object, oneOf, type Infer } from '../../../kernel/shape';
import { checkAll, conflict, invalid, rule } from '../../domain/case-errors';
import { CAUSES, DECISIONS, NO_INVESTIGATION_REASON_LABELS } from '../../domain/catalogues';
import { checkDate, pastLimitNote, pastLimitShape, whenOpen } from '../../domain/rules';
import { caseEvent, choiceField, dateField, defineStep, optional } from '../../domain/step';
import {
  DECISION_MAKER_FIELD,
  DECISION_MAKER_REFUSALS,
  DECISION_MAKER_REQUEST,
  decidedUnderDelegation,
  decisionMakerOf,
  prepareDecisionMaker,
} from '../../domain/decision-maker';
import { suitDeadline } from '../../domain/three-year-limit';
import { amount, coded } from '../../domain/details';
import { decisionMakerDetails } from '../../domain/decision-maker';

/**
 * Förhandsbedömning: open an investigation (11 kap. 1 § SoL 2001:453, 14 kap.
 * 2 § SoL 2025:400) or not, with the reason when not.
 */
const preAssessmentMadeShape = object({
  decidedOn: localDate,
  decision: oneOf(DECISIONS),
  reason: nullable(oneOf(NO_INVESTIGATION_REASON_LABELS)),
  suspectedCause: nullable(oneOf(CAUSES)),
  paymentsPastLimit: pastLimitShape,
  /** Who decided not to open an investigation (a decision to open one is recorded without). */
  ...DECISION_MAKER_FIELD,
});

/** What a PreAssessmentMade event holds. */
export type PreAssessmentMadeData = Infer<typeof preAssessmentMadeShape>;

export const PreAssessmentMade = caseEvent('PreAssessmentMade', {
  shape: preAssessmentMadeShape,
  label: 'Förhandsbedömning',
  on: (d) => d.decidedOn,
  details: (d) => [
    coded('Beslut', DECISIONS, d.decision),
    coded('Skäl att inte inleda utredning', NO_INVESTIGATION_REASON_LABELS, d.reason),
    coded('Misstänkt orsak', CAUSES, d.suspectedCause),
    amount('Förbi treårsgränsen vid beslutet', d.paymentsPastLimit?.expiredAmountOre),
    ...decisionMakerDetails(d.decisionMaker),
  ],
  evolve: (c, d) => ({ ...c, assessment: { ...d } }),
  statistics: {
    reads: ['decidedOn', 'decision', 'suspectedCause', 'reason'],
    facts: (d) =>
      d.decision === 'open-investigation' ? [['opened', 0, d.suspectedCause]] : [['not-opened', 0, d.reason]],
  },
});

/** The decision-maker's fields, shown while the decision is not to open an investigation. */
function onlyWhenNotOpened<F extends Record<string, object>>(fields: F): F {
  return Object.fromEntries(
    Object.entries(fields).map(([name, f]) => [
      name,
      { ...f, showIf: { field: 'decision', values: ['no-investigation'] } },
    ]),
  ) as F;
}

export const preAssessment = defineStep({
  id: 'pre-assessment',
  command: 'MakePreAssessment',
  auditLabel: 'Förhandsbedömning',
  actors: 'case-handlers',
  http: {
    route: 'assessment',
    summary: 'Record the pre-assessment: open an investigation or not.',
    title: 'Förhandsbedömning',
    submit: 'Spara förhandsbedömning',
    request: {
      decidedOn: dateField('Beslutsdatum'),
      decision: choiceField(DECISIONS, 'Beslut'),
      reason: optional(
        choiceField(NO_INVESTIGATION_REASON_LABELS, 'Skäl att inte inleda utredning', {
          doc: 'Why no investigation is opened; required with decision no-investigation.',
          showIf: { field: 'decision', values: ['no-investigation'] },
          requiredWhenShown: true,
        }),
      ),
      suspectedCause: optional(
        choiceField(CAUSES, 'Misstänkt orsak', { showIf: { field: 'decision', values: ['open-investigation'] } }),
      ),
      // Asked only for the decision not to investigate: the one that is reported to the nämnd.
      ...onlyWhenNotOpened(DECISION_MAKER_REQUEST),
    },
    toCommand: (b, context) => ({
      decidedOn: b.decidedOn,
      decision: b.decision,
      reason: b.reason ?? null,
      suspectedCause: b.suspectedCause ?? null,
      ...(b.decision === 'no-investigation' ? decisionMakerOf(b, context) : {}),
    }),
  },
  prepare: prepareDecisionMaker,
  refusals: {
    'already-assessed': ['conflict', 'Förhandsbedömningen är redan gjord.'],
    'time-limit-not-passed': ['rule', 'Treårsgränsen har inte passerats för alla utbetalningar.'],
    ...DECISION_MAKER_REFUSALS,
  },
  requires: whenOpen((c) =>
    c.assessment ? conflict('already-assessed', 'The case has already been pre-assessed') : null,
  ),
  decide: (d, c, { today }) => {
    // The date, the reason and who decided: every rule they break in one answer. A malformed reason is
    // refused as it comes, unless the date already answers.
    let dateValid = false;
    let decidedBy: ReturnType<typeof decidedUnderDelegation> = {};
    checkAll(
      () => {
        checkDate(c, 'decidedOn', d.decidedOn, today);
        dateValid = true;
      },
      () => {
        if (d.decision === 'no-investigation') {
          if (!d.reason) throw invalid('reason', 'reason is required when no investigation is opened');
        } else if (d.reason) {
          throw invalid('reason', 'reason applies only when no investigation is opened');
        }
      },
      () => {
        // Held to the decision date: a payment within the limit on a date in the future is within it on every
        // earlier day, so the refusal holds for whichever date is right. A date before the case was received says
        // nothing of the right one (a later day may be past the limit): the rule waits for a valid date.
        if (d.decision !== 'no-investigation' || d.reason !== 'time-limit') return;
        if (!dateValid && d.decidedOn <= today) return;
        const live = c.suspectedPayments.filter((p) => suitDeadline(p.paidOn) >= d.decidedOn);
        if (live.length > 0) {
          throw rule(
            'time-limit-not-passed',
            `${live.length} suspected payment(s) are still within the three-year limit on ${d.decidedOn}`,
            'reason',
            { deadlines: live.map((p) => ({ paidOn: p.paidOn, deadline: suitDeadline(p.paidOn) })) },
          );
        }
      },
      // The delegation point is the one in force on the decision date: it is checked only on a valid date.
      () => {
        if (dateValid && d.decision === 'no-investigation')
          decidedBy = decidedUnderDelegation('no-investigation', d, c, d.decidedOn);
      },
    );
    const note = d.decision === 'open-investigation' ? pastLimitNote(c.suspectedPayments, d.decidedOn) : {};
    const { decidedOn, decision, reason, suspectedCause } = d;
    return [PreAssessmentMade.of({ decidedOn, decision, reason, suspectedCause, ...note, ...decidedBy })];
  },
});
