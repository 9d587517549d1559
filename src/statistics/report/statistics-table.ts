import { CAUSES, CLOSE_REASONS } from '../../cases/domain/catalogues';
import type { ExportTable } from '../../common/table-export';
import type { AnnualStatistics, StatisticsRow } from '../annual-statistics';
import { sumOf } from './report-model';

/** The annual statistics for Excel (CSV or xlsx): one row per district and the city total; amounts in kronor. */
export function statisticsTable(stats: AnnualStatistics): ExportTable {
  const reasons = Object.entries(CLOSE_REASONS);
  const causes = [...Object.entries(CAUSES), ['unknown', 'Okänd orsak']];
  const head = [
    'Stadsdelsnämnd',
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
  const line = (name: string, r: StatisticsRow): Array<string | number> => [
    name,
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
  const amounts = new Set(['Återkrävt belopp (kr)', 'Återbetalat belopp (kr)', 'Inbesparat belopp (kr)']);
  return {
    sheet: `FUT-statistik ${stats.year}`,
    columns: head.map((heading, i) => ({
      heading,
      kind: i === 0 ? 'text' : amounts.has(heading) ? 'amount' : 'count',
    })),
    rows: [...stats.districts.map((d) => line(d.name, d)), line('Totalt', stats.total)],
  };
}
