import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { todayInStockholm } from '../../calendar/local-date';
import { DistrictRegister } from '../../districts/district-register';
import { DelegationRegister } from '../../delegation/delegation-register';
import { EVENT_STORE, type EventStore, WrongExpectedVersionError } from '../../event-store/event-store.port';
import { Clock } from '../../infrastructure/clock';
import { DISTRICT_REGISTER_ACTOR } from '../../districts/case-succession';
import { type CaseCommand, type CaseEvent, decide, decideInItsDistrict, evolve, replay, stepOf } from '../steps';
import type { Lookups } from '../domain/step';
import { CaseError } from '../domain/case-errors';
import type { CaseState, OpenCase } from '../domain/case-state';
import { CaseNumbers } from './case-numbers';
import { PersonalData } from '../../personal-data/personal-data';
import { hasOwnDataKey, protectCaseEvent } from './case-personal-data';
import { StaffDirectory } from '../../staff/staff-directory';
import { type RecordingContext, caseStreamId, toCaseEvents, toNewEvents, writtenFor } from './case-stream';
import type { ImportOrigin, NewEvent, RecordedEvent } from '../../event-store/event-store.port';
import { IdempotencyKeyReusedError } from './idempotency';
import { CaseStates } from './case-states';
import { OPEN_CASES_OF_PERSON, type OpenCasesOfPerson } from './open-cases-of-person.port';
import { parsePersonalIdentityNumber } from '../domain/personal-identity-number';

/** A case command without its date of decision: the service adds today. */
export type CaseCommandInput = CaseCommand extends infer C ? (C extends CaseCommand ? Omit<C, 'today'> : never) : never;

export interface CommandOptions {
  actor: string;
  /** From If-Match: the version the client saw. A different current version answers 412. */
  expectedVersion?: number;
  correlationId?: string;
  /** From an Idempotency-Key: which key (hashed with the user) and which request (keyed hash). */
  idempotency?: { key: string; requestHash: string };
  /** Whether the caller may see a case of this district; a case they may not see is answered as unknown. */
  canSee?: (district: string) => boolean;
  /** Trusted in-process callers only (the demo loader): when the step was recorded, never later than now. */
  recordedAt?: string;
  /** The import only: the register file and row the command comes from. */
  imported?: ImportOrigin;
}

export interface CommandOutcome {
  id: string;
  caseNumber: string;
  /** The stream revision after the command (0 after registration). */
  version: number;
  position: number;
}

export class StaleVersionError extends Error {
  constructor(
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`The case is at version ${actual}, not ${expected}`);
  }
}

const MAX_ATTEMPTS = 10;

