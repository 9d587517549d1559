import type Database from 'better-sqlite3';
import { DistrictRegister } from '../districts/district-register';
import {
  AUTHORITIES,
  CAUSES,
  CLOSE_REASONS,
  ERROR_TYPES,
  NO_INVESTIGATION_REASONS,
  SOURCES,
  type Authority,
  type Cause,
  type CloseReason,
  type ErrorType,
  type NoInvestigationReason,
  type Source,
} from '../cases/domain/catalogues';

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
  /** Decisions to bring ersättningstalan (what the report counts). */
  compensationSuits: number;
  /** Suits filed at the administrative court. */
  compensationSuitsFiled: number;
  /** Notifications sent to other authorities (lag 2008:206), by authority. */
  notificationsSent: Record<Authority, number>;
  /** Incoming information passed on by other authorities, by authority. */
  notificationsReceived: Record<Authority, number>;
  repaidAmount: number;
  savedAmount: number;
  closed: number;
  closeReasons: Record<CloseReason, number>;
  causes: Record<Cause | 'unknown', number>;
  /** Incoming information by its source. */
  sources: Record<Source, number>;
  /** Pre-assessments that opened no investigation, by reason. */
  noInvestigationReasons: Record<NoInvestigationReason, number>;
  /** Investigation results that found an incorrect payment, by FUT-delegationen's error type. */
  errorTypes: Record<ErrorType | 'unclassified', number>;
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

const zeroes = (keys: readonly string[]): Record<string, number> => Object.fromEntries(keys.map((k) => [k, 0]));
const byAuthority = (): Record<Authority, number> => zeroes(Object.keys(AUTHORITIES)) as Record<Authority, number>;

export function emptyRow(): StatisticsRow {
  return {
    received: 0,
    queueAtYearEnd: 0,
    investigationsOpened: 0,
    claims: { woman: 0, man: 0, unknown: 0, total: 0 },
    claimedAmount: 0,
    policeReports: { woman: 0, man: 0, unknown: 0, total: 0 },
    compensationSuits: 0,
    compensationSuitsFiled: 0,
    notificationsSent: byAuthority(),
    notificationsReceived: byAuthority(),
    repaidAmount: 0,
    savedAmount: 0,
    closed: 0,
    closeReasons: Object.fromEntries(Object.keys(CLOSE_REASONS).map((k) => [k, 0])) as Record<CloseReason, number>,
    causes: Object.fromEntries([...Object.keys(CAUSES), 'unknown'].map((k) => [k, 0])) as Record<
      Cause | 'unknown',
      number
    >,
    sources: zeroes(Object.keys(SOURCES)) as Record<Source, number>,
    noInvestigationReasons: zeroes(NO_INVESTIGATION_REASONS) as Record<NoInvestigationReason, number>,
    errorTypes: zeroes([...Object.keys(ERROR_TYPES), 'unclassified']) as Record<ErrorType | 'unclassified', number>,
    ongoingClaimsAtYearEnd: 0,
    ongoingRepaymentsAtYearEnd: 0,
    ongoingInvestigationsAtYearEnd: 0,
    followUpAtYearEnd: 0,
  };
}

/** Not voided as far as `known` shows. */
const NOT_VOIDED = (alias: string): string => `(${alias}.voided_rec IS NULL OR ${alias}.voided_rec > @known)`;

/** The district a case belonged to on a day, by the transfers recorded by `known`, else where it was registered. */
const transferredDistrict = (caseKey: string, date: string, fallback: string): string => `COALESCE(
    (SELECT t.code FROM stat_facts t WHERE t.case_key = ${caseKey} AND +t.kind = 'transfer' AND t.on_date <= ${date} AND t.recorded_on <= @known
     ORDER BY t.on_date DESC, t.seq DESC LIMIT 1),
    (SELECT c0.district FROM stat_cases c0 WHERE c0.case_key = ${caseKey}), ${fallback})`;

// The unary + in correlated subqueries keeps SQLite on the per-case index rather than the per-kind one.

/** A fact's district: the stored one unless the case has transfers and `knownAt` may hide some of them. */
const factDistrict = `CASE WHEN f.has_transfers = 0 OR @known = '9999-12-31' THEN f.district ELSE ${transferredDistrict('f.case_key', 'f.on_date', 'f.district')} END`;

/** A once-only step of the case happened by `to` and was recorded by `known`. */
const done = (step: string): string => `COALESCE(c.${step}_on <= @to AND c.${step}_rec <= @known, 0)`;

