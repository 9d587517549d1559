/** The steps of a FUT case, composed: its events, its decider and every table that follows from them. */
export * from './case-events';
export * from './case-decider';
export { CASE_EVENT_DEFINITIONS, CASE_STEPS } from './registry';
