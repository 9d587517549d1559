import type TestAgent from 'supertest/lib/agent';
import { apiClient } from './support/api-client';
import {
  type LaterEvent,
  caseRegistered,
  caseSpecification,
  investigationOpened,
  investigatorAssigned,
  suspected,
  unnamed,
} from './support/given';
import { type TestApp, startTestApp } from './support/test-app';

/**
 * The queue and deadline lists come a page at a time: every case on exactly
 * one page, in one stable order, with totals (and sums) that are the whole
 * list's on every page, and nothing of a district the caller may not see.
 */
let t: TestApp;
let farstaHead: TestAgent;
beforeAll(async () => {
  t = await startTestApp('2019-01-15T10:00:00+01:00');
  farstaHead = await t.as('chef.farsta', 'unit-head', ['farsta']);
});
afterAll(async () => {
  await t.close();
});

const { post } = apiClient(() => t);
const { givenCase } = caseSpecification(() => t);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers
type Json = any;
interface Page {
  items: Json[];
  total: number;
  page: number;
  pageSize: number;
  /** The list's own sums (amount lost, expired). */
  [sum: string]: Json;
}

const register = async (district: string, receivedOn: string, payments: Array<[string, number]>): Promise<string> =>
  (
    await post(
      '/cases',
      {
        district,
        receivedOn,
        source: 'caseworker',
        subject: { gender: 'woman' },
        suspectedPayments: payments.map(([paidOn, amount]) => ({ paidOn, amount })),
      },
      201,
    )
  ).body.id;
/** The same case, given as its history: for the lists to page through. */
const given = async (
  district: string,
  receivedOn: string,
  payments: Array<[string, number]>,
  ...since: LaterEvent[]
): Promise<string> =>
  (
    await givenCase(
      caseRegistered({
        district,
        receivedOn,
        source: 'caseworker',
        subject: unnamed('woman'),
        suspectedPayments: payments.map(([paidOn, amount]) => suspected(paidOn, amount)),
      }),
      ...since,
    )
  ).id;

const getAs = async (agent: TestAgent, path: string): Promise<Json> => {
  const res = await agent.get(`/api${path}`);
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};

/** Every page of one list, up to the first short one. */
async function allPages(pageOf: (page: number) => Promise<Page>): Promise<Page[]> {
  const pages: Page[] = [];
  for (let page = 1; page < 100; page++) {
    const p = await pageOf(page);
    expect(p).toMatchObject({ page });
    pages.push(p);
    if (p.items.length < p.pageSize) break;
  }
  return pages;
}

const sorted = (xs: string[]): string[] => [...xs].sort();
const ore = (kronor: number): number => Math.round(kronor * 100);

/** The same case on no two pages, and each page's total is the number of cases over all pages. */
function expectWhole(pages: Page[]): Json[] {
  const items = pages.flatMap((p) => p.items);
  expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
  for (const p of pages) expect(p.total).toBe(items.length);
  return items;
}

const queued: string[] = [];
const expired: string[] = [];
const investigating: Record<string, string[]> = { 'eva.fut': [], 'olle.fut': [], '': [] };
const bromma: string[] = [];

beforeAll(async () => {
  // Received on five days, so several share a day and their case numbers decide; payments 36 to 11 months
  // before their three-year limits run out, some on the same deadline (weekends move a limit to Monday).
  for (let i = 0; i < 13; i++) {
    queued.push(
      await given('farsta', `2018-12-0${(i % 5) + 1}`, [
        [`2016-02-${String(1 + i * 2).padStart(2, '0')}`, 1000 + i * 100],
      ]),
    );
  }
  for (let i = 0; i < 4; i++) expired.push(await given('farsta', `2018-11-2${i}`, [[`2015-06-0${i + 1}`, 500 + i]]));
  const assignTo = ['eva.fut', 'olle.fut', '', 'eva.fut', '', 'olle.fut', 'eva.fut'];
  for (const [i, who] of assignTo.entries()) {
    const id = await given(
      'farsta',
      `2018-10-1${i}`,
      [[`2016-03-0${i + 1}`, 2000]],
      investigationOpened({ decidedOn: '2018-10-20' }),
      ...(who ? [investigatorAssigned({ assignedOn: '2019-01-15', investigator: who })] : []),
    );
    investigating[who].push(id);
  }
  for (let i = 0; i < 3; i++) bromma.push(await given('bromma', '2018-12-03', [['2016-02-10', 3000]]));
  bromma.push(await given('bromma', '2018-12-04', [['2015-05-05', 900]]));
}, 120_000);

