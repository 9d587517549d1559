import type Database from 'better-sqlite3';
import { DistrictRegister } from '../districts/district-register';
import { CAUSES, CLOSE_REASONS, type Cause, type CloseReason } from '../cases/domain/catalogues';

export interface GenderSplit {
  woman: number;
  man: number;
  unknown: number;
  total: number;
}

/** One row of the yearly report: a district, or the city total. Amounts in kronor. */
export interface StatisticsRow {
  received: number;
  queueAtYearEnd: number;
  investigationsOpened: number;
  claims: GenderSplit;
  claimedAmount: number;
  policeReports: GenderSplit;
  compensationSuits: number;
  repaidAmount: number;
  savedAmount: number;
  closed: number;
  closeReasons: Record<CloseReason, number>;
  causes: Record<Cause | 'unknown', number>;
  ongoingClaimsAtYearEnd: number;
  ongoingRepaymentsAtYearEnd: number;
  ongoingInvestigationsAtYearEnd: number;
  followUpAtYearEnd: number;
}

export interface DistrictRow extends StatisticsRow {
  district: string;
  name: string;
}

export interface AnnualStatistics {
  year: number;
  /** The day whose end the figures are as of (only events recorded by then), or null for everything so far. */
  knownAt: string | null;
  districts: DistrictRow[];
  total: StatisticsRow;
}

export function emptyRow(): StatisticsRow {
  return {
    received: 0,
    queueAtYearEnd: 0,
    investigationsOpened: 0,
    claims: { woman: 0, man: 0, unknown: 0, total: 0 },
    claimedAmount: 0,
    policeReports: { woman: 0, man: 0, unknown: 0, total: 0 },
    compensationSuits: 0,
    repaidAmount: 0,
    savedAmount: 0,
    closed: 0,
    closeReasons: Object.fromEntries(Object.keys(CLOSE_REASONS).map((k) => [k, 0])) as Record<CloseReason, number>,
    causes: Object.fromEntries([...Object.keys(CAUSES), 'unknown'].map((k) => [k, 0])) as Record<
      Cause | 'unknown',
      number
    >,
    ongoingClaimsAtYearEnd: 0,
    ongoingRepaymentsAtYearEnd: 0,
    ongoingInvestigationsAtYearEnd: 0,
    followUpAtYearEnd: 0,
  };
}

/** Cases that count: registered by `known` and not voided by then. */
const LIVE = `
  SELECT c.* FROM stat_cases c
  WHERE c.received_recorded_on <= @known
    AND NOT EXISTS (SELECT 1 FROM stat_facts v WHERE v.case_key = c.case_key AND v.kind = 'voided' AND v.recorded_on <= @known)`;

/** The district a case belonged to on a day: the last transfer on or before it, else where it was registered. */
const districtOn = (date: string): string => `
  CASE WHEN c.has_transfers = 0 THEN c.district ELSE COALESCE(
    (SELECT t.code FROM stat_facts t WHERE t.case_key = c.case_key AND t.kind = 'transfer' AND t.on_date <= ${date} AND t.recorded_on <= @known
     ORDER BY t.on_date DESC, t.seq DESC LIMIT 1), c.district) END`;

interface FlowRow {
  district: string;
  kind: string;
  gender: string;
  n: number;
  amount: number;
}

/**
 * The yearly FUT statistics by district, computed from the statistics facts
 * by business date. Every figure follows the definitions in the issue and
 * README: a step counts under the district the case belonged to on its day.
 */
export class AnnualStatisticsQuery {
  private readonly flows;
  private readonly causes;
  private readonly closures;
  private readonly yearEnd;

