import { instalmentAt, instalmentCountOf, payByOf, repaymentPlanSchedules } from '../../../cases/domain/instalments';
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
 * Avbetalningsplan to sign, with the schedule the case keeps for it
 * (src/cases/domain/instalments.ts, as the case page and the missed
 * instalments read it): the debt when it was agreed (the claim less what was
 * repaid before, and what was waived or written off), the amount a month,
 * every instalment's due day and last day to pay (the next working day), the
 * OCR reference to pay with, and what happens when a payment is late. A plan
 * does not stop the three-year limit on a court suit (../shared/docs/fut-domain.md).
 */
export function repaymentPlan(input: DocumentInput): DocumentContent<'repayment-plan'> {
  const { c } = input;
  const claim = claimOf(c, input.concerning);
  const plan = [...c.plans].reverse().find((p) => p.claimId === claim.claimId) ?? c.plans[c.plans.length - 1];
  const dated = plan.agreedOn;
  // The plan's terms as the case keeps them: its schedule is the one its instalments are checked against.
  const kept = repaymentPlanSchedules(c, dated).filter((x) => x.claimId === claim.claimId);
  const schedule =
    kept.find((x) => x.agreedOn === plan.agreedOn && x.firstDueOn === plan.firstDueOn) ?? kept[kept.length - 1];
  const terms = {
    firstDueOn: plan.firstDueOn,
    monthlyAmountOre: plan.monthlyAmountOre,
    totalOre: schedule?.totalOre ?? claim.amountOre,
  };
  const debt = terms.totalOre;
  const count = instalmentCountOf(terms);
  const shown: ScheduleRow[] = [];
  let left = debt;
  for (let k = 0; k < Math.min(count, MAX_ROWS); k++) {
    const { dueOn, amountOre } = instalmentAt(terms, k);
    left -= amountOre;
    shown.push({
      nr: String(k + 1),
      forfallodag: payByOf(dueOn) === dueOn ? dueOn : `${dueOn} (senast ${payByOf(dueOn)})`,
      belopp: kr(amountOre),
      kvar: kr(left),
    });
  }
  const last = count > 0 ? instalmentAt(terms, count - 1).dueOn : plan.firstDueOn;
  if (count > MAX_ROWS)
    shown.push({
      nr: `${MAX_ROWS + 1}–${count}`,
      forfallodag: `${instalmentAt(terms, MAX_ROWS).dueOn} – ${last}`,
      belopp: kr(left),
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
          ...(plan.ocrReference ? ([['OCR-nummer', plan.ocrReference]] as Array<[string, string]>) : []),
        ],
      },
      { kind: 'schedule', caption: 'Betalningar', rows: shown, total: kr(debt) },
      {
        kind: 'paragraph',
        text: plan.ocrReference
          ? `Betala senast på förfallodagen med OCR-nummer ${plan.ocrReference}. Infaller förfallodagen på en lördag, söndag eller helgdag räcker det att betalningen kommer in närmaste vardag efter.`
          : `Betala senast på förfallodagen och ange ärendenummer ${c.caseNumber} som referens. Infaller förfallodagen på en lördag, söndag eller helgdag räcker det att betalningen kommer in närmaste vardag efter.`,
      },
      { kind: 'heading', text: 'Om en betalning uteblir' },
      {
        kind: 'paragraph',
        text:
          'Kommer en betalning inte in i tid hör nämnden av sig till dig. Planen gäller tills skulden är betald eller ' +
          'en ny plan ersätter den. Betalas skulden inte kan nämnden ansöka hos förvaltningsrätten om ' +
          'ersättningstalan för det som återstår, för de utbetalningar där det har gått mindre än tre år sedan de ' +
          `betalades ut (${limitParagraph(claim.law)}). Avbetalningsplanen hindrar inte att den tiden går.`,
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
