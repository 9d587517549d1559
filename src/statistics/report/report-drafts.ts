import { CAUSES, type Cause } from '../../cases/domain/catalogues';
import type { StatisticsRow } from '../annual-statistics';
import type { TrendYear } from '../statistics.service';
import { type LawsOfYear, NOTIFICATION_ACT, SOL_2025_FROM } from './laws';
import type { MemoSection, NarrativeSection } from './report-inputs';
import { aboutMillions, count, direction, fmt, listOf, percent } from './swedish';

/**
 * First drafts of the sections the department writes, from the year's figures
 * and the law in force that year. The department edits them (the texts
 * endpoint, or the DOCX); a report printed before anyone has written a word
 * reads as a whole report. Drafts are text in the texts' own markup
 * (report-text.ts), so an edited draft keeps its lists and footnotes.
 */
export interface DraftContext {
  year: number;
  laws: LawsOfYear;
  /** The district's name for a district's report; null for the city's. */
  district: string | null;
  /** The figures of the report: the city's, or the district's. */
  figures: StatisticsRow;
  /** The city's figures (the same as `figures` in the city's report). */
  city: StatisticsRow;
  /** Five years of the report's figures, oldest first, the report's year last. */
  trend: TrendYear[];
  /** Names of the report's rows, and of those that reported no incoming information. */
  units: string[];
  silentUnits: string[];
}

type Drafts = Record<NarrativeSection | MemoSection, string>;

/** The rows of a report that are not stadsdelsnämnder (Enheten för hemlösa), named in "nämnderna". */
const notDistricts = (units: string[]): string[] => units.filter((u) => /^enhet/i.test(u));

function topCauseOf(r: StatisticsRow): Cause | null {
  const causes = Object.keys(CAUSES) as Cause[];
  const top = causes.reduce((best, c) => (r.causes[c] > r.causes[best] ? c : best), causes[0]);
  return r.causes[top] > 0 ? top : null;
}

function introduction(c: DraftContext): string {
  const y = c.year;
  const own = c.district
    ? `\n\n${c.district} hade ${count(c.figures.received, 'registrerad misstanke', 'registrerade misstankar')} om felaktiga utbetalningar under år ${y}, i jämförelse med ${fmt(c.city.received)} registrerade misstankar i staden i stort. Rapporten redovisar nämndens siffror bredvid stadens.`
    : '';
  const others = notDistricts(c.units);
  const naming =
    !c.district && others.length > 0
      ? `\n\nStadsdelsnämnderna och ${listOf(others.map((o) => o.charAt(0).toLowerCase() + o.slice(1)))} benämns i denna rapport fortsättningsvis som nämnderna.`
      : '';
  return `Ekonomiskt bistånd utgör samhällets yttersta skyddsnät och kan beviljas om behovet inte kan tillgodoses på annat sätt för den enskilde och dennes familj. För att skapa förtroende och legitimitet för ekonomiskt bistånd är det viktigt att biståndet används på rätt sätt.

Utgångspunkten i handläggningen av ekonomiskt bistånd är alltid att rätt utbetalning ska gå till rätt person och att man så långt det är möjligt förebygger felaktiga utbetalningar.

Regeringen beslutade år 2005 att tillsätta en delegation med syftet att minska felaktiga utbetalningar från välfärdssystemen, Delegationen mot felaktiga utbetalningar (FUT-delegationen). De felaktiga utbetalningarna delades in i oavsiktliga fel från sökande, avsiktliga fel från sökande och oavsiktliga fel från myndigheten. FUT-delegationen presenterade år 2008 flera förslag på åtgärder.[^1] Året innan kom bidragsbrottslagen (2007:612), enligt vilken kommunerna är skyldiga att anmäla misstänkta bidragsbrott.

I denna rapport redovisas hur arbetet med att förebygga och åtgärda felaktiga utbetalningar har bedrivits under år ${y}, med statistik och jämförelser mellan de senaste fem åren, en analys av orsakerna till att felaktiga utbetalningar sker och de viktigaste resultaten för verksamheterna.${own}${naming}

[^1]: SOU 2008:74, Rätt och riktigt – Åtgärder mot felaktiga utbetalningar från välfärdssystemen.`;
}

