import { code, localDate, object, oneOf, optional as optionalShape, ore, type Infer } from '../../../kernel/shape';
import { PERSON_REFUSALS, PERSON_ROLES, debtorOf, requireWithinPersonsPart } from '../../domain/persons';
import { rule } from '../../domain/case-errors';
import { claimPositionOf } from '../../domain/case-state';
import { WAIVER_REASON_LABELS } from '../../domain/catalogues';
import { kronorToOre } from '../../../kernel/money';
import { checkDate, hasClaim, kr, requireClaim, requireWithinOutstanding, whenOpen } from '../../domain/rules';
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
import { expiredOn } from '../../domain/three-year-limit';
import { onTheOnlyClaim } from '../repayment-claim/repayment-claim.step';

/** Eftergift: the nämnd waives (part of) a claim (9 kap. 4 § SoL 2001:453, 33 kap. 6 § SoL 2025:400). */
const claimWaivedShape = object({
  claimId: code(),
  decidedOn: localDate,
  reason: oneOf(WAIVER_REASON_LABELS),
  amountOre: ore(),
  /** Whose part is waived, on a claim decided against two persons (absent: the case's person). */
  person: optionalShape(oneOf(PERSON_ROLES)),
});

/** What a ClaimWaived event holds. */
export type ClaimWaivedData = Infer<typeof claimWaivedShape>;

export const ClaimWaived = caseEvent('ClaimWaived', {
  shape: claimWaivedShape,
  upcasts: [onTheOnlyClaim],
  label: 'Eftergift',
  on: (d) => d.decidedOn,
  evolve: (c, d) => ({ ...c, waivers: [...c.waivers, { ...d }] }),
  statistics: { reads: ['decidedOn', 'amountOre', 'reason'], facts: (d) => [['waiver', d.amountOre, d.reason]] },
});

export const waiver = defineStep({
  id: 'waiver',
  command: 'WaiveClaim',
  auditLabel: 'Eftergift',
  actors: 'case-handlers',
  http: {
    route: 'waivers',
    summary: 'Waive (part of) the claim (eftergift).',
    title: 'Eftergift',
    submit: 'Registrera eftergift',
    request: {
      claimId: claimField(),
      decidedOn: dateField('Beslutsdatum'),
      reason: choiceField(WAIVER_REASON_LABELS, 'Skäl'),
      amount: amountField('Belopp (kr)'),
      person: optional(
        choiceField(PERSON_ROLES, 'Gäller', {
          doc: 'On a claim decided against two persons: whose part is waived (may be left out when the claim is against one).',
          offeredIf: ({ c }) => c.claims.some((x) => x.shares !== undefined),
        }),
      ),
    },
    toCommand: (b) => ({
      ...given('claimId', b.claimId),
      decidedOn: b.decidedOn,
      reason: b.reason,
      amountOre: kronorToOre(b.amount),
      ...given('person', b.person),
    }),
  },
  refusals: {
    'above-expired': ['rule', 'Eftergiften är större än det belopp som passerat treårsgränsen.'],
    'person-required': PERSON_REFUSALS['person-required'],
    'person-not-liable': PERSON_REFUSALS['person-not-liable'],
  },
  requires: whenOpen(hasClaim),
  decide: (d, c, { today }) => {
    const claim = requireClaim(c, d.claimId);
    checkDate(c, 'decidedOn', d.decidedOn, today, [[claim.decidedOn, 'the repayment claim']]);
    requireWithinOutstanding(c, claim, d.amountOre);
    if (d.reason === 'time-limit') {
      const expired = expiredOn(claimPositionOf(c, claim), d.decidedOn);
      if (d.amountOre > expired) {
        throw rule(
          'above-expired',
          `${kr(d.amountOre)} is above the ${kr(expired)} past the three-year limit on ${d.decidedOn}`,
          'amount',
          { expiredAmount: expired / 100 },
        );
      }
    }
    // On a claim decided against two persons a waiver is of one person's part: its reasons are that person's own.
    const person = debtorOf(claim, d.person);
    if (person) requireWithinPersonsPart(c, claim, person, d.amountOre);
    return [
      ClaimWaived.of({
        claimId: claim.claimId,
        decidedOn: d.decidedOn,
        reason: d.reason,
        amountOre: d.amountOre,
        ...(person ? { person } : {}),
      }),
    ];
  },
});
