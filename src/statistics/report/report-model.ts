import { CAUSES, CLOSE_REASONS, type Cause, type CloseReason } from '../../cases/domain/catalogues';
import type { AnnualStatistics, StatisticsRow } from '../annual-statistics';
import type { TrendYear } from '../statistics.service';

/** Swedish number formats: spaces between thousands, decimal comma. */
const integer = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 0 });
export const fmt = (n: number): string => integer.format(n).replace(/\u00a0|\u202f/g, ' ');
export const kronor = (n: number): string => `${fmt(Math.round(n))} kr`;
export const millions = (n: number): string => `${(n / 1_000_000).toFixed(1).replace('.', ',')} miljoner kronor`;
const percent = (part: number, whole: number): number => (whole === 0 ? 0 : Math.round((100 * part) / whole));

export interface Bar {
  label: string;
  value: number;
  display: string;
}

export interface Chart {
  title: string;
  bars: Bar[];
}

export interface Table {
  caption: string;
  head: string[];
  rows: string[][];
  /** The last row is a total row. */
  total: string[];
}

export interface Section {
  title: string;
  paragraphs: string[];
  tables: Table[];
  charts: Chart[];
}

export interface ReportModel {
  year: number;
  title: string;
  subtitle: string;
  knownAt: string | null;
  summary: string[];
  sections: Section[];
}

function series(
  title: string,
  trend: TrendYear[],
  value: (r: StatisticsRow) => number,
  display: (n: number) => string = fmt,
): Chart {
  return { title, bars: trend.map((t) => ({ label: String(t.year), value: value(t), display: display(value(t)) })) };
}

function districtTable(
  caption: string,
  stats: AnnualStatistics,
  head: string[],
  cells: (r: StatisticsRow) => string[],
): Table {
  return {
    caption,
    head: ['Stadsdelsnämnd', ...head],
    rows: stats.districts.map((d) => [d.name, ...cells(d)]),
    total: ['Totalt', ...cells(stats.total)],
  };
}

function evenly(women: number, men: number): string {
  const all = women + men;
  if (all === 0) return 'inga';
  const share = percent(women, all);
  return share >= 40 && share <= 60
    ? 'jämnt'
    : share > 60
      ? 'ojämnt, med en övervikt för kvinnor'
      : 'ojämnt, med en övervikt för män';
}

