import type { DelegationPoint } from '../../delegation/delegation-register';
import { specification } from '../../testing/decider-specification';
import { type CaseCommand, type CaseEvent, caseDecider, replay } from '../steps';
import { appealOf } from './appeals';
import { type OpenCase, outstandingOre } from './case-state';
import { claimParagraph, legalParagraph } from './legal-paragraphs';
import { NO_CALCULATION } from './case-shapes';

/**
 * The law on every decision (issue 20): who decided under which point of the
 * nämnd's delegation order, kommunicering before an adverse decision, a
 * waiver refused, the paragraph and the appeal of each decision.
 */
const given = specification(caseDecider);
const TODAY = '2019-06-28';
const cmd = <T extends CaseCommand['type']>(type: T, data: Extract<CaseCommand, { type: T }>['data'], today = TODAY) =>
  ({ type, data, today }) as CaseCommand;

const registered: CaseEvent = {
  type: 'CaseRegistered',
  data: {
    caseId: 'c-1',
    caseNumber: 'FA-2018-0001',
    district: 'farsta',
    receivedOn: '2018-02-01',
    source: 'caseworker',
    subject: { personalIdentityNumber: null, name: null, gender: 'woman' },
    suspectedPayments: [],
    summary: null,
    dataKeyId: 'k-1',
  },
};
const opened: CaseEvent = {
  type: 'PreAssessmentMade',
  data: { decidedOn: '2018-02-10', decision: 'open-investigation', reason: null, suspectedCause: null },
};
const investigated: CaseEvent = {
  type: 'InvestigationCompleted',
  data: {
    completedOn: '2018-03-01',
    finding: 'incorrect-payment',
    cause: 'unreported-income',
    incorrectPayments: [{ paidOn: '2017-06-23', amountOre: 800_000, grantedOn: '2017-06-01', ...NO_CALCULATION }],
    intent: 'intentional',
    savedAmountOre: 0,
  },
};
const claimed: CaseEvent = {
  type: 'RepaymentClaimDecided',
  data: { claimId: '1', decidedOn: '2018-03-05', legalBasis: 'SoL 9:1', amountOre: 800_000, paymentIndexes: [0] },
};
const investigatedCase = [registered, opened, investigated];
const claimedCase = [...investigatedCase, claimed];

/** The delegation order: claims by a unit head up to 10 000 kr (4.1), waivers by a section head (4.2). */
const point = (over: Partial<DelegationPoint>): DelegationPoint => ({
  number: '4.1',
  title: 'Beslut om återkrav',
  decisionTypes: ['repayment-claim'],
  delegates: ['unit-head'],
  districts: null,
  maxAmountOre: 1_000_000,
  validFrom: '2018-01-01',
  validTo: null,
  ...over,
});
const ORDER: DelegationPoint[] = [
  point({}),
  point({ number: '4.2', title: 'Beslut om eftergift', decisionTypes: ['waiver'], delegates: ['section-head'] }),
  point({
    number: '4.3',
    title: 'Beslut att väcka ersättningstalan och att inte inleda utredning',
    decisionTypes: ['compensation-suit', 'no-investigation'],
    delegates: ['unit-head', 'fut-investigator'],
    maxAmountOre: null,
  }),
];

type Maker = {
  decidedBy: string | null;
  capacity: 'unit-head' | 'fut-investigator' | 'section-head' | 'board';
  delegationPoint: string | null;
};
const by = (
  capacity: Maker['capacity'],
  delegationPoint: string | null = null,
  decidedBy: string | null = 'eva.chef',
): Maker => ({
  decidedBy,
  capacity,
  delegationPoint,
});
const claim = (over: object = {}) =>
  cmd('DecideRepaymentClaim', { decidedOn: '2018-03-05', legalBasis: 'SoL 9:1', amountOre: 800_000, ...over });
const claimedBy = (maker: Maker, over: object = {}): CaseEvent => ({
  type: 'RepaymentClaimDecided',
  data: { ...(claimed.data as object), decisionMaker: maker, ...over } as never,
});

