import type Database from 'better-sqlite3';
import type { RecordedEvent } from '../event-store/event-store.port';
import type { Projection } from '../projections/projection';
import { caseIdOf, isCaseStream, toCaseEvent } from '../cases/application/case-stream';
import { CASE_EVENT_TYPES, type CaseEvent, type CaseEventReads } from '../cases/steps';
import { type DecisionMaker, decisionMakerShape } from '../cases/domain/decision-maker';
import { type Law, LEGAL_BASES, lawGoverning } from '../cases/domain/catalogues';
import { claimParagraph, legalParagraph } from '../cases/domain/legal-paragraphs';
import { type DecisionType, THE_BOARD } from '../delegation/delegation-register';
import { fits } from '../kernel/shape';

/**
 * The decisions a nämnd's delegates took, as the nämnd is told of them
 * (anmälan av delegationsbeslut, kommunallagen 2017:725, 6 kap. 40 §): one row
 * per decision, under the district the case belonged to when it was recorded,
 * with who took it, in what capacity, under which point, and the paragraph it
 * rests on. The nämnd's own decisions are left out (they are in its minutes),
 * and so are voided cases (as in every statistic). A decision recorded with no
 * decision-maker (before they were asked, or by the import) is listed as such,
 * so the nämnd sees the gap. No personal data: case numbers, staff and codes.
 */

/** The fields this read model reads of each case event (it checks those and passes over the rest). */
const OWN_READS: Partial<Record<string, readonly string[]>> = {
  CaseRegistered: ['caseNumber', 'district'],
  CaseTransferred: ['toDistrict'],
  RepaymentClaimDecided: ['claimId', 'decidedOn', 'legalBasis', 'amountOre', 'decisionMaker'],
  ClaimWaived: ['claimId', 'decidedOn', 'amountOre', 'decisionMaker'],
  WaiverRefused: ['claimId', 'decidedOn', 'amountAppliedOre', 'decisionMaker'],
  CompensationSuitDecided: ['claimId', 'decidedOn', 'decisionMaker'],
  PreAssessmentMade: ['decidedOn', 'decision', 'decisionMaker'],
  PoliceReportFiled: ['filedOn', 'decisionMaker'],
  CaseClosed: ['closedOn', 'decisionMaker'],
};
// Every other event type reads nothing; made from the event list, so a new event needs no line here.
const READS = Object.fromEntries(CASE_EVENT_TYPES.map((t) => [t, OWN_READS[t] ?? []])) as unknown as CaseEventReads;

/** A decision as a row of the list. */
interface Decision {
  type: DecisionType;
  outcome: 'granted' | 'refused' | null;
  decidedOn: string;
  amountOre: number | null;
  paragraph: string;
  maker: DecisionMaker | undefined;
}

/** Police reports and closings join the list once their events name a decision-maker (the decision-maker piece). */
const namedMaker = (data: unknown): DecisionMaker | undefined => {
  const maker = (data as { decisionMaker?: unknown }).decisionMaker;
  return fits(decisionMakerShape, maker) ? maker : undefined;
};

export class DelegatedDecisionsProjection implements Projection {
  readonly name = 'delegated-decisions';
  // 2: police reports and closings name their decision-maker.
  readonly version = 2;
  private statements?: { db: Database.Database } & ReturnType<DelegatedDecisionsProjection['prepare']>;

