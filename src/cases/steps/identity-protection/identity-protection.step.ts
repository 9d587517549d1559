import { localDate, object, oneOf, type Infer } from '../../../kernel/shape';
import { conflict } from '../../domain/case-errors';
import type { CaseState } from '../../domain/case-state';
import {
  PERSON_REFUSALS,
  PERSON_ROLES,
  PROTECTION_BASES,
  identityProtected,
  isProtected,
  type PersonRole,
  type ProtectionBasis,
} from '../../domain/persons';
import { checkDate } from '../../domain/rules';
import { caseEvent, choiceField, dateField, defineStep, given, optional } from '../../domain/step';
import { coded } from '../../domain/details';

/**
 * Skyddade personuppgifter: Skatteverket has marked the person
 * (sekretessmarkering, 21 kap. 3 § offentlighets- och sekretesslagen
 * 2009:400), registered them elsewhere (skyddad folkbokföring, 16 §
 * folkbokföringslagen 1991:481) or given them fingerade personuppgifter.
 * From then on the case's persons' names and personnummer are shown only to
 * the case's investigator and the district's unit head, never in a list, an
 * export or a search answer to anyone else (see `mayIdentify`). Marked at
 * registration (`subject.protectedIdentity`), when the second person is
 * named, or later with this step; lifted only by a unit head.
 *
 * A closed or voided case still holds the person's data, so the protection
 * can be recorded on it too.
 */
const identityProtectedShape = object({
  notedOn: localDate,
  person: oneOf(PERSON_ROLES),
  basis: oneOf(PROTECTION_BASES),
});
export type IdentityProtectedData = Infer<typeof identityProtectedShape>;

export const IdentityProtected = caseEvent('IdentityProtected', {
  shape: identityProtectedShape,
  label: 'Skyddade personuppgifter registrerade',
  on: (d) => d.notedOn,
  details: (d) => [coded('Person', PERSON_ROLES, d.person), coded('Skydd', PROTECTION_BASES, d.basis)],
  // Not a step of the process: later steps may be dated before it.
  movesLastStep: false,
  evolve: (c, d) => ({
    ...c,
    identityProtections: [...c.identityProtections, { person: d.person, basis: d.basis, since: d.notedOn }],
  }),
  statistics: { reads: ['notedOn'], facts: () => [] },
});

const identityProtectionLiftedShape = object({ liftedOn: localDate, person: oneOf(PERSON_ROLES) });
export type IdentityProtectionLiftedData = Infer<typeof identityProtectionLiftedShape>;

export const IdentityProtectionLifted = caseEvent('IdentityProtectionLifted', {
  shape: identityProtectionLiftedShape,
  label: 'Skyddade personuppgifter upphörda',
  on: (d) => d.liftedOn,
  details: (d) => [coded('Person', PERSON_ROLES, d.person)],
  movesLastStep: false,
  evolve: (c, d) => ({ ...c, identityProtections: c.identityProtections.filter((p) => p.person !== d.person) }),
  statistics: { reads: ['liftedOn'], facts: () => [] },
});

/** Any registered case: the protection concerns reading, not the process, so closed and voided cases take it too. */
const registered = (state: CaseState) =>
  state.exists ? null : conflict('case-not-registered', 'The case has not been registered');

export interface ProtectIdentityData {
  notedOn: string;
  person?: PersonRole;
  basis: ProtectionBasis;
}

export const identityProtection = defineStep({
  id: 'identity-protection',
  command: 'ProtectIdentity',
  auditLabel: 'Registrerade skyddade personuppgifter',
  actors: 'case-handlers',
  http: {
    route: 'identity-protection',
    summary:
      "Record that a person of the case has a protected identity (skyddade personuppgifter): name and personnummer are then shown only to the case's investigator and the district's unit head.",
    title: 'Skyddade personuppgifter',
    submit: 'Registrera skyddet',
    request: {
      notedOn: dateField('Känt sedan'),
      person: optional(
        choiceField(PERSON_ROLES, 'Person', {
          doc: "Whose identity: the case's person unless told.",
          initial: () => 'subject',
          offeredIf: ({ c }) => c.secondPerson !== null,
        }),
      ),
      basis: choiceField(PROTECTION_BASES, 'Skydd'),
    },
    toCommand: (b): ProtectIdentityData => ({ notedOn: b.notedOn, basis: b.basis, ...given('person', b.person) }),
  },
  refusals: {
    'identity-already-protected': ['conflict', 'Personens identitet är redan skyddad i ärendet.'],
    'no-second-person': PERSON_REFUSALS['no-second-person'],
  },
  requires: registered,
  decide: (d, c, { today }) => {
    checkDate(c, 'notedOn', d.notedOn, today);
    const person = d.person ?? 'subject';
    if (person === 'second-person' && !c.secondPerson)
      throw conflict('no-second-person', 'The case names no second person');
    if (isProtected(c, person))
      throw conflict('identity-already-protected', `The ${person}'s identity is already protected`);
    return [IdentityProtected.of({ notedOn: d.notedOn, person, basis: d.basis })];
  },
});

export interface LiftIdentityProtectionData {
  liftedOn: string;
  person?: PersonRole;
}

export const identityProtectionLifting = defineStep({
  id: 'identity-protection-lifting',
  command: 'LiftIdentityProtection',
  auditLabel: 'Tog bort skyddade personuppgifter',
  // Lifting shows the identity to everyone who may read the case: the unit head decides it.
  actors: 'unit-heads',
  http: {
    route: 'identity-protection-lifting',
    summary: "Record that a person's protected identity has ended (unit head).",
    title: 'Skyddade personuppgifter upphör',
    submit: 'Ta bort skyddet',
    request: {
      liftedOn: dateField('Upphörde'),
      person: optional(
        choiceField(PERSON_ROLES, 'Person', {
          doc: "Whose protection ended: the case's person unless told.",
          initial: () => 'subject',
          offeredIf: ({ c }) => c.secondPerson !== null,
        }),
      ),
    },
    toCommand: (b): LiftIdentityProtectionData => ({ liftedOn: b.liftedOn, ...given('person', b.person) }),
  },
  refusals: { 'identity-not-protected': ['conflict', 'Personens identitet är inte skyddad i ärendet.'] },
  requires: (state) =>
    registered(state) ??
    (state.exists && !identityProtected(state)
      ? conflict('identity-not-protected', 'No identity is protected in this case')
      : null),
  decide: (d, c, { today }) => {
    const person = d.person ?? 'subject';
    const protection = c.identityProtections.find((p) => p.person === person);
    if (!protection) throw conflict('identity-not-protected', `The ${person}'s identity is not protected in this case`);
    checkDate(c, 'liftedOn', d.liftedOn, today, [[protection.since, 'the protection']]);
    return [IdentityProtectionLifted.of({ liftedOn: d.liftedOn, person })];
  },
});
