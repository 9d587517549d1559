import type { LocalDate } from '../../calendar/local-date';
import { conflict, invalid } from '../domain/case-errors';
import { type CaseState, type OpenCase, initialState } from '../domain/case-state';
import type { Refusal, StepDefinition } from '../domain/step';
import { COMMON_REFUSALS, type CommonRefusal } from '../domain/refusals';
import { type CaseEvent, caseEventProblems, definitionOf } from './case-events';
import { CASE_STEPS } from './registry';

/**
 * The decider of a FUT case: `decide(command, state) -> events` and
 * `evolve(state, event) -> state`, composed from the steps' own declarations.
 * `today` (Stockholm) is given with the command, never read from a clock.
 */
type Step = (typeof CASE_STEPS)[number];
type CommandOf<S> = S extends {
  readonly command: infer C extends string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- only the command's type is read
  readonly decide: (command: infer D, ...rest: any[]) => unknown;
}
  ? { type: C; data: D; today: LocalDate }
  : never;
export type CaseCommand = { [I in keyof typeof CASE_STEPS]: CommandOf<(typeof CASE_STEPS)[I]> }[number];
export type CaseCommandType = CaseCommand['type'];

const stepByCommand = new Map<string, StepDefinition<string, never, unknown, string, unknown>>(
  CASE_STEPS.map((s) => [s.command, s as unknown as StepDefinition<string, never, unknown, string, unknown>]),
);

/** The step a command belongs to. */
export function stepOf(command: CaseCommandType): Step {
  return stepByCommand.get(command) as unknown as Step;
}

/**
 * The events a command leads to, or a refusal: a culled case takes nothing;
 * then the step's requirements on the case, its decision, and the shape of
 * every event it returns, so what the fold or a projection could not read is
 * never appended, whichever caller sent the command.
 */
export function decide(command: CaseCommand, state: CaseState): CaseEvent[] {
  if (state.exists && state.culledOn)
    throw conflict('case-culled', 'The personal data of this case has been culled; it accepts nothing more');
  const step = stepByCommand.get(command.type);
  if (!step) throw invalid('type', `${command.type} is not a command of a case`);
  const refusal = step.requires(state);
  if (refusal) throw refusal;
  const events = step.decide(command.data, state, { today: command.today }) as CaseEvent[];
  for (const event of events) {
    const [problem] = caseEventProblems(event, true);
    if (problem) throw invalid(problem.field, `${problem.field} ${problem.message}`);
  }
  return events;
}

const later = (a: LocalDate, b: LocalDate): LocalDate => (a >= b ? a : b);

/** The case after one more event; a step dated later moves the date no later step may precede. */
export function evolve(state: CaseState, event: CaseEvent): CaseState {
  const definition = definitionOf(event.type);
  if ('opens' in definition) return definition.opens(event.data);
  if (!state.exists) return state;
  const next: OpenCase = definition.evolve(state, event.data);
  return definition.movesLastStep ? { ...next, lastStepOn: later(state.lastStepOn, definition.on(event.data)) } : next;
}

/** Folds a stream's events into the case state. */
export function replay(events: CaseEvent[]): CaseState {
  return events.reduce(evolve, initialState());
}

export const caseDecider = { decide, evolve, initialState };

/** Every step's own refusal codes. */
type RefusalsOf<S> = S extends { readonly refusals: infer R } ? keyof R : never;
export type StepRefusalCode = RefusalsOf<Step>;
export type RefusalCode = CommonRefusal | StepRefusalCode;

/**
 * Every refusal the decider can give, with its kind and Swedish text: the
 * common ones and each step's own. A code two steps share must mean the same.
 */
export const REFUSALS: Readonly<Record<RefusalCode, Refusal>> = (() => {
  const all: Record<string, Refusal> = { ...COMMON_REFUSALS };
  for (const step of CASE_STEPS)
    for (const [code, refusal] of Object.entries(step.refusals as Record<string, Refusal>)) {
      const earlier = all[code];
      if (earlier && (earlier[0] !== refusal[0] || earlier[1] !== refusal[1]))
        throw new Error(`The refusal ${code} of ${step.id} is declared differently elsewhere`);
      all[code] = refusal;
    }
  return all as Record<RefusalCode, Refusal>;
})();

/** A step with a route and a form of its own (every step but registration, which has its own request). */
export type RoutedStep = StepDefinition & { http: NonNullable<StepDefinition['http']> };

/** The steps taken through POST /api/cases/{id}/<route>, in the order the case page offers them. */
export const ROUTED_STEPS: readonly RoutedStep[] = (CASE_STEPS as unknown as readonly StepDefinition[]).filter(
  (s): s is RoutedStep => s.http !== null,
);

/**
 * A fingerprint of what a folded case holds (the fields the registration
 * opens it with: every field of the state). A read model that stores folded
 * states (the case list) adds it to its version, so a step that adds a field
 * to the state rebuilds it from the log without anyone remembering to.
 */
export const CASE_STATE_FINGERPRINT: number = (() => {
  const opened = definitionOf('CaseRegistered') as unknown as { opens: (d: unknown) => object };
  const keys = Object.keys(
    opened.opens({
      caseId: '',
      caseNumber: '',
      district: '',
      receivedOn: '2000-01-01',
      source: 'other',
      subject: { personalIdentityNumber: null, name: null, gender: 'unknown' },
      suspectedPayments: [],
      summary: null,
    }),
  )
    .sort()
    .join(',');
  // FNV-1a, 32 bits: a stable number from the field names.
  let hash = 0x811c9dc5;
  for (let i = 0; i < keys.length; i++) hash = Math.imul(hash ^ keys.charCodeAt(i), 0x01000193) >>> 0;
  return hash % 1_000_000;
})();
