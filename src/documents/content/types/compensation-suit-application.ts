import { ABLE_LABEL } from './labels';
import { claimPositionOf } from '../../../cases/domain/case-state';
import { claimableOn, suitDeadline } from '../../../cases/domain/three-year-limit';
import { ATTACHMENT_KINDS } from '../../../cases/steps/attachment/attachment.step';
import { DOCUMENT_TYPES } from '../../../cases/steps/document/document.step';
import type { DocumentContent } from '../document-content';
import { shareOf } from '../../../cases/domain/persons';
import { claimGround, claimParagraph, lawByGrantDate, limitParagraph, suitParagraph } from '../legal-texts';
import {
  type DocumentInput,
  calculationBlock,
  calculationRows,
  claimOf,
  commonFields,
  decisionSignature,
  findingText,
  formatPersonalNumber,
  kr,
  metaOf,
  namndOf,
  paymentsNamed,
  paymentsOf,
  personName,
  settledBy,
  signatureLine,
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
  // A claim decided against two persons: each is a party for their own part (neither owes the other's).
  const parties = claim.shares
    ? (['subject', 'second-person'] as const)
        .filter((person) => shareOf(claim, person) > 0)
        .map((person) => ({ person, part: shareOf(claim, person) }))
    : [{ person: 'subject' as const, part: claim.amountOre }];
  const partyLine = (person: 'subject' | 'second-person') =>
    `${personName(c, person)}, ${formatPersonalNumber((person === 'second-person' ? c.secondPerson! : c.subject).personalIdentityNumber)}`;
  const counterparts = parties.map((p) => partyLine(p.person)).join(' och ');
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
          ...parties.map((p): [string, string] => [
            'Motpart',
            parties.length > 1 ? `${partyLine(p.person)} (för sin del, ${kr(p.part)} av kravet)` : partyLine(p.person),
          ]),
          ['Nämndens ärendenummer', c.caseNumber],
          ['Ärendenummer ekonomiskt bistånd', c.assistanceCaseNumber ?? '–'],
        ],
      },
      { kind: 'heading', text: 'Yrkande' },
      {
        kind: 'paragraph',
        text:
          (parties.length > 1
            ? `${namnd} yrkar att förvaltningsrätten förpliktar ${counterparts} att till nämnden betala ${kr(amount)}, ` +
              'var och en sin del av återkravet, '
            : `${namnd} yrkar att förvaltningsrätten förpliktar ${name} att till nämnden betala ${kr(amount)} `) +
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
      // Signed by whoever took the decision to bring the suit.
      decisionSignature(decision.decisionMaker, input, `För ${namnd}`),
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
      beslutsfattare: signatureLine(decision.decisionMaker, input.issuedBy, namnd),
    },
    calculation: calculationRows(payments),
    schedule: [],
  };
}
