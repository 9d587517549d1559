import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { createHash, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { AuditLog, AuditUnavailableError } from '../audit/audit-log';
import { CaseCommands } from '../cases/application/case-commands.service';
import { caseStreamId, deterministicUuid } from '../cases/application/case-stream';
import { CaseError } from '../cases/domain/case-errors';
import { type CaseState, type Claim, claimOutstandingOre } from '../cases/domain/case-state';
import { InstalmentPlanQueries } from '../cases/read-models/instalment-plans';
import { CaseListQueries } from '../cases/read-models/case-list.projection';
import { type CaseCommand, decide, evolve } from '../cases/steps';
import { Problem } from '../common/problem';
import { storageFaultOf } from '../common/storage-faults';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '../event-store/event-store.port';
import { Clock } from '../infrastructure/clock';
import { Consistency } from '../infrastructure/consistency.service';
import { LOGGER, READ_MODEL_DB } from '../infrastructure/tokens';
import { ImportCancelledError, ImportLimitError } from './import-limits';
import { formatOf, RegisterFileError, type RegisterSheet } from './register-file';
import { RegisterParser } from './register-parser';
import {
  type PaymentRow,
  type RepaymentColumns,
  type RepaymentField,
  missingRepaymentColumns,
  parsePaymentRow,
  resolveRepaymentColumns,
} from './repayment-file';
import type { PaymentRowResult, RepaymentImportReport } from './repayment-import-report';
import type { RowProblem } from './row-plan';
import { swedishMessage } from './swedish-messages';

export interface RepaymentImportRequest {
  file: Buffer;
  fileName: string;
  sheet?: string;
  dryRun: boolean;
  actor: string;
  role: string;
  /** The districts whose cases the caller may record payments in; null: all (administrators). */
  districts: string[] | null;
}

const REPORT_EVENT = 'RepaymentImportReported';
export const repaymentImportStreamId = (id: string): string => `repayment-import-${id}`;
/** Dry runs' reports kept in memory for download, and background imports refused or failed (the newest). */
const KEPT = 50;
const TURN_MS = 15;

/**
 * A payment's identity: the case and claim it pays, the day, the amount, and
 * the ledger's own reference for it when the file has one. The same payment
 * in a later or overlapping file has the same identity, and the repayment is
 * recorded under it (as an Idempotency-Key whatever the importer: its event
 * id follows from it), so it is never recorded twice. Its limit: two genuine
 * payments of one amount on one day to one case are one identity unless the
 * file tells them apart by a reference column; the second is then held for a
 * person to record, never recorded or dropped silently.
 */
export function paymentIdentity(caseId: string, claimId: string, p: PaymentRow): string {
  const id = [caseId, claimId, p.paidOn, String(p.amountOre), p.reference ?? ''].join('\u0000');
  return `repayment-import:${createHash('sha256').update(id).digest('hex')}`;
}

/** A repayment the case already holds, as the duplicate checks read it. */
interface Held {
  claimId: string;
  receivedOn: string;
  amountOre: number;
  /** Its Idempotency-Key (a payment's identity, for those this import recorded). */
  key: string | null;
  /** Recorded by this import from a row with a reference of its own. */
  referenced: boolean;
}

/** A case as the run has seen it: its state and repayments, with the rows the run recorded (or would). */
interface CaseInRun {
  state: CaseState;
  held: Held[];
}

/**
 * Repayments brought in from the municipality's accounts receivable: each
 * payment row becomes a repayment recorded through the decider, as any
 * client's, by the importing user; a row that names no case, a closed case,
 * a case with nothing owed, or a payment that may already be recorded is
 * reported by row and not recorded. A dry run decides every row and writes
 * nothing; importing the same (or an overlapping) file again writes nothing
 * twice. The file is read as the register import reads it (a worker thread,
 * the same limits: see RegisterParser).
 */
@Injectable()
export class RepaymentImportService implements OnModuleDestroy {
  private readonly running = new Map<string, { done: number; total: number; actor: string }>();
  private readonly failures = new Map<string, { done: number; total: number; actor: string }>();
  private readonly refusals = new Map<string, { actor: string; error: Error }>();
  private readonly dryRuns = new Map<string, RepaymentImportReport>();
  private readonly cases: CaseListQueries;
  private readonly plans: InstalmentPlanQueries;
  private closing = false;

  constructor(
    private readonly commands: CaseCommands,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly consistency: Consistency,
    private readonly parser: RegisterParser,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DB) db: Database.Database,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.cases = new CaseListQueries(db);
    this.plans = new InstalmentPlanQueries(db);
  }

  onModuleDestroy(): void {
    this.closing = true;
  }

  /** Checks the request before the file is read. */
  check(request: RepaymentImportRequest): void {
    if (request.sheet !== undefined && formatOf(request.fileName, request.file) === 'csv')
      throw Problem.badRequest([{ field: 'sheet', message: 'Ett blad kan bara anges för en Excel-arbetsbok (.xlsx)' }]);
  }

  /** Reads the file within the import limits, and refuses one without the columns a payment needs. */
  async read(request: RepaymentImportRequest): Promise<RegisterSheet> {
    const sheet = await this.parser.parse({
      content: request.file,
      format: formatOf(request.fileName, request.file),
      sheet: request.sheet,
      columns: 'repayments',
    });
    const missing = missingRepaymentColumns(resolveRepaymentColumns(sheet.headings));
    if (missing.length > 0) throw new RegisterFileError('file', `Filen saknar kolumnen ${missing.join(', kolumnen ')}`);
    return sheet;
  }

  /** Starts an import and answers its id at once; `progress` tells how far it has come. */
  start(request: RepaymentImportRequest): { id: string; read: Promise<RegisterSheet>; done: Promise<unknown> } {
    this.check(request);
    const id = randomUUID();
    const progress = { done: 0, total: 0, actor: request.actor };
    this.running.set(id, progress);
    const read = this.read(request);
    const done = read.then(
      (sheet) => this.run(request, sheet, id),
      (error: unknown) => {
        this.running.delete(id);
        throw error;
      },
    );
    done.catch((error: unknown) => {
      if (this.running.get(id) === progress) this.running.delete(id);
      if (error instanceof ImportLimitError || error instanceof RegisterFileError) {
        keep(this.refusals, id, { actor: request.actor, error });
        this.logger.warn(
          { importId: id, reason: error instanceof ImportLimitError ? error.limit : 'unreadable' },
          'repayment import refused',
        );
        return;
      }
      keep(this.failures, id, { ...progress });
      this.logger.error(
        { importId: id, err: error instanceof Error ? error.message : String(error) },
        'repayment import failed',
      );
    });
    return { id, read, done };
  }

  progress(id: string) {
    const running = this.running.get(id);
    if (running) return { ...running, status: 'running' as const };
    const failed = this.failures.get(id);
    if (failed) return { ...failed, status: 'failed' as const };
    const refused = this.refusals.get(id);
    return refused ? { ...refused, status: 'refused' as const, done: 0, total: 0 } : undefined;
  }

  async report(id: string): Promise<RepaymentImportReport | undefined> {
    const dry = this.dryRuns.get(id);
    if (dry) return dry;
    const [stored] = await this.store.readStream(repaymentImportStreamId(id));
    return stored?.type === REPORT_EVENT ? (stored.data as unknown as RepaymentImportReport) : undefined;
  }

  async run(
    request: RepaymentImportRequest,
    sheet: RegisterSheet,
    id: string = randomUUID(),
  ): Promise<RepaymentImportReport> {
    const startedAt = this.clock.now().toISOString();
    const fileSha256 = createHash('sha256').update(request.file).digest('hex');
    const columns = resolveRepaymentColumns(sheet.headings);
    const progress = this.running.get(id) ?? { done: 0, total: 0, actor: request.actor };
    progress.total = sheet.rows.length;
    this.running.set(id, progress);
    let turn = performance.now();
    try {
      // The cases and OCR references are looked up in the read models: they must hold every write so far.
      await this.consistency.readYourWrites('case-list');
      const inRun = new Map<string, CaseInRun>();
      const seen = new Map<string, number>();
      const rows: PaymentRowResult[] = [];
      const written = { any: false };
      for (const row of sheet.rows) {
        if (this.closing) throw new ImportCancelledError();
        if (performance.now() - turn >= TURN_MS) {
          await new Promise<void>((resolve) => setImmediate(resolve));
          turn = performance.now();
        }
        rows.push(await this.importRow(row, columns, request, inRun, seen, { fileSha256, importId: id, written }));
        progress.done++;
      }
      const count = (...statuses: string[]) => rows.filter((r) => statuses.includes(r.status)).length;
      const recordedAmount =
        rows
          .filter((r) => r.status === 'recorded' || r.status === 'would-record')
          .reduce((sum, r) => sum + Math.round((r.amount ?? 0) * 100), 0) / 100;
      const report: RepaymentImportReport = {
        id,
        fileName: request.fileName,
        fileSha256,
        sheet: request.sheet ?? null,
        dryRun: request.dryRun,
        importedBy: request.actor,
        startedAt,
        finishedAt: this.clock.now().toISOString(),
        columns: { mapped: columns.columnOf, unmapped: columns.unmapped },
        summary: {
          rows: rows.length,
          recorded: count('recorded', 'would-record'),
          unchanged: count('unchanged'),
          held: count('held'),
          failed: count('failed'),
          recordedAmount,
        },
        rows,
      };
      if (request.dryRun) keep(this.dryRuns, id, report);
      else await this.storeReport(report, request, written.any);
      return report;
    } finally {
      this.running.delete(id);
    }
  }

  private async storeReport(report: RepaymentImportReport, request: RepaymentImportRequest, wroteRows: boolean) {
    try {
      await this.store.append(
        repaymentImportStreamId(report.id),
        [
          {
            id: deterministicUuid(`repayment-import-report:${report.id}`),
            type: REPORT_EVENT,
            schemaVersion: 1,
            data: report as unknown as Record<string, unknown>,
            metadata: {
              occurredOn: this.commands.today(),
              recordedAt: report.finishedAt,
              recordedBy: request.actor,
              correlationId: report.id,
              causationId: null,
            },
          },
        ],
        'no-stream',
      );
    } catch (error) {
      // The payments are in the log already: the report is kept in memory rather than the import failed.
      if (!wroteRows || storageFaultOf(error) === undefined) throw error;
      this.logger.error({ importId: report.id }, 'repayment import done but its report not stored: kept in memory');
      keep(this.dryRuns, report.id, report);
    }
  }

  private async importRow(
    row: RegisterSheet['rows'][number],
    columns: RepaymentColumns,
    request: RepaymentImportRequest,
    inRun: Map<string, CaseInRun>,
    seen: Map<string, number>,
    origin: { fileSha256: string; importId: string; written: { any: boolean } },
  ): Promise<PaymentRowResult> {
    const parsed = parsePaymentRow(row, columns);
    const keyOf = (): string => {
      const cell = (f: RepaymentField) => {
        const h = columns.columnOf[f];
        const v = h === undefined ? null : row.cells.get(h);
        return v === null || v === undefined ? '' : String(v).trim();
      };
      return cell('caseNumber') || cell('ocrReference');
    };
    const result = (
      status: PaymentRowResult['status'],
      fields: Partial<PaymentRowResult> = {},
      problems: RowProblem[] = [],
    ): PaymentRowResult => ({
      row: row.rowNumber,
      key: keyOf(),
      status,
      caseId: null,
      caseNumber: null,
      claimId: null,
      paidOn: 'payment' in parsed ? parsed.payment.paidOn : null,
      amount: 'payment' in parsed ? parsed.payment.amountOre / 100 : null,
      problems,
      ...fields,
    });
    if ('problems' in parsed) return result('failed', {}, parsed.problems);
    const p = parsed.payment;
    const problem = (code: string, fallback: string, field: RepaymentField | null = null): RowProblem => ({
      row: p.row,
      column: field ? (columns.columnOf[field] ?? null) : null,
      code,
      message: swedishMessage(code, fallback),
    });

    // Which case: by its number, by the OCR reference of its plan, or both (then they must agree).
    const byNumber = p.caseNumber ? this.cases.summaries({ caseNumber: p.caseNumber }, 1, 2) : undefined;
    if (byNumber && byNumber.length === 0)
      return result('failed', {}, [problem('payment-case-unknown', 'Inget ärende har det numret', 'caseNumber')]);
    const byOcr = p.ocrReference ? this.plans.byOcrReference(p.ocrReference) : undefined;
    const ocrCases = [...new Set((byOcr ?? []).map((m) => m.caseId))];
    if (byOcr && ocrCases.length === 0)
      return result('failed', {}, [problem('payment-ocr-unknown', 'Ingen plan har det OCR-numret', 'ocrReference')]);
    if (byOcr && ocrCases.length > 1 && !byNumber)
      return result('failed', {}, [problem('payment-ocr-ambiguous', 'Flera ärenden har OCR-numret', 'ocrReference')]);
    const caseId = byNumber ? byNumber[0].id : ocrCases[0];
    if (byNumber && byOcr && !ocrCases.includes(caseId))
      return result('failed', {}, [problem('payment-reference-mismatch', 'Olika ärenden', 'ocrReference')]);

    let kase = inRun.get(caseId);
    if (!kase) {
      const [{ state }, recorded] = await Promise.all([
        this.commands.load(caseId),
        this.store.readStream(caseStreamId(caseId)),
      ]);
      kase = { state, held: heldRepayments(recorded) };
      inRun.set(caseId, kase);
    }
    const state = kase.state;
    if (!state.exists) return result('failed', {}, [problem('payment-case-unknown', 'Inget ärende', 'caseNumber')]);
    const found = { caseId, caseNumber: state.caseNumber };
    if (request.districts && !request.districts.includes(state.district))
      return result('failed', found, [problem('district-not-permitted', 'Annan stadsdel')]);
    const ocrClaims = (byOcr ?? []).filter((m) => m.caseId === caseId).map((m) => m.claimId);
    const twice = (first: number, at: Partial<PaymentRowResult>): PaymentRowResult => {
      const x = problem('payment-duplicate-row', 'Samma betalning finns på en tidigare rad');
      return result('held', at, [{ ...x, message: `${x.message} (rad ${first})` }]);
    };

    // Recorded by an earlier import (whatever became of the case since), or twice in this file: first of all.
    const named =
      p.claimId !== null ? [p.claimId] : ocrClaims.length > 0 ? ocrClaims : state.claims.map((c) => c.claimId);
    for (const claimId of named) {
      const identity = paymentIdentity(caseId, claimId, p);
      const first = seen.get(identity);
      if (first !== undefined) return twice(first, { ...found, claimId });
      if (kase.held.some((h) => h.key === identity)) {
        seen.set(identity, p.row);
        return result('unchanged', { ...found, claimId });
      }
    }
    if (state.closure || state.voided)
      return result('failed', found, [problem('payment-case-closed', 'Ärendet är avslutat')]);

    // Which claim: named by the row or by the plan's OCR reference, else the only one with something owed.
    let claim: Claim | undefined;
    if (p.claimId !== null) {
      claim = state.claims.find((c) => c.claimId === p.claimId);
      if (!claim)
        return result('failed', found, [problem('payment-claim-unknown', 'Inget sådant återkrav', 'claimId')]);
    } else if (ocrClaims.length === 1) claim = state.claims.find((c) => c.claimId === ocrClaims[0]);
    else {
      const owing = state.claims.filter((c) => claimOutstandingOre(state, c) > 0);
      if (owing.length > 1)
        return result('failed', found, [problem('payment-claim-ambiguous', 'Flera återkrav med skuld')]);
      claim = owing[0] ?? (state.claims.length === 1 ? state.claims[0] : undefined);
    }
    if (!claim || claimOutstandingOre(state, claim) <= 0)
      return result('failed', { ...found, claimId: claim?.claimId ?? null }, [
        problem('payment-nothing-owed', 'Ingen skuld kvar', 'amount'),
      ]);
    const at = { ...found, claimId: claim.claimId };
    const identity = paymentIdentity(caseId, claim.claimId, p);
    seen.set(identity, p.row);
    // The same payment recorded another way (by hand, by the register import, or without a reference): held.
    const same = kase.held.filter(
      (h) => h.claimId === claim.claimId && h.receivedOn === p.paidOn && h.amountOre === p.amountOre,
    );
    if (same.some((h) => p.reference === null || !h.referenced))
      return result('held', at, [problem('payment-possible-duplicate', 'Kan redan vara registrerad')]);

    // The decider's own rules, as for any client: the day, the amount owed, whose part on a claim against two.
    const data = {
      claimId: claim.claimId,
      receivedOn: p.paidOn,
      amountOre: p.amountOre,
      // After a judgment what comes in pays it, as the repayment form proposes.
      kind: state.judgments.some((j) => j.claimId === claim.claimId) ? ('compensation' as const) : ('claim' as const),
    };
    let events;
    try {
      events = decide({ type: 'ReceiveRepayment', data, today: this.commands.today() } as CaseCommand, state);
    } catch (error) {
      if (!(error instanceof CaseError)) throw error;
      const field: RepaymentField | null =
        error.field === 'receivedOn'
          ? 'paidOn'
          : error.field === 'amount'
            ? 'amount'
            : error.field === 'claimId'
              ? 'claimId'
              : null;
      return result('failed', at, [problem(error.code, error.message, field)]);
    }
    if (!request.dryRun) {
      const failure = await this.write(caseId, data, identity, p, request, origin);
      if (failure) return result('failed', at, [failure]);
      origin.written.any = true;
      kase.state = (await this.commands.load(caseId)).state;
    } else kase.state = events.reduce(evolve, state);
    kase.held.push({
      claimId: claim.claimId,
      receivedOn: p.paidOn,
      amountOre: p.amountOre,
      key: identity,
      referenced: p.reference !== null,
    });
    return result(request.dryRun ? 'would-record' : 'recorded', at);
  }

  /** Records the repayment as the importing user, after its audit entry; a refusal (a race) is the row's problem. */
  private async write(
    caseId: string,
    data: Extract<CaseCommand, { type: 'ReceiveRepayment' }>['data'],
    identity: string,
    p: PaymentRow,
    request: RepaymentImportRequest,
    origin: { fileSha256: string; importId: string; written: { any: boolean } },
  ): Promise<RowProblem | undefined> {
    const notFinished = (code: string): RowProblem => ({
      row: p.row,
      column: null,
      code,
      message: `Raden registrerades inte: ${swedishMessage(code, code)}`,
    });
    try {
      await this.audit.record({
        at: this.clock.now().toISOString(),
        user: request.actor,
        role: request.role,
        action: 'case.repayment-import',
        caseId,
        searchedHash: null,
        outcome: 'requested',
        status: null,
      });
      await this.commands.execute(
        caseId,
        { type: 'ReceiveRepayment', data },
        {
          actor: request.actor,
          correlationId: origin.importId,
          idempotency: { key: identity, requestHash: identity },
          imported: { fileSha256: origin.fileSha256, row: p.row, paymentReference: p.reference !== null },
        },
      );
      return undefined;
    } catch (error) {
      if (error instanceof CaseError) return notFinished(error.code);
      const storage = storageFaultOf(error) !== undefined || error instanceof AuditUnavailableError;
      // Once a row is in, a failing disk is reported by row: the rows before stay recorded.
      if (storage && origin.written.any) return notFinished('storage-unavailable');
      throw error;
    }
  }
}

/** The case's repayments with how each was recorded (its key, and whether an import row had a reference). */
function heldRepayments(recorded: RecordedEvent[]): Held[] {
  return recorded
    .filter((e) => e.type === 'RepaymentReceived')
    .map((e) => ({
      claimId: String(e.data.claimId),
      receivedOn: String(e.data.receivedOn),
      amountOre: Number(e.data.amountOre),
      key: e.metadata.idempotency?.key ?? null,
      referenced: e.metadata.imported?.paymentReference === true,
    }));
}

/** Keeps the newest `KEPT` entries of a map. */
function keep<T>(map: Map<string, T>, id: string, value: T): void {
  map.set(id, value);
  for (const old of map.keys()) {
    if (map.size <= KEPT) break;
    map.delete(old);
  }
}
