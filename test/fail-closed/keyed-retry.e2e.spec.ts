import { IdempotencyKeys } from '../../src/cases/application/idempotency';
import { devToken, freePort, health, kill, serviceSandbox, startService } from '../support/service-process';
import { type TestApp, startTestApp } from '../support/test-app';

/** A case with a decided claim, so journal entries and repayments are both allowed. */
async function caseWithClaim(
  post: (path: string, body: object) => Promise<{ status: number; body: { id?: string } }>,
): Promise<string> {
  const created = await post('/api/cases', {
    district: 'bromma',
    receivedOn: '2018-02-01',
    source: 'caseworker',
    subject: { gender: 'woman' },
    suspectedPayments: [{ paidOn: '2018-01-25', amount: 100000 }],
  });
  if (created.status !== 201) throw new Error(`register answered ${created.status}`);
  const id = created.body.id!;
  const steps: Array<[string, object]> = [
    ['assessment', { decidedOn: '2018-02-10', decision: 'open-investigation' }],
    [
      'investigation-result',
      {
        completedOn: '2018-03-01',
        finding: 'incorrect-payment',
        cause: 'unreported-income',
        incorrectPayments: [{ paidOn: '2018-01-25', amount: 100000 }],
      },
    ],
    ['repayment-claims', { decidedOn: '2018-03-05', legalBasis: 'SoL 9:1', amount: 100000 }],
  ];
  for (const [step, body] of steps) {
    const res = await post(`/api/cases/${id}/${step}`, body);
    if (res.status !== 200) throw new Error(`${step} answered ${res.status}: ${JSON.stringify(res.body)}`);
  }
  return id;
}

describe('a keyed retry returns the first answer, also when its answer record was not stored (in process)', () => {
  let t: TestApp;
  let id: string;
  beforeAll(async () => {
    t = await startTestApp();
    id = await caseWithClaim((path, body) => t.http.post(path).send(body));
  });
  afterAll(() => t.close());
  afterEach(() => jest.restoreAllMocks());

  it.each([
    ['journal', { notedOn: '2018-03-06', kind: 'note', text: 'Samtal med den enskilde' }],
    ['repayments', { receivedOn: '2018-04-01', amount: 1234, kind: 'claim' }],
  ])(
    '%s: the change was stored but its answer record was not; the change answers as made, a retry writes nothing',
    async (step, body) => {
      const before = (await t.http.get(`/api/cases/${id}`)).body as { version: number };
      // The answer record fails after the events were stored, as on a full disk.
      jest.spyOn(IdempotencyKeys.prototype, 'remember').mockRejectedValueOnce(new Error('disk I/O error'));
      const key = `retry-${step}`;
      const first = await t.http
        .post(`/api/cases/${id}/${step}`)
        .set('Idempotency-Key', key)
        .set('If-Match', `"${before.version}"`)
        .send(body);
      // The change is made: telling the client otherwise would have it enter the change again.
      expect(first.status).toBe(200);
      expect(first.body.version).toBe(before.version + 1);
      const events = await t.eventCount();
      // The client did not get the answer (a lost connection) and retries: the case stream has its events.
      const retry = await t.http
        .post(`/api/cases/${id}/${step}`)
        .set('Idempotency-Key', key)
        .set('If-Match', `"${before.version}"`)
        .send(body);
      expect(retry.status).toBe(200);
      expect(retry.body).toEqual(first.body);
      expect(await t.eventCount()).toBe(events + 1); // only the answer record
      const again = await t.http.post(`/api/cases/${id}/${step}`).set('Idempotency-Key', key).send(body);
      expect(again.body).toEqual(retry.body);
      const view = (await t.http.get(`/api/cases/${id}`)).body as {
        journal: Array<{ text: string }>;
        repayments: Array<{ amount: number }>;
      };
      if (step === 'journal') expect(view.journal.filter((j) => j.text === 'Samtal med den enskilde')).toHaveLength(1);
      else expect(view.repayments.filter((r) => r.amount === 1234)).toHaveLength(1);
    },
  );

  it('the same key with another request is refused with 409 even when only the events were stored', async () => {
    jest.spyOn(IdempotencyKeys.prototype, 'remember').mockRejectedValueOnce(new Error('disk I/O error'));
    const key = 'reused-key';
    await t.http
      .post(`/api/cases/${id}/journal`)
      .set('Idempotency-Key', key)
      .send({ notedOn: '2018-03-07', kind: 'note', text: 'Första' });
    const events = await t.eventCount();
    const other = await t.http
      .post(`/api/cases/${id}/journal`)
      .set('Idempotency-Key', key)
      .send({ notedOn: '2018-03-07', kind: 'note', text: 'Andra' });
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('idempotency-key-reused');
    expect(await t.eventCount()).toBe(events);
  });
});

