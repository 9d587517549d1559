/**
 * Given/when/then for deciders: given past events, when a command is decided,
 * then these events come out, or the command is refused with this error.
 */
export interface Decider<C, E, S> {
  decide(command: C, state: S): E[];
  evolve(state: S, event: E): S;
  initialState(): S;
}

export function specification<C, E, S>(decider: Decider<C, E, S>) {
  return (given: E[]) => ({
    when: (command: C) => {
      const run = (): E[] => decider.decide(command, given.reduce(decider.evolve, decider.initialState()));
      return {
        then(expected: E[]): void {
          expect(run()).toEqual(expected);
        },
        thenFails(match: { kind?: string; code?: string; field?: string; details?: Record<string, unknown> }): void {
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
