import { code, localDate, nullable, object, oneOf, type Infer } from '../../../kernel/shape';
import { checkAll } from '../../domain/case-errors';
import type { PoliceReport } from '../../domain/case-state';
import { OFFENCE_LABELS, POLICE_REPORT_OUTCOMES } from '../../domain/catalogues';
import { checkDate } from '../../domain/rules';
import { caseEvent, choiceField, dateField, defineStep, given, optional, reportField } from '../../domain/step';
import { REPORT_REFUSALS, hasPoliceReport, requireReport } from '../police-report/police-report.step';
import { coded, report } from '../../domain/details';

/**
 * What became of a police report, as the police, the prosecutor or the court
 * decide it over time (förundersökning inledd / nedlagd, åtal väckt,
 * strafföreläggande, dom, åtal väcks inte), with the grade they gave: the
 * latest grade given decides the acts' limitation (brottsbalken 35 kap. 1 §).
 */
const policeReportOutcomeRecordedShape = object({
  reportId: code(),
  decidedOn: localDate,
  outcome: oneOf(POLICE_REPORT_OUTCOMES),
  /** The grade the prosecutor or the court gave, when the outcome names one. */
  offence: nullable(oneOf(OFFENCE_LABELS)),
});

/** What a PoliceReportOutcomeRecorded event holds. */
export type PoliceReportOutcomeRecordedData = Infer<typeof policeReportOutcomeRecordedShape>;

export const PoliceReportOutcomeRecorded = caseEvent('PoliceReportOutcomeRecorded', {
  shape: policeReportOutcomeRecordedShape,
  // v1 was about the case's one report, and gave no grade.
  upcasts: [(d) => ({ reportId: '1', offence: null, ...d })],
  label: 'Besked om polisanmälan',
  on: (d) => d.decidedOn,
  details: (d) => [
    report(d.reportId),
    coded('Besked', POLICE_REPORT_OUTCOMES, d.outcome),
    coded('Brottsrubricering', OFFENCE_LABELS, d.offence),
  ],
  evolve: (c, d) => ({
    ...c,
    policeReports: c.policeReports.map((r) =>
      r.reportId === d.reportId ? { ...r, outcomes: [...r.outcomes, { ...d }] } : r,
    ),
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
    summary: 'What became of a police report: förundersökning, åtal, strafföreläggande, dom, with the grade given.',
    title: 'Besked om polisanmälan',
    submit: 'Registrera beskedet',
    request: {
      reportId: reportField(),
      decidedOn: dateField('Beskedets datum'),
      outcome: choiceField(POLICE_REPORT_OUTCOMES, 'Besked'),
      offence: optional(
        choiceField(OFFENCE_LABELS, 'Brottsrubricering enligt beskedet', {
          hint: 'Den rubricering åklagaren eller domstolen gav, om beskedet anger en',
          doc: 'The grade the prosecutor or the court gave (it decides the limitation from now on); left out when the outcome gives none.',
        }),
      ),
    },
    toCommand: (b) => ({
      ...given('reportId', b.reportId),
      decidedOn: b.decidedOn,
      outcome: b.outcome,
      ...given('offence', b.offence),
    }),
  },
  refusals: REPORT_REFUSALS,
  // The answer often comes after the case is closed: it is recorded then too.
  requires: hasPoliceReport,
  decide: (d, c, { today }) => {
    // The report named and the date: both rules in one answer.
    let report = undefined as PoliceReport | undefined;
    checkAll(
      () => {
        report = requireReport(c, d.reportId);
      },
      // An unknown report has no filing or outcome to hold the date to: the date's own rules still hold.
      () => {
        const last = report?.outcomes[report.outcomes.length - 1];
        checkDate(c, 'decidedOn', d.decidedOn, today, [
          [report?.filedOn, 'the police report'],
          [last?.decidedOn, 'the previous outcome'],
        ]);
      },
    );
    return [
      PoliceReportOutcomeRecorded.of({
        reportId: report!.reportId,
        decidedOn: d.decidedOn,
        outcome: d.outcome,
        offence: d.offence ?? null,
      }),
    ];
  },
});
