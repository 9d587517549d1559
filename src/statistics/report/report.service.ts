import { Injectable } from '@nestjs/common';
import { todayInStockholm } from '../../calendar/local-date';
import { CSV_CONTENT_TYPE, tableToCsv, tableToXlsx, XLSX_CONTENT_TYPE } from '../../common/table-export';
import { DistrictRegister } from '../../districts/district-register';
import { Clock } from '../../infrastructure/clock';
import { type AnnualStatistics, type DistrictRow, emptyRow, type StatisticsRow } from '../annual-statistics';
import { StatisticsService, type TrendYear } from '../statistics.service';
import { differences } from './figures';
import { PdfRenderer } from './pdf-renderer';
import { type Approval, ReportApprovals } from './report-approvals.service';
import { renderHtml } from './report-html';
import { ReportInputs } from './report-inputs.service';
import { type FigureDifference, type LateStep, type ReportModel, buildReport, draftTexts } from './report-model';
import { fingerprint } from './figures';
import { seriesTable, statisticsTable } from './statistics-table';

export type ReportFormat = 'html' | 'pdf' | 'docx' | 'memo' | 'csv' | 'xlsx' | 'json';

export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Which figures: a district's report instead of the city's, everything recorded so far instead of the approved version. */
export interface ReportOptions {
  district?: string | null;
  /** Everything recorded so far, even for an approved year. */
  current?: boolean;
  /**
   * The statistics as a table (JSON, CSV, Excel) with only these districts' rows beside the city's total: what
   * a unit head is given (their own districts). Undefined: every district.
   */
  onlyDistricts?: readonly string[];
}

/** The year's figures with only some districts' rows; the city's total stays the city's. */
export function withDistricts(stats: AnnualStatistics, only: readonly string[] | undefined): AnnualStatistics {
  return only ? { ...stats, districts: stats.districts.filter((d) => only.includes(d.district)) } : stats;
}

/** The year's figures as the default view shows them: the approved version's, unless a day or `current` is asked for. */
export interface YearFigures {
  stats: AnnualStatistics;
  approval: Approval | null;
}

/** What each kind of statistics fact is, as the list of steps recorded after an approval names it. */
const STEP_OF_FACT: Record<string, string> = {
  received: 'Inkommande information registrerad',
  opened: 'Förhandsbedömning: utredning inleds',
  'not-opened': 'Förhandsbedömning: ingen utredning',
  investigated: 'Utredningsresultat',
  claim: 'Beslut om återkrav',
  police: 'Polisanmälan',
  'suit-decided': 'Beslut om ersättningstalan',
  suit: 'Ersättningstalan ingiven',
  repayment: 'Återbetalning',
  waiver: 'Eftergift',
  plan: 'Avbetalningsplan',
  closed: 'Avslut',
  reopened: 'Återöppnat',
  transfer: 'Överfört till annan nämnd',
  voided: 'Makulerat',
  'notification-sent': 'Underrättelse skickad',
};

/** The day ongoing investigations and follow-up are counted when the texts name none: early January, as the city has. */
const defaultMeasurementDay = (year: number): string => `${year + 1}-01-07`;

/** The yearly report in each format, from the statistics of the year and the four before it. */
@Injectable()
export class ReportService {
  constructor(
    private readonly statistics: StatisticsService,
    private readonly inputs: ReportInputs,
    private readonly approvals: ReportApprovals,
    private readonly pdf: PdfRenderer,
    private readonly districts: DistrictRegister,
    private readonly clock: Clock,
  ) {}

  /** The year's figures: as known at `knownAt`; else the approved version's; else (or with `current`) everything so far. */
  async figures(year: number, knownAt: string | null, current = false): Promise<YearFigures> {
    const approval = knownAt === null && !current ? await this.approvals.latest(year) : null;
    return { stats: await this.statistics.annual(year, knownAt ?? approval?.knownAt ?? null), approval };
  }

  /** Each year's day of the series: the one asked for, else the approved version's (a year approved shows as approved). */
  private async knownAtOfYears(
    from: number,
    to: number,
    knownAt: string | null,
    current: boolean,
  ): Promise<(year: number) => string | null> {
    if (knownAt !== null || current) return () => knownAt;
    const days = new Map<number, string | null>();
    for (let y = from; y <= to; y++) days.set(y, (await this.approvals.latest(y))?.knownAt ?? null);
    return (year) => days.get(year) ?? null;
  }

