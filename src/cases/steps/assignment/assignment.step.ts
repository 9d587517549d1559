import { code, localDate, object, type Infer } from '../../../kernel/shape';
import { rule } from '../../domain/case-errors';
import { openCase } from '../../domain/rules';
import { caseEvent, defineStep, userField } from '../../domain/step';
import { user } from '../../domain/details';

/** The FUT investigator who has the case. */
const investigatorAssignedShape = object({ assignedOn: localDate, investigator: code() });

/** What a InvestigatorAssigned event holds. */
export type InvestigatorAssignedData = Infer<typeof investigatorAssignedShape>;

export const InvestigatorAssigned = caseEvent('InvestigatorAssigned', {
  shape: investigatorAssignedShape,
  label: 'Utredare tilldelad',
  on: (d) => d.assignedOn,
  details: (d) => [user('Utredare', d.investigator)],
  movesLastStep: false,
  evolve: (c, d) => ({ ...c, investigator: d.investigator }),
  statistics: { reads: ['assignedOn'], facts: () => [] },
});

export interface AssignmentData {
  investigator: string;
  /** Where the staff directory knows the investigator; null or absent: not known at all. */
  investigatorDistricts?: string[] | null;
}

/** The refusals of giving a case to someone: at assignment, and at a registration that names who has it. */
export const ASSIGNMENT_REFUSALS = {
  'unknown-investigator': [
    'rule',
    'Personen är okänd för tjänsten: bara den som har loggat in eller finns i personalregistret kan få ärenden.',
  ],
  'investigator-not-in-district': ['rule', 'Personen arbetar inte i ärendets stadsdel.'],
} as const;

/** Only someone the service knows, who works in the case's district, can have a case. */
export function checkInvestigator(investigator: string, known: string[] | null | undefined, district: string): void {
  if (!known)
    throw rule(
      'unknown-investigator',
      `${investigator} is not known to the service: only staff who have signed in or are in the staff register can be given cases`,
      'investigator',
    );
  if (!known.includes(district))
    throw rule('investigator-not-in-district', `${investigator} does not work in ${district}`, 'investigator');
}

export const assignment = defineStep({
  id: 'assignment',
  command: 'AssignInvestigator',
  auditLabel: 'Tilldelade utredare',
  actors: 'unit-heads',
  http: {
    route: 'assignment',
    summary: 'Assign the case to a FUT investigator (unit head).',
    title: 'Tilldela utredare',
    submit: 'Tilldela',
    request: {
      investigator: userField('Utredare', {
        doc: 'User id of the FUT investigator.',
        initial: ({ c }) => c.investigator ?? '',
      }),
    },
    toCommand: (b): AssignmentData => ({ investigator: b.investigator }),
  },
  // The decider checks that the investigator works in the case's district; the directory says where.
  prepare: async (d, { staffDistricts }) => ({ ...d, investigatorDistricts: await staffDistricts(d.investigator) }),
  refusals: ASSIGNMENT_REFUSALS,
  requires: openCase,
  decide: (d, c, { today }) => {
    checkInvestigator(d.investigator, d.investigatorDistricts, c.district);
    if (c.investigator === d.investigator) return [];
    return [InvestigatorAssigned.of({ assignedOn: today, investigator: d.investigator })];
  },
});