describe('who decided, under which point of the delegation order', () => {
  it('records the decision-maker the decision names, under the point that covers it', () =>
    given(investigatedCase)
      .when(claim({ decisionMaker: by('unit-head', '4.1'), delegationOrder: ORDER }))
      .then([claimedBy(by('unit-head', '4.1'))]));

  it('finds the point itself when the order has exactly one for the decision and the capacity', () =>
    given(investigatedCase)
      .when(claim({ decisionMaker: by('unit-head'), delegationOrder: ORDER }))
      .then([claimedBy(by('unit-head', '4.1'))]));

  it('records no point while the register holds no delegation order for the nämnd', () =>
    given(investigatedCase)
      .when(claim({ decisionMaker: by('fut-investigator'), delegationOrder: [] }))
      .then([claimedBy(by('fut-investigator'))]));

  it('refuses a point that does not cover the decision', () =>
    given(investigatedCase)
      .when(claim({ decisionMaker: by('unit-head', '4.2'), delegationOrder: ORDER }))
      .thenFails({ kind: 'rule', code: 'delegation-point-does-not-cover', field: 'delegationPoint' }));

  it('refuses a point that was not in force on the decision day', () =>
    given(investigatedCase)
      .when(claim({ decisionMaker: by('unit-head', '4.1'), delegationOrder: [point({ validFrom: '2018-04-01' })] }))
      .thenFails({ code: 'delegation-point-not-in-force', field: 'delegationPoint' }));

  it("refuses a point of another nämnd's order", () =>
    given(investigatedCase)
      .when(claim({ decisionMaker: by('unit-head', '4.1'), delegationOrder: [point({ districts: ['bromma'] })] }))
      .thenFails({ code: 'delegation-point-not-in-district' }));

  it('refuses a capacity the point does not delegate to', () =>
    given(investigatedCase)
      .when(claim({ decisionMaker: by('fut-investigator', '4.1'), delegationOrder: ORDER }))
      .thenFails({ code: 'not-a-delegate', field: 'decidedAs', details: { delegates: ['unit-head'] } }));

  it('refuses a capacity the order does not delegate the decision to, naming who may', () =>
    given(investigatedCase)
      .when(claim({ decisionMaker: by('fut-investigator'), delegationOrder: ORDER }))
      .thenFails({
        code: 'not-a-delegate',
        details: { delegationPoints: [{ number: '4.1', delegates: ['unit-head'] }] },
      }));

  it('refuses an amount above what the point allows', () =>
    given(investigatedCase)
      .when(claim({ decisionMaker: by('unit-head', '4.1'), delegationOrder: [point({ maxAmountOre: 500_000 })] }))
      .thenFails({ code: 'above-delegation-limit', field: 'amount', details: { maximumAmount: 5000 } }));

  it('refuses a decision the order in force does not delegate at all: only the nämnd may take it', () =>
    given(investigatedCase)
      .when(claim({ decisionMaker: by('unit-head'), delegationOrder: [ORDER[1]] }))
      .thenFails({ code: 'decision-not-delegated' }));

  it('asks which point when several cover the decision', () =>
    given(investigatedCase)
      .when(claim({ decisionMaker: by('unit-head'), delegationOrder: [point({}), point({ number: '9.9' })] }))
      .thenFails({ code: 'delegation-point-required', details: { delegationPoints: ['4.1', '9.9'] } }));

  it("records the nämnd's own decision without a point, and refuses one with a point", () => {
    given(investigatedCase)
      .when(claim({ decisionMaker: by('board', null, null), delegationOrder: ORDER }))
      .then([claimedBy(by('board', null, null))]);
    given(investigatedCase)
      .when(claim({ decisionMaker: by('board', '4.1', null), delegationOrder: ORDER }))
      .thenFails({ code: 'board-decides-without-delegation' });
  });

  it('records none where the command names none (the import, the demo loader), as before', () =>
    given(investigatedCase).when(claim()).then([claimed]));

  it('holds a waiver to its own point', () => {
    const waive = (maker: Maker) =>
      cmd('WaiveClaim', {
        decidedOn: '2018-06-01',
        reason: 'other',
        amountOre: 100_000,
        decisionMaker: maker,
        delegationOrder: ORDER,
      });
    given(claimedCase)
      .when(waive(by('unit-head', '4.1')))
      .thenFails({ code: 'delegation-point-does-not-cover' });
    given(claimedCase)
      .when(waive(by('section-head')))
      .then([
        {
          type: 'ClaimWaived',
          data: {
            claimId: '1',
            decidedOn: '2018-06-01',
            reason: 'other',
            amountOre: 100_000,
            decisionMaker: by('section-head', '4.2'),
          },
        },
      ]);
  });

  it('holds the decision to bring ersättningstalan to its point', () => {
    const able: CaseEvent = { type: 'AbilityToPayAssessed', data: { assessedOn: '2018-04-01', able: true } };
    given([...claimedCase, able])
      .when(
        cmd('DecideCompensationSuit', {
          decidedOn: '2018-04-05',
          decisionMaker: by('fut-investigator'),
          delegationOrder: ORDER,
        }),
      )
      .then([
        {
          type: 'CompensationSuitDecided',
          data: { claimId: '1', decidedOn: '2018-04-05', decisionMaker: by('fut-investigator', '4.3') },
        },
      ]);
    given([...claimedCase, able])
      .when(
        cmd('DecideCompensationSuit', {
          decidedOn: '2018-04-05',
          decisionMaker: by('section-head'),
          delegationOrder: ORDER,
        }),
      )
      .thenFails({ code: 'not-a-delegate' });
  });

  it('records who decided not to open an investigation, and no one for opening one', () => {
    const assess = (decision: 'open-investigation' | 'no-investigation', maker: Maker) =>
      cmd('MakePreAssessment', {
        decidedOn: '2018-02-10',
        decision,
        reason: decision === 'no-investigation' ? 'no-grounds' : null,
        suspectedCause: null,
        decisionMaker: maker,
        delegationOrder: ORDER,
      });
    given([registered])
      .when(assess('no-investigation', by('fut-investigator')))
      .then([
        {
          type: 'PreAssessmentMade',
          data: {
            decidedOn: '2018-02-10',
            decision: 'no-investigation',
            reason: 'no-grounds',
            suspectedCause: null,
            decisionMaker: by('fut-investigator', '4.3'),
          },
        },
      ]);
    given([registered])
      .when(assess('no-investigation', by('section-head')))
      .thenFails({ code: 'not-a-delegate' });
    given([registered])
      .when(assess('open-investigation', by('section-head')))
      .then([opened]);
  });
});

