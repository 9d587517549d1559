import type { NextFunction, Request, Response } from 'express';
import type { AuthenticatedRequest } from '../auth/auth.decorators';
import { CSRF_HEADER, SESSION_COOKIE } from './session.constants';
import { readCookie } from './cookies';
import { sameToken } from './session-store';
import type { SessionStore } from './session-store';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

function problem(res: Response, status: number, code: string, detail: string): void {
  res
    .status(status)
    .type('application/problem+json')
    .json({ type: `urn:fut:problem:${code}`, title: 'Forbidden', status, detail, code });
}

/**
 * Names the caller of an API request from the session cookie, unless the request
 * carries its own Authorization header (API clients keep using bearer tokens).
 * State-changing requests of a session must echo its CSRF token in X-CSRF-Token
 * and, when the browser says where they come from, come from our own origin.
 */
export function sessionMiddleware(sessions: SessionStore, publicOrigin: string) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.headers.authorization !== undefined) return next();
    const id = readCookie(req, SESSION_COOKIE);
    if (!id) return next();
    const session = sessions.touch(id);
    if (!session) return next();
    if (!SAFE.has(req.method)) {
      const origin = req.headers.origin;
      if (origin !== undefined && origin !== publicOrigin)
        return problem(res, 403, 'cross-origin', 'The request comes from another origin.');
      const token = req.headers[CSRF_HEADER];
      if (typeof token !== 'string' || !sameToken(token, session.csrfToken))
        return problem(res, 403, 'csrf-token-missing', 'A state-changing request needs the session’s X-CSRF-Token.');
    }
    (req as AuthenticatedRequest).principal = session.principal;
    next();
  };
}