/** The process and the paragraphs that applied during the year (laws.ts). */
function premises(c: DraftContext): string {
  const { atStart: law, atEnd } = c.laws;
  const changed =
    law !== atEnd
      ? `\n\nDen ${SOL_2025_FROM.slice(8, 10).replace(/^0/, '')} juli ${c.year} ersattes ${law.name} av ${atEnd.name}. Återkrav av bistånd som beviljats före den dagen prövas fortfarande enligt den äldre lagen (övergångsbestämmelse 5). För bistånd som beviljats därefter återkrävs felaktigt utbetalt bistånd enligt ${atEnd.claim} och ersättningstalan förs enligt ${atEnd.suit} i den nya lagen.`
      : '';
  const olderClaims =
    law === atEnd && law.name.includes('2025:400')
      ? `\n\nÅterkrav av bistånd som beviljades före den 1 juli 2025 prövas enligt den äldre socialtjänstlagen (2001:453), 9 kap. (övergångsbestämmelse 5).`
      : '';
  const notifications = c.laws.municipalityNotifies
    ? `\n\nSedan den 1 januari 2020 omfattas även kommunerna av ${NOTIFICATION_ACT}. Nämnderna ska därför underrätta en annan myndighet, en arbetslöshetskassa eller en annan kommun när det finns anledning att anta att en utbetalning från den har blivit felaktig.`
    : '';
  return `En av de viktigaste uppgifterna för den som handlägger ekonomiskt bistånd är, förutom att hjälpa människor till egen försörjning, att säkerställa att rätt person får rätt bistånd. Genom information till den som ansöker, genom att verifiera uppgifterna i ansökan och genom att förhindra interna felaktigheter ska nämnderna hjälpa personer att göra rätt vid ansökan om ekonomiskt bistånd.

Om det i ett ärende upptäcks att det finns en misstanke om att en eller flera månaders bistånd har beviljats på felaktiga grunder lämnas misstanken till nämndens FUT-utredare för vidare utredning.

En utredning om en misstänkt felaktig utbetalning inleds enligt ${law.investigation} ${law.name}. Utredningen syftar till att klargöra om det har skett en felaktig utbetalning. Utifrån utredningen bedöms om det finns grund för beslut om återkrav av utbetalt bistånd och polisanmälan. Socialtjänsten återkräver felaktigt utbetalt bistånd enligt ${law.claim} socialtjänstlagen och är skyldig att polisanmäla misstanke om bidragsbrott enligt 6 § bidragsbrottslagen (2007:612).

Om det felaktigt utbetalda biståndet inte återbetalas frivilligt utreds den enskildes betalningsförmåga. Om betalningsförmåga bedöms finnas görs en ersättningstalan till förvaltningsrätten enligt ${law.suit} socialtjänstlagen. Talan ska väckas inom tre år från det att biståndet betalades ut. Om betalningsförmåga saknas sker återbetalning endast frivilligt.${changed}${olderClaims}${notifications}`;
}

function cityWork(c: DraftContext): string {
  const y = c.year;
  const who = c.district ? 'nämnden' : 'staden';
  const silent =
    !c.district && c.silentUnits.length > 0
      ? ` Inkommande information registrerades hos ${count(c.units.length - c.silentUnits.length, 'nämnd', 'nämnder')} av ${fmt(c.units.length)}; ${listOf(c.silentUnits)} registrerade ingen.`
      : '';
  return `För att skapa en bild av hur ${c.district ? 'nämndens' : 'stadens'} FUT-arbete ser ut presenteras nedan ett statistikurval.

Arbetet med att förebygga och återkräva felaktiga utbetalningar har fortsatt i ${who} under år ${y}.${silent}

I FUT-uppdraget ingår följande delar:
- Utredning av misstänkta felaktiga utbetalningar
- Uppföljning av fattade beslut
- Utredning av ersättningstalan
- Introduktion av nyanställda kollegor om FUT
- Vägledning om huruvida ett ärende ska FUT-anmälas eller inte
- Återkoppling av FUT-upptäckter
- Vid behov deltagande i ärendedragningen för socialsekreterare`;
}

