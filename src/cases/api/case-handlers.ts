import { CommandHandler, type ICommandHandler, IQueryHandler, QueryHandler, Command, Query } from '@nestjs/cqrs';
import { Inject } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { Problem } from '../../common/problem';
import { DistrictRegister } from '../../districts/district-register';
import {
  DuplicateEventIdError,
  EVENT_STORE,
  type EventStore,
  type ImportOrigin,
} from '../../event-store/event-store.port';
import { Consistency } from '../../infrastructure/consistency.service';
import { READ_MODEL_DB } from '../../infrastructure/tokens';
import {
  CaseCommands,
  type CaseCommandInput,
  StaleVersionError,
  type CommandOutcome,
} from '../application/case-commands.service';
import { caseStreamId, deterministicUuid } from '../application/case-stream';
import { IdempotencyKeyReusedError, IdempotencyKeys, type StoredAnswer } from '../application/idempotency';
import { CaseError } from '../domain/case-errors';
import { parsePersonalIdentityNumber } from '../domain/personal-identity-number';
import { kronorToOre } from '../../kernel/money';
import { type CaseListFilter, CaseListQueries } from '../read-models/case-list.projection';
import { caseView } from './case-view';
import { caseListFacts } from '../read-models/case-list-facts';
import type { OpenCase } from '../domain/case-state';
import type { RegisterCaseDto } from './case.dto';
import { randomUUID } from 'node:crypto';
import { canSeeDistrict, type Principal } from '../../auth/principal';
import { DataKeyMissingError, PersonalData } from '../../personal-data/personal-data';
import type { Logger } from 'pino';
import { LOGGER } from '../../infrastructure/tokens';
import { AuditLog } from '../../audit/audit-log';
import type { Gender } from '../domain/catalogues';
import { businessDateOf, isCaseEvent, type CaseEvent } from '../steps';

/** What the HTTP edge knows about a request besides its body. */
export interface RequestMeta {
  actor: string;
  /** The caller; absent only for trusted in-process callers such as the demo loader. */
  principal?: Principal;
  ifMatch?: string;
  idempotencyKey?: string;
  requestHash: string;
  correlationId: string;
  /** Trusted in-process callers only (the demo loader): when the step was recorded. */
  recordedAt?: string;
  /** Trusted in-process callers only (the import): the new case's id, derived from the register row's key. */
  caseId?: string;
  /** Trusted in-process callers only (the import): the register file and row the command comes from. */
  imported?: ImportOrigin;
}

export type CommandAnswer = StoredAnswer;

/** Maps a refused command to its problem+json answer. */
export function problemOf(error: unknown): unknown {
  if (error instanceof CaseError) {
    switch (error.kind) {
      case 'not-found':
        return Problem.notFound('No such case');
      case 'invalid':
        return Problem.badRequest([{ field: error.field ?? 'body', message: error.message }]);
      case 'conflict':
        return new Problem(409, error.code, 'Conflict', error.message);
      case 'rule':
        return new Problem(422, error.code, 'Unprocessable content', error.message, {
          ...(error.field ? { errors: [{ field: error.field, message: error.message }] } : {}),
          ...error.details,
        });
    }
  }
  if (error instanceof IdempotencyKeyReusedError || error instanceof DuplicateEventIdError) {
    // The same key (or the ids it determines) already went with another request.
    return new Problem(409, 'idempotency-key-reused', 'Conflict', new IdempotencyKeyReusedError().message);
  }
  if (error instanceof StaleVersionError) {
    return new Problem(
      412,
      'stale-version',
      'Precondition failed',
      `The case has changed: it is at version ${error.actual}, not ${error.expected}.`,
      {
        currentVersion: error.actual,
      },
    );
  }
  return error;
}

const keyed = (seed: string | undefined, meta: RequestMeta) =>
  seed ? { key: seed, requestHash: meta.requestHash } : undefined;

