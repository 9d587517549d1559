import {
  AUTHORITIES,
  CAUSES,
  CLOSE_REASONS,
  ERROR_TYPES,
  NO_INVESTIGATION_REASON_LABELS,
  SOURCES,
  type Authority,
  type Cause,
  type CloseReason,
  type ErrorType,
  type NoInvestigationReason,
  type Source,
} from '../../cases/domain/catalogues';
import type { AnnualStatistics, StatisticsRow } from '../annual-statistics';
import type { TrendYear } from '../statistics.service';
import {
  NARRATIVE_SECTIONS,
  type NarrativeSection,
  type PostCheckResult,
  type ReportTexts,
  paragraphsOf,
} from './report-inputs';

/**
 * Swedish number formats: non-breaking thin spaces between thousands, decimal
 * comma, and a non-breaking space before the unit, so an amount never breaks
 * across lines.
 */
const integer = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 0 });
const THIN = '\u202f';
const NBSP = '\u00a0';
export const fmt = (n: number): string =>
  integer
    .format(n)
    .replace(/[\s\u00a0\u202f]/g, THIN)
    .replace('−', '-');
export const kronor = (n: number): string => `${fmt(Math.round(n))}${NBSP}kr`;
export const millions = (n: number): string => `${(n / 1_000_000).toFixed(1).replace('.', ',')}${NBSP}miljoner kronor`;
const percent = (part: number, whole: number): number => (whole === 0 ? 0 : Math.round((100 * part) / whole));

/**
 * Whole percentages of the total that add up to exactly 100 (largest
 * remainder): the floors first, then one point each to the largest remainders.
 */
export function largestRemainder(values: number[]): number[] {
  const total = values.reduce((a, b) => a + b, 0);
  if (total === 0) return values.map(() => 0);
  const exact = values.map((v) => (100 * v) / total);
  const shares = exact.map(Math.floor);
  const left = 100 - shares.reduce((a, b) => a + b, 0);
  exact
    .map((e, i) => ({ i, remainder: e - Math.floor(e) }))
    .sort((a, b) => b.remainder - a.remainder || a.i - b.i)
    .slice(0, left)
    .forEach(({ i }) => (shares[i] += 1));
  return shares;
}

/** The sum of a set of counts (per authority, per reason). */
export const sumOf = (counts: Record<string, number>): number => Object.values(counts).reduce((a, b) => a + b, 0);

/** Hyphens inside a word do not break a line ("3-årsgräns"). */
const keepTogether = (label: string): string => label.replace(/(\S)-(\S)/g, '$1\u2011$2');

/** A table of counts with their shares (adding to 100) and a total row. */
function sharesTable(caption: string, head: string, entries: Array<[string, number]>): Table {
  const total = entries.reduce((a, [, n]) => a + n, 0);
  const shares = largestRemainder(entries.map(([, n]) => n));
  return {
    caption,
    head: [head, 'Antal', 'Andel'],
    rows: entries.map(([label, n], i) => [label, fmt(n), `${shares[i]}${NBSP}%`]),
    total: ['Totalt', fmt(total), `${total > 0 ? 100 : 0}${NBSP}%`],
  };
}

export interface Bar {
  label: string;
  value: number;
  display: string;
  /** For a gender chart: kvinna, man. */
  values?: number[];
}

export interface Chart {
  title: string;
  /** bars (default): one bar per label; pie: shares of a whole; gender: a kvinna bar and a man bar per label. */
  kind?: 'bars' | 'pie' | 'gender';
  bars: Bar[];
  /** A sentence that says what the chart shows, for readers who cannot see it. */
  description?: string;
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
  /** The issuer block: the unit, then name and title of those who sign. */
  issuer: string[];
}

