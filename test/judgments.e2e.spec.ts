import {
  type LaterEvent,
  caseRegistered,
  caseSpecification,
  compensationSuitDecided,
  compensationSuitFiled,
  investigationCompleted,
  investigationOpened,
  kr,
  payment,
  repaymentClaimDecided,
  repaymentReceived,
  unnamed,
} from './support/given';
import { type TestApp, startTestApp } from './support/test-app';

/**
 * Ersättningstalan and what follows a judgment (issue 20): the ability to pay
 * is for the court to weigh, so a suit without an assessment is filed with a
 * warning; after the judgment its legal force, appeals, enforcement by
 * Kronofogden and the judgment debt's own ten-year limitation.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('2019-06-28T10:00:00+02:00');
});
afterAll(async () => {
  await t.close();
});
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers checked with toMatchObject
type Json = any;

const { given, givenCase } = caseSpecification(() => t);

/** 8 000 kr claimed; 3 000 kr paid 2016-07-01, whose three-year limit runs out on Monday 2019-07-01. */
const claimed: [ReturnType<typeof caseRegistered>, ...LaterEvent[]] = [
  caseRegistered({ receivedOn: '2018-02-01', subject: unnamed('woman') }),
  investigationOpened(),
  investigationCompleted({ incorrectPayments: [payment('2016-07-01', 3000), payment('2017-03-01', 5000)] }),
  repaymentClaimDecided({ amountOre: kr(8000), paymentIndexes: [0, 1] }),
];

describe('a protective filing without an ability-to-pay assessment (item 4)', () => {
  it('the decision is accepted with the warning on the event', () =>
    given(...claimed)
      .when((http, c) => http.post(`${c.url}/compensation-suit-decisions`).send({ decidedOn: '2019-06-28' }))
      .then({
        status: 200,
        events: [
          {
            type: 'CompensationSuitDecided',
            data: {
              claimId: '1',
              decidedOn: '2019-06-28',
              abilityToPayWarning: 'not-assessed',
              // The decision to sue is the nämnd's decision: the one who records it is named (issue 20).
              decisionMaker: { decidedBy: 'anna.utredare', capacity: 'unit-head', delegationPoint: null },
            },
          },
        ],
      }));

  it('the filing two days before a deadline is accepted with the warning on the event, and the case view shows it', async () => {
    const { case: c } = await given(...claimed, compensationSuitDecided({ decidedOn: '2019-06-28' }))
      .when((http, c) => http.post(`${c.url}/compensation-suits`).send({ filedOn: '2019-06-28', amount: 8000 }))
      .then({
        status: 200,
        events: [
          {
            type: 'CompensationSuitFiled',
            data: { claimId: '1', filedOn: '2019-06-28', amountOre: kr(8000), abilityToPayWarning: 'not-assessed' },
          },
        ],
      });
    const view: Json = (await t.http.get(c.url)).body;
    expect(view.compensationSuits).toEqual([
      { claimId: '1', filedOn: '2019-06-28', amount: 8000, abilityToPayWarning: 'not-assessed' },
    ]);
    // The deadline is met: nothing is at risk any more.
    expect(view.threeYearLimit).toMatchObject({ claimableToday: 0, expiredToday: 0, nextDeadline: null });
  });

  it('against an assessment that found no means, the filing carries that warning', () =>
    given(
      ...claimed,
      { type: 'AbilityToPayAssessed', data: { assessedOn: '2019-05-02', able: false } },
      compensationSuitDecided({ decidedOn: '2019-06-27' }),
    )
      .when((http, c) => http.post(`${c.url}/compensation-suits`).send({ filedOn: '2019-06-28', amount: 3000 }))
      .then({
        status: 200,
        events: [
          {
            type: 'CompensationSuitFiled',
            data: { claimId: '1', filedOn: '2019-06-28', amountOre: kr(3000), abilityToPayWarning: 'not-able' },
          },
        ],
      }));
});

