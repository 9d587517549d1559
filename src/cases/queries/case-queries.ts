import { IQueryHandler, QueryHandler, Query } from '@nestjs/cqrs';
import { Inject } from '@nestjs/common';
import type Database from 'better-sqlite3';
import type { Logger } from 'pino';
import { AuditLog } from '../../audit/audit-log';
import { canSeeDistrict, type Principal } from '../../auth/principal';
import { Problem } from '../../common/problem';
import { DistrictRegister } from '../../districts/district-register';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port';
import { Consistency } from '../../infrastructure/consistency.service';
import { LOGGER, READ_MODEL_DB } from '../../infrastructure/tokens';
import { DataKeyMissingError, PersonalData } from '../../personal-data/personal-data';
import { StaffDirectory } from '../../staff/staff-directory';
import { CaseCommands } from '../application/case-commands.service';
import { caseStreamId } from '../application/case-stream';
import type { OpenCase } from '../domain/case-state';
import { parsePersonalIdentityNumber } from '../domain/personal-identity-number';
import {
  CASE_LIST_DEFAULT_SORT,
  type CaseListFilter,
  CaseListQueries,
  type CaseListSortKey,
} from '../read-models/case-list.projection';
import { NAME_SORT_LIMIT, byName, districtOrder, nameSortTooLong, sortOrder } from '../../common/list-sort';
import { nameInList } from '../read-models/name-in-list';
import { caseListFacts } from '../read-models/case-list-facts';
import { businessDateOf, definitionOf, isCaseEvent, type CaseEvent } from '../steps';
import { mayIdentify, withheldIdentity } from '../domain/persons';
import { withholdIdentity } from '../../kernel/shape';
import { documentsOffered, stepsOffered } from './case-steps-view';
import { caseView } from './case-view';
import { caseRemindersView } from './case-reminders-view';
import { historyContext, historyDetails, type HistoryDetail } from './history-details';
import { REMINDER_SETTINGS } from '../application/reminder-settings';
import type { ReminderSettings } from '../steps/reminder/automatic-reminders';

