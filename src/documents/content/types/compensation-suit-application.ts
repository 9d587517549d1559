import { ABLE_LABEL } from './labels';
import { claimPositionOf } from '../../../cases/domain/case-state';
import { claimableOn, suitDeadline } from '../../../cases/domain/three-year-limit';
import { ATTACHMENT_KINDS } from '../../../cases/steps/attachment/attachment.step';
import { DOCUMENT_TYPES } from '../../../cases/steps/document/document.step';
import type { DocumentContent } from '../document-content';
import { decisionMakerOf } from '../i20-adapter';
import { claimGround, claimParagraph, lawByGrantDate, limitParagraph, suitParagraph } from '../legal-texts';
import {
  type DocumentInput,
  calculationBlock,
  calculationRows,
  claimOf,
  commonFields,
  findingText,
  formatPersonalNumber,
  kr,
  metaOf,
  namndOf,
  paymentsNamed,
  paymentsOf,
  personName,
  settledBy,
  reasonBlocks,
  sumOre,
} from '../parts';

/**
 * Ansökan om ersättningstalan to the förvaltningsrätt (9 kap. 3 § SoL
 * 2001:453, 33 kap. 4-5 §§ SoL 2025:400): the parties, the claim, the
 * calculation with each payment's last day for a suit, the grounds, and the
 * evidence (the investigation, the decisions, the case's documents and
 * attachments). The amount is the suit's as filed, or before the filing what
 * could be claimed on the day the suit was decided.
 */
export function compensationSuitApplication(input: DocumentInput): DocumentContent<'compensation-suit-application'> {
  const { c } = input;
  const claim = claimOf(c, input.concerning);
  const decision = [...c.suitDecisions].reverse().find((d) => d.claimId === claim.claimId)!;
  const suit = [...c.suits].reverse().find((s) => s.claimId === claim.claimId);
  const dated = suit?.filedOn ?? decision.decidedOn;
  const position = claimPositionOf(c, claim);
  const amount = suit?.amountOre ?? claimableOn(position, decision.decidedOn);
  const payments = paymentsOf(c, claim.paymentIndexes);
  const settled = settledBy(c, claim, dated);
  const outstanding = claim.amountOre - settled.repaidOre - settled.waivedOre;
  // Payments past their limit on the day the application is dated are no part of what the court can try.
  const expired = payments.filter((p) => suitDeadline(p.paidOn) < dated);
  const paragraph = claimParagraph(claim.legalBasis);
  const namnd = namndOf(input.districtName);
  const name = personName(c);
  const court = 'Förvaltningsrätten';
  const title = 'Ansökan om ersättningstalan';
  const recipient = [court];
  const maker = decisionMakerOf(c, { type: 'suit', index: c.suitDecisions.indexOf(decision) });
  const ability = c.abilityToPay
    ? `Nämnden bedömde den ${c.abilityToPay.assessedOn} att ${name} ${ABLE_LABEL[String(c.abilityToPay.able) as 'true' | 'false']}.`
    : 'Nämnden har inte bedömt betalningsförmågan.';
  return {
    type: 'compensation-suit-application',
    title,
    dated,
    recipient,
    meta: metaOf(c, dated),
    blocks: [
      { kind: 'heading', text: 'Parter' },
      {
        kind: 'facts',
        rows: [
          ['Sökande', namnd],
          ['Motpart', `${name}, ${formatPersonalNumber(c.subject.personalIdentityNumber)}`],
          ['Nämndens ärendenummer', c.caseNumber],
          ['Ärendenummer ekonomiskt bistånd', c.assistanceCaseNumber ?? '–'],
        ],
      },
      { kind: 'heading', text: 'Yrkande' },
      {
        kind: 'paragraph',
        text:
          `${namnd} yrkar att förvaltningsrätten förpliktar ${name} att till nämnden betala ${kr(amount)} ` +
          `i ersättning för ekonomiskt bistånd som har betalats ut felaktigt (${suitParagraph(claim.law)}).`,
      },
      { kind: 'heading', text: 'Beräkning' },
      calculationBlock(payments),
      ...reasonBlocks(payments),
      {
        kind: 'paragraph',
        text:
          `Nämnden beslutade den ${claim.decidedOn} att återkräva ${kr(claim.amountOre)} (${paragraph}). Av det har ` +
          `${kr(settled.repaidOre)} betalats tillbaka och ${kr(settled.waivedOre)} eftergivits; ` +
          `${kr(outstanding)} återstår. Ansökan avser ${kr(amount)}.`,
      },
      ...(expired.length > 0
        ? [
            {
              kind: 'paragraph' as const,
              text:
                `För ${paymentsNamed(expired)} har tiden för talan gått ut (${limitParagraph(claim.law)}); ` +
                'ansökan avser inte den delen av kravet.',
            },
          ]
        : []),
      { kind: 'heading', text: 'Grunder' },
      { kind: 'paragraph', text: findingText(c) },
      { kind: 'paragraph', text: claimGround(claim.legalBasis) },
      { kind: 'paragraph', text: lawByGrantDate(claim.law) },
      {
        kind: 'paragraph',
        text:
          `Beloppet har inte betalats. Talan väcks inom tre år från de utbetalningar som ansökan avser ` +
          `(${suitParagraph(claim.law)}); varje utbetalnings sista dag står i beräkningen.`,
      },
      { kind: 'paragraph', text: ability },
      { kind: 'paragraph', text: `Nämnden beslutade den ${decision.decidedOn} att väcka ersättningstalan.` },
      { kind: 'heading', text: 'Bevisning' },
      {
        kind: 'list',
        items: [
          `Utredning, avslutad ${c.investigation?.completedOn ?? '–'}: vad utredningen visar om utbetalningarna och deras orsak`,
          `Beslut om återkrav den ${claim.decidedOn}: kravets storlek och grund`,
          ...c.documents
            .filter((d) => d.documentType !== 'compensation-suit-application')
            .map((d) => `${DOCUMENT_TYPES[d.documentType]}, utfärdat ${d.issuedOn}`)
            .filter((line, i, all) => all.indexOf(line) === i),
          ...c.attachments.map(
            (a) =>
              `Bilaga: ${a.name}${a.description ? `, ${a.description}` : ''} (${ATTACHMENT_KINDS[a.kind]}, tillförd ärendet ${a.addedOn})`,
          ),
        ],
      },
      {
        kind: 'signature',
        party: `För ${namnd}`,
        lines: maker ? [`${maker.decidedBy}, ${maker.capacity}`] : [`${input.issuedBy}, handläggare`],
      },
    ],
    fields: {
      ...commonFields(
        input,
        'compensation-suit-application',
        title,
        dated,
        recipient,
        `${paragraph}, ${suitParagraph(claim.law)}`,
        sumOre(payments),
      ),
      domstol: court,
      belopp: kr(amount),
      beslutsdatum: decision.decidedOn,
    },
    calculation: calculationRows(payments),
    schedule: [],
  };
}
