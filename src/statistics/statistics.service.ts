import { Inject, Injectable } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { DistrictRegister } from '../districts/district-register';
import { Consistency } from '../infrastructure/consistency.service';
import { READ_MODEL_DB } from '../infrastructure/tokens';
import { type AnnualStatistics, AnnualStatisticsQuery, type StatisticsRow } from './annual-statistics';
import { type StatCase, type StatFact, caseStateOn } from './statistics-contributions';

export interface TrendYear extends StatisticsRow {
  year: number;
}

/** Ongoing investigations and cases in follow-up, per district, at the end of a day. */
export interface Measurement {
  on: string;
  byDistrict: Map<string, { ongoingInvestigations: number; followUp: number }>;
}

/** A step dated in a year and recorded after a day: what came into the year after its figures were approved. */
export interface LateFact {
  caseNumber: string;
  district: string;
  kind: string;
  businessDate: string;
  recordedOn: string;
}

/** The facts whose step changes the year-end state of a case (a measurement after year end looks at these). */
const STATE_KINDS = [
  'received',
  'opened',
  'not-opened',
  'investigated',
  'claim',
  'police',
  'closed',
  'reopened',
  'transfer',
];

/**
 * Annual statistics and trends, read from the aggregates the statistics
 * projection maintains: each year reads O(districts) rows, so nothing is cached.
 */
@Injectable()
export class StatisticsService {
  private prepared?: AnnualStatisticsQuery;
  private statements?: ReturnType<StatisticsService['prepare']>;

  constructor(
    @Inject(READ_MODEL_DB) private readonly db: Database.Database,
    private readonly districts: DistrictRegister,
    private readonly consistency: Consistency,
  ) {}

  /** Prepared on first use: the projection creates its tables when the module starts, after this constructor. */
  private get query(): AnnualStatisticsQuery {
    this.prepared ??= new AnnualStatisticsQuery(this.db, this.districts);
    return this.prepared;
  }

  private prepare() {
    const kinds = STATE_KINDS.map((k) => `'${k}'`).join(', ');
    return {
      // The flow index (kind, on_date, ...) finds a week's facts of each kind without scanning the log.
      changedBetween: this.db.prepare<{ after: string; to: string; known: string }, { case_key: number }>(
        `SELECT DISTINCT case_key FROM stat_facts
         WHERE kind IN (${kinds}) AND on_date > @after AND on_date <= @to AND recorded_on <= @known`,
      ),
      caseRow: this.db.prepare<
        [number],
        { district: string; gender: string; received_on: string; received_rec: string }
      >('SELECT district, gender, received_on, received_rec FROM stat_cases WHERE case_key = ?'),
      factsOf: this.db.prepare<[number], StatFact>(
        'SELECT kind, on_date AS "on", recorded_on AS rec, seq, amount, code FROM stat_facts WHERE case_key = ? ORDER BY rowid',
      ),
      late: this.db.prepare<{ from: string; to: string; known: string }, LateFact & { seq: number }>(
        `SELECT COALESCE(l.case_number, c.case_id) AS caseNumber, f.district AS district, f.kind AS kind,
           f.on_date AS businessDate, f.recorded_on AS recordedOn, f.seq AS seq
         FROM stat_facts f JOIN stat_cases c ON c.case_key = f.case_key
         LEFT JOIN case_list l ON l.case_id = c.case_id
         WHERE f.kind IN ('received', 'opened', 'not-opened', 'investigated', 'claim', 'police', 'suit-decided', 'suit',
                          'repayment', 'waiver', 'plan', 'closed', 'reopened', 'transfer', 'notification-sent')
           AND f.on_date BETWEEN @from AND @to AND f.recorded_on > @known
         UNION ALL
         SELECT COALESCE(l.case_number, c.case_id), c.district, 'voided', f.on_date, f.recorded_on, f.seq
         FROM stat_facts f JOIN stat_cases c ON c.case_key = f.case_key
         LEFT JOIN case_list l ON l.case_id = c.case_id
         WHERE f.kind = 'voided' AND f.recorded_on > @known AND c.received_on <= @to
         ORDER BY 4, 1`,
      ),
    };
  }

