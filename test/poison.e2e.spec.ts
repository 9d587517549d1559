import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type TestAgent from 'supertest/lib/agent';
import { EVENT_STORE, type EventStore } from '../src/event-store/event-store.port';
import { assertBuilt } from './support/service-process';
import { type TestApp, startTestApp } from './support/test-app';

/**
 * Issue 18, item 1: one registration with `"suspectedPayments":[[]]` was
 * accepted, stored a payment `{"amountOre":null}`, and the case-list projection
 * then failed on it for good (/health 503, every list 503, the case 500, a
 * rebuild exit 1), with no way back but editing the log.
 */
const registration = {
  district: 'farsta',
  receivedOn: '2018-02-01',
  source: 'public',
  subject: { gender: 'woman' },
};

describe('what the domain cannot hold is refused before it reaches the log', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    // The first request of a user records that the service has seen them: not part of what is measured.
    await t.http.get('/api/cases');
  });
  afterAll(() => t.close());

  it('a list of payments holding an empty list: 400 naming the field, nothing written', async () => {
    const before = await t.eventCount();
    const res = await t.http.post('/api/cases').send({ ...registration, suspectedPayments: [[]] });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('suspectedPayments');
    expect(await t.eventCount()).toBe(before);
  });

  it('the same shape in the investigation result: 400, never 500', async () => {
    const id = (await t.http.post('/api/cases').send(registration)).body.id as string;
    await t.http.post(`/api/cases/${id}/assessment`).send({ decidedOn: '2018-02-10', decision: 'open-investigation' });
    const before = await t.eventCount();
    const res = await t.http.post(`/api/cases/${id}/investigation-result`).send({
      completedOn: '2018-03-01',
      finding: 'incorrect-payment',
      cause: 'unreported-income',
      incorrectPayments: [[]],
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('incorrectPayments');
    expect(await t.eventCount()).toBe(before);
  });

  it('a personnummer sent as null counts as left out: without a gender that is a 400 naming the gender', async () => {
    const before = await t.eventCount();
    const res = await t.http.post('/api/cases').send({ ...registration, subject: { personalIdentityNumber: null } });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'subject.gender' })]);
    expect(await t.eventCount()).toBe(before);
    const withGender = await t.http
      .post('/api/cases')
      .send({ ...registration, subject: { personalIdentityNumber: null, gender: 'man' } });
    expect(withGender.status).toBe(201);
  });

  it('a search with pageSize null answers with the first page, never 500', async () => {
    const res = await t.http
      .post('/api/cases/search')
      .send({ personalIdentityNumber: '19811218-9876', pageSize: null });
    expect(res.status).toBe(200);
    expect(res.body.pageSize).toBe(50);
  });

  it('report texts that are a list: 400 naming texts, and the report still prints', async () => {
    const department = await t.as('doris', 'department', []);
    const res = await department.put('/api/reports/annual/2018/texts').send({ texts: [] });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('texts');
    // There are no cases in 2018 in this store with a register, so the report needs one.
    await t.http.post('/api/cases').send(registration);
    const html = await department.get('/api/reports/annual/2018');
    expect(html.status).toBe(200);
  });
});

