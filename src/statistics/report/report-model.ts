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
import { type LawsOfYear, NOTIFICATION_ACT, lawsOfYear } from './laws';
import { type DraftContext, drafts } from './report-drafts';
import {
  NARRATIVE_SECTIONS,
  type MemoSection,
  type NarrativeSection,
  type PostCheckResult,
  type ReportTexts,
} from './report-inputs';
import { parseText, type TextRun } from './report-text';
import {
  NBSP,
  aboutMillions,
  capital,
  count,
  dateInWords,
  fmt,
  kronor,
  listOf,
  millions,
  percent,
  shareInWords,
} from './swedish';

export { fmt, kronor, millions } from './swedish';

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

/** Text with footnote markers (numbered through the whole report). */
export type Run = string | { note: number };

export type Block =
  | { kind: 'paragraph'; runs: Run[] }
  | { kind: 'list'; ordered: boolean; items: Run[][] }
  | { kind: 'table'; table: Table }
  | { kind: 'chart'; chart: Chart };

export interface Section {
  title: string;
  /** 2: a chapter; 3: a part of the chapter before it. */
  level: 2 | 3;
  /** The section's content in reading order. */
  blocks: Block[];
  /** Which of the department's texts the section prints (its own words or the draft), if any. */
  text?: NarrativeSection;
  /** The plain text of the section's paragraphs, its tables and its charts (all in `blocks`), for readers of the model. */
  paragraphs: string[];
  tables: Table[];
  charts: Chart[];
}

/** The cover: the report, for whom, by whom and when. */
export interface Cover {
  /** "Rapport över arbetet mot felaktiga utbetalningar och bidragsbrott" */
  heading: string;
  year: number;
  /** The district of a district's report; null for the city's. */
  district: string | null;
  /** Förvaltning and avdelning, one line each. */
  office: string[];
  registrationNumber: string | null;
  /** The report's date (ÅÅÅÅ-MM-DD). */
  date: string;
  /** Which figures: "Uppgifter registrerade till och med ...", and the approval if any. */
  facts: string[];
}

export interface ReportModel {
  year: number;
  title: string;
  subtitle: string;
  knownAt: string | null;
  cover: Cover;
  /** The year in a few sentences (the memo's "Ärendet"). */
  summary: string[];
  sections: Section[];
  /** Footnotes by number, in the order they are first referred to. */
  notes: Array<{ number: number; text: string }>;
  /** The issuer block: the unit, then name and title of those who sign. */
  issuer: string[];
  /** The memo's own sections (tjänsteutlåtande): the proposed decision and the department's opinion. */
  memo: Record<MemoSection, Block[]>;
}

/** What an approval (fastställelse) of the year says, for the cover and the changes after it. */
export interface ApprovalInfo {
  version: number;
  knownAt: string;
  approvedOn: string;
  approvedBy: string;
}

/** A figure that differs between two versions of a year's figures. */
export interface FigureDifference {
  district: string | null;
  name: string;
  figure: string;
  label: string;
  before: number;
  after: number;
}

/** A step dated in the approved year and recorded after the approval's knownAt. */
export interface LateStep {
  caseNumber: string;
  district: string;
  step: string;
  businessDate: string;
  recordedOn: string;
}

/** What the department adds for the year, and what the service knows about the year besides its figures. */
export interface ReportInputsForYear {
  texts: ReportTexts | null;
  postChecks: PostCheckResult[];
  /** Names of districts by code, for post-checks of a district outside the year's rows. */
  districtNames?: Record<string, string>;
  /** Ongoing investigations and cases in follow-up counted on a day after the year's end. */
  measurement?: { on: string; ongoingInvestigations: number; followUp: number } | null;
  /** The approved version the figures are, with what was recorded into the year after it. */
  approval?: { approval: ApprovalInfo; differences: FigureDifference[]; lateSteps: LateStep[] } | null;
  /** A district's report: its name and the city's figures beside its own. */
  district?: { name: string; city: StatisticsRow } | null;
  /** The cover's förvaltning and avdelning when the texts name none (a district's own förvaltning). */
  office?: string[];
  /** The day the report is made: its date when nothing else dates it. */
  today?: string;
}

const p = (...runs: Run[]): Block => ({ kind: 'paragraph', runs });
const tableBlock = (table: Table): Block => ({ kind: 'table', table });
const chartBlock = (chart: Chart): Block => ({ kind: 'chart', chart });

function section(title: string, blocks: Block[], level: 2 | 3 = 2, text?: NarrativeSection): Section {
  return {
    title,
    level,
    blocks,
    ...(text ? { text } : {}),
    paragraphs: blocks.flatMap((b) => (b.kind === 'paragraph' ? [plainRuns(b.runs)] : [])),
    tables: blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : [])),
    charts: blocks.flatMap((b) => (b.kind === 'chart' ? [b.chart] : [])),
  };
}

const plainRuns = (runs: Run[]): string =>
  runs
    .filter((r): r is string => typeof r === 'string')
    .join('')
    .trim();

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

