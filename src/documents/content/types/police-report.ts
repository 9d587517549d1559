import { AUTHORITIES, OFFENCES, POLICE_REPORT_RECIPIENTS, SOURCES } from '../../../cases/domain/catalogues';
import { NO_CALCULATION, type IncorrectPayment } from '../../../cases/domain/case-shapes';
import { type PoliceReport, reportLimitation } from '../../../cases/domain/case-state';
import { DOCUMENT_TYPES } from '../../../cases/steps/document/document.step';
import type { DocumentContent } from '../document-content';
import { POLICE_REPORT_DUTY, claimParagraph, lawByGrantDate, presumedBasis } from '../legal-texts';
import {
  type DocumentInput,
  calculationBlock,
  calculationRows,
  caseFacts,
  commonFields,
  decisionSignature,
  findingText,
  kr,
  lawsOf,
  metaOf,
  namndOf,
  periodOf,
  personFacts,
  personName,
  reasonBlocks,
  sumOre,
} from '../parts';

/**
 * The acts a report concerns (each payment obtained is an act), as the
 * investigation's calculation has them where it has them: a report filed on
 * suspicion, before the investigation, names the suspected payments alone.
 */
function actsOf(input: DocumentInput, report: PoliceReport): IncorrectPayment[] {
  const { c } = input;
  const calculated = c.investigation?.incorrectPayments ?? [];
  const known = report.acts ?? (c.investigation ? calculated : c.suspectedPayments);
  return known
    .map(
      (act) =>
        calculated.find((p) => p.paidOn === act.paidOn && p.amountOre === act.amountOre) ?? {
          ...NO_CALCULATION,
          paidOn: act.paidOn,
          amountOre: act.amountOre,
          // The grant date of a suspected payment is not known: its law is read from the day it was paid.
          grantedOn: act.paidOn,
        },
    )
    .sort((a, b) => (a.month ?? a.paidOn).localeCompare(b.month ?? b.paidOn) || a.paidOn.localeCompare(b.paidOn));
}

/**
 * Polisanmälan of a suspected benefit offence (6 § bidragsbrottslagen
 * 2007:612), one for each report the case records (`concerning`: its
 * reportId): addressed to the authority the report went to (Polismyndigheten
 * or Åklagarmyndigheten) with its reference once known; the person, the
 * period and the acts the report names, how it came to the nämnd's
 * knowledge, the unit's own assessment of the grade (the prosecutor decides
 * whether an offence was committed and its grade), when the acts become
 * time-barred by that grade, and whom to contact, signed by whoever decided
 * to report. A later report says which earlier ones it follows.
 */
