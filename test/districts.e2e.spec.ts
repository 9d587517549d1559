import type { Response } from 'supertest';
import { DistrictSuccession } from '../src/districts/district-succession.service';
import { type TestApp, startTestApp } from './support/test-app';

/** Districts that merge: open cases pass to the successor on the merger date. */
let t: TestApp;
const at = (iso: string): void => t.clock.set(new Date(iso));

async function post(path: string, body: object, status = 200): Promise<Response> {
  const res = await t.http.post(`/api${path}`).send(body);
  if (res.status !== status)
    throw new Error(`${path}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}
async function get(path: string): Promise<Response> {
  const agent = /^\/(statistics|reports)\//.test(path) ? await t.as('dept.stat', 'department', []) : t.http;
  const res = await agent.get(`/api${path}`);
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}
const register = async (district: string, receivedOn: string): Promise<string> =>
  (await post('/cases', { district, receivedOn, source: 'caseworker', subject: { gender: 'woman' } }, 201)).body.id;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers checked with toMatchObject
type Json = any;

describe('the merger of Norrmalm and Östermalm into Norra innerstaden on 2023-07-01', () => {
  let investigating: string;
  let queued: string;
  let closed: string;

  beforeAll(async () => {
    t = await startTestApp('2023-06-20T10:00:00+02:00');
    investigating = await register('norrmalm', '2023-05-02');
    await post(`/cases/${investigating}/assessment`, { decidedOn: '2023-05-10', decision: 'open-investigation' });
    queued = await register('ostermalm', '2023-06-01');
    closed = await register('norrmalm', '2023-04-03');
    await post(`/cases/${closed}/assessment`, {
      decidedOn: '2023-04-10',
      decision: 'no-investigation',
      reason: 'no-grounds',
    });
    await post(`/cases/${closed}/closure`, { closedOn: '2023-04-11', reason: 'no-action' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('moves nothing before the merger date', async () => {
    expect(await t.app.get(DistrictSuccession).passOpenCases()).toBe(0);
  });

  it('passes the open cases to the successor on the merger date, once', async () => {
    at('2023-07-03T09:00:00+02:00');
    expect(await t.app.get(DistrictSuccession).passOpenCases()).toBe(2);
    expect(await t.app.get(DistrictSuccession).passOpenCases()).toBe(0);
    expect((await get(`/cases/${investigating}`)).body).toMatchObject({ district: 'norra-innerstaden' });
    expect((await get(`/cases/${queued}`)).body).toMatchObject({ district: 'norra-innerstaden' });
    expect((await get(`/cases/${closed}`)).body).toMatchObject({ district: 'norrmalm' });
  });

  it('shows the passing in the case history, as a merger', async () => {
    const history: Json[] = (await get(`/cases/${queued}/history`)).body;
    expect(history[history.length - 1]).toMatchObject({
      type: 'CaseTransferred',
      businessDate: '2023-07-01',
      recordedBy: 'district-register',
      data: { fromDistrict: 'ostermalm', toDistrict: 'norra-innerstaden', byMerger: true },
    });
  });

  it("lets the successor's staff see the cases, and no longer the ended district's", async () => {
    const successor = await t.as('nina.fut', 'investigator', ['norra-innerstaden']);
    expect((await successor.get(`/api/cases/${queued}`)).status).toBe(200);
    const ended = await t.as('olle.fut', 'investigator', ['ostermalm']);
    expect((await ended.get(`/api/cases/${queued}`)).status).toBe(404);
  });

  it('counts each step in the district of its day: received in Östermalm, in queue at year end in Norra innerstaden', async () => {
    const s: Json = (await get('/statistics/annual/2023')).body;
    const row = (code: string) => s.districts.find((d: Json) => d.district === code);
    expect(row('ostermalm')).toMatchObject({ received: 1, queueAtYearEnd: 0 });
    expect(row('norrmalm')).toMatchObject({ received: 2, investigationsOpened: 1, closed: 1 });
    expect(row('norra-innerstaden')).toMatchObject({
      received: 0,
      queueAtYearEnd: 1,
      ongoingInvestigationsAtYearEnd: 1,
    });
  });
});