/** What the case API reads: one case (with the steps it allows), its history, and the case list. */

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
    private readonly districts: DistrictRegister,
    private readonly staff: StaffDirectory,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(REMINDER_SETTINGS) private readonly reminderSettings: ReminderSettings,
  ) {}

  async execute({ caseId, principal }: GetCase): Promise<{ view: object; version: number }> {
    // Read from the stream itself: a case read is always current.
    const { state, version } = await this.commands.load(caseId);
    // Another district's case is answered exactly as an unknown one.
    if (!state.exists || (principal && !canSeeDistrict(principal, state.district)))
      throw Problem.notFound('No such case');
    // A protected identity is taken out before anything is decrypted: only those who may see it get name
    // and personnummer (null for others), or any of the person's free text (which may well name them).
    const identified = mayIdentify(state, principal);
    const shown = identified ? state : withheldIdentity(state);
    const view = revealed(this.logger, caseId, () =>
      this.personalData.revealOrWithhold(
        caseView(shown, version, this.commands.today(), !identified),
        identified,
        state.culledOn !== null,
      ),
    );
    // A unit head assigns from the district's known staff; nobody else is offered the step.
    const staff =
      principal?.role === 'unit-head'
        ? (await this.staff.inDistrict(state.district))
            .filter((s) => s.role === 'investigator' || s.role === 'unit-head')
            .map((s) => s.user)
        : [];
    return {
      view: {
        ...view,
        personalData: state.culledOn ? 'culled' : 'kept',
        culledOn: state.culledOn,
        readBy: this.audit.readers(caseId),
        // Bevakningar: the investigator's text is free text about the person, shown as the reader may see it.
        reminders: revealed(this.logger, caseId, () =>
          this.personalData.revealOrWithhold(
            caseRemindersView(state, this.commands.today(), this.reminderSettings),
            identified,
            state.culledOn !== null,
          ),
        ),
        steps: stepsOffered(state, {
          today: this.commands.today(),
          principal,
          districts: this.districts.districts,
          staff,
          reminderSettings: this.reminderSettings,
        }),
        documentsOffered: documentsOffered(state),
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
    private readonly districts: DistrictRegister,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute({ caseId, principal }: GetCaseHistory): Promise<object[]> {
    const { state } = await this.commands.load(caseId);
    if (!state.exists || (principal && !canSeeDistrict(principal, state.district)))
      throw Problem.notFound('No such case');
    const events = await this.store.readStream(caseStreamId(caseId));
    // Every event's name and personnummer fields are left out for a reader who may not see a protected identity.
    const identified = mayIdentify(state, principal);
    const context = historyContext(state, this.districts);
    // The timeline's facts, from the data as stored (upcast): they read no personal field, so
    // nothing is decrypted for them and they read the same for every reader and after culling.
    const details = (e: { revision: number; type: string; data: unknown }): HistoryDetail[] => {
      try {
        return historyDetails({ type: e.type, data: e.data } as CaseEvent, context);
      } catch (error) {
        // A stored event its step's facts cannot read still shows its name and date: the rest of the story stands.
        this.logger.warn({ caseId, version: e.revision, type: e.type, err: error }, 'timeline facts unreadable');
        return [];
      }
    };
    return events.filter(isCaseEvent).map((e) => ({
      version: e.revision,
      type: e.type,
      businessDate: businessDateOf({ type: e.type, data: e.data } as CaseEvent),
      recordedAt: e.metadata.recordedAt,
      recordedBy: e.metadata.recordedBy,
      details: details(e),
      data: revealed(this.logger, caseId, () =>
        this.personalData.revealOrWithhold(
          identified ? e.data : withholdIdentity(definitionOf(e.type as CaseEvent['type']).shape, e.data as never),
          identified,
          state.culledOn !== null,
        ),
      ),
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
    readonly options: {
      /** `sort` as the request gave it (one of CASE_LIST_SORT_KEYS, '-' first for descending). */
      sort?: string;
      /** false: no names decrypted (the export, which holds none). */
      names?: boolean;
    } = {},
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
    private readonly districts: DistrictRegister,
  ) {}

  async execute({
    principal,
    filter,
    page,
    pageSize,
    onSearch,
    options,
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
    const queries = new CaseListQueries(this.db);
    const listFilter: CaseListFilter = {
      // Searched by the keyed hash; only the caller's districts.
      ...rest,
      personalNumberHash,
      districts: principal?.districts,
      // A protected person's number finds their case only for those who may see who they are: to anyone
      // else the answer is the same as for a number with no case, so the search gives nobody away.
      ...(personalNumberHash && principal ? { identifiableBy: identifiableBy(principal) } : {}),
    };
    const today = this.commands.today();
    const sort = sortOrder<CaseListSortKey>(options.sort, CASE_LIST_DEFAULT_SORT);
    const { items: rows, total } =
      sort.key === 'name'
        ? this.byName(queries, listFilter, page, pageSize, sort.descending)
        : queries.list(listFilter, page, pageSize, {
            sort: { key: sort.key, descending: sort.descending },
            today,
            districtOrder: districtOrder(this.districts.all()),
          });
    const names = options.names !== false;
    const items = rows.map(({ state, subjectName, identityProtected, ...item }) => ({
      ...item,
      ...(names ? nameInList(this.personalData, subjectName, identityProtected) : {}),
      ...caseListFacts(JSON.parse(state) as OpenCase, today),
    }));
    return { items, total, page, pageSize };
  }

  /** A page of the list in Swedish order of the names the reader is shown (see `byName`); a list of at most NAME_SORT_LIMIT. */
  private byName(
    queries: CaseListQueries,
    filter: CaseListFilter,
    page: number,
    pageSize: number,
    descending: boolean,
  ) {
    const total = queries.count(filter);
    if (total > NAME_SORT_LIMIT) throw nameSortTooLong(total);
    const sorted = byName(
      queries.names(filter),
      (r) => this.personalData.revealOrNull(r.subjectName),
      descending,
      (a, b) => a.caseNumber.localeCompare(b.caseNumber) || a.id.localeCompare(b.id),
    );
    return { items: queries.rows(sorted.slice((page - 1) * pageSize, page * pageSize).map((r) => r.id)), total };
  }
}

/** Whose protected identities a caller may see (`mayIdentify`), as the case list filters by it. */
export function identifiableBy(principal: Principal): { user: string; unitHeadOf: string[] } {
  return { user: principal.user, unitHeadOf: principal.role === 'unit-head' ? principal.districts : [] };
}

export const CASE_QUERY_HANDLERS = [GetCaseHandler, GetCaseHistoryHandler, ListCasesHandler];