interface FlowRow {
  district: string;
  kind: string;
  gender: string;
  n: number;
  amount: number;
}

/**
 * The yearly FUT statistics by district, recomputed in full from the statistics
 * facts by business date: the reference the maintained aggregates
 * (`AnnualStatisticsQuery`) must equal, and what tests and checks compare them with. Every figure follows the definitions in the issue and
 * README: a step counts under the district the case belonged to on its day.
 */
export class AnnualStatisticsRecomputation {
  private readonly flows;
  private readonly codeCounts;
  private readonly causes;
  private readonly closures;
  private readonly yearEnd;

  constructor(
    private readonly db: Database.Database,
    private readonly districts: DistrictRegister,
  ) {
    this.flows = db.prepare<{ from: string; to: string; known: string }, FlowRow>(`
      SELECT ${factDistrict} AS district, f.kind AS kind, f.gender AS gender, COUNT(*) AS n, SUM(f.amount) AS amount
      FROM stat_facts f
      WHERE f.kind IN ('received', 'opened', 'claim', 'police', 'suit', 'suit-decided', 'repayment', 'investigated')
        AND f.on_date BETWEEN @from AND @to AND f.recorded_on <= @known AND ${NOT_VOIDED('f')}
      GROUP BY 1, 2, 3`);
    this.codeCounts = db.prepare<
      { from: string; to: string; known: string },
      { district: string; kind: string; code: string | null; n: number }
    >(`
      SELECT ${factDistrict} AS district, f.kind AS kind, f.code AS code, COUNT(*) AS n
      FROM stat_facts f
      WHERE f.kind IN ('notification-sent', 'notification-received', 'received', 'not-opened', 'error-type')
        AND f.on_date BETWEEN @from AND @to AND f.recorded_on <= @known AND ${NOT_VOIDED('f')}
      GROUP BY 1, 2, 3`);
    this.causes = db.prepare<
      { from: string; to: string; known: string },
      { district: string; cause: string; n: number }
    >(`
      SELECT ${factDistrict} AS district,
        COALESCE(CASE WHEN f.result_rec <= @known THEN f.result_cause END, f.code, 'unknown') AS cause,
        COUNT(*) AS n
      FROM stat_facts f
      WHERE f.kind = 'opened' AND f.on_date BETWEEN @from AND @to AND f.recorded_on <= @known AND ${NOT_VOIDED('f')}
      GROUP BY 1, 2`);
    this.closures = db.prepare<
      { from: string; to: string; known: string },
      { district: string; reason: string | null; n: number }
    >(`
      SELECT ${factDistrict} AS district, f.code AS reason, COUNT(*) AS n
      FROM stat_facts f
      WHERE f.kind = 'closed' AND f.on_date BETWEEN @from AND @to AND f.recorded_on <= @known AND ${NOT_VOIDED('f')}
        AND (f.has_reopenings = 0 OR NOT EXISTS (
          SELECT 1 FROM stat_facts r WHERE r.case_key = f.case_key AND +r.kind = 'reopened' AND r.recorded_on <= @known
            AND r.on_date <= @to AND (r.on_date > f.on_date OR (r.on_date = f.on_date AND r.seq > f.seq))))
      GROUP BY 1, 2`);
    // State at the end of 31 December, from each case's once-only step dates; facts only where a case needs them.
    this.yearEnd = db.prepare<
      { to: string; known: string },
      {
        district: string;
        open: number;
        queue: number;
        claims: number;
        repayments: number;
        investigations: number;
        followUp: number;
      }
    >(`
      WITH open_cases AS (
        SELECT c.case_key, c.claim_amount,
          CASE WHEN c.has_transfers = 0 THEN c.district ELSE ${transferredDistrict('c.case_key', '@to', 'c.district')} END AS district,
          ${done('assessed')} AS assessed,
          COALESCE(c.opened = 1, 0) AND ${done('assessed')} AS opened,
          ${done('investigated')} AS investigated,
          ${done('claim')} AS has_claim,
          ${done('police')} AS police
        FROM stat_cases c
        WHERE c.received_on <= @to AND c.received_rec <= @known AND ${NOT_VOIDED('c')}
          AND CASE WHEN c.has_reopenings = 0
                THEN NOT COALESCE(c.closed_since <= @to AND c.closed_rec <= @known, 0)
                ELSE COALESCE((SELECT f.kind <> 'closed' FROM stat_facts f
                               WHERE f.case_key = c.case_key AND +f.kind IN ('closed', 'reopened') AND f.on_date <= @to AND f.recorded_on <= @known
                               ORDER BY f.on_date DESC, f.seq DESC LIMIT 1), 1)
              END
      )
      SELECT district, COUNT(*) AS open,
        SUM(NOT assessed) AS queue,
        SUM(has_claim) AS claims,
        SUM(CASE WHEN has_claim THEN
              EXISTS (SELECT 1 FROM stat_facts p WHERE p.case_key = o.case_key AND +p.kind IN ('plan', 'repayment') AND p.on_date <= @to AND p.recorded_on <= @known)
              AND o.claim_amount > COALESCE((SELECT SUM(s.amount) FROM stat_facts s WHERE s.case_key = o.case_key AND +s.kind IN ('repayment', 'waiver', 'written-off')
                                             AND s.on_date <= @to AND s.recorded_on <= @known), 0)
            ELSE 0 END) AS repayments,
        SUM(opened AND NOT investigated) AS investigations,
        SUM(has_claim OR police) AS followUp
      FROM open_cases o
      GROUP BY district`);
  }

