import type Database from 'better-sqlite3';
import { todayInStockholm } from '../calendar/local-date';
import type { RecordedEvent } from '../event-store/event-store.port';
import type { BulkLoad, Projection } from '../projections/projection';
import { caseIdOf, isCaseStream, toCaseEvent } from '../cases/application/case-stream';
import { businessDateOf, type CaseEvent } from '../cases/steps';
import { STATISTICS_READS, definitionOf } from '../cases/steps';
import type { StatFact as EventFact } from '../cases/domain/step';
import {
  addContributions,
  caseContributions,
  derive,
  districtOn,
  type Contributions,
  type StatCase,
  type StatFact,
} from './statistics-contributions';

/**
 * The facts the yearly statistics count: one row per counted step, with its
 * business date, the day it was recorded (for `knownAt`), amount and code, and
 * one row per case with the dates of its once-only steps. Only what statistics
 * need: never a name or personnummer.
 *
 * Columns copied onto facts (gender, district, flags) keep the full
 * recomputation's queries free of joins; the rare cases they cannot answer
 * alone (a transfer or a voiding recorded after `knownAt`, a reopening) are
 * flagged and looked up.
 *
 * The figures themselves are maintained, not recomputed: for each case a batch
 * touches, the projection takes back what the case contributed before and adds
 * what it contributes now (`statistics-contributions.ts`), into `stat_sum`
 * (everything recorded so far) and, for `knownAt`, `stat_day` (changes by
 * recording day) with `stat_month` (running sums to the end of each recording
 * month): a change recorded out of order (an import, a late correction) updates
 * the running sums of the months after it, never of every later day. A year's statistics then read O(districts) rows.
 */
export class StatisticsProjection implements Projection {
  readonly name = 'statistics';
  // 4: several claims per case; 5: suit decisions, police report outcomes, notifications; 6: sources; 7: error types;
  // 8: maintained aggregates; 9: knownAt sums by recording month and day.
  readonly version = 9;
  private statements?: ReturnType<StatisticsProjection['prepare']>;
  private readonly keys = new Map<string, { key: number; gender: string; district: string; transfers: boolean }>();
  private readonly days = new Map<string, string>();

  setup(db: Database.Database): void {
    this.createTables(db);
    db.exec(`
      CREATE INDEX IF NOT EXISTS stat_facts_flow ON stat_facts (kind, on_date, recorded_on, voided_rec, has_transfers, district, gender, amount);
    `);
  }

