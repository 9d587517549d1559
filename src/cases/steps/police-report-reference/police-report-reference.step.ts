import { code, localDate, object, personalText, type Infer } from '../../../kernel/shape';
import { invalid } from '../../domain/case-errors';
import { caseEvent, defineStep, given, reportField, textField } from '../../domain/step';
import { REPORT_REFUSALS, hasPoliceReport, requireReport } from '../police-report/police-report.step';
import { report } from '../../domain/details';

/**
 * The reference the police or the prosecutor gave a report (K-nummer,
 * diarienummer): often known only after filing, so recorded on its own.
 * Personal data, as on the report itself.
 */
const policeReportReferenceRecordedShape = object({
  reportId: code(),
  /** The day it was recorded: the service dates it. */
  recordedOn: localDate,
  reference: personalText(),
});

/** What a PoliceReportReferenceRecorded event holds. */
export type PoliceReportReferenceRecordedData = Infer<typeof policeReportReferenceRecordedShape>;

export const PoliceReportReferenceRecorded = caseEvent('PoliceReportReferenceRecorded', {
  shape: policeReportReferenceRecordedShape,
  label: 'Diarienummer för polisanmälan',
  on: (d) => d.recordedOn,
  details: (d) => [report(d.reportId)],
  // A reference is no step of the process: later steps need not follow it.
  movesLastStep: false,
  evolve: (c, d) => ({
    ...c,
    policeReports: c.policeReports.map((r) => (r.reportId === d.reportId ? { ...r, reference: d.reference } : r)),
  }),
  statistics: { reads: ['recordedOn'], facts: () => [] },
});

export const policeReportReference = defineStep({
  id: 'police-report-reference',
  command: 'RecordPoliceReportReference',
  auditLabel: 'Diarienummer för polisanmälan',
  actors: 'case-handlers',
  http: {
    route: 'police-report-references',
    summary: "Record the police's or the prosecutor's reference (K-nummer, diarienummer) of a police report.",
    title: 'Diarienummer för polisanmälan',
    submit: 'Registrera diarienumret',
    request: {
      reportId: reportField(),
      reference: textField('Diarienummer (K-nummer)', {
        max: 60,
        multiline: false,
        doc: "The authority's reference of the report; replaces one recorded before.",
      }),
    },
    toCommand: (b) => ({ ...given('reportId', b.reportId), reference: b.reference }),
  },
  refusals: REPORT_REFUSALS,
  requires: hasPoliceReport,
  decide: (d, c, { today }) => {
    const report = requireReport(c, d.reportId);
    const reference = d.reference.trim();
    if (!reference) throw invalid('reference', 'reference must not be empty');
    if (reference === report.reference) return [];
    return [PoliceReportReferenceRecorded.of({ reportId: report.reportId, recordedOn: today, reference })];
  },
});
