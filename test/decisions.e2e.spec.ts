import type { Response } from 'supertest';
import {
  type LaterEvent,
  type Registration,
  caseRegistered,
  caseSpecification,
  investigationCompleted,
  investigationOpened,
  kr,
  payment,
  repaymentClaimDecided,
  unnamed,
} from './support/given';
import { type TestApp, startTestApp } from './support/test-app';

/**
 * Issue 20, the decisions: who decided under which point of the nämnd's
 * delegation order, the list of delegated decisions the nämnd is told of,
 * kommunicering before an adverse decision, waivers refused, and the
 * paragraph and the appeal of each decision in the case view.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('2026-02-10T10:00:00+01:00');
});
afterAll(async () => {
  await t.close();
});

const { given, givenCase } = caseSpecification(() => t);
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers checked with toMatchObject
type Json = any;
async function ok(res: Promise<Response> | Response, status = 200): Promise<Response> {
  const r = await res;
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`);
  return r;
}

/**
 * Skarpnäck's nämnd has a delegation order in these tests; the other districts have none registered.
 * A district that still exists on the test's clock: a case of an ended one moves to its successor on the write.
 */
const DISTRICT = 'skarpnack';
type History = [Registration, ...LaterEvent[]];
const investigated = (district = DISTRICT): History => [
  caseRegistered({ district, subject: unnamed('woman') }),
  investigationOpened(),
  investigationCompleted({ incorrectPayments: [payment('2017-06-23', 8000)] }),
];
const claimed = (district = DISTRICT): History => [
  ...investigated(district),
  repaymentClaimDecided({ amountOre: kr(8000), paymentIndexes: [0] }),
];
const communicationSent = (
  concerning: 'repayment-claim' | 'waiver',
  sentOn: string,
  respondBy: string,
): LaterEvent => ({
  type: 'CommunicationSent',
  data: { communicationId: '1', concerning, sentOn, respondBy, material: 'Utredningen och beräkningen.' },
});

describe('the delegation order, as an administrator keeps it', () => {
  beforeAll(async () => {
    const admin = await t.as('adam.admin', 'admin');
    await ok(
      admin.post('/api/delegation-points').send({
        number: '4.1',
        title: 'Beslut om återkrav av ekonomiskt bistånd',
        decisionTypes: ['repayment-claim'],
        delegates: ['unit-head'],
        districts: [DISTRICT],
        maxAmount: 50000,
        validFrom: '2018-01-01',
      }),
    );
    await ok(
      admin.post('/api/delegation-points').send({
        number: '4.2',
        title: 'Beslut om eftergift och att inte inleda utredning',
        decisionTypes: ['waiver', 'no-investigation'],
        delegates: ['unit-head', 'fut-investigator'],
        districts: [DISTRICT],
        validFrom: '2018-01-01',
      }),
    );
  });

  it('lists the points, and refuses a change from anyone but an administrator', async () => {
    const points = await ok(t.http.get('/api/delegation-points'));
    expect(points.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ number: '4.1', delegates: ['unit-head'], maxAmount: 50000, validTo: null }),
      ]),
    );
    const refused = await t.http.post('/api/delegation-points').send({
      number: '9.9',
      title: 'x',
      decisionTypes: ['waiver'],
      delegates: ['unit-head'],
      validFrom: '2018-01-01',
    });
    expect(refused.status).toBe(403);
  });

  it('refuses a claim by someone the order does not delegate claims to, naming who may', () =>
    given(...investigated())
      .as('eva.utredare', 'investigator', [DISTRICT])
      .when((http, c) =>
        http.post(`${c.url}/repayment-claims`).send({ decidedOn: '2018-03-05', legalBasis: 'SoL 9:1', amount: 8000 }),
      )
      .thenNothingAppended({
        status: 422,
        code: 'not-a-delegate',
        fields: ['decidedAs'],
        body: { delegationPoints: [{ number: '4.1', delegates: ['unit-head'] }] },
      }));

  it('refuses a point that does not cover the decision', () =>
    given(...investigated())
      .when((http, c) =>
        http.post(`${c.url}/repayment-claims`).send({
          decidedOn: '2018-03-05',
          legalBasis: 'SoL 9:1',
          amount: 8000,
          decidedBy: 'Ulla Enhetschef',
          decidedAs: 'unit-head',
          delegationPoint: '4.2',
        }),
      )
      .thenNothingAppended({ status: 422, code: 'delegation-point-does-not-cover', fields: ['delegationPoint'] }));

  it("records the unit head's claim under the point, when the investigator records it for her", () =>
    given(...investigated())
      .as('eva.utredare', 'investigator', [DISTRICT])
      .when((http, c) =>
        http.post(`${c.url}/repayment-claims`).send({
          decidedOn: '2018-03-05',
          legalBasis: 'SoL 9:1',
          amount: 8000,
          decidedBy: 'Ulla Enhetschef',
          decidedAs: 'unit-head',
        }),
      )
      .then({
        status: 200,
        events: [
          repaymentClaimDecided({
            amountOre: kr(8000),
            paymentIndexes: [0],
            decisionMaker: { decidedBy: 'Ulla Enhetschef', capacity: 'unit-head', delegationPoint: '4.1' },
          }),
        ],
      }));

  it('records the signed-in user as the decision-maker when the request names none', () =>
    given(...investigated('farsta'))
      .when((http, c) =>
        http.post(`${c.url}/repayment-claims`).send({ decidedOn: '2018-03-05', legalBasis: 'SoL 9:1', amount: 8000 }),
      )
      .then({
        status: 200,
        events: [
          repaymentClaimDecided({
            amountOre: kr(8000),
            paymentIndexes: [0],
            // Farsta's nämnd has no order in the register: no point to name.
            decisionMaker: { decidedBy: 'anna.utredare', capacity: 'unit-head', delegationPoint: null },
          }),
        ],
      }));

  it('refuses an amount above the limit of the point', () =>
    given(
      caseRegistered({ district: DISTRICT, subject: unnamed('man') }),
      investigationOpened(),
      investigationCompleted({ incorrectPayments: [payment('2017-06-23', 60000)] }),
    )
      .when((http, c) =>
        http.post(`${c.url}/repayment-claims`).send({ decidedOn: '2018-03-05', legalBasis: 'SoL 9:1', amount: 60000 }),
      )
      .thenNothingAppended({ status: 422, code: 'above-delegation-limit', body: { maximumAmount: 50000 } }));

  it('holds the decision not to open an investigation to the order too', () =>
    given(caseRegistered({ district: DISTRICT, subject: unnamed('man') }))
      .when((http, c) =>
        http.post(`${c.url}/assessment`).send({
          decidedOn: '2018-02-10',
          decision: 'no-investigation',
          reason: 'no-grounds',
          decidedAs: 'section-head',
          decidedBy: 'Sture Sektionschef',
        }),
      )
      .thenNothingAppended({ status: 422, code: 'not-a-delegate' }));
});

