import {
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

type Subject = ReturnType<typeof unnamed>;

/**
 * Lists that scale with a unit's work (issue 22): every list a unit head pages
 * through is ordered on the server by any of its columns (a whitelisted `sort`),
 * and shows the person's name to those who may read the case, never a protected one.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('2019-01-15T10:00:00+01:00');
});
afterAll(async () => {
  await t.close();
});

const { givenCase } = caseSpecification(() => t);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers
type Json = any;

const named = (name: string, gender: Subject['gender'] = 'woman'): Subject => ({
  personalIdentityNumber: null,
  name,
  gender,
});

/** Five queued cases in Skärholmen, names in an order only Swedish collation gets right, and a protected one. */
const PEOPLE: Array<[string, string, number]> = [
  // name, received, suspected kronor (paid 2016-03-01: deadline 2019-03-01)
  ['Örjan Ek', '2018-12-01', 1000],
  ['Adam Zetterlund', '2018-12-02', 4000],
  ['Åsa Berg', '2018-12-03', 2000],
  ['Ärla Holm', '2018-12-04', 3000],
  ['Zara Andersson', '2018-12-05', 500],
];
const PROTECTED_NAME = 'Aaron Skyddad';

describe('the lists a unit head pages through', () => {
  const ids = new Map<string, string>();
  let protectedId: string;
  let claimed: string;
  let investigating: string;

  beforeAll(async () => {
    for (const [name, receivedOn, amount] of PEOPLE) {
      const c = await givenCase(
        caseRegistered({
          district: 'skarholmen',
          receivedOn,
          subject: named(name),
          suspectedPayments: [suspected('2016-03-01', amount)],
        }),
      );
      ids.set(name, c.id);
    }
    protectedId = (
      await givenCase(
        caseRegistered({
          district: 'skarholmen',
          receivedOn: '2018-12-06',
          subject: named(PROTECTED_NAME),
          protectedIdentity: 'protected-registration',
          suspectedPayments: [suspected('2016-03-01', 100)],
        }),
      )
    ).id;
    // Under investigation in Hässelby-Vällingby, its money at stake from the suspicion on: on the deadline list too.
    investigating = (
      await givenCase(
        caseRegistered({
          district: 'hasselby-vallingby',
          receivedOn: '2018-11-01',
          subject: named('Bertil Utreds', 'man'),
          suspectedPayments: [suspected('2016-03-25', 1500)],
        }),
        investigationOpened({ decidedOn: '2018-11-05' }),
      )
    ).id;
    // In another district, with a claim: the city-wide list by district, in Swedish order of the names.
    claimed = (
      await givenCase(
        caseRegistered({ district: 'ostermalm', receivedOn: '2018-02-01', subject: named('Östen Claim', 'man') }),
        investigationOpened({ decidedOn: '2018-02-02' }),
        investigationCompleted({ completedOn: '2018-02-03', incorrectPayments: [payment('2016-02-10', 700)] }),
        repaymentClaimDecided({ decidedOn: '2018-02-04', amountOre: kr(700), paymentIndexes: [0] }),
      )
    ).id;
  });

  const list = async (query: string): Promise<Json> => {
    const res = await t.http.get(`/api/cases?${query}`);
    expect(res.status).toBe(200);
    return res.body;
  };

  it('orders the case list by name in Swedish order, protected identities last and unnamed', async () => {
    const body = await list('district=skarholmen&open=true&sort=name');
    expect(body.items.map((c: Json) => c.personName)).toEqual([
      'Adam Zetterlund',
      'Zara Andersson',
      'Åsa Berg',
      'Ärla Holm',
      'Örjan Ek',
      null,
    ]);
    expect(body.items.at(-1)).toMatchObject({ id: protectedId, personName: null, identityProtected: true });
    expect(body.items[0]).toMatchObject({ identityProtected: false });
    const down = await list('district=skarholmen&open=true&sort=-name');
    expect(down.items.map((c: Json) => c.personName)).toEqual([
      'Örjan Ek',
      'Ärla Holm',
      'Åsa Berg',
      'Zara Andersson',
      'Adam Zetterlund',
      null,
    ]);
  });

  it('pages an order by name without overlap', async () => {
    const first = await list('district=skarholmen&open=true&sort=name&pageSize=4&page=1');
    const second = await list('district=skarholmen&open=true&sort=name&pageSize=4&page=2');
    expect(first.total).toBe(6);
    expect([...first.items, ...second.items].map((c: Json) => c.personName)).toEqual([
      'Adam Zetterlund',
      'Zara Andersson',
      'Åsa Berg',
      'Ärla Holm',
      'Örjan Ek',
      null,
    ]);
  });

  it('orders by the amount at risk, the next deadline, the received day and the case number', async () => {
    const risk = await list('district=skarholmen&open=true&sort=-amountAtRisk');
    expect(risk.items.map((c: Json) => c.amountAtRisk)).toEqual([4000, 3000, 2000, 1000, 500, 100]);
    const oldest = await list('district=skarholmen&open=true&sort=receivedOn');
    expect(oldest.items.map((c: Json) => c.receivedOn)).toEqual([
      '2018-12-01',
      '2018-12-02',
      '2018-12-03',
      '2018-12-04',
      '2018-12-05',
      '2018-12-06',
    ]);
    const numbers = await list('district=skarholmen&open=true&sort=-caseNumber');
    const asc = [...numbers.items.map((c: Json) => c.caseNumber)].sort();
    expect(numbers.items.map((c: Json) => c.caseNumber)).toEqual(asc.reverse());
    const deadline = await list('open=true&sort=nextDeadline');
    // Östermalm's claim loses its money on 2019-02-10, before Skärholmen's on 2019-03-01.
    expect(deadline.items[0]).toMatchObject({ id: claimed, nextDeadline: '2019-02-11' });
  });

  it('orders the city by district name in Swedish order (Östermalm after Skärholmen)', async () => {
    const body = await list('open=true&sort=district');
    const order = body.items.map((c: Json) => c.district);
    expect(order.indexOf('ostermalm')).toBeGreaterThan(order.lastIndexOf('skarholmen'));
    const down = await list('open=true&sort=-district');
    expect(down.items[0].district).toBe('ostermalm');
  });

  it('refuses a column it cannot order by, naming the field', async () => {
    for (const [path, field] of [
      ['/api/cases?sort=personalIdentityNumber', 'sort'],
      ['/api/cases?sort=received_on%20DESC', 'sort'],
      ['/api/deadlines?upcomingSort=name;drop', 'upcomingSort'],
      ['/api/deadlines?pastLimitSort=-nope', 'pastLimitSort'],
      ['/api/queues?district=skarholmen&awaitingPreAssessmentSort=amountAtRisk', 'awaitingPreAssessmentSort'],
    ]) {
      const res = await t.http.get(path);
      expect({ path, status: res.status, code: res.body.code }).toEqual({
        path,
        status: 400,
        code: 'invalid-request',
      });
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    }
  });

  it('names the person in the queue and orders it by name', async () => {
    const res = await t.http.get('/api/queues?district=skarholmen&awaitingPreAssessmentSort=name');
    expect(res.status).toBe(200);
    const waiting = res.body.awaitingPreAssessment.items as Json[];
    expect(waiting.map((c) => c.personName)).toEqual([
      'Adam Zetterlund',
      'Zara Andersson',
      'Åsa Berg',
      'Ärla Holm',
      'Örjan Ek',
      null,
    ]);
    expect(waiting.at(-1)).toMatchObject({ id: protectedId, identityProtected: true });
    const newest = await t.http.get('/api/queues?district=skarholmen&awaitingPreAssessmentSort=-receivedOn');
    expect(newest.body.awaitingPreAssessment.items.map((c: Json) => c.receivedOn)[0]).toBe('2018-12-06');
  });

  it('names the person on the deadline list (queued, investigated and claimed cases) and orders it by any column', async () => {
    const byAmount = await t.http.get('/api/deadlines?district=skarholmen&withinDays=90&upcomingSort=-amountLost');
    expect(byAmount.status).toBe(200);
    expect(byAmount.body.upcoming.items.map((c: Json) => [c.personName, c.amountLostIfNothingIsDone])).toEqual([
      ['Adam Zetterlund', 4000],
      ['Ärla Holm', 3000],
      ['Åsa Berg', 2000],
      ['Örjan Ek', 1000],
      ['Zara Andersson', 500],
      [null, 100],
    ]);
    expect(byAmount.body.upcoming.items.every((c: Json) => c.stage === 'queue' && typeof c.version === 'number')).toBe(
      true,
    );
    const byName = await t.http.get('/api/deadlines?withinDays=90&upcomingSort=-name');
    expect(byName.body.upcoming.items.map((c: Json) => c.personName)).toEqual([
      'Östen Claim',
      'Örjan Ek',
      'Ärla Holm',
      'Åsa Berg',
      'Zara Andersson',
      'Bertil Utreds',
      'Adam Zetterlund',
      null,
    ]);
    // The totals are the list's, whatever its order.
    expect(byName.body.upcoming.total).toBe(8);
    // By stage, in the order a case goes: the queue, the investigation, the claim; the nearest deadline first within each.
    const byStage = await t.http.get('/api/deadlines?withinDays=90&upcomingSort=stage');
    expect(byStage.body.upcoming.items.map((c: Json) => [c.stage, c.deadline])).toEqual([
      ...Array(6).fill(['queue', '2019-03-01']),
      ['investigation', '2019-03-25'],
      ['claim', '2019-02-11'],
    ]);
    expect(byStage.body.upcoming.items.find((c: Json) => c.id === investigating)).toMatchObject({
      personName: 'Bertil Utreds',
      stage: 'investigation',
      amountLostIfNothingIsDone: 1500,
    });
  });

  it('shows no protected person in any list, not even to the unit head who may see them in the case', async () => {
    const answers = [
      (await t.http.get('/api/cases?district=skarholmen')).text,
      (await t.http.get('/api/queues?district=skarholmen')).text,
      (await t.http.get('/api/deadlines?withinDays=3650')).text,
    ];
    for (const text of answers) expect(text).not.toContain(PROTECTED_NAME);
    const view = await t.http.get(`/api/cases/${protectedId}`);
    expect(view.body.subject.name).toBe(PROTECTED_NAME);
  });

  it('shows an investigator of the district the names, and another district nothing of them', async () => {
    const olle = await t.as('olle.skarholmen', 'investigator', ['skarholmen']);
    const own = await olle.get('/api/cases?district=skarholmen&open=true&sort=name');
    expect(own.body.items[0].personName).toBe('Adam Zetterlund');
    const other = await t.as('ina.farsta', 'investigator', ['farsta']);
    const theirs = await other.get('/api/cases?open=true&sort=name');
    expect(theirs.status).toBe(200);
    expect(theirs.text).not.toMatch(/Zetterlund|Andersson|Berg|Holm|Ek"/);
  });
});
