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

/** An error of another layer that knows how it is answered over HTTP (the filter asks it, knowing no layer). */
export interface AnsweredAsProblem {
  asProblem(): Problem;
  /** A fault of the service whose cause the answer leaves out: logged under this message with the error's own text. */
  readonly logAs?: string;
}

export const isAnsweredAsProblem = (error: unknown): error is AnsweredAsProblem =>
  typeof (error as Partial<AnsweredAsProblem> | null)?.asProblem === 'function';