describe('a case event in the log that the readers cannot read (written by an older version)', () => {
  let t: TestApp;
  let admin: TestAgent;
  let department: TestAgent;
  let good: string;
  let bad: string;
  let position: number;
  const streamOf = (id: string) => `case-${id}`;

  beforeAll(async () => {
    assertBuilt();
    t = await startTestApp();
    admin = await t.as('adam', 'admin', []);
    department = await t.as('doris', 'department', []);
    good = (await t.http.post('/api/cases').send(registration)).body.id;
    // What the old service stored for `"suspectedPayments":[[]]`: a payment without a date, its amount null.
    bad = randomUUID();
    const store = t.app.get<EventStore>(EVENT_STORE);
    const now = '2019-06-28T08:00:00.000Z';
    const result = await store.append(
      streamOf(bad),
      [
        {
          id: randomUUID(),
          type: 'CaseRegistered',
          schemaVersion: 1,
          data: {
            caseId: bad,
            caseNumber: 'FA-2018-9999',
            district: 'farsta',
            receivedOn: '2018-02-02',
            source: 'public',
            subject: { personalIdentityNumber: null, name: null, gender: 'man' },
            suspectedPayments: [{ amountOre: null }],
            summary: null,
            dataKeyId: null,
          },
          metadata: {
            occurredOn: '2018-02-02',
            recordedAt: now,
            recordedBy: 'old-version',
            correlationId: randomUUID(),
            causationId: null,
          },
        },
      ],
      'no-stream',
    );
    position = result.position;
  });
  afterAll(() => t?.close());

  const healthNow = async () => (await t.http.get('/health')).body;
  async function caseListStopped() {
    for (let i = 0; i < 200; i++) {
      const body = await healthNow();
      const list = body.projections.find((p: { name: string }) => p.name === 'case-list');
      if (list.state === 'failed' && list.failedEvent) return { body, list };
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('the case list never reported the event');
  }

  it('the case list stops at that event, and /health names the read model and the event (not its content)', async () => {
    const { body, list } = await caseListStopped();
    expect(body.status).toBe('degraded');
    expect(list.failedEvent).toEqual(
      expect.objectContaining({ position, streamId: streamOf(bad), type: 'CaseRegistered' }),
    );
    expect(list.failedEvent.fields).toEqual(
      expect.arrayContaining(['suspectedPayments[0].paidOn', 'suspectedPayments[0].amount']),
    );
    expect(body.problems.join(' ')).toMatch(/case-list.*position/);
    const res = await t.http.get('/health');
    expect(res.status).toBe(200); // the rest of the service works: a load balancer keeps it
  });

  it('the other read models keep answering, and the other cases can be read', async () => {
    await caseListStopped();
    const statistics = await department.get('/api/statistics/annual/2018');
    expect(statistics.status).toBe(200);
    expect((await t.http.get(`/api/cases/${good}`)).status).toBe(200);
  });

  it('lists that need the case list are refused at once, naming the read model and the event', async () => {
    await caseListStopped();
    const res = await t.http.get('/api/cases');
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('read-model-failed');
    expect(res.body.readModel).toBe('case-list');
    expect(res.body.failedEvent.position).toBe(position);
    expect((await t.http.get('/api/queues?district=farsta')).status).toBe(503);
  });

  it('that case answers a clear problem naming the event, never a 500', async () => {
    const res = await t.http.get(`/api/cases/${bad}`);
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('event-unreadable');
    expect(res.body.failedEvent.position).toBe(position);
    const step = await t.http
      .post(`/api/cases/${bad}/journal`)
      .send({ notedOn: '2018-03-01', kind: 'note', text: 'x' });
    expect(step.status).toBe(503);
  });

  it('an administrator sees what is wrong with it', async () => {
    const res = await admin.get(`/api/event-corrections/unreadable?streamId=${streamOf(bad)}&position=${position}`);
    expect(res.status).toBe(200);
    expect(res.body.type).toBe('CaseRegistered');
    expect(res.body.problems.map((p: { field: string }) => p.field)).toEqual(
      expect.arrayContaining(['suspectedPayments[0].paidOn', 'suspectedPayments[0].amount']),
    );
    expect(res.body.data.suspectedPayments).toEqual([{ amountOre: null }]);
    expect(
      (await t.http.get(`/api/event-corrections/unreadable?streamId=${streamOf(bad)}&position=${position}`)).status,
    ).toBe(403);
  });

  it('only an unreadable event can be corrected; a readable one is put right by the case’s steps', async () => {
    const stream = await t.app.get<EventStore>(EVENT_STORE).readStream(streamOf(good));
    const res = await admin.post('/api/event-corrections').send({
      streamId: streamOf(good),
      position: stream[0].position,
      fields: { receivedOn: '2018-01-01' },
      reason: 'a try',
    });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('event-readable');
  });

  it('a correction that would still be unreadable is refused, naming the field, and changes nothing', async () => {
    const before = await t.eventCount();
    const res = await admin.post('/api/event-corrections').send({
      streamId: streamOf(bad),
      position,
      fields: { suspectedPayments: [{ paidOn: '2018-01-25' }] },
      reason: 'the amount from the register',
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['fields.suspectedPayments[0].amount']);
    expect(await t.eventCount()).toBe(before);
  });

  it('a correction mends it without touching the log: the read model goes on and the case reads as corrected', async () => {
    const store = t.app.get<EventStore>(EVENT_STORE);
    const res = await admin.post('/api/event-corrections').send({
      streamId: streamOf(bad),
      position,
      fields: { suspectedPayments: [{ paidOn: '2018-01-25', amountOre: 450000 }] },
      reason: 'the payment as the register of ekonomiskt bistånd has it',
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual(expect.objectContaining({ streamId: streamOf(bad), position, type: 'CaseRegistered' }));
    // The stored event is as it was: the correction is an event of its own.
    const raw = (await store.readAll(0, 1000)).find((e) => e.position === position)!;
    expect(raw.metadata.correction).toEqual(expect.objectContaining({ recordedBy: 'adam' }));
    let list = await t.http.get('/api/cases');
    for (let i = 0; i < 100 && list.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 50));
      list = await t.http.get('/api/cases');
    }
    expect(list.status).toBe(200);
    expect(list.body.items.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining([good, bad]));
    expect((await healthNow()).status).toBe('ok');
    const read = await t.http.get(`/api/cases/${bad}`);
    expect(read.status).toBe(200);
    expect(read.body.suspectedPayments).toEqual([expect.objectContaining({ paidOn: '2018-01-25', amount: 4500 })]);
    const again = await admin.post('/api/event-corrections').send({
      streamId: streamOf(bad),
      position,
      fields: { suspectedPayments: [] },
      reason: 'twice',
    });
    expect(again.status).toBe(409);
  });

  it('a rebuild of every read model from the log reads the correction and finishes', async () => {
    const dir = t.dir;
    await t.app.close();
    try {
      const run = spawnSync(process.execPath, [join(__dirname, '..', 'dist', 'cli', 'rebuild-projections.js')], {
        env: {
          ...process.env,
          NODE_ENV: 'development',
          EVENT_STORE_URL: `sqlite:${join(dir, 'events.db')}`,
          LOG_LEVEL: 'silent',
        },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(run.stderr).not.toMatch(/cannot be read/);
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/Rebuilt .*case-list/);
    } finally {
      t = undefined as unknown as TestApp;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
