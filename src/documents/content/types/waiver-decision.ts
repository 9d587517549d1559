import { WAIVER_REASON_LABELS } from '../../../cases/domain/catalogues';
import type { DocumentContent } from '../document-content';
import { decisionMakerOf, waiverAppeal } from '../i20-adapter';
import { claimParagraph, lawByGrantDate, limitParagraph, waiverParagraph } from '../legal-texts';
import {
  type DocumentInput,
  calculationBlock,
  calculationRows,
  caseFacts,
  commonFields,
  contactBlocks,
  kr,
  metaOf,
  namndOf,
  paymentsOf,
  personFacts,
  personRecipient,
  sumOre,
} from '../parts';

/**
 * Beslut om eftergift (9 kap. 4 § SoL 2001:453, 33 kap. 6 § SoL 2025:400,
 * by the claim's law): how much of which claim the nämnd waives, why, what
 * remains to pay, and whether and how it can be appealed.
 */
export function waiverDecision(input: DocumentInput): DocumentContent<'waiver-decision'> {
  const { c } = input;
  const index = Math.max(0, Number(input.concerning ?? c.waivers.length) - 1);
  const waiver = c.waivers[index];
  const claim = c.claims.find((x) => x.claimId === waiver.claimId) ?? c.claims[0];
  const dated = waiver.decidedOn;
  // What remained once this waiver was decided: repayments by its day, the waivers up to and including it.
  const repaid = c.repayments
    .filter((r) => r.claimId === claim.claimId && r.receivedOn <= dated)
    .reduce((s, r) => s + r.amountOre, 0);
  const waived = c.waivers
    .slice(0, index + 1)
    .filter((w) => w.claimId === claim.claimId)
    .reduce((s, w) => s + w.amountOre, 0);
  const remaining = Math.max(0, claim.amountOre - repaid - waived);
  const appeal = waiverAppeal(remaining > 0);
  const paragraph = waiverParagraph(claim.law);
  const payments = paymentsOf(c, claim.paymentIndexes);
  const namnd = namndOf(input.districtName);
  const reason =
    waiver.reason === 'time-limit'
      ? `Tiden för att ansöka om ersättningstalan har gått ut för de utbetalningar som beloppet avser (tre år från utbetalningen, ${limitParagraph(claim.law)}). Kravet kan därför inte längre prövas av domstol.`
      : 'Nämnden har funnit skäl att efterge beloppet.';
  const maker = decisionMakerOf(c, { type: 'waiver', index });
  const title = 'Beslut om eftergift';
  const recipient = personRecipient(c);
  return {
    type: 'waiver-decision',
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
          `${namnd} beslutar att efterge, det vill säga avstå från, ${kr(waiver.amountOre)} av återkravet enligt ` +
          `beslutet den ${claim.decidedOn} (${kr(claim.amountOre)}, ${claimParagraph(claim.legalBasis)}). Beslutet är ` +
          `fattat med stöd av ${paragraph}.`,
      },
      {
        kind: 'paragraph',
        text:
          remaining > 0
            ? `Kvar att betala efter beslutet: ${kr(remaining)}.`
            : 'Efter beslutet har du inget kvar att betala på kravet.',
      },
      { kind: 'heading', text: 'Skäl för beslutet' },
      { kind: 'paragraph', text: `${WAIVER_REASON_LABELS[waiver.reason]}. ${reason}` },
      { kind: 'paragraph', text: lawByGrantDate(claim.law) },
      { kind: 'heading', text: 'Återkravet' },
      calculationBlock(payments),
      { kind: 'heading', text: 'Hur du kan få beslutet prövat' },
      ...appeal.paragraphs.map((text) => ({ kind: 'paragraph' as const, text })),
      { kind: 'paragraph', text: `Lagrum: ${appeal.source}.` },
      ...contactBlocks(input),
      {
        kind: 'signature',
        party: namnd,
        lines: maker ? [`${maker.decidedBy}, ${maker.capacity}`] : [`${input.issuedBy}, handläggare`],
      },
    ],
    fields: {
      ...commonFields(input, 'waiver-decision', title, dated, recipient, paragraph, sumOre(payments)),
      beslutsdatum: dated,
      belopp: kr(waiver.amountOre),
      skal: reason,
      kvarAttBetala: kr(remaining),
      overklagande: appeal.paragraphs.join('\n\n'),
    },
    calculation: calculationRows(payments),
    schedule: [],
  };
}
