import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Problem } from '../common/problem';
import { type AuthenticatedRequest, PUBLIC, ROLES_ALLOWED } from './auth.decorators';
import type { Role } from './principal';
import { InvalidTokenError, type TokenVerifier } from './token-verifier';
import type { Logger } from 'pino';
import { AuditLog } from '../audit/audit-log';
import { AUDITED, auditActionOf, auditEntryOf, recordRefusal } from '../audit/audit.interceptor';
import { Clock } from '../infrastructure/clock';
import { LOGGER } from '../infrastructure/tokens';
import { StaffDirectory } from '../staff/staff-directory';
import { UnauthenticatedLimit, tooManyUnauthenticated } from './unauthenticated-limit';
import type { Response } from 'express';

export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');

/** Every route needs a valid bearer token and one of its roles, unless it is marked public. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly staff: StaffDirectory,
    private readonly unauthenticated: UnauthenticatedLimit,
  ) {}

  /** A refused credential counts against its address; past the limit the answer is 429, not 401. */
  private refuse(context: ExecutionContext, refusal: Problem): Problem {
    const http = context.switchToHttp();
    const wait = this.unauthenticated.take(http.getRequest<AuthenticatedRequest>().ip);
    if (wait === 0) return refusal;
    http.getResponse<Response>().setHeader('Retry-After', String(wait));
    return tooManyUnauthenticated(this.unauthenticated.perMinute);
  }

  /** A signed-in user refused a case endpoint by role: who, what and when go in the audit log. */
  private async recordRefusal(context: ExecutionContext, request: AuthenticatedRequest): Promise<void> {
    const action = auditActionOf(this.reflector.get<unknown>(AUDITED, context.getHandler()), request);
    if (!action) return;
    await recordRefusal(this.audit, this.logger, auditEntryOf(request, action, this.clock.now(), 'refused', 403));
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    // The web interface's session middleware (src/session) may already have named the caller from its
    // httpOnly cookie; it never does so when an Authorization header is present, so a bearer token wins.
    if (!request.principal) {
      const header = request.headers.authorization;
      const missing = new Problem(401, 'unauthenticated', 'Unauthorized', 'A bearer token or a session is required.');
      // Without any credential the request was counted on its way in (limitUnauthenticated).
      if (header === undefined) throw missing;
      const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9._~+/=-]{10,8192})$/.exec(header) : null;
      if (!match) throw this.refuse(context, missing);
      try {
        request.principal = await this.verifier.verify(match[1]);
      } catch (error) {
        if (error instanceof InvalidTokenError)
          throw this.refuse(context, new Problem(401, 'invalid-token', 'Unauthorized', error.message));
        throw error;
      }
    }
    // Who signs in as an investigator or unit head becomes someone cases can be given to.
    await this.staff.noteSeen(request.principal);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_ALLOWED, targets);
    if (!roles || !roles.includes(request.principal.role)) {
      await this.recordRefusal(context, request);
      throw new Problem(403, 'forbidden', 'Forbidden', `The role ${request.principal.role} may not use this endpoint.`);
    }
    return true;
  }
}
