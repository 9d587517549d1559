import type { NextFunction, Request, Response } from 'express';
import { type UnauthenticatedLimit, tooManyUnauthenticated } from '../auth/unauthenticated-limit';
import { readCookie } from './cookies';
import { SESSION_COOKIE } from './session.constants';
import type { SessionStore } from './session-store';

/**
 * Counts, before the body is read, every API request that carries neither a live session cookie
 * nor an Authorization header, and refuses it past the limit. A request with an Authorization
 * header goes on: the auth guard counts the token if it refuses it.
 */
export function limitUnauthenticated(limit: UnauthenticatedLimit, sessions: SessionStore) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.headers.authorization !== undefined) return next();
    const id = readCookie(req, SESSION_COOKIE);
    if (id !== undefined && sessions.isLive(id)) return next();
    const wait = limit.take(req.ip);
    if (wait === 0) return next();
    res.setHeader('Retry-After', String(wait));
    next(tooManyUnauthenticated(limit.perMinute));
  };
}
