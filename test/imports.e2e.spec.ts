import ExcelJS from 'exceljs';
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
  const r = row as unknown as Tally;
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

const SMALL = [
  'Ärendenummer;Inkommen;Stadsdelsnämnd;Kön;Källa;Förhandsbedömning datum;Utredning klar;Orsak;Felaktigt utbetalt belopp;Återkrav datum;Återkrävt belopp;Avslutat datum;Avslutsorsak',
  'A-1;2018-02-01;Bromma;Kvinna;Efterkontroll;;;;;;;;',
  'A-2;20180305;Farsta;Man;Allmänheten;2018-03-10;2018-04-20;Oredovisade inkomster;12 000,00;2018-05-02;10 000,00;;',
].join('\r\n');
const csv = (text: string): Buffer => Buffer.from('\ufeff' + text + '\r\n', 'utf8');

describe('import: idempotency, history, metadata', () => {
  it('marks each imported event with the file hash, row and importer; a corrected file adds only the new steps', async () => {
    const first = await upload(csv(SMALL), 'register.csv');
    expect(first.body.summary).toMatchObject({ imported: 2, failed: 0 });
    const report = await reportOf(first.body.id);
    const a1 = report.rows.find((r) => r.key === 'A-1') as ReportRow & { caseId: string };
    const history = await t.http.get(`/api/cases/${a1.caseId}/history`);
    expect(history.body).toHaveLength(1);
    const events = await t.app.get<EventStore>(EVENT_STORE).readStream(`case-${a1.caseId}`);
    const { createHash } = await import('node:crypto');
    expect(events[0].metadata).toMatchObject({
      recordedBy: 'anna.utredare',
      imported: { fileSha256: createHash('sha256').update(csv(SMALL)).digest('hex'), row: 2 },
    });

    const before = await caseEventCount();
    // A-1 was pre-assessed since; A-2 was closed. Nothing else changed.
    const corrected = SMALL.replace(
      'A-1;2018-02-01;Bromma;Kvinna;Efterkontroll;;',
      'A-1;2018-02-01;Bromma;Kvinna;Efterkontroll;2018-02-20;',
    ).replace(/10 000,00;;$/, '10 000,00;2018-12-01;Eftergift - annan orsak');
    const second = await upload(csv(corrected), 'register-rättad.csv');
    expect(second.body.summary).toMatchObject({ imported: 2, unchanged: 0, failed: 0 });
    // the pre-assessment; A-2: the waiver the closing stands for, and the closing.
    expect((await caseEventCount()) - before).toBe(3);
    const a1Events = await t.app.get<EventStore>(EVENT_STORE).readStream(`case-${a1.caseId}`);
    expect(a1Events.map((e) => e.type)).toEqual(['CaseRegistered', 'PreAssessmentMade']);
    expect(a1Events[1].metadata.imported).toMatchObject({ row: 2 });

    // History is never rewritten: a changed date is reported, and the row writes nothing.
    const rewritten = corrected.replace('2018-02-20', '2018-02-21');
    const third = await upload(csv(rewritten), 'register.csv');
    expect(third.body.summary).toMatchObject({ imported: 0, unchanged: 1, failed: 1 });
    const problems = (await reportOf(third.body.id)).rows.flatMap((r) => r.problems);
    expect(problems).toEqual([
      expect.objectContaining({ row: 2, column: 'Förhandsbedömning datum', code: 'conflicts-with-history' }),
    ]);
  });

  it('reads payments and repayments listed in one cell, and adds a repayment listed later as one new step', async () => {
    const register = (repayments: string) =>
      csv(
        [
          'Ärendenummer;Inkommen;Stadsdelsnämnd;Kön;Förhandsbedömning datum;Utredning klar;Orsak;Felaktiga utbetalningar;Återkrav datum;Återkrävt belopp;Återbetalningar',
          `B-1;2018-03-01;Farsta;Kvinna;2018-03-05;2018-04-10;Oredovisade inkomster;"2018-01-25 5 000,00; 2018-02-25 5 000,00";2018-04-20;10 000,00;${repayments}`,
        ].join('\r\n'),
      );
    const first = await upload(register('2018-06-01 1 000,00 | 2018-07-01 1 000,00'), 'r.csv');
    expect(first.body.summary).toMatchObject({ imported: 1, failed: 0 });
    const caseId = (await reportOf(first.body.id)).rows[0] as ReportRow & { caseId: string };
    const view = await t.http.get(`/api/cases/${caseId.caseId}`);
    expect(view.body.investigation.incorrectPayments).toHaveLength(2);
    const before = await caseEventCount();
    const second = await upload(register('2018-06-01 1 000,00 | 2018-07-01 1 000,00 | 2018-08-01 1 000,00'), 'r.csv');
    expect(second.body.totals).toEqual([expect.objectContaining({ year: 2018, repaidAmount: 1000, received: 0 })]);
    expect((await caseEventCount()) - before).toBe(1);
    const bad = await upload(register('2018-06-01'), 'r.csv', { dryRun: 'true' });
    expect((await reportOf(bad.body.id)).rows[0].problems).toEqual([
      expect.objectContaining({ row: 2, column: 'Återbetalningar', code: 'invalid-payment-list' }),
    ]);
  });

  it("fills the investigation's calculation from a file with months and correct amounts, and the case's ekonomiskt bistånd number and reporter", async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const file = readFileSync(join(__dirname, '..', 'examples', 'fut-berakning-exempel.csv'));
    const res = await upload(file, 'fut-berakning-exempel.csv');
    expect(res.body.summary).toMatchObject({ imported: 2, failed: 0 });
    expect(res.body.columns.unmapped).toEqual([]);
    const rows = (await reportOf(res.body.id)).rows as Array<ReportRow & { caseId: string }>;
    const months = await t.http.get(`/api/cases/${rows.find((r) => r.key === '2018-101')!.caseId}`);
    expect(months.body).toMatchObject({
      assistanceCaseNumber: 'EB-2017-4711',
      reportedBy: 'Socialsekreterare, enhet ekonomiskt bistånd Farsta',
      repaymentClaim: { amount: 6700 },
    });
    expect(
      months.body.investigation.incorrectPayments.map((p: Record<string, unknown>) => [
        p.month,
        p.paidOn,
        p.paidAmount,
        p.correctAmount,
        p.amount,
      ]),
    ).toEqual([
      ['2017-11', '2017-10-25', 8200, 5200, 3000],
      ['2017-12', '2017-11-24', 8200, 4700, 3500],
      ['2018-01', '2017-12-22', 8200, 8000, 200],
    ]);
    const one = await t.http.get(`/api/cases/${rows.find((r) => r.key === '2018-102')!.caseId}`);
    expect(one.body.investigation.incorrectPayments).toEqual([
      expect.objectContaining({
        month: '2018-03',
        paidOn: '2018-02-23',
        paidAmount: 9450,
        correctAmount: 3450,
        amount: 6000,
      }),
    ]);

    // A correct amount above what was paid is refused by the decider and named by its column (a new case).
    const wrong = file.toString('utf8').replace('rätt 8 000,00', 'rätt 8 300,00').replace('2018-101', '2018-199');
    const refused = await upload(Buffer.from(wrong, 'utf8'), 'fel.csv', { dryRun: 'true' });
    expect((await reportOf(refused.body.id)).rows[0].problems).toEqual([
      expect.objectContaining({ row: 2, column: 'Beräkning', code: 'correct-above-paid' }),
    ]);
  });

  it('reads a mapping file for other headings and lists the headings it could not map', async () => {
    const text = ['Löpnr;Datum in;SDN;Kön;Övrigt', '7;1/3/2018;Skärholmen;M;x'].join('\r\n');
    const mapping = Buffer.from(JSON.stringify({ columns: { Löpnr: 'key', 'Datum in': 'receivedOn' } }));
    const res = await t.http
      .post('/api/imports')
      .attach('file', csv(text), 'egen.csv')
      .attach('mapping', mapping, 'mapping.json')
      .field('dryRun', 'true');
    expect(res.status).toBe(200);
    expect(res.body.columns).toEqual({
      mapped: { key: 'Löpnr', receivedOn: 'Datum in', district: 'SDN', gender: 'Kön' },
      unmapped: ['Övrigt'],
    });
    expect(res.body.summary).toMatchObject({ imported: 1, failed: 0 });
    expect(res.body.totals).toEqual([
      expect.objectContaining({ year: 2018, district: 'skarholmen', gender: 'man', received: 1 }),
    ]);
  });
});