  constructor(
    private readonly db: Database.Database,
    private readonly districts: DistrictRegister,
  ) {
    this.flows = db.prepare<{ from: string; to: string; known: string }, FlowRow>(`
      WITH live AS (${LIVE})
      SELECT ${districtOn('f.on_date')} AS district, f.kind AS kind, c.gender AS gender, COUNT(*) AS n, SUM(f.amount) AS amount
      FROM stat_facts f JOIN live c ON c.case_key = f.case_key
      WHERE f.kind IN ('received', 'opened', 'claim', 'police', 'suit', 'repayment', 'investigated')
        AND f.on_date BETWEEN @from AND @to AND f.recorded_on <= @known
      GROUP BY 1, 2, 3`);
    this.causes = db.prepare<
      { from: string; to: string; known: string },
      { district: string; cause: string; n: number }
    >(`
      WITH live AS (${LIVE})
      SELECT ${districtOn('f.on_date')} AS district,
        COALESCE((SELECT i.code FROM stat_facts i WHERE i.case_key = f.case_key AND i.kind = 'investigated' AND i.recorded_on <= @known AND i.code IS NOT NULL),
                 f.code, 'unknown') AS cause,
        COUNT(*) AS n
      FROM stat_facts f JOIN live c ON c.case_key = f.case_key
      WHERE f.kind = 'opened' AND f.on_date BETWEEN @from AND @to AND f.recorded_on <= @known
      GROUP BY 1, 2`);
    this.closures = db.prepare<
      { from: string; to: string; known: string },
      { district: string; reason: string; n: number }
    >(`
      WITH live AS (${LIVE})
      SELECT ${districtOn('f.on_date')} AS district, f.code AS reason, COUNT(*) AS n
      FROM stat_facts f JOIN live c ON c.case_key = f.case_key
      WHERE f.kind = 'closed' AND f.on_date BETWEEN @from AND @to AND f.recorded_on <= @known
        AND NOT EXISTS (
          SELECT 1 FROM stat_facts r WHERE r.case_key = f.case_key AND r.kind = 'reopened' AND r.recorded_on <= @known
            AND r.on_date <= @to AND (r.on_date > f.on_date OR (r.on_date = f.on_date AND r.seq > f.seq)))
      GROUP BY 1, 2`);
    // State at the end of 31 December. Cases closed (for good, as far as `known` shows) before then are skipped by index.
    this.yearEnd = db.prepare<
      { to: string; known: string },
      { district: string; queue: number; claims: number; repayments: number; investigations: number; followUp: number }
    >(`
      WITH live AS (${LIVE}),
      candidates AS (
        SELECT * FROM live c
        WHERE c.received_on <= @to
          AND NOT (c.closed_since IS NOT NULL AND c.closed_since <= @to AND c.closed_recorded_on <= @known)
      ),
      per_case AS (
        SELECT c.case_key AS case_key, ${districtOn('@to')} AS district,
          MAX(f.kind IN ('opened', 'not-opened')) AS assessed,
          MAX(f.kind = 'opened') AS opened,
          MAX(f.kind = 'investigated') AS investigated,
          MAX(f.kind = 'claim') AS has_claim,
          SUM(CASE WHEN f.kind = 'claim' THEN f.amount ELSE 0 END) AS claim,
          SUM(CASE WHEN f.kind IN ('repayment', 'waiver') THEN f.amount ELSE 0 END) AS settled,
          MAX(f.kind IN ('plan', 'repayment')) AS paying,
          MAX(f.kind = 'police') AS police,
          MAX(CASE WHEN f.kind IN ('closed', 'reopened') THEN f.on_date || printf('%09d', f.seq) || f.kind END) AS last_closure
        FROM candidates c JOIN stat_facts f ON f.case_key = c.case_key AND f.on_date <= @to AND f.recorded_on <= @known
        GROUP BY c.case_key
      )
      SELECT district,
        SUM(NOT closed AND NOT assessed) AS queue,
        SUM(NOT closed AND has_claim) AS claims,
        SUM(NOT closed AND has_claim AND paying AND claim - settled > 0) AS repayments,
        SUM(NOT closed AND opened AND NOT investigated) AS investigations,
        SUM(NOT closed AND (has_claim OR police)) AS followUp
      FROM (SELECT *, COALESCE(last_closure LIKE '%closed', 0) AS closed FROM per_case)
      GROUP BY district`);
  }

