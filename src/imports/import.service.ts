import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { createHash, randomUUID } from 'node:crypto';
import { AuditLog, AuditUnavailableError } from '../audit/audit-log';
import { RegisterCase, type RequestMeta, RunCaseCommand } from '../cases/api/case-handlers';
import { CaseCommands } from '../cases/application/case-commands.service';
import { deterministicUuid } from '../cases/application/case-stream';
import { type CaseCommand, decide } from '../cases/domain/case-decider';
import { CaseError } from '../cases/domain/case-errors';
import type { CaseEvent } from '../cases/domain/case-events';
import { type CaseState, evolve, type OpenCase } from '../cases/domain/case-state';
import { Problem } from '../common/problem';
import { storageFaultOf } from '../common/storage-faults';
import { DistrictRegister, type District } from '../districts/district-register';
import { EVENT_STORE, type EventStore, WrongExpectedVersionError } from '../event-store/event-store.port';
import { Clock } from '../infrastructure/clock';
import { LOGGER } from '../infrastructure/tokens';
import type { Logger } from 'pino';
import { type ImportReport, type RowResult, Totals } from './import-report';
import { type MappingFile, resolveMapping, type ImportField } from './import-mapping';
import { readRegister, formatOf, type RegisterSheet } from './register-file';
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

const REPORT_EVENT = 'ImportReported';
const DRY_RUNS_KEPT = 50;
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
export class ImportService {
  private readonly running = new Map<string, ImportProgressState>();
  private readonly failures = new Map<string, ImportProgressState>();
  private readonly dryRuns = new Map<string, ImportReport>();

  constructor(
    private readonly bus: CommandBus,
    private readonly commands: CaseCommands,
    private readonly districts: DistrictRegister,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Reads the file and checks the request; a Problem (400) names the field, and nothing is written. */
  async prepare(request: ImportRequest): Promise<{ sheet: RegisterSheet; district?: District }> {
    const district = request.district === undefined ? undefined : this.districts.get(request.district);
    if (request.district !== undefined && !district)
      throw Problem.badRequest([{ field: 'district', message: `Unknown district ${request.district}` }]);
    if (district && request.districts && !request.districts.includes(district.code))
      throw new Problem(403, 'district-not-permitted', 'Forbidden', `You may not import into ${district.code}.`, {
        errors: [{ field: 'district', message: 'not one of your districts' }],
      });
    const sheet = await readRegister(request.file, formatOf(request.fileName, request.file), request.sheet);
    return { sheet, district };
  }

  /** Starts an import and answers its id at once; `progress` tells how far it has come. */
  start(
    request: ImportRequest,
    prepared: { sheet: RegisterSheet; district?: District },
  ): { id: string; done: Promise<ImportReport> } {
    const id = randomUUID();
    const done = this.run(request, prepared, id);
    // run() registers its progress before its first await.
    const progress = this.running.get(id);
    // The caller does not wait: a failure is kept for `progress` and logged, never an unhandled rejection.
    done.catch((error: unknown) => {
      if (progress) this.failures.set(id, { ...progress });
      // Where the last few failed imports stopped; older ones read as unknown.
      for (const old of this.failures.keys()) {
        if (this.failures.size <= DRY_RUNS_KEPT) break;
        this.failures.delete(old);
      }
      this.logger.error({ importId: id, err: error instanceof Error ? error.message : String(error) }, 'import failed');
    });
    return { id, done };
  }

  /** A running import's progress, or where a failed one stopped; undefined once done (see `report`). */
  progress(id: string): (ImportProgressState & { status: 'running' | 'failed' }) | undefined {
    const running = this.running.get(id);
    if (running) return { ...running, status: 'running' };
    const failed = this.failures.get(id);
    return failed ? { ...failed, status: 'failed' } : undefined;
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
    const progress = { done: 0, total: sheet.rows.length, actor: request.actor };
    this.running.set(id, progress);
    const tick = (): void => {
      progress.done++;
      onProgress?.(progress.done, progress.total);
    };
    try {
      const totals = new Totals();
      const results: RowResult[] = [];
      const planned: RowPlan[] = [];
      const seen = new Map<string, number>();
      // Once a row is written the import has changed something: a fault after that is reported, not thrown.
      const written = { any: false };
      for (const row of sheet.rows) {
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
      planned.sort((a, b) => a.registration.receivedOn.localeCompare(b.registration.receivedOn) || a.row - b.row);
      for (const plan of planned) {
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
    for (const old of this.dryRuns.keys()) {
      if (this.dryRuns.size <= DRY_RUNS_KEPT) break;
      this.dryRuns.delete(old);
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
      return failed(plan.row, plan.key, [
        problem(error.code, error.message, error.field === 'district' ? 'district' : 'receivedOn'),
      ]);
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
        const field =
          (error.field && (step.fields[error.field] ?? step.fields[error.field.replace(/\[\d+\]/, '[0]')])) ||
          step.field;
        return failed(plan.row, plan.key, [problem(error.code, error.message, field)], state.exists ? caseId : null);
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