function series(
  title: string,
  trend: TrendYear[],
  value: (r: StatisticsRow) => number,
  display: (n: number) => string = fmt,
): Chart {
  return { title, bars: trend.map((t) => ({ label: String(t.year), value: value(t), display: display(value(t)) })) };
}

type GenderCounts = { woman: number; man: number };

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

/**
 * How women and men share a kind of decision, as a sentence that starts with
 * `subject` ("Antalet återkravsbeslut"). Equal counts are "jämn"; a share of
 * women from 40 to 60 percent is "jämn"; otherwise "ojämn" with the side it
 * leans to, but only from ten decisions up: a handful says nothing of a
 * difference between the sexes.
 */
function genderSentence(
  subject: string,
  g: GenderCounts,
  noun: { none: string; many: string; women: string; men: string },
): string {
  const all = g.woman + g.man;
  const counts = `med ${fmt(g.woman)} respektive ${fmt(g.man)} ${noun.many}`;
  if (all === 0) return noun.none;
  const share = percent(g.woman, all);
  if (g.woman === g.man || (all >= 10 && share >= 40 && share <= 60))
    return `${subject} fördelar sig jämnt mellan kvinnor och män ${counts}.`;
  if (all < 10)
    return `${subject} fördelar sig med ${fmt(g.woman)} som ${g.woman === 1 ? noun.women.replace('kvinnor', 'en kvinna') : noun.women} och ${fmt(g.man)} som ${g.man === 1 ? noun.men.replace('män', 'en man') : noun.men}; så få ${noun.many} säger inget om en skillnad mellan kvinnor och män.`;
  return `${subject} fördelar sig ojämnt mellan kvinnor och män, med en övervikt för ${share > 60 ? 'kvinnor' : 'män'}: ${fmt(g.woman)} respektive ${fmt(g.man)} ${noun.many} (${share} procent kvinnor).`;
}

/** "817 år 2014, 697 år 2015 och 579 år 2016" */
const yearsList = (rows: TrendYear[], value: (r: TrendYear) => number, show: (n: number) => string = fmt): string =>
  listOf(rows.map((r) => `${show(value(r))} år ${r.year}`));

/** What the closing reasons mean, for the sentence on the most common one. */
const REASON_MEANING: Partial<Record<CloseReason, string>> = {
  'waived-time-limit':
    'vilket innebär att tre år har passerat från det att biståndet betalades ut och då saknas möjligheten att driva återkravet till förvaltningsrätten',
  'repaid-claim': 'vilket innebär att skulden var återbetald',
  'no-action': 'vilket innebär att FUT-utredaren har bedömt att det saknas grund för återkrav och polisanmälan',
  'no-claim': 'vilket innebär att utredningen inte ledde till något återkrav',
};

