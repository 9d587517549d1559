/**
 * Errors answered as RFC 9457 problem+json. `code` is stable for clients;
 * `errors` lists each wrong field.
 */
export interface FieldError {
  field: string;
  message: string;
}

export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
    this.name = 'Problem';
  }

  static badRequest(errors: FieldError[], detail = 'The request has invalid fields.'): Problem {
    return new Problem(400, 'invalid-request', 'Invalid request', detail, { errors });
  }

  static notFound(detail: string): Problem {
    return new Problem(404, 'not-found', 'Not found', detail);
  }
}
