/**
 * The commands other features send the cases module through the bus (the import, the demo
 * loader), named from the application layer. Their handlers are still in the HTTP folder
 * (case-handlers.ts); when they move here this file holds or re-exports them from beside it,
 * and its entry in KNOWN_WRONG_WAY (eslint.config.mjs) goes.
 */
export { RegisterCase, RunCaseCommand, type CommandAnswer, type RequestMeta } from '../api/case-handlers';
