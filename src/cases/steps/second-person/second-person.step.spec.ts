import { specification } from '../../../testing/decider-specification';
import { outstandingOre, type OpenCase } from '../../domain/case-state';
import { personOutstandingOre } from '../../domain/persons';
import { caseDecider, replay, type CaseCommand, type CaseEvent } from '../index';
import { NO_CALCULATION } from '../../domain/case-shapes';

/**
 * Two liable adults (makar or sambor in one household): the second person, a
 * claim decided against each for their own part, and each one's repayments
 * and waivers.
 */

const given = specification(caseDecider);
const TODAY = '2019-06-28';
const cmd = <T extends CaseCommand['type']>(type: T, data: Extract<CaseCommand, { type: T }>['data']) =>
  ({ type, data, today: TODAY }) as CaseCommand;

const registered: CaseEvent = {
  type: 'CaseRegistered',
  data: {
    caseId: 'c-1',
    caseNumber: 'FA-2019-0001',
    district: 'farsta',
    receivedOn: '2019-02-01',
    source: 'caseworker',
    subject: { personalIdentityNumber: '198112189876', name: 'Testperson', gender: 'man' },
    suspectedPayments: [],
    summary: null,
    dataKeyId: 'k-1',
  },
};
const secondNamed: CaseEvent = {
  type: 'SecondPersonNamed',
  data: {
    namedOn: '2019-02-05',
    relation: 'cohabitant',
    person: { personalIdentityNumber: '197712314561', name: 'Sambo', gender: 'woman' },
    dataKeyId: 'k-2',
  },
};
const opened: CaseEvent = {
  type: 'PreAssessmentMade',
  data: { decidedOn: '2019-02-10', decision: 'open-investigation', reason: null, suspectedCause: 'household' },
};
const investigated: CaseEvent = {
  type: 'InvestigationCompleted',
  data: {
    completedOn: '2019-03-01',
    finding: 'incorrect-payment',
    cause: 'unreported-income',
    incorrectPayments: [{ paidOn: '2018-06-25', amountOre: 1_000_000, grantedOn: '2018-06-01', ...NO_CALCULATION }],
    intent: null,
    savedAmountOre: 0,
  },
};
const sharedClaim: CaseEvent = {
  type: 'RepaymentClaimDecided',
  data: {
    claimId: '1',
    decidedOn: '2019-03-05',
    legalBasis: 'SoL 9:1',
    amountOre: 1_000_000,
    paymentIndexes: [0],
    shares: [
      { person: 'subject', amountOre: 600_000 },
      { person: 'second-person', amountOre: 400_000 },
    ],
  },
};
const claimOn = (over: Partial<Extract<CaseCommand, { type: 'DecideRepaymentClaim' }>['data']>) =>
  cmd('DecideRepaymentClaim', { decidedOn: '2019-03-05', legalBasis: 'SoL 9:1', amountOre: 1_000_000, ...over });

describe('naming the second adult of the household', () => {
  const name = (over: Partial<Extract<CaseCommand, { type: 'NameSecondPerson' }>['data']> = {}) =>
    cmd('NameSecondPerson', {
      namedOn: '2019-02-05',
      relation: 'cohabitant',
      personalIdentityNumber: '19771231-4561',
      name: 'Sambo',
      dataKeyId: 'k-2',
      ...over,
    });

  it('keeps the 12-digit number, the gender it gives and the key of their own', () => {
    given([registered]).when(name()).then([secondNamed]);
  });

  it('names someone without a personnummer by gender, and with a protected identity', () => {
    given([registered])
      .when(
        name({
          personalIdentityNumber: undefined,
          name: undefined,
          gender: 'woman',
          protectedIdentity: 'protected-registration',
        }),
      )
      .then([
        {
          type: 'SecondPersonNamed',
          data: {
            namedOn: '2019-02-05',
            relation: 'cohabitant',
            person: { personalIdentityNumber: null, name: null, gender: 'woman' },
            protectedIdentity: 'protected-registration',
            dataKeyId: 'k-2',
          },
        },
      ]);
  });

  it('refuses a bad number, a gender the number contradicts, or no gender at all', () => {
    given([registered])
      .when(name({ personalIdentityNumber: '19771231-4562' }))
      .thenFails({ kind: 'invalid', field: 'personalIdentityNumber' });
    given([registered])
      .when(name({ gender: 'man' }))
      .thenFails({ kind: 'invalid', field: 'gender' });
    given([registered])
      .when(name({ personalIdentityNumber: undefined }))
      .thenFails({ kind: 'invalid', field: 'gender' });
  });

  it('names one second person per case, on an open case', () => {
    given([registered, secondNamed]).when(name()).thenFails({ kind: 'conflict', code: 'second-person-named' });
    given([registered, { type: 'CaseClosed', data: { closedOn: '2019-02-03', reason: 'no-action' } }])
      .when(name())
      .thenFails({ code: 'case-closed' });
  });
});