describe('import: access and bad input', () => {
  it('lets unit heads import only into their districts, and investigators not at all', async () => {
    const head = await t.as('hans.chef', 'unit-head', ['bromma']);
    const res = await upload(csv(SMALL), 'register.csv', {}, 201, head);
    expect(res.body.summary).toMatchObject({ imported: 1, failed: 1 });
    const problems = (await head.get(`/api/imports/${res.body.id}/report`)).body.rows.flatMap(
      (r: ReportRow) => r.problems,
    );
    expect(problems).toEqual([
      expect.objectContaining({ row: 3, column: 'Stadsdelsnämnd', code: 'district-not-permitted' }),
    ]);
    const forbidden = await head.post('/api/imports').attach('file', csv(SMALL), 'r.csv').field('district', 'farsta');
    expect(forbidden.status).toBe(403);
    // Another user's report is not theirs to read.
    const other = await t.as('greta.chef', 'unit-head', ['bromma']);
    expect((await other.get(`/api/imports/${res.body.id}/report`)).status).toBe(404);
    // A-1 moves to Farsta: the Bromma unit head may no longer add to it.
    const a1 = (await head.get(`/api/imports/${res.body.id}/report`)).body.rows[0].caseId as string;
    expect(
      (await t.http.post(`/api/cases/${a1}/transfer`).send({ transferredOn: '2018-03-01', toDistrict: 'farsta' }))
        .status,
    ).toBe(200);
    const after = await upload(csv(SMALL), 'register.csv', {}, 201, head);
    expect((await head.get(`/api/imports/${after.body.id}/report`)).body.rows[0].problems).toEqual([
      expect.objectContaining({ row: 2, column: 'Stadsdelsnämnd', code: 'district-not-permitted' }),
    ]);
    const investigator = await t.as('ivan.utredare', 'investigator', ['bromma']);
    expect((await investigator.post('/api/imports').attach('file', csv(SMALL), 'r.csv')).status).toBe(403);
  });

  it('answers bad input with problem+json naming the field, and writes nothing', async () => {
    // The first request records the signed-in user in the staff directory; that is not the import's.
    await t.http.get('/api/cases');
    const before = await t.eventCount();
    const cases: Array<[() => Promise<Response>, string]> = [
      [() => t.http.post('/api/imports').field('dryRun', 'true'), 'file'],
      [() => t.http.post('/api/imports').attach('file', csv(SMALL), 'r.csv').field('dryRun', 'kanske'), 'dryRun'],
      [() => t.http.post('/api/imports').attach('file', csv(SMALL), 'r.csv').field('district', 'atlantis'), 'district'],
      [() => t.http.post('/api/imports').attach('file', Buffer.from('PK\u0003\u0004trasig'), 'r.xlsx'), 'file'],
      [
        () =>
          t.http
            .post('/api/imports')
            .attach('file', csv(SMALL), 'r.csv')
            .attach('mapping', Buffer.from('{"columns":{"A":"nonsense"}}'), 'm.json'),
        'mapping.columns.A',
      ],
      [() => t.http.post('/api/imports').attach('file', csv(SMALL), 'r.csv').field('sheet', 'x'), 'sheet'],
    ];
    for (const [send, field] of cases) {
      const res = await send();
      expect({ field, status: res.status, type: res.headers['content-type'] }).toEqual({
        field,
        status: 400,
        type: expect.stringContaining('application/problem+json'),
      });
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    }
    expect(await t.eventCount()).toBe(before);
  });

  it('shows a background import that failed on a fault of the service as failed, not as unknown', async () => {
    const store = t.app.get<EventStore>(EVENT_STORE);
    const append = store.append.bind(store);
    jest
      .spyOn(store, 'append')
      .mockImplementation((stream, events, expected) =>
        stream.startsWith('import-') ? Promise.reject(new Error('disk full')) : append(stream, events, expected),
      );
    const res = await t.http.post('/api/imports').set('Prefer', 'respond-async').attach('file', csv(SMALL), 'r.csv');
    expect(res.status).toBe(202);
    let status: Response;
    do status = await t.http.get(`/api/imports/${res.body.id}`);
    while (status.body.status === 'running');
    expect(status.body).toMatchObject({ status: 'failed', progress: { done: 2, total: 2 } });
  });

  it('runs in the background with Prefer: respond-async and shows progress; the report downloads as CSV', async () => {
    const res = await t.http
      .post('/api/imports')
      .set('Prefer', 'respond-async')
      .attach('file', csv(SMALL.replace('Kvinna', 'Okänd-kön')), 'register.csv');
    expect(res.status).toBe(202);
    expect(res.headers.location).toBe(`/api/imports/${res.body.id}`);
    expect(res.body).toMatchObject({ status: 'running', progress: { done: 0, total: 2 } });
    let status: Response;
    do status = await t.http.get(`/api/imports/${res.body.id}`);
    while (status.body.status === 'running');
    expect(status.body).toMatchObject({
      status: 'done',
      progress: { done: 2, total: 2 },
      summary: { imported: 1, failed: 1 },
    });
    const report = await t.http.get(`/api/imports/${res.body.id}/report?format=csv`);
    expect(report.headers['content-type']).toMatch(/text\/csv/);
    expect(report.text).toContain('\ufeffRad;Ärendenummer;Kolumn;Regel;Fel\r\n2;A-1;Kön;unknown-value;');
  });
});

