import { localDate, nullable, object, oneOf, personalText, type Infer } from '../../../kernel/shape';
import { conflict } from '../../domain/case-errors';
import { VOID_REASON_LABELS } from '../../domain/catalogues';
import { caseEvent, choiceField, defineStep, optional, textField } from '../../domain/step';
import { coded } from '../../domain/details';

/** A registration made by mistake is voided (makulerad): it then counts in no statistic. */
const caseVoidedShape = object({
  voidedOn: localDate,
  reason: oneOf(VOID_REASON_LABELS),
  note: nullable(personalText()),
});

/** What a CaseVoided event holds. */
export type CaseVoidedData = Infer<typeof caseVoidedShape>;

export const CaseVoided = caseEvent('CaseVoided', {
  shape: caseVoidedShape,
  label: 'Makulerat',
  on: (d) => d.voidedOn,
  details: (d) => [coded('Skäl', VOID_REASON_LABELS, d.reason)],
  movesLastStep: false,
  evolve: (c, d) => ({ ...c, voided: { ...d } }),
  statistics: { reads: ['voidedOn', 'reason'], facts: (d) => [['voided', 0, d.reason]] },
});

export const voiding = defineStep({
  id: 'void',
  command: 'VoidCase',
  auditLabel: 'Makulerade ärendet',
  actors: 'case-handlers',
  http: {
    route: 'void',
    summary: 'Void a registration made by mistake (makulera).',
    title: 'Makulera registreringen',
    submit: 'Makulera',
    irreversible:
      'Ärendet makuleras som felregistrerat eller dubblett: det räknas inte i någon statistik och tar inte emot fler steg. Det går inte att ångra.',
    request: {
      reason: choiceField(VOID_REASON_LABELS, 'Skäl'),
      note: optional(textField('Kommentar', { max: 1000, multiline: true })),
    },
    toCommand: (b) => ({ reason: b.reason, note: b.note ?? null }),
  },
  refusals: {},
  requires: (state) => {
    if (!state.exists) return conflict('case-not-registered', 'The case has not been registered');
    if (state.voided) return conflict('case-voided', 'The case is already voided');
    return null;
  },
  decide: (d, _c, { today }) => [CaseVoided.of({ voidedOn: today, reason: d.reason, note: d.note })],
});