describe('after the judgment (item "after a judgment")', () => {
  /** Sued for the whole 8 000 kr on 2018-05-02; the förvaltningsrätt awarded 7 000 kr on 2018-09-03. */
  const judged = [
    ...claimed,
    compensationSuitDecided({ decidedOn: '2018-05-01' }),
    compensationSuitFiled({ filedOn: '2018-05-02', amountOre: kr(8000) }),
    {
      type: 'CompensationJudgmentDecided',
      data: { claimId: '1', decidedOn: '2018-09-03', awardedAmountOre: kr(7000) },
    } as LaterEvent,
  ] as const;

  it('Kronofogden cannot be asked before the judgment has gained legal force', () =>
    given(...judged)
      .when((http, c) => http.post(`${c.url}/enforcement-applications`).send({ appliedOn: '2018-09-10', amount: 7000 }))
      .thenNothingAppended({ status: 409, code: 'judgment-not-final' }));

  it('legal force no earlier than three weeks after the judgment', () =>
    given(...judged)
      .when((http, c) => http.post(`${c.url}/judgment-legal-force`).send({ legalForceOn: '2018-09-20' }))
      .thenNothingAppended({
        status: 422,
        code: 'legal-force-too-early',
        fields: ['legalForceOn'],
        body: { earliestDate: '2018-09-24' },
      }));

  it('appeal, the higher court changes the amount, legal force, enforcement and its outcome; the case view shows the debt', async () => {
    const c = await givenCase(...judged);
    const step = async (route: string, body: object) => {
      const res = await t.http.post(`${c.url}/${route}`).send(body);
      if (res.status !== 200) throw new Error(`${route}: ${res.status} ${JSON.stringify(res.body)}`);
    };
    await step('judgment-appeals', { appealedOn: '2018-09-20', appellant: 'municipality' });
    const pending: Json = (await t.http.get(c.url)).body;
    expect(pending.judgmentDebts[0]).toMatchObject({ appealPending: true, legalForceOn: null, enforceable: 0 });
    expect(pending.steps.find((s: Json) => s.id === 'judgment-legal-force')).toMatchObject({
      available: false,
      unavailable: { code: 'appeal-pending' },
    });
    await step('judgment-appeal-outcomes', { decidedOn: '2019-01-15', outcome: 'changed', awardedAmount: 8000 });
    await step('judgment-legal-force', { legalForceOn: '2019-02-06' });
    await step('repayments', { receivedOn: '2019-02-20', amount: 500, kind: 'compensation' });
    await step('enforcement-applications', { appliedOn: '2019-03-01', amount: 7500, caseReference: '12-345678-19' });
    await step('enforcement-outcomes', { decidedOn: '2019-05-15', outcome: 'distraint', amount: 2000 });

    const view: Json = (await t.http.get(c.url)).body;
    expect(view.judgmentDebts).toEqual([
      {
        claimId: '1',
        judgedOn: '2018-09-03',
        judgedAmount: 7000,
        awardedAmount: 8000,
        appeals: [
          {
            appealedOn: '2018-09-20',
            appellant: 'municipality',
            court: 'kammarratten',
            outcome: { decidedOn: '2019-01-15', outcome: 'changed', awardedAmount: 8000 },
          },
        ],
        appealPending: false,
        legalForceOn: '2019-02-06',
        paid: 500,
        waived: 0,
        remaining: 7500,
        enforceable: 7500,
        enforcement: [
          {
            appliedOn: '2019-03-01',
            amount: 7500,
            caseReference: '12-345678-19',
            outcome: { decidedOn: '2019-05-15', outcome: 'distraint', amount: 2000 },
          },
        ],
        // Ten years from the end of the enforcement, the latest interruption (preskriptionslagen 5-7 §§).
        limitation: {
          years: 10,
          runsFrom: '2019-05-15',
          reason: 'enforcement-ended',
          lastDay: '2029-05-15',
          timeBarred: false,
          enforcementPending: false,
        },
      },
    ]);
    // What the judgment awards is out of the three-year limit's reach.
    expect(view.threeYearLimit).toMatchObject({ coveredByJudgments: 8000, claimableToday: 0, expiredToday: 0 });
    // The repayment form proposes a judgment's kind once there is one.
    const repayment = view.steps.find((s: Json) => s.id === 'repayment');
    expect(repayment.fields.find((f: Json) => f.name === 'kind')).toMatchObject({ initial: 'compensation' });
  });

  it('a written demand interrupts the judgment debt’s limitation', async () => {
    const { res, case: c } = await given(...judged)
      .when((http, c) =>
        http.post(`${c.url}/judgment-debt-interruptions`).send({ interruptedOn: '2019-06-01', kind: 'demand' }),
      )
      .then({
        status: 200,
        events: [
          { type: 'JudgmentDebtInterrupted', data: { claimId: '1', interruptedOn: '2019-06-01', kind: 'demand' } },
        ],
      });
    expect(res.body.version).toBe(c.version + 1);
    expect((await t.http.get(c.url)).body.judgmentDebts[0].limitation).toMatchObject({
      runsFrom: '2019-06-01',
      reason: 'demand',
      lastDay: '2029-06-01',
    });
  });

  it('a repayment after the judgment is recorded as before, and lowers what can be enforced', async () => {
    const { case: c } = await given(
      ...judged,
      { type: 'JudgmentGainedLegalForce', data: { claimId: '1', legalForceOn: '2018-09-24' } } as LaterEvent,
      repaymentReceived({ receivedOn: '2018-10-01', amountOre: kr(1000), kind: 'compensation' }),
    )
      .when((http, c) =>
        http.post(`${c.url}/enforcement-applications`).send({ appliedOn: '2018-11-01', amount: 6000.01 }),
      )
      .thenNothingAppended({ status: 422, code: 'above-enforceable', body: { enforceableAmount: 6000 } });
    expect((await t.http.get(c.url)).body.amounts).toMatchObject({ claimed: 8000, repaid: 1000, outstanding: 7000 });
  });
});