describe('the delegated decisions a nämnd is told of (anmälan av delegationsbeslut)', () => {
  const period = `district=${DISTRICT}&from=2018-03-01&to=2018-03-31`;
  let caseNumber: string;
  beforeAll(async () => {
    const c = await givenCase(...investigated());
    caseNumber = c.caseNumber;
    await ok(
      t.http.post(`${c.url}/repayment-claims`).send({
        decidedOn: '2018-03-07',
        legalBasis: 'SoL 9:1',
        amount: 7500,
        decidedBy: '=HYPERLINK("http://x")',
        decidedAs: 'unit-head',
      }),
    );
    // The nämnd's own decision is in its minutes, not in the list.
    const board = await givenCase(...investigated());
    await ok(
      t.http.post(`${board.url}/repayment-claims`).send({
        decidedOn: '2018-03-08',
        legalBasis: 'SoL 9:1',
        amount: 8000,
        decidedAs: 'board',
      }),
    );
  });

  it('lists each decision with who took it, in what capacity, under which point and paragraph', async () => {
    const chief = await t.as('ulla.chef', 'unit-head', [DISTRICT]);
    const res = await ok(chief.get(`/api/delegated-decisions?${period}`));
    const mine = (res.body as Json).decisions.filter((d: Json) => d.caseNumber === caseNumber);
    expect(mine).toEqual([
      expect.objectContaining({
        decidedOn: '2018-03-07',
        type: 'repayment-claim',
        label: 'Beslut om återkrav',
        legalParagraph: '9 kap. 1 § SoL (2001:453)',
        amount: 7500,
        decidedBy: '=HYPERLINK("http://x")',
        capacity: 'unit-head',
        capacityLabel: 'Enhetschef',
        delegationPoint: '4.1',
        delegationPointTitle: 'Beslut om återkrav av ekonomiskt bistånd',
        imported: false,
      }),
    ]);
    expect((res.body as Json).decisions.some((d: Json) => d.decidedOn === '2018-03-08')).toBe(false);
  });

  it('gives the same list as CSV for Swedish Excel, as a workbook and as a PDF', async () => {
    const department = await t.as('doris', 'department', []);
    const csv = await ok(department.get(`/api/delegated-decisions/export.csv?${period}`));
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.text).toContain('Beslutsdatum;Ärendenummer;Beslut;Lagrum;Belopp (kr);Beslutsfattare');
    expect(csv.text).toContain(`2018-03-07;${caseNumber};Beslut om återkrav;9 kap. 1 § SoL (2001:453);7500,00;`);
    // The one CSV writer keeps a decision-maker's name from becoming a formula.
    expect(csv.text).toContain(`"'=HYPERLINK(""http://x"")"`);
    const pdf = await ok(
      department
        .get(`/api/delegated-decisions/export.pdf?${period}`)
        .buffer(true)
        .parse((r, done) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => done(null, Buffer.concat(chunks)));
        }),
    );
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    const xlsx = await department.get(`/api/delegated-decisions/export.xlsx?${period}`);
    expect(xlsx.status).toBe(200);
  });

  it("keeps another district's decisions from a unit head, and the list from investigators", async () => {
    const otherChief = await t.as('bo.chef', 'unit-head', ['farsta']);
    expect((await otherChief.get(`/api/delegated-decisions?${period}`)).status).toBe(403);
    const investigator = await t.as('eva.utredare', 'investigator', [DISTRICT]);
    expect((await investigator.get(`/api/delegated-decisions?${period}`)).status).toBe(403);
    const department = await t.as('doris', 'department', []);
    const backwards = await department.get(
      `/api/delegated-decisions?district=${DISTRICT}&from=2018-04-01&to=2018-03-01`,
    );
    expect(backwards.status).toBe(400);
  });
});

