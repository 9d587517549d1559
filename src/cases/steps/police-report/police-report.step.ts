import { code, list, localDate, nullable, object, oneOf, personalText, type Infer } from '../../../kernel/shape';
import { checkAll, conflict, invalid, rule } from '../../domain/case-errors';
import { type Payment, paymentShape } from '../../domain/case-shapes';
import { type OpenCase, type PoliceReport, knownPayments } from '../../domain/case-state';
import { OFFENCE_LABELS, POLICE_REPORT_RECIPIENTS } from '../../domain/catalogues';
import { checkDate, registeredCase } from '../../domain/rules';
import {
  caseEvent,
  choiceField,
  dateField,
  defineStep,
  given,
  optional,
  positionsField,
  textField,
} from '../../domain/step';
import {
  DECISION_MAKER_FIELD,
  DECISION_MAKER_REFUSALS,
  DECISION_MAKER_REQUEST,
  decidedUnderDelegation,
  decisionMakerOf,
  prepareDecisionMaker,
} from '../../domain/decision-maker';
import { amount, coded, count, report, sumOre } from '../../domain/details';
import { decisionMakerDetails } from '../../domain/decision-maker';

/**
 * Polisanmälan of a suspected benefit offence. The duty to report arises on
 * suspicion (6 § bidragsbrottslagen 2007:612: "finns anledning att anta"),
 * whatever becomes of the claim, so a report can be filed from the day the
 * information is registered, with or without an investigation, and also on a
 * closed case: the duty does not end with the FUT case. Secrecy does not
 * stand in the way (OSL 2009:400, 10 kap. 28 §). A case may hold several
 * reports (to Polismyndigheten or Åklagarmyndigheten, a supplement later),
 * each with the acts it concerns and the unit's own assessment of the grade;
 * the prosecutor or the court decides the grade later (the outcomes).
 */
const policeReportFiledShape = object({
  /** The report's number within the case ('1', '2', ...). */
  reportId: code(),
  filedOn: localDate,
  /** The unit's own assessment of the grade when it filed. */
  offence: oneOf(OFFENCE_LABELS),
  recipient: oneOf(POLICE_REPORT_RECIPIENTS),
  /**
   * The authority's reference (K-nummer, diarienummer), when known. Personal data:
   * it leads to the police's records of the person, so it is culled with the case.
   */
  reference: nullable(personalText()),
  /**
   * The acts the report concerns: each payment obtained is an act. Null only on
   * reports filed before acts were named: they concern the case's known payments.
   */
  acts: nullable(list(paymentShape, { max: 500 })),
  /** Who decided to report, and under which delegation point (kommunallagen 6 kap. 37-40 §§, 7 kap. 5 §). */
  ...DECISION_MAKER_FIELD,
});

/** What a PoliceReportFiled event holds. */
export type PoliceReportFiledData = Infer<typeof policeReportFiledShape>;

export const PoliceReportFiled = caseEvent('PoliceReportFiled', {
  shape: policeReportFiledShape,
  // v1 held one report per case, with its date and offence: report 1, to the police, on the case's known payments.
  upcasts: [
    (d) => ({
      reportId: '1',
      recipient: 'police',
      reference: null,
      acts: null,
      ...d,
      offence: d.offence ?? 'benefit-offence',
    }),
  ],
  label: 'Polisanmälan',
  on: (d) => d.filedOn,
  details: (d) => [
    report(d.reportId),
    coded('Anmälan till', POLICE_REPORT_RECIPIENTS, d.recipient),
    coded('Misstänkt brott (enhetens bedömning)', OFFENCE_LABELS, d.offence),
    count('Gärningar', d.acts?.length),
    amount('Anmält belopp', d.acts ? sumOre(d.acts) : null),
    ...decisionMakerDetails(d.decisionMaker),
  ],
  evolve: (c, d) => ({ ...c, policeReports: [...c.policeReports, { ...d, outcomes: [] }] }),
  // Each report counts once: the yearly report counts polisanmälningar, so a case reported twice counts twice.
  statistics: { reads: ['filedOn'], facts: () => [['police', 0, null]] },
});

/** The refusals of the steps that concern one of the case's police reports. */
export const REPORT_REFUSALS = {
  'no-police-report': ['conflict', 'Ingen polisanmälan är gjord i ärendet.'],
  'report-required': ['rule', 'Ärendet har flera polisanmälningar: välj vilken steget gäller.'],
  'unknown-report': ['rule', 'Polisanmälan finns inte i ärendet.'],
} as const;

/** A step on a police report needs one: on an open or a closed case (the police answer after a case is closed too). */
export const hasPoliceReport = (state: Parameters<typeof registeredCase>[0]) =>
  registeredCase(state) ??
  (state.exists && state.policeReports.length === 0
    ? conflict('no-police-report', 'No police report has been filed in this case')
    : null);