describe('export to Excel', () => {
  const binary = (res: Response, cb: (err: Error | null, body: Buffer) => void) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  };
  const rowsOf = async (xlsx: Buffer): Promise<unknown[][]> => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx as unknown as ExcelJS.Buffer);
    const out: unknown[][] = [];
    workbook.worksheets[0].eachRow((row) => out.push((row.values as unknown[]).slice(1)));
    return out;
  };

  it('exports the case list (with its filters) and a year statistics as xlsx and CSV', async () => {
    await upload(csv(SMALL), 'register.csv');
    const xlsx = await t.http.get('/api/cases/export.xlsx?district=farsta').buffer(true).parse(binary);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(await rowsOf(xlsx.body as Buffer)).toEqual([
      ['Ärendenummer', 'Stadsdelsnämnd', 'Status', 'Inkommen', 'Källa', 'Kön', 'Handläggare'],
      ['FA-2018-0001', 'Farsta', 'Uppföljning', new Date('2018-03-05T00:00:00Z'), 'Allmänheten', 'Man'],
    ]);
    const list = await t.http.get('/api/cases/export.csv');
    expect(list.headers['content-type']).toMatch(/^text\/csv/);
    expect(list.text.split('\r\n')).toEqual([
      '\ufeffÄrendenummer;Stadsdelsnämnd;Status;Inkommen;Källa;Kön;Handläggare',
      'FA-2018-0001;Farsta;Uppföljning;2018-03-05;Allmänheten;Man;',
      'BR-2018-0001;Bromma;I kö;2018-02-01;Efterkontroll (Skatteverket);Kvinna;',
      '',
    ]);
    expect((await t.http.get('/api/cases/export.pdf')).status).toBe(404);

    const dept = await t.as('dept.stat', 'department', []);
    const stats = await dept.get('/api/statistics/annual/2018.xlsx').buffer(true).parse(binary);
    expect(stats.status).toBe(200);
    expect(stats.headers['content-disposition']).toBe('attachment; filename="fut-statistik-2018.xlsx"');
    const rows = await rowsOf(stats.body as Buffer);
    const heading = rows[0] as string[];
    const farsta = rows.find((r) => r[0] === 'Farsta')!;
    expect(farsta[heading.indexOf('Inkommande information')]).toBe(1);
    expect(farsta[heading.indexOf('Återkrävt belopp (kr)')]).toBe(10000);
    expect(rows[rows.length - 1][0]).toBe('Totalt');
  });
});