  private get sql(): ReturnType<StatisticsService['prepare']> {
    this.statements ??= this.prepare();
    return this.statements;
  }

  async annual(year: number, knownAt: string | null): Promise<AnnualStatistics> {
    await this.consistency.readYourWrites('statistics');
    return this.annualNow(year, knownAt);
  }

  /** Without waiting for read-your-writes (the caller has made sure the projections are current). */
  annualNow(year: number, knownAt: string | null): AnnualStatistics {
    return this.query.run(year, knownAt);
  }

  /** The five-year (or any) series; `knownAtOf` gives each year its own day (an approved year's), else `knownAt`. */
  async trend(
    from: number,
    to: number,
    knownAt: string | null = null,
    knownAtOf?: (year: number) => string | null,
  ): Promise<TrendYear[]> {
    await this.consistency.readYourWrites('statistics');
    const years: TrendYear[] = [];
    for (let year = from; year <= to; year++)
      years.push({ year, ...this.annualNow(year, knownAtOf ? knownAtOf(year) : knownAt).total });
    return years;
  }

  /** Every district's rows over the years (a district's own five-year series, the series by district for Excel). */
  async byYear(from: number, to: number, knownAtOf: (year: number) => string | null): Promise<AnnualStatistics[]> {
    await this.consistency.readYourWrites('statistics');
    const years: AnnualStatistics[] = [];
    for (let year = from; year <= to; year++) years.push(this.annualNow(year, knownAtOf(year)));
    return years;
  }

  /**
   * Ongoing investigations and cases in follow-up at the end of `on` (a day
   * after the year's end), as known at `knownAt`: the year-end figures, changed
   * by the cases whose state-changing steps fall between 31 December and that
   * day. Only those cases are read, so a measurement costs what a week costs.
   */
  async measure(year: number, on: string, knownAt: string | null): Promise<Measurement> {
    await this.consistency.readYourWrites('statistics');
    const known = knownAt ?? '9999-12-31';
    const yearEnd = `${year}-12-31`;
    const byDistrict = new Map<string, { ongoingInvestigations: number; followUp: number }>();
    const add = (district: string, investigations: number, followUp: number): void => {
      const m = byDistrict.get(district) ?? { ongoingInvestigations: 0, followUp: 0 };
      m.ongoingInvestigations += investigations;
      m.followUp += followUp;
      byDistrict.set(district, m);
    };
    for (const d of this.annualNow(year, knownAt).districts)
      add(d.district, d.ongoingInvestigationsAtYearEnd, d.followUpAtYearEnd);
    if (on > yearEnd) {
      const s = this.sql;
      for (const { case_key } of s.changedBetween.all({ after: yearEnd, to: on, known })) {
        const row = s.caseRow.get(case_key);
        if (!row) continue;
        const c: StatCase = {
          district: row.district,
          gender: row.gender,
          receivedOn: row.received_on,
          receivedRec: row.received_rec,
          facts: s.factsOf.all(case_key),
        };
        const before = caseStateOn(c, known, yearEnd);
        const after = caseStateOn(c, known, on);
        if (before) add(before.district, before.investigating ? -1 : 0, before.followUp ? -1 : 0);
        if (after) add(after.district, after.investigating ? 1 : 0, after.followUp ? 1 : 0);
      }
    }
    return { on, byDistrict };
  }

  /** Steps dated in the year and recorded after `knownAt`, and voidings since then of cases of the year or before. */
  async lateFacts(year: number, knownAt: string): Promise<LateFact[]> {
    await this.consistency.readYourWrites('statistics', 'case-list');
    const seen = new Set<string>();
    const facts: LateFact[] = [];
    for (const f of this.sql.late.all({ from: `${year}-01-01`, to: `${year}-12-31`, known: knownAt })) {
      // One step can leave several facts (a registration from an authority): it is listed once.
      const key = `${f.caseNumber}|${f.seq}`;
      if (seen.has(key)) continue;
      seen.add(key);
      facts.push({
        caseNumber: f.caseNumber,
        district: f.district,
        kind: f.kind,
        businessDate: f.businessDate,
        recordedOn: f.recordedOn,
      });
    }
    return facts;
  }
}
