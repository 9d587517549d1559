/** Who is asking: from a verified bearer token. */
export const ROLES = ['investigator', 'unit-head', 'department', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  user: string;
  role: Role;
  /** Districts whose cases the user may see (investigators and unit heads). */
  districts: string[];
}

export const USER_ID = /^[\p{L}\p{N}._@-]{1,100}$/u;

export function canSeeDistrict(principal: Principal, district: string): boolean {
  return (
    (principal.role === 'investigator' || principal.role === 'unit-head') && principal.districts.includes(district)
  );
}
