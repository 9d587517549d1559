import { OFFENCES, SOURCES, AUTHORITIES } from '../../../cases/domain/catalogues';
import { offenceLimitation } from '../../../cases/domain/case-state';
import { DOCUMENT_TYPES } from '../../../cases/steps/document/document.step';
import type { DocumentContent } from '../document-content';
import { policeRecipientOf } from '../i20-adapter';
import { POLICE_REPORT_DUTY, claimParagraph, lawByGrantDate, presumedBasis } from '../legal-texts';
import {
  type DocumentInput,
  calculationBlock,
  calculationRows,
  caseFacts,
  commonFields,
  findingText,
  kr,
  lawsOf,
  metaOf,
  namndOf,
  paymentsOf,
  periodOf,
  personFacts,
  personName,
  reasonBlocks,
  sumOre,
} from '../parts';

/**
 * Polisanmälan of a suspected benefit offence (6 § bidragsbrottslagen
 * 2007:612): the person, the period and the payments, how it came to the
 * nämnd's knowledge, the unit's assessment (the prosecutor decides whether an
 * offence was committed and its grade), and whom to contact.
 */
export function policeReport(input: DocumentInput): DocumentContent<'police-report'> {
  const { c } = input;
  const report = c.policeReports[c.policeReports.length - 1];
  const payments = paymentsOf(c);
  const total = sumOre(payments);
  const dated = report.filedOn;
  const police = policeRecipientOf(c);
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
  const limitation = offenceLimitation(c);
  const title = `Polisanmälan – misstänkt ${offence.toLowerCase()}`;
  const recipient = [police.recipient];
  const period = periodOf(payments);
  return {
    type: 'police-report',
    title,
    dated,
    recipient,
    meta: [
      ...metaOf(c, dated),
      ...(police.reference ? ([['Polisens diarienummer', police.reference]] as Array<[string, string]>) : []),
    ],
    blocks: [
      {
        kind: 'paragraph',
        text: `${namnd} anmäler misstanke om ${offence.toLowerCase()} enligt bidragsbrottslagen (2007:612).`,
      },
      { kind: 'paragraph', text: POLICE_REPORT_DUTY },
      { kind: 'heading', text: 'Den som anmälan gäller' },
      { kind: 'facts', rows: personFacts(c) },
      { kind: 'heading', text: 'Anmälan' },
      {
        kind: 'facts',
        rows: [
          ['Misstänkt brott', offence],
          ['Tidsperiod', period],
          ['Felaktigt utbetalt ekonomiskt bistånd', kr(total)],
          ...caseFacts(c),
        ],
      },
      { kind: 'heading', text: 'Utbetalningarna' },
      calculationBlock(payments),
      ...reasonBlocks(payments),
      { kind: 'heading', text: 'Hur det upptäcktes' },
      { kind: 'paragraph', text: discovered },
      { kind: 'heading', text: 'Nämndens bedömning' },
      { kind: 'paragraph', text: findingText(c) },
      {
        kind: 'paragraph',
        text:
          `Nämnden bedömer att ${personName(c)} under ${period} har fått ekonomiskt bistånd med ${kr(total)} ` +
          'som hen inte hade rätt till. Det är åklagaren som bedömer om brott har begåtts och hur det ska rubriceras.',
      },
      ...claims.map((text) => ({ kind: 'paragraph' as const, text })),
      ...lawsOf(payments).map((law) => ({ kind: 'paragraph' as const, text: lawByGrantDate(law) })),
      ...(limitation
        ? [
            {
              kind: 'paragraph' as const,
              text: `Varje utbetalning är en gärning. Den första preskriberas den ${limitation.firstOn}, den sista den ${limitation.lastOn} (brottsbalken 35 kap.).`,
            },
          ]
        : []),
      { kind: 'heading', text: 'Handlingar' },
      {
        kind: 'list',
        items: [
          `Utredning, avslutad ${c.investigation?.completedOn ?? '–'}`,
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
    ],
    fields: {
      ...commonFields(input, 'police-report', title, dated, recipient, paragraphs.join(', '), total),
      brott: offence,
      period,
      polis: police.recipient,
      polisensDiarienummer: police.reference ?? '–',
      upptackt: discovered,
    },
    calculation: calculationRows(payments),
    schedule: [],
  };
}
