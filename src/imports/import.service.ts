import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { createHash, randomUUID } from 'node:crypto';
import { AuditLog, AuditUnavailableError } from '../audit/audit-log';
import { RegisterCase, type RequestMeta, RunCaseCommand } from '../cases/application/case-command-handlers';
import { CaseCommands } from '../cases/application/case-commands.service';
import { deterministicUuid } from '../cases/application/case-stream';
import { type CaseCommand, decide } from '../cases/steps';
import { CaseError } from '../cases/domain/case-errors';
import type { CaseEvent } from '../cases/steps';
import { type CaseState, type OpenCase } from '../cases/domain/case-state';
import { evolve } from '../cases/steps';
import { Problem } from '../common/problem';
import { storageFaultOf } from '../common/storage-faults';
import { DistrictRegister, type District } from '../districts/district-register';
import { EVENT_STORE, type EventStore, WrongExpectedVersionError } from '../event-store/event-store.port';
import { Clock } from '../infrastructure/clock';
import { LOGGER } from '../infrastructure/tokens';
import type { Logger } from 'pino';
import { type ImportReport, type RowResult, Totals } from './import-report';
import { type MappingFile, resolveMapping, type ImportField } from './import-mapping';
import { ImportCancelledError, ImportLimitError } from './import-limits';
import { formatOf, RegisterFileError, type RegisterSheet } from './register-file';
import { RegisterParser } from './register-parser';
import { planRow, type RowPlan, type RowProblem, type StepCommand } from './row-plan';
import { swedishMessage } from './swedish-messages';

export interface ImportRequest {
  file: Buffer;
  fileName: string;
  sheet?: string;
  mapping?: MappingFile;
  /** A district code: the district of rows that name none, and the only one they may name. */
  district?: string;
  dryRun: boolean;
  actor: string;
  role: string;
  /** The districts the caller may import into; null: all (administrators and the command line). */
  districts: string[] | null;
}

export type ImportProgress = (done: number, total: number) => void;

interface ImportProgressState {
  done: number;
  total: number;
  actor: string;
}

/** Why a background import was refused once its file was read (a limit, or a file that cannot be read). */
export interface ImportRefusal {
  actor: string;
  error: Error;
}

const REPORT_EVENT = 'ImportReported';
const DRY_RUNS_KEPT = 50;
/** Rows of the dry-run reports kept in memory, together (a report of 50 000 rows takes about 10 MB). */
const DRY_RUN_ROWS_KEPT = 250_000;
/** Background imports refused, kept for `progress` (the newest). */
const REFUSALS_KEPT = 100;
/** How long the import works before it gives the event loop a turn (other requests, /health). */
const TURN_MS = 15;
export const importStreamId = (id: string): string => `import-${id}`;

/** One step of a row, decided against the case as it stands. */
interface Decided {
  command: CaseCommand;
  events: CaseEvent[];
}

/**
 * Imports a FUT unit's register: each row becomes the commands the API sends,
 * checked by the decider against the case as recorded (a dry run stops there),
 * then sent through the command bus. A row's case id derives from its district
 * and key, so a second import finds its case and adds only the steps it lacks.
 */
@Injectable()
export class ImportService implements OnModuleDestroy {
  private readonly running = new Map<string, ImportProgressState>();
  private readonly failures = new Map<string, ImportProgressState>();
  private readonly refusals = new Map<string, ImportRefusal>();
  private readonly dryRuns = new Map<string, ImportReport>();
  private closing = false;

  constructor(
    private readonly bus: CommandBus,
    private readonly commands: CaseCommands,
    private readonly districts: DistrictRegister,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly parser: RegisterParser,
  ) {}

  /** Imports in progress stop at their next row when the service shuts down (the rows before are in). */
  onModuleDestroy(): void {
    this.closing = true;
  }

  /** Checks the request before its file is read; a Problem (400, 403) names the field, and nothing is written. */
  check(request: ImportRequest): District | undefined {
    if (request.sheet !== undefined && formatOf(request.fileName, request.file) === 'csv')
      throw Problem.badRequest([{ field: 'sheet', message: 'Ett blad kan bara anges för en Excel-arbetsbok (.xlsx)' }]);
    const district = request.district === undefined ? undefined : this.districts.get(request.district);
    if (request.district !== undefined && !district)
      throw Problem.badRequest([{ field: 'district', message: `Unknown district ${request.district}` }]);
    if (district && request.districts && !request.districts.includes(district.code))
      throw new Problem(403, 'district-not-permitted', 'Forbidden', `You may not import into ${district.code}.`, {
        errors: [{ field: 'district', message: 'not one of your districts' }],
      });
    return district;
  }