describe('kommunicering before an adverse decision (förvaltningslagen 25 §)', () => {
  it('records what was sent, when, and the last day to respond', () =>
    given(...investigated('farsta'))
      .when((http, c) =>
        http.post(`${c.url}/communications`).send({
          concerning: 'repayment-claim',
          sentOn: '2018-03-05',
          respondBy: '2018-03-19',
          material: 'Utredningen och beräkningen.',
        }),
      )
      .then({ status: 200, events: [communicationSent('repayment-claim', '2018-03-05', '2018-03-19')] }));

  it('refuses a claim decided before the last day to respond, naming that day', () =>
    given(...investigated('farsta'), communicationSent('repayment-claim', '2018-03-05', '2018-03-19'))
      .when((http, c) =>
        http.post(`${c.url}/repayment-claims`).send({ decidedOn: '2018-03-12', legalBasis: 'SoL 9:1', amount: 8000 }),
      )
      .thenNothingAppended({
        status: 422,
        code: 'communication-deadline-not-passed',
        fields: ['decidedOn'],
        body: { respondBy: '2018-03-19' },
      }));

  it('takes the claim under an exception of 25 § second paragraph, recorded on the decision', async () => {
    const { res } = await given(
      ...investigated('farsta'),
      communicationSent('repayment-claim', '2018-03-05', '2018-03-19'),
    )
      .when((http, c) =>
        http.post(`${c.url}/repayment-claims`).send({
          decidedOn: '2018-03-12',
          legalBasis: 'SoL 9:1',
          amount: 8000,
          communicationException: 'cannot-be-postponed',
        }),
      )
      .then({
        status: 200,
        events: [
          repaymentClaimDecided({
            decidedOn: '2018-03-12',
            amountOre: kr(8000),
            paymentIndexes: [0],
            communicationException: 'cannot-be-postponed',
            decisionMaker: { decidedBy: 'anna.utredare', capacity: 'unit-head', delegationPoint: null },
          }),
        ],
      });
    const view = await ok(t.http.get(`/api/cases/${res.body.id}`));
    expect((view.body as Json).repaymentClaims[0].communication).toMatchObject({
      status: 'exception',
      exception: 'cannot-be-postponed',
    });
  });

  it('takes the claim once the person has responded, and records the response', async () => {
    const c = await givenCase(
      ...investigated('farsta'),
      communicationSent('repayment-claim', '2018-03-05', '2018-03-19'),
    );
    await ok(
      t.http.post(`${c.url}/communication-answers`).send({
        answer: 'responded',
        answeredOn: '2018-03-09',
        response: 'Jag bestrider kravet.',
      }),
    );
    await ok(
      t.http.post(`${c.url}/repayment-claims`).send({ decidedOn: '2018-03-12', legalBasis: 'SoL 9:1', amount: 8000 }),
    );
    const view = (await ok(t.http.get(`/api/cases/${c.id}`))).body as Json;
    expect(view.communications[0]).toMatchObject({
      respondBy: '2018-03-19',
      answer: { answer: 'responded', answeredOn: '2018-03-09', response: 'Jag bestrider kravet.' },
    });
    expect(view.repaymentClaims[0].communication.status).toBe('responded');
  });
});