function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^\s*(?:W\/)?"?(-?\d+)"?\s*$/.exec(header);
  if (!match)
    throw Problem.badRequest([{ field: 'If-Match', message: 'If-Match must be the ETag of a case version, e.g. "3"' }]);
  return Number(match[1]);
}

const answerOf = (status: number, outcome: CommandOutcome, extra: Record<string, unknown> = {}): StoredAnswer => ({
  status,
  body: { id: outcome.id, caseNumber: outcome.caseNumber, version: outcome.version, ...extra },
  headers: { ETag: `"${outcome.version}"` },
});

/** Runs a command once per Idempotency-Key: a retry gets the first answer back. */
async function onceper(
  keys: IdempotencyKeys,
  meta: RequestMeta,
  recordedAt: () => string,
  run: (seed: string | undefined) => Promise<StoredAnswer>,
): Promise<StoredAnswer> {
  if (!meta.idempotencyKey) return run(undefined);
  const seed = IdempotencyKeys.seed(meta.actor, meta.idempotencyKey);
  const earlier = await keys.find(seed, meta.requestHash);
  if (earlier) return earlier;
  const answer = await run(seed);
  await keys.remember(seed, meta.requestHash, answer, meta.actor, recordedAt());
  return answer;
}

export class RegisterCase extends Command<CommandAnswer> {
  constructor(
    readonly body: RegisterCaseDto,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}

export class RunCaseCommand extends Command<CommandAnswer> {
  constructor(
    readonly caseId: string,
    readonly command: Exclude<CaseCommandInput, { type: 'RegisterCase' }>,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}

@CommandHandler(RegisterCase)
export class RegisterCaseHandler implements ICommandHandler<RegisterCase, CommandAnswer> {
  constructor(
    private readonly commands: CaseCommands,
    private readonly keys: IdempotencyKeys,
    private readonly districts: DistrictRegister,
    private readonly consistency: Consistency,
    @Inject(READ_MODEL_DB) private readonly db: Database.Database,
    private readonly personalData: PersonalData,
  ) {}

  async execute({ body, meta }: RegisterCase): Promise<CommandAnswer> {
    const district = this.districts.get(body.district);
    if (!district)
      throw Problem.badRequest([
        { field: 'district', message: `Unknown district ${body.district}; see GET /api/districts` },
      ]);
    if (meta.principal && !canSeeDistrict(meta.principal, district.code)) {
      throw new Problem(403, 'district-not-permitted', 'Forbidden', `You may not register cases in ${district.code}.`, {
        errors: [{ field: 'district', message: 'not one of your districts' }],
      });
    }
    const subject = this.subject(body);
    try {
      return await onceper(
        this.keys,
        meta,
        () => new Date().toISOString(),
        async (seed) => {
          const caseId = meta.caseId ?? (seed ? deterministicUuid(`${seed}:case`) : randomUUID());
          const outcome = await this.commands.register(
            {
              type: 'RegisterCase',
              data: {
                caseId,
                caseNumber: '',
                district,
                receivedOn: body.receivedOn,
                source: body.source,
                subject,
                suspectedPayments: (body.suspectedPayments ?? []).map((p) => ({
                  paidOn: p.paidOn,
                  amountOre: kronorToOre(p.amount),
                })),
                summary: body.summary ?? null,
                notifyingAuthority: body.notifyingAuthority ?? null,
              },
            },
            {
              actor: meta.actor,
              correlationId: meta.correlationId,
              idempotency: keyed(seed, meta),
              recordedAt: meta.recordedAt,
              imported: meta.imported,
            },
          );
          return answerOf(201, outcome, {
            relatedOpenCases: await this.relatedOpenCases(subject.personalIdentityNumber, caseId, meta.principal),
          });
        },
      );
    } catch (error) {
      throw problemOf(error);
    }
  }

