import { CAUSES, CLOSE_REASONS } from '../../cases/domain/catalogues';
import type { AnnualStatistics, StatisticsRow } from '../annual-statistics';
import { sumOf } from './report-model';

/** Decimal comma, no thousands separator: what Swedish Excel reads as a number. */
const amount = (n: number): string => n.toFixed(2).replace('.', ',');
const cell = (s: string): string => (/[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * The annual statistics as CSV that opens right in Swedish Excel: UTF-8 with
 * a byte-order mark, semicolons between fields, decimal comma, CRLF lines.
 */
export function renderCsv(stats: AnnualStatistics): string {
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
  const line = (name: string, r: StatisticsRow): string[] => [
    name,
    String(r.received),
    String(r.queueAtYearEnd),
    String(r.investigationsOpened),
    String(r.claims.woman),
    String(r.claims.man),
    String(r.claims.unknown),
    String(r.claims.total),
    amount(r.claimedAmount),
    String(r.policeReports.woman),
    String(r.policeReports.man),
    String(r.policeReports.unknown),
    String(r.policeReports.total),
    String(r.compensationSuits),
    String(r.compensationSuitsFiled),
    String(sumOf(r.notificationsSent)),
    String(sumOf(r.notificationsReceived)),
    amount(r.repaidAmount),
    amount(r.savedAmount),
    String(r.closed),
    ...reasons.map(([code]) => String(r.closeReasons[code as keyof typeof r.closeReasons])),
    ...causes.map(([code]) => String(r.causes[code as keyof typeof r.causes])),
    String(r.ongoingClaimsAtYearEnd),
    String(r.ongoingRepaymentsAtYearEnd),
    String(r.ongoingInvestigationsAtYearEnd),
    String(r.followUpAtYearEnd),
  ];
  const rows = [head, ...stats.districts.map((d) => line(d.name, d)), line('Totalt', stats.total)];
  return '\ufeff' + rows.map((r) => r.map(cell).join(';')).join('\r\n') + '\r\n';
}