describe('the queue of a district, page by page', () => {
  const queuePage = (list: string, pageSize: number) => (page: number) =>
    getAs(farstaHead, `/queues?district=farsta&pageSize=${pageSize}&${list}Page=${page}`).then((q: Json) => q[list]);

  it('shows each waiting case once, oldest first (then by case number), with the whole queue as total', async () => {
    const pages = await allPages(queuePage('awaitingPreAssessment', 4));
    expect(pages.map((p) => p.items.length)).toEqual([4, 4, 4, 4, 1]);
    const items = expectWhole(pages);
    expect(sorted(items.map((c) => c.id))).toEqual(sorted([...queued, ...expired]));
    const order = items.map((c) => `${c.receivedOn} ${c.caseNumber}`);
    expect(order).toEqual([...order].sort());
    // Asked again, the same page holds the same cases.
    expect((await queuePage('awaitingPreAssessment', 4)(2)).items).toEqual(pages[1].items);
  });

  it('pages open investigations by investigator, unassigned last, with every investigator counted', async () => {
    const pages = await allPages(queuePage('openInvestigations', 3));
    const items = expectWhole(pages);
    expect(items.map((c) => c.id)).toEqual([
      ...investigating['eva.fut'],
      ...investigating['olle.fut'],
      ...investigating[''],
    ]);
    for (const p of pages)
      expect(p).toMatchObject({
        byInvestigator: [
          { investigator: 'eva.fut', count: 3 },
          { investigator: 'olle.fut', count: 2 },
          { investigator: null, count: 2 },
        ],
      });
  });

  it('answers a page past the end with no cases and the same total', async () => {
    const q: Json = await getAs(farstaHead, '/queues?district=farsta&pageSize=10&investigatedPage=7&followUpPage=3');
    expect(q.awaitingPreAssessment).toMatchObject({ page: 1, pageSize: 10, total: 17 });
    expect(q.investigated).toEqual({ items: [], total: 0, page: 7, pageSize: 10 });
    expect(q.followUp).toEqual({ items: [], total: 0, page: 3, pageSize: 10 });
  });

  it("counts a case registered a moment ago, and keeps another district's cases out", async () => {
    const before: Json = await getAs(farstaHead, '/queues?district=farsta');
    const id = await register('farsta', '2018-12-31', []);
    const after: Json = await getAs(farstaHead, '/queues?district=farsta&pageSize=500');
    expect(after.awaitingPreAssessment.total).toBe(before.awaitingPreAssessment.total + 1);
    expect(after.awaitingPreAssessment.items.at(-1).id).toBe(id);
    expect(after.awaitingPreAssessment.items.map((c: Json) => c.id)).not.toEqual(expect.arrayContaining([bromma[0]]));
    expect((await farstaHead.get('/api/queues?district=bromma')).status).toBe(403);
    await post(`/cases/${id}/void`, { reason: 'duplicate' });
  });
});

