import { code, localDate, object, oneOf, ore, type Infer } from '../../../kernel/shape';
import { conflict, rule } from '../../domain/case-errors';
import { claimOutstandingOre } from '../../domain/case-state';
import { ESTATE_OUTCOMES } from '../../domain/catalogues';
import { kronorToOre } from '../../../kernel/money';
import { checkDate, kr, requireClaim, whenOpen } from '../../domain/rules';
import {
  amountField,
  caseEvent,
  choiceField,
  claimField,
  dateField,
  defineStep,
  given,
  optional,
} from '../../domain/step';
import { amount, claim, coded } from '../../domain/details';

/**
 * What came of a claim lodged against the estate. What the estate paid is
 * repaid money (the statistics count it in the year it came in); what it could
 * not pay is written off, since an estate without means leaves nobody liable
 * for the rest (the heirs do not answer for the debt with their own means). The
 * write-off ends that part of the claim: it is neither outstanding nor a waiver
 * (no eftergift decision under 9 kap. 4 § / 33 kap. 6 § SoL was taken).
 */
const estateClaimOutcomeRecordedShape = object({
  claimId: code(),
  decidedOn: localDate,
  outcome: oneOf(ESTATE_OUTCOMES),
  paidAmountOre: ore({ zero: true }),
  /** The lodged amount the estate did not pay, written off: no longer owed. */
  writtenOffAmountOre: ore({ zero: true }),
});

/** What an EstateClaimOutcomeRecorded event holds. */
export type EstateClaimOutcomeRecordedData = Infer<typeof estateClaimOutcomeRecordedShape>;

export const EstateClaimOutcomeRecorded = caseEvent('EstateClaimOutcomeRecorded', {
  shape: estateClaimOutcomeRecordedShape,
  label: 'Besked från dödsboet',
  on: (d) => d.decidedOn,
  details: (d) => [
    claim(d.claimId),
    coded('Utfall', ESTATE_OUTCOMES, d.outcome),
    amount('Betalt belopp', d.paidAmountOre),
    amount('Avskrivet belopp', d.writtenOffAmountOre),
  ],
  evolve: (c, d) => ({
    ...c,
    estateClaims: c.estateClaims.map((e) => (e.claimId === d.claimId ? { ...e, outcome: { ...d } } : e)),
  }),
  statistics: {
    reads: ['decidedOn', 'paidAmountOre', 'writtenOffAmountOre'],
    facts: (d) => [
      ...(d.paidAmountOre > 0 ? [['repayment', d.paidAmountOre, 'estate'] as const] : []),
      ...(d.writtenOffAmountOre > 0 ? [['written-off', d.writtenOffAmountOre, 'estate'] as const] : []),
    ],
  },
});

export const estateClaimOutcome = defineStep({
  id: 'estate-claim-outcome',
  command: 'RecordEstateClaimOutcome',
  auditLabel: 'Besked från dödsboet',
  actors: 'case-handlers',
  http: {
    route: 'estate-claim-outcomes',
    summary: 'Record what the estate paid of the claim lodged against it; the unpaid part is written off.',
    title: 'Besked från dödsboet',
    submit: 'Registrera beskedet',
    request: {
      claimId: claimField(),
      decidedOn: dateField('Beskedets datum'),
      outcome: choiceField(ESTATE_OUTCOMES, 'Utfall'),
      paidAmount: optional(
        amountField('Betalt belopp (kr)', {
          zero: true,
          showIf: { field: 'outcome', values: ['paid-in-part'] },
          requiredWhenShown: true,
          doc: 'What the estate paid; required when it paid in part (paid in full: the lodged amount; nothing: 0).',
        }),
      ),
    },
    toCommand: (b) => ({
      ...given('claimId', b.claimId),
      decidedOn: b.decidedOn,
      outcome: b.outcome,
      ...given('paidAmountOre', b.paidAmount === undefined ? undefined : kronorToOre(b.paidAmount)),
    }),
  },
  refusals: {
    'no-estate-claim': ['conflict', 'Ingen fordran mot dödsboet är anmäld för återkravet.'],
    'estate-claim-decided': ['conflict', 'Beskedet från dödsboet är redan registrerat.'],
    'estate-paid-amount': ['rule', 'Det betalda beloppet stämmer inte med utfallet och den anmälda fordran.'],
  },
  requires: whenOpen((c) =>
    c.estateClaims.length === 0 ? conflict('no-estate-claim', 'No claim has been lodged against the estate') : null,
  ),
  decide: (d, c, { today }) => {
    const claim = requireClaim(c, d.claimId);
    const lodged = c.estateClaims.find((e) => e.claimId === claim.claimId);
    if (!lodged) throw conflict('no-estate-claim', `No claim against the estate is lodged for claim ${claim.claimId}`);
    if (lodged.outcome) throw conflict('estate-claim-decided', 'The outcome of the estate claim is already recorded');
    checkDate(c, 'decidedOn', d.decidedOn, today, [[lodged.lodgedOn, 'the claim against the estate']]);
    // What the estate answers for: the lodged amount, less what was repaid or waived on the claim since.
    const covered = Math.min(lodged.amountOre, claimOutstandingOre(c, claim));
    const paid = d.outcome === 'paid-in-full' ? covered : d.outcome === 'nothing' ? 0 : d.paidAmountOre;
    const wrong =
      paid === undefined ||
      (d.paidAmountOre !== undefined && d.paidAmountOre !== paid) ||
      (d.outcome === 'paid-in-part' && (paid <= 0 || paid >= covered));
    if (wrong)
      throw rule(
        'estate-paid-amount',
        `${d.outcome} does not fit a paid amount of ${paid === undefined ? 'none' : kr(paid)} on ${kr(covered)} lodged`,
        'paidAmount',
        { lodgedAmount: covered / 100 },
      );
    return [
      EstateClaimOutcomeRecorded.of({
        claimId: claim.claimId,
        decidedOn: d.decidedOn,
        outcome: d.outcome,
        paidAmountOre: paid,
        writtenOffAmountOre: covered - paid,
      }),
    ];
  },
});
