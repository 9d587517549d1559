import { IdempotencyKeys } from '../src/cases/application/idempotency';
import { CaseCommands } from '../src/cases/application/case-commands.service';
import { caseSeed } from '../src/cases/application/close-past-limit.handler';
import { pastLimitClosing } from '../src/cases/application/past-limit-closing';
import {
  type GivenCase,
  caseRegistered,
  caseSpecification,
  investigationCompleted,
  investigationOpened,
  kr,
  payment,
  repaymentClaimDecided,
  repaymentReceived,
  suspected,
} from './support/given';
import { type TestApp, startTestApp } from './support/test-app';

/**
 * Closing the claims wholly past their limits in one action (issue 22): a unit
 * head picks cases on the deadline list and closes them with one request; each
 * is recorded through the decider as its own waiver (eftergift for the time
 * limit, with its decision-maker) and closing, refused per case when it cannot
 * be, idempotent on retry, and audited per case.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('2019-01-15T10:00:00+01:00');
});
afterAll(async () => {
  await t.close();
});

const { givenCase, appendedTo } = caseSpecification(() => t);
const PATH = '/api/deadlines/past-limit-closings';
const TODAY = '2019-01-15';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers
type Json = any;

/** A claim in Skärholmen on payments whose limits have all passed (the last on 2018-06-11), part repaid. */
const pastLimitClaim = (district = 'skarholmen', repaid = 500): Promise<GivenCase> =>
  givenCase(
    caseRegistered({ district, receivedOn: '2018-02-01' }),
    investigationOpened({ decidedOn: '2018-02-02' }),
    investigationCompleted({
      completedOn: '2018-02-03',
      incorrectPayments: [payment('2015-05-10', 1000), payment('2015-06-10', 2000)],
    }),
    repaymentClaimDecided({ decidedOn: '2018-02-04', amountOre: kr(3000), paymentIndexes: [0, 1] }),
    ...(repaid > 0 ? [repaymentReceived({ receivedOn: '2018-03-01', amountOre: kr(repaid) })] : []),
  );

const WHO = { decidedBy: 'anna.utredare', capacity: 'unit-head', delegationPoint: null };

const closed = (amountOre: number, claimId = '1') => [
  {
    type: 'ClaimWaived',
    data: {
      claimId,
      decidedOn: TODAY,
      reason: 'time-limit',
      amountOre,
      reasons: expect.stringContaining('9 kap. 4 § SoL (2001:453)'),
      decisionMaker: WHO,
    },
  },
  { type: 'CaseClosed', data: { closedOn: TODAY, reason: 'waived-time-limit', decisionMaker: WHO } },
];

let keys = 0;
const send = (body: object, key: string | null = `batch-${++keys}`) => {
  const req = t.http.post(PATH);
  return (key ? req.set('Idempotency-Key', key) : req).send(body);
};

