/**
 * A refused command. `conflict`: not allowed in the case's state (409);
 * `rule`: a broken business rule such as a date, an amount or the three-year
 * limit (422); `invalid`: a field that cannot be right whatever the state (400).
 */
export class CaseError extends Error {
  constructor(
    readonly kind: 'conflict' | 'rule' | 'invalid' | 'not-found',
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly details: Record<string, unknown> = {},
    /** With several rules broken by one request (see `checkAll`): each, with its field and code. */
    readonly broken: ReadonlyArray<CaseError> = [],
  ) {
    super(message);
    this.name = 'CaseError';
  }
}

export const conflict = (code: string, message: string): CaseError => new CaseError('conflict', code, message);
export const rule = (code: string, message: string, field?: string, details?: Record<string, unknown>): CaseError =>
  new CaseError('rule', code, message, field, details);
export const invalid = (field: string, message: string): CaseError =>
  new CaseError('invalid', 'invalid-request', message, field);

/**
 * Runs checks of a request's fields that do not depend on each other and
 * refuses every rule they break in one answer, so a person correcting a form
 * sees all its mistakes at once. The first broken rule gives the answer its
 * code; each names its own field and code (where it has one). A refusal of another kind (the
 * case's state, a malformed field) is thrown as it comes.
 */
export function checkAll(...checks: Array<() => void>): void {
  const broken: CaseError[] = [];
  for (const check of checks) {
    try {
      check();
    } catch (error) {
      if (!(error instanceof CaseError) || error.kind !== 'rule') {
        // The first refusal still decides the answer: rules found before it are answered, as they came first.
        if (broken.length > 0) break;
        throw error;
      }
      broken.push(...(error.broken.length > 0 ? error.broken : [error]));
    }
  }
  if (broken.length === 0) return;
  if (broken.length === 1) throw broken[0];
  const [first] = broken;
  throw new CaseError(
    'rule',
    first.code,
    broken.map((b) => b.message).join('; '),
    first.field,
    Object.assign({}, ...broken.map((b) => b.details)) as Record<string, unknown>,
    broken,
  );
}
