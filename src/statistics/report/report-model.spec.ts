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

/** The report's whole text, as a reader reads it: every paragraph and list item of every section. */
const wholeText = (model: ReturnType<typeof buildReport>): string =>
  model.sections
    .flatMap((s) => [
      ...s.paragraphs,
      ...(s.blocks ?? []).flatMap((b) =>
        b.kind === 'list' ? b.items.map((i) => i.filter((r) => typeof r === 'string').join('')) : [],
      ),
    ])
    .join('\n');

describe('the law of the report year (issue 23, 1)', () => {
  const year = (y: number, fill: (s: AnnualStatistics) => void = () => undefined): AnnualStatistics => {
    const s = statistics();
    s.year = y;
    fill(s);
    return s;
  };
  const section = (model: ReturnType<typeof buildReport>, title: string) =>
    model.sections.find((s) => s.title === title)!;

  it('2018: municipalities were not yet obliged to notify (lag 2008:206 from 2020-01-01), and what came from other authorities is counted', () => {
    const model = buildReport(
      year(2018, (s) => {
        s.total.sources['other-authority'] = 75;
        s.total.notificationsSent.forsakringskassan = 0;
        s.total.notificationsReceived.csn = 0;
      }),
      [],
    );
    const text = section(model, 'Underrättelser till och från andra myndigheter').paragraphs.join(' ');
    expect(text).not.toMatch(/ska kommunen underrätta/);
    expect(text).toContain('först från den 1 januari 2020');
    expect(text).toContain('tog nämnderna emot 75 ärenden från andra myndigheter');
    expect(section(model, 'Underrättelser till och från andra myndigheter').tables[0].total).toEqual([
      'Totalt',
      '0',
      '75',
    ]);
  });

  it('2021: the municipality must notify, and the report says so', () => {
    const text = section(buildReport(year(2021), []), 'Underrättelser till och från andra myndigheter').paragraphs.join(
      ' ',
    );
    expect(text).toContain('Sedan den 1 januari 2020 omfattas även kommunerna');
    expect(text).not.toContain('först från den 1 januari 2020');
  });

  it('Utgångspunkter cites SoL 2001:453 until 2025, both acts in 2025, and SoL 2025:400 after', () => {
    const premises = (y: number): string => section(buildReport(year(y), []), 'Utgångspunkter').paragraphs.join(' ');
    expect(premises(2018)).toContain('11 kap. 1 § socialtjänstlagen (2001:453)');
    expect(premises(2018)).toContain('9 kap. 1 § socialtjänstlagen');
    expect(premises(2018)).toContain('9 kap. 3 § socialtjänstlagen');
    expect(premises(2018)).not.toContain('2025:400');
    expect(premises(2025)).toContain('ersattes socialtjänstlagen (2001:453) av socialtjänstlagen (2025:400)');
    expect(premises(2026)).toContain('14 kap. 2 § socialtjänstlagen (2025:400)');
    expect(premises(2026)).toContain('33 kap. 1 §');
    expect(premises(2026)).toContain('övergångsbestämmelse 5');
  });
});

describe('post-checks counted as the published report counts them (issue 23, 2)', () => {
  it('persons checked, persons with a taxed income, cases passed on; for the city as a whole', () => {
    const model = buildReport(statistics(), [], {
      texts: null,
      postChecks: [{ district: null, checked: 856, withTaxedIncome: 533, passedOn: 39 }],
    });
    const text = model.sections.find((s) => s.title === 'Resultat av efterkontroller')!.paragraphs.join(' ');
    expect(text).toContain(
      'totalt omfattades 856 personer av dessa kontroller, varav 533 personer hade en taxerad inkomst',
    );
    expect(text).toContain('lämnades 39 ärenden vidare');
    expect(text).toContain('inkomståret 2017');
    expect(text).not.toContain('inte redovisats');
    expect(text).not.toMatch(/856 ärenden/);
  });

  it("names a district outside the year's rows by its name", () => {
    const model = buildReport(statistics(), [], {
      texts: null,
      postChecks: [{ district: 'hagersten-alvsjo', checked: 10, withTaxedIncome: 5, passedOn: 1 }],
      districtNames: { 'hagersten-alvsjo': 'Hägersten-Älvsjö' },
    });
    const table = model.sections.find((s) => s.title === 'Resultat av efterkontroller')!.tables[0];
    expect(table.rows[0][0]).toBe('Hägersten-Älvsjö');
  });
});

