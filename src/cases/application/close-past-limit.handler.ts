import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { AuditLog } from '../../audit/audit-log';
import { canSeeDistrict } from '../../auth/principal';
import type { LocalDate } from '../../calendar/local-date';
import { Problem, isAnsweredAsProblem } from '../../common/problem';
import type { Capacity } from '../../delegation/delegation-register';
import { DistrictRegister } from '../../districts/district-register';
import { Clock } from '../../infrastructure/clock';
import { LOGGER } from '../../infrastructure/tokens';
import { oreToKronor } from '../../kernel/money';
import { decisionMakerOf } from '../domain/decision-maker';
import { type CommandAnswer, type RequestMeta, problemOf } from './case-command-handlers';
import { CaseCommands } from './case-commands.service';
import { IdempotencyKeys } from './idempotency';
import { pastLimitClosing } from './past-limit-closing';

/** What a unit head sends: the cases picked from the list of claims wholly past their limits, each at the version seen. */
export interface PastLimitClosingRequest {
  closedOn: LocalDate;
  cases: Array<{ id: string; version: number }>;
  decidedBy?: string;
  decidedAs?: Capacity;
  delegationPoint?: string;
}

export interface ClosedCaseResult {
  id: string;
  caseNumber: string;
  outcome: 'closed';
  /** The case version after the waivers and the closing (its new ETag). */
  version: number;
  /** Each waiver recorded, in kronor. */
  waivers: Array<{ claimId: string; amount: number; person?: string }>;
}

export interface RefusedCaseResult {
  id: string;
  caseNumber: string | null;
  outcome: 'refused';
  /** The problem this case alone would have been answered with (status, code, detail and its extensions). */
  problem: Record<string, unknown> & { status: number; code: string; detail?: string };
}

export interface PastLimitClosingAnswer {
  closedOn: LocalDate;
  closed: number;
  refused: number;
  results: Array<ClosedCaseResult | RefusedCaseResult>;
}