/** What the department adds for the year: its narrative texts and the post-check results. */
export interface ReportInputsForYear {
  texts: ReportTexts | null;
  postChecks: PostCheckResult[];
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

/** How evenly women and men share something; `adverb` for "fördelar sig jämnt", else the adjective "är jämn". */
function evenly(women: number, men: number, adverb: boolean): string {
  const all = women + men;
  if (all === 0) return 'inga';
  const share = percent(women, all);
  const t = adverb ? 't' : '';
  return share >= 40 && share <= 60 ? `jämn${t}` : `ojämn${t}, med en övervikt för ${share > 60 ? 'kvinnor' : 'män'}`;
}

function genderChart(title: string, stats: AnnualStatistics, split: (r: StatisticsRow) => GenderCounts): Chart {
  return {
    title,
    kind: 'gender',
    description: `${title}: antal för kvinnor och för män per stadsdelsnämnd.`,
    bars: stats.districts
      .filter((d) => split(d).woman + split(d).man > 0)
      .map((d) => ({
        label: d.name,
        value: split(d).woman + split(d).man,
        display: `${fmt(split(d).woman)} / ${fmt(split(d).man)}`,
        values: [split(d).woman, split(d).man],
      })),
  };
}
type GenderCounts = { woman: number; man: number };

/** The report's content, in Swedish, from the year's statistics and the five-year series. */
export function buildReport(
  stats: AnnualStatistics,
  trend: TrendYear[],
  inputs: ReportInputsForYear = { texts: null, postChecks: [] },
): ReportModel {
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
  const causeRows = causeEntries
    .filter(([code]) => code !== 'unknown' || t.causes.unknown > 0)
    .map(([code, label]): [string, number] => [label, t.causes[code]]);
  const causeShares = largestRemainder(causeRows.map(([, n]) => n));
  const reasonShares = largestRemainder(reasons.map(([code]) => t.closeReasons[code]));
  const shareOf = <T>(list: T[], shares: number[], item: T): number => shares[list.indexOf(item)] ?? 0;

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
        sharesTable(
          `Inkommande information efter källa ${y}`,
          'Källa',
          (Object.entries(SOURCES) as Array<[Source, string]>).map(([code, label]) => [label, t.sources[code]]),
        ),
        sharesTable(
          `Skäl att inte inleda utredning ${y}`,
          'Skäl',
          (Object.entries(NO_INVESTIGATION_REASON_LABELS) as Array<[NoInvestigationReason, string]>).map(
            ([code, label]) => [label, t.noInvestigationReasons[code]],
          ),
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
        genderChart(`Återkrav efter kön ${y}`, stats, (r) => r.claims),
        genderChart(`Polisanmälningar efter kön ${y}`, stats, (r) => r.policeReports),
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
            ? ` Den vanligaste orsaken var ${keepTogether(topReason[1])} (${shareOf(reasons, reasonShares, topReason)} procent av de avslutade ärendena).`
            : ''),
      ],
      tables: [
        districtTable(`Antal avslutade ärenden ${y}`, stats, ['Antal avslutade ärenden'], (r) => [fmt(r.closed)]),
        sharesTable(
          `Avslutsorsaker ${y}`,
          'Avslutsorsak',
          reasons.map(([code, label]) => [label, t.closeReasons[code]]),
        ),
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
            ? ` Den dominerande orsaken var ${topCause[1].toLowerCase()}, ${causeShares[causeRows.findIndex(([label]) => label === topCause[1])] ?? 0} procent.`
            : ''),
      ],
      tables: [
        sharesTable(`Orsak till FUT ${y}`, 'Orsak', causeRows),
        sharesTable(`Felaktiga utbetalningar efter feltyp enligt FUT-delegationen ${y}`, 'Feltyp', [
          ...(Object.entries(ERROR_TYPES) as Array<[ErrorType, string]>).map(([code, label]): [string, number] => [
            label,
            t.errorTypes[code],
          ]),
          ...(t.errorTypes.unclassified > 0
            ? [['Ej klassificerade', t.errorTypes.unclassified] as [string, number]]
            : []),
        ]),
      ],
      charts: [
        {
          title: `Orsak till FUT ${y}`,
          kind: 'pie',
          description: `Cirkeldiagram: ${causeRows
            .filter(([, n]) => n > 0)
            .map(([label, n], i) => `${label} ${causeShares[i]} procent (${fmt(n)})`)
            .join(', ')}.`,
          bars: causeRows.map(([label, n]) => ({ label, value: n, display: fmt(n) })),
        },
      ],
    },
    {
      title: 'Underrättelser till och från andra myndigheter',
      paragraphs: [
        `Enligt lagen (2008:206) om underrättelseskyldighet ska kommunen underrätta en annan myndighet när det finns anledning att anta att en utbetalning från den myndigheten är felaktig. År ${y} skickade stadsdelsnämnderna ${fmt(
          sumOf(t.notificationsSent),
        )} underrättelser och tog emot ${fmt(sumOf(t.notificationsReceived))} från andra myndigheter.`,
      ],
      tables: [
        {
          caption: `Underrättelser enligt lagen (2008:206) ${y}`,
          head: ['Myndighet', 'Skickade', 'Mottagna'],
          rows: (Object.entries(AUTHORITIES) as Array<[Authority, string]>).map(([code, label]) => [
            label,
            fmt(t.notificationsSent[code]),
            fmt(t.notificationsReceived[code]),
          ]),
          total: ['Totalt', fmt(sumOf(t.notificationsSent)), fmt(sumOf(t.notificationsReceived))],
        },
      ],
      charts: [],
    },
    {
      title: 'Jämställdhetsanalys',
      paragraphs: [
        `Antalet återkravsbeslut fördelar sig ${evenly(t.claims.woman, t.claims.man, true)} mellan kvinnor och män med ${fmt(t.claims.woman)} respektive ${fmt(
          t.claims.man,
        )} registrerade beslut (${percent(t.claims.woman, t.claims.woman + t.claims.man)} procent kvinnor).`,
        `Under året gjordes ${fmt(t.policeReports.total)} polisanmälningar. Fördelningen mellan kvinnor och män är ${evenly(
          t.policeReports.woman,
          t.policeReports.man,
          false,
        )} med ${fmt(t.policeReports.woman)} polisanmälningar som avsåg kvinnor och ${fmt(t.policeReports.man)} som avsåg män.`,
      ],
      tables: [],
      charts: [],
    },
  ];

  const narrative = (key: NarrativeSection): Section[] => {
    const paragraphs = inputs.texts ? paragraphsOf(inputs.texts[key]) : [];
    return paragraphs.length > 0 ? [{ title: NARRATIVE_SECTIONS[key], paragraphs, tables: [], charts: [] }] : [];
  };
  const nameOf = new Map(stats.districts.map((d) => [d.district, d.name]));
  const checks = inputs.postChecks;
  const sum = (f: (p: PostCheckResult) => number): string => fmt(checks.reduce((a, p) => a + f(p), 0));
  const postChecks: Section = {
    title: 'Resultat av efterkontroller',
    paragraphs:
      checks.length === 0
        ? ['Inga efterkontroller har registrerats för året.']
        : [
            `Stadsdelsnämnderna efterkontrollerade ${sum((p) => p.checked)} ärenden mot Skatteverkets uppgifter om taxerad inkomst. I ${sum(
              (p) => p.withTaxedIncome,
            )} fanns inkomst som inte redovisats, och ${sum((p) => p.passedOn)} lämnades vidare till FUT-utredare.`,
          ],
    tables:
      checks.length === 0
        ? []
        : [
            {
              caption: `Resultat av efterkontroller ${y}`,
              head: ['Stadsdelsnämnd', 'Kontrollerade ärenden', 'Med taxerad inkomst', 'Vidare till FUT-utredare'],
              rows: [...checks]
                .sort((a, b) =>
                  (nameOf.get(a.district) ?? a.district).localeCompare(nameOf.get(b.district) ?? b.district, 'sv'),
                )
                .map((p) => [
                  nameOf.get(p.district) ?? p.district,
                  fmt(p.checked),
                  fmt(p.withTaxedIncome),
                  fmt(p.passedOn),
                ]),
              total: ['Totalt', sum((p) => p.checked), sum((p) => p.withTaxedIncome), sum((p) => p.passedOn)],
            },
          ],
    charts: [],
  };
  const [incoming, ...rest] = sections;

  return {
    year: y,
    title: `Rapport över arbetet mot felaktiga utbetalningar och bidragsbrott ${y}`,
    subtitle: stats.knownAt
      ? `Uppgifter registrerade till och med ${stats.knownAt}`
      : 'Uppgifter registrerade till och med rapportens framtagande',
    knownAt: stats.knownAt,
    summary,
    sections: [
      ...narrative('introduction'),
      ...narrative('premises'),
      ...narrative('cityWork'),
      incoming,
      postChecks,
      ...rest,
      ...narrative('analysis'),
    ],
    issuer: inputs.texts
      ? inputs.texts.issuer
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean)
      : [],
  };
}
