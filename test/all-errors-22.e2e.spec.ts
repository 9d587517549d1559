import {
  caseRegistered,
  caseSpecification,
  compensationSuitDecided,
  compensationSuitFiled,
  investigationCompleted,
  investigationOpened,
  kr,
  type LaterEvent,
  payment,
  repaymentClaimDecided,
  suspected,
} from './support/given';
import { type TestApp, startTestApp } from './support/test-app';

/**
 * Issue 22: every error found in one submit, in every step. A request that
 * breaks two rules of its fields gets one 422 naming both, each with its own
 * code, led by the first as before; nothing is written.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('2019-06-28T10:00:00+02:00');
});
afterAll(async () => {
  await t.close();
});

const { given } = caseSpecification(() => t);

/** A claim of 3 000 kr on one incorrect payment, decided 2018-03-05. */
const claimed = [
  investigationOpened(),
  investigationCompleted({ incorrectPayments: [payment('2017-10-25', 3000)] }),
  repaymentClaimDecided({ amountOre: kr(3000), paymentIndexes: [0] }),
] as const;

/** Today is 2019-06-28. */
const TOMORROW = '2019-06-29';

describe('one 422 names every field a rule refuses', () => {
  it('a repayment plan: agreed in the future, and an OCR reference whose check digit is wrong', async () => {
    await given(caseRegistered(), ...claimed)
      .when((http, c) =>
        http.post(`${c.url}/repayment-plan`).send({
          agreedOn: TOMORROW,
          monthlyAmount: 500,
          firstDueOn: '2019-08-01',
          ocrReference: '123456781',
        }),
      )
      .thenNothingAppended({
        status: 422,
        code: 'date-in-future',
        fields: ['agreedOn', 'ocrReference'],
        body: {
          errors: [
            { field: 'agreedOn', code: 'date-in-future' },
            { field: 'ocrReference', code: 'invalid-ocr-reference' },
          ],
        },
      });
  });

  it('a repayment: received in the future, and above what is owed', async () => {
    await given(caseRegistered(), ...claimed)
      .when((http, c) => http.post(`${c.url}/repayments`).send({ receivedOn: TOMORROW, amount: 3500, kind: 'claim' }))
      .thenNothingAppended({
        status: 422,
        code: 'date-in-future',
        fields: ['receivedOn', 'amount'],
        body: {
          outstandingAmount: 3000,
          errors: [
            { field: 'receivedOn', code: 'date-in-future' },
            { field: 'amount', code: 'amount-above-outstanding' },
          ],
        },
      });
  });

  it('a repayment on a claim that does not exist, received before the case was', async () => {
    await given(caseRegistered(), ...claimed)
      .when((http, c) =>
        http.post(`${c.url}/repayments`).send({ claimId: '7', receivedOn: '2018-01-15', amount: 100, kind: 'claim' }),
      )
      .thenNothingAppended({
        status: 422,
        code: 'unknown-claim',
        fields: ['claimId', 'receivedOn'],
        body: { claimIds: ['1'] },
      });
  });

  it('a waiver: decided before the claim, and above what is owed', async () => {
    await given(caseRegistered(), ...claimed)
      .when((http, c) => http.post(`${c.url}/waivers`).send({ decidedOn: '2018-03-01', reason: 'other', amount: 4000 }))
      .thenNothingAppended({
        status: 422,
        code: 'date-before-step',
        fields: ['decidedOn', 'amount'],
        body: {
          errors: [
            { field: 'decidedOn', code: 'date-before-step' },
            { field: 'amount', code: 'amount-above-outstanding' },
          ],
        },
      });
  });

  it('a waiver refused: decided in the future, and no application to answer', async () => {
    await given(caseRegistered(), ...claimed)
      .when((http, c) =>
        http.post(`${c.url}/waivers`).send({ decision: 'refused', decidedOn: TOMORROW, reasons: 'Inga skäl.' }),
      )
      .thenNothingAppended({
        status: 422,
        code: 'date-in-future',
        fields: ['decidedOn', 'applicationReceivedOn'],
      });
  });

  it('a police report: filed in the future, and naming payments the case does not know', async () => {
    await given(caseRegistered(), ...claimed)
      .when((http, c) => http.post(`${c.url}/police-reports`).send({ filedOn: TOMORROW, payments: [0, 3, 5] }))
      .thenNothingAppended({
        status: 422,
        code: 'date-in-future',
        fields: ['filedOn', 'payments[1]', 'payments[2]'],
        body: {
          errors: [
            { field: 'filedOn', code: 'date-in-future' },
            { field: 'payments[1]', code: 'unknown-act' },
            { field: 'payments[2]', code: 'unknown-act' },
          ],
        },
      });
  });

  it('a compensation suit: filed before the decision to sue, and above what is claimable', async () => {
    await given(caseRegistered(), ...claimed, compensationSuitDecided({ decidedOn: '2018-04-01' }))
      .when((http, c) => http.post(`${c.url}/compensation-suits`).send({ filedOn: '2018-03-20', amount: 5000 }))
      .thenNothingAppended({
        status: 422,
        code: 'date-before-step',
        fields: ['filedOn', 'amount'],
        body: {
          claimableAmount: 3000,
          errors: [
            { field: 'filedOn', code: 'date-before-step' },
            { field: 'amount', code: 'above-claimable' },
          ],
        },
      });
  });

  it('a closure: closed in the future, and a closing reason the case does not meet', async () => {
    await given(caseRegistered(), ...claimed)
      .when((http, c) => http.post(`${c.url}/closure`).send({ closedOn: TOMORROW, reason: 'no-claim' }))
      .thenNothingAppended({
        status: 422,
        code: 'date-in-future',
        fields: ['closedOn', 'reason'],
        body: {
          errors: [
            { field: 'closedOn', code: 'date-in-future' },
            { field: 'reason', code: 'closing-reason-not-met' },
          ],
        },
      });
  });

  it('a pre-assessment: decided in the future, and not investigated for a time limit that has not passed', async () => {
    await given(caseRegistered({ suspectedPayments: [suspected('2017-10-25', 3000)] }))
      .when((http, c) =>
        http
          .post(`${c.url}/assessment`)
          .send({ decidedOn: TOMORROW, decision: 'no-investigation', reason: 'time-limit' }),
      )
      .thenNothingAppended({
        status: 422,
        code: 'date-in-future',
        fields: ['decidedOn', 'reason'],
        body: {
          errors: [
            { field: 'decidedOn', code: 'date-in-future' },
            { field: 'reason', code: 'time-limit-not-passed' },
          ],
        },
      });
  });

  it('a transfer: to the district the case is in, and in the future', async () => {
    await given(caseRegistered())
      .when((http, c) => http.post(`${c.url}/transfer`).send({ transferredOn: TOMORROW, toDistrict: 'farsta' }))
      .thenNothingAppended({
        status: 422,
        code: 'same-district',
        fields: ['toDistrict', 'transferredOn'],
        body: {
          errors: [
            { field: 'toDistrict', code: 'same-district' },
            { field: 'transferredOn', code: 'date-in-future' },
          ],
        },
      });
  });

  it('an enforcement application: in the future, and above what is left of the judgment', async () => {
    await given(
      caseRegistered(),
      ...claimed,
      compensationSuitDecided({ decidedOn: '2018-04-01' }),
      compensationSuitFiled({ filedOn: '2018-04-10', amountOre: kr(3000) }),
      {
        type: 'CompensationJudgmentDecided',
        data: { claimId: '1', decidedOn: '2018-05-02', awardedAmountOre: kr(2500) },
      } as LaterEvent,
      { type: 'JudgmentGainedLegalForce', data: { claimId: '1', legalForceOn: '2018-05-24' } } as LaterEvent,
    )
      .when((http, c) => http.post(`${c.url}/enforcement-applications`).send({ appliedOn: TOMORROW, amount: 2600 }))
      .thenNothingAppended({
        status: 422,
        code: 'date-in-future',
        fields: ['appliedOn', 'amount'],
        body: {
          enforceableAmount: 2500,
          errors: [
            { field: 'appliedOn', code: 'date-in-future' },
            { field: 'amount', code: 'above-enforceable' },
          ],
        },
      });
  });
});
