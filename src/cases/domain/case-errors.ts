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
