import { createHash } from 'node:crypto';
import {
  AUTHORITIES,
  CAUSES,
  CLOSE_REASONS,
  ERROR_TYPES,
  NO_INVESTIGATION_REASON_LABELS,
  SOURCES,
} from '../../cases/domain/catalogues';
import { FIGURE } from '../../labels/sv';
import type { AnnualStatistics, StatisticsRow } from '../annual-statistics';
import type { FigureDifference } from './report-model';

/** Every figure of a row by its path ("claims.woman", "closeReasons.deceased"), in a fixed order. */
export function flatten(
  row: StatisticsRow | (StatisticsRow & { district: string; name: string }),
): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  for (const [key, value] of Object.entries(row)) {
    if (typeof value === 'number') out.push([key, value]);
    else if (typeof value === 'object' && value !== null)
      for (const [sub, n] of Object.entries(value as Record<string, number>)) out.push([`${key}.${sub}`, n]);
  }
  return out;
}

const AMOUNTS = new Set(['claimedAmount', 'repaidAmount', 'savedAmount']);
const GENDERS: Record<string, string> = { woman: 'kvinna', man: 'man', unknown: 'okänt kön', total: 'totalt' };
const GROUPS: Record<string, [string, Record<string, string>]> = {
  closeReasons: ['Avslutsorsak', CLOSE_REASONS],
  causes: ['Orsak', { ...CAUSES, unknown: 'Okänd' }],
  sources: ['Källa', SOURCES],
  noInvestigationReasons: ['Skäl att inte inleda utredning', NO_INVESTIGATION_REASON_LABELS],
  errorTypes: ['Feltyp', { ...ERROR_TYPES, unclassified: 'Ej klassificerade' }],
  notificationsSent: ['Underrättelser skickade', AUTHORITIES],
  notificationsReceived: ['Underrättelser mottagna', AUTHORITIES],
};

/** A figure's Swedish name, from the catalogue's figure names and code lists. */
export function figureLabel(path: string): string {
  const [key, sub] = path.split('.');
  if (sub === undefined) {
    if (key === 'compensationSuitsFiled') return 'Ersättningstalan ingiven';
    return (FIGURE as Record<string, string>)[key] ?? key;
  }
  if (key === 'claims' || key === 'policeReports') return `${FIGURE[key]}, ${GENDERS[sub] ?? sub}`;
  const group = GROUPS[key];
  return group ? `${group[0]}: ${group[1][sub] ?? sub}` : path;
}

export const isAmount = (path: string): boolean => AMOUNTS.has(path);

/** The figures that differ between two versions of a year, the city's first, then each district's. */
export function differences(before: AnnualStatistics, after: AnnualStatistics): FigureDifference[] {
  const rows = (s: AnnualStatistics): Array<[string | null, string, StatisticsRow]> => [
    [null, 'Staden', s.total],
    ...s.districts.map((d): [string, string, StatisticsRow] => [d.district, d.name, d]),
  ];
  const old = new Map(rows(before).map(([code, , row]) => [code, new Map(flatten(row))]));
  const out: FigureDifference[] = [];
  for (const [code, name, row] of rows(after)) {
    const was = old.get(code);
    for (const [path, n] of flatten(row)) {
      const b = was?.get(path) ?? 0;
      if (Math.abs(b - n) > 1e-9)
        out.push({ district: code, name, figure: path, label: figureLabel(path), before: b, after: n });
    }
  }
  return out;
}

/** A fingerprint of a year's figures: the same figures give the same fingerprint, whenever they are computed. */
export function fingerprint(s: AnnualStatistics): string {
  const rows = [['', s.total] as const, ...s.districts.map((d) => [d.district, d] as const)];
  const canonical = rows
    .map(
      ([code, row]) =>
        `${code}:${flatten(row)
          .map(([k, n]) => `${k}=${n}`)
          .join(',')}`,
    )
    .join('|');
  return createHash('sha256').update(`${s.year}|${canonical}`).digest('hex');
}
