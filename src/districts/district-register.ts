import { type LocalDate, addDays, isLocalDate } from '../calendar/local-date';
import registerData from './districts.json';

/** A district (stadsdelsnämnd, or a city-wide unit reported as one) and when it existed. */
export interface District {
  code: string;
  name: string;
  /** Case numbers start with it: `<prefix>-<year>-<sequence>`. */
  prefix: string;
  validFrom: LocalDate;
  validTo: LocalDate | null;
  /** Where the district's open cases pass on the day after validTo (a merger); null while it exists. */
  successor: string | null;
}

export function isDistrictValidOn(district: District, date: LocalDate): boolean {
  return district.validFrom <= date && (district.validTo === null || date <= district.validTo);
}

const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
export function isDistrict(v: unknown): v is District {
  if (typeof v !== 'object' || v === null) return false;
  const d = v as Record<string, unknown>;
  return (
    isText(d.code) &&
    isText(d.name) &&
    isText(d.prefix) &&
    isLocalDate(d.validFrom) &&
    (d.validTo === null || isLocalDate(d.validTo)) &&
    (d.successor === null || isText(d.successor))
  );
}

/** Report order: alphabetical by name, Swedish collation (Å, Ä, Ö last). */
const swedish = new Intl.Collator('sv-SE');

/** The register of districts. It is data (districts.json), not code: a merger is a new row and an end date. */
export class DistrictRegister {
  private byCode = new Map<string, District>();
  private list: readonly District[] = [];

  constructor(districts: readonly District[]) {
    this.replace(districts);
  }

  /** The districts as the register holds them now. */
  get districts(): readonly District[] {
    return this.list;
  }

  /** Swaps in a changed register (an administrator's change), after checking it. */
  replace(districts: readonly District[]): void {
    const byCode = new Map(districts.map((d) => [d.code, d]));
    if (byCode.size !== districts.length) throw new Error('District codes must be unique');
    const prefixes = new Set(districts.map((d) => d.prefix));
    if (prefixes.size !== districts.length) throw new Error('District prefixes must be unique');
    for (const d of districts) {
      if (!d.successor) continue;
      const next = byCode.get(d.successor);
      if (!next) throw new Error(`District ${d.code}: unknown successor ${d.successor}`);
      // The successor takes over the open cases on the day after the district ends: it must exist that day.
      if (!d.validTo || !isDistrictValidOn(next, addDays(d.validTo, 1))) {
        throw new Error(`District ${d.code} must end the day before its successor ${next.code} exists`);
      }
    }
    this.byCode = byCode;
    this.list = districts;
  }

  static default(): DistrictRegister {
    return new DistrictRegister(registerData as District[]);
  }

  get(code: string): District | undefined {
    return this.byCode.get(code);
  }

  /** The district a case registered in `code` belongs to on `date`, following mergers. */
  districtOn(code: string, date: LocalDate): string {
    let current = this.byCode.get(code);
    while (current?.successor && current.validTo !== null && current.validTo < date) {
      current = this.byCode.get(current.successor);
    }
    return current?.code ?? code;
  }

  /** Districts valid on any day between `from` and `to`, in the report's order. */
  validBetween(from: LocalDate, to: LocalDate): District[] {
    return this.list
      .filter((d) => d.validFrom <= to && (d.validTo === null || d.validTo >= from))
      .sort((a, b) => swedish.compare(a.name, b.name));
  }

  all(): District[] {
    return [...this.list].sort((a, b) => swedish.compare(a.name, b.name));
  }
}