  /** Statements prepared once per file: a rebuild applies every event of the log. */
  private prepare(db: Database.Database) {
    return {
      insertCase: db.prepare('INSERT OR REPLACE INTO dd_cases (case_id, case_number, district) VALUES (?, ?, ?)'),
      transfer: db.prepare('UPDATE dd_cases SET district = ? WHERE case_id = ?'),
      voided: db.prepare('UPDATE dd_cases SET voided = 1 WHERE case_id = ?'),
      insertClaim: db.prepare('INSERT OR REPLACE INTO dd_claims (case_id, claim_id, law) VALUES (?, ?, ?)'),
      lawOfClaim: db.prepare<[string, string], { law: Law }>(
        'SELECT law FROM dd_claims WHERE case_id = ? AND claim_id = ?',
      ),
      districtOf: db.prepare<[string], { district: string }>('SELECT district FROM dd_cases WHERE case_id = ?'),
      insertDecision: db.prepare(
        `INSERT OR REPLACE INTO dd_decisions (position, case_id, district, decided_on, type, outcome, amount, paragraph,
           decided_by, capacity, delegation_point, recorded_at, recorded_by, imported)
         VALUES (@position, @caseId, @district, @decidedOn, @type, @outcome, @amount, @paragraph,
           @decidedBy, @capacity, @point, @recordedAt, @recordedBy, @imported)`,
      ),
    };
  }

  private on(db: Database.Database) {
    if (this.statements?.db !== db) this.statements = { db, ...this.prepare(db) };
    return this.statements;
  }