/** The report a step concerns: the one named, or the case's only report. */
export function requireReport(c: OpenCase, reportId: string | undefined): PoliceReport {
  const ids = c.policeReports.map((r) => r.reportId);
  if (reportId === undefined) {
    if (c.policeReports.length > 1)
      throw rule('report-required', `The case has ${ids.length} police reports: name one with reportId`, 'reportId', {
        reportIds: ids,
      });
    return c.policeReports[0];
  }
  const report = c.policeReports.find((r) => r.reportId === reportId);
  if (!report)
    throw rule('unknown-report', `The case has no police report ${reportId}`, 'reportId', { reportIds: ids });
  return report;
}

export const policeReport = defineStep({
  id: 'police-report',
  command: 'FilePoliceReport',
  auditLabel: 'Polisanmälan',
  actors: 'case-handlers',
  http: {
    route: 'police-reports',
    summary: 'Record a police report (polisanmälan), from registration onward and also on a closed case.',
    title: 'Polisanmälan',
    submit: 'Registrera polisanmälan',
    request: {
      filedOn: dateField('Anmält datum'),
      recipient: optional(
        choiceField(POLICE_REPORT_RECIPIENTS, 'Anmälan till', {
          initial: () => 'police',
          doc: 'Polismyndigheten or Åklagarmyndigheten (6 § bidragsbrottslagen); police when left out.',
        }),
      ),
      offence: optional(
        choiceField(OFFENCE_LABELS, 'Misstänkt brott (enhetens bedömning)', {
          initial: () => 'benefit-offence',
          doc: "The unit's own assessment of the grade (bidragsbrottslagen 2007:612); bidragsbrott when left out. The prosecutor or the court decides it later (police-report-outcomes).",
        }),
      ),
      reference: optional(
        textField('Diarienummer (K-nummer)', {
          max: 60,
          multiline: false,
          hint: 'Kan lämnas tomt och registreras senare',
          doc: "The authority's reference (K-nummer or diarienummer), when known; it can be added later (police-report-references).",
        }),
      ),
      payments: optional(
        positionsField('Utbetalningar', {
          max: 500,
          hidden: true,
          doc: "Positions (0-based) of the acts reported among the case's known payments: the suspected payments before an investigation result, the investigation's incorrect payments after. All of them when left out.",
        }),
      ),
      ...DECISION_MAKER_REQUEST,
    },
    toCommand: (b, context) => ({
      filedOn: b.filedOn,
      ...given('offence', b.offence),
      ...given('recipient', b.recipient),
      ...given('reference', b.reference),
      ...given('payments', b.payments),
      ...decisionMakerOf(b, context),
    }),
  },
  prepare: prepareDecisionMaker,
  refusals: { 'unknown-act': ['rule', 'Ärendet har ingen sådan utbetalning.'], ...DECISION_MAKER_REFUSALS },
  // Suspicion is enough: no investigation needed, and a closed case still takes a report.
  requires: registeredCase,
  decide: (d, c, { today }) => {
    // The date, each payment named and who decided: every rule they break in one answer.
    let acts: Payment[] = [];
    let dateValid = false;
    let decisionMaker: ReturnType<typeof decidedUnderDelegation> = {};
    checkAll(
      () => {
        checkDate(c, 'filedOn', d.filedOn, today);
        dateValid = true;
      },
      () => {
        acts = actsReported(c, d.payments);
      },
      // The delegation point is the one in force on the day of the report: it is checked only on a valid date.
      () => {
        if (dateValid) decisionMaker = decidedUnderDelegation('police-report', d, c, d.filedOn);
      },
    );
    const reference = d.reference?.trim() || null;
    return [
      PoliceReportFiled.of({
        reportId: String(c.policeReports.length + 1),
        filedOn: d.filedOn,
        offence: d.offence ?? 'benefit-offence',
        recipient: d.recipient ?? 'police',
        reference,
        acts,
        ...decisionMaker,
      }),
    ];
  },
});

/** The acts a report concerns: the named known payments, or all of them. */
function actsReported(c: OpenCase, named: number[] | undefined): Payment[] {
  const known = knownPayments(c).map((p) => ({ paidOn: p.paidOn, amountOre: p.amountOre }));
  if (named === undefined) return known;
  checkAll(
    ...named.map((i, k) => () => {
      if (!Number.isInteger(i) || i < 0 || i >= known.length)
        throw rule('unknown-act', `The case has no known payment ${i}`, `payments[${k}]`);
    }),
  );
  if (new Set(named).size !== named.length) throw invalid('payments', 'a payment can be named once');
  return [...named].sort((a, b) => a - b).map((i) => known[i]);
}
