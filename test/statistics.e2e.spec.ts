import type { Response } from 'supertest';
import { type TestApp, startTestApp } from './support/test-app';

let t: TestApp;
const at = (iso: string): void => t.clock.set(new Date(iso));

async function post(path: string, body: object, status = 200): Promise<Response> {
  const res = await t.http.post(`/api${path}`).send(body);
  if (res.status !== status)
    throw new Error(`${path}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}
/** Statistics and reports are the department's; queues and deadlines the district's. */
const get = async (path: string): Promise<Response> => {
  const agent = /^\/(statistics|reports)\//.test(path) ? await t.as('dept.stat', 'department', []) : t.http;
  const res = await agent.get(`/api${path}`);
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res;
};
const register = async (district: string, receivedOn: string, gender = 'man'): Promise<string> =>
  (await post('/cases', { district, receivedOn, source: 'caseworker', subject: { gender } }, 201)).body.id;
const stats = async (year: number, knownAt?: string) =>
  (await get(`/statistics/annual/${year}${knownAt ? `?knownAt=${knownAt}` : ''}`)).body;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers checked with toMatchObject
const row = (s: { districts: Array<{ district: string }> }, district: string): any =>
  s.districts.find((d) => d.district === district);

beforeEach(async () => {
  t = await startTestApp('2019-03-01T10:00:00+01:00');
});
afterEach(async () => {
  await t.close();
});

describe('annual statistics: definitions', () => {
  it('counts every step of a case by its business date, in the district and by gender', async () => {
    const id = await register('hasselby-vallingby', '2018-02-01', 'woman');
    await post(`/cases/${id}/assessment`, {
      decidedOn: '2018-03-01',
      decision: 'open-investigation',
      suspectedCause: 'household',
    });
    await post(`/cases/${id}/investigation-result`, {
      completedOn: '2018-04-01',
      finding: 'incorrect-payment',
      cause: 'unreported-income',
      incorrectPayments: [{ paidOn: '2017-12-27', amount: 6000 }],
      savedAmount: 1500.25,
    });
    await post(`/cases/${id}/repayment-claims`, { decidedOn: '2018-05-01', legalBasis: 'SoL 9:1', amount: 5000 });
    await post(`/cases/${id}/police-reports`, { filedOn: '2018-05-02' });
    await post(`/cases/${id}/repayment-plan`, { agreedOn: '2018-05-10', monthlyAmount: 500, firstDueOn: '2018-06-01' });
    await post(`/cases/${id}/repayments`, { receivedOn: '2018-06-01', amount: 500, kind: 'claim' });
    await post(`/cases/${id}/ability-to-pay`, { assessedOn: '2018-07-01', able: true });
    await post(`/cases/${id}/compensation-suit-decisions`, { decidedOn: '2018-07-01' });
    await post(`/cases/${id}/compensation-suits`, { filedOn: '2018-07-02', amount: 4500 });
    await post(`/cases/${id}/repayments`, { receivedOn: '2019-01-15', amount: 500, kind: 'claim' });
    const s = await stats(2018);
    expect(s).toMatchObject({ year: 2018, knownAt: null });
    expect(row(s, 'hasselby-vallingby')).toMatchObject({
      received: 1,
      queueAtYearEnd: 0,
      investigationsOpened: 1,
      claims: { woman: 1, man: 0, unknown: 0, total: 1 },
      claimedAmount: 5000,
      policeReports: { woman: 1, man: 0, unknown: 0, total: 1 },
      compensationSuits: 1,
      repaidAmount: 500,
      savedAmount: 1500.25,
      closed: 0,
      ongoingClaimsAtYearEnd: 1,
      ongoingRepaymentsAtYearEnd: 1,
      ongoingInvestigationsAtYearEnd: 0,
      followUpAtYearEnd: 1,
    });
    expect(row(s, 'hasselby-vallingby').causes).toMatchObject({ 'unreported-income': 1, household: 0 });
    expect(s.total).toMatchObject({ received: 1, repaidAmount: 500, claimedAmount: 5000 });
    // Repayments count in the year they are received, whatever year their claim is from.
    expect((await stats(2019)).total).toMatchObject({
      received: 0,
      repaidAmount: 500,
      ongoingClaimsAtYearEnd: 1,
      claims: { total: 0 },
    });
  });

  it('has one row for every district valid during the year, zero rows included, in Swedish alphabetical order', async () => {
    const names2018 = (await stats(2018)).districts.map((d: { name: string }) => d.name);
    expect(names2018).toEqual([
      'Bromma',
      'Enheten för hemlösa',
      'Enskede-Årsta-Vantör',
      'Farsta',
      'Hägersten-Liljeholmen',
      'Hässelby-Vällingby',
      'Kungsholmen',
      'Norrmalm',
      'Rinkeby-Kista',
      'Skarpnäck',
      'Skärholmen',
      'Spånga-Tensta',
      'Södermalm',
      'Älvsjö',
      'Östermalm',
    ]);
    const codes2020 = (await stats(2020)).districts.map((d: { district: string }) => d.district);
    // Hägersten-Älvsjö took over on 2020-07-01, so 2020 has both; Norra innerstaden starts only on 2023-07-01.
    expect(codes2020).toEqual(expect.arrayContaining(['alvsjo', 'hagersten-alvsjo', 'norrmalm', 'kungsholmen']));
    expect(codes2020).not.toContain('norra-innerstaden');
    const codes2021 = (await stats(2021)).districts.map((d: { district: string }) => d.district);
    expect(codes2021).not.toContain('alvsjo');
    const codes2023 = (await stats(2023)).districts.map((d: { district: string }) => d.district);
    expect(codes2023).toEqual(expect.arrayContaining(['rinkeby-kista', 'spanga-tensta', 'jarva']));
  });

  it('a step recorded after year end but dated inside the year belongs to that year; knownAt shows it only after it was recorded', async () => {
    at('2018-12-15T10:00:00+01:00');
    const id = await register('farsta', '2018-12-10');
    at('2019-01-07T09:00:00+01:00');
    await post(`/cases/${id}/assessment`, { decidedOn: '2018-12-20', decision: 'open-investigation' });
    expect(row(await stats(2018), 'farsta')).toMatchObject({
      received: 1,
      investigationsOpened: 1,
      queueAtYearEnd: 0,
      ongoingInvestigationsAtYearEnd: 1,
    });
    expect(row(await stats(2018, '2018-12-31'), 'farsta')).toMatchObject({
      received: 1,
      investigationsOpened: 0,
      queueAtYearEnd: 1,
      ongoingInvestigationsAtYearEnd: 0,
    });
    expect(row(await stats(2018, '2019-01-06'), 'farsta')).toMatchObject({
      investigationsOpened: 0,
      queueAtYearEnd: 1,
    });
    expect(row(await stats(2018, '2019-01-07'), 'farsta')).toMatchObject({
      investigationsOpened: 1,
      queueAtYearEnd: 0,
    });
    expect((await stats(2018, '2018-12-14')).total.received).toBe(0);
  });

  it('the year boundary follows Stockholm midnight, for business dates and for knownAt', async () => {
    at('2018-12-31T22:30:00Z'); // 23:30 in Stockholm, still 31 December
    const late = await register('sodermalm', '2018-12-31');
    at('2018-12-31T23:30:00Z'); // 00:30 on 1 January in Stockholm
    const early = await register('sodermalm', '2019-01-01');
    expect(row(await stats(2018), 'sodermalm').received).toBe(1);
    expect(row(await stats(2019), 'sodermalm').received).toBe(1);
    expect(row(await stats(2018, '2018-12-31'), 'sodermalm')).toMatchObject({ received: 1, queueAtYearEnd: 1 });
    expect(row(await stats(2019, '2018-12-31'), 'sodermalm').received).toBe(0);
    expect(row(await stats(2019, '2019-01-01'), 'sodermalm')).toMatchObject({ received: 1, queueAtYearEnd: 2 });
    expect([late, early]).toHaveLength(2);
  });

  it('a transfer mid-year moves later figures only', async () => {
    const id = await register('farsta', '2018-02-01', 'man');
    await post(`/cases/${id}/assessment`, { decidedOn: '2018-03-01', decision: 'open-investigation' });
    await post(`/cases/${id}/transfer`, { transferredOn: '2018-06-01', toDistrict: 'bromma' });
    await post(`/cases/${id}/investigation-result`, {
      completedOn: '2018-07-01',
      finding: 'incorrect-payment',
      cause: 'residence',
      incorrectPayments: [{ paidOn: '2018-01-25', amount: 900 }],
    });
    await post(`/cases/${id}/repayment-claims`, { decidedOn: '2018-08-01', legalBasis: 'SoL 9:1', amount: 900 });
    const s = await stats(2018);
    expect(row(s, 'farsta')).toMatchObject({
      received: 1,
      investigationsOpened: 1,
      claims: { total: 0 },
      ongoingClaimsAtYearEnd: 0,
      followUpAtYearEnd: 0,
    });
    expect(row(s, 'bromma')).toMatchObject({
      received: 0,
      investigationsOpened: 0,
      claims: { man: 1, total: 1 },
      claimedAmount: 900,
      ongoingClaimsAtYearEnd: 1,
      followUpAtYearEnd: 1,
    });
    // The cause is the investigation's, counted where the investigation was opened.
    expect(row(s, 'farsta').causes).toMatchObject({ residence: 1 });
  });

  it('a case reopened before year end does not count as closed; one reopened after year end does', async () => {
    const a = await register('norrmalm', '2018-01-10');
    await post(`/cases/${a}/assessment`, {
      decidedOn: '2018-01-20',
      decision: 'no-investigation',
      reason: 'no-grounds',
    });
    await post(`/cases/${a}/closure`, { closedOn: '2018-05-01', reason: 'no-action' });
    await post(`/cases/${a}/reopening`, { reopenedOn: '2018-06-01', reason: 'Ny uppgift' });
    let s = await stats(2018);
    expect(row(s, 'norrmalm')).toMatchObject({ closed: 0 });
    await post(`/cases/${a}/closure`, { closedOn: '2018-11-01', reason: 'deceased' });
    const b = await register('norrmalm', '2018-01-11');
    await post(`/cases/${b}/assessment`, {
      decidedOn: '2018-01-20',
      decision: 'no-investigation',
      reason: 'no-grounds',
    });
    await post(`/cases/${b}/closure`, { closedOn: '2018-12-01', reason: 'no-action' });
    await post(`/cases/${b}/reopening`, { reopenedOn: '2019-01-10', reason: 'Ny uppgift' });
    s = await stats(2018);
    expect(row(s, 'norrmalm')).toMatchObject({ closed: 2, queueAtYearEnd: 0 });
    expect(row(s, 'norrmalm').closeReasons).toMatchObject({ deceased: 1, 'no-action': 1 });
    expect(row(await stats(2019), 'norrmalm')).toMatchObject({ closed: 0 });
  });

  it('a voided case counts nowhere', async () => {
    at('2018-04-05T10:00:00+02:00');
    const id = await register('kungsholmen', '2018-04-01');
    await post(`/cases/${id}/assessment`, { decidedOn: '2018-04-02', decision: 'open-investigation' });
    const before = await stats(2018);
    expect(row(before, 'kungsholmen')).toMatchObject({
      received: 1,
      investigationsOpened: 1,
      ongoingInvestigationsAtYearEnd: 1,
    });
    at('2019-03-01T10:00:00+01:00');
    await post(`/cases/${id}/void`, { reason: 'misregistration' });
    const after = await stats(2018);
    expect(row(after, 'kungsholmen')).toMatchObject({
      received: 0,
      investigationsOpened: 0,
      ongoingInvestigationsAtYearEnd: 0,
      queueAtYearEnd: 0,
    });
    // Before the voiding was recorded, the case still counted.
    expect(row(await stats(2018, '2019-02-28'), 'kungsholmen').received).toBe(1);
  });

  it('year-end ongoing repayments need a plan or a repayment and something still outstanding', async () => {
    const mk = async () => {
      const id = await register('skarholmen', '2018-01-05');
      await post(`/cases/${id}/assessment`, { decidedOn: '2018-01-06', decision: 'open-investigation' });
      await post(`/cases/${id}/investigation-result`, {
        completedOn: '2018-01-07',
        finding: 'incorrect-payment',
        cause: 'other',
        incorrectPayments: [{ paidOn: '2017-10-25', amount: 1000 }],
      });
      await post(`/cases/${id}/repayment-claims`, { decidedOn: '2018-01-08', legalBasis: 'SoL 9:2', amount: 1000 });
      return id;
    };
    const planned = await mk();
    await post(`/cases/${planned}/repayment-plan`, {
      agreedOn: '2018-02-01',
      monthlyAmount: 100,
      firstDueOn: '2018-03-01',
    });
    const repaid = await mk();
    await post(`/cases/${repaid}/repayments`, { receivedOn: '2018-02-01', amount: 1000, kind: 'claim' });
    await mk(); // nothing paid, no plan
    expect(row(await stats(2018), 'skarholmen')).toMatchObject({
      ongoingClaimsAtYearEnd: 3,
      ongoingRepaymentsAtYearEnd: 1,
      followUpAtYearEnd: 3,
    });
  });

  it('rejects a bad year or knownAt with 400', async () => {
    expect((await (await t.as('d', 'department', [])).get('/api/statistics/annual/18')).status).toBe(400);
    expect(
      (await (await t.as('d', 'department', [])).get('/api/statistics/annual/2018?knownAt=2018-13-01')).status,
    ).toBe(400);
    expect((await (await t.as('d', 'department', [])).get('/api/statistics/trend?from=2018&to=2014')).status).toBe(400);
  });
});

describe('trend, CSV and the report', () => {
  it('gives the city totals per year, a CSV for Swedish Excel, and the report as HTML and PDF', async () => {
    for (const [year, n] of [
      [2016, 1],
      [2017, 2],
      [2018, 3],
    ]) {
      for (let i = 0; i < n; i++) {
        const id = await register('rinkeby-kista', `${year}-03-0${i + 1}`, i % 2 ? 'woman' : 'man');
        await post(`/cases/${id}/assessment`, { decidedOn: `${year}-04-01`, decision: 'open-investigation' });
        await post(`/cases/${id}/investigation-result`, {
          completedOn: `${year}-05-01`,
          finding: 'incorrect-payment',
          cause: 'unreported-income',
          incorrectPayments: [{ paidOn: `${year}-01-26`, amount: 1234.5 }],
        });
        await post(`/cases/${id}/repayment-claims`, {
          decidedOn: `${year}-05-02`,
          legalBasis: 'SoL 9:1',
          amount: 1234.5,
        });
      }
    }
    const trend = (await get('/statistics/trend?from=2014&to=2018')).body;
    expect(
      trend.years.map((y: { year: number; received: number; claimedAmount: number }) => [
        y.year,
        y.received,
        y.claimedAmount,
      ]),
    ).toEqual([
      [2014, 0, 0],
      [2015, 0, 0],
      [2016, 1, 1234.5],
      [2017, 2, 2469],
      [2018, 3, 3703.5],
    ]);

    const dept = await t.as('dept', 'department', []);
    const csv = await dept
      .get('/api/statistics/annual/2018.csv')
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    const bytes = csv.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0].split(';').slice(0, 3)).toEqual([
      'Stadsdelsnämnd',
      'Inkommande information',
      'Antal i kö vid årets slut',
    ]);
    const rk = lines.find((l) => l.startsWith('Rinkeby-Kista;'))!.split(';');
    expect(rk[1]).toBe('3');
    expect(rk[8]).toBe('3703,50');
    expect(lines.some((l) => l.startsWith('Totalt;3;'))).toBe(true);

    const html = await dept.get('/api/reports/annual/2018');
    expect(html.status).toBe(200);
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    for (const heading of [
      'Rapport över arbetet mot felaktiga utbetalningar och bidragsbrott 2018',
      'Inkommande och inledda utredningar',
      'Ärenden i kö',
      'Beslut om återkrav och polisanmälan',
      'Ekonomisk omfattning',
      'Avslutade ärenden och avslutsorsaker',
      'Orsak till FUT',
      'Jämställdhetsanalys',
    ]) {
      expect(html.text).toContain(heading);
    }
    expect(html.text).toContain('<svg');
    expect(html.text).toContain('Antalet återkravsbeslut fördelar sig');

    const pdf = await dept
      .get('/api/reports/annual/2018?format=pdf')
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toMatch(/^application\/pdf/);
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe('queues and deadlines', () => {
  it('shows what waits per district, oldest first, with overdue flags, and a city summary', async () => {
    at('2018-06-30T10:00:00+02:00');
    const old = await register('farsta', '2018-04-01');
    const recent = await register('farsta', '2018-06-20');
    const investigating = await register('farsta', '2018-03-01');
    await post(`/cases/${investigating}/assessment`, { decidedOn: '2018-03-02', decision: 'open-investigation' });
    await (await t.as('eva.fut', 'investigator')).get('/api/districts'); // known once signed in
    await post(`/cases/${investigating}/assignment`, { investigator: 'eva.fut' });
    const notOpened = await register('farsta', '2018-03-01');
    await post(`/cases/${notOpened}/assessment`, {
      decidedOn: '2018-03-02',
      decision: 'no-investigation',
      reason: 'no-grounds',
    });
    const q = (await get('/queues?district=farsta&overdueAfterDays=30')).body;
    expect(
      q.awaitingPreAssessment.items.map((c: { id: string; daysWaiting: number; overdue: boolean }) => [
        c.id,
        c.daysWaiting,
        c.overdue,
      ]),
    ).toEqual([
      [old, 90, true],
      [recent, 10, false],
    ]);
    expect(q.openInvestigations).toEqual({
      items: [expect.objectContaining({ id: investigating, investigator: 'eva.fut' })],
      total: 1,
      page: 1,
      pageSize: 20,
      byInvestigator: [{ investigator: 'eva.fut', count: 1 }],
    });
    expect(q.notOpenedAwaitingClosing.items.map((c: { id: string }) => c.id)).toEqual([notOpened]);
    const city = (await get('/queues')).body;
    expect(city.districts.find((d: { district: string }) => d.district === 'farsta')).toMatchObject({
      awaitingPreAssessment: 2,
      overdue: 1,
      openInvestigations: 1,
      notOpenedAwaitingClosing: 1,
    });
    expect(city.districts.find((d: { district: string }) => d.district === 'bromma')).toMatchObject({
      awaitingPreAssessment: 0,
    });
    expect((await t.http.get('/api/queues?district=atlantis')).status).toBe(400);
  });

  it('lists claims whose limit runs out soon, soonest first, and claims wholly past their limits', async () => {
    at('2019-01-15T10:00:00+01:00');
    const claim = async (paid: Array<[string, number]>) => {
      const id = await register('bromma', '2018-02-01');
      await post(`/cases/${id}/assessment`, { decidedOn: '2018-02-02', decision: 'open-investigation' });
      await post(`/cases/${id}/investigation-result`, {
        completedOn: '2018-02-03',
        finding: 'incorrect-payment',
        cause: 'other',
        incorrectPayments: paid.map(([paidOn, amount]) => ({ paidOn, amount })),
      });
      await post(`/cases/${id}/repayment-claims`, {
        decidedOn: '2018-02-04',
        legalBasis: 'SoL 9:1',
        amount: paid.reduce((s, [, a]) => s + a, 0),
      });
      return id;
    };
    const later = await claim([['2016-04-11', 2000]]); // deadline 2019-04-11
    const sooner = await claim([
      ['2016-03-10', 3000],
      ['2016-06-23', 5000],
    ]); // 2019-03-11, then 2019-06-24
    const expired = await claim([['2015-12-28', 700]]); // deadline 2018-12-28, passed
    const d = (await get('/deadlines?district=bromma&withinDays=90')).body;
    expect(
      d.upcoming.items.map(
        (c: { id: string; deadline: string; amountLostIfNothingIsDone: number; claimableAmount: number }) => [
          c.id,
          c.deadline,
          c.amountLostIfNothingIsDone,
          c.claimableAmount,
        ],
      ),
    ).toEqual([
      [sooner, '2019-03-11', 3000, 8000],
      [later, '2019-04-11', 2000, 2000],
    ]);
    expect(d.pastLimit.items).toEqual([
      expect.objectContaining({ id: expired, expiredAmount: 700, suggestedClosingReason: 'waived-time-limit' }),
    ]);
    const narrow = (await get('/deadlines?district=bromma&withinDays=60')).body;
    expect(narrow.upcoming.items.map((c: { id: string }) => c.id)).toEqual([sooner]);
  });
});