  private subject(body: RegisterCaseDto): {
    personalIdentityNumber: string | null;
    name: string | null;
    gender: Gender;
  } {
    const { personalIdentityNumber, name, gender } = body.subject;
    if (personalIdentityNumber === undefined) {
      if (!gender)
        throw Problem.badRequest([
          { field: 'subject.gender', message: 'gender (woman, man or unknown) is required without a personnummer' },
        ]);
      return { personalIdentityNumber: null, name: name ?? null, gender };
    }
    const parsed = parsePersonalIdentityNumber(personalIdentityNumber, this.commands.today());
    if (!parsed.ok)
      throw Problem.badRequest([
        { field: 'subject.personalIdentityNumber', message: `personalIdentityNumber ${parsed.reason}` },
      ]);
    if (gender && gender !== parsed.pin.gender) {
      throw Problem.badRequest([
        {
          field: 'subject.gender',
          message: `gender ${gender} does not agree with the personnummer (${parsed.pin.gender})`,
        },
      ]);
    }
    return { personalIdentityNumber: parsed.pin.value, name: name ?? null, gender: parsed.pin.gender };
  }

  /** The person's other open cases, so the investigator sees them at registration. */
  private async relatedOpenCases(
    pin: string | null,
    caseId: string,
    principal: Principal | undefined,
  ): Promise<Array<{ id: string; caseNumber: string; district: string; status: string }>> {
    if (!pin) return [];
    await this.consistency.readYourWrites('case-list');
    // Only cases the caller may see: another district's case must not give itself away.
    return new CaseListQueries(this.db)
      .summaries(
        {
          personalNumberHash: this.personalData.hashOf(pin),
          excludeStatuses: ['closed', 'voided'],
          districts: principal?.districts,
        },
        1,
        100,
      )
      .filter((c) => c.id !== caseId);
  }
}

@CommandHandler(RunCaseCommand)
export class RunCaseCommandHandler implements ICommandHandler<RunCaseCommand, CommandAnswer> {
  constructor(
    private readonly commands: CaseCommands,
    private readonly keys: IdempotencyKeys,
  ) {}

