import { localDate, object, personalText, type Infer } from '../../../kernel/shape';
import { conflict } from '../../domain/case-errors';
import { checkDate, registeredCase } from '../../domain/rules';
import { caseEvent, dateField, defineStep, textField } from '../../domain/step';

/** A closed case opened again, with why. */
const caseReopenedShape = object({ reopenedOn: localDate, reason: personalText() });

/** What a CaseReopened event holds. */
export type CaseReopenedData = Infer<typeof caseReopenedShape>;

export const CaseReopened = caseEvent('CaseReopened', {
  shape: caseReopenedShape,
  label: 'Återöppnat',
  on: (d) => d.reopenedOn,
  details: () => [],
  evolve: (c, d) => ({ ...c, closure: null, reopenings: [...c.reopenings, { ...d }] }),
  statistics: { reads: ['reopenedOn'], facts: () => [['reopened', 0, null]] },
});

export const reopening = defineStep({
  id: 'reopening',
  command: 'ReopenCase',
  auditLabel: 'Återöppnade ärendet',
  actors: 'case-handlers',
  http: {
    route: 'reopening',
    summary: 'Reopen a closed case.',
    title: 'Återöppna ärendet',
    submit: 'Återöppna',
    request: { reopenedOn: dateField('Datum'), reason: textField('Skäl', { max: 1000, multiline: true }) },
    toCommand: (b) => ({ reopenedOn: b.reopenedOn, reason: b.reason }),
  },
  refusals: { 'case-not-closed': ['conflict', 'Ärendet är inte avslutat.'] },
  requires: (state) =>
    registeredCase(state) ??
    (state.exists && !state.closure ? conflict('case-not-closed', 'Only a closed case can be reopened') : null),
  decide: (d, c, { today }) => {
    checkDate(c, 'reopenedOn', d.reopenedOn, today, [[c.closure!.closedOn, 'the closing']]);
    return [CaseReopened.of({ ...d })];
  },
});