/** Who discovers incorrect payments, and the internal errors, from the year's sources and causes. */
function causesAnalysis(c: DraftContext): string {
  const f = c.figures;
  const s = f.sources;
  const caseworkerFirst =
    f.received > 0 && s.caseworker >= Math.max(s['post-check'], s['other-authority'], s.public, s.applicant, s.other);
  const discovered = caseworkerFirst
    ? `Det är oftast den som handlägger ansökan om ekonomiskt bistånd som upptäcker felaktiga utbetalningar, men uppgifter kan även komma från andra myndigheter, från allmänheten och från den sökande själv. Av årets ${count(f.received, 'inkommande ärende', 'inkommande ärenden')} kom ${fmt(s.caseworker)} (${percent(s.caseworker, f.received)} procent) från handläggningen, ${fmt(s['post-check'])} från efterkontroller mot Skatteverket, ${fmt(s['other-authority'])} från andra myndigheter, ${fmt(s.public)} från allmänheten och ${fmt(s.applicant)} från den sökande själv.`
    : f.received > 0
      ? `Uppgifter om felaktiga utbetalningar kommer från handläggningen, från efterkontroller, från andra myndigheter, från allmänheten och från den sökande själv. Av årets ${count(f.received, 'inkommande ärende', 'inkommande ärenden')} kom ${fmt(s.caseworker)} från handläggningen, ${fmt(s['post-check'])} från efterkontroller mot Skatteverket, ${fmt(s['other-authority'])} från andra myndigheter, ${fmt(s.public)} från allmänheten och ${fmt(s.applicant)} från den sökande själv.`
      : 'Under året registrerades ingen inkommande information.';
  const internal = f.causes['internal-error'];
  const closedInternal = f.closeReasons['internal-error'];
  const internalFigures =
    f.investigationsOpened > 0
      ? ` Interna felaktigheter var orsaken i ${count(internal, 'inledd utredning', 'inledda utredningar', 'ingen av de inledda utredningarna')}${internal > 0 ? ` (${percent(internal, f.investigationsOpened)} procent)` : ''}, och ${count(closedInternal, 'ärende', 'ärenden', 'inga ärenden')} avslutades utan åtgärd på grund av interna fel.`
      : '';
  return `Det kan finnas flera anledningar till varför en FUT-utredning inleds. Det kan dels handla om att den sökande lämnat oriktiga uppgifter i sin ansökan och dels om interna felaktigheter som begåtts under handläggningen.

${discovered}

När det rör interna felaktigheter i handläggningen av ekonomiskt bistånd kan felen bero på att socialsekreteraren inte uppmärksammar redovisade uppgifter eller missar att genomföra en rutinkontroll. Det kan till exempel vara att en person på sin ansökan uppger att hen har inkomst av lön, men att detta inte uppmärksammas vid handläggningen och därmed inte tas med i beräkningen av biståndets storlek.${internalFigures}`;
}

/** A figure's first and last value over the five years. */
interface Span {
  label: string;
  from: number;
  to: number;
  show: (n: number) => string;
}

/** "Sedan år 2014 har antalet inkommande ärenden minskat från 817 till 636 och antalet återkrav från 295 till 109." */
function spans(firstYear: number, all: Span[]): string {
  const sentence = (list: Span[], verb: string): string =>
    list.length === 0
      ? ''
      : `Sedan år ${firstYear} har ${listOf(
          list.map((s, i) => `${s.label}${i === 0 ? ` ${verb}` : ''} från ${s.show(s.from)} till ${s.show(s.to)}`),
        )}.`;
  return [
    sentence(
      all.filter((s) => s.to < s.from),
      'minskat',
    ),
    sentence(
      all.filter((s) => s.to > s.from),
      'ökat',
    ),
  ]
    .filter(Boolean)
    .join(' ');
}