export class ClosePastLimitClaims extends Command<PastLimitClosingAnswer> {
  constructor(
    readonly body: PastLimitClosingRequest,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}

/** The audit action of each case the batch touches: its own entry, before its change, as a step's. */
export const PAST_LIMIT_CLOSING_AUDIT = 'case.close-past-limit';

/**
 * Closes the picked cases whose claims are wholly past their three-year
 * limits, each as its own change (`pastLimitClosing`: the waivers, then the
 * closing, decided in turn and appended together with the version the unit
 * head saw): one request, one result per case, never a partial case. A case
 * changed since it was listed (412 stale-version), refused by a rule (a part
 * still within its limit, a closing not met), or not the caller's is reported
 * as refused, with the problem it alone would have had; the others close.
 *
 * The Idempotency-Key is required. The whole answer is kept under it (a retry
 * gets it back and writes nothing); each case's events carry a key of their
 * own derived from it, so a retry after a crash part-way finds the cases
 * already closed and answers them as closed again, and closes the rest.
 */
@CommandHandler(ClosePastLimitClaims)
export class ClosePastLimitClaimsHandler implements ICommandHandler<ClosePastLimitClaims, PastLimitClosingAnswer> {
  constructor(
    private readonly commands: CaseCommands,
    private readonly keys: IdempotencyKeys,
    private readonly audit: AuditLog,
    private readonly districts: DistrictRegister,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute({ body, meta }: ClosePastLimitClaims): Promise<PastLimitClosingAnswer> {
    if (!meta.idempotencyKey)
      throw Problem.badRequest([
        { field: 'Idempotency-Key', message: 'Idempotency-Key is required: a retry of the batch must not close twice' },
      ]);
    const ids = body.cases.map((c) => c.id);
    if (new Set(ids).size !== ids.length)
      throw Problem.badRequest([{ field: 'cases', message: 'each case may be named once' }]);
    const seed = IdempotencyKeys.seed(meta.actor, meta.idempotencyKey);
    let earlier: CommandAnswer | undefined;
    try {
      earlier = await this.keys.find(seed, meta.requestHash);
    } catch (error) {
      throw problemOf(error);
    }
    if (earlier) return earlier.body as unknown as PastLimitClosingAnswer;
    // One decision-maker for every waiver: the one the request names, or the unit head who sends it.
    const decisionMaker = (() => {
      try {
        return decisionMakerOf(body, {
          district: (code) => this.districts.get(code),
          caller: meta.principal && { user: meta.principal.user, role: meta.principal.role },
        });
      } catch (error) {
        throw problemOf(error);
      }
    })();
    const results: PastLimitClosingAnswer['results'] = [];
    for (const picked of body.cases) {
      results.push(await this.closeOne(picked, body.closedOn, decisionMaker, seed, meta));
    }
    const answer: PastLimitClosingAnswer = {
      closedOn: body.closedOn,
      closed: results.filter((r) => r.outcome === 'closed').length,
      refused: results.filter((r) => r.outcome === 'refused').length,
      results,
    };
    await this.keys
      .remember(
        seed,
        meta.requestHash,
        { status: 200, body: answer as unknown as Record<string, unknown>, headers: {} },
        meta.actor,
        this.clock.now().toISOString(),
      )
      .catch((error: unknown) =>
        this.logger.warn(
          { err: error instanceof Error ? error.message : String(error) },
          'the answer to a keyed batch was not stored; a retry finds each closed case in its stream',
        ),
      );
    return answer;
  }

  private async closeOne(
    picked: { id: string; version: number },
    closedOn: LocalDate,
    decisionMaker: ReturnType<typeof decisionMakerOf>,
    seed: string,
    meta: RequestMeta,
  ): Promise<ClosedCaseResult | RefusedCaseResult> {
    const principal = meta.principal;
    const entry = (outcome: 'requested' | 'refused', status: number | null = null) => ({
      at: this.clock.now().toISOString(),
      user: principal?.user ?? meta.actor,
      role: principal?.role ?? 'none',
      action: PAST_LIMIT_CLOSING_AUDIT,
      caseId: picked.id,
      searchedHash: null,
      outcome,
      status,
    });
    try {
      // As any change: made only once its audit entry is on disk (a case whose entry fails is refused, 503).
      await this.audit.record(entry('requested'));
      const outcome = await this.commands.executePlan(
        picked.id,
        (state) => pastLimitClosing(state, closedOn, decisionMaker),
        {
          actor: meta.actor,
          expectedVersion: picked.version,
          correlationId: meta.correlationId,
          // Each case's events carry a key of its own, from the batch's: found again on a retry.
          idempotency: { key: caseSeed(seed, picked.id), requestHash: meta.requestHash },
          canSee: principal ? (d) => canSeeDistrict(principal, d) : undefined,
        },
      );
      return {
        id: picked.id,
        caseNumber: outcome.caseNumber,
        outcome: 'closed',
        version: outcome.version,
        waivers: outcome.events.flatMap((e) =>
          e.type === 'ClaimWaived'
            ? [
                {
                  claimId: e.data.claimId,
                  amount: oreToKronor(e.data.amountOre),
                  ...(e.data.person ? { person: e.data.person } : {}),
                },
              ]
            : [],
        ),
      };
    } catch (error) {
      const problem = problemOf(error);
      if (!(problem instanceof Problem)) {
        // A fault the service answers for itself (the audit log, an unreadable event): this case is refused.
        if (!isAnsweredAsProblem(error)) throw error;
        return this.refused(picked, error.asProblem());
      }
      if (problem.status === 404) {
        await this.audit
          .record(entry('refused', 404))
          .catch((e: unknown) =>
            this.logger.error(
              { caseId: picked.id, err: e instanceof Error ? e.message : String(e) },
              'refused access not recorded',
            ),
          );
      }
      return this.refused(picked, problem);
    }
  }

  private async refused(picked: { id: string }, problem: Problem): Promise<RefusedCaseResult> {
    // The case number of a case the caller may see, to name it in the answer; none of another's.
    const caseNumber =
      problem.status === 404
        ? null
        : await this.commands
            .load(picked.id)
            .then(({ state }) => (state.exists ? state.caseNumber : null))
            .catch(() => null);
    return {
      id: picked.id,
      caseNumber,
      outcome: 'refused',
      problem: {
        status: problem.status,
        code: problem.code,
        ...(problem.detail ? { detail: problem.detail } : {}),
        ...problem.extensions,
      },
    };
  }
}

/** A case's own key within a batch: derived from the batch's, so a retry of the batch finds what it wrote. */
export function caseSeed(batchSeed: string, caseId: string): string {
  return createHash('sha256').update(`${batchSeed}\u0000${caseId}`).digest('hex');
}
