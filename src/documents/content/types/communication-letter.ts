import { COMMUNICATION_CONCERNS } from '../../../cases/steps/communication/communication.step';
import type { Block, DocumentContent } from '../document-content';
import {
  COMMUNICATION_RIGHT,
  claimGround,
  claimParagraph,
  lawByGrantDate,
  presumedBasis,
  waiverParagraph,
} from '../legal-texts';
import {
  type DocumentInput,
  calculationBlock,
  calculationRows,
  caseFacts,
  commonFields,
  contactBlocks,
  findingText,
  kr,
  lawsOf,
  metaOf,
  namndOf,
  paymentsOf,
  personFacts,
  personRecipient,
  reasonBlocks,
  sumOre,
} from '../parts';

/**
 * Kommuniceringsbrev (förvaltningslagen 2017:900, 25 §): made from the
 * kommunicering the case records (what was sent, the day, the last day to
 * respond), so the letter's deadline is the one the decision must wait for
 * (`requireCommunicated`). Before a claim: what the decision will rest on
 * (the investigation's finding, its calculation month by month, the
 * paragraph the claim would rest on); before a refused eftergift: the
 * application and what the nämnd has to go on. The letter is dated the day
 * the kommunicering was sent.
 */
export function communicationLetter(input: DocumentInput): DocumentContent<'communication-letter'> {
  const { c } = input;
  const communication =
    c.communications.find((x) => x.communicationId === input.concerning) ??
    c.communications[c.communications.length - 1];
  const dated = communication.sentOn;
  const namnd = namndOf(input.districtName);
  const recipient = personRecipient(c);
  const beforeClaim = communication.concerning === 'repayment-claim';
  const decision = COMMUNICATION_CONCERNS[communication.concerning];
  const title = `Kommunicering inför ${decision.charAt(0).toLowerCase()}${decision.slice(1)}`;
  const payments = paymentsOf(c);
  const total = sumOre(payments);
  const laws = lawsOf(payments);
  const paragraphs = laws.map((law) => claimParagraph(presumedBasis(law)));
  const material: Block[] = [{ kind: 'paragraph', text: communication.material }];

  const claimBlocks: Block[] = [
    {
      kind: 'paragraph',
      text:
        `${namnd} har utrett om du har fått ekonomiskt bistånd felaktigt och överväger att ` +
        `besluta att du ska betala tillbaka ${kr(total)}.`,
    },
    { kind: 'paragraph', text: COMMUNICATION_RIGHT },
    { kind: 'facts', rows: [...personFacts(c), ...caseFacts(c)] },
    { kind: 'heading', text: 'Vad beslutet kommer att grunda sig på' },
    ...material,
    { kind: 'paragraph', text: findingText(c) },
    ...(payments.length > 0 ? [calculationBlock(payments)] : []),
    ...reasonBlocks(payments),
    ...laws.map((law) => ({
      kind: 'paragraph' as const,
      text: `${claimGround(presumedBasis(law))} ${lawByGrantDate(law)}`,
    })),
    ...(paragraphs.length > 0
      ? [
          {
            kind: 'paragraph' as const,
            text: `Nämnden överväger därför att återkräva ${kr(total)} med stöd av ${paragraphs.join(' och ')}.`,
          },
        ]
      : []),
  ];
  const law = c.claims[c.claims.length - 1]?.law ?? laws[0] ?? 'SoL 2001:453';
  const waiverBlocks: Block[] = [
    {
      kind: 'paragraph',
      text:
        `Du har ansökt om eftergift av återkravet, det vill säga bett nämnden att helt eller delvis avstå från det ` +
        `(${waiverParagraph(law)}). ${namnd} överväger att avslå ansökan.`,
    },
    { kind: 'paragraph', text: COMMUNICATION_RIGHT },
    { kind: 'facts', rows: [...personFacts(c), ...caseFacts(c)] },
    { kind: 'heading', text: 'Vad beslutet kommer att grunda sig på' },
    ...material,
  ];
  return {
    type: 'communication-letter',
    title,
    dated,
    recipient,
    meta: [...metaOf(c, dated), ['Svara senast', communication.respondBy]],
    blocks: [
      ...(beforeClaim ? claimBlocks : waiverBlocks),
      { kind: 'heading', text: 'Så lämnar du dina synpunkter' },
      {
        kind: 'paragraph',
        text:
          `Lämna dina synpunkter senast den ${communication.respondBy}, skriftligt eller muntligt till handläggaren. ` +
          'Du kan också lämna handlingar som du vill att nämnden ska ta hänsyn till. Nämnden fattar inte beslut ' +
          'förrän svarstiden har gått ut, om du inte svarar tidigare. Hör du inte av dig fattar nämnden beslut på ' +
          'det underlag som finns.',
      },
      ...contactBlocks(input),
    ],
    fields: {
      ...commonFields(
        input,
        'communication-letter',
        title,
        dated,
        recipient,
        beforeClaim ? paragraphs.join(', ') : waiverParagraph(law),
        total,
      ),
      svaraSenast: communication.respondBy,
      belopp: kr(total),
      inforBeslut: decision,
    },
    calculation: beforeClaim ? calculationRows(payments) : [],
    schedule: [],
  };
}
