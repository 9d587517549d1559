import { localDate, object, oneOf, type Infer } from '../../../kernel/shape';
import { conflict } from '../../domain/case-errors';
import { POLICE_REPORT_OUTCOMES } from '../../domain/catalogues';
import { checkDate, whenOpen } from '../../domain/rules';
import { caseEvent, choiceField, dateField, defineStep } from '../../domain/step';

/** What became of the police report, as the police or the prosecutor decide it later. */
const policeReportOutcomeRecordedShape = object({ decidedOn: localDate, outcome: oneOf(POLICE_REPORT_OUTCOMES) });

/** What a PoliceReportOutcomeRecorded event holds. */
export type PoliceReportOutcomeRecordedData = Infer<typeof policeReportOutcomeRecordedShape>;

export const PoliceReportOutcomeRecorded = caseEvent('PoliceReportOutcomeRecorded', {
  shape: policeReportOutcomeRecordedShape,
  label: 'Besked om polisanmälan',
  on: (d) => d.decidedOn,
  evolve: (c, d) => ({
    ...c,
    policeReport: c.policeReport && { ...c.policeReport, outcomes: [...c.policeReport.outcomes, { ...d }] },
  }),
  statistics: { reads: ['decidedOn', 'outcome'], facts: (d) => [['police-outcome', 0, d.outcome]] },
});

export const policeReportOutcome = defineStep({
  id: 'police-report-outcome',
  command: 'RecordPoliceReportOutcome',
  auditLabel: 'Besked om polisanmälan',
  actors: 'case-handlers',
  http: {
    route: 'police-report-outcomes',
    summary: 'What became of the police report: förundersökning, åtal, dom, strafföreläggande.',
    title: 'Besked om polisanmälan',
    submit: 'Registrera beskedet',
    request: {
      decidedOn: dateField('Beskedets datum'),
      outcome: choiceField(POLICE_REPORT_OUTCOMES, 'Besked'),
    },
    toCommand: (b) => ({ decidedOn: b.decidedOn, outcome: b.outcome }),
  },
  refusals: { 'no-police-report': ['conflict', 'Ingen polisanmälan är gjord i ärendet.'] },
  requires: whenOpen((c) =>
    c.policeReport ? null : conflict('no-police-report', 'No police report has been filed in this case'),
  ),
  decide: (d, c, { today }) => {
    const report = c.policeReport!;
    const last = report.outcomes[report.outcomes.length - 1];
    checkDate(c, 'decidedOn', d.decidedOn, today, [
      [report.filedOn, 'the police report'],
      [last?.decidedOn, 'the previous outcome'],
    ]);
    return [PoliceReportOutcomeRecorded.of({ ...d })];
  },
});
