import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';
import { PROBLEM, textOf } from './sv';

export type Schemas = components['schemas'];
export type Problem = Schemas['ProblemDto'];

let csrfToken = '';
/** The session's CSRF token, sent on every write (the session cookie itself is httpOnly). */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

const csrf: Middleware = {
  onRequest({ request }) {
    if (request.method !== 'GET' && request.method !== 'HEAD') request.headers.set('X-CSRF-Token', csrfToken);
    return request;
  },
};

/** The API client generated from the service's OpenAPI document; the browser's session cookie signs it in. */
export const api = createClient<paths>({ baseUrl: window.location.origin, credentials: 'same-origin' });
api.use(csrf);

/** An API error: status, the stable code, field errors, and Swedish text for the code. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(textOf(PROBLEM, problem.code) ?? `Något gick fel (${problem.code}).`);
    this.name = 'ApiError';
  }
  get code(): string {
    return this.problem.code;
  }
}

/** The body of a successful answer, or an ApiError (a 401 sends the browser to sign in). */
export async function ok<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<{ data: T; response: Response }> {
  let result;
  try {
    result = await call;
  } catch {
    throw new ApiError(0, { type: '', title: '', status: 0, code: 'network' });
  }
  const { data, error, response } = result;
  if (response.status === 401) signIn();
  if (!response.ok || data === undefined) {
    const problem = (typeof error === 'object' && error !== null ? error : {}) as Partial<Problem>;
    // Every member the problem holds (its extensions too: `missing`, `outstandingAmount`, ...), so the
    // screens can say what the refusal turned on.
    throw new ApiError(response.status, {
      ...problem,
      type: problem.type ?? '',
      title: problem.title ?? '',
      status: response.status,
      code: problem.code ?? (response.status === 429 ? 'too-many-requests' : 'error'),
    });
  }
  return { data, response };
}

/**
 * Set while the browser is on its way to sign in: every refused request calls signIn(), and a
 * second navigation would cancel the first mid-flight. A page restored from the back-forward
 * cache is a live page again.
 */
let leavingToSignIn = false;
window.addEventListener('pageshow', (event) => {
  if (event.persisted) leavingToSignIn = false;
});

/** Off to the service's sign-in, once, back to this page afterwards (page paths hold no personal data). */
export function signIn(): void {
  if (leavingToSignIn) return;
  leavingToSignIn = true;
  const back = window.location.pathname + window.location.search;
  window.location.assign(`/api/auth/login?returnTo=${encodeURIComponent(back)}`);
}