/** The report's content, in Swedish, from the year's statistics and the five-year series. */
export function buildReport(stats: AnnualStatistics, trend: TrendYear[]): ReportModel {
  const t = stats.total;
  const y = stats.year;
  const previous = trend.find((r) => r.year === y - 1);
  const first = trend[0];
  const reasons = Object.entries(CLOSE_REASONS) as Array<[CloseReason, string]>;
  const topReason = reasons.reduce(
    (best, r) => (t.closeReasons[r[0]] > t.closeReasons[best[0]] ? r : best),
    reasons[0],
  );
  const causeEntries = [
    ...(Object.entries(CAUSES) as Array<[Cause, string]>),
    ['unknown', 'Okänd'] as [Cause | 'unknown', string],
  ];
  const topCause = causeEntries.reduce((best, c) => (t.causes[c[0]] > t.causes[best[0]] ? c : best), causeEntries[0]);
  const change = previous ? t.received - previous.received : 0;

  const summary = [
    `Under år ${y} registrerades ${fmt(t.received)} inkommande information med misstanke om felaktig utbetalning i staden${
      previous
        ? `, ${change >= 0 ? 'en ökning' : 'en minskning'} med ${fmt(Math.abs(change))} ärenden jämfört med år ${y - 1}`
        : ''
    }.`,
    `Det inleddes ${fmt(t.investigationsOpened)} utredningar${t.investigationsOpened > 0 ? ` och den främsta orsaken till inledd utredning var ${topCause[1].toLowerCase()}` : ''}.`,
    `Stadsdelsnämnderna fattade ${fmt(t.claims.total)} beslut om återkrav och gjorde ${fmt(t.policeReports.total)} polisanmälningar. Återkravsbeloppet uppgick till ${kronor(
      t.claimedAmount,
    )} och det bistånd som återbetalades till ${kronor(t.repaidAmount)}.`,
  ];

  const sections: Section[] = [
    {
      title: 'Inkommande och inledda utredningar',
      paragraphs: [
        `Under år ${y} registrerades ${fmt(t.received)} inkommande information med misstanke om FUT på stadsdelsnämnderna.` +
          (trend.length > 1 ? ` Antalet var ${trend.map((r) => `${fmt(r.received)} år ${r.year}`).join(', ')}.` : ''),
        `Totalt inleddes ${fmt(t.investigationsOpened)} utredningar år ${y}` +
          (trend.length > 1
            ? `, att jämföra med ${trend
                .filter((r) => r.year !== y)
                .map((r) => `${fmt(r.investigationsOpened)} år ${r.year}`)
                .join(', ')}.`
            : '.'),
      ],
      tables: [
        districtTable(
          `Inkommande information och inledda utredningar ${y}`,
          stats,
          ['Inkommande information', 'Inledda utredningar'],
          (r) => [fmt(r.received), fmt(r.investigationsOpened)],
        ),
      ],
      charts: [
        series('Inkommande information', trend, (r) => r.received),
        series('Inledda utredningar', trend, (r) => r.investigationsOpened),
      ],
    },
    {
      title: 'Ärenden i kö',
      paragraphs: [
        `Ärenden i kö är ärenden där det finns en misstanke om FUT men där FUT-utredaren inte hunnit göra en förhandsbedömning. Vid årets slut ${y} stod ${fmt(
          t.queueAtYearEnd,
        )} ärenden i kö` +
          (first && first.year !== y
            ? `, att jämföra med ${fmt(first.queueAtYearEnd)} ärenden år ${first.year}.`
            : '.'),
        `Vid årets slut pågick ${fmt(t.ongoingInvestigationsAtYearEnd)} utredningar och ${fmt(t.followUpAtYearEnd)} ärenden var under uppföljning.`,
      ],
      tables: [districtTable(`Antal i kö vid årets slut ${y}`, stats, ['Antal i kö'], (r) => [fmt(r.queueAtYearEnd)])],
      charts: [series('Ärenden i kö vid årets slut', trend, (r) => r.queueAtYearEnd)],
    },
    {
      title: 'Beslut om återkrav och polisanmälan',
      paragraphs: [
        `År ${y} fattades ${fmt(t.claims.total)} beslut om återkrav, ${fmt(t.claims.woman)} gällde en kvinna och ${fmt(t.claims.man)} en man` +
          (t.claims.unknown > 0 ? ` (${fmt(t.claims.unknown)} utan känt kön)` : '') +
          '.',
        `År ${y} gjordes ${fmt(t.policeReports.total)} polisanmälningar, ${fmt(t.policeReports.woman)} avsåg kvinnor och ${fmt(t.policeReports.man)} avsåg män.`,
      ],
      tables: [
        districtTable(
          `Beslut om återkrav ${y}`,
          stats,
          ['Antal återkrav, kvinna', 'Antal återkrav, man', 'Totalt antal återkrav'],
          (r) => [fmt(r.claims.woman), fmt(r.claims.man), fmt(r.claims.total)],
        ),
        districtTable(`Polisanmälningar ${y}`, stats, ['Kvinna', 'Man', 'Totalt'], (r) => [
          fmt(r.policeReports.woman),
          fmt(r.policeReports.man),
          fmt(r.policeReports.total),
        ]),
      ],
      charts: [
        series('Antal återkrav', trend, (r) => r.claims.total),
        series('Antal polisanmälningar', trend, (r) => r.policeReports.total),
      ],
    },
    {
      title: 'Ekonomisk omfattning',
      paragraphs: [
        `Återkrävt belopp år ${y} var ${kronor(t.claimedAmount)} och återbetalat belopp ${kronor(t.repaidAmount)}. De flesta återbetalningar görs med avbetalningsplaner som kan sträcka sig över flera års tid.`,
        `Vid årets slut fanns ${fmt(t.ongoingClaimsAtYearEnd)} ärenden med pågående återkravsbeslut och ${fmt(t.ongoingRepaymentsAtYearEnd)} av dessa hade pågående återbetalningar.`,
        `Under året fattades ${fmt(t.compensationSuits)} beslut om att väcka ersättningstalan hos förvaltningsrätten${
          previous ? `, ${fmt(previous.compensationSuits)} året innan` : ''
        }. Det inbesparade beloppet var ${millions(t.savedAmount)}.`,
      ],
      tables: [],
      charts: [
        series('Återkrävt belopp', trend, (r) => r.claimedAmount, kronor),
        series('Återbetalat belopp', trend, (r) => r.repaidAmount, kronor),
      ],
    },
    {
      title: 'Avslutade ärenden och avslutsorsaker',
      paragraphs: [
        `Under år ${y} avslutades sammanlagt ${fmt(t.closed)} ärenden.` +
          (t.closed > 0
            ? ` Den vanligaste orsaken var ${topReason[1]} (${percent(t.closeReasons[topReason[0]], t.closed)} procent av de avslutade ärendena).`
            : ''),
      ],
      tables: [
        districtTable(`Antal avslutade ärenden ${y}`, stats, ['Antal avslutade ärenden'], (r) => [fmt(r.closed)]),
        {
          caption: `Avslutsorsaker ${y}`,
          head: ['Avslutsorsak', 'Antal', 'Andel'],
          rows: reasons.map(([code, label]) => [
            label,
            fmt(t.closeReasons[code]),
            `${percent(t.closeReasons[code], t.closed)} %`,
          ]),
          total: ['Totalt', fmt(t.closed), t.closed > 0 ? '100 %' : '0 %'],
        },
      ],
      charts: [
        {
          title: `Avslutsorsaker ${y}`,
          bars: reasons.map(([code, label]) => ({
            label,
            value: t.closeReasons[code],
            display: fmt(t.closeReasons[code]),
          })),
        },
      ],
    },
    {
      title: 'Orsak till FUT',
      paragraphs: [
        `Orsakerna nedan gäller de utredningar som inleddes under år ${y}.` +
          (t.investigationsOpened > 0
            ? ` Den dominerande orsaken var ${topCause[1].toLowerCase()}, ${percent(t.causes[topCause[0]], t.investigationsOpened)} procent.`
            : ''),
      ],
      tables: [
        {
          caption: `Orsak till FUT ${y}`,
          head: ['Orsak', 'Antal', 'Andel'],
          rows: causeEntries
            .filter(([code]) => code !== 'unknown' || t.causes.unknown > 0)
            .map(([code, label]) => [
              label,
              fmt(t.causes[code]),
              `${percent(t.causes[code], t.investigationsOpened)} %`,
            ]),
          total: ['Totalt', fmt(t.investigationsOpened), t.investigationsOpened > 0 ? '100 %' : '0 %'],
        },
      ],
      charts: [],
    },
    {
      title: 'Jämställdhetsanalys',
      paragraphs: [
        `Antalet återkravsbeslut fördelar sig ${evenly(t.claims.woman, t.claims.man)} mellan kvinnor och män med ${fmt(t.claims.woman)} respektive ${fmt(
          t.claims.man,
        )} registrerade beslut (${percent(t.claims.woman, t.claims.woman + t.claims.man)} procent kvinnor).`,
        `Under året gjordes ${fmt(t.policeReports.total)} polisanmälningar. Fördelningen mellan kvinnor och män är ${evenly(
          t.policeReports.woman,
          t.policeReports.man,
        )} med ${fmt(t.policeReports.woman)} polisanmälningar som avsåg kvinnor och ${fmt(t.policeReports.man)} som avsåg män.`,
      ],
      tables: [],
      charts: [],
    },
  ];

  return {
    year: y,
    title: `Rapport över arbetet mot felaktiga utbetalningar och bidragsbrott ${y}`,
    subtitle: stats.knownAt
      ? `Uppgifter registrerade till och med ${stats.knownAt}`
      : 'Uppgifter registrerade till och med rapportens framtagande',
    knownAt: stats.knownAt,
    summary,
    sections,
  };
}
