import { EVENT_STORE, type EventStore } from '../src/event-store/event-store.port';
import { NO_CALCULATION } from '../src/cases/domain/case-shapes';
import { caseRegistered, caseSpecification, investigationOpened, kr, person } from './support/given';
import { type TestApp, startTestApp } from './support/test-app';

/**
 * The investigation's calculation (issue 21): each incorrect payment with the
 * month of assistance it concerned, what was paid, what should have been and
 * why; the incorrect amount is their difference. The case keeps the person's
 * ekonomiskt bistånd case number and who reported it.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('2019-06-28T10:00:00+02:00');
});
afterAll(async () => {
  await t.close();
});
const { given } = caseSpecification(() => t);

const result = (incorrectPayments: object[]) => ({
  completedOn: '2018-04-10',
  finding: 'incorrect-payment',
  cause: 'unreported-income',
  incorrectPayments,
});

describe('the calculation in the investigation result', () => {
  it('records each month with what was paid and what should have been; the amount is the difference; the reason is encrypted', async () => {
    const { res, case: c } = await given(caseRegistered(), investigationOpened())
      .when((http, c) =>
        http.post(`${c.url}/investigation-result`).send(
          result([
            {
              paidOn: '2018-01-25',
              month: '2018-01',
              paidAmount: 8200,
              correctAmount: 5200,
              reason: 'Lön MARKER-7f3a',
            },
            { paidOn: '2018-02-26', month: '2018-02', paidAmount: 8200, correctAmount: 4700.5, amount: 3499.5 },
          ]),
        ),
      )
      .then({
        status: 200,
        events: [
          {
            type: 'InvestigationCompleted',
            data: {
              completedOn: '2018-04-10',
              finding: 'incorrect-payment',
              cause: 'unreported-income',
              incorrectPayments: [
                {
                  paidOn: '2018-01-25',
                  grantedOn: '2018-01-25',
                  amountOre: kr(3000),
                  month: '2018-01',
                  paidAmountOre: kr(8200),
                  correctAmountOre: kr(5200),
                  reason: 'Lön MARKER-7f3a',
                },
                {
                  paidOn: '2018-02-26',
                  grantedOn: '2018-02-26',
                  amountOre: 349_950,
                  month: '2018-02',
                  paidAmountOre: kr(8200),
                  correctAmountOre: 470_050,
                  reason: null,
                },
              ],
              intent: null,
              savedAmountOre: 0,
              errorType: null,
            },
          },
        ],
      });
    expect(res.status).toBe(200);
    const stored = await t.app.get<EventStore>(EVENT_STORE).readStream(`case-${c.id}`);
    expect(JSON.stringify(stored.at(-1)!.data)).not.toContain('MARKER-7f3a');
    const view = await t.http.get(c.url);
    expect(view.body.investigation.incorrectPayments[0]).toMatchObject({
      month: '2018-01',
      paidAmount: 8200,
      correctAmount: 5200,
      amount: 3000,
      reason: 'Lön MARKER-7f3a',
    });
  });

  it('refuses an amount that is not the difference, naming it and the calculated amount', () =>
    given(caseRegistered(), investigationOpened())
      .when((http, c) =>
        http
          .post(`${c.url}/investigation-result`)
          .send(
            result([{ paidOn: '2018-01-25', month: '2018-01', paidAmount: 8200, correctAmount: 5200, amount: 3100 }]),
          ),
      )
      .thenNothingAppended({
        status: 422,
        code: 'calculation-mismatch',
        fields: ['incorrectPayments[0].amount'],
        body: { calculatedAmount: 3000 },
      }));

  it('refuses what should have been paid above what was paid', () =>
    given(caseRegistered(), investigationOpened())
      .when((http, c) =>
        http
          .post(`${c.url}/investigation-result`)
          .send(result([{ paidOn: '2018-01-25', month: '2018-01', paidAmount: 5000, correctAmount: 5200 }])),
      )
      .thenNothingAppended({
        status: 422,
        code: 'correct-above-paid',
        fields: ['incorrectPayments[0].correctAmount'],
      }));

  it('refuses a month that is not a month', () =>
    given(caseRegistered(), investigationOpened())
      .when((http, c) =>
        http
          .post(`${c.url}/investigation-result`)
          .send(result([{ paidOn: '2018-01-25', month: '2018-1', paidAmount: 5000, correctAmount: 1 }])),
      )
      .thenNothingAppended({ status: 400, code: 'invalid-request', fields: ['incorrectPayments[0].month'] }));

  it('still takes the incorrect amount alone, as before', () =>
    given(caseRegistered(), investigationOpened())
      .when((http, c) =>
        http.post(`${c.url}/investigation-result`).send(result([{ paidOn: '2018-01-25', amount: 4000 }])),
      )
      .then({
        status: 200,
        events: [
          {
            type: 'InvestigationCompleted',
            data: {
              completedOn: '2018-04-10',
              finding: 'incorrect-payment',
              cause: 'unreported-income',
              incorrectPayments: [
                { paidOn: '2018-01-25', grantedOn: '2018-01-25', amountOre: kr(4000), ...NO_CALCULATION },
              ],
              intent: null,
              savedAmountOre: 0,
              errorType: null,
            },
          },
        ],
      }));
});

describe("the case's ekonomiskt bistånd case number and who reported it", () => {
  it('are recorded at registration as personal data and shown on the case', async () => {
    const res = await t.http.post('/api/cases').send({
      district: 'farsta',
      receivedOn: '2018-03-01',
      source: 'caseworker',
      subject: { gender: 'woman', name: 'Test Testsson' },
      assistanceCaseNumber: 'EB-2017-4711',
      reportedBy: 'Socialsekreterare Eva Ek, Farsta',
    });
    expect(res.status).toBe(201);
    const [registered] = await t.app.get<EventStore>(EVENT_STORE).readStream(`case-${res.body.id}`);
    expect(JSON.stringify(registered.data)).not.toMatch(/EB-2017-4711|Eva Ek/);
    const view = await t.http.get(`/api/cases/${res.body.id}`);
    expect(view.body).toMatchObject({
      assistanceCaseNumber: 'EB-2017-4711',
      reportedBy: 'Socialsekreterare Eva Ek, Farsta',
    });
  });

  it('are left out of a registration that does not give them', () =>
    given(caseRegistered({ subject: person('19811218-9876', 'Test Testsson') }))
      .when((http, c) => http.get(c.url))
      .thenNothingAppended({
        status: 200,
        body: { assistanceCaseNumber: null, reportedBy: null },
      }));
});