  private createTables(db: Database.Database): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS stat_cases (
        case_key         INTEGER PRIMARY KEY,
        case_id          TEXT NOT NULL UNIQUE,
        district         TEXT NOT NULL,
        gender           TEXT NOT NULL,
        received_on      TEXT NOT NULL,
        received_rec     TEXT NOT NULL,
        has_transfers    INTEGER NOT NULL DEFAULT 0,
        has_reopenings   INTEGER NOT NULL DEFAULT 0,
        voided_rec       TEXT,
        -- Set while the case is closed: the closing's date and the day it was recorded.
        closed_since     TEXT,
        closed_rec       TEXT,
        assessed_on      TEXT, assessed_rec TEXT, opened INTEGER,
        investigated_on  TEXT, investigated_rec TEXT,
        claim_on         TEXT, claim_rec TEXT, claim_amount INTEGER,
        police_on        TEXT, police_rec TEXT
      );
      CREATE TABLE IF NOT EXISTS stat_facts (
        case_key       INTEGER NOT NULL,
        seq            INTEGER NOT NULL,
        kind           TEXT NOT NULL,
        on_date        TEXT NOT NULL,
        recorded_on    TEXT NOT NULL,
        amount         INTEGER NOT NULL DEFAULT 0,
        code           TEXT,
        gender         TEXT NOT NULL,
        -- The case's district on on_date, by every transfer recorded so far.
        district       TEXT NOT NULL,
        has_transfers  INTEGER NOT NULL DEFAULT 0,
        has_reopenings INTEGER NOT NULL DEFAULT 0,
        voided_rec     TEXT,
        -- On 'opened' facts: the investigation result's cause and the day it was recorded.
        result_cause   TEXT,
        result_rec     TEXT
      );
      -- Kept during a rebuild too: the projection updates a case's facts through it.
      CREATE INDEX IF NOT EXISTS stat_facts_case ON stat_facts (case_key, kind);
      -- part 'f': figures of the year; part 'e': change of a year-end figure from the year before.
      CREATE TABLE IF NOT EXISTS stat_sum (
        part     TEXT NOT NULL,
        year     INTEGER NOT NULL,
        district TEXT NOT NULL,
        metric   TEXT NOT NULL,
        n        INTEGER NOT NULL,
        PRIMARY KEY (part, year, district, metric)
      ) WITHOUT ROWID;
      -- The same figures' changes by the Stockholm day they were recorded (for knownAt) ...
      CREATE TABLE IF NOT EXISTS stat_day (
        part     TEXT NOT NULL,
        year     INTEGER NOT NULL,
        district TEXT NOT NULL,
        metric   TEXT NOT NULL,
        rec_day  TEXT NOT NULL,
        n        INTEGER NOT NULL,
        PRIMARY KEY (part, year, district, metric, rec_day)
      ) WITHOUT ROWID;
      -- ... and their running sums to the end of each recording month ('YYYY-MM').
      CREATE TABLE IF NOT EXISTS stat_month (
        part      TEXT NOT NULL,
        year      INTEGER NOT NULL,
        district  TEXT NOT NULL,
        metric    TEXT NOT NULL,
        rec_month TEXT NOT NULL,
        n         INTEGER NOT NULL,
        PRIMARY KEY (part, year, district, metric, rec_month)
      ) WITHOUT ROWID;
    `);
  }

  /**
   * Drops the tables (their shape may have changed with the version) and makes
   * them again without secondary indexes: a rebuild loads faster, and `setup` adds them after.
   */
  reset(db: Database.Database): void {
    this.keys.clear();
    this.statements = undefined;
    db.exec(
      'DROP TABLE IF EXISTS stat_facts; DROP TABLE IF EXISTS stat_cases; DROP TABLE IF EXISTS stat_sum;' +
        ' DROP TABLE IF EXISTS stat_day; DROP TABLE IF EXISTS stat_month; DROP TABLE IF EXISTS stat_cum;',
    );
    this.createTables(db);
  }

  private prepare(db: Database.Database) {
    this.keys.clear();
    const update = (set: string) => db.prepare(`UPDATE stat_cases SET ${set} WHERE case_key = @key`);
    return {
      db,
      insertCase: db.prepare(
        'INSERT INTO stat_cases (case_id, district, gender, received_on, received_rec) VALUES (?, ?, ?, ?, ?)',
      ),
      caseRow: db.prepare<
        [string],
        { case_key: number; gender: string; district: string; received_on: string; received_rec: string }
      >('SELECT case_key, gender, district, received_on, received_rec FROM stat_cases WHERE case_id = ?'),
      // Insertion order is stream order: the contributions depend on what followed what.
      factsOf: db.prepare<
        [number],
        { kind: string; on: string; rec: string; seq: number; amount: number; code: string | null }
      >(
        'SELECT kind, on_date AS "on", recorded_on AS rec, seq, amount, code FROM stat_facts WHERE case_key = ? ORDER BY rowid',
      ),
      addSum: db.prepare(
        `INSERT INTO stat_sum (part, year, district, metric, n) VALUES (@part, @year, @district, @metric, @n)
         ON CONFLICT DO UPDATE SET n = n + excluded.n`,
      ),
      addDay: db.prepare(
        `INSERT INTO stat_day (part, year, district, metric, rec_day, n) VALUES (@part, @year, @district, @metric, @day, @n)
         ON CONFLICT DO UPDATE SET n = n + excluded.n`,
      ),
      // A month's running sum starts from the month before it; the update then carries the change to every later month.
      addMonthRow: db.prepare(
        `INSERT INTO stat_month (part, year, district, metric, rec_month, n)
         VALUES (@part, @year, @district, @metric, @month, COALESCE((
           SELECT n FROM stat_month WHERE part = @part AND year = @year AND district = @district AND metric = @metric AND rec_month < @month
           ORDER BY rec_month DESC LIMIT 1), 0))
         ON CONFLICT DO NOTHING`,
      ),
      addMonth: db.prepare(
        `UPDATE stat_month SET n = n + @n
         WHERE part = @part AND year = @year AND district = @district AND metric = @metric AND rec_month >= @month`,
      ),
      caseOf: db.prepare<[string], { case_key: number; gender: string; district: string; has_transfers: number }>(
        'SELECT case_key, gender, district, has_transfers FROM stat_cases WHERE case_id = ?',
      ),
      insertFact: db.prepare(
        `INSERT INTO stat_facts (case_key, seq, kind, on_date, recorded_on, amount, code, gender, district, has_transfers)
         VALUES (@key, @seq, @kind, @on, @rec, @amount, @code, @gender, @district, @transfers)`,
      ),
      districtOn: db.prepare<{ key: number; on: string }, { code: string }>(
        `SELECT code FROM stat_facts WHERE case_key = @key AND +kind = 'transfer' AND on_date <= @on ORDER BY on_date DESC, seq DESC LIMIT 1`,
      ),
      assessed: update('assessed_on = @on, assessed_rec = @rec, opened = @opened'),
      investigated: update('investigated_on = @on, investigated_rec = @rec'),
      // A case may hold several claims: the first dates the case's claim, the amounts add up.
      claim: update(
        'claim_on = COALESCE(claim_on, @on), claim_rec = COALESCE(claim_rec, @rec), claim_amount = COALESCE(claim_amount, 0) + @amount',
      ),
      // A case may hold several police reports: the first makes it a case in follow-up, as the first claim does.
      police: update('police_on = COALESCE(police_on, @on), police_rec = COALESCE(police_rec, @rec)'),
      closed: update('closed_since = @on, closed_rec = @rec'),
      reopened: update('closed_since = NULL, closed_rec = NULL, has_reopenings = 1'),
      voided: update('voided_rec = @rec'),
      transferred: update('has_transfers = 1'),
      suitDecided: db.prepare<{ key: number; claim: string }, { n: number }>(
        `SELECT 1 AS n FROM stat_facts WHERE case_key = @key AND +kind = 'suit-decided' AND code = @claim`,
      ),
      resultCause: db.prepare(
        `UPDATE stat_facts SET result_cause = @code, result_rec = @rec WHERE case_key = @key AND +kind = 'opened'`,
      ),
      factsReopened: db.prepare('UPDATE stat_facts SET has_reopenings = 1 WHERE case_key = @key'),
      factsVoided: db.prepare('UPDATE stat_facts SET voided_rec = @rec WHERE case_key = @key'),
      // After a transfer, every fact of the case gets the district it had on its own date.
      factsTransferred: db.prepare(
        `UPDATE stat_facts SET has_transfers = 1, district = COALESCE(
           (SELECT t.code FROM stat_facts t WHERE t.case_key = stat_facts.case_key AND +t.kind = 'transfer' AND t.on_date <= stat_facts.on_date
            ORDER BY t.on_date DESC, t.seq DESC LIMIT 1),
           (SELECT c.district FROM stat_cases c WHERE c.case_key = stat_facts.case_key))
         WHERE case_key = @key`,
      ),
    };
  }

  /** The Stockholm day of a recording instant. Stockholm's offset is whole hours, so the UTC hour decides it. */
  private recordedOn(recordedAt: string): string {
    const hour = recordedAt.slice(0, 13);
    let day = this.days.get(hour);
    if (day === undefined) {
      day = todayInStockholm(new Date(recordedAt));
      if (this.days.size > 100_000) this.days.clear();
      this.days.set(hour, day);
    }
    return day;
  }

  private caseOf(caseId: string) {
    let found = this.keys.get(caseId);
    if (!found) {
      const row = this.statements!.caseOf.get(caseId);
      if (!row) return undefined;
      found = { key: row.case_key, gender: row.gender, district: row.district, transfers: row.has_transfers === 1 };
      this.remember(caseId, found);
    }
    return found;
  }

  private remember(caseId: string, entry: { key: number; gender: string; district: string; transfers: boolean }): void {
    if (this.keys.size > 500_000) this.keys.clear();
    this.keys.set(caseId, entry);
  }

  apply(event: RecordedEvent, db: Database.Database): void {
    this.applyBatch([event], db);
  }

  /**
   * The same rows as `applyFacts` and `write` leave after the whole log, built in
   * memory: each case's facts are gathered, its contribution computed once,
   * and every row written once (`statistics-bulk.spec.ts` holds the two equal).
   */
  bulkLoad(db: Database.Database): BulkLoad {
    const cases = new Map<string, BulkCase>();
    return {
      add: (event) => {
        const e = isCaseStream(event.streamId) ? toCaseEvent(event, STATISTICS_READS) : undefined;
        if (!e) return;
        const caseId = caseIdOf(event.streamId);
        const rec = this.recordedOn(event.metadata.recordedAt);
        let c = cases.get(caseId);
        if (e.type === 'CaseRegistered') {
          c = {
            key: cases.size + 1,
            caseId,
            district: e.data.district,
            gender: e.data.subject.gender,
            receivedOn: e.data.receivedOn,
            receivedRec: rec,
            facts: [],
          };
          cases.set(caseId, c);
        }
        if (!c) throw new Error(`${event.type} for case ${caseId} before its registration`);
        const { facts } = c;
        const on = businessDateOf(e);
        const suitDecided = (claim: string): boolean =>
          facts.some((f) => f.kind === 'suit-decided' && f.code === claim);
        for (const [kind, amount, code] of statFactsOf(e, suitDecided)) {
          facts.push({ kind, on, rec, seq: event.revision, amount, code });
        }
      },
      write: () => writeBulk(db, cases),
    };
  }

  applyBatch(events: RecordedEvent[], db: Database.Database): void {
    if (!this.statements || this.statements.db !== db) this.statements = this.prepare(db);
    // What each case touched by the batch contributed before it, taken back after the batch for what it contributes now.
    const before = new Map<string, StatCase | undefined>();
    for (const event of events) {
      const e = isCaseStream(event.streamId) ? toCaseEvent(event, STATISTICS_READS) : undefined;
      if (!e) continue;
      const caseId = caseIdOf(event.streamId);
      if (!before.has(caseId)) before.set(caseId, this.load(caseId));
      this.applyFacts(event, e, caseId);
    }
    const changes: Contributions = new Map();
    for (const [caseId, old] of before) {
      addContributions(changes, caseContributions(old), -1);
      addContributions(changes, caseContributions(this.load(caseId)), 1);
    }
    this.write(changes);
  }

  /** The case as the contributions see it, from its stored row and facts. */
  private load(caseId: string): StatCase | undefined {
    const s = this.statements!;
    const row = s.caseRow.get(caseId);
    if (!row) return undefined;
    return {
      district: row.district,
      gender: row.gender,
      receivedOn: row.received_on,
      receivedRec: row.received_rec,
      facts: s.factsOf.all(row.case_key),
    };
  }

  private write(changes: Contributions): void {
    const s = this.statements!;
    for (const [key, n] of changes) {
      const [part, year, district, metric, day] = key.split('|');
      const row = { part, year: Number(year), district, metric, day, month: day.slice(0, 7), n };
      s.addSum.run(row);
      s.addDay.run(row);
      s.addMonthRow.run(row);
      s.addMonth.run(row);
    }
  }

  private applyFacts(event: RecordedEvent, e: CaseEvent, caseId: string): void {
    const s = this.statements!;
    const on = businessDateOf(e);
    const rec = this.recordedOn(event.metadata.recordedAt);
    if (e.type === 'CaseRegistered') {
      const key = Number(
        s.insertCase.run(caseId, e.data.district, e.data.subject.gender, e.data.receivedOn, rec).lastInsertRowid,
      );
      this.remember(caseId, { key, gender: e.data.subject.gender, district: e.data.district, transfers: false });
    }
    const c = this.caseOf(caseId);
    if (!c) throw new Error(`${event.type} for case ${caseId} before its registration`);
    const key = c.key;
    const fact = (kind: string, amount = 0, code: string | null = null): void => {
      const district = c.transfers ? (s.districtOn.get({ key, on })?.code ?? c.district) : c.district;
      s.insertFact.run({
        key,
        seq: event.revision,
        kind,
        on,
        rec,
        amount,
        code,
        gender: c.gender,
        district,
        transfers: c.transfers ? 1 : 0,
      });
    };
    // What the event does to the case's row, then its facts, then what it stamps on every fact of the case.
    switch (e.type) {
      case 'PreAssessmentMade':
        s.assessed.run({ key, on, rec, opened: e.data.decision === 'open-investigation' ? 1 : 0 });
        break;
      case 'InvestigationCompleted':
        s.investigated.run({ key, on, rec });
        if (e.data.cause) s.resultCause.run({ key, code: e.data.cause, rec });
        break;
      case 'RepaymentClaimDecided':
        s.claim.run({ key, on, rec, amount: e.data.amountOre });
        break;
      case 'PoliceReportFiled':
        s.police.run({ key, on, rec });
        break;
      case 'CaseTransferred':
        c.transfers = true;
        s.transferred.run({ key });
        break;
      case 'CaseClosed':
        s.closed.run({ key, on, rec });
        break;
      case 'CaseReopened':
        s.reopened.run({ key });
        break;
      case 'CaseVoided':
        s.voided.run({ key, rec });
        break;
      default:
        break;
    }
    for (const [kind, amount, code] of statFactsOf(e, (claim) => !!s.suitDecided.get({ key, claim }))) {
      fact(kind, amount, code);
    }
    if (e.type === 'CaseTransferred') s.factsTransferred.run({ key });
    else if (e.type === 'CaseReopened') s.factsReopened.run({ key });
    else if (e.type === 'CaseVoided') s.factsVoided.run({ key, rec });
  }
}

/** A case as the bulk load gathers it: its key and its facts in stream order, from which its row follows. */
interface BulkCase extends StatCase {
  key: number;
  caseId: string;
}

/**
 * The facts one event adds to its case, in order, as kind, amount and code:
 * what the event's own step declares, for events applied batch by batch and
 * for a bulk load alike. `suitDecided` says whether the case already has a
 * decision to sue for a claim.
 */
function statFactsOf(e: CaseEvent, suitDecided: (claimId: string) => boolean): EventFact[] {
  return definitionOf(e.type).statistics.facts(e.data, { suitDecided });
}

/** Writes the gathered cases, their facts and the summed contributions, a row or a case per step. */
function* writeBulk(db: Database.Database, cases: Map<string, BulkCase>): Generator<void> {
  const insertCase = db.prepare(
    `INSERT INTO stat_cases (case_key, case_id, district, gender, received_on, received_rec, has_transfers, has_reopenings,
       voided_rec, closed_since, closed_rec, assessed_on, assessed_rec, opened, investigated_on, investigated_rec,
       claim_on, claim_rec, claim_amount, police_on, police_rec)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertFact = db.prepare(
    `INSERT INTO stat_facts (case_key, seq, kind, on_date, recorded_on, amount, code, gender, district, has_transfers,
       has_reopenings, voided_rec, result_cause, result_rec) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const sums: Contributions = new Map();
  for (const c of cases.values()) {
    addContributions(sums, caseContributions(c), 1);
    // The row as the live path leaves it: the last assessment, investigation and voiding, the first
    // police report, the first claim with the sum of all, and the closing unless a reopening followed it.
    const { facts } = c;
    const last = (...kinds: string[]): StatFact | undefined => facts.findLast((f) => kinds.includes(f.kind));
    const assessed = last('opened', 'not-opened');
    const investigated = last('investigated');
    const police = facts.find((f) => f.kind === 'police');
    const claims = facts.filter((f) => f.kind === 'claim');
    const closing = last('closed', 'reopened');
    const closed = closing?.kind === 'closed' ? closing : undefined;
    // A reopening stamps every fact there is, itself included.
    const reopenedUpTo = facts.findLastIndex((f) => f.kind === 'reopened') + 1;
    const transfers = facts.some((f) => f.kind === 'transfer');
    const { voidedRec, result } = derive(facts);
    insertCase.run(
      c.key,
      c.caseId,
      c.district,
      c.gender,
      c.receivedOn,
      c.receivedRec,
      transfers ? 1 : 0,
      reopenedUpTo > 0 ? 1 : 0,
      last('voided')?.rec ?? null,
      closed?.on ?? null,
      closed?.rec ?? null,
      assessed?.on ?? null,
      assessed?.rec ?? null,
      assessed ? (assessed.kind === 'opened' ? 1 : 0) : null,
      investigated?.on ?? null,
      investigated?.rec ?? null,
      claims[0]?.on ?? null,
      claims[0]?.rec ?? null,
      claims.length > 0 ? claims.reduce((sum, f) => sum + f.amount, 0) : null,
      police?.on ?? null,
      police?.rec ?? null,
    );
    facts.forEach((f, i) => {
      const r = f.kind === 'opened' ? result[i] : null;
      insertFact.run(
        c.key,
        f.seq,
        f.kind,
        f.on,
        f.rec,
        f.amount,
        f.code,
        c.gender,
        transfers ? districtOn(c, f.on) : c.district,
        transfers ? 1 : 0,
        i < reopenedUpTo ? 1 : 0,
        voidedRec[i],
        r?.cause ?? null,
        r?.rec ?? null,
      );
    });
    yield;
  }
  cases.clear();
  yield* writeSums(db, sums);
}

/** `stat_sum`, `stat_day` and `stat_month` from the summed contributions, in key order. */
function* writeSums(db: Database.Database, sums: Contributions): Generator<void> {
  const addSum = db.prepare('INSERT INTO stat_sum (part, year, district, metric, n) VALUES (?, ?, ?, ?, ?)');
  const addDay = db.prepare(
    'INSERT INTO stat_day (part, year, district, metric, rec_day, n) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const addMonth = db.prepare(
    'INSERT INTO stat_month (part, year, district, metric, rec_month, n) VALUES (?, ?, ?, ?, ?, ?)',
  );
  // Series by part|year|district|metric, each with its changes by recording day.
  const series = new Map<string, Array<[string, number]>>();
  let grouped = 0;
  for (const [key, n] of sums) {
    const cut = key.lastIndexOf('|');
    const name = key.slice(0, cut);
    let days = series.get(name);
    if (!days) series.set(name, (days = []));
    days.push([key.slice(cut + 1), n]);
    // Grouping hundreds of thousands of keys is work too: let the runner pause in between.
    if (++grouped % 256 === 0) yield;
  }
  sums.clear();
  for (const name of [...series.keys()].sort()) {
    const days = series.get(name)!.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const [part, year, district, metric] = name.split('|');
    let total = 0;
    for (let i = 0; i < days.length; i++) {
      const [day, n] = days[i];
      addDay.run(part, Number(year), district, metric, day, n);
      total += n;
      const month = day.slice(0, 7);
      // The running sum to the end of the month, once per month with a change.
      if (i === days.length - 1 || days[i + 1][0].slice(0, 7) !== month) {
        addMonth.run(part, Number(year), district, metric, month, total);
      }
    }
    addSum.run(part, Number(year), district, metric, total);
    yield;
  }
}
