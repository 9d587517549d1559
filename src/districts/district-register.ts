import type { LocalDate } from '../calendar/local-date';
import registerData from './districts.json';

/** A district (stadsdelsnämnd, or a city-wide unit reported as one) and when it existed. */
export interface District {
  code: string;
  name: string;
  /** Case numbers start with it: `<prefix>-<year>-<sequence>`. */
  prefix: string;
  validFrom: LocalDate;
  validTo: LocalDate | null;
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
  }

  static default(): DistrictRegister {
    return new DistrictRegister(registerData as District[]);
  }

  get(code: string): District | undefined {
    return this.byCode.get(code);
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