/** Runs the decider against the case stream: read, fold, decide, append with the expected revision. */
@Injectable()
export class CaseCommands {
  /** Folded case states, so a step reads only what was appended since the case was last used. */
  private readonly states: CaseStates;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly numbers: CaseNumbers,
    private readonly districts: DistrictRegister,
    private readonly personalData: PersonalData,
    private readonly staff: StaffDirectory,
    @Inject(OPEN_CASES_OF_PERSON) private readonly persons: OpenCasesOfPerson,
    private readonly delegation: DelegationRegister,
  ) {
    this.states = new CaseStates(store);
  }

  private readonly lookups: Lookups = {
    staffDistricts: (user) => this.staff.districtsOf(user),
    newDataKeyId: () => this.personalData.keyIdFor(null),
    knownProtection: async (input) => {
      const parsed = parsePersonalIdentityNumber(input, this.today());
      return parsed.ok ? this.persons.protectionOf(this.personalData.hashOf(parsed.pin.value)) : null;
    },
    delegationOrder: () => Promise.resolve(this.delegation.points),
  };

  today(): string {
    return todayInStockholm(this.clock.now());
  }

  /** The recording instant: now, or a trusted caller's earlier one. */
  private now(options: CommandOptions): Date {
    const now = this.clock.now();
    if (!options.recordedAt) return now;
    const at = new Date(options.recordedAt);
    if (Number.isNaN(at.getTime()) || at > now)
      throw new Error(`recordedAt ${options.recordedAt} is not a past instant`);
    return at;
  }

  private context(options: CommandOptions): RecordingContext {
    return {
      actor: options.actor,
      recordedAt: this.now(options).toISOString(),
      correlationId: options.correlationId ?? randomUUID(),
      causationId: null,
      idempotency: options.idempotency,
      imported: options.imported,
    };
  }

  async register(
    command: Extract<CaseCommandInput, { type: 'RegisterCase' }>,
    options: CommandOptions,
  ): Promise<CommandOutcome> {
    const today = todayInStockholm(this.now(options));
    const caseId = command.data.caseId;
    if (options.idempotency) {
      // A keyed retry of a registration that was stored before its answer was lost.
      const recorded = await this.store.readStream(caseStreamId(caseId));
      const earlier = this.earlierAttempt(recorded, options);
      if (earlier) return earlier;
    }
    // Where a named investigator works, looked up as for an assignment.
    const prepare = stepOf('RegisterCase').prepare as (d: unknown, l: Lookups) => Promise<typeof command.data>;
    command = { ...command, data: await prepare(command.data, this.lookups) };
    // Decide once with a placeholder number, so a refused registration uses up no number.
    decide({ ...command, today }, { exists: false });
    const d = command.data;
    const caseNumber = await this.numbers.reserve(
      d.district.prefix,
      Number(d.receivedOn.slice(0, 4)),
      caseId,
      options.actor,
      this.clock.now().toISOString(),
    );
    // The person's data key; personal fields are encrypted with it before they reach the log.
    const dataKeyId = this.personalData.keyIdFor(d.subject.personalIdentityNumber);
    // A district that existed on the received date but has ended since: the case passes on in the same write.
    const decided = decideInItsDistrict(
      { ...command, data: { ...d, caseNumber, dataKeyId }, today },
      { exists: false },
      this.districtOf,
    );
    const events = decided.map((e) => protectCaseEvent(this.personalData, e, dataKeyId));
    const context = this.context(options);
    const result = await this.store.append(caseStreamId(caseId), this.recorded(decided, events, context), 'no-stream');
    return { id: caseId, caseNumber, version: result.nextExpectedRevision, position: result.position };
  }

  async execute(
    caseId: string,
    command: Exclude<CaseCommandInput, { type: 'RegisterCase' }>,
    options: CommandOptions,
  ): Promise<CommandOutcome> {
    const stream = caseStreamId(caseId);
    // What the decision needs looked up (e.g. where an investigator works), for every caller alike.
    const prepare = stepOf(command.type).prepare as ((d: unknown, l: Lookups) => Promise<unknown>) | undefined;
    if (prepare) command = { ...command, data: await prepare(command.data, this.lookups) } as typeof command;
    for (let attempt = 0; ; attempt++) {
      const { state, version, keys } = await this.states.load(stream);
      if (!state.exists || (options.canSee && !options.canSee(state.district))) {
        throw new CaseError('not-found', 'case-not-found', `Case ${caseId} does not exist`);
      }
      // Before the version check: the retry's If-Match names the version before its own first attempt.
      // Only a key that wrote to this stream can have an earlier attempt; that retry reads the stream whole.
      if (options.idempotency && keys.has(options.idempotency.key)) {
        const earlier = this.earlierAttempt(await this.store.readStream(stream), options);
        if (earlier) return earlier;
      }
      if (options.expectedVersion !== undefined && options.expectedVersion !== version) {
        throw new StaleVersionError(options.expectedVersion, version);
      }
      const keyId = state.dataKeyId;
      // A case whose district has ended passes to the successor in the same append, before the step (or after a step dated before the merger).
      const decided = decideInItsDistrict(
        { ...command, today: todayInStockholm(this.now(options)) } as CaseCommand,
        state,
        this.districtOf,
      );
      // Passed on a merger, the case belongs to the successor: a caller who may not see it there may not act on it.
      const isMerger = command.type === 'TransferCase' && command.data.merger !== undefined;
      const successor = decided.flatMap((e) =>
        e.type === 'CaseTransferred' && e.data.byMerger && !isMerger ? [e.data.toDistrict] : [],
      );
      if (options.canSee && successor.length > 0 && !options.canSee(successor[successor.length - 1])) {
        throw new CaseError('not-found', 'case-not-found', `Case ${caseId} does not exist`);
      }
      // An event with a key of its own (a second person's) is encrypted with it, even on a case from before encryption.
      const events = decided.map((e) =>
        keyId || hasOwnDataKey(e) ? protectCaseEvent(this.personalData, e, keyId ?? '') : e,
      );
      if (events.length === 0) return { id: caseId, caseNumber: state.caseNumber, version, position: 0 };
      try {
        const context = this.context(options);
        const result = await this.store.append(stream, this.recorded(decided, events, context), version);
        return {
          id: caseId,
          caseNumber: state.caseNumber,
          version: result.nextExpectedRevision,
          position: result.position,
        };
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        this.states.forget(stream);
        // Someone else wrote first: with If-Match that is a stale version, without it decide again.
        const actual = typeof error.actual === 'number' ? error.actual : -1;
        if (options.expectedVersion !== undefined) throw new StaleVersionError(options.expectedVersion, actual);
        if (attempt + 1 >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  /**
   * Several steps on one case as one change: `plan` names the commands from
   * the case as it is, the decider decides each on the case as the ones
   * before it left it, and all their events are appended at once, with the
   * expected revision. A refusal of any step refuses them all (nothing is
   * written); the events a keyed request wrote before are its answer again.
   */
  async executePlan(
    caseId: string,
    plan: (state: OpenCase) => Array<Exclude<CaseCommandInput, { type: 'RegisterCase' }>>,
    options: CommandOptions,
  ): Promise<CommandOutcome & { events: CaseEvent[] }> {
    const stream = caseStreamId(caseId);
    for (let attempt = 0; ; attempt++) {
      const { state, version, keys } = await this.states.load(stream);
      if (!state.exists || (options.canSee && !options.canSee(state.district))) {
        throw new CaseError('not-found', 'case-not-found', `Case ${caseId} does not exist`);
      }
      if (options.idempotency && keys.has(options.idempotency.key)) {
        const recorded = await this.store.readStream(stream);
        const earlier = this.earlierAttempt(recorded, options);
        if (earlier) return { ...earlier, events: toCaseEvents(writtenFor(options.idempotency.key, recorded)) };
      }
      if (options.expectedVersion !== undefined && options.expectedVersion !== version) {
        throw new StaleVersionError(options.expectedVersion, version);
      }
      const today = todayInStockholm(this.now(options));
      const decided: CaseEvent[] = [];
      let s: CaseState = state;
      for (const planned of plan(state)) {
        const prepare = stepOf(planned.type).prepare as ((d: unknown, l: Lookups) => Promise<unknown>) | undefined;
        const command = (
          prepare ? { ...planned, data: await prepare(planned.data, this.lookups) } : planned
        ) as typeof planned;
        const events = decideInItsDistrict({ ...command, today } as CaseCommand, s, this.districtOf);
        decided.push(...events);
        s = events.reduce(evolve, s);
      }
      // Passed on a merger, the case belongs to the successor: a caller who may not see it there may not act on it.
      const successor = decided.flatMap((e) =>
        e.type === 'CaseTransferred' && e.data.byMerger ? [e.data.toDistrict] : [],
      );
      if (options.canSee && successor.length > 0 && !options.canSee(successor[successor.length - 1])) {
        throw new CaseError('not-found', 'case-not-found', `Case ${caseId} does not exist`);
      }
      const keyId = state.dataKeyId;
      const events = decided.map((e) =>
        keyId || hasOwnDataKey(e) ? protectCaseEvent(this.personalData, e, keyId ?? '') : e,
      );
      if (events.length === 0) return { id: caseId, caseNumber: state.caseNumber, version, position: 0, events: [] };
      try {
        const result = await this.store.append(stream, this.recorded(decided, events, this.context(options)), version);
        return {
          id: caseId,
          caseNumber: state.caseNumber,
          version: result.nextExpectedRevision,
          position: result.position,
          events: decided,
        };
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        this.states.forget(stream);
        const actual = typeof error.actual === 'number' ? error.actual : -1;
        if (options.expectedVersion !== undefined) throw new StaleVersionError(options.expectedVersion, actual);
        if (attempt + 1 >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  private readonly districtOf = (code: string) => this.districts.get(code);

  /**
   * The events as the log holds them. A passing on a merger that a step
   * brought along is the register's doing, named as the sweep names it; the
   * correlation id ties it to the request that wrote it.
   */
  private recorded(decided: CaseEvent[], events: CaseEvent[], context: RecordingContext): NewEvent[] {
    const byRegister = (e: CaseEvent) => e.type === 'CaseTransferred' && e.data.byMerger === true;
    // Only when the merger came along with another step: the sweep's own command already runs as the register.
    if (decided.every(byRegister)) return toNewEvents(events, context);
    return toNewEvents(events, context).map((e, i) =>
      byRegister(decided[i]) ? { ...e, metadata: { ...e.metadata, recordedBy: DISTRICT_REGISTER_ACTOR } } : e,
    );
  }

  /** Drops the folded state of a case (its stream was read with a new correction). */
  forget(caseId: string): void {
    this.states.forget(caseStreamId(caseId));
  }

  /** The case as its stream has it now (folded incrementally, see CaseStates). Callers must not change it. */
  async load(caseId: string): Promise<{ state: CaseState; version: number }> {
    const { state, version } = await this.states.load(caseStreamId(caseId));
    return { state, version };
  }

  /**
   * What an earlier attempt of this keyed request wrote, as the outcome it
   * answered then: the case version and position right after its events.
   */
  private earlierAttempt(recorded: RecordedEvent[], options: CommandOptions): CommandOutcome | undefined {
    if (!options.idempotency) return undefined;
    const mine = writtenFor(options.idempotency.key, recorded);
    if (mine.length === 0) return undefined;
    if (mine[0].metadata.idempotency?.requestHash !== options.idempotency.requestHash)
      throw new IdempotencyKeyReusedError();
    const last = mine[mine.length - 1];
    const state = replay(toCaseEvents(recorded.slice(0, recorded.indexOf(last) + 1)));
    if (!state.exists) throw new Error(`keyed events of ${last.streamId} without a registration`);
    return { id: state.caseId, caseNumber: state.caseNumber, version: last.revision, position: last.position };
  }
}
