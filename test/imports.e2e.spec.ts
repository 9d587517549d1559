import type { Response } from 'supertest';
import { EVENT_STORE, type EventStore } from '../src/event-store/event-store.port';
import { type TestApp, startTestApp } from './support/test-app';
import { type GeneratedRegister, type Tally, generateRegister, toSwedishCsv, toXlsx } from './support/fut-register';

let t: TestApp;

beforeEach(async () => {
  t = await startTestApp('2019-06-28T10:00:00+02:00');
});
afterEach(async () => {
  await t.close();
});

/** Events of the cases themselves (and their numbers): what an import may or may not write. */
async function caseEventCount(): Promise<number> {
  const events = await t.app.get<EventStore>(EVENT_STORE).readAll(0, 1_000_000);
  return events.filter((e) => e.streamId.startsWith('case')).length;
}

async function upload(
  file: Buffer,
  name: string,
  fields: Record<string, string> = {},
  expected = fields.dryRun === 'true' ? 200 : 201,
  agent = t.http,
): Promise<Response> {
  let req = agent.post('/api/imports').attach('file', file, name);
  for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
  const res = await req;
  if (res.status !== expected) throw new Error(`expected ${expected}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}

interface ReportRow {
  row: number;
  key: string;
  status: string;
  problems: Array<{ row: number; column: string | null; code: string; message: string }>;
}
interface Report {
  rows: ReportRow[];
  totals: Array<Record<string, number | string>>;
  columns: { unmapped: string[] };
  summary: { rows: number; imported: number; unchanged: number; failed: number };
}

async function reportOf(id: string): Promise<Report> {
  const res = await t.http.get(`/api/imports/${id}/report`);
  expect(res.status).toBe(200);
  return res.body as Report;
}

/** The dry run's totals summed over gender, as the register's own tallies count them. */
function totalsByYearAndDistrict(report: Report): Map<string, Record<string, number>> {
  const out = new Map<string, Record<string, number>>();
  for (const r of report.totals) {
    const k = `${r.year}|${r.district}`;
    const acc = out.get(k) ?? {};
    for (const [f, v] of Object.entries(r))
      if (typeof v === 'number' && f !== 'year') acc[f] = Math.round(((acc[f] ?? 0) + v) * 100) / 100;
    out.set(k, acc);
  }
  return out;
}

function expectProblemsNamed(report: Report, register: GeneratedRegister): void {
  for (const e of register.errors) {
    const row = report.rows.find((r) => r.row === e.rowNumber);
    expect({ row: e.rowNumber, status: row?.status }).toEqual({ row: e.rowNumber, status: 'failed' });
    expect(row!.problems).toEqual(
      expect.arrayContaining([expect.objectContaining({ row: e.rowNumber, column: e.column, code: e.code })]),
    );
    for (const p of row!.problems) expect(p.message).toMatch(/[a-zåäö]/);
  }
  const failedRows = report.rows.filter((r) => r.status === 'failed').map((r) => r.row);
  expect(failedRows.sort((a, b) => a - b)).toEqual(register.errors.map((e) => e.rowNumber));
}

async function expectStatisticsEqualTallies(register: GeneratedRegister): Promise<void> {
  const department = await t.as('dept.stat', 'department', []);
  for (const [year, byDistrict] of register.tallies) {
    const res = await department.get(`/api/statistics/annual/${year}`);
    expect(res.status).toBe(200);
    const rows = res.body.districts as Array<Record<string, unknown> & { district: string }>;
    for (const [district, tally] of byDistrict) {
      const row = rows.find((r) => r.district === district);
      expect({ year, district, ...pick(row) }).toEqual({ year, district, ...fromTally(tally) });
    }
    const counted = [...byDistrict.values()].reduce((s, x) => s + x.received, 0);
    expect(res.body.total.received).toBe(counted);
  }
}

const pick = (row: Record<string, unknown> | undefined) => {
  const r = row as unknown as {
    received: number;
    investigationsOpened: number;
    claims: { woman: number; man: number };
    claimedAmount: number;
    policeReports: { woman: number; man: number };
    compensationSuits: number;
    repaidAmount: number;
    closed: number;
  };
  return {
    received: r.received,
    investigationsOpened: r.investigationsOpened,
    claims: { woman: r.claims.woman, man: r.claims.man },
    claimedAmount: r.claimedAmount,
    policeReports: { woman: r.policeReports.woman, man: r.policeReports.man },
    compensationSuits: r.compensationSuits,
    repaidAmount: r.repaidAmount,
    closed: r.closed,
  };
};
const fromTally = (x: Tally) => ({ ...x, claims: { ...x.claims }, policeReports: { ...x.policeReports } });

describe.each([
  ['csv in Windows-1252', 'fut-register.csv', async (g: GeneratedRegister) => toSwedishCsv(g.rows, 'windows-1252'), {}],
  ['xlsx', 'fut-register.xlsx', async (g: GeneratedRegister) => toXlsx(g.rows), { sheet: 'Ärenden' }],
] as const)('import of a generated register (%s)', (_label, name, write, sheetField) => {
  it('dry run names each error by row and column; the import adds exactly the good rows; a second adds nothing; statistics equal the tallies', async () => {
    const register = generateRegister();
    expect(register.goodRows.length + register.errors.length).toBeGreaterThan(300);
    const file = await write(register);
    const before = await caseEventCount();

    const dry = await upload(file, name, { dryRun: 'true', ...sheetField });
    expect(await caseEventCount()).toBe(before);
    const dryReport = await reportOf(dry.body.id);
    expect(dryReport.columns.unmapped).toEqual(['Anteckning']);
    expectProblemsNamed(dryReport, register);
    expect(dryReport.summary).toMatchObject({ imported: register.goodRows.length, failed: register.errors.length });
    const totals = totalsByYearAndDistrict(dryReport);
    for (const [year, byDistrict] of register.tallies)
      for (const [district, tally] of byDistrict) {
        const got = totals.get(`${year}|${district}`) ?? {};
        expect({ year, district, ...got }).toMatchObject({
          year,
          district,
          received: tally.received,
          investigationsOpened: tally.investigationsOpened,
          claims: tally.claims.woman + tally.claims.man,
          claimedAmount: tally.claimedAmount,
          policeReports: tally.policeReports.woman + tally.policeReports.man,
          compensationSuits: tally.compensationSuits,
          repaidAmount: tally.repaidAmount,
          closed: tally.closed,
        });
      }

    const real = await upload(file, name, sheetField);
    expect(real.body.summary).toMatchObject({ imported: register.goodRows.length, failed: register.errors.length });
    const realReport = await reportOf(real.body.id);
    expectProblemsNamed(realReport, register);
    const imported = realReport.rows.filter((r) => r.status === 'imported').map((r) => r.row);
    expect(imported).toEqual(register.goodRows);
    const list = await t.http.get('/api/cases?pageSize=1');
    expect(list.body.total).toBe(register.goodRows.length);
    await expectStatisticsEqualTallies(register);

    const afterFirst = await caseEventCount();
    const again = await upload(file, name, sheetField);
    expect(again.body.summary).toMatchObject({ imported: 0, unchanged: register.goodRows.length });
    expect(await caseEventCount()).toBe(afterFirst);
  }, 240_000);
});