  run(year: number, knownAt: string | null): AnnualStatistics {
    const params = { from: `${year}-01-01`, to: `${year}-12-31`, known: knownAt ?? '9999-12-31' };
    const rows = new Map<string, StatisticsRow>();
    const row = (district: string): StatisticsRow => {
      let r = rows.get(district);
      if (!r) rows.set(district, (r = emptyRow()));
      return r;
    };
    const gender = (g: string): keyof GenderSplit => (g === 'woman' || g === 'man' ? g : 'unknown');

    for (const f of this.flows.all(params)) {
      const r = row(f.district);
      switch (f.kind) {
        case 'received':
          r.received += f.n;
          break;
        case 'opened':
          r.investigationsOpened += f.n;
          break;
        case 'claim':
          r.claims[gender(f.gender)] += f.n;
          r.claims.total += f.n;
          r.claimedAmount += f.amount;
          break;
        case 'police':
          r.policeReports[gender(f.gender)] += f.n;
          r.policeReports.total += f.n;
          break;
        case 'suit':
          r.compensationSuits += f.n;
          break;
        case 'repayment':
          r.repaidAmount += f.amount;
          break;
        case 'investigated':
          r.savedAmount += f.amount;
          break;
      }
    }
    for (const c of this.causes.all(params)) {
      const r = row(c.district);
      const cause = (c.cause in r.causes ? c.cause : 'unknown') as Cause | 'unknown';
      r.causes[cause] += c.n;
    }
    for (const c of this.closures.all(params)) {
      const r = row(c.district);
      r.closed += c.n;
      r.closeReasons[c.reason as CloseReason] = (r.closeReasons[c.reason as CloseReason] ?? 0) + c.n;
    }
    for (const y of this.yearEnd.all(params)) {
      const r = row(y.district);
      r.queueAtYearEnd += y.queue;
      r.ongoingClaimsAtYearEnd += y.claims;
      r.ongoingRepaymentsAtYearEnd += y.repayments;
      r.ongoingInvestigationsAtYearEnd += y.investigations;
      r.followUpAtYearEnd += y.followUp;
    }

    const valid = this.districts.validBetween(params.from, params.to);
    // A district outside the register's validity for the year still gets its figures shown, never dropped.
    const extra = [...rows.keys()].filter((code) => !valid.some((d) => d.code === code));
    const districts: DistrictRow[] = [
      ...valid,
      ...extra.map((code) => this.districts.get(code) ?? { code, name: code }),
    ].map((d) => ({
      district: d.code,
      name: d.name,
      ...toKronor(rows.get(d.code) ?? emptyRow()),
    }));
    return { year, knownAt, districts, total: sumRows(districts) };
  }
}

function toKronor(row: StatisticsRow): StatisticsRow {
  return {
    ...row,
    claimedAmount: row.claimedAmount / 100,
    repaidAmount: row.repaidAmount / 100,
    savedAmount: row.savedAmount / 100,
  };
}

export function sumRows(rows: StatisticsRow[]): StatisticsRow {
  const total = emptyRow();
  for (const r of rows) {
    for (const key of Object.keys(total) as Array<keyof StatisticsRow>) {
      const value = r[key];
      if (typeof value === 'number') (total[key] as number) += value;
      else Object.entries(value).forEach(([k, v]) => ((total[key] as Record<string, number>)[k] += v));
    }
  }
  // Öre sums of kronor values can pick up float noise.
  total.claimedAmount = Math.round(total.claimedAmount * 100) / 100;
  total.repaidAmount = Math.round(total.repaidAmount * 100) / 100;
  total.savedAmount = Math.round(total.savedAmount * 100) / 100;
  return total;
}
