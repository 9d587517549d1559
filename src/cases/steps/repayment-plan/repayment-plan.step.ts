import { addDays } from '../../../calendar/local-date';
import { code, localDate, object, optional as optionalShape, ore, type Infer } from '../../../kernel/shape';
import { checkAll, rule } from '../../domain/case-errors';
import type { Claim } from '../../domain/case-state';
import { kronorToOre } from '../../../kernel/money';
import { checkDate, hasClaim, requireClaim, whenOpen } from '../../domain/rules';
import { isOcrReference, normalOcrReference } from '../../domain/ocr-reference';
import {
  amountField,
  caseEvent,
  claimField,
  dateField,
  defineStep,
  given,
  optional,
  textField,
} from '../../domain/step';
import { onTheOnlyClaim } from '../repayment-claim/repayment-claim.step';
import { amount, claim, date } from '../../domain/details';

/** Avbetalningsplan: the person repays a claim month by month. */
const repaymentPlanAgreedShape = object({
  claimId: code(),
  agreedOn: localDate,
  monthlyAmountOre: ore(),
  firstDueOn: localDate,
  /**
   * The OCR reference the person pays with, as the municipality's invoicing gives it (absent: none given,
   * or a plan recorded before it was asked): the repayments import finds the plan's case by it.
   */
  ocrReference: optionalShape(code()),
});

/** What a RepaymentPlanAgreed event holds. */
export type RepaymentPlanAgreedData = Infer<typeof repaymentPlanAgreedShape>;

export const RepaymentPlanAgreed = caseEvent('RepaymentPlanAgreed', {
  shape: repaymentPlanAgreedShape,
  upcasts: [onTheOnlyClaim],
  label: 'Avbetalningsplan',
  on: (d) => d.agreedOn,
  details: (d) => [
    claim(d.claimId),
    amount('Belopp per månad', d.monthlyAmountOre),
    date('Första betalning', d.firstDueOn),
  ],
  evolve: (c, d) => ({ ...c, plans: [...c.plans, { ...d }] }),
  statistics: { reads: ['agreedOn', 'monthlyAmountOre'], facts: (d) => [['plan', d.monthlyAmountOre, null]] },
});

export const repaymentPlan = defineStep({
  id: 'repayment-plan',
  command: 'AgreeRepaymentPlan',
  auditLabel: 'Avbetalningsplan',
  actors: 'case-handlers',
  http: {
    route: 'repayment-plan',
    summary: 'Agree a repayment plan (avbetalningsplan).',
    title: 'Avbetalningsplan',
    submit: 'Spara avbetalningsplan',
    request: {
      claimId: claimField(),
      agreedOn: dateField('Överenskommen'),
      monthlyAmount: amountField('Belopp per månad (kr)'),
      firstDueOn: dateField('Första betalning'),
      ocrReference: optional(
        textField('OCR-nummer', {
          max: 40,
          multiline: false,
          hint: 'Det OCR-nummer personen betalar med, från kommunens fakturering. Används när inbetalningar importeras.',
          doc: 'The OCR reference on the payment slips the municipality sends (2-25 digits with a modulus-10 check digit; spaces are ignored).',
        }),
      ),
    },
    toCommand: (b) => ({
      ...given('claimId', b.claimId),
      agreedOn: b.agreedOn,
      monthlyAmountOre: kronorToOre(b.monthlyAmount),
      firstDueOn: b.firstDueOn,
      ...given('ocrReference', b.ocrReference === undefined ? undefined : normalOcrReference(b.ocrReference)),
    }),
  },
  refusals: {
    'invalid-ocr-reference': [
      'rule',
      'OCR-numret stämmer inte: det ska vara 2–25 siffror där den sista är en kontrollsiffra.',
    ],
    'first-due-too-late': [
      'rule',
      'Första förfallodagen får ligga högst 365 dagar efter att avbetalningsplanen avtalades.',
    ],
  },
  requires: whenOpen(hasClaim),
  decide: (d, c, { today }) => {
    // The claim named, the two dates and the OCR reference: each field's rule on its own, all answered at once.
    let claim = undefined as Claim | undefined;
    checkAll(
      () => {
        claim = requireClaim(c, d.claimId);
      },
      // An unknown claim has no decision date to hold the agreement to: the date's own rules still hold.
      () => checkDate(c, 'agreedOn', d.agreedOn, today, [[claim?.decidedOn, 'the repayment claim']]),
      () => {
        if (d.firstDueOn < d.agreedOn)
          throw rule('date-before-step', 'firstDueOn is before the plan was agreed', 'firstDueOn');
        // No statute fixes the first due date. A plan is agreed from the person's ability to pay at the
        // time, so its first instalment falls within a year (365 days) of the agreement; a later date is a
        // deferral, not a plan, or a typo (2100 for 2010) that would show as a live plan for decades.
        const latestFirstDueOn = addDays(d.agreedOn, 365);
        if (d.firstDueOn > latestFirstDueOn)
          throw rule(
            'first-due-too-late',
            `firstDueOn is more than 365 days after the plan was agreed (at the latest ${latestFirstDueOn})`,
            'firstDueOn',
            { latestFirstDueOn },
          );
      },
      () => {
        // Bankgirot refuses a payment whose reference fails its check digit: a typo would match no payment.
        if (d.ocrReference !== undefined && !isOcrReference(d.ocrReference))
          throw rule(
            'invalid-ocr-reference',
            'ocrReference is not 2-25 digits with a valid check digit',
            'ocrReference',
          );
      },
    );
    return [
      RepaymentPlanAgreed.of({
        claimId: claim!.claimId,
        agreedOn: d.agreedOn,
        monthlyAmountOre: d.monthlyAmountOre,
        firstDueOn: d.firstDueOn,
        ...given('ocrReference', d.ocrReference),
      }),
    ];
  },
});
