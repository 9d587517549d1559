import { specification } from '../../../testing/decider-specification';
import { NO_CALCULATION } from '../../domain/case-shapes';
import type { OpenCase } from '../../domain/case-state';
import { type CaseCommand, type CaseEvent, caseDecider, replay, upcastCaseEvent } from '../index';
import type { IncorrectPaymentCommand } from './investigation-result.step';

const given = specification(caseDecider);

const registered: CaseEvent = {
  type: 'CaseRegistered',
  data: {
    caseId: 'c-1',
    caseNumber: 'FA-2018-0001',
    district: 'farsta',
    receivedOn: '2018-02-01',
    source: 'caseworker',
    subject: { personalIdentityNumber: null, name: 'Testperson', gender: 'woman' },
    suspectedPayments: [],
    summary: null,
    dataKeyId: null,
  },
};
const opened: CaseEvent = {
  type: 'PreAssessmentMade',
  data: { decidedOn: '2018-02-10', decision: 'open-investigation', reason: null, suspectedCause: 'unreported-income' },
};

const result = (incorrectPayments: IncorrectPaymentCommand[]): CaseCommand => ({
  type: 'RecordInvestigationResult',
  data: {
    completedOn: '2018-03-01',
    finding: 'incorrect-payment',
    cause: 'unreported-income',
    incorrectPayments,
    intent: null,
    savedAmountOre: 0,
  },
  today: '2019-06-28',
});

const january = { paidOn: '2018-01-25', grantedOn: null, month: '2018-01' } as const;

describe("the investigation's calculation, month by month", () => {
  it('records the month, what was paid, what should have been and why; the incorrect amount is the difference', () =>
    given([registered, opened])
      .when(
        result([
          { ...january, amountOre: null, paidAmountOre: 800_000, correctAmountOre: 550_000, reason: 'Lön i januari' },
          {
            paidOn: '2018-02-26',
            grantedOn: null,
            month: '2018-02',
            amountOre: 300_000,
            paidAmountOre: 800_000,
            correctAmountOre: 500_000,
          },
        ]),
      )
      .then([
        {
          type: 'InvestigationCompleted',
          data: {
            completedOn: '2018-03-01',
            finding: 'incorrect-payment',
            cause: 'unreported-income',
            incorrectPayments: [
              {
                paidOn: '2018-01-25',
                grantedOn: '2018-01-25',
                amountOre: 250_000,
                month: '2018-01',
                paidAmountOre: 800_000,
                correctAmountOre: 550_000,
                reason: 'Lön i januari',
              },
              {
                paidOn: '2018-02-26',
                grantedOn: '2018-02-26',
                amountOre: 300_000,
                month: '2018-02',
                paidAmountOre: 800_000,
                correctAmountOre: 500_000,
                reason: null,
              },
            ],
            intent: null,
            savedAmountOre: 0,
          },
        },
      ]));

  it('takes nothing owed at all: what should have been paid may be 0', () => {
    const [event] = given([registered, opened])
      .when(result([{ ...january, amountOre: null, paidAmountOre: 800_000, correctAmountOre: 0 }]))
      .events();
    expect(event.data).toMatchObject({ incorrectPayments: [{ amountOre: 800_000, correctAmountOre: 0 }] });
  });

  it('refuses an incorrect amount that is not the difference', () =>
    given([registered, opened])
      .when(result([{ ...january, amountOre: 250_100, paidAmountOre: 800_000, correctAmountOre: 550_000 }]))
      .thenFails({
        code: 'calculation-mismatch',
        field: 'incorrectPayments[0].amount',
        details: { calculatedAmount: 2500 },
      }));

  it('refuses a correct amount above what was paid (that is money owed to the person)', () =>
    given([registered, opened])
      .when(result([{ ...january, amountOre: null, paidAmountOre: 500_000, correctAmountOre: 600_000 }]))
      .thenFails({ kind: 'rule', code: 'correct-above-paid', field: 'incorrectPayments[0].correctAmount' }));

  it('refuses a month where nothing was paid incorrectly', () =>
    given([registered, opened])
      .when(result([{ ...january, amountOre: null, paidAmountOre: 500_000, correctAmountOre: 500_000 }]))
      .thenFails({ code: 'no-difference', field: 'incorrectPayments[0].correctAmount' }));

  it('refuses a calculation without its month, or without the amount that should have been paid', () => {
    given([registered, opened])
      .when(
        result([
          { paidOn: '2018-01-25', grantedOn: null, amountOre: null, paidAmountOre: 800_000, correctAmountOre: 1 },
        ]),
      )
      .thenFails({ code: 'invalid-request', field: 'incorrectPayments[0].month' });
    given([registered, opened])
      .when(result([{ ...january, amountOre: null, paidAmountOre: 800_000 }]))
      .thenFails({ code: 'invalid-request', field: 'incorrectPayments[0].correctAmount' });
  });

  it('refuses a payment with neither an amount nor a calculation', () =>
    given([registered, opened])
      .when(result([{ paidOn: '2018-01-25', grantedOn: null, amountOre: null }]))
      .thenFails({ code: 'invalid-request', field: 'incorrectPayments[0].amount' }));

  it('refuses a month that is not YYYY-MM (the shape checks what is written)', () =>
    given([registered, opened])
      .when(result([{ ...january, month: '2018-13', amountOre: null, paidAmountOre: 2, correctAmountOre: 1 }]))
      .thenFails({ field: 'incorrectPayments[0].month' }));

  it('keeps the incorrect amount alone, as before the calculation was asked', () => {
    const [event] = given([registered, opened])
      .when(result([{ paidOn: '2018-01-25', grantedOn: null, amountOre: 400_000 }]))
      .events();
    expect(event.data).toMatchObject({
      incorrectPayments: [{ paidOn: '2018-01-25', amountOre: 400_000, grantedOn: '2018-01-25', ...NO_CALCULATION }],
    });
  });

  it('reads a stored result of version 1 (the incorrect amount alone) with an unknown calculation, never a guessed one', () => {
    const v1 = upcastCaseEvent({
      type: 'InvestigationCompleted',
      schemaVersion: 1,
      data: {
        completedOn: '2018-03-01',
        finding: 'incorrect-payment',
        cause: 'unreported-income',
        incorrectPayments: [{ paidOn: '2018-01-25', amountOre: 400_000, grantedOn: '2018-01-25' }],
        intent: null,
        savedAmountOre: 0,
      },
    }) as CaseEvent;
    const state = replay([registered, opened, v1]) as OpenCase;
    expect(state.investigation!.incorrectPayments).toEqual([
      { paidOn: '2018-01-25', amountOre: 400_000, grantedOn: '2018-01-25', ...NO_CALCULATION },
    ]);
  });
});
