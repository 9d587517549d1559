import {
  type CallHandler,
  type ExecutionContext,
  HttpException,
  Inject,
  Injectable,
  type NestInterceptor,
  SetMetadata,
  applyDecorators,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type Observable, catchError, defer, mergeMap } from 'rxjs';
import type { Logger } from 'pino';
import type { AuthenticatedRequest } from '../auth/auth.decorators';
import { isUuid } from '../common/ids';
import { Problem } from '../common/problem';
import { Clock } from '../infrastructure/clock';
import { LOGGER } from '../infrastructure/tokens';
import { type AuditEntry, AuditLog, type AuditOutcome } from './audit-log';

export const AUDITED = 'fut:audited';
const AUDITED_CREATES = 'fut:audited-creates';
const AUDITED_CONCERNS = 'fut:audited-concerns';

export interface AuditedOptions {
  /**
   * For a change that creates something: the id it will have, chosen before
   * anything is written, so the entry recorded before the change names it.
   */
  creates?: (request: AuthenticatedRequest) => string;
  /**
   * For a request whose path names no case: the case it reads, from what the
   * service itself names it by (e.g. a stream id in the query), so every read
   * of a case is recorded against it. Only a UUID is ever stored (auditedIdOf).
   */
  concerns?: (request: AuthenticatedRequest) => unknown;
}

/**
 * Records the endpoint's action in the audit log: reads before the answer
 * leaves, changes before they are made. A route that serves several actions
 * (every case step through one path) names the action from the request.
 */
export const Audited = (
  action: string | ((request: { params?: Record<string, string> }) => string),
  options: AuditedOptions = {},
): MethodDecorator =>
  applyDecorators(
    SetMetadata(AUDITED, action),
    SetMetadata(AUDITED_CREATES, options.creates),
    SetMetadata(AUDITED_CONCERNS, options.concerns),
  );

/** The action an endpoint's audit entries name, for this request. */
export function auditActionOf(metadata: unknown, request: unknown): string | undefined {
  if (typeof metadata === 'function') return (metadata as (r: unknown) => string)(request);
  return typeof metadata === 'string' ? metadata : undefined;
}

type AuditedRequest = AuthenticatedRequest & { auditSearchedHash?: string; auditCreates?: string };

/** The id chosen for what the request creates (see AuditedOptions.creates), if any. */
export function createdIdOf(request: unknown): string | undefined {
  return (request as AuditedRequest).auditCreates;
}

/** A search by personnummer names the keyed hash of the number it searched for, never the number. */
export function noteSearchedHash(request: unknown, hash: string): void {
  (request as AuditedRequest).auditSearchedHash = hash;
}

/**
 * The case (or import) a request concerns, as the audit log may name it: the
 * path's `id` only when it is a UUID, the form of every id the service makes.
 * Whatever else a caller puts in a path (a personnummer, a name) is no id of
 * the service's, and is never stored: the entry then names no case. Query
 * values are never read here at all. A registration names the case it made.
 */
export function auditedIdOf(request: unknown, created?: unknown): string | null {
  const id = (request as { params?: Record<string, unknown> }).params?.id;
  if (id !== undefined) return isUuid(id) ? id : null;
  return isUuid(created) ? created : null;
}

/** The entry for a request: who (from the verified token), what (the endpoint's action), which case (see auditedIdOf). */
export function auditEntryOf(
  request: unknown,
  action: string,
  at: Date,
  outcome: AuditOutcome,
  status: number | null = null,
  created?: unknown,
): AuditEntry {
  const r = request as AuditedRequest;
  return {
    at: at.toISOString(),
    user: r.principal?.user ?? 'anonymous',
    role: r.principal?.role ?? 'none',
    action,
    caseId: auditedIdOf(request, created),
    searchedHash: r.auditSearchedHash ?? null,
    outcome,
    status,
  };
}

/** 403, and the 404 that answers for a case the caller may not see: both are refused accesses. */
function refusalStatus(error: unknown): number | undefined {
  const status =
    error instanceof Problem ? error.status : error instanceof HttpException ? error.getStatus() : undefined;
  return status === 403 || status === 404 ? status : undefined;
}

const isRead = (method: string): boolean => method === 'GET' || method === 'HEAD';

@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<AuditedRequest>();
    const action = auditActionOf(this.reflector.get<unknown>(AUDITED, context.getHandler()), request);
    if (!action) return next.handle();
    const hasPathId = (request.params as Record<string, unknown> | undefined)?.id !== undefined;
    const read = isRead(request.method) || action.startsWith('case.search');
    const creates = this.reflector.get<AuditedOptions['creates']>(AUDITED_CREATES, context.getHandler());
    if (!read && creates) request.auditCreates = creates(request);
    const concerns = this.reflector.get<AuditedOptions['concerns']>(AUDITED_CONCERNS, context.getHandler());
    // The case a request reads though its path does not name it: on every entry, refusals too.
    const concerned = hasPathId || !concerns ? undefined : concerns(request);
    const entry = (outcome: AuditOutcome, status: number | null = null, created?: unknown): AuditEntry =>
      auditEntryOf(request, action, this.clock.now(), outcome, status, created ?? concerned);
    return defer(async () => {
      // A change is made only once its audit entry is on disk: "not given" must be true when this fails.
      // A registration's entry names the case it is about to make (its id chosen before anything is written).
      if (!read) await this.recordOrRefuse(entry('requested', null, request.auditCreates));
    }).pipe(
      mergeMap(() => next.handle()),
      mergeMap(async (result: unknown) => {
        const created = hasPathId ? undefined : (result as { id?: unknown } | null)?.id;
        // Reads are recorded before the data leaves.
        if (read) await this.recordOrRefuse(entry('given', null, created));
        // A change is made by now: recording what it created can no longer turn it into a failure (logged instead).
        else if (isUuid(created) && created !== request.auditCreates)
          await recordOrLog(
            this.audit,
            this.logger,
            entry('given', null, created),
            'change made but its audit entry not recorded',
          );
        return result;
      }),
      catchError(async (error: unknown) => {
        const status = refusalStatus(error);
        if (status !== undefined) await recordRefusal(this.audit, this.logger, entry('refused', status));
        throw error;
      }),
    );
  }

  /**
   * No answer and no change without its record: a failed write rejects with
   * AuditUnavailableError, which the problem filter answers as 503
   * (storage-unavailable on a full or failing disk, audit-unavailable otherwise).
   */
  private async recordOrRefuse(entry: AuditEntry): Promise<void> {
    await this.audit.record(entry);
  }
}

/** A refusal stays a refusal when it cannot be recorded; the failure is logged. */
export function recordRefusal(audit: AuditLog, logger: Logger, entry: AuditEntry): Promise<void> {
  return recordOrLog(audit, logger, entry, 'refused access not recorded: audit write failed');
}

/** An entry whose failure must not change the answer (a refusal stays a refusal, a change made stays made): logged. */
export async function recordOrLog(audit: AuditLog, logger: Logger, entry: AuditEntry, failure: string): Promise<void> {
  try {
    await audit.record(entry);
  } catch (error) {
    logger.error(
      { action: entry.action, caseId: entry.caseId, err: error instanceof Error ? error.message : String(error) },
      failure,
    );
  }
}
