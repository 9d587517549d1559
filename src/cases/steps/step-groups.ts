import type { CASE_STEPS } from './registry';

/**
 * Where the case page offers each step under "Nästa steg": a case in follow-up
 * allows a score of steps, and grouped by the part of the work they belong to
 * they can be found (and passed over by keyboard) a group at a time. In the
 * order the page shows the groups.
 */
export const STEP_GROUPS = {
  investigation: 'Utredning',
  claim: 'Återkrav och återbetalning',
  court: 'Ersättningstalan och dom',
  police: 'Polisanmälan och andra myndigheter',
  case: 'Ärendet',
} as const;

export type StepGroup = keyof typeof STEP_GROUPS;

/** Every step's group: a new step without one does not compile. */
export const STEP_GROUP: Record<(typeof CASE_STEPS)[number]['id'], StepGroup> = {
  registration: 'case',
  'take-case': 'case',
  assignment: 'case',
  'second-person': 'case',
  'identity-protection': 'case',
  'identity-protection-lifting': 'case',
  'pre-assessment': 'investigation',
  'investigation-result': 'investigation',
  communication: 'investigation',
  'communication-answer': 'investigation',
  'repayment-claim': 'claim',
  'repayment-plan': 'claim',
  repayment: 'claim',
  'ability-to-pay': 'court',
  'compensation-suit-decision': 'court',
  'compensation-suit': 'court',
  'compensation-judgment': 'court',
  'judgment-appeal': 'court',
  'judgment-appeal-outcome': 'court',
  'judgment-legal-force': 'court',
  'enforcement-application': 'court',
  'enforcement-outcome': 'court',
  'judgment-debt-interruption': 'court',
  waiver: 'claim',
  'estate-claim': 'claim',
  'estate-claim-outcome': 'claim',
  'police-report': 'police',
  'police-report-outcome': 'police',
  'police-report-reference': 'police',
  'authority-notification': 'police',
  closure: 'case',
  reopening: 'case',
  transfer: 'case',
  'journal-entry': 'case',
  reminder: 'case',
  'reminder-move': 'case',
  'reminder-done': 'case',
  void: 'case',
  'document-issue': 'case',
  'document-dispatch': 'case',
  attachment: 'case',
};
