import { suitDeadline } from '../../../cases/domain/three-year-limit';
import type { Block, DocumentContent } from '../document-content';
import { claimAppeal, decisionMakerOf } from '../i20-adapter';
import {
  claimGround,
  claimParagraph,
  lawByGrantDate,
  limitParagraph,
  notEnforceable,
  waiverParagraph,
} from '../legal-texts';
import {
  type DocumentInput,
  calculationBlock,
  calculationRows,
  caseFacts,
  claimOf,
  commonFields,
  contactBlocks,
  findingText,
  kr,
  metaOf,
  namndOf,
  paymentsNamed,
  paymentsOf,
  personFacts,
  personRecipient,
  reasonBlocks,
  sumOre,
} from '../parts';

/**
 * Beslut om återkrav (9 kap. 1-2 §§ SoL 2001:453, 33 kap. 1-3 §§ SoL
 * 2025:400, by the grant date of the assistance): the calculation month by
 * month, the paragraph, that the decision is not enforceable, how to pay,
 * the right to ask for eftergift, and how it can be tried. Payments already
 * past their three-year limit on the decision's day are named: that part
 * cannot be brought to court.
 */
export function repaymentClaimDecision(input: DocumentInput): DocumentContent<'repayment-claim-decision'> {
  const { c } = input;
  const claim = claimOf(c, input.concerning);
  const payments = paymentsOf(c, claim.paymentIndexes);
  const total = sumOre(payments);
  const dated = claim.decidedOn;
  const paragraph = claimParagraph(claim.legalBasis);
  const appeal = claimAppeal(claim.legalBasis, claim.law);
  const maker = decisionMakerOf(c, { type: 'claim', index: c.claims.indexOf(claim) });
  const title = 'Beslut om återkrav av ekonomiskt bistånd';
  const recipient = personRecipient(c);
  const namnd = namndOf(input.districtName);

  // Payments whose limit has run out by the day of the decision: that part can never go to court.
  const expired = payments.filter((p) => suitDeadline(p.paidOn) < dated);
  const live = payments.filter((p) => suitDeadline(p.paidOn) >= dated);
  const limitBlocks: Block[] = [
    { kind: 'heading', text: 'Treårsgränsen' },
    ...(expired.length > 0
      ? [
          {
            kind: 'paragraph' as const,
            text:
              `För ${paymentsNamed(expired)} (${kr(sumOre(expired))}) har det gått mer än tre år sedan ` +
              `${expired.length === 1 ? 'den' : 'de'} betalades ut. Den delen av kravet kan inte ` +
              `prövas av förvaltningsrätten (${limitParagraph(claim.law)}); den kan bara betalas frivilligt.`,
          },
        ]
      : []),
    ...(live.length > 0
      ? [
          {
            kind: 'paragraph' as const,
            text:
              `Nämnden kan ansöka om ersättningstalan för en utbetalning inom tre år från den dag den betalades ut. ` +
              `Den första av dessa gränser är den ${live.map((p) => suitDeadline(p.paidOn)).sort()[0]}.`,
          },
        ]
      : []),
  ];
  const partial =
    claim.amountOre < total
      ? [
          {
            kind: 'paragraph' as const,
            text: `Av de ${kr(total)} som betalades ut felaktigt återkräver nämnden ${kr(claim.amountOre)}.`,
          },
        ]
      : [];
  const payment =
    `Betala ${kr(claim.amountOre)} till nämnden och ange ärendenummer ` +
    `${c.caseNumber} som referens. Betalningsuppgifter (bankgiro) får du av handläggaren. Kan du ` +
    'inte betala hela beloppet på en gång kan du komma överens med nämnden om en avbetalningsplan.';
  const waiver =
    'Du kan ansöka om eftergift, det vill säga be nämnden att helt eller delvis avstå från kravet, om det finns ' +
    `skäl för det, till exempel att du inte har möjlighet att betala (${waiverParagraph(claim.law)}). ` +
    'Ansökan gör du skriftligt till nämnden.';
  return {
    type: 'repayment-claim-decision',
    title,
    dated,
    recipient,
    meta: metaOf(c, dated),
    blocks: [
      { kind: 'facts', rows: [...personFacts(c), ...caseFacts(c)] },
      { kind: 'heading', text: 'Beslut' },
      {
        kind: 'paragraph',
        text:
          `${namnd} beslutar att du ska betala tillbaka ${kr(claim.amountOre)} i ekonomiskt bistånd som du har fått ` +
          `felaktigt. Beslutet är fattat med stöd av ${paragraph}.`,
      },
      { kind: 'heading', text: 'Beräkning' },
      calculationBlock(payments),
      ...partial,
      ...reasonBlocks(payments),
      { kind: 'heading', text: 'Skäl för beslutet' },
      { kind: 'paragraph', text: findingText(c) },
      { kind: 'paragraph', text: claimGround(claim.legalBasis) },
      { kind: 'paragraph', text: lawByGrantDate(claim.law) },
      ...limitBlocks,
      { kind: 'heading', text: 'Beslutet kan inte verkställas' },
      { kind: 'paragraph', text: notEnforceable(claim.law) },
      { kind: 'heading', text: 'Så betalar du' },
      { kind: 'paragraph', text: payment },
      { kind: 'heading', text: 'Eftergift' },
      { kind: 'paragraph', text: waiver },
      { kind: 'heading', text: 'Hur du kan få beslutet prövat' },
      ...appeal.paragraphs.map((text) => ({ kind: 'paragraph' as const, text })),
      { kind: 'paragraph', text: `Lagrum: ${appeal.source}.` },
      ...contactBlocks(input),
      {
        kind: 'signature',
        party: namnd,
        lines: maker
          ? [
              `${maker.decidedBy}, ${maker.capacity}` +
                (maker.delegationPoint ? ` (delegationsordningen punkt ${maker.delegationPoint})` : ''),
            ]
          : [`${input.issuedBy}, handläggare`],
      },
    ],
    fields: {
      ...commonFields(input, 'repayment-claim-decision', title, dated, recipient, paragraph, total),
      beslutsdatum: dated,
      belopp: kr(claim.amountOre),
      overklagande: appeal.paragraphs.join('\n\n'),
      eftergift: waiver,
      betalning: payment,
      verkstallighet: notEnforceable(claim.law),
    },
    calculation: calculationRows(payments),
    schedule: [],
  };
}
