import { apiClient } from './support/api-client';
import {
  type LaterEvent,
  caseRegistered,
  caseSpecification,
  investigationCompleted,
  investigationOpened,
  kr,
  payment,
  repaymentClaimDecided,
  suspected,
  unnamed,
} from './support/given';
import { type TestApp, startTestApp } from './support/test-app';

/** The three-year limit runs from each payment: the deadline list shows money at stake from the day a suspicion is registered. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('2019-01-15T10:00:00+01:00');
});
afterAll(async () => {
  await t.close();
});

const { post, get } = apiClient(() => t);
const { givenCase } = caseSpecification(() => t);
/** A case in Skärholmen received on a day with its suspected payments, and what happened since. */
const register = async (
  receivedOn: string,
  payments: Array<[string, number]>,
  ...since: LaterEvent[]
): Promise<string> =>
  (
    await givenCase(
      caseRegistered({
        district: 'skarholmen',
        receivedOn,
        source: 'caseworker',
        subject: unnamed('woman'),
        suspectedPayments: payments.map(([paidOn, amount]) => suspected(paidOn, amount)),
      }),
      ...since,
    )
  ).id;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers checked with toMatchObject
type Json = any;

describe('deadlines from the day a suspicion is registered', () => {
  let queued: string;
  let queuedLater: string;
  let investigating: string;
  let stale: string;
  let claimed: string;

  beforeAll(async () => {
    queued = await register('2018-12-01', [['2016-02-25', 4000]]); // deadline 2019-02-25
    queuedLater = await register('2018-12-02', [['2018-06-25', 1000]]); // deadline 2021-06-25
    investigating = await register(
      '2018-11-01',
      [
        ['2016-03-25', 1500],
        ['2016-04-25', 2500],
      ],
      investigationOpened({ decidedOn: '2018-11-05' }),
    ); // 2019-03-25 (1500 kr), then 2019-04-25
    stale = await register('2018-12-03', [['2015-06-25', 700]]); // deadline 2018-06-25, passed
    claimed = await register(
      '2018-02-01',
      [],
      investigationOpened({ decidedOn: '2018-02-02' }),
      investigationCompleted({
        completedOn: '2018-02-03',
        cause: 'other',
        incorrectPayments: [payment('2016-03-10', 3000)],
      }),
      repaymentClaimDecided({ decidedOn: '2018-02-04', amountOre: kr(3000), paymentIndexes: [0] }),
    );
  });

  it('lists a queued case whose suspected payment runs out within the window, with the amount at risk', async () => {
    const d: Json = (await get('/deadlines?district=skarholmen&withinDays=90')).body;
    expect(
      d.upcoming.items.map((c: Json) => [c.id, c.stage, c.deadline, c.daysLeft, c.amountLostIfNothingIsDone]),
    ).toEqual([
      [queued, 'queue', '2019-02-25', 41, 4000],
      [claimed, 'claim', '2019-03-11', 55, 3000],
      [investigating, 'investigation', '2019-03-25', 69, 1500],
    ]);
    expect(d.upcoming.items.find((c: Json) => c.id === investigating)).toMatchObject({ claimableAmount: 4000 });
    expect(d.upcoming.items.map((c: Json) => c.id)).not.toContain(queuedLater);
    expect(d.upcoming).toMatchObject({ total: 3, page: 1, pageSize: 50, amountLostIfNothingIsDone: 8500 });
  });

  it('lists a queued case whose payments are all past their limits, suggesting no investigation', async () => {
    const d: Json = (await get('/deadlines?district=skarholmen&withinDays=90')).body;
    expect(d.pastLimit.items).toEqual([
      expect.objectContaining({
        id: stale,
        stage: 'queue',
        lastDeadline: '2018-06-25',
        expiredAmount: 700,
        suggestedPreAssessment: { decision: 'no-investigation', reason: 'time-limit' },
      }),
    ]);
    expect(d.pastLimit).toMatchObject({ total: 1, expiredAmount: 700 });
  });

  it('shows the limit of each queued case in the queue', async () => {
    const q: Json = (await get('/queues?district=skarholmen')).body;
    const item = (id: string) => q.awaitingPreAssessment.items.find((c: Json) => c.id === id);
    expect(item(queued).threeYearLimit).toEqual({
      nextDeadline: '2019-02-25',
      daysLeft: 41,
      amountLostIfNothingIsDone: 4000,
      claimableAmount: 4000,
      expiredAmount: 0,
    });
    expect(item(stale).threeYearLimit).toMatchObject({ nextDeadline: null, claimableAmount: 0, expiredAmount: 700 });
    expect(q.openInvestigations.items[0]).toMatchObject({
      id: investigating,
      threeYearLimit: { nextDeadline: '2019-03-25', amountLostIfNothingIsDone: 1500 },
    });
  });

  it('the case view counts the suspected payments before any claim', async () => {
    const view: Json = (await get(`/cases/${queued}`)).body;
    expect(view.threeYearLimit).toMatchObject({ claimableToday: 4000, nextDeadline: '2019-02-25' });
  });

  it('a pre-assessment that opens an investigation on payments all past their limits says so', async () => {
    await post(`/cases/${stale}/assessment`, { decidedOn: '2019-01-10', decision: 'open-investigation' });
    const view: Json = (await get(`/cases/${stale}`)).body;
    expect(view.assessment).toMatchObject({
      decision: 'open-investigation',
      paymentsPastLimit: { expiredAmount: 700 },
    });
    const history: Json[] = (await get(`/cases/${stale}/history`)).body;
    expect(history[1].data).toMatchObject({ paymentsPastLimit: { expiredAmountOre: 70_000 } });
  });
});
