import type { DocumentContent } from '../document-content';
import { communicationOf } from '../i20-adapter';
import { COMMUNICATION_RIGHT, claimGround, claimParagraph, lawByGrantDate, presumedBasis } from '../legal-texts';
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
 * Kommuniceringsbrev (förvaltningslagen 2017:900, 25 §): before the nämnd
 * decides to claim, the person learns what the decision will rest on (the
 * investigation's finding, its calculation month by month, the paragraph the
 * claim would rest on) and by when to respond.
 */
export function communicationLetter(input: DocumentInput): DocumentContent<'communication-letter'> {
  const { c } = input;
  const payments = paymentsOf(c);
  const communication = communicationOf(c, { issuedOn: input.issuedOn, respondBy: input.respondBy ?? input.issuedOn });
  const dated = communication.sentOn;
  const total = sumOre(payments);
  const laws = lawsOf(payments);
  const paragraphs = laws.map((law) => claimParagraph(presumedBasis(law)));
  const title = 'Kommunicering inför beslut om återkrav';
  const recipient = personRecipient(c);
  return {
    type: 'communication-letter',
    title,
    dated,
    recipient,
    meta: metaOf(c, dated),
    blocks: [
      {
        kind: 'paragraph',
        text:
          `${namndOf(input.districtName)} har utrett om du har fått ekonomiskt bistånd felaktigt och överväger att ` +
          `besluta att du ska betala tillbaka ${kr(total)}.`,
      },
      { kind: 'paragraph', text: COMMUNICATION_RIGHT },
      { kind: 'facts', rows: [...personFacts(c), ...caseFacts(c)] },
      { kind: 'heading', text: 'Vad beslutet kommer att grunda sig på' },
      { kind: 'paragraph', text: findingText(c) },
      calculationBlock(payments),
      ...reasonBlocks(payments),
      ...(communication.material ? [{ kind: 'paragraph' as const, text: communication.material }] : []),
      ...laws.map((law) => ({
        kind: 'paragraph' as const,
        text: `${claimGround(presumedBasis(law))} ${lawByGrantDate(law)}`,
      })),
      {
        kind: 'paragraph',
        text: `Nämnden överväger därför att återkräva ${kr(total)} med stöd av ${paragraphs.join(' och ')}.`,
      },
      { kind: 'heading', text: 'Så lämnar du dina synpunkter' },
      {
        kind: 'paragraph',
        text:
          `Lämna dina synpunkter senast den ${communication.respondBy}, skriftligt eller muntligt till handläggaren. ` +
          'Du kan också lämna handlingar som du vill att nämnden ska ta hänsyn till. Hör du inte av dig fattar ' +
          'nämnden beslut på det underlag som finns.',
      },
      ...contactBlocks(input),
    ],
    fields: {
      ...commonFields(input, 'communication-letter', title, dated, recipient, paragraphs.join(', '), total),
      svaraSenast: communication.respondBy,
      belopp: kr(total),
    },
    calculation: calculationRows(payments),
    schedule: [],
  };
}
