import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Principal } from '../auth/principal';
import { LeastRecentlyUsed } from '../common/least-recently-used';

export interface WebSession {
  id: string;
  principal: Principal;
  /** Sent by the page in the X-CSRF-Token header on every state-changing request. */
  csrfToken: string;
  createdAt: number;
  lastSeenAt: number;
}

/** A sign-in under way: what the callback needs to finish the authorization code flow. */
export interface PendingLogin {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
  createdAt: number;
}

const LOGIN_TTL_MS = 10 * 60_000;
/**
 * At most this many sessions (least recently used signed out first) and sign-ins
 * under way (oldest dropped first). A sign-in starts without authentication, so
 * without a bound anyone could fill the memory with them.
 */
export const MAX_SESSIONS = 10_000;
export const MAX_PENDING_LOGINS = 10_000;
/** However active, a session ends after this long: the person signs in again. */
const ABSOLUTE_TTL_MS = 12 * 3600_000;

export const randomToken = (): string => randomBytes(32).toString('base64url');

export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Sessions of the web interface, held in this process's memory: the browser
 * holds only a random id in an httpOnly cookie, and no token ever reaches it.
 * A restart signs everyone out, which is acceptable for one instance; several
 * instances would need a shared store.
 */
export class SessionStore {
  private readonly sessions: LeastRecentlyUsed<string, WebSession>;
  private readonly logins: LeastRecentlyUsed<string, PendingLogin>;

  constructor(
    private readonly idleMs: number,
    private readonly now: () => number = Date.now,
    limits: { sessions: number; logins: number } = { sessions: MAX_SESSIONS, logins: MAX_PENDING_LOGINS },
  ) {
    this.sessions = new LeastRecentlyUsed(limits.sessions);
    this.logins = new LeastRecentlyUsed(limits.logins);
  }

  /** Sessions and sign-ins under way held now. */
  get size(): { sessions: number; logins: number } {
    return { sessions: this.sessions.size, logins: this.logins.size };
  }

  create(principal: Principal): WebSession {
    this.sweep();
    const at = this.now();
    const session = { id: randomToken(), principal, csrfToken: randomToken(), createdAt: at, lastSeenAt: at };
    this.sessions.set(session.id, session);
    return session;
  }

  /** The live session with this id, its idle clock restarted; undefined once idle or too old. */
  touch(id: string): WebSession | undefined {
    const session = this.sessions.get(id);
    if (!session) return undefined;
    const at = this.now();
    if (at - session.lastSeenAt > this.idleMs || at - session.createdAt > ABSOLUTE_TTL_MS) {
      this.sessions.delete(id);
      return undefined;
    }
    session.lastSeenAt = at;
    return session;
  }

  /** Whether the id names a live session, without restarting its idle clock. */
  isLive(id: string): boolean {
    const session = this.sessions.get(id);
    const at = this.now();
    return session !== undefined && at - session.lastSeenAt <= this.idleMs && at - session.createdAt <= ABSOLUTE_TTL_MS;
  }

  expiresAt(session: WebSession): number {
    return Math.min(session.lastSeenAt + this.idleMs, session.createdAt + ABSOLUTE_TTL_MS);
  }

  destroy(id: string): void {
    this.sessions.delete(id);
  }

  beginLogin(login: Omit<PendingLogin, 'createdAt'>): string {
    this.sweep();
    const id = randomToken();
    this.logins.set(id, { ...login, createdAt: this.now() });
    return id;
  }

  /** A pending login is used once. */
  takeLogin(id: string): PendingLogin | undefined {
    const login = this.logins.peek(id);
    this.logins.delete(id);
    return login && this.now() - login.createdAt <= LOGIN_TTL_MS ? login : undefined;
  }

  private sweep(): void {
    const at = this.now();
    for (const [id, s] of this.sessions)
      if (at - s.lastSeenAt > this.idleMs || at - s.createdAt > ABSOLUTE_TTL_MS) this.sessions.delete(id);
    for (const [id, l] of this.logins) if (at - l.createdAt > LOGIN_TTL_MS) this.logins.delete(id);
  }
}
