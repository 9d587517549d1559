import type { LocalDate } from '../../calendar/local-date';
import {
  type Capacity,
  DECISION_MAKER_CAPACITIES,
  DECISION_TYPES,
  type DecisionType,
  type DelegationPoint,
  THE_BOARD,
  holdsIn,
  isInForceOn,
  pointOn,
  pointsCovering,
} from '../../delegation/delegation-register';
import { type Infer, nullable, object, oneOf, optional as optionalShape, text } from '../../kernel/shape';
import { invalid, rule } from './case-errors';
import { asked, coded, user } from './details';
import type { OpenCase } from './case-state';
import { type CommandContext, type Detail, type Lookups, type Refusal, choiceField, optional, textField } from './step';

/**
 * Who took a decision, in what capacity, and under which point of the nämnd's
 * delegation order: the reusable piece every decision step spreads in.
 *
 * The law: a decision must be documented with who took it (förvaltningslagen
 * 2017:900, 31 § 3); a nämnd may delegate its decisions to an utskott, a
 * member or an ersättare (kommunallagen 2017:725, 6 kap. 37 §), to an employee
 * (7 kap. 5 §), to the chair in urgent matters (6 kap. 39 §), never those
 * 6 kap. 38 § keeps for itself; every delegated decision is reported to the
 * nämnd (6 kap. 40 §, see src/delegated-decisions). A decision taken under no
 * point that covers it is taken without authority.
 *
 * How a step uses it (repayment-claim.step.ts is the example):
 *
 *   request: { ...theStepsFields, ...DECISION_MAKER_REQUEST },
 *   toCommand: (b, context) => ({ ...theStepsCommand, ...decisionMakerOf(b, context) }),
 *   prepare: prepareDecisionMaker,
 *   refusals: { ...theStepsRefusals, ...DECISION_MAKER_REFUSALS },
 *   decide: (d, c) => [Event.of({ ..., ...decidedUnderDelegation('repayment-claim', d, c, d.decidedOn, amountOre) })],
 *
 * and the event's shape spreads `DECISION_MAKER_FIELD` in (an optional field:
 * events written before it, and by callers that name no decision-maker,
 * hold none and stay valid).
 *
 * Chosen: over HTTP a decision that names no decision-maker is recorded as
 * taken by the signed-in user who records it, in the capacity of their role
 * (FUT-utredare, enhetschef), under the one point of the order that covers it;
 * the user who records a decision under their own sign-in vouches for it, as
 * a signature would. A decision taken by someone else must name them. The
 * import and the demo loader record decisions taken earlier and documented
 * elsewhere: they name none, and the list of delegated decisions shows those
 * as "ej angiven".
 */

/** As the event holds it. `delegationPoint` is null for the nämnd's own decision, or where the order has no points. */
export const decisionMakerShape = object({
  /** Name or user id; null only for the nämnd itself. */
  decidedBy: nullable(text({ max: 100 })),
  capacity: oneOf(DECISION_MAKER_CAPACITIES),
  delegationPoint: nullable(text({ max: 20 })),
});
export type DecisionMaker = Infer<typeof decisionMakerShape>;

/** Spread into a decision event's shape. */
export const DECISION_MAKER_FIELD = { decisionMaker: optionalShape(decisionMakerShape) };

/** What a decision command carries of it. */
export interface DecisionMakerCommand {
  /** Absent from callers that name no decision-maker (the import, the demo loader). */
  decisionMaker?: { decidedBy: string | null; capacity: Capacity; delegationPoint: string | null };
  /** The delegation order, looked up for the decision (prepareDecisionMaker). */
  delegationOrder?: readonly DelegationPoint[];
}

const capacityOptions = DECISION_MAKER_CAPACITIES as Record<Capacity, string>;

/** The capacity a role decides in when the request names none. */
function capacityOfRole(role: string): Capacity | undefined {
  if (role === 'investigator') return 'fut-investigator';
  if (role === 'unit-head') return 'unit-head';
  return undefined;
}