  /**
   * Checks the request and reads the file, in a worker thread within the
   * import limits (RegisterFileError, ImportLimitError); nothing is written.
   */
  async prepare(request: ImportRequest): Promise<{ sheet: RegisterSheet; district?: District }> {
    const district = this.check(request);
    const sheet = await this.read(request);
    return { sheet, district };
  }

  private read(request: ImportRequest): Promise<RegisterSheet> {
    return this.parser.parse({
      content: request.file,
      format: formatOf(request.fileName, request.file),
      sheet: request.sheet,
      mapping: request.mapping,
    });
  }

  /**
   * Starts an import of a checked request and answers its id at once: the
   * file is read after (`read` settles when it is), then the rows imported;
   * `progress` tells how far it has come, or why the file was refused.
   */
  start(
    request: ImportRequest,
    district: District | undefined,
  ): { id: string; read: Promise<RegisterSheet>; done: Promise<ImportReport> } {
    const id = randomUUID();
    const progress = { done: 0, total: 0, actor: request.actor };
    this.running.set(id, progress);
    const read = this.read(request);
    const done = read.then(
      (sheet) => this.run(request, { sheet, district }, id),
      (error: unknown) => {
        this.running.delete(id);
        throw error;
      },
    );
    // The caller does not wait: a refusal or a failure is kept for `progress`, never an unhandled rejection.
    done.catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      if (this.running.get(id) === progress) this.running.delete(id);
      if (isRefusal(error)) {
        this.refusals.set(id, { actor: request.actor, error });
        for (const old of this.refusals.keys()) {
          if (this.refusals.size <= REFUSALS_KEPT) break;
          this.refusals.delete(old);
        }
        // The limit, or the field: a reader's message may quote a cell (csv-parse names the value it stopped at).
        const reason = error instanceof ImportLimitError ? `limit ${error.limit}` : `unreadable ${error.field}`;
        this.logger.warn({ importId: id, reason }, 'import refused');
        return;
      }
      this.failures.set(id, { ...progress });
      // Where the last few failed imports stopped; older ones read as unknown.
      for (const old of this.failures.keys()) {
        if (this.failures.size <= DRY_RUNS_KEPT) break;
        this.failures.delete(old);
      }
      this.logger.error({ importId: id, err: message }, 'import failed');
    });
    return { id, read, done };
  }

  /** A running import's progress, where a failed one stopped, or why one was refused; undefined once done (see `report`). */
  progress(
    id: string,
  ):
    | (ImportProgressState & { status: 'running' | 'failed' })
    | { status: 'refused'; actor: string; error: Error; done: 0; total: 0 }
    | undefined {
    const running = this.running.get(id);
    if (running) return { ...running, status: 'running' };
    const failed = this.failures.get(id);
    if (failed) return { ...failed, status: 'failed' };
    const refused = this.refusals.get(id);
    return refused ? { status: 'refused', ...refused, done: 0, total: 0 } : undefined;
  }

  async run(
    request: ImportRequest,
    prepared: { sheet: RegisterSheet; district?: District },
    id: string = randomUUID(),
    onProgress?: ImportProgress,
  ): Promise<ImportReport> {
    const startedAt = this.clock.now().toISOString();
    const { sheet, district } = prepared;
    const fileSha256 = createHash('sha256').update(request.file).digest('hex');
    const mapping = resolveMapping(sheet.headings, request.mapping);
    const today = this.commands.today();
    const progress = this.running.get(id) ?? { done: 0, total: 0, actor: request.actor };
    progress.total = sheet.rows.length;
    this.running.set(id, progress);
    const tick = (): void => {
      progress.done++;
      onProgress?.(progress.done, progress.total);
    };
    // Each row is short, but a file's rows in one go are not: the event loop gets a turn every TURN_MS.
    let turnStarted = performance.now();
    const pause = async (): Promise<void> => {
      if (this.closing) throw new ImportCancelledError();
      if (performance.now() - turnStarted < TURN_MS) return;
      await new Promise<void>((resolve) => setImmediate(resolve));
      turnStarted = performance.now();
    };
    try {
      const totals = new Totals();
      const results: RowResult[] = [];
      const planned: RowPlan[] = [];
      const seen = new Map<string, number>();
      // Once a row is written the import has changed something: a fault after that is reported, not thrown.
      const written = { any: false };
      for (const row of sheet.rows) {
        await pause();
        const planned1 = planRow(row, { mapping, districts: this.districts, district, today });
        if ('problems' in planned1) {
          results.push(failed(row.rowNumber, textKey(row, mapping.columnOf.key), planned1.problems));
          tick();
          continue;
        }
        const plan = planned1.plan;
        const identity = `${plan.district.code}\u0000${plan.key}`;
        const first = seen.get(identity);
        if (first !== undefined) {
          results.push(
            failed(row.rowNumber, plan.key, [
              {
                row: row.rowNumber,
                column: mapping.columnOf.key ?? null,
                code: 'duplicate-key',
                message: `${swedishMessage('duplicate-key', '')} (rad ${first})`,
              },
            ]),
          );
          tick();
          continue;
        }
        seen.set(identity, row.rowNumber);
        if (request.districts && !request.districts.includes(plan.district.code)) {
          results.push(
            failed(row.rowNumber, plan.key, [
              {
                row: row.rowNumber,
                column: mapping.columnOf.district ?? null,
                code: 'district-not-permitted',
                message: `Du får inte importera ärenden i ${plan.district.name}`,
              },
            ]),
          );
          tick();
          continue;
        }
        planned.push(plan);
      }
      // Registrations in date order, so the service's case numbers follow the dates as they do for the demo.
      // (ISO dates order as strings; localeCompare would take most of a second for a large file.)
      planned.sort((a, b) => compareText(a.registration.receivedOn, b.registration.receivedOn) || a.row - b.row);
      for (const plan of planned) {
        await pause();
        results.push(await this.importRow(plan, request, fileSha256, mapping.columnOf, today, totals, id, written));
        tick();
      }
      results.sort((a, b) => a.row - b.row);
      const report: ImportReport = {
        id,
        fileName: request.fileName,
        fileSha256,
        sheet: request.sheet ?? null,
        dryRun: request.dryRun,
        importedBy: request.actor,
        startedAt,
        finishedAt: this.clock.now().toISOString(),
        columns: { mapped: mapping.columnOf, unmapped: mapping.unmapped },
        summary: {
          rows: results.length,
          imported: results.filter((r) => r.status === 'imported' || r.status === 'would-import').length,
          unchanged: results.filter((r) => r.status === 'unchanged').length,
          failed: results.filter((r) => r.status === 'failed').length,
          problems: results.reduce((s, r) => s + r.problems.length, 0),
        },
        rows: results,
        totals: totals.list(),
      };
      if (request.dryRun) {
        this.keepInMemory(report);
        return report;
      }
      await this.storeReport(report, request, today, written.any);
      return report;
    } finally {
      this.running.delete(id);
    }
  }

  /**
   * The report as an event. When a failing disk keeps it out after rows were
   * written, the import is still done (its rows are in the log): the report is
   * kept in memory like a dry run's, and the failure logged. With nothing
   * written, the failure is the import's: nothing changed.
   */
  private async storeReport(report: ImportReport, request: ImportRequest, today: string, wroteRows: boolean) {
    const { id } = report;
    try {
      await this.store.append(
        importStreamId(id),
        [
          {
            id: deterministicUuid(`import-report:${id}`),
            type: REPORT_EVENT,
            schemaVersion: 1,
            data: report as unknown as Record<string, unknown>,
            metadata: {
              occurredOn: today,
              recordedAt: report.finishedAt,
              recordedBy: request.actor,
              correlationId: id,
              causationId: null,
            },
          },
        ],
        'no-stream',
      );
    } catch (error) {
      if (!wroteRows || storageFaultOf(error) === undefined) throw error;
      this.logger.error(
        { importId: id, err: error instanceof Error ? error.message : String(error) },
        'import done but its report not stored: kept in memory until the service restarts',
      );
      this.keepInMemory(report);
    }
  }

  /**
   * A dry run writes nothing, not even its report: the last few are kept in
   * memory so the unit can download one while it corrects its file (and so is
   * the report of an import that could not be stored).
   */
  private keepInMemory(report: ImportReport): void {
    this.dryRuns.set(report.id, report);
    let rows = 0;
    for (const kept of this.dryRuns.values()) rows += kept.rows.length;
    // By rows as well as by count: fifty dry runs of files at the row limit would hold gigabytes.
    for (const [id, old] of this.dryRuns) {
      if ((this.dryRuns.size <= DRY_RUNS_KEPT && rows <= DRY_RUN_ROWS_KEPT) || id === report.id) break;
      this.dryRuns.delete(id);
      rows -= old.rows.length;
    }
  }

  /** The report of an import (stored), or of a recent dry run (in memory); undefined when there is none (yet). */
  async report(id: string): Promise<ImportReport | undefined> {
    const dry = this.dryRuns.get(id);
    if (dry) return dry;
    const [stored] = await this.store.readStream(importStreamId(id));
    return stored?.type === REPORT_EVENT ? (stored.data as unknown as ImportReport) : undefined;
  }

  private async importRow(
    plan: RowPlan,
    request: ImportRequest,
    fileSha256: string,
    columnOf: Partial<Record<ImportField, string>>,
    today: string,
    totals: Totals,
    importId: string,
    written: { any: boolean },
  ): Promise<RowResult> {
    const caseId = deterministicUuid(`fut-import:${plan.district.code}:${plan.key}`);
    const { state } = await this.commands.load(caseId);
    const column = (f: ImportField | undefined): string | null => (f ? (columnOf[f] ?? null) : null);
    const problem = (code: string, message: string, field?: ImportField): RowProblem => ({
      row: plan.row,
      column: column(field),
      code,
      message: swedishMessage(code, message),
    });
    const decided: Decided[] = [];
    let s: CaseState = state;
    const apply = (command: CaseCommand): void => {
      const events = decide(command, s);
      s = events.reduce(evolve, s);
      decided.push({ command, events });
    };
    try {
      if (!state.exists) {
        apply({
          type: 'RegisterCase',
          today,
          data: {
            caseId,
            caseNumber: '',
            district: plan.district,
            receivedOn: plan.registration.receivedOn,
            source: plan.registration.source,
            subject: {
              personalIdentityNumber: plan.registration.subject.personalIdentityNumber ?? null,
              name: plan.registration.subject.name ?? null,
              gender: plan.registration.subject.gender,
            },
            suspectedPayments: [],
            summary: null,
            protectedIdentity: plan.registration.subject.protectedIdentity ?? null,
            assistanceCaseNumber: plan.registration.assistanceCaseNumber ?? null,
            reportedBy: plan.registration.reportedBy ?? null,
          },
        });
      } else {
        // A case transferred since to a district the importer may not reach is not theirs to add to.
        if (request.districts && !request.districts.includes(state.district))
          return failed(plan.row, plan.key, [
            problem('district-not-permitted', `Ärendet hör nu till ${state.district}`, 'district'),
          ]);
        const differs = registrationDiffers(state, plan);
        if (differs) return failed(plan.row, plan.key, [problem('conflicts-with-history', '', differs)], caseId);
      }
    } catch (error) {
      if (!(error instanceof CaseError)) throw error;
      // Every rule the registration broke (see checkAll), each under its column.
      return failed(
        plan.row,
        plan.key,
        eachBroken(error).map((e) => problem(e.code, e.message, e.field === 'district' ? 'district' : 'receivedOn')),
      );
    }
    for (const step of plan.steps) {
      const outcome = step.against(s as OpenCase);
      if (outcome.status === 'same') continue;
      if (outcome.status === 'differs')
        return failed(
          plan.row,
          plan.key,
          [problem('conflicts-with-history', '', outcome.field)],
          state.exists ? caseId : null,
        );
      try {
        apply({ ...outcome.command, today } as CaseCommand);
      } catch (error) {
        if (!(error instanceof CaseError)) throw error;
        const fieldOf = (e: CaseError) =>
          (e.field && (step.fields[e.field] ?? step.fields[e.field.replace(/\[\d+\]/, '[0]')])) || step.field;
        return failed(
          plan.row,
          plan.key,
          eachBroken(error).map((e) => problem(e.code, e.message, fieldOf(e))),
          state.exists ? caseId : null,
        );
      }
    }
    if (decided.length === 0)
      return { row: plan.row, key: plan.key, status: 'unchanged', steps: 0, caseId, problems: [] };
    if (!request.dryRun) {
      const problem = await this.write(caseId, decided, plan, request, fileSha256, importId, written);
      if (problem) return failed(plan.row, plan.key, [problem], state.exists || decided.length > 0 ? caseId : null);
    }
    const final = s as OpenCase;
    for (const d of decided) for (const e of d.events) totals.add(e, final.district, final.subject.gender);
    return {
      row: plan.row,
      key: plan.key,
      status: request.dryRun ? 'would-import' : 'imported',
      steps: decided.length,
      caseId: request.dryRun && !state.exists ? null : caseId,
      problems: [],
    };
  }

  /**
   * Sends the row's commands through the bus, as the API would; a refusal (a
   * race) is the row's problem. So is a failing disk once the import has
   * written anything: the rows before are in, and the report must say so.
   */
  private async write(
    caseId: string,
    decided: Decided[],
    plan: RowPlan,
    request: ImportRequest,
    fileSha256: string,
    importId: string,
    written: { any: boolean },
  ): Promise<RowProblem | undefined> {
    const notFinished = (code: string, message: string): RowProblem => ({
      row: plan.row,
      column: null,
      code,
      message: `Raden skrevs inte färdigt: ${message}`,
    });
    const fault = (error: unknown): RowProblem => {
      const storage = storageFaultOf(error) !== undefined || error instanceof AuditUnavailableError;
      if (!storage || !written.any) throw error;
      return notFinished('storage-unavailable', swedishMessage('storage-unavailable', ''));
    };
    try {
      // The audit entry comes before the change, as for every write through the API.
      await this.audit.record({
        at: this.clock.now().toISOString(),
        user: request.actor,
        role: request.role,
        action: 'case.import',
        caseId,
        searchedHash: null,
        outcome: 'requested',
        status: null,
      });
    } catch (error) {
      return fault(error);
    }
    const meta: RequestMeta = {
      actor: request.actor,
      requestHash: '',
      correlationId: importId,
      caseId,
      imported: { fileSha256, row: plan.row },
    };
    for (const { command } of decided) {
      try {
        if (command.type === 'RegisterCase') {
          await this.bus.execute(
            new RegisterCase(
              {
                district: plan.district.code,
                receivedOn: plan.registration.receivedOn,
                source: plan.registration.source,
                subject: plan.registration.subject,
                // The unit's own number, so the case can be found from the old register.
                summary: `Importerat från register (ärendenummer ${plan.key})`,
                ...(plan.registration.assistanceCaseNumber
                  ? { assistanceCaseNumber: plan.registration.assistanceCaseNumber }
                  : {}),
                ...(plan.registration.reportedBy ? { reportedBy: plan.registration.reportedBy } : {}),
              },
              meta,
            ),
          );
        } else {
          const { today: _today, ...input } = command;
          await this.bus.execute(new RunCaseCommand(caseId, input as StepCommand, meta));
        }
        written.any = true;
      } catch (error) {
        if (error instanceof Problem || error instanceof WrongExpectedVersionError) {
          return notFinished(error instanceof Problem ? error.code : 'write-conflict', error.message);
        }
        return fault(error);
      }
    }
    return undefined;
  }
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A file refused by the import's limits or its reading (the file's fault), as against a fault of the service. */
function isRefusal(error: unknown): error is ImportLimitError | RegisterFileError {
  return error instanceof ImportLimitError || error instanceof RegisterFileError;
}

/** The rules a refusal stands for: each of several broken at once (see checkAll), or itself. */
const eachBroken = (error: CaseError): readonly CaseError[] => (error.broken.length > 0 ? error.broken : [error]);

function failed(row: number, key: string, problems: RowProblem[], caseId: string | null = null): RowResult {
  return { row, key, status: 'failed', steps: 0, caseId, problems };
}

function textKey(row: { cells: Map<string, unknown> }, heading: string | undefined): string {
  const v = heading === undefined ? undefined : row.cells.get(heading);
  return v === null || v === undefined ? '' : String(v).trim();
}

/** The registration's facts a later import may not change: they are history. */
function registrationDiffers(state: OpenCase, plan: RowPlan): ImportField | undefined {
  if (state.receivedOn !== plan.registration.receivedOn) return 'receivedOn';
  if (state.source !== plan.registration.source) return 'source';
  if (state.subject.gender !== plan.registration.subject.gender) return 'gender';
  return undefined;
}
