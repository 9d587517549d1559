/** Name of the httpOnly session cookie of the web interface (backend for frontend). */
export const SESSION_COOKIE = 'fut_session';
/** Header that carries the session's CSRF token on every state-changing request. */
export const CSRF_HEADER = 'x-csrf-token';