  /** The five-year series (or any), each year as the default view shows it. */
  async trend(from: number, to: number, knownAt: string | null, current = false): Promise<TrendYear[]> {
    return this.statistics.trend(from, to, knownAt, await this.knownAtOfYears(from, to, knownAt, current));
  }

  /** Every district's figures year by year, each year as the default view shows it. */
  async seriesByDistrict(from: number, to: number, knownAt: string | null, current = false) {
    return this.statistics.byYear(from, to, await this.knownAtOfYears(from, to, knownAt, current));
  }

  private today(): string {
    return todayInStockholm(this.clock.now());
  }

  /** The report's content for the city, or for one district beside the city. */
  async model(year: number, knownAt: string | null, options: ReportOptions = {}): Promise<ReportModel> {
    const current = options.current ?? false;
    const { stats: city, approval } = await this.figures(year, knownAt, current);
    const effective = city.knownAt;
    const today = this.today();
    const texts = options.district ? null : ((await this.inputs.texts(year))?.texts ?? null);
    const knownAtOf = await this.knownAtOfYears(year - 4, year, knownAt, current);
    const code = options.district ?? null;

    let stats: AnnualStatistics = city;
    let trend: TrendYear[];
    if (code === null) {
      trend = await this.statistics.trend(year - 4, year, knownAt, knownAtOf);
    } else {
      const name = this.districts.get(code)?.name ?? code;
      const own = (s: AnnualStatistics): DistrictRow =>
        s.districts.find((d) => d.district === code) ?? { district: code, name, ...emptyRow() };
      const row = own(city);
      const { district: _code, name: _name, ...total } = row;
      stats = { ...city, districts: [row], total: total as StatisticsRow };
      trend = (await this.statistics.byYear(year - 4, year, knownAtOf)).map((s) => {
        const { district: _d, name: _n, ...figures } = own(s);
        return { year: s.year, ...(figures as StatisticsRow) };
      });
    }

    // The measurement in early January: never after what is known, else the year-end figures stand.
    let on = texts?.measuredOn ?? defaultMeasurementDay(year);
    const limit = effective ?? today;
    if (on > limit) on = limit;
    const measured = on > `${year}-12-31` ? await this.statistics.measure(year, on, effective) : null;
    const ofScope = (m: { ongoingInvestigations: number; followUp: number }[]) =>
      m.reduce(
        (a, b) => ({
          ongoingInvestigations: a.ongoingInvestigations + b.ongoingInvestigations,
          followUp: a.followUp + b.followUp,
        }),
        {
          ongoingInvestigations: 0,
          followUp: 0,
        },
      );
    const measurement = measured
      ? {
          on,
          ...ofScope([...measured.byDistrict.entries()].filter(([d]) => code === null || d === code).map(([, m]) => m)),
        }
      : null;

    const postChecks = (await this.inputs.postChecks(year)).filter((p) => code === null || p.district === code);
    const districtNames = Object.fromEntries(
      postChecks.flatMap((p) => (p.district ? [[p.district, this.districts.get(p.district)?.name ?? p.district]] : [])),
    );

    let approvalInputs = null;
    if (approval) {
      const now = await this.statistics.annual(year, null);
      const scoped = (list: ReturnType<typeof differences>) =>
        code === null ? list : list.filter((d) => d.district === code);
      const late = await this.lateSteps(year, approval.knownAt, code);
      approvalInputs = {
        approval: {
          version: approval.version,
          knownAt: approval.knownAt,
          approvedOn: approval.approvedOn,
          approvedBy: approval.approvedBy,
        },
        differences: scoped(differences(city, now)),
        lateSteps: late,
      };
    }

    const name = code ? (this.districts.get(code)?.name ?? code) : null;
    return buildReport(stats, trend, {
      texts,
      postChecks,
      districtNames,
      measurement,
      approval: approvalInputs,
      district: name ? { name, city: city.total } : null,
      office: name
        ? /^enhet/i.test(name)
          ? ['Socialförvaltningen', name]
          : [`${name} stadsdelsförvaltning`]
        : undefined,
      today,
    });
  }

  /** The drafts of the year's texts for the city's report, to start editing from. */
  async drafts(year: number) {
    const { stats } = await this.figures(year, null);
    return draftTexts(stats, await this.trend(year - 4, year, null));
  }