  run(year: number, knownAt: string | null): AnnualStatistics {
    const params = { from: `${year}-01-01`, to: `${year}-12-31`, known: knownAt ?? '9999-12-31' };
    const endParams = { to: params.to, known: params.known };
    // The same figures the statistics projection keeps, so both answers go through one assembly.
    const figures: Figure[] = [];
    const add = (district: string, metric: string, n: number): void => void figures.push({ district, metric, n });
    for (const f of this.flows.all(params)) {
      const split = f.kind === 'claim' || f.kind === 'police' ? `:${f.gender}` : '';
      add(f.district, `n:${f.kind}${split}`, f.n);
      add(f.district, `a:${f.kind}`, f.amount);
    }
    for (const n of this.codeCounts.all(params)) add(n.district, `c:${n.kind}:${n.code ?? ''}`, n.n);
    for (const c of this.causes.all(params)) add(c.district, `cause:${c.cause}`, c.n);
    for (const c of this.closures.all(params)) add(c.district, `close:${c.reason ?? ''}`, c.n);
    for (const y of this.yearEnd.all(endParams)) {
      add(y.district, 'end:open', y.open);
      add(y.district, 'end:queue', y.queue);
      add(y.district, 'end:claims', y.claims);
      add(y.district, 'end:repayments', y.repayments);
      add(y.district, 'end:investigations', y.investigations);
      add(y.district, 'end:followUp', y.followUp);
    }
    return assemble(year, knownAt, foldFigures(figures), this.districts);
  }
}

/** A district's figure: a metric as the projection names it (`n:claim:woman`, `c:received:police`, `end:queue`...). */
export interface Figure {
  district: string;
  metric: string;
  n: number;
}

const GENDERS = new Set(['woman', 'man']);

/** Sums figures into report rows (öre still). A district shows when any of its figures is not zero. */
export function foldFigures(figures: Iterable<Figure>): Map<string, StatisticsRow> {
  const sums = new Map<string, Map<string, number>>();
  for (const f of figures) {
    let byMetric = sums.get(f.district);
    if (!byMetric) sums.set(f.district, (byMetric = new Map()));
    byMetric.set(f.metric, (byMetric.get(f.metric) ?? 0) + f.n);
  }
  const rows = new Map<string, StatisticsRow>();
  for (const [district, byMetric] of sums) {
    let r: StatisticsRow | undefined;
    for (const [metric, n] of byMetric) {
      if (n === 0) continue;
      r ??= emptyRow();
      addFigure(r, metric, n);
    }
    if (r) rows.set(district, r);
  }
  return rows;
}

function addSplit(split: GenderSplit, gender: keyof GenderSplit, n: number): void {
  split[gender] += n;
  split.total += n;
}