describe('closing the claims wholly past their limits in one action', () => {
  it('lists them on the deadline list with their versions, and closes them with one request', async () => {
    const a = await pastLimitClaim();
    const b = await pastLimitClaim('skarholmen', 0);
    const list = await t.http.get('/api/deadlines?district=skarholmen&withinDays=90');
    const past = list.body.pastLimit.items as Json[];
    expect(past.find((p) => p.id === a.id)).toMatchObject({
      stage: 'claim',
      version: a.version,
      expiredAmount: 2500,
      suggestedClosingReason: 'waived-time-limit',
    });

    const res = await send({
      closedOn: TODAY,
      cases: [
        { id: a.id, version: a.version },
        { id: b.id, version: b.version },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      closedOn: TODAY,
      closed: 2,
      refused: 0,
      results: [
        {
          id: a.id,
          caseNumber: a.caseNumber,
          outcome: 'closed',
          version: a.version + 2,
          waivers: [{ claimId: '1', amount: 2500 }],
        },
        {
          id: b.id,
          caseNumber: b.caseNumber,
          outcome: 'closed',
          version: b.version + 2,
          waivers: [{ claimId: '1', amount: 3000 }],
        },
      ],
    });
    expect(await appendedTo(a)).toEqual(closed(kr(2500)));
    expect(await appendedTo(b)).toEqual(closed(kr(3000)));
    const view = (await t.http.get(`/api/cases/${a.id}`)).body;
    expect(view.status).toBe('closed');
    expect(view.amounts).toMatchObject({ outstanding: 0, waived: 2500 });
    // Each waiver is a decision the nämnd is told of, with who took it.
    expect(view.decisions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'waiver',
          decisionMaker: expect.objectContaining({ decidedBy: 'anna.utredare' }),
        }),
      ]),
    );
    const after = await t.http.get('/api/deadlines?district=skarholmen&withinDays=90');
    expect((after.body.pastLimit.items as Json[]).map((p) => p.id)).not.toEqual(expect.arrayContaining([a.id]));
    expect(after.body.pastLimit.total).toBe(list.body.pastLimit.total - 2);
  });

  it('reports each case it cannot close, and closes the others: nothing partial, nothing silent', async () => {
    const fine = await pastLimitClaim();
    const changed = await pastLimitClaim();
    // A claim whose later payment is still within its limit: the waiver would exceed what has expired.
    const live = await givenCase(
      caseRegistered({ district: 'skarholmen', receivedOn: '2018-02-01' }),
      investigationOpened({ decidedOn: '2018-02-02' }),
      investigationCompleted({
        completedOn: '2018-02-03',
        incorrectPayments: [payment('2015-05-10', 1000), payment('2016-06-10', 2000)],
      }),
      repaymentClaimDecided({ decidedOn: '2018-02-04', amountOre: kr(3000), paymentIndexes: [0, 1] }),
    );
    // A queued case past its limits: no claim to waive, so no such closing.
    const queued = await givenCase(
      caseRegistered({
        district: 'skarholmen',
        receivedOn: '2018-12-01',
        suspectedPayments: [suspected('2015-01-10', 900)],
      }),
    );
    const elsewhere = await pastLimitClaim('farsta');
    const head = await t.as('ulla.skarholmen', 'unit-head', ['skarholmen']);
    // Her first request records who she is (the staff register); the count is taken after it.
    await head.get('/api/deadlines?withinDays=90');
    const before = await t.eventCount();

    const res = await head
      .post(PATH)
      .set('Idempotency-Key', 'mixed-1')
      .send({
        closedOn: TODAY,
        cases: [
          { id: fine.id, version: fine.version },
          { id: changed.id, version: changed.version - 1 },
          { id: live.id, version: live.version },
          { id: queued.id, version: queued.version },
          { id: elsewhere.id, version: elsewhere.version },
        ],
      });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ closed: 1, refused: 4 });
    const [ok, stale, notYet, noClaim, other] = res.body.results as Json[];
    expect(ok).toMatchObject({ id: fine.id, outcome: 'closed' });
    expect(stale).toMatchObject({
      id: changed.id,
      caseNumber: changed.caseNumber,
      outcome: 'refused',
      problem: { status: 412, code: 'stale-version', currentVersion: changed.version },
    });
    expect(notYet).toMatchObject({
      id: live.id,
      outcome: 'refused',
      problem: { status: 422, code: 'above-expired', expiredAmount: 1000 },
    });
    expect(noClaim).toMatchObject({
      id: queued.id,
      outcome: 'refused',
      problem: { status: 422, code: 'closing-reason-not-met', missing: ['repayment-claim'] },
    });
    // Another district's case is answered as an unknown one, without its number.
    expect(other).toEqual({
      id: elsewhere.id,
      caseNumber: null,
      outcome: 'refused',
      problem: expect.objectContaining({ status: 404, code: 'not-found' }),
    });
    // Only the case that closed was written to: its waiver and its closing (and the answer kept for the key).
    expect(await appendedTo(changed)).toEqual([]);
    expect(await appendedTo(live)).toEqual([]);
    expect(await appendedTo(queued)).toEqual([]);
    expect(await appendedTo(elsewhere)).toEqual([]);
    expect(await t.eventCount()).toBe(before + 3);

    // Audited per case: each case asked has its own entry, the one of another district as refused.
    const admin = await t.as('adam.admin', 'admin', []);
    for (const [c, outcome] of [
      [fine, 'requested'],
      [live, 'requested'],
      [elsewhere, 'refused'],
    ] as const) {
      const audit = await admin.get(`/api/audit?caseId=${c.id}`);
      expect(audit.body.entries ?? audit.body).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ action: 'case.close-past-limit', user: 'ulla.skarholmen', outcome }),
        ]),
      );
    }
  });

  it('answers a retry with the same key as the first time, and writes nothing more', async () => {
    const a = await pastLimitClaim();
    const body = { closedOn: TODAY, cases: [{ id: a.id, version: a.version }] };
    const first = await send(body, 'retry-1');
    expect(first.status).toBe(200);
    const count = await t.eventCount();
    const again = await send(body, 'retry-1');
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await t.eventCount()).toBe(count);
    // The same key with another request is refused.
    const other = await send({ closedOn: TODAY, cases: [{ id: a.id, version: a.version + 2 }] }, 'retry-1');
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('idempotency-key-reused');
  });

  it('after a failure part-way, a retry finds the cases it closed and closes the rest', async () => {
    const a = await pastLimitClaim();
    const b = await pastLimitClaim();
    const body = {
      closedOn: TODAY,
      cases: [
        { id: a.id, version: a.version },
        { id: b.id, version: b.version },
      ],
    };
    // As if the first attempt closed `a` and stopped before `b` and before its answer was kept.
    const requestHash = t.app.get(IdempotencyKeys).requestHash('POST', PATH, body);
    const seed = IdempotencyKeys.seed('anna.utredare', 'crash-1');
    const first = await t.app.get(CaseCommands).executePlan(
      a.id,
      (state) =>
        pastLimitClosing(state, TODAY, {
          decisionMaker: { decidedBy: 'anna.utredare', capacity: 'unit-head', delegationPoint: null },
          delegationOrder: [],
        }),
      { actor: 'anna.utredare', expectedVersion: a.version, idempotency: { key: caseSeed(seed, a.id), requestHash } },
    );
    const retry = await send(body, 'crash-1');
    expect(retry.status).toBe(200);
    expect(retry.body.results).toEqual([
      expect.objectContaining({
        id: a.id,
        outcome: 'closed',
        version: first.version,
        waivers: [{ claimId: '1', amount: 2500 }],
      }),
      expect.objectContaining({ id: b.id, outcome: 'closed', version: b.version + 2 }),
    ]);
    // `a` was closed once.
    expect((await appendedTo(a)).map((e) => e.type)).toEqual(['ClaimWaived', 'CaseClosed']);
  });

  it('needs an Idempotency-Key, a unit head, and a case picked once', async () => {
    const a = await pastLimitClaim();
    const body = { closedOn: TODAY, cases: [{ id: a.id, version: a.version }] };
    const unkeyed = await send(body, null);
    expect(unkeyed.status).toBe(400);
    expect(unkeyed.body.errors.map((e: { field: string }) => e.field)).toEqual(['Idempotency-Key']);
    const investigator = await t.as('olle.skarholmen', 'investigator', ['skarholmen']);
    const refused = await investigator.post(PATH).set('Idempotency-Key', 'inv-1').send(body);
    expect(refused.status).toBe(403);
    const twice = await send({ closedOn: TODAY, cases: [body.cases[0], body.cases[0]] });
    expect(twice.status).toBe(400);
    const none = await send({ closedOn: TODAY, cases: [] });
    expect(none.status).toBe(400);
    expect(none.body.errors.map((e: { field: string }) => e.field)).toEqual(['cases']);
    expect(await appendedTo(a)).toEqual([]);
  });
});
