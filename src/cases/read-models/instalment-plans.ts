import type Database from 'better-sqlite3';
import type { OpenCase } from '../domain/case-state';
import { firstUnpaid, planPositions } from '../domain/instalments';

/**
 * The repayment plans in force with something left to pay, one row per case
 * and claim, kept beside the case list (which folds each case once per batch
 * and calls `keep` with the state). A row holds the plan's terms and what was
 * repaid toward it, never a status: whether an instalment is missed depends
 * on today, which the log does not know. The row's first instalment not paid
 * in full (allocation is oldest first) and its last day to pay are indexed,
 * so the plans behind on day T are the index range `unpaid_pay_by < T`, read
 * page by page in the order the list shows them, and right on any later day
 * without a write. What is behind on T follows from the row (`arrearsOn`).
 *
 * The count of plans behind is kept per district and last day to pay: a
 * total on day T sums one row per such day, not one per plan. The plans'
 * OCR references (every plan's, ended or not) are kept for the repayments
 * import, which finds a payment's case by them.
 */
export const INSTALMENT_PLAN_TABLES = ['instalment_plans', 'instalment_behind_days', 'instalment_ocr_references'];

export function createInstalmentPlanTables(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS instalment_plans (
      case_id       TEXT NOT NULL,
      claim_id      TEXT NOT NULL,
      district      TEXT NOT NULL,
      case_number   TEXT NOT NULL,
      investigator  TEXT,
      agreed_on     TEXT NOT NULL,
      first_due_on  TEXT NOT NULL,
      monthly_ore   INTEGER NOT NULL,
      total_ore     INTEGER NOT NULL,
      paid_ore      INTEGER NOT NULL,
      ocr_reference TEXT,
      -- The first instalment not paid in full: its due day, and the last day to pay it.
      unpaid_due_on TEXT NOT NULL,
      unpaid_pay_by TEXT NOT NULL,
      PRIMARY KEY (case_id, claim_id)
    ) WITHOUT ROWID;
    -- Behind on day T: unpaid_pay_by < T, longest behind first.
    CREATE INDEX IF NOT EXISTS instalment_plans_behind
      ON instalment_plans (district, unpaid_pay_by, case_number, claim_id);
    -- Per district and last day to pay: the plans whose first unpaid instalment it is.
    CREATE TABLE IF NOT EXISTS instalment_behind_days (
      district TEXT NOT NULL,
      pay_by   TEXT NOT NULL,
      n        INTEGER NOT NULL,
      PRIMARY KEY (district, pay_by)
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS instalment_ocr_references (
      ocr_reference TEXT NOT NULL,
      case_id       TEXT NOT NULL,
      claim_id      TEXT NOT NULL,
      PRIMARY KEY (ocr_reference, case_id, claim_id)
    ) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS instalment_ocr_references_case ON instalment_ocr_references (case_id);
  `);
}

export type InstalmentPlanStatements = ReturnType<typeof prepareInstalmentPlans>;

export function prepareInstalmentPlans(db: Database.Database) {
  return {
    db,
    rows: db.prepare<[string], { district: string; payBy: string }>(
      'SELECT district, unpaid_pay_by AS payBy FROM instalment_plans WHERE case_id = ?',
    ),
    drop: db.prepare('DELETE FROM instalment_plans WHERE case_id = ?'),
    add: db.prepare(
      `INSERT INTO instalment_plans (case_id, claim_id, district, case_number, investigator, agreed_on, first_due_on,
         monthly_ore, total_ore, paid_ore, ocr_reference, unpaid_due_on, unpaid_pay_by)
       VALUES (@caseId, @claimId, @district, @caseNumber, @investigator, @agreedOn, @firstDueOn,
         @monthlyOre, @totalOre, @paidOre, @ocrReference, @unpaidDueOn, @unpaidPayBy)`,
    ),
    day: db.prepare(
      `INSERT INTO instalment_behind_days (district, pay_by, n) VALUES (?, ?, ?)
       ON CONFLICT DO UPDATE SET n = n + excluded.n`,
    ),
    emptyDays: db.prepare('DELETE FROM instalment_behind_days WHERE district = ? AND pay_by = ? AND n = 0'),
    dropOcr: db.prepare('DELETE FROM instalment_ocr_references WHERE case_id = ?'),
    addOcr: db.prepare(
      'INSERT OR IGNORE INTO instalment_ocr_references (ocr_reference, case_id, claim_id) VALUES (?, ?, ?)',
    ),
  };
}

/** The case's rows as its state now has them: those of its state before are taken out first. */
export function keepInstalmentPlans(s: InstalmentPlanStatements, caseId: string, state: OpenCase): void {
  for (const row of s.rows.all(caseId)) {
    s.day.run(row.district, row.payBy, -1);
    s.emptyDays.run(row.district, row.payBy);
  }
  s.drop.run(caseId);
  s.dropOcr.run(caseId);
  for (const plan of state.plans) if (plan.ocrReference) s.addOcr.run(plan.ocrReference, caseId, plan.claimId);
  // Only plans in force: a closed or voided case's plans have ended, and nothing of them is behind.
  for (const position of planPositions(state)) {
    const unpaid = firstUnpaid(position)!;
    s.add.run({
      caseId,
      claimId: position.claimId,
      district: state.district,
      caseNumber: state.caseNumber,
      investigator: state.investigator,
      agreedOn: position.agreedOn,
      firstDueOn: position.firstDueOn,
      monthlyOre: position.monthlyAmountOre,
      totalOre: position.totalOre,
      paidOre: position.paidOre,
      ocrReference: position.ocrReference,
      unpaidDueOn: unpaid.dueOn,
      unpaidPayBy: unpaid.payBy,
    });
    s.day.run(state.district, unpaid.payBy, 1);
  }
}

/** A plan behind on a day, as the list reads it: its terms and what was repaid toward it. */
export interface PlanBehindRow {
  id: string;
  claimId: string;
  caseNumber: string;
  district: string;
  investigator: string | null;
  agreedOn: string;
  firstDueOn: string;
  monthlyOre: number;
  totalOre: number;
  paidOre: number;
  ocrReference: string | null;
}

/** A plan's case and claim, found by the OCR reference the person pays with. */
export interface OcrMatch {
  caseId: string;
  claimId: string;
}

const inList = (xs: unknown[]): string => xs.map(() => '?').join(', ');

/** Reads of the plans behind and of the OCR references; every page in index order. */
export class InstalmentPlanQueries {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  private statement(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  /** How many plans of the districts are behind on `today`: one kept count per last day to pay. */
  behindTotal(districts: string[], today: string): number {
    if (districts.length === 0) return 0;
    const row = this.statement(
      `SELECT COALESCE(SUM(n), 0) AS n FROM instalment_behind_days WHERE district IN (${inList(districts)}) AND pay_by < ?`,
    ).get(...districts, today) as { n: number };
    return row.n;
  }

  /**
   * A page of the plans behind on `today`, longest behind first: one index
   * range per district, merged by SQLite (a compound SELECT with ORDER BY)
   * instead of reading every matching row and sorting it.
   */
  behindPage(districts: string[], today: string, page: number, pageSize: number): PlanBehindRow[] {
    if (districts.length === 0) return [];
    const part = `SELECT case_id AS id, claim_id AS claimId, case_number AS caseNumber, district, investigator,
        agreed_on AS agreedOn, first_due_on AS firstDueOn, monthly_ore AS monthlyOre, total_ore AS totalOre,
        paid_ore AS paidOre, ocr_reference AS ocrReference, unpaid_pay_by AS payBy
      FROM instalment_plans WHERE district = ? AND unpaid_pay_by < ?`;
    const sql = `${districts.map(() => part).join(' UNION ALL ')} ORDER BY payBy, caseNumber, claimId LIMIT ? OFFSET ?`;
    return this.statement(sql).all(
      ...districts.flatMap((d) => [d, today]),
      pageSize,
      (page - 1) * pageSize,
    ) as PlanBehindRow[];
  }

  /**
   * The person's name (still encrypted) and protection of each case, from the case list: read for a
   * page's rows only, so the plans kept need no copy of the name to keep up to date.
   */
  namesOf(caseIds: string[]): Map<string, { subjectName: string | null; identityProtected: number }> {
    if (caseIds.length === 0) return new Map();
    const rows = this.statement(
      `SELECT case_id AS id, subject_name AS subjectName, identity_protected AS identityProtected
       FROM case_list WHERE case_id IN (${inList(caseIds)})`,
    ).all(...caseIds) as Array<{ id: string; subjectName: string | null; identityProtected: number }>;
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** The plans (of any case, ended or not) recorded with this OCR reference. */
  byOcrReference(ocrReference: string): OcrMatch[] {
    return this.statement(
      'SELECT case_id AS caseId, claim_id AS claimId FROM instalment_ocr_references WHERE ocr_reference = ?',
    ).all(ocrReference) as OcrMatch[];
  }
}