describe('Swedish for none and one (issue 23, 3)', () => {
  const small = (fill: (t: ReturnType<typeof row>) => void): ReturnType<typeof buildReport> => {
    const s = statistics();
    fill(s.total);
    return buildReport(s, [
      { year: 2017, ...emptyRow(), received: s.total.received },
      { year: 2018, ...s.total },
    ]);
  };

  it('no claims, one claim, one police report, one investigation, an unchanged year', () => {
    const none = wholeText(
      small((t) => {
        t.claims = { woman: 0, man: 0, unknown: 0, total: 0 };
        t.policeReports = { woman: 1, man: 0, unknown: 0, total: 1 };
        t.investigationsOpened = 1;
      }),
    );
    const summary = small((t) => {
      t.claims = { woman: 0, man: 0, unknown: 0, total: 0 };
      t.policeReports = { woman: 1, man: 0, unknown: 0, total: 1 };
      t.investigationsOpened = 1;
    }).summary.join(' ');
    for (const text of [none, summary]) {
      expect(text).not.toMatch(/inga mellan kvinnor och män/);
      expect(text).not.toMatch(/0 respektive 0/);
      expect(text).not.toMatch(/\b1 utredningar/);
      expect(text).not.toMatch(/\b1 polisanmälningar/);
      expect(text).not.toMatch(/med 0 ärenden/);
    }
    expect(none).toContain('Inga återkravsbeslut fattades under året.');
    expect(summary).toContain('Det inleddes 1 utredning ');
    expect(summary).toContain('1 polisanmälan');
    expect(summary).toContain('lika många som år 2017');
  });

  it('one claim by a woman is not "ojämnt, med en övervikt för kvinnor"', () => {
    const text = wholeText(small((t) => (t.claims = { woman: 1, man: 0, unknown: 0, total: 1 })));
    expect(text).not.toMatch(/övervikt/);
    expect(text).toContain('Antalet återkravsbeslut fördelar sig med 1 som gällde en kvinna och 0 som gällde män');
  });

  it('an uneven split of many decisions says which way it leans, in one clause', () => {
    const text = wholeText(small((t) => (t.claims = { woman: 30, man: 10, unknown: 0, total: 40 })));
    expect(text).toContain(
      'Antalet återkravsbeslut fördelar sig ojämnt mellan kvinnor och män, med en övervikt för kvinnor: 30 respektive 10 registrerade beslut (75 procent kvinnor).',
    );
  });

  it('says nämnderna, not Stadsdelsnämnderna, for the units that decide (Enheten för hemlösa is none)', () => {
    const model = small(() => undefined);
    expect(model.summary.join(' ')).toContain('Nämnderna fattade');
    expect(wholeText(model)).not.toMatch(/Stadsdelsnämnderna (fattade|gjorde|skickade|efterkontrollerade)/);
  });
});

describe('sections the city writes, drafted from the figures', () => {
  it('drafts every section when nothing is written, with its list and footnote', () => {
    const model = buildReport(statistics(), []);
    const titles = model.sections.map((s) => s.title);
    for (const title of [
      'Inledning',
      'Utgångspunkter',
      'Stadens FUT-arbete under året',
      'Analys över de olika skälen till felaktigheter',
      'Sammanfattning och analys',
    ])
      expect(titles).toContain(title);
    expect(model.notes[0].text).toMatch(/SOU 2008:74/);
    const work = model.sections.find((s) => s.title === 'Stadens FUT-arbete under året')!;
    expect(work.blocks.find((b) => b.kind === 'list')).toMatchObject({ kind: 'list', ordered: false });
    expect(model.cover).toMatchObject({ heading: expect.stringMatching(/^Rapport över arbetet/), year: 2018 });
  });

  it('keeps the lists and footnotes of an edited text', () => {
    const model = buildReport(statistics(), [], {
      texts: {
        introduction:
          'Staden har länge arbetat med FUT.[^a]\n\nI FUT-uppdraget ingår:\n- utredning\n- uppföljning\n\n[^a]: SOU 2008:74',
        premises: '',
        cityWork: '1. Ett\n2. Två',
        analysis: 'Kön har vuxit.',
        issuer: '',
      },
      postChecks: [],
    });
    const intro = model.sections.find((s) => s.title === 'Inledning')!;
    expect(intro.blocks).toEqual([
      { kind: 'paragraph', runs: ['Staden har länge arbetat med FUT.', { note: 1 }] },
      { kind: 'paragraph', runs: ['I FUT-uppdraget ingår:'] },
      { kind: 'list', ordered: false, items: [['utredning'], ['uppföljning']] },
    ]);
    expect(model.notes).toEqual([{ number: 1, text: 'SOU 2008:74' }]);
    expect(model.sections.find((s) => s.title === 'Utgångspunkter')).toBeUndefined();
    expect(model.sections.find((s) => s.title === 'Stadens FUT-arbete under året')!.blocks[0]).toEqual({
      kind: 'list',
      ordered: true,
      items: [['Ett'], ['Två']],
    });
  });
});
