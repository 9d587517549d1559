import type { LocalDate } from '../calendar/local-date';

/**
 * The nämnd's delegation order (delegationsordning) as data: which of its
 * decisions it has delegated (kommunallagen 2017:725, 6 kap. 37 § to an
 * utskott, a member or an ersättare; 7 kap. 5 § to an employee; 6 kap. 39 §
 * to the chair in urgent matters), to whom, and from when. A decision taken
 * under a point is a delegationsbeslut that must be reported to the nämnd
 * (6 kap. 40 §). Pure: the register is kept by its own events
 * (delegation-register-decider.ts) and read by the case decisions.
 */

/** The case decisions a delegation point can cover, with the Swedish a nämnd reads them by. */
export const DECISION_TYPES = {
  'repayment-claim': 'Beslut om återkrav',
  waiver: 'Beslut om eftergift',
  'compensation-suit': 'Beslut att väcka ersättningstalan',
  'no-investigation': 'Beslut att inte inleda utredning',
  'police-report': 'Beslut att polisanmäla',
  closure: 'Beslut att avsluta ärendet',
} as const;
export type DecisionType = keyof typeof DECISION_TYPES;

/**
 * In what capacity someone decides. `board` is the nämnd itself: its own
 * decision needs no delegation point and is not a delegationsbeslut.
 */
export const DECISION_MAKER_CAPACITIES = {
  'fut-investigator': 'FUT-utredare',
  'social-secretary': 'Socialsekreterare',
  'group-leader': 'Gruppledare',
  'section-head': 'Sektionschef',
  'unit-head': 'Enhetschef',
  'department-head': 'Avdelningschef',
  director: 'Stadsdelsdirektör',
  chair: 'Nämndens ordförande',
  committee: 'Nämndens utskott',
  board: 'Nämnden',
} as const;
export type Capacity = keyof typeof DECISION_MAKER_CAPACITIES;
/** The nämnd deciding itself, not under delegation. */
export const THE_BOARD = 'board' satisfies Capacity;
/** Who a point may delegate to: anyone but the nämnd itself. */
export type Delegate = Exclude<Capacity, typeof THE_BOARD>;

/** One version of a point of the delegation order, in force from validFrom to validTo. */
export interface DelegationPoint {
  /** The point's number in the order, e.g. "4.2.1". */
  number: string;
  /** What it covers, as the order words it. */
  title: string;
  decisionTypes: DecisionType[];
  /** Who may decide under it. */
  delegates: Delegate[];
  /** The nämnder (districts) whose order holds it; null: every nämnd of the city. */
  districts: string[] | null;
  /** The largest amount (öre) a decision under it may concern; null: no limit. */
  maxAmountOre: number | null;
  validFrom: LocalDate;
  /** Its last day; null while in force. */
  validTo: LocalDate | null;
}

export const isInForceOn = (point: DelegationPoint, date: LocalDate): boolean =>
  point.validFrom <= date && (point.validTo === null || date <= point.validTo);

/** The version of point `number` in force on `date`. */
export function pointOn(
  points: readonly DelegationPoint[],
  number: string,
  date: LocalDate,
): DelegationPoint | undefined {
  return points.find((p) => p.number === number && isInForceOn(p, date));
}

/** Whether a point holds in a district's nämnd. */
export const holdsIn = (point: DelegationPoint, district: string): boolean =>
  point.districts === null || point.districts.includes(district);

/** The points in force on `date` in `district` that cover a decision type. */
export function pointsCovering(
  points: readonly DelegationPoint[],
  type: DecisionType,
  district: string,
  date: LocalDate,
): DelegationPoint[] {
  return points.filter((p) => isInForceOn(p, date) && holdsIn(p, district) && p.decisionTypes.includes(type));
}

const byNumber = new Intl.Collator('sv-SE', { numeric: true });

/** The register every feature reads: swapped whole when an administrator changes it. */
export class DelegationRegister {
  private list: readonly DelegationPoint[] = [];

  constructor(points: readonly DelegationPoint[] = []) {
    this.replace(points);
  }

  /** Every version of every point, by number (4.2 before 4.10), then from date. */
  get points(): readonly DelegationPoint[] {
    return this.list;
  }

  replace(points: readonly DelegationPoint[]): void {
    this.list = [...points].sort(
      (a, b) => byNumber.compare(a.number, b.number) || a.validFrom.localeCompare(b.validFrom),
    );
  }
}