/** The report's content, in Swedish, from the year's statistics and the five-year series. */
export function buildReport(
  stats: AnnualStatistics,
  trend: TrendYear[],
  inputs: ReportInputsForYear = { texts: null, postChecks: [] },
): ReportModel {
  const t = stats.total;
  const y = stats.year;
  const laws = lawsOfYear(y);
  const district = inputs.district ?? null;
  const city = district?.city ?? t;
  /** "nämnderna" in the city's report, "nämnden" in a district's. */
  const units = district ? 'nämnden' : 'nämnderna';
  const where = district ? 'i nämnden' : 'i staden';
  const vsCity = (n: (r: StatisticsRow) => number, noun = ''): string =>
    district ? `, i jämförelse med ${fmt(n(city))}${noun ? ` ${noun}` : ''} i staden i stort` : '';
  /** A table by district, the total below; a district's report shows the city's figures as its last row. */
  const districtTable = (caption: string, head: string[], cells: (r: StatisticsRow) => string[]): Table => ({
    caption,
    head: ['Stadsdelsnämnd', ...head],
    rows: stats.districts.map((d) => [d.name, ...cells(d)]),
    total: district ? ['Staden i stort', ...cells(city)] : ['Totalt', ...cells(t)],
  });
  const previous = trend.find((r) => r.year === y - 1);
  const earlier = trend.filter((r) => r.year < y);
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
  const causeRows = causeEntries
    .filter(([code]) => code !== 'unknown' || t.causes.unknown > 0)
    .map(([code, label]): [string, number] => [label, t.causes[code]]);
  const causeShares = largestRemainder(causeRows.map(([, n]) => n));
  const received = sumReceived(t);

  // The department's texts, or the drafts where it has written none.
  const draft = drafts(draftContext(stats, trend, district));
  const textOf = (key: NarrativeSection | MemoSection): string => {
    const written = inputs.texts?.[key];
    return written !== undefined ? written : draft[key];
  };
  const notes: ReportModel['notes'] = [];
  /** A text's blocks, its footnotes numbered on from those before it. */
  const blocksOf = (text: string): Block[] => {
    const parsed = parseText(text);
    const numbers = new Map<string, number>();
    const run = (r: TextRun): Run => {
      if (typeof r === 'string') return r;
      let n = numbers.get(r.noteLabel);
      if (n === undefined) {
        n = notes.length + 1;
        numbers.set(r.noteLabel, n);
        notes.push({ number: n, text: parsed.notes.get(r.noteLabel)! });
      }
      return { note: n };
    };
    return parsed.blocks.map((b): Block =>
      b.kind === 'paragraph'
        ? { kind: 'paragraph', runs: b.runs.map(run) }
        : { kind: 'list', ordered: b.ordered, items: b.items.map((item) => item.map(run)) },
    );
  };
  const narrative = (key: NarrativeSection): Section[] => {
    const blocks = blocksOf(textOf(key));
    // A district's report tells of the nämnd's own work.
    const title = district && key === 'cityWork' ? 'Nämndens FUT-arbete under året' : NARRATIVE_SECTIONS[key];
    return blocks.length > 0 ? [section(title, blocks, 2, key)] : [];
  };

  const summary = summaryOf(stats, trend, units, district?.name ?? null, topCause[1]);

  // Inkommande och inledda utredningar, with the queue and the cases not investigated.
  const notOpened = sumOf(t.noInvestigationReasons);
  const receivedSeries = earlier.map((r) => r.received);
  const incomingTrend =
    earlier.length > 0
      ? receivedSeries.every((v, i) => i === 0 || v < receivedSeries[i - 1]) && earlier.length > 1
        ? ` Antalet inkommande information sjönk under åren före ${y}, med ${yearsList(earlier, (r) => r.received)}.${
            previous && t.received > previous.received ? ` År ${y} syns åter en ökning.` : ''
          }`
        : ` Antalet var ${yearsList(earlier, (r) => r.received)}.`
      : '';
  const incoming = section('Inkommande och inledda utredningar', [
    p(
      `Varje år inkommer nya ärenden om misstänkta felaktiga utbetalningar, och under år ${y} registrerades ${fmt(t.received)} inkommande information med misstanke om FUT hos ${units}${vsCity((r) => r.received)}.${incomingTrend}`,
    ),
    tableBlock(
      districtTable(
        `Inkommande information och inledda utredningar ${y}`,
        ['Inkommande information', 'Inledda utredningar'],
        (r) => [fmt(r.received), fmt(r.investigationsOpened)],
      ),
    ),
    p(
      'Antalet inkomna misstankar om FUT beror inte enbart på antalet ärenden där det skett en felaktig utbetalning utan även på socialsekreterarnas vana att uppmärksamma felaktiga utbetalningar och deras benägenhet att anmäla sådana misstankar till sin nämnds FUT-utredare.',
    ),
    tableBlock(
      sharesTable(
        `Inkommande information efter källa ${y}`,
        'Källa',
        (Object.entries(SOURCES) as Array<[Source, string]>).map(([code, label]) => [label, t.sources[code]]),
      ),
    ),
    p(
      `Totalt inleddes ${count(t.investigationsOpened, 'utredning', 'utredningar')} år ${y}` +
        (earlier.length > 0 ? `, att jämföra med ${yearsList(earlier, (r) => r.investigationsOpened)}` : '') +
        `${vsCity((r) => r.investigationsOpened, 'inledda utredningar')}.` +
        (notOpened > 0
          ? ` I ${count(notOpened, 'ärende', 'ärenden')} beslutade FUT-utredaren vid förhandsbedömningen att inte inleda någon utredning. Redan under förhandsbedömningen kan FUT-utredaren se att det saknas grund för återkrav eller polisanmälan, till exempel när det rör sig om interna fel.` +
            (t.noInvestigationReasons['time-limit'] > 0
              ? ` I ${count(t.noInvestigationReasons['time-limit'], 'ärende', 'ärenden')} hade det gått mer än tre år sedan den felaktiga utbetalningen, vilket innebär att ersättningstalan inte kan väckas i förvaltningsrätten.`
              : '')
          : ''),
    ),
    tableBlock(
      sharesTable(
        `Skäl att inte inleda utredning ${y}`,
        'Skäl',
        (Object.entries(NO_INVESTIGATION_REASON_LABELS) as Array<[NoInvestigationReason, string]>).map(
          ([code, label]) => [label, t.noInvestigationReasons[code]],
        ),
      ),
    ),
    chartBlock(series('Inkommande information', trend, (r) => r.received)),
    chartBlock(series('Inledda utredningar', trend, (r) => r.investigationsOpened)),
  ]);

  const measured = inputs.measurement;
  const queue = section(
    'Ärenden i kö',
    [
      p(
        `Ärenden i kö är ärenden där det finns en misstanke om FUT men där FUT-utredaren inte hunnit göra en förhandsbedömning om det ska inledas en utredning eller inte. Vid årets slut ${y} stod ${count(t.queueAtYearEnd, 'ärende', 'ärenden', 'inga ärenden')} i kö` +
          (earlier.length > 0 ? `, att jämföra med ${yearsList(earlier, (r) => r.queueAtYearEnd)}` : '') +
          `${vsCity((r) => r.queueAtYearEnd, 'ärenden i kö')}.`,
      ),
      tableBlock(districtTable(`Antal i kö vid årets slut ${y}`, ['Antal i kö'], (r) => [fmt(r.queueAtYearEnd)])),
      p(
        measured
          ? `Vid en mätning den ${dateInWords(measured.on)} pågick ${count(measured.ongoingInvestigations, 'utredning', 'utredningar')} ${where} och ${count(measured.followUp, 'ärende', 'ärenden')} var under uppföljning. Ärenden som är under uppföljning omfattar både beslut om återkrav och polisanmälningar.`
          : `Vid årets slut pågick ${count(t.ongoingInvestigationsAtYearEnd, 'utredning', 'utredningar')} och ${count(t.followUpAtYearEnd, 'ärende', 'ärenden')} var under uppföljning. Ärenden som är under uppföljning omfattar både beslut om återkrav och polisanmälningar.`,
      ),
      chartBlock(series('Ärenden i kö vid årets slut', trend, (r) => r.queueAtYearEnd)),
    ],
    3,
  );

  const claimSeries = trend.map((r) => r.claims.total);
  const claimsFalling = claimSeries.length >= 3 && claimSeries.slice(-3).every((v, i, a) => i === 0 || v < a[i - 1]);
  const police = t.policeReports;
  const claims = section('Beslut om återkrav och polisanmälan', [
    p(
      (claimsFalling ? 'Antalet återkrav har minskat de senaste åren. ' : '') +
        `År ${y} fattades ${count(t.claims.total, 'beslut', 'beslut', 'inga beslut')} om återkrav` +
        (t.claims.total > 0
          ? `, ${fmt(t.claims.woman)} gällde en kvinna och ${fmt(t.claims.man)} en man` +
            (t.claims.unknown > 0 ? ` (${fmt(t.claims.unknown)} utan känt kön)` : '')
          : '') +
        `${vsCity((r) => r.claims.total, 'beslut')}.`,
    ),
    tableBlock(
      districtTable(
        `Beslut om återkrav ${y}`,
        ['Antal återkrav, kvinna', 'Antal återkrav, man', 'Totalt antal återkrav'],
        (r) => [fmt(r.claims.woman), fmt(r.claims.man), fmt(r.claims.total)],
      ),
    ),
    chartBlock(genderChart(`Återkrav efter kön ${y}`, stats, (r) => r.claims)),
    chartBlock(series('Antal återkrav', trend, (r) => r.claims.total)),
    p(
      'Polisanmälningar görs i de ärenden där det funnits ett tydligt uppsåt. Enligt 6 § bidragsbrottslagen (2007:612) ska en polisanmälan göras när kommunen misstänker att ett bidragsbrott har begåtts, och socialtjänsten ska inte själv utreda det misstänkta brottet. Bedömningen av uppsåt måste därför främst göras på den information som framkommit i utredningen om felaktig utbetalning.',
    ),
    p(
      (police.total === 0
        ? `År ${y} gjordes inga polisanmälningar${vsCity((r) => r.policeReports.total, 'polisanmälningar')}.`
        : `År ${y} gjordes ${count(police.total, 'polisanmälan', 'polisanmälningar')}${vsCity((r) => r.policeReports.total)}: ${fmt(police.woman)} avsåg ${police.woman === 1 ? 'en kvinna' : 'kvinnor'} och ${fmt(police.man)} avsåg ${police.man === 1 ? 'en man' : 'män'}.`) +
        (earlier.length > 0 ? ` Åren före var antalet ${yearsList(earlier, (r) => r.policeReports.total)}.` : ''),
    ),
    tableBlock(
      districtTable(`Polisanmälningar ${y}`, ['Kvinna', 'Man', 'Totalt'], (r) => [
        fmt(r.policeReports.woman),
        fmt(r.policeReports.man),
        fmt(r.policeReports.total),
      ]),
    ),
    chartBlock(genderChart(`Polisanmälningar efter kön ${y}`, stats, (r) => r.policeReports)),
    chartBlock(series('Antal polisanmälningar', trend, (r) => r.policeReports.total)),
  ]);

  const claimedFive = trend.reduce((a, r) => a + r.claimedAmount, 0);
  const repaidFive = trend.reduce((a, r) => a + r.repaidAmount, 0);
  const savedEarlier = earlier.filter((r) => r.savedAmount > 0);
  const economy = section('Ekonomisk omfattning', [
    p(
      (trend.length > 1 && repaidFive < claimedFive / 2
        ? `Av det belopp som återkrävs är det endast en mindre del som återbetalas: under de senaste fem åren återkrävdes ${aboutMillions(claimedFive)} och återbetalades ${aboutMillions(repaidFive)}. `
        : '') + 'De flesta återbetalningar görs med avbetalningsplaner som kan sträcka sig över flera års tid.',
    ),
    p(
      `Återkrävt belopp år ${y} var ${kronor(t.claimedAmount)} och återbetalat belopp ${kronor(t.repaidAmount)}, oavsett vilket år återkravet beslutades.`,
    ),
    chartBlock(series('Återkrävt belopp', trend, (r) => r.claimedAmount, kronor)),
    chartBlock(series('Återbetalat belopp', trend, (r) => r.repaidAmount, kronor)),
    p(
      `Vid årets slut fanns ${count(t.ongoingClaimsAtYearEnd, 'ärende', 'ärenden')} med pågående återkravsbeslut och ${fmt(t.ongoingRepaymentsAtYearEnd)} av dessa hade pågående återbetalningar.`,
    ),
    p(
      `När en FUT-utredning inleds kan det framkomma att personen inte är i behov av ekonomiskt bistånd, eller har rätt till bistånd med ett lägre belopp. För att få en uppskattning av hur stort belopp detta avser beräknar ${units} ett så kallat inbesparat belopp utifrån en gemensam modell. År ${y} var det inbesparade beloppet ${millions(t.savedAmount)}` +
        (savedEarlier.length > 0
          ? `, att jämföra med ${listOf(savedEarlier.map((r) => `${millions(r.savedAmount)} år ${r.year}`))}.`
          : '.'),
    ),
    p(
      `I de fall den enskilde inte återbetalar ett återkrav kan socialtjänsten med stöd av ${laws.atEnd.suit} ${laws.atEnd.name} väcka talan om ersättning hos förvaltningsrätten. Under året fattades ${count(t.compensationSuits, 'beslut', 'beslut', 'inga beslut')} om att väcka ersättningstalan hos förvaltningsrätten${
        previous
          ? `, ${previous.compensationSuits === t.compensationSuits ? 'lika många som' : 'till skillnad från'} föregående år då ${count(previous.compensationSuits, 'sådant beslut', 'sådana beslut')} fattades`
          : ''
      }.`,
    ),
  ]);

  const reasonShares = largestRemainder(reasons.map(([code]) => t.closeReasons[code]));
  const closedShare = (code: CloseReason): string => shareInWords(t.closeReasons[code], t.closed);
  const otherReasons = (['repaid-claim', 'no-action'] as CloseReason[])
    .filter((code) => code !== topReason[0] && t.closeReasons[code] > 0)
    .map((code) =>
      code === 'repaid-claim'
        ? `${closedShare(code)} av ärendena avslutades för att skulden var återbetald`
        : `i ${closedShare(code)} av ärendena var avslutsorsaken Ingen åtgärd, ${REASON_MEANING['no-action']}`,
    );
  const closed = section('Avslutade ärenden och avslutsorsaker', [
    p(
      `Under år ${y} avslutades sammanlagt ${count(t.closed, 'ärende', 'ärenden')}${vsCity((r) => r.closed, 'ärenden')}.` +
        (t.closed > 0
          ? ` Den vanligaste orsaken var ${keepTogether(topReason[1])}${REASON_MEANING[topReason[0]] ? `, ${REASON_MEANING[topReason[0]]}` : ''}. ${capital(shareInWords(t.closeReasons[topReason[0]], t.closed))} av ärendena (${reasonShares[reasons.indexOf(topReason)]} procent) avslutades med den orsaken.` +
            (otherReasons.length > 0 ? ` ${capital(listOf(otherReasons))}.` : '')
          : ''),
    ),
    tableBlock(districtTable(`Antal avslutade ärenden ${y}`, ['Antal avslutade ärenden'], (r) => [fmt(r.closed)])),
    tableBlock(
      sharesTable(
        `Avslutsorsaker ${y}`,
        'Avslutsorsak',
        reasons.map(([code, label]) => [label, t.closeReasons[code]]),
      ),
    ),
    chartBlock({
      title: `Avslutsorsaker ${y}`,
      bars: reasons.map(([code, label]) => ({
        label,
        value: t.closeReasons[code],
        display: fmt(t.closeReasons[code]),
      })),
    }),
  ]);

  const postChecks = postChecksSection(y, stats, inputs, units);

  const topCauseEveryYear =
    trend.length > 1 &&
    trend.every((r) => r.investigationsOpened === 0 || topCauseOf(r) === topCause[0]) &&
    t.investigationsOpened > 0;
  const causes = section(
    'Orsak till FUT',
    [
      p(
        `Nedan presenteras de registrerade orsakerna till felaktiga utbetalningar. Orsakerna gäller de utredningar som inleddes under år ${y}.` +
          (t.investigationsOpened > 0
            ? ` I ${shareInWords(t.causes[topCause[0]], t.investigationsOpened)} av de inledda utredningarna (${causeShares[causeRows.findIndex(([label]) => label === topCause[1])] ?? 0} procent) var orsaken ${topCause[1].toLowerCase()}, den dominerande orsaken.`
            : '') +
          (topCauseEveryYear
            ? ` Fördelningen av orsakerna har sett ungefär likadan ut över åren, med ${topCause[1].toLowerCase()} som den vanligaste orsaken varje år sedan ${trend[0].year}.`
            : ''),
      ),
      tableBlock(sharesTable(`Orsak till FUT ${y}`, 'Orsak', causeRows)),
      chartBlock({
        title: `Orsak till FUT ${y}`,
        kind: 'pie',
        description: `Cirkeldiagram: ${causeRows
          .map(([label, n], i) => [label, n, causeShares[i]] as const)
          .filter(([, n]) => n > 0)
          .map(([label, n, share]) => `${label} ${share} procent (${fmt(n)})`)
          .join(', ')}.`,
        bars: causeRows.map(([label, n]) => ({ label, value: n, display: fmt(n) })),
      }),
      p(
        'FUT-delegationen delade in felaktiga utbetalningar i avsiktliga fel, oavsiktliga fel av den enskilde och fel av myndigheten själv. Tabellen visar hur årets utredningsresultat med felaktig utbetalning fördelar sig på de tre feltyperna.',
      ),
      tableBlock(
        sharesTable(`Felaktiga utbetalningar efter feltyp enligt FUT-delegationen ${y}`, 'Feltyp', [
          ...(Object.entries(ERROR_TYPES) as Array<[ErrorType, string]>).map(([code, label]): [string, number] => [
            label,
            t.errorTypes[code],
          ]),
          ...(t.errorTypes.unclassified > 0
            ? [['Ej klassificerade', t.errorTypes.unclassified] as [string, number]]
            : []),
        ]),
      ),
    ],
    3,
  );

  const notifications = notificationsSection(y, laws, t, received, units);

  const gender = section('Jämställdhetsanalys', [
    ...(t.claims.total >= 10 && police.total > 0 && isEven(t.claims) && (isEven(police) || police.total < 10)
      ? [p('Vad gäller kvinnor och män i FUT-statistiken förekommer inte några större skillnader.')]
      : []),
    p(
      genderSentence('Antalet återkravsbeslut', t.claims, {
        none: 'Inga återkravsbeslut fattades under året.',
        many: 'registrerade beslut',
        women: 'gällde kvinnor',
        men: 'gällde män',
      }),
    ),
    p(
      police.total === 0
        ? 'Under året gjordes inga polisanmälningar.'
        : `Under året gjordes ${count(police.total, 'polisanmälan', 'polisanmälningar')}. ` +
            (police.woman === police.man || (police.total >= 10 && isEven(police))
              ? `Fördelningen mellan kvinnor och män är jämn med ${fmt(police.woman)} ${police.woman === 1 ? 'polisanmälan' : 'polisanmälningar'} som avsåg kvinnor och ${fmt(police.man)} som avsåg män.`
              : police.total < 10
                ? `${fmt(police.woman)} avsåg ${police.woman === 1 ? 'en kvinna' : 'kvinnor'} och ${fmt(police.man)} ${police.man === 1 ? 'en man' : 'män'}; så få polisanmälningar säger inget om en skillnad mellan kvinnor och män.`
                : `Fördelningen mellan kvinnor och män är ojämn, med en övervikt för ${police.woman > police.man ? 'kvinnor' : 'män'}: ${fmt(police.woman)} polisanmälningar avsåg kvinnor och ${fmt(police.man)} avsåg män.`),
    ),
  ]);

  const approval = inputs.approval ? approvalSection(y, inputs.approval) : [];

  const memo = {
    decisionProposal: blocksOf(textOf('decisionProposal')),
    opinion: blocksOf(textOf('opinion')),
  };
  const issuer = (inputs.texts?.issuer ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const office = inputs.texts?.office
    ? inputs.texts.office
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
    : (inputs.office ?? ['Socialförvaltningen', 'Avdelningen för stadsövergripande sociala frågor']);
  const today = inputs.today ?? stats.knownAt ?? `${y + 1}-01-01`;
  const knownThrough = stats.knownAt ?? today;
  const subtitle = `Uppgifter registrerade till och med ${knownThrough}`;
  const approvedLine = inputs.approval
    ? `Fastställd ${inputs.approval.approval.approvedOn} (version ${inputs.approval.approval.version + 1}, uppgifter kända per ${inputs.approval.approval.knownAt})`
    : null;

  return {
    year: y,
    title: `Rapport över arbetet mot felaktiga utbetalningar och bidragsbrott ${y}${district ? ` – ${district.name}` : ''}`,
    subtitle,
    knownAt: stats.knownAt,
    cover: {
      heading: 'Rapport över arbetet mot felaktiga utbetalningar och bidragsbrott',
      year: y,
      district: district?.name ?? null,
      office,
      registrationNumber: inputs.texts?.registrationNumber?.trim() || null,
      date: inputs.texts?.reportDate ?? inputs.approval?.approval.approvedOn ?? stats.knownAt ?? today,
      facts: [subtitle, ...(approvedLine ? [approvedLine] : [])],
    },
    summary,
    sections: [
      ...narrative('introduction'),
      ...narrative('premises'),
      ...narrative('cityWork'),
      incoming,
      queue,
      claims,
      economy,
      closed,
      postChecks,
      ...narrative('causesAnalysis'),
      causes,
      notifications,
      gender,
      ...approval,
      ...narrative('analysis'),
    ],
    notes,
    issuer,
    memo,
  };
}

function draftContext(
  stats: AnnualStatistics,
  trend: TrendYear[],
  district: { name: string; city: StatisticsRow } | null,
): DraftContext {
  return {
    year: stats.year,
    laws: lawsOfYear(stats.year),
    district: district?.name ?? null,
    figures: stats.total,
    city: district?.city ?? stats.total,
    trend: trend.length > 0 ? trend : [{ year: stats.year, ...stats.total }],
    units: stats.districts.map((d) => d.name),
    silentUnits: stats.districts.filter((d) => d.received === 0).map((d) => d.name),
  };
}

/**
 * The drafts of every text the department writes for the city's report, as a
 * version of the texts to start editing from: the sections, the memo's parts,
 * and the cover's office (the issuer and the diarienummer are left empty).
 */
export function draftTexts(
  stats: AnnualStatistics,
  trend: TrendYear[],
): Required<Omit<ReportTexts, 'reportDate' | 'measuredOn'>> {
  const d = drafts(draftContext(stats, trend, null));
  return {
    introduction: d.introduction,
    premises: d.premises,
    cityWork: d.cityWork,
    causesAnalysis: d.causesAnalysis,
    analysis: d.analysis,
    decisionProposal: d.decisionProposal,
    opinion: d.opinion,
    office: 'Socialförvaltningen\nAvdelningen för stadsövergripande sociala frågor',
    issuer: '',
    registrationNumber: '',
  };
}

const isEven = (g: GenderCounts): boolean => {
  const share = percent(g.woman, g.woman + g.man);
  return g.woman === g.man || (share >= 40 && share <= 60);
};

function topCauseOf(r: StatisticsRow): Cause | null {
  const causes = Object.keys(CAUSES) as Cause[];
  const top = causes.reduce((best, c) => (r.causes[c] > r.causes[best] ? c : best), causes[0]);
  return r.causes[top] > 0 ? top : null;
}

/**
 * Incoming information passed on by other authorities: what the notifications
 * name by authority, and the rest of the incoming information from "Annan
 * myndighet" whose authority was not recorded, so the section counts what the
 * source table counts.
 */
function sumReceived(t: StatisticsRow): { byAuthority: Record<Authority, number>; unnamed: number; total: number } {
  const named = sumOf(t.notificationsReceived);
  const unnamed = Math.max(0, t.sources['other-authority'] - named);
  return { byAuthority: t.notificationsReceived, unnamed, total: named + unnamed };
}

/** The summary of the year in a few sentences: the memo's account of the case. */
function summaryOf(
  stats: AnnualStatistics,
  trend: TrendYear[],
  units: string,
  district: string | null,
  topCause: string,
): string[] {
  const t = stats.total;
  const y = stats.year;
  const previous = trend.find((r) => r.year === y - 1);
  const change = previous ? t.received - previous.received : 0;
  const changeWords = previous
    ? change === 0
      ? `, lika många som år ${y - 1}`
      : `, vilket var en ${change > 0 ? 'ökning' : 'minskning'} med ${count(Math.abs(change), 'ärende', 'ärenden')} i jämförelse med år ${y - 1}`
    : '';
  return [
    `Antalet inkommande information med misstanke om felaktig utbetalning uppgick år ${y} till ${count(t.received, 'ärende', 'ärenden')}${district ? ` i ${district}` : ''}${changeWords}.`,
    t.investigationsOpened === 0
      ? 'Inga utredningar inleddes.'
      : `Det inleddes ${count(t.investigationsOpened, 'utredning', 'utredningar')} och den främsta orsaken till inledd utredning var ${topCause.toLowerCase()}.`,
    `${capital(units)} fattade ${count(t.claims.total, 'beslut', 'beslut', 'inga beslut')} om återkrav och gjorde ${count(t.policeReports.total, 'polisanmälan', 'polisanmälningar', 'inga polisanmälningar')}. Under året har felaktiga utbetalningar utretts och uppgått till ett återkravsbelopp på ${aboutMillions(t.claimedAmount)} (${kronor(t.claimedAmount)}). Det bistånd som återbetalades uppgick till ${aboutMillions(t.repaidAmount)} (${kronor(t.repaidAmount)}).`,
  ];
}

function postChecksSection(y: number, stats: AnnualStatistics, inputs: ReportInputsForYear, units: string): Section {
  const checks = inputs.postChecks;
  const cityWide = checks.find((c) => c.district === null) ?? null;
  const byDistrict = checks.filter((c): c is PostCheckResult & { district: string } => c.district !== null);
  const nameOf = (code: string): string =>
    stats.districts.find((d) => d.district === code)?.name ?? inputs.districtNames?.[code] ?? code;
  const sum = (f: (p: PostCheckResult) => number): number => byDistrict.reduce((a, p) => a + f(p), 0);
  const figures = cityWide ?? {
    checked: sum((p) => p.checked),
    withTaxedIncome: sum((p) => p.withTaxedIncome),
    passedOn: sum((p) => p.passedOn),
  };
  const intro =
    'Med anledning av att den vanligaste orsaken till att en FUT-utredning inleds är att en person inte redovisar samtliga sina inkomster genomförs varje år efterkontroller av taxerad inkomst i avslutade ärenden. Granskningen innebär att taxerad inkomst jämförs med den inkomst som redovisades vid ansökan, för personer som haft ekonomiskt bistånd hela inkomståret.';
  const blocks: Block[] =
    checks.length === 0
      ? [p('Inga efterkontroller har registrerats för året.')]
      : [
          p(intro),
          p(
            `Under år ${y} genomfördes efterkontroller av inkomståret ${y - 1}, och totalt omfattades ${count(figures.checked, 'person', 'personer')} av dessa kontroller, varav ${count(figures.withTaxedIncome, 'person', 'personer')} hade en taxerad inkomst. Efter jämförelsen med redovisad inkomst lämnades ${count(figures.passedOn, 'ärende', 'ärenden')} vidare till ${units === 'nämnden' ? 'nämndens' : 'nämndernas'} FUT-utredare.`,
          ),
          ...(byDistrict.length > 0
            ? [
                tableBlock({
                  caption: `Resultat av efterkontroller ${y}`,
                  head: ['Stadsdelsnämnd', 'Kontrollerade personer', 'Med taxerad inkomst', 'Vidare till FUT-utredare'],
                  rows: [...byDistrict]
                    .sort((a, b) => nameOf(a.district).localeCompare(nameOf(b.district), 'sv'))
                    .map((p) => [nameOf(p.district), fmt(p.checked), fmt(p.withTaxedIncome), fmt(p.passedOn)]),
                  total: [
                    'Totalt',
                    fmt(sum((p) => p.checked)),
                    fmt(sum((p) => p.withTaxedIncome)),
                    fmt(sum((p) => p.passedOn)),
                  ],
                }),
              ]
            : []),
        ];
  return section('Resultat av efterkontroller', blocks);
}

function notificationsSection(
  y: number,
  laws: LawsOfYear,
  t: StatisticsRow,
  received: ReturnType<typeof sumReceived>,
  units: string,
): Section {
  const sent = sumOf(t.notificationsSent);
  const receivedWords = `År ${y} tog ${units} emot ${count(received.total, 'ärende', 'ärenden')} från andra myndigheter`;
  const text = laws.municipalityNotifies
    ? `Sedan den 1 januari 2020 omfattas även kommunerna av ${NOTIFICATION_ACT}: nämnderna ska underrätta en annan myndighet när det finns anledning att anta att en utbetalning från den har blivit felaktig. ${receivedWords} och skickade ${count(sent, 'underrättelse', 'underrättelser')}.`
    : `Enligt ${NOTIFICATION_ACT} ska bland annat Försäkringskassan, Pensionsmyndigheten, CSN, Migrationsverket, Arbetsförmedlingen och arbetslöshetskassorna underrätta den som beslutat om en förmån, till exempel kommunen, när det finns anledning att anta att den har betalats ut felaktigt. ${receivedWords}. Kommunerna omfattades av skyldigheten att själva underrätta andra myndigheter först från den 1 januari 2020${
        sent > 0 ? `; under år ${y} skickade ${units} ändå ${count(sent, 'underrättelse', 'underrättelser')}` : ''
      }.`;
  return section('Underrättelser till och från andra myndigheter', [
    p(text),
    tableBlock({
      caption: `Underrättelser enligt lagen (2008:206) ${y}`,
      head: ['Myndighet', 'Skickade', 'Mottagna'],
      rows: [
        ...(Object.entries(AUTHORITIES) as Array<[Authority, string]>).map(([code, label]) => [
          label,
          fmt(t.notificationsSent[code]),
          fmt(received.byAuthority[code]),
        ]),
        ...(received.unnamed > 0 ? [['Annan myndighet, ej angiven', fmt(0), fmt(received.unnamed)]] : []),
      ],
      total: ['Totalt', fmt(sent), fmt(received.total)],
    }),
  ]);
}

function approvalSection(y: number, a: NonNullable<ReportInputsForYear['approval']>): Section[] {
  const { approval, differences, lateSteps } = a;
  if (differences.length === 0 && lateSteps.length === 0) return [];
  return [
    section('Ändringar efter fastställelsen', [
      p(
        `Rapportens siffror är de som fastställdes den ${approval.approvedOn}, med uppgifter kända per ${approval.knownAt}. Därefter har ${count(lateSteps.length, 'steg daterat', 'steg daterade')} år ${y} registrerats. De ändrar inte rapportens siffror, men skulle ändra dem så här om en ny version fastställs:`,
      ),
      ...(differences.length > 0
        ? [
            tableBlock({
              caption: `Ändringar efter fastställelsen ${y}`,
              head: ['Uppgift', 'Fastställt', 'Nu', 'Skillnad'],
              rows: differences.map((d) => [
                `${d.label}, ${d.name}`,
                fmt(d.before),
                fmt(d.after),
                `${d.after > d.before ? '+' : ''}${fmt(d.after - d.before)}`,
              ]),
              total: ['Totalt antal ändrade uppgifter', '', '', fmt(differences.length)],
            }),
          ]
        : []),
      ...(lateSteps.length > 0
        ? [
            tableBlock({
              caption: `Steg daterade ${y} och registrerade efter fastställelsen`,
              head: ['Ärende', 'Steg', 'Datum', 'Registrerat'],
              rows: lateSteps.map((s) => [`${s.caseNumber} (${s.district})`, s.step, s.businessDate, s.recordedOn]),
              total: ['Totalt', fmt(lateSteps.length), '', ''],
            }),
          ]
        : []),
    ]),
  ];
}
