import type { District } from '../../districts/district-register';

export class DistrictDto implements District {
  /** Stable code, e.g. bromma. */
  code!: string;
  name!: string;
  /** Case numbers start with it. */
  prefix!: string;
  validFrom!: string;
  /** null: still in use. */
  validTo!: string | null;
  /** Where its open cases passed on the day after validTo (a merger); null while it exists. */
  successor!: string | null;
}
