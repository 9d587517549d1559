import {
  type LaterEvent,
  caseClosed,
  caseRegistered,
  caseSpecification,
  investigationCompleted,
  investigationOpened,
  kr,
  payment,
  repaymentClaimDecided,
  repaymentPlanAgreed,
  repaymentReceived,
  unnamed,
} from './support/given';
import { type TestApp, startTestApp } from './support/test-app';

/**
 * Missed instalments (issue 22): each repayment plan against the repayments
 * received, on the case page and in the unit head's list of plans behind.
 * The service's clock stands on Friday 2018-06-15.
 */
let t: TestApp;
const START = '2018-06-15T10:00:00+02:00';
beforeAll(async () => {
  t = await startTestApp(START);
});
afterAll(async () => {
  await t.close();
});
afterEach(() => t.clock.set(new Date(START)));

const { given, givenCase } = caseSpecification(() => t);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers checked with toMatchObject
type Json = any;

/** A case with a claim of 2 000 kr decided 2018-03-05, and what happened since. */
const claimed = (district: string, ...since: LaterEvent[]) =>
  givenCase(
    caseRegistered({ district, receivedOn: '2018-02-01', subject: unnamed('woman') }),
    investigationOpened({ decidedOn: '2018-02-02' }),
    investigationCompleted({
      completedOn: '2018-03-01',
      incorrectPayments: [payment('2017-10-25', 1000), payment('2017-11-24', 1000)],
    }),
    repaymentClaimDecided({ decidedOn: '2018-03-05', amountOre: kr(2000), paymentIndexes: [0, 1] }),
    ...since,
  );
/** 500 kr a month from 1 April 2018 (1 May is a holiday: its last day to pay is 2 May). */
const plan = repaymentPlanAgreed({ agreedOn: '2018-03-10', monthlyAmountOre: kr(500), firstDueOn: '2018-04-01' });

describe('a repayment plan on the case page: each instalment against the repayments received', () => {
  it('shows each instalment with what was paid toward it and its status today, and what is behind since when', async () => {
    const c = await claimed(
      'farsta',
      plan,
      repaymentReceived({ receivedOn: '2018-04-03', amountOre: kr(500) }),
      repaymentReceived({ receivedOn: '2018-05-25', amountOre: kr(200) }),
    );
    const res = await t.http.get(c.url).expect(200);
    const [schedule] = res.body.repaymentPlans as Json[];
    expect(schedule).toMatchObject({
      claimId: '1',
      agreedOn: '2018-03-10',
      monthlyAmount: 500,
      firstDueOn: '2018-04-01',
      ocrReference: null,
      total: 2000,
      paid: 700,
      instalmentCount: 4,
      lastDueOn: '2018-07-01',
      behind: 800,
      behindSince: '2018-05-01',
      ended: null,
    });
    expect(schedule.instalments).toEqual([
      {
        number: 1,
        dueOn: '2018-04-01',
        payBy: '2018-04-03',
        amount: 500,
        paid: 500,
        paidOn: '2018-04-03',
        status: 'paid',
      },
      { number: 2, dueOn: '2018-05-01', payBy: '2018-05-02', amount: 500, paid: 200, paidOn: null, status: 'short' },
      { number: 3, dueOn: '2018-06-01', payBy: '2018-06-01', amount: 500, paid: 0, paidOn: null, status: 'missed' },
      {
        number: 4,
        dueOn: '2018-07-01',
        payBy: '2018-07-02',
        amount: 500,
        paid: 0,
        paidOn: null,
        status: 'not-yet-due',
      },
    ]);
  });

  it('shows a replaced plan as ended, and the new one paying what was left', async () => {
    const c = await claimed(
      'farsta',
      plan,
      repaymentReceived({ receivedOn: '2018-04-03', amountOre: kr(500) }),
      repaymentPlanAgreed({ agreedOn: '2018-05-20', monthlyAmountOre: kr(300), firstDueOn: '2018-06-25' }),
    );
    const res = await t.http.get(c.url).expect(200);
    expect(res.body.repaymentPlans).toMatchObject([
      { agreedOn: '2018-03-10', ended: { on: '2018-05-20', reason: 'replaced' }, behind: 0, paid: 500 },
      { agreedOn: '2018-05-20', ended: null, total: 1500, behind: 0, instalmentCount: 5 },
    ]);
    expect(res.body.repaymentPlans[0].instalments.map((x: Json) => x.status)).toEqual(['paid', 'missed']);
  });

  it('records the OCR reference the person pays with on the plan, without spaces', async () => {
    const { res } = await given(
      caseRegistered({ district: 'farsta', receivedOn: '2018-02-01', subject: unnamed('man') }),
      investigationOpened({ decidedOn: '2018-02-02' }),
      investigationCompleted({ completedOn: '2018-03-01', incorrectPayments: [payment('2017-10-25', 1000)] }),
      repaymentClaimDecided({ decidedOn: '2018-03-05', amountOre: kr(1000), paymentIndexes: [0] }),
    )
      .when((http, c) =>
        http
          .post(`${c.url}/repayment-plan`)
          .send({ agreedOn: '2018-06-01', monthlyAmount: 250, firstDueOn: '2018-07-01', ocrReference: '1234 5678 2' }),
      )
      .then({
        status: 200,
        events: [
          {
            type: 'RepaymentPlanAgreed',
            data: {
              claimId: '1',
              agreedOn: '2018-06-01',
              monthlyAmountOre: kr(250),
              firstDueOn: '2018-07-01',
              ocrReference: '123456782',
            },
          },
        ],
      });
    const view = await t.http.get(`/api/cases/${res.body.id}`).expect(200);
    expect(view.body.repaymentPlan.ocrReference).toBe('123456782');
    expect(view.body.repaymentPlans[0].ocrReference).toBe('123456782');
  });

  it('refuses an OCR reference whose check digit is wrong, naming the field', async () => {
    await given(
      caseRegistered({ district: 'farsta', receivedOn: '2018-02-01', subject: unnamed('man') }),
      investigationOpened({ decidedOn: '2018-02-02' }),
      investigationCompleted({ completedOn: '2018-03-01', incorrectPayments: [payment('2017-10-25', 1000)] }),
      repaymentClaimDecided({ decidedOn: '2018-03-05', amountOre: kr(1000), paymentIndexes: [0] }),
    )
      .when((http, c) =>
        http
          .post(`${c.url}/repayment-plan`)
          .send({ agreedOn: '2018-06-01', monthlyAmount: 250, firstDueOn: '2018-07-01', ocrReference: '123456781' }),
      )
      .thenNothingAppended({ status: 422, code: 'invalid-ocr-reference', fields: ['ocrReference'] });
  });
});

