import { CommandHandler, type ICommandHandler, Command } from '@nestjs/cqrs';
import { Inject } from '@nestjs/common';
import { Problem } from '../../common/problem';
import { DistrictRegister } from '../../districts/district-register';
import { DuplicateEventIdError, type ImportOrigin } from '../../event-store/event-store.port';
import { CaseCommands, type CaseCommandInput, StaleVersionError, type CommandOutcome } from './case-commands.service';
import { deterministicUuid } from './case-stream';
import { IdempotencyKeyReusedError, IdempotencyKeys, type StoredAnswer } from './idempotency';
import { CaseError } from '../domain/case-errors';
import { parsePersonalIdentityNumber } from '../domain/personal-identity-number';
import { kronorToOre } from '../../kernel/money';
import { randomUUID } from 'node:crypto';
import { canSeeDistrict, type Principal } from '../../auth/principal';
import { PersonalData } from '../../personal-data/personal-data';
import type { Logger } from 'pino';
import { LOGGER } from '../../infrastructure/tokens';
import { OPEN_CASES_OF_PERSON, type OpenCasesOfPerson } from './open-cases-of-person.port';
import type { Authority, Gender, Source } from '../domain/catalogues';
import type { ProtectionBasis } from '../domain/persons';

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
  /**
   * The new case's id, chosen by the service, never by a client: the import
   * derives it from the register row's key, the HTTP edge chooses it before
   * the audit entry (see registrationCaseId).
   */
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
      case 'rule': {
        // Every rule the request broke (see checkAll), each with its field and its own code.
        const errors = (error.broken.length > 0 ? error.broken : [error])
          .filter((e) => e.field !== undefined)
          .map((e) => ({ field: e.field!, code: e.code, message: e.message }));
        return new Problem(422, error.code, 'Unprocessable content', error.message, {
          ...(errors.length > 0 ? { errors } : {}),
          ...error.details,
        });
      }
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

/**
 * Runs a command once per Idempotency-Key: a retry gets the first answer back.
 *
 * The command's own append is the commit point. Once it has returned, the
 * change is made and the answer is a success, whatever happens after: the
 * stored answer is only a shortcut for retries (the case stream's events name
 * the key and the request, and a retry finds them there, see
 * CaseCommands.earlierAttempt), so a failure to store it is logged, never
 * answered as a failure of the change.
 */
async function onceper(
  keys: IdempotencyKeys,
  logger: Logger,
  meta: RequestMeta,
  recordedAt: () => string,
  run: (seed: string | undefined) => Promise<StoredAnswer>,
): Promise<StoredAnswer> {
  if (!meta.idempotencyKey) return run(undefined);
  const seed = IdempotencyKeys.seed(meta.actor, meta.idempotencyKey);
  const earlier = await keys.find(seed, meta.requestHash);
  if (earlier) return earlier;
  const answer = await run(seed);
  await keys.remember(seed, meta.requestHash, answer, meta.actor, recordedAt()).catch((error: unknown) => {
    logger.warn(
      { caseId: answer.body.id, err: error instanceof Error ? error.message : String(error) },
      'the answer to a keyed request was not stored; a retry finds the change in the case stream',
    );
  });
  return answer;
}

/**
 * The id a registration gives its case: derived from the Idempotency-Key (so
 * a retry names the same case), else new. Known before anything is written,
 * so the audit entry of the request can name the case it creates.
 */
export function registrationCaseId(actor: string, idempotencyKey: string | undefined): string {
  return idempotencyKey ? deterministicUuid(`${IdempotencyKeys.seed(actor, idempotencyKey)}:case`) : randomUUID();
}

/** What a registration is given, as POST /api/cases takes it (amounts in kronor). */
export interface RegistrationRequest {
  district: string;
  receivedOn: string;
  source: Source;
  subject: { personalIdentityNumber?: string; name?: string; gender?: Gender; protectedIdentity?: ProtectionBasis };
  suspectedPayments?: Array<{ paidOn: string; amount: number }>;
  summary?: string;
  notifyingAuthority?: Authority;
  /** Who is to have the case: a unit head may name an investigator of the district; an investigator only themselves. */
  investigator?: string;
  assistanceCaseNumber?: string;
  reportedBy?: string;
}

export { OPEN_CASES_OF_PERSON, type OpenCasesOfPerson } from './open-cases-of-person.port';

