import type TestAgent from 'supertest/lib/agent';
import { DistrictRegister } from '../src/districts/district-register';
import { DistrictRegisterChanges } from '../src/districts/district-register-changes.service';
import { DistrictSuccession } from '../src/districts/district-succession.service';
import { apiClient } from './support/api-client';
import {
  type LaterEvent,
  caseClosed,
  caseRegistered,
  caseSpecification,
  investigationNotOpened,
  investigationOpened,
  unnamed,
} from './support/given';
import { type TestApp, startTestApp } from './support/test-app';

/** Districts that merge: open cases pass to the successor on the merger date. */
let t: TestApp;
const at = (iso: string): void => t.clock.set(new Date(iso));

const { post, get } = apiClient(() => t);
const { givenCase } = caseSpecification(() => t);
/** A case received in a district, and what happened since, given as its history. */
const register = async (district: string, receivedOn: string, ...since: LaterEvent[]): Promise<string> =>
  (await givenCase(caseRegistered({ district, receivedOn, source: 'caseworker', subject: unnamed('woman') }), ...since))
    .id;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers checked with toMatchObject
type Json = any;

describe('the merger of Norrmalm and Östermalm into Norra innerstaden on 2023-07-01', () => {
  let investigating: string;
  let queued: string;
  let closed: string;

  beforeAll(async () => {
    t = await startTestApp('2023-06-20T10:00:00+02:00');
    investigating = await register('norrmalm', '2023-05-02', investigationOpened({ decidedOn: '2023-05-10' }));
    queued = await register('ostermalm', '2023-06-01');
    closed = await register(
      'norrmalm',
      '2023-04-03',
      investigationNotOpened('no-grounds', { decidedOn: '2023-04-10' }),
      caseClosed({ closedOn: '2023-04-11', reason: 'no-action' }),
    );
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

describe('an administrator edits the register as events', () => {
  let admin: TestAgent;
  beforeAll(async () => {
    t = await startTestApp('2026-11-24T10:00:00+01:00');
    admin = await t.as('adam.admin', 'admin', []);
  });
  afterAll(async () => {
    await t.close();
  });

  const soder = { code: 'soder-och-sydvast', name: 'Söder och sydväst', prefix: 'SS', validFrom: '2027-01-01' };

  it('adds a district from a date, and merges districts into it', async () => {
    const added = await admin.post('/api/districts').send(soder);
    expect(added.status).toBe(201);
    expect(added.body).toEqual({ ...soder, validTo: null, successor: null });
    const merged = await admin
      .post('/api/districts/mergers')
      .send({ districts: ['sodermalm', 'skarholmen'], into: 'soder-och-sydvast', mergedOn: '2027-01-01' });
    expect(merged.status).toBe(201);
    const register: Json[] = (await admin.get('/api/districts')).body;
    expect(register).toContainEqual(
      expect.objectContaining({ code: 'sodermalm', validTo: '2026-12-31', successor: 'soder-och-sydvast' }),
    );
  });

  it('refuses bad changes with problem+json naming the field, writing nothing', async () => {
    const before = await t.eventCount();
    const taken = await admin.post('/api/districts').send({ ...soder, code: 'ny', prefix: 'BR' });
    expect(taken.status).toBe(409);
    expect(taken.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(taken.body).toMatchObject({ code: 'prefix-in-use', errors: [{ field: 'prefix' }] });
    const unknown = await admin
      .post('/api/districts/mergers')
      .send({ districts: ['farsta'], into: 'atlantis', mergedOn: '2027-01-01' });
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({ code: 'unknown-district', errors: [{ field: 'into' }] });
    const invalid = await admin
      .post('/api/districts')
      .send({ ...soder, code: 'Ny Stad', name: 'Söder\u202e', validFrom: '2027-02-30' });
    expect(invalid.status).toBe(400);
    expect([...new Set((invalid.body.errors as Json[]).map((e) => e.field))].sort()).toEqual([
      'code',
      'name',
      'validFrom',
    ]);
    expect(await t.eventCount()).toBe(before);
  });

  it('only an administrator may change the register', async () => {
    const head = await t.as('ulla.chef', 'unit-head', ['farsta']);
    expect((await head.post('/api/districts').send({ ...soder, code: 'x', prefix: 'X' })).status).toBe(403);
  });

  it('registers cases in the new district from its first day, and passes the old ones on the merger date', async () => {
    const old = await post(
      '/cases',
      {
        district: 'sodermalm',
        receivedOn: '2026-11-02',
        source: 'public',
        subject: { gender: 'man' },
      },
      201,
    );
    at('2027-01-04T10:00:00+01:00');
    expect(await t.app.get(DistrictSuccession).passOpenCases()).toBe(1);
    const successor = await t.as('sara.chef', 'unit-head', ['soder-och-sydvast']);
    expect((await successor.get(`/api/cases/${old.body.id}`)).body.district).toBe('soder-och-sydvast');
    const fresh = await successor
      .post('/api/cases')
      .send({ district: 'soder-och-sydvast', receivedOn: '2027-01-02', source: 'public', subject: { gender: 'man' } });
    expect(fresh.status).toBe(201);
    expect(fresh.body.caseNumber).toBe('SS-2027-0001');
  });

  it('keeps the changes in the log: the register is rebuilt from its events at start', async () => {
    t.app.get(DistrictRegister).replace(DistrictRegister.default().districts);
    expect(t.app.get(DistrictRegister).get('soder-och-sydvast')).toBeUndefined();
    await t.app.get(DistrictRegisterChanges).onModuleInit();
    expect(t.app.get(DistrictRegister).get('skarholmen')).toMatchObject({ successor: 'soder-och-sydvast' });
  });
});

describe('a merger applied on the write itself (issue 20): Norrmalm ended on 2023-06-30', () => {
  const { given } = caseSpecification(() => t);
  beforeAll(async () => {
    t = await startTestApp('2023-07-03T10:00:00+02:00');
  });
  afterAll(async () => {
    await t.close();
  });

  it('a step on a case in the ended district appends the passing first; the case list shows the successor at once', async () => {
    const { case: c } = await given(caseRegistered({ district: 'norrmalm', receivedOn: '2023-05-02' }))
      .when((http, c) =>
        http
          .post(`${c.url}/assessment`)
          .send({ decidedOn: '2023-07-03', decision: 'open-investigation', suspectedCause: 'unreported-income' }),
      )
      .then({
        status: 200,
        events: [
          {
            type: 'CaseTransferred',
            data: {
              transferredOn: '2023-07-01',
              fromDistrict: 'norrmalm',
              toDistrict: 'norra-innerstaden',
              byMerger: true,
            },
          },
          {
            type: 'PreAssessmentMade',
            data: {
              decidedOn: '2023-07-03',
              decision: 'open-investigation',
              reason: null,
              suspectedCause: 'unreported-income',
            },
          },
        ],
      });
    // Read-your-writes: no sweep has run, the list already has the case under the successor.
    const list: Json = (await get('/cases?district=norra-innerstaden')).body;
    expect(list.items.map((i: Json) => i.id)).toContain(c.id);
    expect((await get('/cases?district=norrmalm')).body.items.map((i: Json) => i.id)).not.toContain(c.id);
    const history: Json[] = (await get(`/cases/${c.id}/history`)).body;
    expect(history.slice(-2).map((h) => [h.type, h.recordedBy])).toEqual([
      ['CaseTransferred', 'district-register'],
      ['PreAssessmentMade', 'anna.utredare'],
    ]);
    expect(await t.app.get(DistrictSuccession).passOpenCases()).toBe(0);
  });

  it('a step dated before the merger day is recorded under the district of its day, and the case passes on after it', () =>
    given(caseRegistered({ district: 'norrmalm', receivedOn: '2023-05-02' }))
      .when((http, c) =>
        http
          .post(`${c.url}/assessment`)
          .send({ decidedOn: '2023-06-29', decision: 'open-investigation', suspectedCause: 'unreported-income' }),
      )
      .then({
        status: 200,
        events: [
          {
            type: 'PreAssessmentMade',
            data: {
              decidedOn: '2023-06-29',
              decision: 'open-investigation',
              reason: null,
              suspectedCause: 'unreported-income',
            },
          },
          {
            type: 'CaseTransferred',
            data: {
              transferredOn: '2023-07-01',
              fromDistrict: 'norrmalm',
              toDistrict: 'norra-innerstaden',
              byMerger: true,
            },
          },
        ],
      }));

  it('staff of the ended district alone no longer record steps on its cases', () =>
    given(caseRegistered({ district: 'ostermalm', receivedOn: '2023-06-01' }))
      .as('olle.fut', 'investigator', ['ostermalm'])
      .when((http, c) =>
        http.post(`${c.url}/journal`).send({ notedOn: '2023-07-03', kind: 'note', text: 'Ringde den enskilde.' }),
      )
      .thenNothingAppended({ status: 404, code: 'not-found' }));

  it('a case registered late in the ended district passes on in the same write', async () => {
    const res = await post(
      '/cases',
      { district: 'ostermalm', receivedOn: '2023-06-28', source: 'public', subject: { gender: 'man' } },
      201,
    );
    expect(res.body.caseNumber).toMatch(/^OM-2023-/);
    expect((await get(`/cases/${res.body.id}`)).body).toMatchObject({ district: 'norra-innerstaden' });
    const history: Json[] = (await get(`/cases/${res.body.id}/history`)).body;
    expect(history.map((h) => [h.type, h.businessDate])).toEqual([
      ['CaseRegistered', '2023-06-28'],
      ['CaseTransferred', '2023-07-01'],
    ]);
    const list: Json = (await get('/cases?district=norra-innerstaden')).body;
    expect(list.items.map((i: Json) => i.id)).toContain(res.body.id);
  });
});