describe('Missade avbetalningar: the unit head’s list of plans behind', () => {
  const head = () => t.as('chef.hasselby', 'unit-head', ['hasselby-vallingby', 'spanga-tensta']);
  const list = async (query = '') => (await (await head()).get(`/api/missed-instalments${query}`).expect(200)).body;

  let short: string;
  let missed: string;
  let onTime: string;
  let laterPlan: string;
  let otherDistrict: string;
  let closed: string;
  beforeAll(async () => {
    // Short on the May instalment (200 of 500), behind since 2018-05-01.
    short = (
      await claimed(
        'hasselby-vallingby',
        plan,
        repaymentReceived({ receivedOn: '2018-04-03', amountOre: kr(500) }),
        repaymentReceived({ receivedOn: '2018-05-25', amountOre: kr(700) }),
      )
    ).caseNumber;
    // Nothing paid: behind since 2018-04-01 (three instalments by 15 June).
    missed = (await claimed('spanga-tensta', plan)).caseNumber;
    // Paid ahead: 1 500 kr covers April to June.
    onTime = (
      await claimed('hasselby-vallingby', plan, repaymentReceived({ receivedOn: '2018-04-01', amountOre: kr(1500) }))
    ).caseNumber;
    // First due on 2018-06-30 (a Saturday): late from Tuesday 3 July, when its last day to pay, Monday 2 July, has passed.
    laterPlan = (
      await claimed(
        'hasselby-vallingby',
        repaymentPlanAgreed({ agreedOn: '2018-06-01', monthlyAmountOre: kr(400), firstDueOn: '2018-06-30' }),
      )
    ).caseNumber;
    // Another unit head's district, and a closed case: not in the list.
    otherDistrict = (await claimed('farsta', plan)).caseNumber;
    // Closed while still owing (as it stood before issue 20's rule): its plan ended with the case.
    closed = (await claimed('hasselby-vallingby', plan, caseClosed({ closedOn: '2018-05-20', reason: 'no-action' })))
      .caseNumber;
  });

  it('lists the plans of the unit head’s districts behind today, the longest behind first, with the amount and since when', async () => {
    const body = await list();
    expect(body).toMatchObject({ today: '2018-06-15', districts: ['hasselby-vallingby', 'spanga-tensta'], total: 2 });
    expect(body.items).toEqual([
      expect.objectContaining({
        caseNumber: missed,
        district: 'spanga-tensta',
        claimId: '1',
        planAgreedOn: '2018-03-10',
        monthlyAmount: 500,
        behind: 1500,
        since: '2018-04-01',
        payBy: '2018-04-03',
        daysBehind: 73,
        instalmentsBehind: 3,
        paid: 0,
        total: 2000,
      }),
      expect.objectContaining({
        caseNumber: short,
        district: 'hasselby-vallingby',
        behind: 300,
        since: '2018-06-01',
        instalmentsBehind: 1,
        paid: 1200,
      }),
    ]);
    const numbers = body.items.map((i: Json) => i.caseNumber);
    for (const absent of [onTime, laterPlan, otherDistrict, closed]) expect(numbers).not.toContain(absent);
  });

  it('stays right as the days pass without a write: on 3 July the June plan’s first instalment is late too', async () => {
    t.clock.set(new Date('2018-07-02T10:00:00+02:00'));
    expect((await list()).items.map((i: Json) => i.caseNumber)).not.toContain(laterPlan);
    t.clock.set(new Date('2018-07-03T10:00:00+02:00'));
    const body = await list();
    expect(body.total).toBe(4);
    expect(body.items.find((i: Json) => i.caseNumber === laterPlan)).toMatchObject({
      behind: 400,
      since: '2018-06-30',
      payBy: '2018-07-02',
      daysBehind: 1,
    });
    // The case paid ahead to June is behind on the July instalment (its last day to pay was 2 July).
    expect(body.items.find((i: Json) => i.caseNumber === onTime)).toMatchObject({ behind: 500, since: '2018-07-01' });
    // The one with nothing paid is a month further behind.
    expect(body.items[0]).toMatchObject({ caseNumber: missed, behind: 2000, instalmentsBehind: 4 });
  });

  it('pages the list and filters it to one district', async () => {
    const page = await list('?pageSize=1&page=2');
    expect(page).toMatchObject({ total: 2, page: 2, pageSize: 1, items: [{ caseNumber: short }] });
    const one = await list('?district=spanga-tensta');
    expect(one).toMatchObject({ districts: ['spanga-tensta'], total: 1, items: [{ caseNumber: missed }] });
  });

  it('drops a plan from the list once a repayment brings it up to date', async () => {
    const c = await claimed(
      'hasselby-vallingby',
      plan,
      repaymentReceived({ receivedOn: '2018-04-02', amountOre: kr(500) }),
    );
    expect((await list()).items.map((i: Json) => i.caseNumber)).toContain(c.caseNumber);
    await t.http
      .post(`${c.url}/repayments`)
      .send({ receivedOn: '2018-06-14', amount: 1000, kind: 'claim' })
      .expect(200);
    expect((await list()).items.map((i: Json) => i.caseNumber)).not.toContain(c.caseNumber);
  });

  it('answers another district 403, and the department 403', async () => {
    const res = await (await head()).get('/api/missed-instalments?district=farsta');
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('district-not-permitted');
    const dept = await t.as('dept.stat', 'department', []);
    expect((await dept.get('/api/missed-instalments')).status).toBe(403);
  });
});