export class RegisterCase extends Command<CommandAnswer> {
  constructor(
    readonly body: RegistrationRequest,
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
    @Inject(OPEN_CASES_OF_PERSON) private readonly openCasesOfPerson: OpenCasesOfPerson,
    private readonly personalData: PersonalData,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute({ body, meta }: RegisterCase): Promise<CommandAnswer> {
    const district = this.districts.get(body.district);
    // The district, the personnummer and the gender are checked together: one 400 names every one that is wrong.
    const subject = this.subject(body);
    if (!district || 'errors' in subject)
      throw Problem.badRequest([
        ...(district
          ? []
          : [{ field: 'district', message: `Unknown district ${body.district}; see GET /api/districts` }]),
        ...('errors' in subject ? subject.errors : []),
      ]);
    if (meta.principal && !canSeeDistrict(meta.principal, district.code)) {
      throw new Problem(403, 'district-not-permitted', 'Forbidden', `You may not register cases in ${district.code}.`, {
        errors: [{ field: 'district', message: 'not one of your districts' }],
      });
    }
    const named = this.investigatorOf(body, meta.principal);
    try {
      return await onceper(
        this.keys,
        this.logger,
        meta,
        () => new Date().toISOString(),
        async (seed) => {
          const caseId = meta.caseId ?? registrationCaseId(meta.actor, meta.idempotencyKey);
          // Read before the case is written: a failure here (read models behind, a failing disk) changes nothing.
          const relatedOpenCases = await this.relatedOpenCases(subject.personalIdentityNumber, caseId, meta.principal);
          const protectedIdentity =
            body.subject.protectedIdentity ??
            (await this.knownProtection(subject.personalIdentityNumber, meta.principal));
          // A protected person's case waits for the unit head, who chooses who may see who the person is.
          const investigator = protectedIdentity && meta.principal?.role === 'investigator' ? null : named;
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
                protectedIdentity,
                investigator,
                assistanceCaseNumber: body.assistanceCaseNumber ?? null,
                reportedBy: body.reportedBy ?? null,
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
          return answerOf(201, outcome, { relatedOpenCases });
        },
      );
    } catch (error) {
      throw problemOf(error);
    }
  }

  /**
   * Who has the case from the start. An investigator who registers a case has
   * it at once (so it is on their own start page, not lost in the queue until
   * the unit head acts); a unit head leaves it in the queue unless they name
   * someone; the import and the demo (no principal) as they say. Only a unit
   * head gives a case to someone else, as with the assignment step, and a case
   * about a person with a protected identity (see `execute`).
   */
  private investigatorOf(body: RegistrationRequest, principal: Principal | undefined): string | null {
    if (principal?.role !== 'investigator') return body.investigator ?? null;
    if (body.investigator !== undefined && body.investigator !== principal.user)
      throw new Problem(403, 'forbidden', 'Forbidden', 'Only a unit head registers a case for someone else.', {
        errors: [{ field: 'investigator', message: 'only yourself: a unit head assigns others' }],
      });
    return principal.user;
  }

  /** The person as the case records them, or the fields that are wrong. */
  private subject(
    body: RegistrationRequest,
  ):
    | { personalIdentityNumber: string | null; name: string | null; gender: Gender }
    | { errors: Array<{ field: string; message: string }> } {
    const { personalIdentityNumber, name, gender } = body.subject;
    if (personalIdentityNumber === undefined) {
      if (!gender)
        return {
          errors: [
            { field: 'subject.gender', message: 'gender (woman, man or unknown) is required without a personnummer' },
          ],
        };
      return { personalIdentityNumber: null, name: name ?? null, gender };
    }
    const parsed = parsePersonalIdentityNumber(personalIdentityNumber, this.commands.today());
    if (!parsed.ok)
      return {
        errors: [{ field: 'subject.personalIdentityNumber', message: `personalIdentityNumber ${parsed.reason}` }],
      };
    if (gender && gender !== parsed.pin.gender) {
      return {
        errors: [
          {
            field: 'subject.gender',
            message: `gender ${gender} does not agree with the personnummer (${parsed.pin.gender})`,
          },
        ],
      };
    }
    return { personalIdentityNumber: parsed.pin.value, name: name ?? null, gender: parsed.pin.gender };
  }

  /**
   * A person whose identity is protected in another case (of any district:
   * the protection is Skatteverket's, of the person) is protected in the new
   * one too, so the new case does not show them to everyone the first one
   * hides them from. Only at the HTTP edge, as relatedOpenCases.
   */
  private async knownProtection(pin: string | null, principal: Principal | undefined): Promise<ProtectionBasis | null> {
    if (!pin || !principal) return null;
    return this.openCasesOfPerson.protectionOf(this.personalData.hashOf(pin));
  }

  /**
   * The person's other open cases, so the investigator sees them at
   * registration. Only a person at the HTTP edge reads them: the import and
   * the demo loader do not wait for the read models on every row.
   */
  private async relatedOpenCases(
    pin: string | null,
    caseId: string,
    principal: Principal | undefined,
  ): Promise<Array<{ id: string; caseNumber: string; district: string; status: string }>> {
    if (!pin || !principal) return [];
    // Only cases the caller may see: another district's case must not give itself away, nor a case whose
    // person's identity is protected from the caller (the number they typed would tie it to that person).
    const found = await this.openCasesOfPerson.find(this.personalData.hashOf(pin), principal.districts, {
      user: principal.user,
      unitHeadOf: principal.role === 'unit-head' ? principal.districts : [],
    });
    return found.filter((c) => c.id !== caseId);
  }
}

@CommandHandler(RunCaseCommand)
export class RunCaseCommandHandler implements ICommandHandler<RunCaseCommand, CommandAnswer> {
  constructor(
    private readonly commands: CaseCommands,
    private readonly keys: IdempotencyKeys,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute({ caseId, command, meta }: RunCaseCommand): Promise<CommandAnswer> {
    try {
      const expectedVersion = parseIfMatch(meta.ifMatch);
      return await onceper(
        this.keys,
        this.logger,
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

export const CASE_COMMAND_HANDLERS = [RegisterCaseHandler, RunCaseCommandHandler];
