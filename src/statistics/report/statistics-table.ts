import { CAUSES, CLOSE_REASONS } from '../../cases/domain/catalogues';
import type { ExportTable } from '../../common/table-export';
import type { AnnualStatistics, StatisticsRow } from '../annual-statistics';
import { sumOf } from './report-model';

const reasons = Object.entries(CLOSE_REASONS);
const causes = [...Object.entries(CAUSES), ['unknown', 'Okänd orsak']];

/** The figures' columns after the row's name, as both tables head them. */
const FIGURE_HEADS = [
  'Inkommande information',
  'Antal i kö vid årets slut',
  'Inledda utredningar',
  'Återkrav kvinna',
  'Återkrav man',
  'Återkrav okänt kön',
  'Återkrav totalt',
  'Återkrävt belopp (kr)',
  'Polisanmälningar kvinna',
  'Polisanmälningar man',
  'Polisanmälningar okänt kön',
  'Polisanmälningar totalt',
  'Beslut om ersättningstalan',
  'Ersättningstalan ingiven',
  'Underrättelser skickade (lag 2008:206)',
  'Underrättelser mottagna (lag 2008:206)',
  'Återbetalat belopp (kr)',
  'Inbesparat belopp (kr)',
  'Avslutade ärenden',
  ...reasons.map(([, label]) => `Avslut: ${label}`),
  ...causes.map(([, label]) => `Orsak: ${label}`),
  'Pågående återkrav vid årets slut',
  'Pågående återbetalningar vid årets slut',
  'Pågående utredningar vid årets slut',
  'Under uppföljning vid årets slut',
];

const figures = (r: StatisticsRow): number[] => [
  r.received,
  r.queueAtYearEnd,
  r.investigationsOpened,
  r.claims.woman,
  r.claims.man,
  r.claims.unknown,
  r.claims.total,
  r.claimedAmount,
  r.policeReports.woman,
  r.policeReports.man,
  r.policeReports.unknown,
  r.policeReports.total,
  r.compensationSuits,
  r.compensationSuitsFiled,
  sumOf(r.notificationsSent),
  sumOf(r.notificationsReceived),
  r.repaidAmount,
  r.savedAmount,
  r.closed,
  ...reasons.map(([code]) => r.closeReasons[code as keyof typeof r.closeReasons]),
  ...causes.map(([code]) => r.causes[code as keyof typeof r.causes]),
  r.ongoingClaimsAtYearEnd,
  r.ongoingRepaymentsAtYearEnd,
  r.ongoingInvestigationsAtYearEnd,
  r.followUpAtYearEnd,
];

const AMOUNTS = new Set(['Återkrävt belopp (kr)', 'Återbetalat belopp (kr)', 'Inbesparat belopp (kr)']);
const kind = (heading: string): 'count' | 'amount' => (AMOUNTS.has(heading) ? 'amount' : 'count');

/**
 * The annual statistics for Excel (CSV or xlsx): one row per district and the
 * city total; amounts in kronor. The year and the day the figures are known
 * at ride in every row's last two columns, so a copied file still says what it is.
 */
export function statisticsTable(stats: AnnualStatistics, knownAt: string): ExportTable {
  const line = (name: string, r: StatisticsRow): Array<string | number> => [name, ...figures(r), stats.year, knownAt];
  return {
    sheet: `FUT-statistik ${stats.year}`,
    columns: [
      { heading: 'Stadsdelsnämnd', kind: 'text' },
      ...FIGURE_HEADS.map((heading) => ({ heading, kind: kind(heading) })),
      { heading: 'År', kind: 'count' },
      { heading: 'Känt per', kind: 'date' },
    ],
    rows: [...stats.districts.map((d) => line(d.name, d)), line('Totalt', stats.total)],
  };
}

/**
 * The series year by year for Excel: per year every district's row and the
 * city total, each year with the day its figures are known at (an approved
 * year's approval day, else `today` for everything recorded so far).
 */
export function seriesTable(years: AnnualStatistics[], today: string): ExportTable {
  const first = years[0]?.year;
  const last = years[years.length - 1]?.year;
  return {
    sheet: `FUT-statistik ${first}-${last}`,
    columns: [
      { heading: 'År', kind: 'count' },
      { heading: 'Stadsdelsnämnd', kind: 'text' },
      ...FIGURE_HEADS.map((heading) => ({ heading, kind: kind(heading) })),
      { heading: 'Känt per', kind: 'date' },
    ],
    rows: years.flatMap((s) => {
      const known = s.knownAt ?? today;
      return [
        ...s.districts.map((d) => [s.year, d.name, ...figures(d), known]),
        [s.year, 'Staden totalt', ...figures(s.total), known],
      ];
    }),
  };
}