function addFigure(r: StatisticsRow, metric: string, n: number): void {
  const colon = metric.indexOf(':');
  const head = metric.slice(0, colon);
  const rest = metric.slice(colon + 1);
  const gender = (g: string): keyof GenderSplit => (GENDERS.has(g) ? (g as keyof GenderSplit) : 'unknown');
  switch (head) {
    case 'n': {
      const [kind, g] = rest.split(':');
      if (kind === 'received') r.received += n;
      else if (kind === 'opened') r.investigationsOpened += n;
      else if (kind === 'claim') addSplit(r.claims, gender(g), n);
      else if (kind === 'police') addSplit(r.policeReports, gender(g), n);
      else if (kind === 'suit-decided') r.compensationSuits += n;
      else if (kind === 'suit') r.compensationSuitsFiled += n;
      return;
    }
    case 'a':
      if (rest === 'claim') r.claimedAmount += n;
      else if (rest === 'repayment') r.repaidAmount += n;
      else if (rest === 'investigated') r.savedAmount += n;
      return;
    case 'c': {
      // Counts by code: the authority notified or notifying, the source of incoming information, the reason for no investigation.
      const split = rest.indexOf(':');
      const kind = rest.slice(0, split);
      const code = rest.slice(split + 1);
      const counts = (
        {
          'notification-sent': r.notificationsSent,
          'notification-received': r.notificationsReceived,
          received: r.sources,
          'not-opened': r.noInvestigationReasons,
          'error-type': r.errorTypes,
        } as Record<string, Record<string, number>>
      )[kind];
      if (!counts) return;
      const key = code !== '' && code in counts ? code : 'other';
      counts[key] = (counts[key] ?? 0) + n;
      return;
    }
    case 'cause': {
      const cause = (rest in r.causes ? rest : 'unknown') as Cause | 'unknown';
      r.causes[cause] += n;
      return;
    }
    case 'close':
      r.closed += n;
      r.closeReasons[rest as CloseReason] = (r.closeReasons[rest as CloseReason] ?? 0) + n;
      return;
    case 'end':
      if (rest === 'queue') r.queueAtYearEnd += n;
      else if (rest === 'claims') r.ongoingClaimsAtYearEnd += n;
      else if (rest === 'repayments') r.ongoingRepaymentsAtYearEnd += n;
      else if (rest === 'investigations') r.ongoingInvestigationsAtYearEnd += n;
      else if (rest === 'followUp') r.followUpAtYearEnd += n;
      return;
  }
}

/** The answer: every district valid in the year, in register order, then any other district holding figures. */
export function assemble(
  year: number,
  knownAt: string | null,
  rows: Map<string, StatisticsRow>,
  register: DistrictRegister,
): AnnualStatistics {
  const valid = register.validBetween(`${year}-01-01`, `${year}-12-31`);
  // A district outside the register's validity for the year still gets its figures shown, never dropped.
  const extra = [...rows.keys()].filter((code) => !valid.some((d) => d.code === code));
  const districts: DistrictRow[] = [...valid, ...extra.map((code) => register.get(code) ?? { code, name: code })].map(
    (d) => ({
      district: d.code,
      name: d.name,
      ...toKronor(rows.get(d.code) ?? emptyRow()),
    }),
  );
  return { year, knownAt, districts, total: sumRows(districts) };
}

/**
 * The yearly statistics from the aggregates the statistics projection keeps:
 * O(districts × metrics) rows per year, whatever the number of cases. With
 * `knownAt`, each figure is the running sum to the month before it plus that month's days up to it.
 */
export class AnnualStatisticsQuery {
  private readonly now;
  private readonly known;

  constructor(
    db: Database.Database,
    private readonly districts: DistrictRegister,
  ) {
    // Year-end figures are kept as changes from the year before: the state at year Y sums every year up to Y.
    this.now = db.prepare<{ year: number }, Figure>(`
      SELECT district, metric, n FROM stat_sum WHERE part = 'f' AND year = @year
      UNION ALL
      SELECT district, metric, n FROM stat_sum WHERE part = 'e' AND year <= @year`);
    // As known at the end of a day: the running sum to the end of the month before, and that month's days up to it.
    const asKnown = `SELECT s.district, s.metric,
        COALESCE((SELECT m.n FROM stat_month m
                  WHERE m.part = s.part AND m.year = s.year AND m.district = s.district AND m.metric = s.metric AND m.rec_month < @month
                  ORDER BY m.rec_month DESC LIMIT 1), 0)
        + COALESCE((SELECT SUM(d.n) FROM stat_day d
                    WHERE d.part = s.part AND d.year = s.year AND d.district = s.district AND d.metric = s.metric
                      AND d.rec_day BETWEEN @monthStart AND @known), 0) AS n
      FROM stat_sum s`;
    this.known = db.prepare<{ year: number; known: string; month: string; monthStart: string }, Figure>(`
      ${asKnown} WHERE s.part = 'f' AND s.year = @year
      UNION ALL
      ${asKnown} WHERE s.part = 'e' AND s.year <= @year`);
  }

  run(year: number, knownAt: string | null): AnnualStatistics {
    const figures =
      knownAt === null
        ? this.now.all({ year })
        : this.known.all({ year, known: knownAt, month: knownAt.slice(0, 7), monthStart: `${knownAt.slice(0, 7)}-01` });
    return assemble(year, knownAt, foldFigures(figures), this.districts);
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
