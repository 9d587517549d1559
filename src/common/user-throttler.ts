import { type ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerOptions } from '@nestjs/throttler';
import type { AuthenticatedRequest } from '../auth/auth.decorators';

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
}