function analysis(c: DraftContext): string {
  const t = c.trend;
  const y = c.year;
  const f = c.figures;
  const first = t[0];
  const last = t[t.length - 1];
  const span = (label: string, value: (r: TrendYear) => number, show: (n: number) => string = fmt): Span => ({
    label,
    from: value(first),
    to: value(last),
    show,
  });
  const changes =
    t.length > 1
      ? spans(first.year, [
          span('antalet inkommande ärenden', (r) => r.received),
          span('antalet inledda utredningar', (r) => r.investigationsOpened),
          span('antalet återkrav', (r) => r.claims.total),
          span('det återkrävda beloppet', (r) => r.claimedAmount, aboutMillions),
        ])
      : '';
  const fewer = t.length > 1 && last.received < first.received;
  const trendParagraph = `${changes}${
    fewer
      ? ' Minskningen kan ha flera orsaker förutom att antalet ärenden med ekonomiskt bistånd totalt sett har minskat. Det kan bero på att kontrollsystemet och det förebyggande arbetet successivt har förbättrats och att detta lett till en faktisk minskning av antalet felaktiga utbetalningar. Det kan även handla om att FUT-tjänster har varit vakanta under en längre tid, vilket lett till ett mindre aktivt FUT-arbete.'
      : ''
  }`;
  const police = t.map((r) => r.policeReports.total);
  const before = police.slice(0, -1);
  const policeWords =
    police.length > 2 && direction(before) === 'down' && police[police.length - 1] > before[before.length - 1]
      ? ` Antalet polisanmälningar har minskat sett över tid, men en ökning syns från ${y - 1} till ${y}.`
      : police.length > 1 && direction(police) === 'down'
        ? ' Antalet polisanmälningar har minskat sett över tid.'
        : '';
  const economy =
    f.repaidAmount > 0 || f.savedAmount > 0
      ? `Statistiken visar ekonomiska effekter av FUT-arbetet: under år ${y} återbetalades ${aboutMillions(f.repaidAmount)} och det inbesparade beloppet beräknades till ${aboutMillions(f.savedAmount)}. Fortsatt felaktigt utbetalt bistånd stoppas och personer återbetalar bistånd som de beviljats på felaktiga grunder.`
      : '';
  const postChecks =
    topCauseOf(f) === 'unreported-income'
      ? '\n\nDe kontroller som genomförs bör vara effektiva i syftet att förebygga felaktiga utbetalningar. Eftersom den vanligaste orsaken till att felaktiga utbetalningar sker är oredovisade inkomster förefaller efterkontroller med Skatteverket vara en viktig rutin för att förebygga felaktigheter.'
      : '';
  return `${[economy, `${trendParagraph}${policeWords}`.trim()].filter(Boolean).join('\n\n')}

Arbetet med att förebygga felaktiga utbetalningar av ekonomiskt bistånd är en stor del av FUT-utredarnas arbete. Erfarenheter från utredningarna leder ofta till förändrade och förbättrade rutiner som förebygger nya felaktigheter.

För att förebygga att den sökande oavsiktligt gör fel vid ansökan ska varje sökande av ekonomiskt bistånd ges tydlig information om:
- sin rätt till bistånd
- vilka krav socialtjänsten ställer på den enskilde för att vara berättigad till bistånd
- sin skyldighet att lämna korrekta och fullständiga uppgifter
- sin skyldighet att anmäla ändrade förhållanden
- handläggningsprocessen och de kontroller som genomförs${postChecks}`.trim();
}

function decisionProposal(c: DraftContext): string {
  if (c.district) return `1. ${c.district} tar del av rapporten och lägger den till handlingarna.`;
  return `1. Socialnämnden godkänner rapporten.
2. Socialnämnden överlämnar ärendet till kommunstyrelsen för kännedom.
3. Socialnämnden överlämnar ärendet till stadsdelsnämnderna för kännedom.`;
}

function opinion(c: DraftContext): string {
  return `${c.district ? 'Nämnden' : 'Staden'} behöver fortsätta arbetet med att utreda och förebygga felaktiga utbetalningar och säkerställa att rätt utbetalning går till rätt person. Det är särskilt viktigt att nya socialsekreterare får information om de rutiner och arbetssätt som finns för att förhindra felaktiga utbetalningar.

Att utreda felaktiga utbetalningar förutsätter särskilda kunskaper, och det har visat sig svårt att kombinera med en ordinarie socialsekreterartjänst.

Förvaltningen föreslår att nämnden ${c.district ? 'tar del av' : 'godkänner'} rapporten.`;
}

export function drafts(c: DraftContext): Drafts {
  return {
    introduction: introduction(c),
    premises: premises(c),
    cityWork: cityWork(c),
    causesAnalysis: causesAnalysis(c),
    analysis: analysis(c),
    decisionProposal: decisionProposal(c),
    opinion: opinion(c),
  };
}
