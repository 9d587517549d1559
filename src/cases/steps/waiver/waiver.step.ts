import {
  code,
  localDate,
  nullable,
  object,
  oneOf,
  optional as optionalShape,
  ore,
  personalText,
  type Infer,
} from '../../../kernel/shape';
import {
  PERSON_REFUSALS,
  PERSON_ROLES,
  type PersonRole,
  debtorOf,
  requireWithinPersonsPart,
} from '../../domain/persons';
import { checkAll, invalid, rule } from '../../domain/case-errors';
import { type Claim, claimPositionOf } from '../../domain/case-state';
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
  textField,
} from '../../domain/step';
import {
  DECISION_MAKER_FIELD,
  DECISION_MAKER_REFUSALS,
  DECISION_MAKER_REQUEST,
  decidedUnderDelegation,
  decisionMakerOf,
  prepareDecisionMaker,
} from '../../domain/decision-maker';
import { expiredOn } from '../../domain/three-year-limit';
import { onTheOnlyClaim } from '../repayment-claim/repayment-claim.step';
import {
  COMMUNICATION_EXCEPTIONS,
  COMMUNICATION_RULE_REFUSALS,
  communicationExceptionField,
  requireCommunicated,
} from '../communication/communication.step';
import { amount, claim, coded, date, law } from '../../domain/details';
import { paragraphLabels } from '../../domain/legal-paragraphs';
import { decisionMakerDetails } from '../../domain/decision-maker';

/**
 * Eftergift: the nämnd waives (part of) a claim, of its own motion or on the
 * person's application (9 kap. 4 § SoL 2001:453, 33 kap. 6 § SoL 2025:400).
 * An application can also be refused: that decision goes against the person,
 * so it needs kommunicering first (förvaltningslagen 25 §) like a claim.
 */
const claimWaivedShape = object({
  claimId: code(),
  decidedOn: localDate,
  reason: oneOf(WAIVER_REASON_LABELS),
  amountOre: ore(),
  /** Whose part is waived, on a claim decided against two persons (absent: the case's person). */
  person: optionalShape(oneOf(PERSON_ROLES)),
  /** The day the person's application came in; absent: waived on the nämnd's own motion (or recorded before this was asked). */
  applicationReceivedOn: optionalShape(localDate),
  /** The grounds of the decision (personal data: encrypted with the person's key). */
  reasons: optionalShape(personalText()),
  ...DECISION_MAKER_FIELD,
});

/** What a ClaimWaived event holds. */
export type ClaimWaivedData = Infer<typeof claimWaivedShape>;

export const ClaimWaived = caseEvent('ClaimWaived', {
  shape: claimWaivedShape,
  upcasts: [onTheOnlyClaim],
  label: 'Eftergift',
  on: (d) => d.decidedOn,
  details: (d, { claimLaw }) => [
    claim(d.claimId),
    amount('Belopp', d.amountOre),
    coded('Skäl', WAIVER_REASON_LABELS, d.reason),
    law(paragraphLabels('waiver'), claimLaw(d.claimId)),
    coded('Gäller', PERSON_ROLES, d.person),
    date('Ansökan kom in', d.applicationReceivedOn),
    ...decisionMakerDetails(d.decisionMaker),
  ],
  evolve: (c, d) => ({ ...c, waivers: [...c.waivers, { ...d }] }),
  statistics: { reads: ['decidedOn', 'amountOre', 'reason'], facts: (d) => [['waiver', d.amountOre, d.reason]] },
});

/** An application for a waiver refused: the claim stands as it was. */
const waiverRefusedShape = object({
  claimId: code(),
  decidedOn: localDate,
  applicationReceivedOn: localDate,
  /** What the application asked to have waived, when it named an amount. */
  amountAppliedOre: nullable(ore()),
  reasons: nullable(personalText()),
  communicationException: optionalShape(oneOf(COMMUNICATION_EXCEPTIONS)),
  ...DECISION_MAKER_FIELD,
});

/** What a WaiverRefused event holds. */
export type WaiverRefusedData = Infer<typeof waiverRefusedShape>;

