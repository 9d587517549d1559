import { localDate, object, oneOf, type Infer } from '../../../kernel/shape';
import { conflict } from '../../domain/case-errors';
import { OFFENCE_LABELS } from '../../domain/catalogues';
import { checkDate, investigationOpened, whenOpen } from '../../domain/rules';
import { caseEvent, choiceField, dateField, defineStep, optional, given } from '../../domain/step';

/** Polisanmälan of a suspected benefit offence (6 § bidragsbrottslagen 2007:612). */
const policeReportFiledShape = object({ filedOn: localDate, offence: oneOf(OFFENCE_LABELS) });

/** What a PoliceReportFiled event holds. */
export type PoliceReportFiledData = Infer<typeof policeReportFiledShape>;

export const PoliceReportFiled = caseEvent('PoliceReportFiled', {
  shape: policeReportFiledShape,
  label: 'Polisanmälan',
  on: (d) => d.filedOn,
  evolve: (c, d) => ({ ...c, policeReport: { ...d, outcomes: [] } }),
  statistics: { reads: ['filedOn'], facts: () => [['police', 0, null]] },
});

export const policeReport = defineStep({
  id: 'police-report',
  command: 'FilePoliceReport',
  auditLabel: 'Polisanmälan',
  actors: 'case-handlers',
  http: {
    route: 'police-reports',
    summary: 'Record a police report (polisanmälan).',
    title: 'Polisanmälan',
    submit: 'Registrera polisanmälan',
    request: {
      filedOn: dateField('Anmält datum'),
      offence: optional(
        choiceField(OFFENCE_LABELS, 'Misstänkt brott', {
          initial: () => 'benefit-offence',
          doc: 'The suspected offence (bidragsbrottslagen 2007:612); bidragsbrott when left out.',
        }),
      ),
    },
    toCommand: (b) => ({ filedOn: b.filedOn, ...given('offence', b.offence) }),
  },
  refusals: { 'police-report-exists': ['conflict', 'Polisanmälan är redan gjord.'] },
  requires: whenOpen(
    (c) =>
      investigationOpened(c, 'A police report needs an opened investigation') ??
      (c.policeReport ? conflict('police-report-exists', 'A police report has already been filed') : null),
  ),
  decide: (d, c, { today }) => {
    checkDate(c, 'filedOn', d.filedOn, today, [[c.assessment!.decidedOn, 'the pre-assessment']]);
    return [PoliceReportFiled.of({ filedOn: d.filedOn, offence: d.offence ?? 'benefit-offence' })];
  },
});
