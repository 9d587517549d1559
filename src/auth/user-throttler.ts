import { type ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail, type ThrottlerOptions } from '@nestjs/throttler';
import type { AuthenticatedRequest } from './auth.decorators';
import { Problem } from '../common/problem';

const isRead = (context: ExecutionContext): boolean => {
  const method = context.switchToHttp().getRequest<AuthenticatedRequest>().method;
  return method === 'GET' || method === 'HEAD';
};

/** Two per-user limits a minute: one for reads (READS_PER_MINUTE), one for writes (WRITES_PER_MINUTE). */
export function userLimits(limits: { readsPerMinute: number; writesPerMinute: number }): ThrottlerOptions[] {
  return [
    { name: 'reads', ttl: 60_000, limit: limits.readsPerMinute, skipIf: (c) => !isRead(c) },
    { name: 'writes', ttl: 60_000, limit: limits.writesPerMinute, skipIf: isRead },
  ];
}

/** Counts per signed-in user (after the auth guard), so one user cannot exhaust the service for the others. */
@Injectable()
export class UserThrottler extends ThrottlerGuard {
  protected override getTracker(req: Record<string, unknown>): Promise<string> {
    const request = req as unknown as AuthenticatedRequest;
    return Promise.resolve(request.principal ? `user:${request.principal.user}` : `ip:${request.ip ?? 'unknown'}`);
  }

  /** The library names its header after the limit (`Retry-After-reads`), which no client reads. */
  protected override setResponseHeader(res: Record<string, unknown>, name: string, value: string | number): void {
    if (/^Retry-After-/i.test(name)) return;
    super.setResponseHeader(res, name, value);
  }

  /** 429 problem+json with the standard `Retry-After` (RFC 9110 10.2.3) in whole seconds. */
  protected override throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const { res } = this.getRequestResponse(context);
    super.setResponseHeader(res, 'Retry-After', Math.max(1, detail.timeToBlockExpire));
    const what = isRead(context) ? 'reads' : 'writes';
    throw new Problem(
      429,
      'too-many-requests',
      'Too many requests',
      `More than ${detail.limit} ${what} a minute; try again after the time in Retry-After.`,
    );
  }
}