/** Spread into a decision step's request: the three fields the form asks for. */
export const DECISION_MAKER_REQUEST = {
  decidedBy: optional(
    textField('Beslutsfattare', {
      max: 100,
      multiline: false,
      hint: 'Namn eller användar-id på den som fattade beslutet.',
      doc: 'Who took the decision (name or user id). Left out: the signed-in user who records it.',
      initial: ({ caller }) => caller?.user ?? '',
    }),
  ),
  decidedAs: optional(
    choiceField(capacityOptions, 'Beslutsfattarens funktion', {
      doc: "In what capacity the decision was taken; 'board' is the nämnd itself (no delegation). Left out: the signed-in user's role (investigator: fut-investigator, unit head: unit-head).",
      initial: ({ caller }) => (caller && capacityOfRole(caller.role)) ?? '',
    }),
  ),
  delegationPoint: optional(
    textField('Delegationspunkt', {
      max: 20,
      multiline: false,
      hint: 'Punkt i nämndens delegationsordning, t.ex. 4.2.1. Tomt: den punkt i registret som gäller beslutet.',
      doc: "The point of the nämnd's delegation order (GET /api/delegation-points) the decision was taken under. Left out: the one point in force that covers the decision and the capacity.",
    }),
  ),
};

/**
 * Who decided, as the timeline reads it, under the form's labels. Who decided is an official
 * (förvaltningslagen 31 § 3: the decision documents it), never the case's person.
 */
export const decisionMakerDetails = (m: DecisionMaker | undefined): Array<Detail | null> =>
  m
    ? [
        user(DECISION_MAKER_REQUEST.decidedBy.label, m.decidedBy),
        asked(DECISION_MAKER_REQUEST.decidedAs, m.capacity),
        // The point's number in the nämnd's order, as the order writes it: a code of no list here.
        coded(DECISION_MAKER_REQUEST.delegationPoint.label, {}, m.delegationPoint),
      ]
    : [];

type DecisionMakerBody = { decidedBy?: string; decidedAs?: Capacity; delegationPoint?: string };

/** The decision-maker a request names, or the signed-in user in their role's capacity. */
export function decisionMakerOf(b: DecisionMakerBody, context: CommandContext): DecisionMakerCommand {
  const caller = context.caller;
  const named = b.decidedBy?.trim() || undefined;
  const point = b.delegationPoint?.trim() || null;
  if (!caller && !named && !b.decidedAs) return {};
  const self = named === undefined || named === caller?.user;
  const capacity = b.decidedAs ?? (self && caller ? capacityOfRole(caller.role) : undefined);
  if (!capacity) throw invalid('decidedAs', 'decidedAs is required when decidedBy names someone else');
  const decidedBy = named ?? (capacity === THE_BOARD ? null : (caller?.user ?? null));
  return { decisionMaker: { decidedBy, capacity, delegationPoint: point } };
}

/** Looks up the delegation order for a decision that names its decision-maker, whoever sends it. */
export async function prepareDecisionMaker<D extends DecisionMakerCommand>(d: D, lookups: Lookups): Promise<D> {
  return d.decisionMaker ? { ...d, delegationOrder: await lookups.delegationOrder() } : d;
}

/** The refusals of the rule below, spread into a decision step's refusals. */
export const DECISION_MAKER_REFUSALS = {
  'decision-maker-required': ['rule', 'Ange vem som fattade beslutet.'],
  'board-decides-without-delegation': [
    'rule',
    'Nämndens egna beslut fattas inte med stöd av delegation: ange ingen delegationspunkt.',
  ],
  'delegation-point-not-in-force': ['rule', 'Delegationsordningen har ingen sådan punkt som gällde på beslutsdagen.'],
  'delegation-point-not-in-district': ['rule', 'Delegationspunkten gäller inte i ärendets stadsdelsnämnd.'],
  'delegation-point-does-not-cover': ['rule', 'Delegationspunkten gäller inte den här sortens beslut.'],
  'not-a-delegate': ['rule', 'Beslutsfattarens funktion har inte delegation att fatta beslutet.'],
  'above-delegation-limit': ['rule', 'Beloppet är högre än delegationen medger. Beslutet måste fattas på högre nivå.'],
  'decision-not-delegated': [
    'rule',
    'Nämnden har inte delegerat den här sortens beslut. Bara nämnden själv kan fatta det.',
  ],
  'delegation-point-required': [
    'rule',
    'Flera delegationspunkter gäller beslutet: ange vilken det fattades med stöd av.',
  ],
} as const satisfies Record<string, Refusal>;

const kronor = (ore: number): string => `${(ore / 100).toFixed(2)} kr`;