describe('kommunicering before an adverse decision (förvaltningslagen 25 §)', () => {
  const sent: CaseEvent = {
    type: 'CommunicationSent',
    data: {
      communicationId: '1',
      concerning: 'repayment-claim',
      sentOn: '2018-03-05',
      respondBy: '2018-03-19',
      material: 'Utredningen och beräkningen av återkravet.',
    },
  };
  const send = (over: object = {}) =>
    cmd('SendCommunication', {
      concerning: 'repayment-claim',
      sentOn: '2018-03-05',
      respondBy: '2018-03-19',
      material: 'Utredningen och beräkningen av återkravet.',
      ...over,
    });
  const answered = (
    answer: 'responded' | 'no-response',
    answeredOn: string,
    response: string | null = null,
  ): CaseEvent => ({
    type: 'CommunicationAnswered',
    data: { communicationId: '1', answer, answeredOn, response },
  });

  it('records what was sent, when, and the last day to respond', () =>
    given(investigatedCase).when(send()).then([sent]));

  it('refuses a last day to respond before the day it was sent', () =>
    given(investigatedCase)
      .when(send({ respondBy: '2018-03-04' }))
      .thenFails({ code: 'deadline-before-sent', field: 'respondBy' }));

  it('refuses a claim decided up to the last day to respond, naming that day', () => {
    for (const decidedOn of ['2018-03-10', '2018-03-19'])
      given([...investigatedCase, sent])
        .when(claim({ decidedOn }))
        .thenFails({
          kind: 'rule',
          code: 'communication-deadline-not-passed',
          field: 'decidedOn',
          details: { respondBy: '2018-03-19' },
        });
  });

  it('decides the claim the day after the last day to respond', () =>
    given([...investigatedCase, sent])
      .when(claim({ decidedOn: '2018-03-20' }))
      .then([
        { type: 'RepaymentClaimDecided', data: { ...(claimed.data as object), decidedOn: '2018-03-20' } as never },
      ]));

  it('decides the claim once the person has responded', () =>
    expect(
      given([...investigatedCase, sent, answered('responded', '2018-03-08', 'Jag bestrider kravet.')])
        .when(claim({ decidedOn: '2018-03-09' }))
        .events(),
    ).toHaveLength(1));

  it('decides before the last day under an exception of 25 § second paragraph, and records it', () =>
    given([...investigatedCase, sent])
      .when(claim({ decidedOn: '2018-03-10', communicationException: 'cannot-be-postponed' }))
      .then([
        {
          type: 'RepaymentClaimDecided',
          data: {
            ...(claimed.data as object),
            decidedOn: '2018-03-10',
            communicationException: 'cannot-be-postponed',
          } as never,
        },
      ]));

  it('holds a claim only to a kommunicering before a claim', () =>
    expect(
      given([...investigatedCase, { ...sent, data: { ...(sent.data as object), concerning: 'waiver' } } as CaseEvent])
        .when(claim({ decidedOn: '2018-03-10' }))
        .events(),
    ).toHaveLength(1));

  it('notes a missing response only after the last day to respond', () => {
    const none = (answeredOn: string) =>
      cmd('RecordCommunicationAnswer', { answer: 'no-response', answeredOn, response: null });
    given([...investigatedCase, sent])
      .when(none('2018-03-19'))
      .thenFails({ code: 'response-time-not-over', details: { respondBy: '2018-03-19' } });
    given([...investigatedCase, sent])
      .when(none('2018-03-20'))
      .then([answered('no-response', '2018-03-20')]);
  });

  it('takes one answer per kommunicering', () => {
    given([...investigatedCase])
      .when(cmd('RecordCommunicationAnswer', { answer: 'responded', answeredOn: '2018-03-08', response: null }))
      .thenFails({ kind: 'conflict', code: 'no-open-communication' });
    given([...investigatedCase, sent, answered('responded', '2018-03-08')])
      .when(cmd('RecordCommunicationAnswer', { answer: 'responded', answeredOn: '2018-03-09', response: null }))
      .thenFails({ kind: 'conflict', code: 'no-open-communication' });
  });
});

