import {
  caseRegistered,
  caseSpecification,
  investigationCompleted,
  investigationOpened,
  kr,
  payment,
  repaymentClaimDecided,
} from './support/given';
import { type TestApp, startTestApp } from './support/test-app';
import type TestAgent from 'supertest/lib/agent';

/**
 * Unit heads' own figures (issue 22): the yearly statistics and the report
 * for the unit head's own districts, beside the city's total, as each
 * district's own yearly note needs; other districts' rows are not theirs.
 */
let t: TestApp;
let head: TestAgent;
beforeAll(async () => {
  t = await startTestApp('2019-01-15T10:00:00+01:00');
  const { givenCase } = caseSpecification(() => t);
  const claimIn = (district: string, amount: number) =>
    givenCase(
      caseRegistered({ district, receivedOn: '2018-03-01' }),
      investigationOpened({ decidedOn: '2018-03-02' }),
      investigationCompleted({ completedOn: '2018-03-10', incorrectPayments: [payment('2018-01-10', amount)] }),
      repaymentClaimDecided({ decidedOn: '2018-03-12', amountOre: kr(amount), paymentIndexes: [0] }),
    );
  await claimIn('farsta', 1000);
  await claimIn('farsta', 2000);
  await claimIn('bromma', 4000);
  await givenCase(caseRegistered({ district: 'bromma', receivedOn: '2018-05-01' }));
  head = await t.as('ulla.chef', 'unit-head', ['farsta']);
});
afterAll(async () => {
  await t.close();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers
type Json = any;

describe("a unit head's own figures", () => {
  it("gives the year's statistics for their own districts, beside the city's total", async () => {
    const res = await head.get('/api/statistics/annual/2018');
    expect(res.status).toBe(200);
    expect(res.body.districts.map((d: Json) => d.district)).toEqual(['farsta']);
    expect(res.body.districts[0]).toMatchObject({ received: 2, claims: { total: 2 }, claimedAmount: 3000 });
    // The city's total is the whole city's: Bromma's cases are in it.
    expect(res.body.total).toMatchObject({ received: 4, claims: { total: 3 }, claimedAmount: 7000 });
    // The department's view is unchanged: every district, the same total.
    const dept = await (await t.as('doris', 'department', [])).get('/api/statistics/annual/2018');
    expect(dept.body.districts.map((d: Json) => d.district)).toEqual(expect.arrayContaining(['farsta', 'bromma']));
    expect(dept.body.total).toEqual(res.body.total);
  });

  it('gives the same as CSV and Excel: their rows and the total, no other district', async () => {
    const csv = await head.get('/api/statistics/annual/2018.csv');
    expect(csv.status).toBe(200);
    expect(csv.text).toMatch(/Farsta/);
    expect(csv.text).toMatch(/Totalt/);
    expect(csv.text).not.toMatch(/Bromma/);
    const xlsx = await head.get('/api/statistics/annual/2018.xlsx');
    expect(xlsx.status).toBe(200);
    const series = await head.get('/api/statistics/trend.csv?from=2014&to=2018');
    expect(series.status).toBe(200);
    expect(series.text).toMatch(/Farsta/);
    expect(series.text).toMatch(/Staden totalt/);
    expect(series.text).not.toMatch(/Bromma/);
  });

  it("gives their district's own series year by year, and the city's", async () => {
    const own = await head.get('/api/statistics/trend?from=2017&to=2018&district=farsta');
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ district: 'farsta', from: 2017, to: 2018 });
    expect(own.body.years.map((y: Json) => [y.year, y.received, y.claimedAmount])).toEqual([
      [2017, 0, 0],
      [2018, 2, 3000],
    ]);
    const city = await head.get('/api/statistics/trend?from=2017&to=2018');
    expect(city.body).toMatchObject({ district: null });
    expect(city.body.years.map((y: Json) => y.received)).toEqual([0, 4]);
  });

  it("gives their district's yearly report and memo, beside the city's figures", async () => {
    const html = await head.get('/api/reports/annual/2018?district=farsta&format=html');
    expect(html.status).toBe(200);
    expect(html.text).toMatch(/Farsta/);
    const memo = await head.get('/api/reports/annual/2018/memo?district=farsta');
    expect(memo.status).toBe(200);
  });

  it("refuses another district's figures and report, and the city's report", async () => {
    for (const path of [
      '/api/statistics/trend?from=2017&to=2018&district=bromma',
      '/api/statistics/trend.csv?from=2017&to=2018&district=bromma',
      '/api/reports/annual/2018?district=bromma',
      '/api/reports/annual/2018/memo?district=bromma',
    ]) {
      const res = await head.get(path);
      expect({ path, status: res.status, code: res.body.code }).toEqual({
        path,
        status: 403,
        code: 'district-not-permitted',
      });
    }
    expect((await head.get('/api/reports/annual/2018')).status).toBe(403);
    // Investigators have no statistics.
    const ivar = await t.as('ivar', 'investigator', ['farsta']);
    expect((await ivar.get('/api/statistics/annual/2018')).status).toBe(403);
    expect((await ivar.get('/api/statistics/trend?from=2017&to=2018')).status).toBe(403);
  });
});
