import { type LocalDate, addDays } from '../calendar/local-date';
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

/** Report order: alphabetical by name, Swedish collation (Å, Ä, Ö last). */
const swedish = new Intl.Collator('sv-SE');

/** The register of districts. It is data (districts.json), not code: a merger is a new row and an end date. */
export class DistrictRegister {
  private readonly byCode: Map<string, District>;

  constructor(readonly districts: District[]) {
    this.byCode = new Map(districts.map((d) => [d.code, d]));
    const prefixes = new Set(districts.map((d) => d.prefix));
    if (prefixes.size !== districts.length) throw new Error('District prefixes must be unique');
    for (const d of districts) {
      if (!d.successor) continue;
      const next = this.byCode.get(d.successor);
      if (!next) throw new Error(`District ${d.code}: unknown successor ${d.successor}`);
      // The successor takes over the open cases on the day after the district ends: no gap, no overlap.
      if (!d.validTo || addDays(d.validTo, 1) !== next.validFrom) {
        throw new Error(
          `District ${d.code} must end the day before its successor ${next.code} starts (${next.validFrom})`,
        );
      }
    }
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
    return this.districts
      .filter((d) => d.validFrom <= to && (d.validTo === null || d.validTo >= from))
      .sort((a, b) => swedish.compare(a.name, b.name));
  }

  all(): District[] {
    return [...this.districts].sort((a, b) => swedish.compare(a.name, b.name));
  }
}
