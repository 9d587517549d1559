import { type AnnualStatistics, emptyRow } from '../annual-statistics';
import { buildReport, fmt, kronor, largestRemainder } from './report-model';

const row = () => emptyRow();
function statistics(): AnnualStatistics {
  const total = row();
  total.closed = 3;
  total.closeReasons['no-claim'] = 1;
  total.closeReasons['no-action'] = 1;
  total.closeReasons.deceased = 1;
  total.investigationsOpened = 7;
  total.causes['unreported-income'] = 4;
  total.causes.household = 2;
  total.causes.other = 1;
  total.claims = { woman: 5, man: 6, unknown: 0, total: 11 };
  total.policeReports = { woman: 2, man: 2, unknown: 0, total: 4 };
  total.received = 10;
  total.sources.caseworker = 6;
  total.sources['post-check'] = 4;
  total.noInvestigationReasons['no-grounds'] = 2;
  total.noInvestigationReasons['time-limit'] = 1;
  total.claimedAmount = 2_436_042;
  total.errorTypes.intentional = 3;
  total.errorTypes.unintentional = 5;
  total.errorTypes.authority = 2;
  total.notificationsSent.forsakringskassan = 3;
  total.notificationsReceived.csn = 1;
  const bromma = { ...row(), district: 'bromma', name: 'Bromma', claims: { woman: 5, man: 6, unknown: 0, total: 11 } };
  return { year: 2018, knownAt: null, districts: [bromma], total };
}

describe('the yearly report as a reader sees it', () => {
  const model = buildReport(statistics(), []);
  const section = (title: string) => model.sections.find((s) => s.title === title)!;

  it('rounds shares by largest remainder, so they add up to 100', () => {
    expect(largestRemainder([1, 1, 1])).toEqual([34, 33, 33]);
    expect(largestRemainder([4, 2, 1])).toEqual([57, 29, 14]);
    expect(largestRemainder([0, 0])).toEqual([0, 0]);
    const reasons = section('Avslutade ärenden och avslutsorsaker').tables[1];
    const shares = reasons.rows.map((r) => Number(r[2].replace(/\D/g, '')));
    expect(shares.reduce((a, b) => a + b, 0)).toBe(100);
  });

  it('writes the distribution as "jämn", the adjective', () => {
    const text = section('Jämställdhetsanalys').paragraphs.join(' ');
    expect(text).toContain('Fördelningen mellan kvinnor och män är jämn ');
    expect(text).not.toContain('är jämnt');
  });

  it('writes amounts with non-breaking thin spaces between thousands and a non-breaking space before kr', () => {
    expect(fmt(2_436_042)).toBe('2\u202f436\u202f042');
    expect(kronor(2_436_042)).toBe('2\u202f436\u202f042\u00a0kr');
  });

  it('has the sources of incoming information and the reasons for not opening an investigation as tables', () => {
    const tables = model.sections.flatMap((s) => s.tables);
    const sources = tables.find((t) => t.caption.startsWith('Inkommande information efter källa'))!;
    expect(sources.rows).toContainEqual(['Efterkontroll (Skatteverket)', '4', '40\u00a0%']);
    const reasons = tables.find((t) => t.caption.startsWith('Skäl att inte inleda utredning'))!;
    expect(reasons.rows[0]).toEqual(['Ingen grund för återkrav eller polisanmälan', '2', '67\u00a0%']);
    expect(reasons.total).toEqual(['Totalt', '3', '100\u00a0%']);
  });

  it('reports the notifications sent to and received from other authorities (lag 2008:206)', () => {
    const table = model.sections.find((s) => s.title === 'Underrättelser till och från andra myndigheter')!.tables[0];
    expect(table.rows[0]).toEqual(['Försäkringskassan', '3', '0']);
    expect(table.total).toEqual(['Totalt', '3', '1']);
  });

  it("reports FUT-delegationen's three error types", () => {
    const table = model.sections.flatMap((s) => s.tables).find((t) => t.caption.includes('feltyp'))!;
    expect(table.rows).toEqual([
      ['Avsiktliga fel (fusk och brott)', '3', '30\u00a0%'],
      ['Oavsiktliga fel av den enskilde', '5', '50\u00a0%'],
      ['Myndighetsfel', '2', '20\u00a0%'],
    ]);
  });

  it('draws Orsak till FUT as a pie, and claims and police reports by kvinna and man', () => {
    const causes = section('Orsak till FUT').charts[0];
    expect(causes).toMatchObject({ kind: 'pie', title: 'Orsak till FUT 2018' });
    expect(causes.bars.map((b) => b.value)).toEqual([4, 0, 2, 0, 0, 0, 1]);
    const gender = model.sections.flatMap((s) => s.charts).filter((c) => c.kind === 'gender');
    expect(gender.map((c) => c.title)).toEqual(['Återkrav efter kön 2018', 'Polisanmälningar efter kön 2018']);
    expect(gender[0].bars[0]).toMatchObject({ label: 'Bromma', values: [5, 6] });
  });
});

describe("the department's texts and post-checks woven into the report", () => {
  const texts = {
    introduction: 'Staden har länge arbetat mot felaktiga utbetalningar.\n\nDenna rapport redovisar 2018.',
    premises: 'Varje stadsdelsnämnd ska ha en funktion för att utreda FUT.',
    cityWork: 'Socialförvaltningen har utbildat FUT-utredare.',
    analysis: 'Kön har vuxit.',
    issuer: 'Socialförvaltningen\nAnna Andersson, avdelningschef',
  };
  const model = buildReport(statistics(), [], {
    texts,
    postChecks: [{ district: 'bromma', checked: 120, withTaxedIncome: 30, passedOn: 12 }],
  });
  const titles = model.sections.map((s) => s.title);

  it("puts Inledning, Utgångspunkter and the year's work before the figures, the analysis after them", () => {
    expect(titles.slice(0, 3)).toEqual(['Inledning', 'Utgångspunkter', 'Stadens FUT-arbete under året']);
    expect(titles[titles.length - 1]).toBe('Sammanfattning och analys');
    expect(model.sections[0].paragraphs).toEqual([
      'Staden har länge arbetat mot felaktiga utbetalningar.',
      'Denna rapport redovisar 2018.',
    ]);
    expect(model.issuer).toEqual(['Socialförvaltningen', 'Anna Andersson, avdelningschef']);
  });

  it('reports the post-checks per district', () => {
    const table = model.sections.find((s) => s.title === 'Resultat av efterkontroller')!.tables[0];
    expect(table.rows).toEqual([['Bromma', '120', '30', '12']]);
    expect(table.total).toEqual(['Totalt', '120', '30', '12']);
  });

  it('says so when no post-checks were recorded', () =>
    expect(
      buildReport(statistics(), []).sections.find((s) => s.title === 'Resultat av efterkontroller')!.paragraphs,
    ).toEqual(['Inga efterkontroller har registrerats för året.']));
});
