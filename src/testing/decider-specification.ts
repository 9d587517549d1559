/**
 * Given/when/then for deciders: given past events, when a command is decided,
 * then these events come out, or the command is refused with this error.
 */
export interface Decider<C, E, S> {
  decide(command: C, state: S): E[];
  evolve(state: S, event: E): S;
  initialState(): S;
}

/** Freezes a value and everything it holds, so any change to it throws (specs run in strict mode). */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * Every state handed to `decide` and `evolve` here is frozen: the service
 * keeps folded states and hands the same object to many decisions and
 * reads (CaseStates), which is only sound while nothing changes a state.
 */
export function specification<C, E, S>(decider: Decider<C, E, S>) {
  return (given: E[]) => ({
    when: (command: C) => {
      const run = (): E[] =>
        decider.decide(
          command,
          given.reduce((s, e) => deepFreeze(decider.evolve(s, e)), deepFreeze(decider.initialState())),
        );
      return {
        then(expected: E[]): void {
          expect(run()).toEqual(expected);
        },
        thenFails(match: {
          kind?: string;
          code?: string;
          field?: string;
          details?: Record<string, unknown>;
          /** Each rule of a refusal that names several (see checkAll), in order. */
          broken?: Array<{ code: string; field?: string }>;
        }): void {
          let error: unknown;
          try {
            run();
          } catch (e) {
            error = e;
          }
          expect(error).toBeDefined();
          expect(error).toMatchObject(match);
        },
        /** The resulting events, for assertions that read better by hand. */
        events: run,
      };
    },
  });
}