export function policeReport(input: DocumentInput): DocumentContent<'police-report'> {
  const { c } = input;
  const report =
    c.policeReports.find((r) => r.reportId === input.concerning) ?? c.policeReports[c.policeReports.length - 1];
  const payments = actsOf(input, report);
  const total = sumOre(payments);
  const dated = report.filedOn;
  const police = POLICE_REPORT_RECIPIENTS[report.recipient];
  const offence = OFFENCES[report.offence].label;
  const namnd = namndOf(input.districtName);
  const claims = c.claims.map(
    (claim) =>
      `Beslut om återkrav den ${claim.decidedOn}: ${kr(claim.amountOre)} (${claimParagraph(claim.legalBasis)}).`,
  );
  const paragraphs =
    c.claims.length > 0
      ? [...new Set(c.claims.map((claim) => claimParagraph(claim.legalBasis)))]
      : lawsOf(payments).map((law) => claimParagraph(presumedBasis(law)));
  const from = [
    SOURCES[c.source],
    ...(c.notifyingAuthority ? [AUTHORITIES[c.notifyingAuthority]] : []),
    ...(c.reportedBy ? [c.reportedBy] : []),
  ].join(', ');
  const discovered = `Uppgifterna kom in till nämnden den ${c.receivedOn} från: ${from}.`;
  const limitation = reportLimitation(c, report);
  const earlier = c.policeReports.filter((r) => r.reportId !== report.reportId && r.filedOn <= report.filedOn);
  const title = `Polisanmälan – misstänkt ${offence.toLowerCase()}`;
  const recipient = [police];
  const period = periodOf(payments);
  const assessment = c.investigation
    ? `Nämnden bedömer att ${personName(c)} under ${period} har fått ekonomiskt bistånd med ${kr(total)} som hen inte hade rätt till.`
    : `Nämnden misstänker att ${personName(c)} under ${period} har fått ekonomiskt bistånd med ${kr(total)} som hen inte hade rätt till. Nämndens utredning pågår; anmälan görs redan nu eftersom skyldigheten att anmäla gäller vid misstanke.`;
  return {
    type: 'police-report',
    title,
    dated,
    recipient,
    meta: [
      ...metaOf(c, dated),
      ...(report.reference ? ([['Er referens', report.reference]] as Array<[string, string]>) : []),
    ],
    blocks: [
      {
        kind: 'paragraph',
        text: `${namnd} anmäler misstanke om ${offence.toLowerCase()} enligt bidragsbrottslagen (2007:612).`,
      },
      ...earlier.map((r) => ({
        kind: 'paragraph' as const,
        text:
          `Anmälan kompletterar nämndens polisanmälan den ${r.filedOn} till ${POLICE_REPORT_RECIPIENTS[r.recipient]}` +
          `${r.reference ? ` (er referens ${r.reference})` : ''}.`,
      })),
      { kind: 'paragraph', text: POLICE_REPORT_DUTY },
      { kind: 'heading', text: 'Den som anmälan gäller' },
      { kind: 'facts', rows: personFacts(c) },
      { kind: 'heading', text: 'Anmälan' },
      {
        kind: 'facts',
        rows: [
          ['Misstänkt brott (nämndens bedömning)', offence],
          ['Tidsperiod', period],
          ['Felaktigt utbetalt ekonomiskt bistånd', kr(total)],
          ...caseFacts(c),
          ...(report.reference ? ([['Er referens', report.reference]] as Array<[string, string]>) : []),
        ],
      },
      { kind: 'heading', text: 'Utbetalningarna' },
      calculationBlock(payments),
      ...reasonBlocks(payments),
      { kind: 'heading', text: 'Hur det upptäcktes' },
      { kind: 'paragraph', text: discovered },
      { kind: 'heading', text: 'Nämndens bedömning' },
      ...(c.investigation ? [{ kind: 'paragraph' as const, text: findingText(c) }] : []),
      {
        kind: 'paragraph',
        text: `${assessment} Det är åklagaren som bedömer om brott har begåtts och hur det ska rubriceras.`,
      },
      ...claims.map((text) => ({ kind: 'paragraph' as const, text })),
      ...lawsOf(payments).map((law) => ({ kind: 'paragraph' as const, text: lawByGrantDate(law) })),
      ...(limitation
        ? [
            {
              kind: 'paragraph' as const,
              text: `Varje utbetalning är en gärning. Med nämndens bedömning av brottet preskriberas den första den ${limitation.firstOn}, den sista den ${limitation.lastOn} (35 kap. brottsbalken).`,
            },
          ]
        : []),
      { kind: 'heading', text: 'Handlingar' },
      {
        kind: 'list',
        items: [
          c.investigation ? `Utredning, avslutad ${c.investigation.completedOn}` : 'Utredningen pågår',
          ...c.claims.map((claim) => `Beslut om återkrav den ${claim.decidedOn}`),
          ...c.documents
            .filter((d) => d.documentType !== 'police-report')
            .map((d) => `${DOCUMENT_TYPES[d.documentType]}, utfärdat ${d.issuedOn}`)
            .filter((line, i, all) => all.indexOf(line) === i),
        ],
      },
      { kind: 'heading', text: 'Kontakt' },
      {
        kind: 'paragraph',
        text: `Kontaktperson: ${input.issuedBy}, ${namnd}, enheten mot felaktiga utbetalningar. Ange ärendenummer ${c.caseNumber}.`,
      },
      // Signed by whoever decided to report (issue 20 records it on the report).
      decisionSignature(report.decisionMaker, input, `För ${namnd}`),
    ],
    fields: {
      ...commonFields(input, 'police-report', title, dated, recipient, paragraphs.join(', '), total),
      brott: offence,
      period,
      polis: police,
      polisensDiarienummer: report.reference ?? '–',
      upptackt: discovered,
    },
    calculation: calculationRows(payments),
    schedule: [],
  };
}