  async execute({ caseId, command, meta }: RunCaseCommand): Promise<CommandAnswer> {
    try {
      const expectedVersion = parseIfMatch(meta.ifMatch);
      return await onceper(
        this.keys,
        meta,
        () => new Date().toISOString(),
        async (seed) => {
          const outcome = await this.commands.execute(caseId, command, {
            actor: meta.actor,
            expectedVersion,
            correlationId: meta.correlationId,
            idempotency: keyed(seed, meta),
            canSee: meta.principal ? (d) => canSeeDistrict(meta.principal!, d) : undefined,
            recordedAt: meta.recordedAt,
            imported: meta.imported,
          });
          return answerOf(200, outcome);
        },
      );
    } catch (error) {
      throw problemOf(error);
    }
  }
}

export class GetCase extends Query<{ view: object; version: number }> {
  constructor(
    readonly caseId: string,
    readonly principal?: Principal,
  ) {
    super();
  }
}

@QueryHandler(GetCase)
export class GetCaseHandler implements IQueryHandler<GetCase> {
  constructor(
    private readonly commands: CaseCommands,
    private readonly personalData: PersonalData,
    private readonly audit: AuditLog,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute({ caseId, principal }: GetCase): Promise<{ view: object; version: number }> {
    // Read from the stream itself: a case read is always current.
    const { state, version } = await this.commands.load(caseId);
    // Another district's case is answered exactly as an unknown one.
    if (!state.exists || (principal && !canSeeDistrict(principal, state.district)))
      throw Problem.notFound('No such case');
    const view = revealed(this.logger, caseId, () =>
      this.personalData.revealAll(caseView(state, version, this.commands.today()), state.culledOn !== null),
    );
    return {
      view: {
        ...view,
        personalData: state.culledOn ? 'culled' : 'kept',
        culledOn: state.culledOn,
        readBy: this.audit.readers(caseId),
      },
      version,
    };
  }
}

/**
 * Personal data as the reader may see it. A key missing for a case that was
 * never culled is a fault of the key store: 503, logged by case id, never
 * shown as "[gallrad]".
 */
function revealed<T>(logger: Logger, caseId: string, reveal: () => T): T {
  try {
    return reveal();
  } catch (error) {
    if (!(error instanceof DataKeyMissingError)) throw error;
    logger.error({ caseId, keyId: error.keyId }, 'data key missing for a case that was never culled');
    throw new Problem(
      503,
      'personal-data-key-missing',
      'Service unavailable',
      'The personal data of this case cannot be decrypted: its data key is missing from the key store. The case was not culled; the operators must restore the key store.',
    );
  }
}

export class GetCaseHistory extends Query<object[]> {
  constructor(
    readonly caseId: string,
    readonly principal?: Principal,
  ) {
    super();
  }
}

@QueryHandler(GetCaseHistory)
export class GetCaseHistoryHandler implements IQueryHandler<GetCaseHistory> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly commands: CaseCommands,
    private readonly personalData: PersonalData,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute({ caseId, principal }: GetCaseHistory): Promise<object[]> {
    const { state } = await this.commands.load(caseId);
    if (!state.exists || (principal && !canSeeDistrict(principal, state.district)))
      throw Problem.notFound('No such case');
    const events = await this.store.readStream(caseStreamId(caseId));
    return events.filter(isCaseEvent).map((e) => ({
      version: e.revision,
      type: e.type,
      businessDate: businessDateOf({ type: e.type, data: e.data } as CaseEvent),
      recordedAt: e.metadata.recordedAt,
      recordedBy: e.metadata.recordedBy,
      data: revealed(this.logger, caseId, () => this.personalData.revealAll(e.data, state.culledOn !== null)),
    }));
  }
}

export class ListCases extends Query<{ items: object[]; total: number; page: number; pageSize: number }> {
  constructor(
    readonly principal: Principal | undefined,
    readonly filter: Omit<CaseListFilter, 'personalNumberHash'> & { personalIdentityNumber?: string },
    readonly page: number,
    readonly pageSize: number,
    /** Told the keyed hash of a searched personnummer, for the audit log. */
    readonly onSearch?: (personalNumberHash: string) => void,
  ) {
    super();
  }
}

@QueryHandler(ListCases)
export class ListCasesHandler implements IQueryHandler<ListCases> {
  constructor(
    private readonly consistency: Consistency,
    @Inject(READ_MODEL_DB) private readonly db: Database.Database,
    private readonly commands: CaseCommands,
    private readonly personalData: PersonalData,
  ) {}

  async execute({
    principal,
    filter,
    page,
    pageSize,
    onSearch,
  }: ListCases): Promise<{ items: object[]; total: number; page: number; pageSize: number }> {
    const { personalIdentityNumber, ...rest } = filter;
    let pin: string | undefined;
    if (personalIdentityNumber !== undefined) {
      const parsed = parsePersonalIdentityNumber(personalIdentityNumber, this.commands.today());
      if (!parsed.ok)
        throw Problem.badRequest([
          { field: 'personalIdentityNumber', message: `personalIdentityNumber ${parsed.reason}` },
        ]);
      pin = parsed.pin.value;
    }
    const personalNumberHash = pin === undefined ? undefined : this.personalData.hashOf(pin);
    if (personalNumberHash) onSearch?.(personalNumberHash);
    await this.consistency.readYourWrites('case-list');
    const { items: rows, total } = new CaseListQueries(this.db).list(
      // Searched by the keyed hash; only the caller's districts.
      {
        ...rest,
        personalNumberHash,
        districts: principal?.districts,
      },
      page,
      pageSize,
    );
    const today = this.commands.today();
    const items = rows.map(({ state, ...item }) => ({
      ...item,
      ...caseListFacts(JSON.parse(state) as OpenCase, today),
    }));
    return { items, total, page, pageSize };
  }
}

export const CASE_HANDLERS = [
  RegisterCaseHandler,
  RunCaseCommandHandler,
  GetCaseHandler,
  GetCaseHistoryHandler,
  ListCasesHandler,
];
