import { appealOf, appealParagraphs, waiverGoesAgainst } from '../../../cases/domain/appeals';
import { WAIVER_REASON_LABELS } from '../../../cases/domain/catalogues';
import { owedAfterWaiver, owedOn } from '../../../cases/domain/persons';
import { waiverDecisionOf } from '../../../cases/steps/document/document.step';
import type { Block, DocumentContent } from '../document-content';
import { claimParagraph, lawByGrantDate, limitParagraph, waiverParagraph } from '../legal-texts';
import {
  type DocumentInput,
  calculationBlock,
  calculationRows,
  caseFacts,
  commonFields,
  communicationSentence,
  contactBlocks,
  decisionSignature,
  kr,
  metaOf,
  namndOf,
  paymentsOf,
  personFacts,
  personRecipient,
  signatureLine,
  sumOre,
} from '../parts';

/**
 * Beslut om eftergift (9 kap. 4 § SoL 2001:453, 33 kap. 6 § SoL 2025:400,
 * by the claim's law), granted or refused: how much of which claim the nämnd
 * waives and why, or that it refuses the application (a refusal goes against
 * the person: they must get it in writing with how to have it tried), what
 * remains to pay, who decided it, and the appeal route (appeals.ts, as the
 * case view says it). A waiver of the second adult's part of a claim is
 * addressed to them.
 */
export function waiverDecision(input: DocumentInput): DocumentContent<'waiver-decision'> {
  const { c, addressee } = input;
  const which = waiverDecisionOf(c, input.concerning);
  const decision = which.granted ? c.waivers[which.index] : c.waiverRefusals[which.index];
  const claim = c.claims.find((x) => x.claimId === decision.claimId) ?? c.claims[0];
  const dated = decision.decidedOn;
  const remaining = which.granted ? owedAfterWaiver(c, which.index) : owedOn(c, claim, addressee, dated);
  const against = which.granted ? waiverGoesAgainst(c.waivers[which.index], remaining) : true;
  const appeal = appealOf('waiver', claim.law, against);
  const paragraph = waiverParagraph(claim.law);
  const payments = paymentsOf(c, claim.paymentIndexes);
  const namnd = namndOf(input.districtName);
  const claimNamed = `beslutet den ${claim.decidedOn} (${kr(claim.amountOre)}, ${claimParagraph(claim.legalBasis)})`;
  const remainingText =
    remaining > 0
      ? `Kvar att betala efter beslutet: ${kr(remaining)}.`
      : 'Efter beslutet har du inget kvar att betala på kravet.';

  let title: string;
  let decisionText: string;
  let reasons: Block[];
  let amount: string;
  let reasonText: string;
  if (which.granted) {
    const waiver = c.waivers[which.index];
    title = 'Beslut om eftergift';
    amount = kr(waiver.amountOre);
    decisionText =
      `${namnd} beslutar att efterge, det vill säga avstå från, ${amount} av återkravet enligt ${claimNamed}. ` +
      `Beslutet är fattat med stöd av ${paragraph}.`;
    reasonText =
      waiver.reason === 'time-limit'
        ? `Tiden för att ansöka om ersättningstalan har gått ut för de utbetalningar som beloppet avser (tre år från utbetalningen, ${limitParagraph(claim.law)}). Kravet kan därför inte längre prövas av domstol.`
        : 'Nämnden har funnit skäl att efterge beloppet.';
    reasons = [
      ...(waiver.applicationReceivedOn
        ? [{ kind: 'paragraph' as const, text: `Din ansökan om eftergift kom in den ${waiver.applicationReceivedOn}.` }]
        : []),
      { kind: 'paragraph', text: `${WAIVER_REASON_LABELS[waiver.reason]}. ${reasonText}` },
      ...(waiver.reasons ? [{ kind: 'paragraph' as const, text: waiver.reasons }] : []),
    ];
  } else {
    const refusal = c.waiverRefusals[which.index];
    title = 'Beslut om avslag på ansökan om eftergift';
    amount = refusal.amountAppliedOre === null ? '–' : kr(refusal.amountAppliedOre);
    decisionText =
      `${namnd} avslår din ansökan om eftergift av återkravet enligt ${claimNamed}` +
      `${refusal.amountAppliedOre === null ? '' : `, som gällde ${amount}`}. Beslutet är fattat med stöd av ${paragraph}.`;
    reasonText = refusal.reasons ?? 'Nämnden har inte funnit skäl att efterge kravet.';
    const heard = communicationSentence(c, 'waiver', dated, refusal.communicationException);
    reasons = [
      { kind: 'paragraph', text: `Din ansökan om eftergift kom in den ${refusal.applicationReceivedOn}.` },
      { kind: 'paragraph', text: reasonText },
      ...(heard ? [{ kind: 'paragraph' as const, text: heard }] : []),
    ];
  }
  const recipient = personRecipient(c, addressee);
  const appealText = appealParagraphs(appeal);
  return {
    type: 'waiver-decision',
    title,
    dated,
    recipient,
    meta: metaOf(c, dated),
    blocks: [
      { kind: 'facts', rows: [...personFacts(c, addressee), ...caseFacts(c)] },
      { kind: 'heading', text: 'Beslut' },
      { kind: 'paragraph', text: decisionText },
      { kind: 'paragraph', text: remainingText },
      { kind: 'heading', text: 'Skäl för beslutet' },
      ...reasons,
      { kind: 'paragraph', text: lawByGrantDate(claim.law) },
      { kind: 'heading', text: 'Återkravet' },
      calculationBlock(payments),
      { kind: 'heading', text: 'Hur du kan få beslutet prövat' },
      ...appealText.map((text) => ({ kind: 'paragraph' as const, text })),
      { kind: 'paragraph', text: `Lagrum: ${appeal.source}.` },
      ...contactBlocks(input),
      decisionSignature(decision.decisionMaker, input),
    ],
    fields: {
      ...commonFields(input, 'waiver-decision', title, dated, recipient, paragraph, sumOre(payments)),
      beslutsdatum: dated,
      belopp: amount,
      skal: reasonText,
      kvarAttBetala: kr(remaining),
      overklagande: appealText.join('\n\n'),
      beslut: which.granted ? 'Eftergift beviljas' : 'Ansökan om eftergift avslås',
      beslutsfattare: signatureLine(decision.decisionMaker, input.issuedBy, namnd),
    },
    calculation: calculationRows(payments),
    schedule: [],
  };
}
