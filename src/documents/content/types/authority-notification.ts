import { AUTHORITIES, NOTIFIED_BENEFITS } from '../../../cases/domain/catalogues';
import type { DocumentContent } from '../document-content';
import { NOTIFICATION_DUTY, claimParagraph, presumedBasis } from '../legal-texts';
import {
  type DocumentInput,
  calculationBlock,
  calculationRows,
  caseFacts,
  commonFields,
  findingText,
  lawsOf,
  metaOf,
  namndOf,
  paymentsOf,
  periodOf,
  personFacts,
  personName,
  sumOre,
} from '../parts';

/**
 * Underrättelse under lag (2008:206) to another authority whose benefit was
 * probably paid incorrectly: who, which benefit, and what the nämnd's
 * investigation of ekonomiskt bistånd found (its period and calculation, and
 * the paragraph it rests on). The reasons month by month stay with the nämnd:
 * the other authority needs the finding, not every note.
 */
export function authorityNotification(input: DocumentInput): DocumentContent<'authority-notification'> {
  const { c } = input;
  const index = Math.max(0, Number(input.concerning ?? c.notificationsSent.length) - 1);
  const notification = c.notificationsSent[index];
  const dated = notification.sentOn;
  const payments = paymentsOf(c);
  const authority = AUTHORITIES[notification.authority];
  const benefit = NOTIFIED_BENEFITS[notification.concerning];
  const namnd = namndOf(input.districtName);
  const paragraphs =
    c.claims.length > 0
      ? [...new Set(c.claims.map((claim) => claimParagraph(claim.legalBasis)))]
      : lawsOf(payments).map((law) => claimParagraph(presumedBasis(law)));
  const title = 'Underrättelse om misstänkt felaktig utbetalning';
  const recipient = [authority];
  return {
    type: 'authority-notification',
    title,
    dated,
    recipient,
    meta: metaOf(c, dated),
    blocks: [
      { kind: 'paragraph', text: NOTIFICATION_DUTY },
      {
        kind: 'paragraph',
        text: `${namnd} underrättar härmed ${authority} om att det finns anledning att anta att ${benefit.toLowerCase()} har betalats ut felaktigt till ${personName(c)}.`,
      },
      { kind: 'heading', text: 'Personen' },
      { kind: 'facts', rows: personFacts(c) },
      { kind: 'heading', text: 'Underrättelsen' },
      {
        kind: 'facts',
        rows: [
          ['Myndighet', authority],
          ['Förmån', benefit],
          ['Period som nämndens utredning avser', periodOf(payments)],
          ...caseFacts(c),
        ],
      },
      { kind: 'heading', text: 'Vad nämndens utredning visar' },
      { kind: 'paragraph', text: findingText(c) },
      calculationBlock(payments, { caption: 'Nämndens beräkning av felaktigt utbetalt ekonomiskt bistånd' }),
      {
        kind: 'paragraph',
        text: `Nämndens krav på ekonomiskt bistånd grundas på ${paragraphs.join(' och ')}. Det är ${authority} som prövar om ${benefit.toLowerCase()} har betalats ut felaktigt.`,
      },
      { kind: 'heading', text: 'Kontakt' },
      {
        kind: 'paragraph',
        text: `Kontaktperson: ${input.issuedBy}, ${namnd}, enheten mot felaktiga utbetalningar. Ange ärendenummer ${c.caseNumber}.`,
      },
    ],
    fields: {
      ...commonFields(
        input,
        'authority-notification',
        title,
        dated,
        recipient,
        `3 § lagen (2008:206); ${paragraphs.join(', ')}`,
        sumOre(payments),
      ),
      myndighet: authority,
      forman: benefit,
    },
    calculation: calculationRows(payments),
    schedule: [],
  };
}
