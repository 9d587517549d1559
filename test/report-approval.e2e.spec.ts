import { inflateRawSync } from 'node:zlib';
import type { Response } from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { type TestApp, startTestApp } from './support/test-app';

/**
 * Issue 23: the approved (fastställd) year, a district's own report, and the
 * exports that carry their year and "känt per" day. One small history for all.
 */
let t: TestApp;
let dept: TestAgent;
const at = (iso: string): void => t.clock.set(new Date(iso));

async function post(path: string, body: object, status = 200): Promise<Response> {
  const res = await t.http.post(`/api${path}`).send(body);
  if (res.status !== status)
    throw new Error(`${path}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}
const register = async (district: string, receivedOn: string): Promise<{ id: string; caseNumber: string }> => {
  const body = (await post('/cases', { district, receivedOn, source: 'caseworker', subject: { gender: 'woman' } }, 201))
    .body;
  return { id: body.id, caseNumber: body.caseNumber };
};
const binary = (res: Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/** One file of a zip (a DOCX), by the central directory. */
function zipEntry(zip: Buffer, name: string): string {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let p = zip.readUInt32LE(end + 16);
  for (let i = 0; i < zip.readUInt16LE(end + 10); i++) {
    const nameLength = zip.readUInt16LE(p + 28);
    const entry = zip.toString('utf8', p + 46, p + 46 + nameLength);
    if (entry === name) {
      const local = zip.readUInt32LE(p + 42);
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + zip.readUInt32LE(p + 20));
      return (zip.readUInt16LE(p + 10) === 8 ? inflateRawSync(data) : data).toString('utf8');
    }
    p += 46 + nameLength + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  throw new Error(`${name} is not in the file`);
}

let before: { received: number };
let late: { id: string; caseNumber: string };

beforeAll(async () => {
  t = await startTestApp('2018-09-01T10:00:00+02:00');
  dept = await t.as('doris.samordnare', 'department', []);
  for (const [district, day] of [
    ['farsta', '2018-02-01'],
    ['farsta', '2018-03-01'],
    ['bromma', '2018-04-01'],
  ]) {
    const { id } = await register(district, day);
    await post(`/cases/${id}/assessment`, { decidedOn: day.replace(/-01$/, '-15'), decision: 'open-investigation' });
  }
  at('2019-03-27T10:00:00+01:00');
  before = (await dept.get('/api/statistics/annual/2018')).body.total;
});
afterAll(async () => {
  await t.close();
});

describe('approving a year (fastställd)', () => {
  it('refuses a day inside the year, a day in the future, and anyone but the department', async () => {
    const inside = await dept.post('/api/reports/annual/2018/approvals').send({ knownAt: '2018-12-31' });
    expect(inside.status).toBe(400);
    expect(inside.body.errors).toEqual([expect.objectContaining({ field: 'knownAt' })]);
    expect((await dept.post('/api/reports/annual/2018/approvals').send({ knownAt: '2019-03-28' })).status).toBe(400);
    const head = await t.as('ulla.chef', 'unit-head', ['farsta']);
    expect((await head.post('/api/reports/annual/2018/approvals').send({ knownAt: '2019-03-27' })).status).toBe(403);
  });

  it('after approving 2018 at 2019-03-27, a case backdated into 2018 leaves the approved figures as they were and shows as a change after approval', async () => {
    const approved = await dept.post('/api/reports/annual/2018/approvals').send({ knownAt: '2019-03-27' });
    expect(approved.status).toBe(201);
    expect(approved.body).toMatchObject({
      year: 2018,
      version: 0,
      knownAt: '2019-03-27',
      approvedOn: '2019-03-27',
      approvedBy: 'doris.samordnare',
      differences: [],
    });
    expect(approved.body.fingerprint).toMatch(/^[0-9a-f]{64}$/);

    at('2019-04-10T10:00:00+02:00');
    late = await register('bromma', '2018-06-01');
    await post(`/cases/${late.id}/assessment`, { decidedOn: '2018-07-01', decision: 'open-investigation' });

    // The default statistics, series and report of 2018 are the approved version's.
    const stats = (await dept.get('/api/statistics/annual/2018')).body;
    expect(stats.total.received).toBe(before.received);
    expect(stats).toMatchObject({ knownAt: '2019-03-27', approved: { version: 0, knownAt: '2019-03-27' } });
    expect((await dept.get('/api/statistics/annual/2018?current=true')).body.total.received).toBe(before.received + 1);
    const trend = (await dept.get('/api/statistics/trend?from=2017&to=2018')).body.years;
    expect(trend[1].received).toBe(before.received);

    const state = (await dept.get('/api/reports/annual/2018/approvals')).body;
    expect(state.figuresIntact).toBe(true);
    expect(state.stepsAfterApproval).toEqual([
      expect.objectContaining({ caseNumber: late.caseNumber, businessDate: '2018-06-01', recordedOn: '2019-04-10' }),
      expect.objectContaining({ caseNumber: late.caseNumber, businessDate: '2018-07-01' }),
    ]);
    expect(state.changedFigures).toContainEqual(
      expect.objectContaining({
        district: null,
        figure: 'received',
        before: before.received,
        after: before.received + 1,
      }),
    );

    const html = (await dept.get('/api/reports/annual/2018')).text;
    expect(html).toContain('Fastställd 2019-03-27');
    expect(html).toContain('<h2>Ändringar efter fastställelsen</h2>');
    expect(html).toContain(late.caseNumber);
  });

  it('approves a new version only on the latest, listing what changed', async () => {
    expect((await dept.post('/api/reports/annual/2018/approvals').send({ knownAt: '2019-04-10' })).status).toBe(409);
    const again = await dept
      .post('/api/reports/annual/2018/approvals')
      .send({ knownAt: '2019-04-10', basedOnVersion: 0 });
    expect(again.status).toBe(201);
    expect(again.body.version).toBe(1);
    expect(again.body.differences).toContainEqual(
      expect.objectContaining({ district: 'bromma', label: 'Inkommande information', before: 1, after: 2 }),
    );
    expect((await dept.get('/api/statistics/annual/2018')).body.total.received).toBe(before.received + 1);
    expect((await dept.get('/api/reports/annual/2018')).text).not.toContain('Ändringar efter fastställelsen');
  });
});

describe("a district's own report", () => {
  it('a unit head gets the report of their district beside the city, and no other', async () => {
    const head = await t.as('ulla.chef', 'unit-head', ['farsta']);
    const html = await head.get('/api/reports/annual/2018?district=farsta');
    expect(html.status).toBe(200);
    expect(html.text).toContain('Rapport över arbetet mot felaktiga utbetalningar och bidragsbrott 2018 – Farsta');
    expect(html.text).toContain('i jämförelse med 4 i staden i stort');
    expect(html.text).toContain('Farsta stadsdelsförvaltning');
    expect((await head.get('/api/reports/annual/2018?district=bromma')).status).toBe(403);
    expect((await head.get('/api/reports/annual/2018')).status).toBe(403);
    const investigator = await t.as('eva.fut', 'investigator', ['farsta']);
    expect((await investigator.get('/api/reports/annual/2018?district=farsta')).status).toBe(403);
    const docx = await head.get('/api/reports/annual/2018?district=farsta&format=docx').buffer(true).parse(binary);
    expect(docx.status).toBe(200);
    expect(zipEntry(docx.body as Buffer, 'word/document.xml')).toContain('Farsta stadsdelsförvaltning');
  });
});

describe('exports say which year and which day their figures are', () => {
  it('the five-year series by district as CSV and xlsx, and the year and känt per in the annual CSV', async () => {
    const csv = (await dept.get('/api/statistics/trend.csv?from=2014&to=2018')).text.slice(1).split('\r\n');
    const head = csv[0].split(';');
    expect(head.slice(0, 3)).toEqual(['År', 'Stadsdelsnämnd', 'Inkommande information']);
    expect(head[head.length - 1]).toBe('Känt per');
    const city2018 = csv.find((l) => l.startsWith('2018;Staden totalt;'))!.split(';');
    expect(city2018[2]).toBe(String(before.received + 1));
    // 2018 is approved (at 2019-04-10); 2017 is not, so it is everything known today.
    expect(city2018[city2018.length - 1]).toBe('2019-04-10');
    expect(
      csv
        .find((l) => l.startsWith('2017;Staden totalt;'))!
        .split(';')
        .at(-1),
    ).toBe('2019-04-10');
    expect(csv.filter((l) => l.startsWith('2016;'))).toHaveLength(
      (await dept.get('/api/statistics/annual/2016')).body.districts.length + 1,
    );
    const xlsx = await dept.get('/api/statistics/trend.xlsx?from=2014&to=2018').buffer(true).parse(binary);
    expect(xlsx.status).toBe(200);
    expect((xlsx.body as Buffer).subarray(0, 2).toString()).toBe('PK');
    expect((await dept.get('/api/statistics/trend.pdf?from=2014&to=2018')).status).toBe(404);

    const annual = (await dept.get('/api/statistics/annual/2018.csv?knownAt=2019-03-27')).text.slice(1).split('\r\n');
    expect(annual[0].split(';').slice(-2)).toEqual(['År', 'Känt per']);
    expect(
      annual
        .find((l) => l.startsWith('Totalt;'))!
        .split(';')
        .slice(-2),
    ).toEqual(['2018', '2019-03-27']);
  });
});