/**
 * The built service killed with SIGKILL again and again while clients send
 * keyed journal entries and repayments; every request whose answer was lost
 * is retried with its key after the restart. Each key's effect must appear
 * exactly once.
 */
describe('keyed retries across SIGKILL (built service in a child process)', () => {
  const box = serviceSandbox('fut-retry-');

  it('writes each keyed journal entry and repayment exactly once over kill cycles', async () => {
    const CYCLES = 5;
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    box.child = startService(box.dir, port);
    await health(base);
    const auth = { authorization: `Bearer ${await devToken(base, 'retry.test', 'unit-head', ['bromma'])}` };
    const post = async (path: string, body: object, key?: string) => {
      const res = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...auth, ...(key ? { 'idempotency-key': key } : {}) },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as { id?: string } };
    };
    const id = await caseWithClaim(post);

    interface Request {
      key: string;
      step: 'journal' | 'repayments';
      body: object;
    }
    let counter = 0;
    const next = (): Request => {
      const n = ++counter;
      return n % 2 === 0
        ? { key: `k-${n}`, step: 'journal', body: { notedOn: '2018-03-06', kind: 'note', text: `anteckning ${n}` } }
        : { key: `k-${n}`, step: 'repayments', body: { receivedOn: '2018-04-01', amount: n, kind: 'claim' } };
    };
    const answered = new Map<string, Request>();
    const lost: Request[] = [];
    let alive = true;
    const client = async (): Promise<void> => {
      while (alive) {
        const request = lost.shift() ?? next();
        try {
          const res = await post(`/api/cases/${id}/${request.step}`, request.body, request.key);
          if (res.status === 200) answered.set(request.key, request);
          else throw new Error(`${request.step} answered ${res.status}: ${JSON.stringify(res.body)}`);
        } catch (error) {
          if (error instanceof Error && / answered /.test(error.message)) throw error;
          lost.push(request); // the service died under us: retry with the same key later
          return;
        }
      }
    };
    let retried = 0;
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      alive = true;
      retried += lost.length;
      const clients = Array.from({ length: 6 }, () => client());
      const target = answered.size + 40 + cycle * 7;
      while (answered.size < target) await new Promise((r) => setTimeout(r, 2));
      await kill(box.child);
      alive = false;
      await Promise.all(clients);
      box.child = startService(box.dir, port);
      await health(base);
    }
    // Whatever is still unanswered gets its retry now.
    retried += lost.length;
    for (const request of lost.splice(0)) {
      const res = await post(`/api/cases/${id}/${request.step}`, request.body, request.key);
      expect(res.status).toBe(200);
      answered.set(request.key, request);
    }
    expect(retried).toBeGreaterThan(0);

    const view = (await (await fetch(`${base}/api/cases/${id}`, { headers: auth })).json()) as {
      journal: Array<{ text: string }>;
      repayments: Array<{ amount: number }>;
    };
    const sent = [...answered.values()];
    const journal = new Map<string, number>();
    for (const j of view.journal) journal.set(j.text, (journal.get(j.text) ?? 0) + 1);
    const repayments = new Map<number, number>();
    for (const r of view.repayments) repayments.set(r.amount, (repayments.get(r.amount) ?? 0) + 1);
    const twice = [...journal.values(), ...repayments.values()].filter((n) => n > 1).length;
    expect(twice).toBe(0);
    for (const r of sent) {
      if (r.step === 'journal') expect(journal.get((r.body as { text: string }).text)).toBe(1);
      else expect(repayments.get((r.body as { amount: number }).amount)).toBe(1);
    }
    // Nothing was written that no key asked for.
    expect(view.journal.length + view.repayments.length).toBe(sent.length);
    process.stdout.write(
      `keyed retries: ${CYCLES} kill cycles, ${sent.length} keyed requests, ${retried} retried after a lost answer, ${twice} written twice\n`,
    );
  }, 120_000);
});