export const WaiverRefused = caseEvent('WaiverRefused', {
  shape: waiverRefusedShape,
  label: 'Avslag på ansökan om eftergift',
  on: (d) => d.decidedOn,
  details: (d, { claimLaw }) => [
    claim(d.claimId),
    law(paragraphLabels('waiver'), claimLaw(d.claimId)),
    date('Ansökan kom in', d.applicationReceivedOn),
    amount('Ansökt belopp', d.amountAppliedOre),
    coded('Undantag från kommunicering', COMMUNICATION_EXCEPTIONS, d.communicationException),
    ...decisionMakerDetails(d.decisionMaker),
  ],
  evolve: (c, d) => ({ ...c, waiverRefusals: [...c.waiverRefusals, { ...d }] }),
  // The yearly report counts waivers granted only.
  statistics: { reads: ['decidedOn'], facts: () => [] },
});

export const WAIVER_DECISIONS = {
  granted: 'Eftergift beviljas',
  refused: 'Ansökan om eftergift avslås',
} as const;

export const waiver = defineStep({
  id: 'waiver',
  command: 'WaiveClaim',
  auditLabel: 'Eftergift',
  actors: 'case-handlers',
  http: {
    route: 'waivers',
    summary: 'Waive (part of) the claim (eftergift), or refuse an application for a waiver.',
    title: 'Eftergift',
    submit: 'Registrera beslutet',
    request: {
      claimId: claimField(),
      decidedOn: dateField('Beslutsdatum'),
      decision: optional(
        choiceField(WAIVER_DECISIONS, 'Beslut', {
          initial: () => 'granted',
          doc: 'granted (the default) or refused; a refusal answers an application (applicationReceivedOn).',
        }),
      ),
      applicationReceivedOn: optional(
        dateField('Ansökan kom in', {
          hint: 'ÅÅÅÅ-MM-DD. Tomt om nämnden efterger på eget initiativ.',
          // Empty, not today: a waiver on the nämnd's own motion answers no application.
          initial: () => '',
          doc: "The day the person's application for a waiver came in; required for a refusal.",
        }),
      ),
      reason: optional(
        choiceField(WAIVER_REASON_LABELS, 'Skäl', {
          showIf: { field: 'decision', values: ['granted'] },
          requiredWhenShown: true,
          doc: 'Why the claim is waived; required when granted.',
        }),
      ),
      amount: optional(
        amountField('Belopp (kr)', {
          hint: 'Det belopp som efterges, eller som ansökan avsåg. Kronor, till exempel 4 500,00',
          doc: 'Kronor: the amount waived (required when granted), or the amount the refused application asked for.',
        }),
      ),
      person: optional(
        choiceField(PERSON_ROLES, 'Gäller', {
          doc: 'On a claim decided against two persons: whose part is waived (may be left out when the claim is against one).',
          offeredIf: ({ c }) => c.claims.some((x) => x.shares !== undefined),
        }),
      ),
      reasons: optional(textField('Motivering', { max: 10_000, hint: 'Skälen för beslutet.' })),
      communicationException: communicationExceptionField(),
      ...DECISION_MAKER_REQUEST,
    },
    toCommand: (b, context) => ({
      ...given('claimId', b.claimId),
      decidedOn: b.decidedOn,
      ...given('decision', b.decision),
      ...given('applicationReceivedOn', b.applicationReceivedOn),
      ...given('reason', b.reason),
      ...given('amountOre', b.amount === undefined ? undefined : kronorToOre(b.amount)),
      ...given('reasons', b.reasons),
      ...given('person', b.person),
      ...given('communicationException', b.communicationException),
      ...decisionMakerOf(b, context),
    }),
  },
  prepare: prepareDecisionMaker,
  refusals: {
    'above-expired': ['rule', 'Eftergiften är större än det belopp som passerat treårsgränsen.'],
    'person-required': PERSON_REFUSALS['person-required'],
    'person-not-liable': PERSON_REFUSALS['person-not-liable'],
    'waiver-application-required': ['rule', 'Ett avslag besvarar en ansökan: ange när ansökan om eftergift kom in.'],
    ...COMMUNICATION_RULE_REFUSALS,
    ...DECISION_MAKER_REFUSALS,
  },
  requires: whenOpen(hasClaim),
  decide: (d, c, { today }) => {
    const application = d.applicationReceivedOn;
    const refused = d.decision === 'refused';
    // The claim named, the dates, the amount and the person: each field's rule on its own, all answered at
    // once. A malformed field (invalid) is still refused as it comes, unless a rule before it already answers.
    let claim = undefined as Claim | undefined;
    let person: PersonRole | undefined;
    let amountChecked = false;
    let decidedOnChecked = false;
    let partChecked = false;
    let communicated = false;
    let decisionMaker: ReturnType<typeof decidedUnderDelegation> = {};
    checkAll(
      () => {
        claim = requireClaim(c, d.claimId);
      },
      () => {
        if (application !== undefined) checkDate(c, 'applicationReceivedOn', application, today);
      },
      // An unknown claim has no decision date to hold the waiver to: the date's other rules still hold.
      () => {
        checkDate(c, 'decidedOn', d.decidedOn, today, [
          [claim?.decidedOn, 'the repayment claim'],
          [application, 'the application'],
        ]);
        decidedOnChecked = true;
      },
      () => {
        if (!refused) return;
        if (application === undefined) {
          throw rule(
            'waiver-application-required',
            'A refusal answers an application: give applicationReceivedOn',
            'applicationReceivedOn',
          );
        }
      },
      () => {
        if (refused) {
          if (d.reason !== undefined) throw invalid('reason', 'reason applies only to a granted waiver');
          return;
        }
        if (d.reason === undefined) throw invalid('reason', 'reason is required for a waiver granted');
        if (d.amountOre === undefined) throw invalid('amount', 'amount is required for a waiver granted');
        if (d.communicationException !== undefined)
          throw invalid('communicationException', 'a waiver granted does not go against the person: nothing to except');
      },
      () => {
        if (refused || !claim) return;
        const amountOre = d.amountOre!;
        requireWithinOutstanding(c, claim, amountOre);
        if (d.reason === 'time-limit') {
          const expired = expiredOn(claimPositionOf(c, claim), d.decidedOn);
          if (amountOre > expired) {
            throw rule(
              'above-expired',
              `${kr(amountOre)} is above the ${kr(expired)} past the three-year limit on ${d.decidedOn}`,
              'amount',
              { expiredAmount: expired / 100 },
            );
          }
        }
        amountChecked = true;
      },
      // On a claim decided against two persons a waiver is of one person's part: its reasons are that person's own.
      () => {
        if (!refused && claim) person = debtorOf(claim, d.person);
      },
      // An amount already refused above is not refused again for the person's part.
      () => {
        if (claim && person && amountChecked) requireWithinPersonsPart(c, claim, person, d.amountOre!);
        partChecked = true;
      },
      // Förvaltningslagen 25 §: a refusal goes against the person. A date already refused is not refused again.
      () => {
        if (refused && decidedOnChecked) requireCommunicated(c, 'waiver', d.decidedOn, d.communicationException);
        communicated = true;
      },
      // The delegation point is the one in force on the decision date and its limit is held to the amount: it is
      // checked only once the date and (for a waiver granted) the amount are right, and the amount is named once.
      () => {
        if (!claim || !decidedOnChecked || !communicated) return;
        if (refused) decisionMaker = decidedUnderDelegation('waiver', d, c, d.decidedOn, d.amountOre);
        else if (amountChecked && partChecked)
          decisionMaker = decidedUnderDelegation('waiver', d, c, d.decidedOn, d.amountOre!);
      },
    );
    const common = {
      claimId: claim!.claimId,
      decidedOn: d.decidedOn,
      ...given('reasons', d.reasons),
    };

    if (d.decision === 'refused') {
      return [
        WaiverRefused.of({
          ...common,
          applicationReceivedOn: application!,
          amountAppliedOre: d.amountOre ?? null,
          reasons: d.reasons ?? null,
          ...given('communicationException', d.communicationException),
          ...decisionMaker,
        }),
      ];
    }

    // Both are required for a waiver granted (checked above).
    const reason = d.reason!;
    const amountOre = d.amountOre!;
    return [
      ClaimWaived.of({
        ...common,
        reason,
        amountOre,
        ...(person ? { person } : {}),
        ...given('applicationReceivedOn', application),
        ...decisionMaker,
      }),
    ];
  },
});
