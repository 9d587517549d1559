import type { LocalDate } from '../../calendar/local-date';
import type { Claim, OpenCase } from './case-state';
import { rule } from './case-errors';
import type { Refusal } from './step';

/**
 * The persons of a case and who may see who they are.
 *
 * Ekonomiskt bistånd is granted to a household: makar and sambor apply
 * together and the need is assessed for both (4 kap. 1 § SoL 2001:453 and
 * its successor in SoL 2025:400). A case concerns the person it was registered on
 * and may name a second adult of the household, each of whom can be liable
 * for a claim (9 kap. 1 § SoL 2001:453 / 33 kap. 1 § SoL 2025:400: the nämnd
 * may claim from "någon" who by false information or omission caused the
 * incorrect payment; liability follows the person, not the household).
 */
export const PERSON_ROLES = {
  subject: 'Ärendets person',
  'second-person': 'Make, maka eller sambo',
} as const;
export type PersonRole = keyof typeof PERSON_ROLES;

export const HOUSEHOLD_RELATIONS = {
  spouse: 'Make eller maka (även registrerad partner)',
  cohabitant: 'Sambo',
} as const;
export type HouseholdRelation = keyof typeof HOUSEHOLD_RELATIONS;

/**
 * Why a person's identity is protected (skyddade personuppgifter), as
 * Skatteverket's folkbokföring records it: a sekretessmarkering (a marker
 * that calls for a strict secrecy assessment, 21 kap. 3 § and 22 kap. 1 §
 * offentlighets- och sekretesslagen 2009:400), skyddad folkbokföring
 * (16 § folkbokföringslagen 1991:481) or fingerade personuppgifter (lag
 * 1991:483). Within the social services the file is already secret
 * (26 kap. 1 § OSL); the marker narrows who inside the unit sees who the
 * person is to those who need it for their work (GDPR art. 5.1 f, 32).
 */
export const PROTECTION_BASES = {
  'confidentiality-marking': 'Sekretessmarkering (21 kap. 3 § OSL)',
  'protected-registration': 'Skyddad folkbokföring (16 § folkbokföringslagen)',
  'fictitious-identity': 'Fingerade personuppgifter (lag 1991:483)',
} as const;
export type ProtectionBasis = keyof typeof PROTECTION_BASES;

/** A person of the case whose identity is protected, since when and why. */
export interface IdentityProtection {
  person: PersonRole;
  basis: ProtectionBasis;
  since: LocalDate;
}

/** Who is reading: the parts of a signed-in user the rule needs. */
export interface IdentityViewer {
  user: string;
  role: string;
  districts: readonly string[];
}

/** Whether the identity of anyone in the case is protected. */
export const identityProtected = (c: OpenCase): boolean => c.identityProtections.length > 0;

/** Whether this person of the case is protected. */
export const isProtected = (c: OpenCase, person: PersonRole): boolean =>
  c.identityProtections.some((p) => p.person === person);

/**
 * Whether the viewer may see who the persons of a case are (name and
 * personnummer). Unprotected: everyone who may read the case. Protected:
 * only the case's assigned investigator and the unit head of the case's
 * district, who need it for the work; a household shares the protection (the
 * second adult's name would give the protected person's household away), so
 * both persons' identities are withheld together. A trusted in-process
 * caller (no viewer: the import, the demo) is not a reader.
 */
export function mayIdentify(c: OpenCase, viewer: IdentityViewer | undefined): boolean {
  if (!viewer || !identityProtected(c)) return true;
  if (!viewer.districts.includes(c.district)) return false;
  if (viewer.role === 'unit-head') return true;
  return viewer.role === 'investigator' && c.investigator === viewer.user;
}

/** The case as a reader who may not see its persons' identities sees it: names and personnummer left out. */
export function withheldIdentity(c: OpenCase): OpenCase {
  return {
    ...c,
    subject: { ...c.subject, personalIdentityNumber: null, name: null },
    secondPerson: c.secondPerson && { ...c.secondPerson, personalIdentityNumber: null, name: null },
  };
}

// ---- who owes what of a claim -----------------------------------------------------------------

/** A person's part of a claim. */
export interface Share {
  person: PersonRole;
  amountOre: number;
}

/** Who a claim is decided against, and for how much: the whole claim on the case's person unless split. */
export const sharesOf = (claim: Claim): Share[] => claim.shares ?? [{ person: 'subject', amountOre: claim.amountOre }];

/** A person's part of a claim; 0 when the claim is not decided against them. */
export const shareOf = (claim: Claim, person: PersonRole): number =>
  sharesOf(claim).find((s) => s.person === person)?.amountOre ?? 0;