describe('the deadlines, page by page', () => {
  const upcoming =
    (agent: TestAgent, pageSize: number, query = '') =>
    (page: number) =>
      getAs(agent, `/deadlines?withinDays=90&pageSize=${pageSize}&upcomingPage=${page}${query}`).then((d: Json) => ({
        ...d.upcoming,
        lost: d.upcoming.amountLostIfNothingIsDone,
      }));
  const pastLimit = (agent: TestAgent, pageSize: number) => (page: number) =>
    getAs(agent, `/deadlines?withinDays=90&pageSize=${pageSize}&pastLimitPage=${page}`).then((d: Json) => d.pastLimit);

  it('lists each case once, soonest deadline first (then by case number), with totals and sums over all pages', async () => {
    const pages = await allPages(upcoming(farstaHead, 4));
    const items = expectWhole(pages);
    // The 13 queued cases' payments (2016-02-01 to 2016-02-25) and the 7 investigations' (2016-03-01 to 07).
    expect(sorted(items.map((c) => c.id))).toEqual(sorted([...queued, ...Object.values(investigating).flat()]));
    const order = items.map((c) => `${c.deadline} ${c.caseNumber}`);
    expect(order).toEqual([...order].sort());
    expect(new Set(items.map((c) => c.deadline)).size).toBeLessThan(items.length);
    const lost = items.reduce((s, c) => s + ore(c.amountLostIfNothingIsDone), 0);
    for (const p of pages) expect(ore(p.amountLostIfNothingIsDone)).toBe(lost);
  });

  it('lists the cases wholly past their limits, by their last deadline, with the amount over all pages', async () => {
    const pages = await allPages(pastLimit(farstaHead, 3));
    const items = expectWhole(pages);
    expect(items.map((c) => c.id)).toEqual(expired);
    expect(items.map((c) => c.lastDeadline)).toEqual(['2018-06-01', '2018-06-04', '2018-06-04', '2018-06-04']);
    for (const p of pages) expect(ore(p.expiredAmount)).toBe(ore(500 + 501 + 502 + 503));
  });

  it("keeps another district's cases out, and adds them up for a unit head of both", async () => {
    const farsta = expectWhole(await allPages(upcoming(farstaHead, 50)));
    expect(farsta.map((c) => c.district)).toEqual(farsta.map(() => 'farsta'));
    const both = await t.as('chef.both', 'unit-head', ['farsta', 'bromma']);
    const all = expectWhole(await allPages(upcoming(both, 5)));
    expect(sorted(all.filter((c) => c.district === 'bromma').map((c) => c.id))).toEqual(sorted(bromma.slice(0, 3)));
    expect(all.length).toBe(farsta.length + 3);
    const order = all.map((c) => `${c.deadline} ${c.caseNumber}`);
    expect(order).toEqual([...order].sort());
    expect(expectWhole(await allPages(pastLimit(both, 2))).map((c) => c.id)).toContain(bromma[3]);
    const other = await farstaHead.get('/api/deadlines?district=bromma');
    expect(other.status).toBe(403);
  });

  it('counts a case registered a moment ago', async () => {
    const before: Json = await getAs(farstaHead, '/deadlines?withinDays=90');
    const id = await register('farsta', '2019-01-02', [['2016-02-02', 1234]]);
    const after: Json = await getAs(farstaHead, '/deadlines?withinDays=90&pageSize=500');
    expect(after.upcoming.total).toBe(before.upcoming.total + 1);
    expect(ore(after.upcoming.amountLostIfNothingIsDone)).toBe(
      ore(before.upcoming.amountLostIfNothingIsDone) + 123_400,
    );
    expect(after.upcoming.items.map((c: Json) => c.id)).toContain(id);
    await post(`/cases/${id}/void`, { reason: 'duplicate' });
  });

  it('follows the days as they pass, with nothing written: limits run out, the window moves', async () => {
    const before = expectWhole(await allPages(upcoming(farstaHead, 6)));
    const firstDeadline = before[0].deadline as string;
    // The day after the first deadline(s): those cases are now wholly past their limits.
    t.clock.set(new Date(`${firstDeadline}T10:00:00+01:00`));
    t.clock.set(new Date(t.clock.now().getTime() + 86_400_000));
    try {
      const now = expectWhole(await allPages(upcoming(farstaHead, 6)));
      const gone = before.filter((c) => c.deadline === firstDeadline).map((c) => c.id);
      expect(gone.length).toBeGreaterThan(0);
      expect(sorted(now.map((c) => c.id))).toEqual(sorted(before.map((c) => c.id).filter((id) => !gone.includes(id))));
      const past = expectWhole(await allPages(pastLimit(farstaHead, 2)));
      expect(sorted(past.map((c) => c.id))).toEqual(sorted([...expired, ...gone]));
      expect(past.at(-1)).toMatchObject({ lastDeadline: firstDeadline });
    } finally {
      t.clock.set(new Date('2019-01-15T10:00:00+01:00'));
    }
  });
});

describe('page parameters', () => {
  it.each([
    ['/queues?district=farsta&pageSize=0', 'pageSize'],
    ['/queues?district=farsta&pageSize=501', 'pageSize'],
    ['/queues?district=farsta&awaitingPreAssessmentPage=0', 'awaitingPreAssessmentPage'],
    ['/queues?district=farsta&openInvestigationsPage=x', 'openInvestigationsPage'],
    ['/queues?district=farsta&followUpPage=1.5', 'followUpPage'],
    ['/deadlines?pageSize=-3', 'pageSize'],
    ['/deadlines?upcomingPage=0', 'upcomingPage'],
    ['/deadlines?pastLimitPage=100001', 'pastLimitPage'],
  ])('%s is refused as problem+json naming %s', async (path, field) => {
    const res = await farstaHead.get(`/api${path}`);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect([...new Set(res.body.errors.map((e: { field: string }) => e.field))]).toEqual([field]);
  });
});