  /** The steps recorded into a year after a day, named as the report lists them. */
  private async lateSteps(year: number, knownAt: string, code: string | null): Promise<LateStep[]> {
    return (await this.statistics.lateFacts(year, knownAt))
      .filter((f) => code === null || f.district === code)
      .map((f) => ({
        caseNumber: f.caseNumber,
        district: this.districts.get(f.district)?.name ?? f.district,
        step: STEP_OF_FACT[f.kind] ?? f.kind,
        businessDate: f.businessDate,
        recordedOn: f.recordedOn,
      }));
  }

  /**
   * A year's approvals, and what has changed since the latest: the figures that differ from everything
   * recorded so far, the steps recorded into the year after its knownAt, and whether the approved figures
   * still come out of the log as they were approved (their fingerprint).
   */
  async approvalState(year: number): Promise<{
    approvals: Approval[];
    figuresIntact: boolean | null;
    differences: FigureDifference[];
    lateSteps: LateStep[];
  }> {
    const approvals = await this.approvals.list(year);
    const latest = approvals.at(-1);
    if (!latest) return { approvals, figuresIntact: null, differences: [], lateSteps: [] };
    const approved = await this.statistics.annual(year, latest.knownAt);
    const now = await this.statistics.annual(year, null);
    return {
      approvals,
      figuresIntact: fingerprint(approved) === latest.fingerprint,
      differences: differences(approved, now),
      lateSteps: await this.lateSteps(year, latest.knownAt, null),
    };
  }

  async render(
    year: number,
    format: ReportFormat,
    knownAt: string | null,
    options: ReportOptions = {},
  ): Promise<{ body: string | Buffer; contentType: string }> {
    switch (format) {
      case 'json': {
        const { stats } = await this.figures(year, knownAt, options.current);
        const shown = withDistricts(stats, options.onlyDistricts);
        return { body: JSON.stringify(shown, null, 2), contentType: 'application/json; charset=utf-8' };
      }
      case 'csv':
      case 'xlsx': {
        const stats = withDistricts((await this.figures(year, knownAt, options.current)).stats, options.onlyDistricts);
        const table = statisticsTable(stats, stats.knownAt ?? this.today());
        return format === 'csv'
          ? { body: tableToCsv(table), contentType: CSV_CONTENT_TYPE }
          : { body: await tableToXlsx(table), contentType: XLSX_CONTENT_TYPE };
      }
      default: {
        const model = await this.model(year, knownAt, options);
        switch (format) {
          case 'pdf':
            return { body: await this.pdf.render(model), contentType: 'application/pdf' };
          case 'docx':
            return { body: await this.pdf.renderDocx(model, 'report'), contentType: DOCX_CONTENT_TYPE };
          case 'memo':
            return { body: await this.pdf.renderDocx(model, 'memo'), contentType: DOCX_CONTENT_TYPE };
          default:
            return { body: renderHtml(model), contentType: 'text/html; charset=utf-8' };
        }
      }
    }
  }

  /** One district's figures year by year, each year as the default view shows it (a district without cases: zeros). */
  async districtTrend(
    district: string,
    from: number,
    to: number,
    knownAt: string | null,
    current = false,
  ): Promise<TrendYear[]> {
    const name = this.districts.get(district)?.name ?? district;
    return (await this.seriesByDistrict(from, to, knownAt, current)).map((s) => {
      const {
        district: _d,
        name: _n,
        ...figures
      } = s.districts.find((d) => d.district === district) ?? {
        district,
        name,
        ...emptyRow(),
      };
      return { year: s.year, ...(figures as StatisticsRow) };
    });
  }

  /** The series by year and district for Excel, each year's "känt per" day in its rows (`only`: those districts' rows and the city's). */
  async seriesExport(
    from: number,
    to: number,
    knownAt: string | null,
    format: 'csv' | 'xlsx',
    current = false,
    only?: readonly string[],
  ) {
    const years = (await this.seriesByDistrict(from, to, knownAt, current)).map((s) => withDistricts(s, only));
    const table = seriesTable(years, this.today());
    return format === 'csv'
      ? { body: tableToCsv(table), contentType: CSV_CONTENT_TYPE }
      : { body: await tableToXlsx(table), contentType: XLSX_CONTENT_TYPE };
  }
}