/** The person liable alone for a claim, or null when two share it. */
export function soleDebtor(claim: Claim): PersonRole | null {
  const shares = sharesOf(claim).filter((s) => s.amountOre > 0);
  return shares.length === 1 ? shares[0].person : null;
}

const byPerson = <T extends { claimId: string; amountOre: number; person?: PersonRole }>(
  xs: T[],
  claim: Claim,
  person: PersonRole,
): number =>
  xs
    .filter((x) => x.claimId === claim.claimId && (x.person ?? 'subject') === person)
    .reduce((s, x) => s + x.amountOre, 0);

/** What one person has repaid on a claim (a repayment that names nobody was the case's person's). */
export const repaidBy = (c: OpenCase, claim: Claim, person: PersonRole): number =>
  byPerson(c.repayments, claim, person);

/** What was waived of one person's part of a claim. */
export const waivedFor = (c: OpenCase, claim: Claim, person: PersonRole): number => byPerson(c.waivers, claim, person);

/** What one person still owes on a claim: their part less what they repaid and what was waived for them. */
export const personOutstandingOre = (c: OpenCase, claim: Claim, person: PersonRole): number =>
  shareOf(claim, person) - repaidBy(c, claim, person) - waivedFor(c, claim, person);

/** What a person owed of a claim on a day: their part less what they repaid by then and the waivers decided by then. */
export function owedOn(c: OpenCase, claim: Claim, person: PersonRole, on: LocalDate): number {
  const theirs = (x: { claimId: string; person?: PersonRole }) =>
    x.claimId === claim.claimId && (x.person ?? 'subject') === person;
  const repaid = c.repayments.filter((r) => theirs(r) && r.receivedOn <= on).reduce((s, r) => s + r.amountOre, 0);
  const waived = c.waivers.filter((w) => theirs(w) && w.decidedOn <= on).reduce((s, w) => s + w.amountOre, 0);
  return Math.max(0, shareOf(claim, person) - repaid - waived);
}

/** What the person a granted waiver is for still owed of the claim once it was decided (c.waivers[index]). */
export function owedAfterWaiver(c: OpenCase, index: number): number {
  const w = c.waivers[index];
  const claim = c.claims.find((x) => x.claimId === w.claimId);
  if (!claim) return 0;
  const person = w.person ?? 'subject';
  const theirs = (x: { claimId: string; person?: PersonRole }) =>
    x.claimId === claim.claimId && (x.person ?? 'subject') === person;
  const repaid = c.repayments
    .filter((r) => theirs(r) && r.receivedOn <= w.decidedOn)
    .reduce((s, r) => s + r.amountOre, 0);
  // The waivers recorded up to and including this one (two on one day count in their order).
  const waived = c.waivers
    .slice(0, index + 1)
    .filter(theirs)
    .reduce((s, x) => s + x.amountOre, 0);
  return Math.max(0, shareOf(claim, person) - repaid - waived);
}

// ---- refusals several steps share ------------------------------------------------------------

export const PERSON_REFUSALS = {
  'no-second-person': ['conflict', 'Ärendet har ingen make, maka eller sambo.'],
  'person-required': ['rule', 'Återkravet gäller två personer: ange vem steget gäller.'],
  'person-not-liable': ['rule', 'Återkravet är inte riktat mot den personen.'],
} as const satisfies Record<string, Refusal>;

/**
 * Whose part of a claim a repayment or a waiver concerns: the named person, or
 * the one person the claim is decided against. Undefined for a claim on the
 * case's person alone (the event then names nobody, as before claims could be split).
 */
export function debtorOf(claim: Claim, named: PersonRole | undefined): PersonRole | undefined {
  if (!claim.shares) {
    if (named && named !== 'subject')
      throw rule('person-not-liable', `Claim ${claim.claimId} is decided against the case's person only`, 'person');
    return undefined;
  }
  const person = named ?? soleDebtor(claim);
  if (!person)
    throw rule('person-required', `Claim ${claim.claimId} is decided against two persons: name one`, 'person');
  if (shareOf(claim, person) === 0)
    throw rule('person-not-liable', `Claim ${claim.claimId} is not decided against the ${person}`, 'person');
  return person;
}

/** A repayment or a waiver cannot exceed what the person still owes of their part. */
export function requireWithinPersonsPart(c: OpenCase, claim: Claim, person: PersonRole, amountOre: number): void {
  const outstanding = personOutstandingOre(c, claim, person);
  if (amountOre > outstanding)
    throw rule(
      'amount-above-outstanding',
      `${(amountOre / 100).toFixed(2)} kr is above the ${(outstanding / 100).toFixed(2)} kr the ${person} still owes`,
      'amount',
      { outstandingAmount: outstanding / 100 },
    );
}
