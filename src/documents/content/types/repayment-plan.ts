import { addMonths } from '../../../calendar/local-date';
import type { DocumentContent, ScheduleRow } from '../document-content';
import { claimParagraph, limitParagraph, waiverParagraph } from '../legal-texts';
import {
  type DocumentInput,
  calculationBlock,
  calculationRows,
  caseFacts,
  claimOf,
  commonFields,
  contactBlocks,
  kr,
  metaOf,
  namndOf,
  paymentsOf,
  personFacts,
  personName,
  personRecipient,
  sumOre,
} from '../parts';

/** A plan longer than this is shown to its 120th payment and summed in one line after it. */
const MAX_ROWS = 120;

/**
 * Avbetalningsplan to sign: the debt when it was agreed (the claim less what
 * was repaid and waived by then), the amount a month, every payment's due day
 * (each month from the first, the month's last day where the day does not
 * exist), and what happens when a payment is missed. A plan does not stop the
 * three-year limit on a court suit (../shared/docs/fut-domain.md).
 */
export function repaymentPlan(input: DocumentInput): DocumentContent<'repayment-plan'> {
  const { c } = input;
  const claim = claimOf(c, input.concerning);
  const plan = [...c.plans].reverse().find((p) => p.claimId === claim.claimId) ?? c.plans[c.plans.length - 1];
  const dated = plan.agreedOn;
  const ofClaim = <T extends { claimId: string; amountOre: number }>(xs: T[], on: (x: T) => string) =>
    xs.filter((x) => x.claimId === claim.claimId && on(x) <= plan.agreedOn).reduce((s, x) => s + x.amountOre, 0);
  const debt = Math.max(
    0,
    claim.amountOre - ofClaim(c.repayments, (r) => r.receivedOn) - ofClaim(c.waivers, (w) => w.decidedOn),
  );
  // The number of payments is counted, not walked: a small amount a month on a large debt is many.
  const count = Math.ceil(debt / plan.monthlyAmountOre);
  const shown: ScheduleRow[] = [];
  for (let k = 0; k < Math.min(count, MAX_ROWS); k++) {
    const left = Math.max(0, debt - plan.monthlyAmountOre * (k + 1));
    const amount = Math.min(plan.monthlyAmountOre, debt - plan.monthlyAmountOre * k);
    shown.push({ nr: String(k + 1), forfallodag: addMonths(plan.firstDueOn, k), belopp: kr(amount), kvar: kr(left) });
  }
  const last = count > 0 ? addMonths(plan.firstDueOn, count - 1) : plan.firstDueOn;
  if (count > MAX_ROWS)
    shown.push({
      nr: `${MAX_ROWS + 1}–${count}`,
      forfallodag: `${addMonths(plan.firstDueOn, MAX_ROWS)} – ${last}`,
      belopp: kr(debt - plan.monthlyAmountOre * MAX_ROWS),
      kvar: kr(0),
    });
  const payments = paymentsOf(c, claim.paymentIndexes);
  const paragraph = claimParagraph(claim.legalBasis);
  const namnd = namndOf(input.districtName);
  const title = 'Avbetalningsplan';
  const recipient = personRecipient(c);
  return {
    type: 'repayment-plan',
    title,
    dated,
    recipient,
    meta: metaOf(c, dated),
    blocks: [
      {
        kind: 'paragraph',
        text:
          `Överenskommelse mellan ${namnd} och ${personName(c)} om återbetalning av ekonomiskt bistånd enligt ` +
          `beslut om återkrav den ${claim.decidedOn} (${kr(claim.amountOre)}, ${paragraph}).`,
      },
      { kind: 'facts', rows: [...personFacts(c), ...caseFacts(c)] },
      { kind: 'heading', text: 'Återkravet' },
      calculationBlock(payments),
      { kind: 'heading', text: 'Överenskommelsen' },
      {
        kind: 'facts',
        rows: [
          ['Skuld när planen avtalades', kr(debt)],
          ['Belopp per månad', kr(plan.monthlyAmountOre)],
          ['Första betalning', plan.firstDueOn],
          ['Sista betalning', last],
          ['Antal betalningar', String(count)],
        ],
      },
      { kind: 'schedule', caption: 'Betalningar', rows: shown, total: kr(debt) },
      {
        kind: 'paragraph',
        text: `Betala senast på förfallodagen och ange ärendenummer ${c.caseNumber} som referens.`,
      },
      { kind: 'heading', text: 'Om en betalning uteblir' },
      {
        kind: 'paragraph',
        text:
          'Kommer en betalning inte in i tid får du en påminnelse. Kommer två betalningar i följd inte in upphör ' +
          'planen att gälla, och det som återstår av skulden ska betalas. Nämnden kan då ansöka hos ' +
          'förvaltningsrätten om ersättningstalan för det som återstår, för de utbetalningar där det har gått ' +
          `mindre än tre år sedan de betalades ut (${limitParagraph(claim.law)}). Avbetalningsplanen hindrar inte ` +
          'att den tiden går.',
      },
      {
        kind: 'paragraph',
        text:
          'Ändras din ekonomi kan du kontakta handläggaren för att ändra planen eller ansöka om eftergift ' +
          `(${waiverParagraph(claim.law)}).`,
      },
      ...contactBlocks(input),
      { kind: 'heading', text: 'Underskrifter' },
      {
        kind: 'signature',
        party: `Den återbetalningsskyldige: ${personName(c)}`,
        lines: ['Ort och datum', 'Underskrift', 'Namnförtydligande'],
      },
      { kind: 'signature', party: `För ${namnd}`, lines: ['Ort och datum', 'Underskrift', 'Namnförtydligande'] },
    ],
    fields: {
      ...commonFields(input, 'repayment-plan', title, dated, recipient, paragraph, sumOre(payments)),
      beslutsdatum: claim.decidedOn,
      skuld: kr(debt),
      manadsbelopp: kr(plan.monthlyAmountOre),
      forstaBetalning: plan.firstDueOn,
      sistaBetalning: last,
      antalBetalningar: String(count),
    },
    calculation: calculationRows(payments),
    schedule: shown,
  };
}
