import { code, localDate, object, oneOf, optional, type Infer } from '../../../kernel/shape';
import { conflict, invalid } from '../../domain/case-errors';
import { subjectShape } from '../../domain/case-shapes';
import { GENDER_LABELS, type Gender } from '../../domain/catalogues';
import { parsePersonalIdentityNumber } from '../../domain/personal-identity-number';
import {
  HOUSEHOLD_RELATIONS,
  PROTECTION_BASES,
  type HouseholdRelation,
  type ProtectionBasis,
} from '../../domain/persons';
import { checkDate, whenOpen } from '../../domain/rules';
import {
  caseEvent,
  choiceField,
  dateField,
  defineStep,
  given,
  optional as optionalField,
  textField,
} from '../../domain/step';
import { coded } from '../../domain/details';

/**
 * The second adult of the household (make, maka or sambo): ekonomiskt bistånd
 * is granted to the household, and each adult who by false information or
 * omission caused an incorrect payment can be liable for a claim (9 kap. 1 §
 * SoL 2001:453, 33 kap. 1 § SoL 2025:400). Their personnummer and name are
 * encrypted with a data key of their own (`dataKeyId`), made for this case,
 * and shredded when the case is culled.
 *
 * The statistics count a case once, under the person it was registered on:
 * the published report counts claims and police reports by "gällde en kvinna /
 * en man", and its figures by gender add up to the totals (2018: 52 + 57 =
 * 109 claims), so no case is counted under two genders. This event adds
 * nothing to them.
 */
const secondPersonNamedShape = object({
  namedOn: localDate,
  relation: oneOf(HOUSEHOLD_RELATIONS),
  person: subjectShape,
  /** Named with a protected identity (skyddade personuppgifter): why. */
  protectedIdentity: optional(oneOf(PROTECTION_BASES)),
  /** The data key of this person in this case: their personnummer and name are encrypted with it. */
  dataKeyId: code(),
});

/** What a SecondPersonNamed event holds. */
export type SecondPersonNamedData = Infer<typeof secondPersonNamedShape>;

export const SecondPersonNamed = caseEvent('SecondPersonNamed', {
  shape: secondPersonNamedShape,
  label: 'Make, maka eller sambo registrerad',
  on: (d) => d.namedOn,
  details: (d) => [
    coded('Relation', HOUSEHOLD_RELATIONS, d.relation),
    coded('Skyddade personuppgifter', PROTECTION_BASES, d.protectedIdentity),
  ],
  dataKey: (d) => d.dataKeyId,
  evolve: (c, d) => ({
    ...c,
    secondPerson: { ...d.person, relation: d.relation, namedOn: d.namedOn, dataKeyId: d.dataKeyId },
    identityProtections: d.protectedIdentity
      ? [...c.identityProtections, { person: 'second-person', basis: d.protectedIdentity, since: d.namedOn }]
      : c.identityProtections,
  }),
  // Counted once, under the case's person (see above): the second adult adds no fact.
  statistics: { reads: ['namedOn'], facts: () => [] },
});

export interface NameSecondPersonData {
  namedOn: string;
  relation: HouseholdRelation;
  /** As entered: any form the registration takes; the decision keeps the 12-digit form. */
  personalIdentityNumber?: string;
  name?: string;
  gender?: Gender;
  protectedIdentity?: ProtectionBasis;
  /** The person's own data key in this case, made before the decision (see `prepare`). */
  dataKeyId?: string;
}

export const secondPerson = defineStep({
  id: 'second-person',
  command: 'NameSecondPerson',
  auditLabel: 'Registrerade make, maka eller sambo',
  actors: 'case-handlers',
  http: {
    route: 'second-person',
    summary: 'Name the second adult of the household (make, maka or sambo), who can be liable for a claim.',
    title: 'Make, maka eller sambo',
    submit: 'Registrera personen',
    request: {
      namedOn: dateField('Datum'),
      relation: choiceField(HOUSEHOLD_RELATIONS, 'Relation'),
      personalIdentityNumber: optionalField(
        textField('Personnummer', {
          max: 13,
          multiline: false,
          hint: 'ÅÅÅÅMMDD-NNNN eller samordningsnummer',
          doc: 'Personnummer or samordningsnummer, in the forms the registration takes.',
        }),
      ),
      name: optionalField(textField('Namn', { max: 200, multiline: false })),
      gender: optionalField(
        choiceField(GENDER_LABELS, 'Kön', { hint: 'Krävs utan personnummer; annars följer det av numret.' }),
      ),
      protectedIdentity: optionalField(
        choiceField(PROTECTION_BASES, 'Skyddade personuppgifter', {
          hint: 'Välj bara om personen har skyddade personuppgifter.',
        }),
      ),
    },
    toCommand: (b): NameSecondPersonData => ({
      namedOn: b.namedOn,
      relation: b.relation,
      ...given('personalIdentityNumber', b.personalIdentityNumber),
      ...given('name', b.name),
      ...given('gender', b.gender),
      ...given('protectedIdentity', b.protectedIdentity),
    }),
  },
  // A person protected in another case of theirs (any district) is named protected here too.
  prepare: async (d, { newDataKeyId, knownProtection }) => {
    const known =
      d.protectedIdentity === undefined && d.personalIdentityNumber !== undefined
        ? await knownProtection(d.personalIdentityNumber)
        : null;
    return { ...d, dataKeyId: d.dataKeyId ?? newDataKeyId(), ...(known ? { protectedIdentity: known } : {}) };
  },
  refusals: {
    'second-person-named': ['conflict', 'Ärendet har redan en make, maka eller sambo.'],
  },
  requires: whenOpen((c) =>
    c.secondPerson ? conflict('second-person-named', 'The case already names a second person') : null,
  ),
  decide: (d, c, { today }) => {
    checkDate(c, 'namedOn', d.namedOn, today);
    if (!d.dataKeyId) throw new Error('NameSecondPerson needs the data key its prepare makes');
    let pin: string | null = null;
    let gender = d.gender;
    if (d.personalIdentityNumber !== undefined) {
      const parsed = parsePersonalIdentityNumber(d.personalIdentityNumber, today);
      if (!parsed.ok) throw invalid('personalIdentityNumber', `personalIdentityNumber ${parsed.reason}`);
      if (gender && gender !== parsed.pin.gender)
        throw invalid('gender', `gender ${gender} does not agree with the personnummer (${parsed.pin.gender})`);
      pin = parsed.pin.value;
      gender = parsed.pin.gender;
    }
    if (!gender) throw invalid('gender', 'gender (woman, man or unknown) is required without a personnummer');
    return [
      SecondPersonNamed.of({
        namedOn: d.namedOn,
        relation: d.relation,
        person: { personalIdentityNumber: pin, name: d.name ?? null, gender },
        ...(d.protectedIdentity ? { protectedIdentity: d.protectedIdentity } : {}),
        dataKeyId: d.dataKeyId,
      }),
    ];
  },
});