describe('Missade avbetalningar: the person’s name as the other lists show it (issue 22)', () => {
  const NAME = 'Nina Namnsson';
  const PROTECTED_NAME = 'Petra Skyddad';
  /** A claimed case in Skärholmen behind on its plan, its person named, protected or not. */
  const behind = (name: string, protectedIdentity?: 'protected-registration') =>
    givenCase(
      caseRegistered({
        district: 'skarholmen',
        receivedOn: '2018-02-01',
        subject: { personalIdentityNumber: null, name, gender: 'woman' },
        ...(protectedIdentity ? { protectedIdentity } : {}),
      }),
      investigationOpened({ decidedOn: '2018-02-02' }),
      investigationCompleted({ completedOn: '2018-03-01', incorrectPayments: [payment('2017-10-25', 2000)] }),
      repaymentClaimDecided({ decidedOn: '2018-03-05', amountOre: kr(2000), paymentIndexes: [0] }),
      plan,
    );

  it('names the person to the unit head of the district, and never a protected person', async () => {
    const named = await behind(NAME);
    const hidden = await behind(PROTECTED_NAME, 'protected-registration');
    const head = await t.as('chef.skarholmen', 'unit-head', ['skarholmen']);
    const res = await head.get('/api/missed-instalments?district=skarholmen').expect(200);
    expect(res.body.items.find((i: Json) => i.id === named.id)).toMatchObject({
      personName: NAME,
      identityProtected: false,
    });
    expect(res.body.items.find((i: Json) => i.id === hidden.id)).toMatchObject({
      personName: null,
      identityProtected: true,
    });
    // Not anywhere in the answer: the protected person's name is never decrypted for a list.
    expect(res.text).not.toContain(PROTECTED_NAME);
  });
});
