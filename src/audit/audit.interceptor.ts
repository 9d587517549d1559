import {
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  type NestInterceptor,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type Observable, mergeMap } from 'rxjs';
import type { Logger } from 'pino';
import type { AuthenticatedRequest } from '../auth/auth.decorators';
import { Problem } from '../common/problem';
import { Clock } from '../infrastructure/clock';
import { LOGGER } from '../infrastructure/tokens';
import { parsePersonalIdentityNumber } from '../cases/domain/personal-identity-number';
import { todayInStockholm } from '../calendar/local-date';
import { PersonalNumberIndex } from '../personal-data/master-key';
import { AuditLog } from './audit-log';

export const AUDITED = 'fut:audited';

/** Records the endpoint's action in the audit log before the answer leaves. */
export const Audited = (action: string): MethodDecorator => SetMetadata(AUDITED, action);

@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditLog,
    private readonly index: PersonalNumberIndex,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const action = this.reflector.get<string | undefined>(AUDITED, context.getHandler());
    if (!action) return next.handle();
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    return next.handle().pipe(
      mergeMap(async (result: unknown) => {
        const principal = request.principal;
        const params = request.params as Record<string, string | undefined>;
        const body = result as { id?: unknown } | null;
        const caseId = params.id ?? (typeof body?.id === 'string' ? body.id : null);
        const searched = (request.query as Record<string, unknown>).personalIdentityNumber;
        let searchedHash: string | null = null;
        if (typeof searched === 'string') {
          const parsed = parsePersonalIdentityNumber(searched, todayInStockholm(this.clock.now()));
          searchedHash = this.index.hash(parsed.ok ? parsed.pin.value : searched);
        }
        try {
          this.audit.record({
            at: this.clock.now().toISOString(),
            user: principal?.user ?? 'anonymous',
            role: principal?.role ?? 'none',
            action: searchedHash ? 'case.search-by-personal-number' : action,
            caseId,
            searchedHash,
          });
        } catch (error) {
          // No answer without its audit record.
          this.logger.error(
            { action, caseId, err: error instanceof Error ? error.message : String(error) },
            'audit write failed',
          );
          throw new Problem(
            503,
            'audit-unavailable',
            'Service unavailable',
            'The access could not be recorded, so it was not given.',
          );
        }
        return result;
      }),
    );
  }
}
