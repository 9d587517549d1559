import {
  caseClosed,
  caseRegistered,
  caseSpecification,
  investigationNotOpened,
  investigationOpened,
  person,
} from './support/given';
import { type TestApp, startTestApp } from './support/test-app';

/**
 * Retention and open cases (issue 20, item 8): an open case with no entry for
 * five years is flagged as inaktivt öppet ärende, for the unit to close or act
 * on, and never culled by a run (an open case may hold a claim still owed).
 */
let t: TestApp;
const { givenCase } = caseSpecification(() => t);
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers
type Json = any;
const ids = (cases: Json[]) => cases.map((c: Json) => c.id);

describe('an open case with no entry for five years', () => {
  let inactive: string;
  let closed: string;
  let active: string;

  beforeAll(async () => {
    t = await startTestApp('2019-06-28T10:00:00+02:00');
    inactive = (
      await givenCase(
        caseRegistered({ subject: person('19811218-9876', 'Kvar Öppen') }),
        investigationOpened({ decidedOn: '2018-02-10' }),
      )
    ).id;
    closed = (
      await givenCase(
        caseRegistered({ subject: person('19700101-0011', 'Stängd Ärende') }),
        investigationNotOpened('no-grounds'),
        caseClosed({ closedOn: '2018-02-11', reason: 'no-action' }),
      )
    ).id;
    // Five years and a few days after the last entry of both.
    t.clock.set(new Date('2024-07-02T10:00:00+02:00'));
    active = (await givenCase(caseRegistered({ receivedOn: '2024-06-03' }))).id;
  });
  afterAll(async () => {
    await t.close();
  });

  it('is flagged on the retention plan as inaktivt öppet ärende, with the day its five years ran out', async () => {
    const admin = await t.as('adam.admin', 'admin', []);
    const plan: Json = (await admin.get('/api/retention/due')).body;
    expect(ids(plan.inactiveOpen)).toEqual([inactive]);
    expect(plan.inactiveOpen[0]).toMatchObject({
      status: 'investigating',
      lastEntryOn: '2019-06-28',
      dueOn: '2024-06-28',
      district: 'farsta',
    });
    expect(ids(plan.due)).toEqual([closed]);
    expect(ids(plan.inactiveOpen)).not.toContain(active);
  });

  it('is never culled by a run: its personal data stays, and it stays flagged until the unit acts', async () => {
    const admin = await t.as('adam.admin', 'admin', []);
    const run: Json = (await admin.post('/api/retention/runs').send({ dryRun: false })).body;
    expect({ culled: run.culled, complete: run.complete }).toEqual({ culled: 1, complete: true });
    expect((await t.http.get(`/api/cases/${inactive}`)).body).toMatchObject({
      personalData: 'kept',
      subject: { name: 'Kvar Öppen' },
    });
    expect((await t.http.get(`/api/cases/${closed}`)).body.personalData).toBe('culled');
    expect(ids((await admin.get('/api/retention/due')).body.inactiveOpen)).toEqual([inactive]);
    // An entry on the case starts its five years again.
    await t.http
      .post(`/api/cases/${inactive}/journal`)
      .send({ notedOn: '2024-07-02', kind: 'note', text: 'Uppföljning.' });
    expect((await admin.get('/api/retention/due')).body.inactiveOpen).toEqual([]);
  });
});
