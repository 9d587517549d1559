import { normalizeIp } from '@nestjs/throttler';
import { Problem } from '../common/problem';

const WINDOW_MS = 60_000;
/** Addresses remembered at most; past it the oldest windows are forgotten, so memory stays bounded. */
const MAX_ADDRESSES = 100_000;

/**
 * Requests that prove no one (no live session, no valid bearer token: failed token attempts,
 * sign-ins, the development issuer, any API call without credentials) per client address and
 * minute (UNAUTHENTICATED_PER_MINUTE). A signed-in caller is never counted or held back here: the
 * per-user limits govern them. IPv6 addresses count per /64, as the per-user limiter does.
 */
export class UnauthenticatedLimit {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one unauthenticated request: 0 when it may go on, else the seconds until the address may try again. */
  take(address: string | undefined): number {
    const key = normalizeIp(address ?? 'unknown');
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || now - window.start >= WINDOW_MS) {
      // Re-inserted, so the map stays in order of window start and the oldest come first.
      this.windows.delete(key);
      window = { start: now, count: 0 };
      this.windows.set(key, window);
      this.bound(now);
    }
    window.count += 1;
    if (window.count <= this.perMinute) return 0;
    return Math.max(1, Math.ceil((window.start + WINDOW_MS - now) / 1000));
  }

  private bound(now: number): void {
    if (this.windows.size <= MAX_ADDRESSES) return;
    for (const [key, window] of this.windows) {
      if (this.windows.size <= MAX_ADDRESSES && now - window.start < WINDOW_MS) break;
      this.windows.delete(key);
    }
  }
}

/** 429 problem+json; the caller has set Retry-After. */
export function tooManyUnauthenticated(perMinute: number): Problem {
  return new Problem(
    429,
    'too-many-unauthenticated-requests',
    'Too many requests',
    `More than ${perMinute} requests a minute from this address without a valid session or token; try again after the time in Retry-After.`,
  );
}
