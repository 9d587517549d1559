import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { EVENT_STORE, type EventStore } from '../src/event-store/event-store.port';
import {
  caseRegistered,
  caseSpecification,
  investigationCompleted,
  investigationOpened,
  payment,
  unnamed,
} from './support/given';
import { type TestApp, startTestApp } from './support/test-app';

/** Several claims per case, each under the law that governs its payments (SoL 2001:453 or SoL 2025:400). */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('2025-10-15T10:00:00+02:00');
});
afterAll(async () => {
  await t.close();
});

const post = (path: string, body: object): Promise<Response> => t.http.post(`/api${path}`).send(body);
async function ok(res: Promise<Response>, status = 200): Promise<Response> {
  const r = await res;
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`);
  return r;
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers checked with toMatchObject
type Json = any;

const { given, givenCase } = caseSpecification(() => t);

/** A case received 2025-08-01 with an investigation opened the day after. */
const opened = [
  caseRegistered({ district: 'farsta', receivedOn: '2025-08-01', source: 'caseworker', subject: unnamed('man') }),
  investigationOpened({ decidedOn: '2025-08-02' }),
] as const;

/** ... that found two payments under the old law (SoL 2001:453) and one granted under the new (SoL 2025:400). */
async function investigated(): Promise<string> {
  const c = await givenCase(
    ...opened,
    investigationCompleted({
      completedOn: '2025-09-01',
      cause: 'unreported-income',
      incorrectPayments: [
        payment('2025-05-25', 3000, '2025-05-01'),
        payment('2025-06-25', 2000),
        payment('2025-07-25', 4000, '2025-07-01'),
      ],
    }),
  );
  return c.id;
}

describe('several claims per case', () => {
  it('claims the old-law payments under SoL 9:1 and then the new-law payment under SoL 33:1', async () => {
    const id = await investigated();
    await ok(post(`/cases/${id}/repayment-claims`, { decidedOn: '2025-09-02', legalBasis: 'SoL 9:1', amount: 5000 }));
    await ok(post(`/cases/${id}/repayment-claims`, { decidedOn: '2025-09-03', legalBasis: 'SoL 33:1', amount: 4000 }));
    const view: Json = (await ok(t.http.get(`/api/cases/${id}`))).body;
    expect(
      view.repaymentClaims.map((c: Json) => [c.claimId, c.legalBasis, c.law, c.payments, c.amounts.outstanding]),
    ).toEqual([
      ['1', 'SoL 9:1', 'SoL 2001:453', [0, 1], 5000],
      ['2', 'SoL 33:1', 'SoL 2025:400', [2], 4000],
    ]);
    expect(view.investigation.incorrectPayments.map((p: Json) => p.claimId)).toEqual(['1', '1', '2']);
    expect(view.amounts).toMatchObject({ claimed: 9000, outstanding: 9000 });

    const unnamed = await post(`/cases/${id}/repayments`, { receivedOn: '2025-09-10', amount: 100, kind: 'claim' });
    expect(unnamed.status).toBe(422);
    expect(unnamed.body).toMatchObject({
      code: 'claim-required',
      errors: [{ field: 'claimId' }],
      claimIds: ['1', '2'],
    });
    await ok(post(`/cases/${id}/repayments`, { claimId: '2', receivedOn: '2025-09-10', amount: 1000, kind: 'claim' }));
    const after: Json = (await ok(t.http.get(`/api/cases/${id}`))).body;
    expect(after.repaymentClaims[1].amounts).toMatchObject({ repaid: 1000, outstanding: 3000 });
    expect(after.amounts).toMatchObject({ repaid: 1000, outstanding: 8000 });
  });

  it('a claim may name its payments', async () => {
    const id = await investigated();
    await ok(
      post(`/cases/${id}/repayment-claims`, {
        decidedOn: '2025-09-02',
        legalBasis: 'SoL 9:2',
        amount: 2000,
        payments: [1],
      }),
    );
    const taken = await post(`/cases/${id}/repayment-claims`, {
      decidedOn: '2025-09-02',
      legalBasis: 'SoL 9:1',
      amount: 1,
      payments: [0, 1],
    });
    expect(taken.status).toBe(422);
    expect(taken.body).toMatchObject({ code: 'payment-already-claimed', errors: [{ field: 'payments[1]' }] });
  });

  it('requires grantedOn for a payment made on or after 2025-07-01, naming the field, and writes nothing', async () => {
    await given(...opened)
      .when((http, c) =>
        http.post(`${c.url}/investigation-result`).send({
          completedOn: '2025-09-01',
          finding: 'incorrect-payment',
          cause: 'unreported-income',
          incorrectPayments: [{ paidOn: '2025-07-25', amount: 4000 }],
        }),
      )
      .thenNothingAppended({
        status: 422,
        code: 'granted-on-required',
        fields: ['incorrectPayments[0].grantedOn'],
      });
  });
});

describe('a stream written with a single claim keeps working', () => {
  it('reads the old claim and repayment as claim 1, and takes new steps on it', async () => {
    const caseId = randomUUID();
    const store = t.app.get<EventStore>(EVENT_STORE);
    const v1 = (type: string, occurredOn: string, data: Record<string, unknown>) => ({
      id: randomUUID(),
      type,
      schemaVersion: 1,
      data,
      metadata: {
        occurredOn,
        recordedAt: `${occurredOn}T09:00:00.000Z`,
        recordedBy: 'old-release',
        correlationId: randomUUID(),
        causationId: null,
      },
    });
    await store.append(
      `case-${caseId}`,
      [
        v1('CaseRegistered', '2018-02-01', {
          caseId,
          caseNumber: 'FA-2018-9001',
          district: 'farsta',
          receivedOn: '2018-02-01',
          source: 'caseworker',
          subject: { personalIdentityNumber: null, name: null, gender: 'woman' },
          suspectedPayments: [],
          summary: null,
        }),
        v1('PreAssessmentMade', '2018-02-02', {
          decidedOn: '2018-02-02',
          decision: 'open-investigation',
          reason: null,
          suspectedCause: null,
        }),
        v1('InvestigationCompleted', '2018-03-01', {
          completedOn: '2018-03-01',
          finding: 'incorrect-payment',
          cause: 'household',
          incorrectPayments: [{ paidOn: '2017-12-27', amountOre: 600_000, grantedOn: '2017-12-01' }],
          intent: null,
          savedAmountOre: 0,
        }),
        v1('RepaymentClaimDecided', '2018-03-05', {
          decidedOn: '2018-03-05',
          legalBasis: 'SoL 9:1',
          amountOre: 600_000,
        }),
        v1('RepaymentReceived', '2018-04-01', { receivedOn: '2018-04-01', amountOre: 100_000, kind: 'claim' }),
        v1('AbilityToPayAssessed', '2018-04-10', { assessedOn: '2018-04-10', able: true }),
        // Filed before decisions were recorded: the filing stands for its decision in the statistics.
        v1('CompensationSuitFiled', '2018-04-20', { filedOn: '2018-04-20', amountOre: 100_000 }),
      ],
      'no-stream',
    );
    const view: Json = (await ok(t.http.get(`/api/cases/${caseId}`))).body;
    expect(view.repaymentClaims).toEqual([
      expect.objectContaining({
        claimId: '1',
        law: 'SoL 2001:453',
        payments: [0],
        amounts: expect.objectContaining({ outstanding: 5000 }),
      }),
    ]);
    await ok(post(`/cases/${caseId}/repayments`, { receivedOn: '2018-05-01', amount: 5000, kind: 'claim' }));
    const history: Json[] = (await ok(t.http.get(`/api/cases/${caseId}/history`))).body;
    expect(history[history.length - 1]).toMatchObject({ type: 'RepaymentReceived', data: { claimId: '1' } });
    expect(history[6]).toMatchObject({ type: 'CompensationSuitFiled', data: { claimId: '1' } });
    expect(history[3]).toMatchObject({ type: 'RepaymentClaimDecided', data: { claimId: '1' } });
    const dept = await t.as('dept.stat', 'department', []);
    const s: Json = (await dept.get('/api/statistics/annual/2018')).body;
    expect(s.districts.find((d: Json) => d.district === 'farsta')).toMatchObject({
      claimedAmount: 6000,
      repaidAmount: 6000,
    });
  });
});