describe('a waiver: the application, the reasons, granted or refused', () => {
  const sent: CaseEvent = {
    type: 'CommunicationSent',
    data: {
      communicationId: '1',
      concerning: 'waiver',
      sentOn: '2018-05-02',
      respondBy: '2018-05-16',
      material: 'Förslag till avslag.',
    },
  };
  const waive = (over: object) => cmd('WaiveClaim', { decidedOn: '2018-06-01', ...over });

  it('records the application and the reasons of a waiver granted', () =>
    given(claimedCase)
      .when(waive({ reason: 'other', amountOre: 100_000, applicationReceivedOn: '2018-04-20', reasons: 'Sjukdom.' }))
      .then([
        {
          type: 'ClaimWaived',
          data: {
            claimId: '1',
            decidedOn: '2018-06-01',
            reason: 'other',
            amountOre: 100_000,
            applicationReceivedOn: '2018-04-20',
            reasons: 'Sjukdom.',
          },
        },
      ]));

  it('refuses an application, and the claim stands in full', () => {
    const refusal = given([...claimedCase, sent])
      .when(
        waive({
          decision: 'refused',
          applicationReceivedOn: '2018-04-20',
          amountOre: 800_000,
          reasons: 'Skäl saknas.',
        }),
      )
      .events();
    expect(refusal).toEqual([
      {
        type: 'WaiverRefused',
        data: {
          claimId: '1',
          decidedOn: '2018-06-01',
          applicationReceivedOn: '2018-04-20',
          amountAppliedOre: 800_000,
          reasons: 'Skäl saknas.',
        },
      },
    ]);
    const c = replay([...claimedCase, sent, ...refusal]) as OpenCase;
    expect(outstandingOre(c)).toBe(800_000);
    expect(c.waiverRefusals).toHaveLength(1);
  });

  it('refuses only an application: a refusal needs its date', () =>
    given(claimedCase)
      .when(waive({ decision: 'refused' }))
      .thenFails({ code: 'waiver-application-required', field: 'applicationReceivedOn' }));

  it('refuses an application only after its kommunicering, like a claim', () =>
    given([...claimedCase, sent])
      .when(waive({ decision: 'refused', applicationReceivedOn: '2018-04-20', decidedOn: '2018-05-16' }))
      .thenFails({ code: 'communication-deadline-not-passed', details: { respondBy: '2018-05-16' } }));

  it('needs the reason and the amount of a waiver granted', () => {
    given(claimedCase)
      .when(waive({ amountOre: 100 }))
      .thenFails({ kind: 'invalid', field: 'reason' });
    given(claimedCase)
      .when(waive({ reason: 'other' }))
      .thenFails({ kind: 'invalid', field: 'amount' });
  });

  it('cannot be decided before the application came in', () =>
    given(claimedCase)
      .when(waive({ reason: 'other', amountOre: 100, applicationReceivedOn: '2018-06-02' }))
      .thenFails({ code: 'date-before-step', field: 'decidedOn' }));
});