describe('a waiver: the application, the reasons, the decision-maker; granted or refused', () => {
  it('refuses an application after its kommunicering, and the claim stands', async () => {
    const { res } = await given(...claimed('farsta'), communicationSent('waiver', '2018-04-02', '2018-04-16'))
      .when((http, c) =>
        http.post(`${c.url}/waivers`).send({
          decidedOn: '2018-04-20',
          decision: 'refused',
          applicationReceivedOn: '2018-03-20',
          amount: 8000,
          reasons: 'Inga särskilda skäl.',
        }),
      )
      .then({
        status: 200,
        events: [
          {
            type: 'WaiverRefused',
            data: {
              claimId: '1',
              decidedOn: '2018-04-20',
              applicationReceivedOn: '2018-03-20',
              amountAppliedOre: kr(8000),
              reasons: 'Inga särskilda skäl.',
              decisionMaker: { decidedBy: 'anna.utredare', capacity: 'unit-head', delegationPoint: null },
            },
          },
        ],
      });
    const view = (await ok(t.http.get(`/api/cases/${res.body.id}`))).body as Json;
    expect(view.amounts).toMatchObject({ outstanding: 8000, waived: 0 });
    expect(view.waiverRefusals[0]).toMatchObject({
      applicationReceivedOn: '2018-03-20',
      legalParagraph: { reference: '9 kap. 4 § SoL (2001:453)' },
      communication: { status: 'response-time-over' },
    });
    expect(view.decisions.find((d: Json) => d.type === 'waiver')).toMatchObject({
      outcome: 'refused',
      appeal: { appealable: true, routes: ['legality-review'] },
    });
  });

  it('refuses a refusal before the last day to respond', () =>
    given(...claimed('farsta'), communicationSent('waiver', '2018-04-02', '2018-04-16'))
      .when((http, c) =>
        http
          .post(`${c.url}/waivers`)
          .send({ decidedOn: '2018-04-10', decision: 'refused', applicationReceivedOn: '2018-03-20' }),
      )
      .thenNothingAppended({
        status: 422,
        code: 'communication-deadline-not-passed',
        body: { respondBy: '2018-04-16' },
      }));

  it('records the application and the reasons of a waiver granted; as before, a waiver without them still goes in', async () => {
    const { res } = await given(...claimed('farsta'))
      .when((http, c) =>
        http.post(`${c.url}/waivers`).send({
          decidedOn: '2018-04-20',
          reason: 'other',
          amount: 2000,
          applicationReceivedOn: '2018-03-20',
          reasons: 'Långvarig sjukdom.',
        }),
      )
      .then({
        status: 200,
        events: [
          {
            type: 'ClaimWaived',
            data: {
              claimId: '1',
              decidedOn: '2018-04-20',
              reason: 'other',
              amountOre: kr(2000),
              applicationReceivedOn: '2018-03-20',
              reasons: 'Långvarig sjukdom.',
              decisionMaker: { decidedBy: 'anna.utredare', capacity: 'unit-head', delegationPoint: null },
            },
          },
        ],
      });
    const view = (await ok(t.http.get(`/api/cases/${res.body.id}`))).body as Json;
    expect(view.waivers[0]).toMatchObject({ applicationReceivedOn: '2018-03-20', reasons: 'Långvarig sjukdom.' });
    await given(...claimed('farsta'))
      .when((http, c) => http.post(`${c.url}/waivers`).send({ decidedOn: '2018-04-20', reason: 'other', amount: 2000 }))
      .then({
        status: 200,
        events: [
          {
            type: 'ClaimWaived',
            data: {
              claimId: '1',
              decidedOn: '2018-04-20',
              reason: 'other',
              amountOre: kr(2000),
              decisionMaker: { decidedBy: 'anna.utredare', capacity: 'unit-head', delegationPoint: null },
            },
          },
        ],
      });
  });
});