describe('a claim decided against each adult for their own part', () => {
  const base = [registered, secondNamed, opened, investigated];

  it('splits the claim as told; one part left out is the rest', () => {
    given(base)
      .when(claimOn({ subjectShareOre: 600_000, secondPersonShareOre: 400_000 }))
      .then([sharedClaim]);
    given(base)
      .when(claimOn({ secondPersonShareOre: 400_000 }))
      .then([sharedClaim]);
  });

  it('may be decided against the second person alone', () => {
    given(base)
      .when(claimOn({ subjectShareOre: 0 }))
      .then([
        {
          ...sharedClaim,
          data: { ...sharedClaim.data, shares: [{ person: 'second-person', amountOre: 1_000_000 }] },
        } as CaseEvent,
      ]);
  });

  it('is a claim like any other when it is all on the case’s person', () => {
    const [event] = given(base)
      .when(claimOn({ subjectShareOre: 1_000_000 }))
      .events();
    expect(event.data).not.toHaveProperty('shares');
  });

  it('refuses parts that do not add up to the claim, or a part for a person the case does not name', () => {
    given(base)
      .when(claimOn({ subjectShareOre: 600_000, secondPersonShareOre: 500_000 }))
      .thenFails({ kind: 'rule', code: 'shares-not-claim-amount', field: 'secondPersonShare' });
    given(base)
      .when(claimOn({ subjectShareOre: 1_200_000 }))
      .thenFails({ kind: 'rule', code: 'shares-not-claim-amount', field: 'subjectShare' });
    given([registered, opened, investigated])
      .when(claimOn({ secondPersonShareOre: 400_000 }))
      .thenFails({ kind: 'conflict', code: 'no-second-person' });
  });
});

describe("each adult's repayments and waivers", () => {
  const base = [registered, secondNamed, opened, investigated, sharedClaim];
  const repay = (amountOre: number, person?: 'subject' | 'second-person') =>
    cmd('ReceiveRepayment', { receivedOn: '2019-04-01', amountOre, kind: 'claim', ...(person ? { person } : {}) });

  it('records whose part a repayment is', () => {
    given(base)
      .when(repay(100_000, 'second-person'))
      .then([
        {
          type: 'RepaymentReceived',
          data: { claimId: '1', receivedOn: '2019-04-01', amountOre: 100_000, kind: 'claim', person: 'second-person' },
        },
      ]);
  });

  it('needs the person on a claim against two, and not above what that person owes', () => {
    given(base).when(repay(100_000)).thenFails({ kind: 'rule', code: 'person-required', field: 'person' });
    given(base)
      .when(repay(500_000, 'second-person'))
      .thenFails({
        kind: 'rule',
        code: 'amount-above-outstanding',
        field: 'amount',
        details: { outstandingAmount: 4000 },
      });
  });

  it('takes the one person a claim is against when nobody is named', () => {
    const againstSecond: CaseEvent = {
      ...sharedClaim,
      data: { ...sharedClaim.data, shares: [{ person: 'second-person', amountOre: 1_000_000 }] },
    } as CaseEvent;
    const [event] = given([registered, secondNamed, opened, investigated, againstSecond]).when(repay(100_000)).events();
    expect(event.data).toMatchObject({ person: 'second-person' });
    given([registered, secondNamed, opened, investigated, againstSecond])
      .when(repay(100_000, 'subject'))
      .thenFails({ code: 'person-not-liable', field: 'person' });
  });

  it('names nobody on an ordinary claim, and refuses the second person there', () => {
    const ordinary: CaseEvent = {
      type: 'RepaymentClaimDecided',
      data: { claimId: '1', decidedOn: '2019-03-05', legalBasis: 'SoL 9:1', amountOre: 1_000_000, paymentIndexes: [0] },
    };
    given([registered, secondNamed, opened, investigated, ordinary])
      .when(repay(100_000))
      .then([
        {
          type: 'RepaymentReceived',
          data: { claimId: '1', receivedOn: '2019-04-01', amountOre: 100_000, kind: 'claim' },
        },
      ]);
    given([registered, secondNamed, opened, investigated, ordinary])
      .when(repay(100_000, 'second-person'))
      .thenFails({ code: 'person-not-liable' });
  });

  it("waives one person's part, within what they owe", () => {
    given(base)
      .when(cmd('WaiveClaim', { decidedOn: '2019-04-01', reason: 'other', amountOre: 600_000, person: 'subject' }))
      .then([
        {
          type: 'ClaimWaived',
          data: { claimId: '1', decidedOn: '2019-04-01', reason: 'other', amountOre: 600_000, person: 'subject' },
        },
      ]);
    given(base)
      .when(cmd('WaiveClaim', { decidedOn: '2019-04-01', reason: 'other', amountOre: 600_000 }))
      .thenFails({ code: 'person-required' });
    given(base)
      .when(
        cmd('WaiveClaim', { decidedOn: '2019-04-01', reason: 'other', amountOre: 600_000, person: 'second-person' }),
      )
      .thenFails({ code: 'amount-above-outstanding', details: { outstandingAmount: 4000 } });
  });

  it("keeps each person's balance, and the claim's as their sum", () => {
    const c = replay([
      ...base,
      {
        type: 'RepaymentReceived',
        data: { claimId: '1', receivedOn: '2019-04-01', amountOre: 100_000, kind: 'claim', person: 'second-person' },
      },
      {
        type: 'ClaimWaived',
        data: { claimId: '1', decidedOn: '2019-04-02', reason: 'other', amountOre: 200_000, person: 'subject' },
      },
    ]) as OpenCase;
    const claim = c.claims[0];
    expect(personOutstandingOre(c, claim, 'subject')).toBe(400_000);
    expect(personOutstandingOre(c, claim, 'second-person')).toBe(300_000);
    expect(outstandingOre(c)).toBe(700_000);
  });
});
