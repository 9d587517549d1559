import { type ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { AuthenticatedRequest } from '../auth/auth.decorators';

/** Rate limit per user on writes (WRITES_PER_MINUTE); reads are not limited here. */
@Injectable()
export class WriteThrottler extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    return request.method === 'GET' || request.method === 'HEAD' || (await super.shouldSkip(context));
  }

  protected override getTracker(req: Record<string, unknown>): Promise<string> {
    const request = req as unknown as AuthenticatedRequest;
    return Promise.resolve(request.principal ? `user:${request.principal.user}` : `ip:${request.ip ?? 'unknown'}`);
  }
}
