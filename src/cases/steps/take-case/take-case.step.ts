import { code, localDate, object, type Infer } from '../../../kernel/shape';
import { conflict, invalid, rule } from '../../domain/case-errors';
import { identityProtected } from '../../domain/persons';
import { whenOpen } from '../../domain/rules';
import { caseEvent, defineStep, optional, userField } from '../../domain/step';
import { user } from '../../domain/details';

/**
 * "Ta ärendet": an investigator (or a unit head who investigates) takes an
 * unassigned case of their own district, so it is theirs at once instead of
 * waiting for the unit head. Only a case nobody has: a case someone already
 * has is the unit head's to give to another (the assignment step). Nor a case
 * about a person with a protected identity: its investigator sees who the
 * person is, so the unit head chooses who that is (OSL 21 kap. 3 §; the
 * reading that protects the person).
 */
const caseTakenShape = object({ takenOn: localDate, investigator: code() });

/** What a CaseTaken event holds. */
export type CaseTakenData = Infer<typeof caseTakenShape>;

export const CaseTaken = caseEvent('CaseTaken', {
  shape: caseTakenShape,
  label: 'Utredaren tog ärendet',
  on: (d) => d.takenOn,
  details: (d) => [user('Utredare', d.investigator)],
  // Like an assignment: who has the case is no step of the process, later steps may be dated before it.
  movesLastStep: false,
  evolve: (c, d) => ({ ...c, investigator: d.investigator }),
  statistics: { reads: ['takenOn'], facts: () => [] },
});

export interface TakeCaseData {
  /** Who takes it: the caller (the HTTP edge sets it from the signed-in user, never from the body). */
  investigator: string;
  /** Where the staff directory knows them to work; null or absent: not known at all. */
  investigatorDistricts?: string[] | null;
}

export const takeCase = defineStep({
  id: 'take-case',
  command: 'TakeCase',
  auditLabel: 'Tog ärendet',
  actors: 'case-handlers',
  http: {
    route: 'take',
    summary: 'Take an unassigned case of one of your districts: you become its investigator.',
    title: 'Ta ärendet',
    submit: 'Ta ärendet',
    request: {
      investigator: optional(
        userField('Utredare', {
          hidden: true,
          doc: 'Yourself (your user id), for a client that wants to say so; left out: you. Only the unit head gives a case to someone else (assignment).',
        }),
      ),
    },
    toCommand: (b, { caller }): TakeCaseData => {
      if (!caller) throw invalid('caller', 'Only a signed-in user can take a case');
      if (b.investigator !== undefined && b.investigator !== caller.user)
        throw rule(
          'take-only-yourself',
          'You can take a case only for yourself; the unit head assigns others',
          'investigator',
        );
      return { investigator: caller.user };
    },
  },
  prepare: async (d, { staffDistricts }) => ({ ...d, investigatorDistricts: await staffDistricts(d.investigator) }),
  refusals: {
    'case-protected-identity': [
      'conflict',
      'Ärendet gäller en person med skyddade personuppgifter. Enhetschefen tilldelar det.',
    ],
    'case-has-investigator': [
      'conflict',
      'Ärendet har redan en utredare. Enhetschefen kan tilldela det till någon annan.',
    ],
    'taker-not-in-district': ['rule', 'Du arbetar inte i ärendets stadsdel och kan inte ta ärendet.'],
    'take-only-yourself': [
      'rule',
      'Du kan bara ta ett ärende åt dig själv. Enhetschefen tilldelar ärenden till andra.',
    ],
  },
  requires: whenOpen((c) =>
    c.investigator !== null
      ? conflict('case-has-investigator', `The case is ${c.investigator}'s already`)
      : identityProtected(c)
        ? conflict('case-protected-identity', "A protected person's case is given by the unit head")
        : null,
  ),
  decide: (d, c, { today }) => {
    // The service only knows those who have signed in as case handlers or are in the staff register.
    if (!d.investigatorDistricts?.includes(c.district))
      throw rule('taker-not-in-district', `${d.investigator} does not work in ${c.district}`);
    return [CaseTaken.of({ takenOn: today, investigator: d.investigator })];
  },
});
