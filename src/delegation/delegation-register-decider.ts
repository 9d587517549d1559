import { type LocalDate, addDays } from '../calendar/local-date';
import type { DecisionType, Delegate, DelegationPoint } from './delegation-register';

/**
 * The delegation order as data an administrator keeps: each point adopted
 * (or changed) by the nämnd from a date, and revoked from a date, as events on
 * its own stream. A change never rewrites a version: the new version starts on
 * its date and the one before ends the day before, so a decision is always
 * judged by the point as it stood on the decision's date. Pure.
 */
type Ev<T extends string, D> = { type: T; data: D };

/** What an adopted point says, from `validFrom`. */
export type PointTerms = {
  number: string;
  title: string;
  decisionTypes: DecisionType[];
  delegates: Delegate[];
  districts: string[] | null;
  maxAmountOre: number | null;
  validFrom: LocalDate;
};

export type DelegationEvent =
  | Ev<'DelegationPointAdopted', PointTerms>
  /** The point's version in force ends the day before `revokedOn`. */
  | Ev<'DelegationPointRevoked', { number: string; revokedOn: LocalDate }>;

export const DELEGATION_EVENT_TYPES: readonly string[] = ['DelegationPointAdopted', 'DelegationPointRevoked'];
export const isDelegationEvent = (event: { type: string }): event is DelegationEvent =>
  DELEGATION_EVENT_TYPES.includes(event.type);

type Cmd<T extends string, D> = { type: T; data: D; today: LocalDate };
export type DelegationCommand =
  Cmd<'AdoptDelegationPoint', PointTerms> | Cmd<'RevokeDelegationPoint', { number: string; revokedOn: LocalDate }>;

/** Refusals of a register change, with the Swedish the administration page shows. */
export const DELEGATION_REGISTER_REFUSALS = {
  'delegation-point-not-after-current': [
    'rule',
    'En ny lydelse av punkten måste gälla från ett senare datum än den nuvarande.',
  ],
  'unknown-delegation-point': ['rule', 'Delegationsordningen har ingen sådan punkt.'],
  'delegation-point-revoked': ['conflict', 'Punkten är redan upphävd.'],
  'revoked-before-adopted': ['rule', 'Punkten kan inte upphävas före den dag den började gälla.'],
  'no-delegates': ['rule', 'Ange minst en delegat; nämnden själv är ingen delegat.'],
  'no-decision-types': ['rule', 'Ange minst ett slags beslut som punkten avser.'],
  'unknown-district': ['rule', 'Stadsdelen finns inte i registret.'],
} as const satisfies Record<string, readonly ['rule' | 'conflict', string]>;
export type DelegationRefusalCode = keyof typeof DELEGATION_REGISTER_REFUSALS;

/** A refused change, naming the field: `conflict` with the register as it is (409), `rule` broken (422). */
export class DelegationRefusal extends Error {
  readonly kind: 'rule' | 'conflict';
  constructor(
    readonly code: DelegationRefusalCode,
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = 'DelegationRefusal';
    this.kind = DELEGATION_REGISTER_REFUSALS[code][0];
  }
}

/** The latest version of a point (the one a change continues from). */
const latest = (points: readonly DelegationPoint[], number: string): DelegationPoint | undefined =>
  points.filter((p) => p.number === number).sort((a, b) => b.validFrom.localeCompare(a.validFrom))[0];

function decide(command: DelegationCommand, points: DelegationPoint[]): DelegationEvent[] {
  switch (command.type) {
    case 'AdoptDelegationPoint': {
      const d = command.data;
      if (d.decisionTypes.length === 0)
        throw new DelegationRefusal('no-decision-types', 'A point must cover some decision', 'decisionTypes');
      if (d.delegates.length === 0)
        throw new DelegationRefusal('no-delegates', 'A point must name at least one delegate', 'delegates');
      const current = latest(points, d.number);
      if (current && d.validFrom <= current.validFrom) {
        throw new DelegationRefusal(
          'delegation-point-not-after-current',
          `Point ${d.number} has a version from ${current.validFrom}; a new one must start later`,
          'validFrom',
        );
      }
      return [
        {
          type: 'DelegationPointAdopted',
          data: {
            ...d,
            decisionTypes: [...new Set(d.decisionTypes)],
            delegates: [...new Set(d.delegates)],
            districts: d.districts === null ? null : [...new Set(d.districts)],
          },
        },
      ];
    }
    case 'RevokeDelegationPoint': {
      const d = command.data;
      const current = latest(points, d.number);
      if (!current) throw new DelegationRefusal('unknown-delegation-point', `There is no point ${d.number}`, 'number');
      if (current.validTo !== null) {
        throw new DelegationRefusal(
          'delegation-point-revoked',
          `Point ${d.number} ended on ${current.validTo}`,
          'number',
        );
      }
      if (d.revokedOn <= current.validFrom) {
        throw new DelegationRefusal(
          'revoked-before-adopted',
          `Point ${d.number} is in force from ${current.validFrom}`,
          'revokedOn',
        );
      }
      return [{ type: 'DelegationPointRevoked', data: { ...d } }];
    }
  }
}

function evolve(points: DelegationPoint[], event: DelegationEvent): DelegationPoint[] {
  switch (event.type) {
    case 'DelegationPointAdopted': {
      const d = event.data;
      const dayBefore = addDays(d.validFrom, -1);
      // The version in force until now ends the day before the new one starts.
      const ended = points.map((p) =>
        p.number === d.number && (p.validTo === null || p.validTo > dayBefore) ? { ...p, validTo: dayBefore } : p,
      );
      return [...ended, { ...d, validTo: null }];
    }
    case 'DelegationPointRevoked': {
      const dayBefore = addDays(event.data.revokedOn, -1);
      return points.map((p) =>
        p.number === event.data.number && (p.validTo === null || p.validTo > dayBefore)
          ? { ...p, validTo: dayBefore }
          : p,
      );
    }
  }
}

/** The delegation order's decider: it starts empty (the nämnd's order is entered by an administrator). */
export const delegationDecider = { decide, evolve, initialState: (): DelegationPoint[] => [] };