/**
 * The decision-maker the event records, after the rule that the point covers
 * the decision: it is in force on the decision's date in the case's nämnd,
 * covers this decision type, delegates to this capacity, and allows the
 * amount. With no point named, the one point that does all of that; the
 * nämnd's own decision needs none. Without a decision-maker in the command,
 * nothing (see the module's comment).
 */
export function decidedUnderDelegation(
  type: DecisionType,
  d: DecisionMakerCommand,
  c: OpenCase,
  decidedOn: LocalDate,
  amountOre?: number,
): { decisionMaker?: DecisionMaker } {
  const named = d.decisionMaker;
  if (!named) return {};
  const { capacity } = named;
  if (capacity === THE_BOARD) {
    if (named.delegationPoint !== null) {
      throw rule(
        'board-decides-without-delegation',
        "The nämnd's own decision is not taken under a delegation point",
        'delegationPoint',
      );
    }
    return { decisionMaker: { decidedBy: named.decidedBy, capacity, delegationPoint: null } };
  }
  if (!named.decidedBy) throw rule('decision-maker-required', 'Name who took the decision', 'decidedBy');
  const order = d.delegationOrder ?? [];
  const within = (p: DelegationPoint) =>
    amountOre === undefined || p.maxAmountOre === null || amountOre <= p.maxAmountOre;
  const what = DECISION_TYPES[type];
  const record = (point: string | null) => ({
    decisionMaker: { decidedBy: named.decidedBy, capacity, delegationPoint: point },
  });

  if (named.delegationPoint !== null) {
    const point = pointOn(order, named.delegationPoint, decidedOn);
    if (!point) {
      throw rule(
        'delegation-point-not-in-force',
        `No point ${named.delegationPoint} of the delegation order is in force on ${decidedOn}`,
        'delegationPoint',
      );
    }
    if (!holdsIn(point, c.district)) {
      throw rule(
        'delegation-point-not-in-district',
        `Point ${point.number} does not hold in the nämnd of ${c.district}`,
        'delegationPoint',
      );
    }
    if (!point.decisionTypes.includes(type)) {
      throw rule(
        'delegation-point-does-not-cover',
        `Point ${point.number} (${point.title}) does not cover ${type} (${what})`,
        'delegationPoint',
        { decisionTypes: point.decisionTypes },
      );
    }
    if (!point.delegates.includes(capacity as never)) {
      throw rule(
        'not-a-delegate',
        `Point ${point.number} delegates to ${point.delegates.join(', ')}, not ${capacity}`,
        'decidedAs',
        { delegates: point.delegates },
      );
    }
    if (!within(point)) {
      throw rule(
        'above-delegation-limit',
        `Point ${point.number} allows at most ${kronor(point.maxAmountOre!)}`,
        'amount',
        { maximumAmount: point.maxAmountOre! / 100 },
      );
    }
    return record(point.number);
  }

  // No point named: the order decides, when the nämnd has one in the register.
  const inForce = order.filter((p) => isInForceOn(p, decidedOn) && holdsIn(p, c.district));
  if (inForce.length === 0) return record(null);
  const covering = pointsCovering(order, type, c.district, decidedOn);
  if (covering.length === 0) {
    throw rule(
      'decision-not-delegated',
      `The delegation order in force on ${decidedOn} delegates no ${type} (${what}); only the nämnd itself may take it`,
      'decidedAs',
    );
  }
  const forCapacity = covering.filter((p) => p.delegates.includes(capacity as never));
  if (forCapacity.length === 0) {
    throw rule(
      'not-a-delegate',
      `${what} is delegated to ${[...new Set(covering.flatMap((p) => p.delegates))].join(', ')}, not ${capacity}`,
      'decidedAs',
      { delegationPoints: covering.map((p) => ({ number: p.number, delegates: p.delegates })) },
    );
  }
  const allowed = forCapacity.filter(within);
  if (allowed.length === 0) {
    const max = Math.max(...forCapacity.map((p) => p.maxAmountOre ?? 0));
    throw rule('above-delegation-limit', `A ${capacity} may decide at most ${kronor(max)}`, 'amount', {
      maximumAmount: max / 100,
    });
  }
  if (allowed.length > 1) {
    throw rule(
      'delegation-point-required',
      `Points ${allowed.map((p) => p.number).join(', ')} all cover the decision: name one`,
      'delegationPoint',
      { delegationPoints: allowed.map((p) => p.number) },
    );
  }
  return record(allowed[0].number);
}