  setup(db: Database.Database): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS dd_cases (
        case_id     TEXT PRIMARY KEY,
        case_number TEXT NOT NULL,
        district    TEXT NOT NULL,
        voided      INTEGER NOT NULL DEFAULT 0
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS dd_claims (
        case_id  TEXT NOT NULL,
        claim_id TEXT NOT NULL,
        law      TEXT NOT NULL,
        PRIMARY KEY (case_id, claim_id)
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS dd_decisions (
        position         INTEGER PRIMARY KEY,
        case_id          TEXT NOT NULL,
        district         TEXT NOT NULL,
        decided_on       TEXT NOT NULL,
        type             TEXT NOT NULL,
        outcome          TEXT,
        amount           INTEGER,
        paragraph        TEXT NOT NULL,
        decided_by       TEXT,
        capacity         TEXT,
        delegation_point TEXT,
        recorded_at      TEXT NOT NULL,
        recorded_by      TEXT NOT NULL,
        imported         INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS dd_decisions_period ON dd_decisions (district, decided_on);
      CREATE INDEX IF NOT EXISTS dd_decisions_case ON dd_decisions (case_id);
    `);
  }

  reset(db: Database.Database): void {
    db.exec('DELETE FROM dd_cases; DELETE FROM dd_claims; DELETE FROM dd_decisions;');
  }

  apply(event: RecordedEvent, db: Database.Database): void {
    if (!isCaseStream(event.streamId)) return;
    const e = toCaseEvent(event, READS);
    if (!e) return;
    const sql = this.on(db);
    const caseId = caseIdOf(event.streamId);
    switch (e.type) {
      case 'CaseRegistered':
        sql.insertCase.run(caseId, e.data.caseNumber, e.data.district);
        return;
      case 'CaseTransferred':
        sql.transfer.run(e.data.toDistrict, caseId);
        return;
      case 'CaseVoided':
        sql.voided.run(caseId);
        return;
      case 'RepaymentClaimDecided':
        sql.insertClaim.run(caseId, e.data.claimId, LEGAL_BASES[e.data.legalBasis]);
        break;
    }
    const decision = this.decisionOf(e, (claimId) => sql.lawOfClaim.get(caseId, claimId)?.law ?? 'SoL 2001:453');
    if (!decision || decision.maker?.capacity === THE_BOARD) return;
    const kase = sql.districtOf.get(caseId);
    if (!kase) return;
    sql.insertDecision.run({
      position: event.position,
      caseId,
      district: kase.district,
      decidedOn: decision.decidedOn,
      type: decision.type,
      outcome: decision.outcome,
      amount: decision.amountOre,
      paragraph: decision.paragraph,
      decidedBy: decision.maker?.decidedBy ?? null,
      capacity: decision.maker?.capacity ?? null,
      point: decision.maker?.delegationPoint ?? null,
      recordedAt: event.metadata.recordedAt,
      recordedBy: event.metadata.recordedBy,
      imported: event.metadata.imported ? 1 : 0,
    });
  }

  applyBatch(events: RecordedEvent[], db: Database.Database): void {
    for (const event of events) this.apply(event, db);
  }

  /** The decision an event records, if it records one a delegate can take. */
  private decisionOf(e: CaseEvent, lawOfClaim: (claimId: string) => Law): Decision | undefined {
    switch (e.type) {
      case 'RepaymentClaimDecided':
        return {
          type: 'repayment-claim',
          outcome: null,
          decidedOn: e.data.decidedOn,
          amountOre: e.data.amountOre,
          paragraph: claimParagraph(e.data.legalBasis).reference,
          maker: e.data.decisionMaker,
        };
      case 'ClaimWaived':
        return {
          type: 'waiver',
          outcome: 'granted',
          decidedOn: e.data.decidedOn,
          amountOre: e.data.amountOre,
          paragraph: legalParagraph('waiver', lawOfClaim(e.data.claimId)).reference,
          maker: e.data.decisionMaker,
        };
      case 'WaiverRefused':
        return {
          type: 'waiver',
          outcome: 'refused',
          decidedOn: e.data.decidedOn,
          amountOre: e.data.amountAppliedOre,
          paragraph: legalParagraph('waiver', lawOfClaim(e.data.claimId)).reference,
          maker: e.data.decisionMaker,
        };
      case 'CompensationSuitDecided':
        return {
          type: 'compensation-suit',
          outcome: null,
          decidedOn: e.data.decidedOn,
          amountOre: null,
          paragraph: legalParagraph('compensation-suit', lawOfClaim(e.data.claimId)).reference,
          maker: e.data.decisionMaker,
        };
      case 'PreAssessmentMade':
        if (e.data.decision !== 'no-investigation') return undefined;
        return {
          type: 'no-investigation',
          outcome: null,
          decidedOn: e.data.decidedOn,
          amountOre: null,
          // Procedure follows the law in force on the day of the decision.
          paragraph: legalParagraph('no-investigation', lawGoverning(e.data.decidedOn)).reference,
          maker: e.data.decisionMaker,
        };
      case 'PoliceReportFiled': {
        const maker = namedMaker(e.data);
        return (
          maker && {
            type: 'police-report',
            outcome: null,
            decidedOn: e.data.filedOn,
            amountOre: null,
            paragraph: legalParagraph('police-report', 'SoL 2001:453').reference,
            maker,
          }
        );
      }
      case 'CaseClosed': {
        const maker = namedMaker(e.data);
        return (
          maker && {
            type: 'closure',
            outcome: null,
            decidedOn: e.data.closedOn,
            amountOre: null,
            paragraph: legalParagraph('closure', lawGoverning(e.data.closedOn)).reference,
            maker,
          }
        );
      }
      default:
        return undefined;
    }
  }
}

/** A decision as the list reads it back. */
export interface DelegatedDecisionRow {
  position: number;
  case_id: string;
  case_number: string;
  district: string;
  decided_on: string;
  type: DecisionType;
  outcome: 'granted' | 'refused' | null;
  amount: number | null;
  paragraph: string;
  decided_by: string | null;
  capacity: string | null;
  delegation_point: string | null;
  recorded_at: string;
  recorded_by: string;
  imported: number;
}

/** The decisions of a district's delegates decided in a period, in date order. */
export function delegatedDecisionsIn(
  db: Database.Database,
  district: string,
  from: string,
  to: string,
): DelegatedDecisionRow[] {
  return db
    .prepare<[string, string, string], DelegatedDecisionRow>(
      `SELECT d.position, d.case_id, c.case_number, d.district, d.decided_on, d.type, d.outcome, d.amount, d.paragraph,
              d.decided_by, d.capacity, d.delegation_point, d.recorded_at, d.recorded_by, d.imported
       FROM dd_decisions d JOIN dd_cases c ON c.case_id = d.case_id
       WHERE d.district = ? AND d.decided_on BETWEEN ? AND ? AND c.voided = 0
       ORDER BY d.decided_on, c.case_number, d.position`,
    )
    .all(district, from, to);
}