describe("each decision's paragraph and appeal, by the law that governs it, in the case view", () => {
  it('names 9 kap. SoL 2001:453 for assistance granted before 2025-07-01', async () => {
    const c = await givenCase(
      ...claimed('farsta'),
      { type: 'ClaimWaived', data: { claimId: '1', decidedOn: '2018-04-20', reason: 'other', amountOre: kr(1000) } },
      { type: 'AbilityToPayAssessed', data: { assessedOn: '2018-05-01', able: true } },
      { type: 'CompensationSuitDecided', data: { claimId: '1', decidedOn: '2018-05-02' } },
    );
    const view = (await ok(t.http.get(`/api/cases/${c.id}`))).body as Json;
    expect(view.repaymentClaims[0].legalParagraph).toEqual({
      reference: '9 kap. 1 § SoL (2001:453)',
      text: '9 kap. 1 § socialtjänstlagen (2001:453)',
    });
    expect(view.waivers[0].legalParagraph.reference).toBe('9 kap. 4 § SoL (2001:453)');
    expect(view.compensationSuitDecisions[0].legalParagraph.reference).toBe('9 kap. 3 § SoL (2001:453)');
    const byType = Object.fromEntries(view.decisions.map((d: Json) => [d.type, d]));
    expect(byType['repayment-claim']).toMatchObject({
      decisionMaker: null,
      appeal: { appealable: true, routes: ['legality-review'], certain: true },
    });
    expect(byType['repayment-claim'].appeal.instructions).toMatch(/laglighetsprövning enligt 13 kap\. kommunallagen/);
    expect(byType.waiver).toMatchObject({ outcome: 'granted', appeal: { appealable: false } });
    expect(byType['compensation-suit'].appeal.routes).toEqual(['in-court', 'legality-review']);
  });

  it('names 33 kap. SoL 2025:400 for assistance granted from 2025-07-01, and tells how to appeal where unsure', async () => {
    const c = await givenCase(
      caseRegistered({ district: 'farsta', receivedOn: '2025-08-01', subject: unnamed('man') }),
      investigationOpened({ decidedOn: '2025-08-02' }),
      investigationCompleted({
        completedOn: '2025-09-01',
        incorrectPayments: [payment('2025-07-25', 4000, '2025-07-20')],
      }),
      repaymentClaimDecided({
        decidedOn: '2025-09-02',
        legalBasis: 'SoL 33:1',
        amountOre: kr(4000),
        paymentIndexes: [0],
      }),
      { type: 'ClaimWaived', data: { claimId: '1', decidedOn: '2025-10-01', reason: 'other', amountOre: kr(1000) } },
    );
    const view = (await ok(t.http.get(`/api/cases/${c.id}`))).body as Json;
    expect(view.repaymentClaims[0].legalParagraph.reference).toBe('33 kap. 1 § SoL (2025:400)');
    expect(view.waivers[0].legalParagraph.reference).toBe('33 kap. 6 § SoL (2025:400)');
    const claim = view.decisions.find((d: Json) => d.type === 'repayment-claim');
    expect(claim.appeal).toMatchObject({ routes: ['administrative-appeal', 'legality-review'], certain: false });
  });

  it('names 11 kap. 1 § for the decision not to open an investigation, with who took it', async () => {
    const { res } = await given(caseRegistered({ district: 'farsta', subject: unnamed('man') }))
      .as('eva.utredare', 'investigator', ['farsta'])
      .when((http, c) =>
        http
          .post(`${c.url}/assessment`)
          .send({ decidedOn: '2018-02-10', decision: 'no-investigation', reason: 'no-grounds' }),
      )
      .then({
        status: 200,
        events: [
          {
            type: 'PreAssessmentMade',
            data: {
              decidedOn: '2018-02-10',
              decision: 'no-investigation',
              reason: 'no-grounds',
              suspectedCause: null,
              decisionMaker: { decidedBy: 'eva.utredare', capacity: 'fut-investigator', delegationPoint: null },
            },
          },
        ],
      });
    const view = (await ok(t.http.get(`/api/cases/${res.body.id}`))).body as Json;
    expect(view.decisions).toEqual([
      expect.objectContaining({
        type: 'no-investigation',
        legalParagraph: { reference: '11 kap. 1 § SoL (2001:453)', text: '11 kap. 1 § socialtjänstlagen (2001:453)' },
        decisionMaker: expect.objectContaining({ decidedBy: 'eva.utredare', capacityLabel: 'FUT-utredare' }),
        appeal: expect.objectContaining({ appealable: false }),
      }),
    ]);
  });
});