describe('the paragraph of each decision, by the law that governs it', () => {
  it('names the waiver, suit and no-investigation paragraphs of each law', () => {
    expect(legalParagraph('waiver', 'SoL 2001:453').reference).toBe('9 kap. 4 § SoL (2001:453)');
    expect(legalParagraph('waiver', 'SoL 2025:400').reference).toBe('33 kap. 6 § SoL (2025:400)');
    expect(legalParagraph('compensation-suit', 'SoL 2001:453').text).toBe('9 kap. 3 § socialtjänstlagen (2001:453)');
    expect(legalParagraph('compensation-suit', 'SoL 2025:400').text).toBe(
      '33 kap. 4–5 §§ socialtjänstlagen (2025:400)',
    );
    expect(legalParagraph('no-investigation', 'SoL 2025:400').reference).toBe('14 kap. 2 § SoL (2025:400)');
  });

  it("names a claim's paragraph by its legal basis", () => {
    expect(claimParagraph('SoL 9:1').reference).toBe('9 kap. 1 § SoL (2001:453)');
    expect(claimParagraph('SoL 33:1').reference).toBe('33 kap. 1 § SoL (2025:400)');
    expect(claimParagraph('SoL 33:3').reference).toBe('33 kap. 3 § SoL (2025:400)');
  });
});

describe('how each decision can be appealed', () => {
  it('a claim under SoL 2001:453: laglighetsprövning only, and the court case where the claim is tried', () => {
    const appeal = appealOf('repayment-claim', 'SoL 2001:453');
    expect(appeal).toMatchObject({ appealable: true, routes: ['legality-review'], certain: true });
    expect(appeal.source).toMatch(/16 kap\. 3 § socialtjänstlagen \(2001:453\)/);
    expect(appeal.instructions).toMatch(/inte överklagas genom förvaltningsbesvär/);
    expect(appeal.instructions).toMatch(/inom tre veckor/);
    expect(appeal.instructions).toMatch(/kan inte verkställas/);
  });

  it('a decision under SoL 2025:400, whose appeal provision could not be read: tells how to appeal', () => {
    const appeal = appealOf('repayment-claim', 'SoL 2025:400');
    expect(appeal).toMatchObject({ routes: ['administrative-appeal', 'legality-review'], certain: false });
    expect(appeal.instructions).toMatch(/skicka överklagandet till nämnden/);
  });

  it('a waiver refused goes against the person; one granted does not', () => {
    expect(appealOf('waiver', 'SoL 2001:453', true)).toMatchObject({ appealable: true, routes: ['legality-review'] });
    expect(appealOf('waiver', 'SoL 2001:453', false)).toMatchObject({ appealable: false, routes: [] });
  });

  it('the decision not to investigate and a police report cannot be appealed by the person', () => {
    expect(appealOf('no-investigation', 'SoL 2001:453')).toMatchObject({ appealable: false });
    expect(appealOf('police-report', 'SoL 2001:453').source).toBe('6 § bidragsbrottslagen (2007:612)');
  });

  it('the decision to sue: tried in the court case, and laglighetsprövning where unsure', () =>
    expect(appealOf('compensation-suit', 'SoL 2001:453')).toMatchObject({
      routes: ['in-court', 'legality-review'],
      certain: false,
    }));
});
