import { appealOf, appealParagraphs, claimNotEnforceable } from '../../../cases/domain/appeals';
import { shareOf } from '../../../cases/domain/persons';
import { suitDeadline } from '../../../cases/domain/three-year-limit';
import type { Block, DocumentContent } from '../document-content';
import { claimGround, claimParagraph, lawByGrantDate, limitParagraph, waiverParagraph } from '../legal-texts';
import {
  type DocumentInput,
  calculationBlock,
  calculationRows,
  caseFacts,
  claimOf,
  commonFields,
  contactBlocks,
  decisionSignature,
  communicationSentence,
  findingText,
  kr,
  metaOf,
  namndOf,
  paymentsNamed,
  paymentsOf,
  personFacts,
  personRecipient,
  reasonBlocks,
  signatureLine,
  sumOre,
} from '../parts';

/**
 * Beslut om återkrav (9 kap. 1-2 §§ SoL 2001:453, 33 kap. 1-3 §§ SoL
 * 2025:400, by the grant date of the assistance): the calculation month by
 * month, the paragraph, that the decision is not enforceable, how to pay,
 * the right to ask for eftergift, how it can be tried (appeals.ts, as the case
 * view says it), and who decided it under which delegation point. Payments
 * already past their three-year limit on the decision's day are named: that
 * part cannot be brought to court; a claim on such payments alone
 * (`paymentsPastLimit`) says that the whole claim cannot.
 *
 * A claim decided against two persons, each for their own part (9 kap. 1 §
 * SoL: liability is the person's who caused the payment, and no rule makes
 * the two jointly liable), is a decision to each: each letter states its
 * addressee's part, and names the other only as "the other adult".
 */
export function repaymentClaimDecision(input: DocumentInput): DocumentContent<'repayment-claim-decision'> {
  const { c, addressee } = input;
  const claim = claimOf(c, input.concerning);
  const payments = paymentsOf(c, claim.paymentIndexes);
  const total = sumOre(payments);
  const dated = claim.decidedOn;
  const paragraph = claimParagraph(claim.legalBasis);
  const pastLimit = claim.paymentsPastLimit !== undefined;
  const appeal = appealOf('repayment-claim', claim.law, true, { cannotGoToCourt: pastLimit });
  const notEnforceable = claimNotEnforceable(claim.law, pastLimit);
  const title = 'Beslut om återkrav av ekonomiskt bistånd';
  const recipient = personRecipient(c, addressee);
  const namnd = namndOf(input.districtName);
  // What the addressee owes: the whole claim, or their own part of one decided against two.
  const owed = claim.shares ? shareOf(claim, addressee) : claim.amountOre;

  // Payments whose limit has run out by the day of the decision: that part can never go to court.
  const expired = payments.filter((p) => suitDeadline(p.paidOn) < dated);
  const live = payments.filter((p) => suitDeadline(p.paidOn) >= dated);
  const limitBlocks: Block[] = [
    { kind: 'heading', text: 'Treårsgränsen' },
    ...(pastLimit
      ? [
          {
            kind: 'paragraph' as const,
            text:
              `När beslutet fattades hade det gått mer än tre år sedan var och en av utbetalningarna som kravet ` +
              `gäller. Kravet kan därför inte tas till domstol: nämnden kan inte ansöka om ersättningstalan ` +
              `(${limitParagraph(claim.law)}), och kravet kan bara betalas frivilligt.`,
          },
        ]
      : [
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
        ]),
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
  const other = addressee === 'subject' ? 'second-person' : 'subject';
  const split = claim.shares
    ? [
        {
          kind: 'paragraph' as const,
          text:
            `Återkravet på ${kr(claim.amountOre)} gäller både dig och den andra vuxna i hushållet, ` +
            `var och en för sin egen del: ni svarar inte för varandras delar. Din del är ${kr(owed)}` +
            (shareOf(claim, other) > 0
              ? `, och den andra vuxna får ett eget beslut om sin del (${kr(shareOf(claim, other))}).`
              : '.'),
        },
      ]
    : [];
  const payment =
    `Betala ${kr(owed)} till nämnden och ange ärendenummer ` +
    `${c.caseNumber} som referens. Betalningsuppgifter (bankgiro) får du av handläggaren. Kan du ` +
    'inte betala hela beloppet på en gång kan du komma överens med nämnden om en avbetalningsplan.';
  const waiver =
    'Du kan ansöka om eftergift, det vill säga be nämnden att helt eller delvis avstå från kravet, om det finns ' +
    `skäl för det, till exempel att du inte har möjlighet att betala (${waiverParagraph(claim.law)}). ` +
    'Ansökan gör du skriftligt till nämnden.';
  // Said under its own heading above: the appeal section does not repeat it.
  const appealText = appealParagraphs(appeal).filter((p) => p !== notEnforceable);
  const heard = communicationSentence(c, 'repayment-claim', dated, claim.communicationException);
  return {
    type: 'repayment-claim-decision',
    title,
    dated,
    recipient,
    meta: metaOf(c, dated),
    blocks: [
      { kind: 'facts', rows: [...personFacts(c, addressee), ...caseFacts(c)] },
      { kind: 'heading', text: 'Beslut' },
      {
        kind: 'paragraph',
        text:
          `${namnd} beslutar att du ska betala tillbaka ${kr(owed)} i ekonomiskt bistånd som ` +
          `${claim.shares ? 'ditt hushåll' : 'du'} har fått felaktigt. Beslutet är fattat med stöd av ${paragraph}.`,
      },
      ...split,
      { kind: 'heading', text: 'Beräkning' },
      calculationBlock(payments),
      ...partial,
      ...reasonBlocks(payments),
      { kind: 'heading', text: 'Skäl för beslutet' },
      { kind: 'paragraph', text: findingText(c) },
      { kind: 'paragraph', text: claimGround(claim.legalBasis) },
      { kind: 'paragraph', text: lawByGrantDate(claim.law) },
      ...(heard ? [{ kind: 'paragraph' as const, text: heard }] : []),
      ...limitBlocks,
      { kind: 'heading', text: 'Beslutet kan inte verkställas' },
      { kind: 'paragraph', text: notEnforceable },
      { kind: 'heading', text: 'Så betalar du' },
      { kind: 'paragraph', text: payment },
      { kind: 'heading', text: 'Eftergift' },
      { kind: 'paragraph', text: waiver },
      { kind: 'heading', text: 'Hur du kan få beslutet prövat' },
      ...appealText.map((text) => ({ kind: 'paragraph' as const, text })),
      { kind: 'paragraph', text: `Lagrum: ${appeal.source}.` },
      ...contactBlocks(input),
      decisionSignature(claim.decisionMaker, input),
    ],
    fields: {
      ...commonFields(input, 'repayment-claim-decision', title, dated, recipient, paragraph, total),
      beslutsdatum: dated,
      belopp: kr(owed),
      overklagande: appealText.join('\n\n'),
      eftergift: waiver,
      betalning: payment,
      verkstallighet: notEnforceable,
      beslutsfattare: signatureLine(claim.decisionMaker, input.issuedBy, namnd),
    },
    calculation: calculationRows(payments),
    schedule: [],
  };
}
