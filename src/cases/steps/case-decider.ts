import { type LocalDate, addDays } from '../../calendar/local-date';
import type { District } from '../../districts/district-register';
import { CaseError, conflict, invalid } from '../domain/case-errors';
import { type CaseState, type OpenCase, initialState } from '../domain/case-state';
import type { Refusal, StepDefinition } from '../domain/step';
import { COMMON_REFUSALS, type CommonRefusal } from '../domain/refusals';
import { type CaseEvent, businessDateOf, caseEventProblems, definitionOf } from './case-events';
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

/** A district of the register by its code, as the service knows it when the command is decided. */
export type DistrictLookup = (code: string) => District | undefined;

/**
 * The transfers a case is due because its district has ended: while the
 * district ended before `today` and names a successor, the case passes to it
 * on the day after the end (a merger), decided as the transfer step decides
 * any merger. A transfer the case cannot take (culled, closed) passes nothing.
 */
function passOnMergers(
  state: CaseState,
  today: LocalDate,
  districtOf: DistrictLookup,
): { events: CaseEvent[]; state: CaseState } {
  const events: CaseEvent[] = [];
  let s = state;
  // A successor may itself have ended since; a register has no cycles, and ten steps are more than any city has.
  for (let i = 0; i < 10 && s.exists; i++) {
    const ended = districtOf(s.district);
    if (!ended?.successor || ended.validTo === null || ended.validTo >= today) break;
    const successor = districtOf(ended.successor);
    if (!successor) break;
    let passed: CaseEvent[];
    try {
      passed = decide(
        {
          type: 'TransferCase',
          data: { transferredOn: addDays(ended.validTo, 1), toDistrict: successor, merger: ended },
          today,
        },
        s,
      );
    } catch (error) {
      if (error instanceof CaseError) break;
      throw error;
    }
    events.push(...passed);
    s = passed.reduce(evolve, s);
  }
  return { events, state: s };
}

/**
 * The events a command leads to on a case whose district may have ended:
 * the case passes to the successor in the same decision, so no step is
 * recorded under a district that no longer exists and every list shows the
 * successor at once (the hourly sweep of the districts module stays as a
 * safety net for cases nobody touches). A step dated before the merger day
 * belongs to the district that still existed that day: it is recorded
 * first, and the case passes on after it if it is still open. Any other step
 * comes after the transfer. A registration in a district that existed on the
 * received date but has ended since passes on right after it.
 */
export function decideInItsDistrict(command: CaseCommand, state: CaseState, districtOf: DistrictLookup): CaseEvent[] {
  // The merger's own transfer (the sweep's) is the passing itself.
  if (command.type === 'TransferCase' && command.data.merger) return decide(command, state);
  const fold = (s: CaseState, events: CaseEvent[]) => events.reduce(evolve, s);
  if (!state.exists) {
    const registered = decide(command, state);
    return [...registered, ...passOnMergers(fold(state, registered), command.today, districtOf).events];
  }
  const due = passOnMergers(state, command.today, districtOf);
  if (due.events.length === 0) return decide(command, state);
  const mergerDay = businessDateOf(due.events[0]);
  let before: CaseEvent[] | null;
  try {
    before = decide(command, state);
  } catch (error) {
    if (!(error instanceof CaseError)) throw error;
    before = null;
  }
  if (before && before.length > 0 && before.every((e) => businessDateOf(e) < mergerDay)) {
    return [...before, ...passOnMergers(fold(state, before), command.today, districtOf).events];
  }
  return [...due.events, ...decide(command, due.state)];
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
