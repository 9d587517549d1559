import { specification } from '../../../testing/decider-specification';
import { NO_CALCULATION } from '../../domain/case-shapes';
import type { OpenCase } from '../../domain/case-state';
import { personalFileIds } from '../../domain/case-state';
import { type CaseCommand, type CaseEvent, caseDecider, replay } from '../index';
import {
  type IssueDocumentCommand,
  concerningChoices,
  concerningOptions,
  letterChoices,
  lettersDue,
} from './document.step';

const given = specification(caseDecider);
const TODAY = '2019-06-28';

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
    incorrectPayments: [{ paidOn: '2018-01-25', amountOre: 300_000, grantedOn: '2018-01-25', ...NO_CALCULATION }],
    intent: null,
    savedAmountOre: 0,
  },
};
const claimed: CaseEvent = {
  type: 'RepaymentClaimDecided',
  data: { claimId: '1', decidedOn: '2018-03-05', legalBasis: 'SoL 9:1', amountOre: 300_000, paymentIndexes: [0] },
};

const communicated = (over: Record<string, string> = {}): CaseEvent =>
  ({
    type: 'CommunicationSent',
    data: {
      communicationId: '1',
      concerning: 'repayment-claim',
      sentOn: '2019-06-10',
      respondBy: '2019-07-12',
      material: 'Utredningen och beräkningen.',
      ...over,
    },
  }) as CaseEvent;

const file = (n: string) => ({ fileId: `file-${n.repeat(16)}`, sha256: n.repeat(64), size: 1000 });
const command = (over: Partial<IssueDocumentCommand> = {}): CaseCommand => ({
  type: 'IssueDocument',
  data: {
    documentType: 'repayment-claim-decision',
    concerning: null,
    issuedOn: TODAY,
    issuedBy: 'anna.utredare',
    templateVersion: 0,
    madeFromVersion: 3,
    pdf: file('a'),
    docx: file('b'),
    ...over,
  },
  today: TODAY,
});
const issued = (over: Partial<Extract<CaseEvent, { type: 'DocumentIssued' }>['data']> = {}): CaseEvent => ({
  type: 'DocumentIssued',
  data: {
    documentId: '1',
    documentType: 'repayment-claim-decision',
    concerning: '1',
    issuedOn: TODAY,
    issuedBy: 'anna.utredare',
    templateVersion: 0,
    madeFromVersion: 3,
    pdf: file('a'),
    docx: file('b'),
    ...over,
  },
});

describe('issuing a document', () => {
  it('records its type, what it concerns (the latest claim unless named), the template version, the version made from and its files', () =>
    given([registered, opened, investigated, claimed]).when(command()).then([issued()]));

  it('numbers the documents of a case in order, never randomly', () =>
    given([registered, opened, investigated, claimed, issued()])
      .when(command({ pdf: file('c'), docx: file('d') }))
      .then([issued({ documentId: '2', pdf: file('c'), docx: file('d') })]));

  it('refuses a document the case holds nothing for', () => {
    given([registered, opened, investigated]).when(command()).thenFails({ kind: 'conflict', code: 'no-claim' });
    // A kommuniceringsbrev is made from a kommunicering the case records: its deadline is the one decisions wait for.
    given([registered, opened, investigated])
      .when(command({ documentType: 'communication-letter' }))
      .thenFails({ kind: 'conflict', code: 'document-needs-communication' });
    given([registered, opened, investigated, claimed])
      .when(command({ documentType: 'police-report' }))
      .thenFails({ code: 'document-needs-police-report' });
    given([registered, opened, investigated, claimed])
      .when(command({ documentType: 'waiver-decision' }))
      .thenFails({ code: 'document-needs-waiver' });
  });

  it('refuses a claim the case does not hold, and a kommuniceringsbrev whose last day to respond is before it', () => {
    given([registered, opened, investigated, claimed])
      .when(command({ concerning: '2' }))
      .thenFails({ kind: 'rule', code: 'unknown-concerning', field: 'concerning' });
    given([registered, opened, investigated, communicated()])
      .when(command({ documentType: 'communication-letter', respondBy: '2019-06-27' }))
      .thenFails({ code: 'respond-by-before-letter', field: 'respondBy' });
  });

  it('makes a kommuniceringsbrev of a kommunicering the case records: the latest unless named', () => {
    const second = communicated({ communicationId: '2', concerning: 'waiver', sentOn: '2019-06-20' });
    given([registered, opened, investigated, communicated(), second])
      .when(command({ documentType: 'communication-letter', respondBy: '2019-07-12' }))
      .then([issued({ documentType: 'communication-letter', concerning: '2', respondBy: '2019-07-12' })]);
    given([registered, opened, investigated, communicated(), second])
      .when(command({ documentType: 'communication-letter', concerning: '1', respondBy: '2019-07-12' }))
      .then([issued({ documentType: 'communication-letter', concerning: '1', respondBy: '2019-07-12' })]);
  });

  it('makes a police report document of each report of the case (issue 20: several per case)', () => {
    const report = (reportId: string, recipient: 'police' | 'prosecutor'): CaseEvent => ({
      type: 'PoliceReportFiled',
      data: { reportId, filedOn: '2018-03-10', offence: 'benefit-offence', recipient, reference: null, acts: null },
    });
    const history = [registered, opened, investigated, report('1', 'police'), report('2', 'prosecutor')];
    given(history)
      .when(command({ documentType: 'police-report' }))
      .then([issued({ documentType: 'police-report', concerning: '2' })]);
    given(history)
      .when(command({ documentType: 'police-report', concerning: '1' }))
      .then([issued({ documentType: 'police-report', concerning: '1' })]);
    given(history)
      .when(command({ documentType: 'police-report', concerning: '3' }))
      .thenFails({ code: 'unknown-concerning', field: 'concerning' });
    const state = replay(history) as OpenCase;
    expect(concerningOptions('police-report', state).map((x) => x.label)).toEqual([
      'Polisanmälan 1 (2018-03-10, till Polismyndigheten)',
      'Polisanmälan 2 (2018-03-10, till Åklagarmyndigheten)',
    ]);
  });

  it('makes the waiver decision of a refused waiver too: a decision the person must get in writing', () => {
    const refused: CaseEvent = {
      type: 'WaiverRefused',
      data: {
        claimId: '1',
        decidedOn: '2018-04-10',
        applicationReceivedOn: '2018-03-20',
        amountAppliedOre: 100_000,
        reasons: null,
      },
    };
    given([registered, opened, investigated, claimed, refused])
      .when(command({ documentType: 'waiver-decision' }))
      .then([issued({ documentType: 'waiver-decision', concerning: 'refused-1' })]);
    const granted: CaseEvent = {
      type: 'ClaimWaived',
      data: { claimId: '1', decidedOn: '2018-04-20', reason: 'other', amountOre: 50_000 },
    };
    const state = replay([registered, opened, investigated, claimed, refused, granted]) as OpenCase;
    // In the order they were decided: the refusal first, the waiver granted later the latest.
    expect(concerningChoices('waiver-decision', state)).toEqual(['refused-1', '1']);
  });

  it('addresses a claim decision to the second adult on their own part, under their own key, and no one else', () => {
    const secondPerson: CaseEvent = {
      type: 'SecondPersonNamed',
      data: {
        namedOn: '2018-02-15',
        relation: 'cohabitant',
        person: { personalIdentityNumber: null, name: 'Bo Berg', gender: 'man' },
        dataKeyId: 'k-2',
      },
    };
    const split: CaseEvent = {
      type: 'RepaymentClaimDecided',
      data: {
        claimId: '1',
        decidedOn: '2018-03-05',
        legalBasis: 'SoL 9:1',
        amountOre: 300_000,
        paymentIndexes: [0],
        shares: [
          { person: 'subject', amountOre: 200_000 },
          { person: 'second-person', amountOre: 100_000 },
        ],
      },
    };
    given([registered, secondPerson, opened, investigated, split])
      .when(command({ person: 'second-person' }))
      .then([issued({ addressee: 'second-person' })]);
    given([registered, secondPerson, opened, investigated, split]).when(command()).then([issued()]);
    given([registered, opened, investigated, claimed])
      .when(command({ person: 'second-person' }))
      .thenFails({ code: 'person-not-liable', field: 'person' });
    const state = replay([registered, secondPerson, opened, investigated, split]) as OpenCase;
    expect(letterChoices('repayment-claim-decision', state).map((x) => [x.id, x.person])).toEqual([
      ['1', 'subject'],
      ['1', 'second-person'],
    ]);
  });

  it('knows which letters are still due: each decision until a document of its type is issued for it', () => {
    const refused: CaseEvent = {
      type: 'WaiverRefused',
      data: {
        claimId: '1',
        decidedOn: '2018-04-10',
        applicationReceivedOn: '2018-03-20',
        amountAppliedOre: null,
        reasons: null,
      },
    };
    const history = [registered, opened, investigated, claimed, refused];
    const due = (events: CaseEvent[]) => lettersDue('waiver-decision', replay(events) as OpenCase).map((x) => x.id);
    expect(due(history)).toEqual(['refused-1']);
    expect(
      due([...history, issued({ documentId: '1', documentType: 'waiver-decision', concerning: 'refused-1' })]),
    ).toEqual([]);
    // The claim's decision letter is due until it is issued.
    expect(lettersDue('repayment-claim-decision', replay(history) as OpenCase).map((x) => x.id)).toEqual(['1']);
    expect(
      lettersDue('repayment-claim-decision', replay([...history, issued({ concerning: '1' })]) as OpenCase),
    ).toEqual([]);
  });

  it('takes a closed case (a decision at the closing still gets its letter); a voided one takes none', () => {
    const closed: CaseEvent = { type: 'CaseClosed', data: { closedOn: '2018-04-01', reason: 'waived-other' } };
    given([registered, opened, investigated, claimed, closed]).when(command()).then([issued()]);
    const voided: CaseEvent = { type: 'CaseVoided', data: { voidedOn: '2018-04-01', reason: 'duplicate', note: null } };
    given([registered, opened, investigated, claimed, voided]).when(command()).thenFails({ code: 'case-voided' });
  });

  it('does not move the date later steps may not precede, and its files are culled with the case', () => {
    const state = replay([registered, opened, investigated, claimed, issued()]) as OpenCase;
    expect(state.lastStepOn).toBe('2018-03-05');
    expect(personalFileIds(state)).toEqual([file('a').fileId, file('b').fileId]);
  });
});

describe('recording that a document was sent', () => {
  const sent = (over: Record<string, string> = {}): CaseCommand => ({
    type: 'RecordDocumentSent',
    data: { documentId: '1', sentOn: TODAY, channel: 'post', ...over } as never,
    today: TODAY,
  });

  it('records the day and the channel', () =>
    given([registered, opened, investigated, claimed, issued()])
      .when(sent())
      .then([{ type: 'DocumentSent', data: { documentId: '1', sentOn: TODAY, channel: 'post' } }]));

  it('refuses an unknown document, a second sending, and a day before it was issued', () => {
    given([registered, opened, investigated, claimed, issued()])
      .when(sent({ documentId: '2' }))
      .thenFails({ code: 'unknown-document' });
    given([
      registered,
      opened,
      investigated,
      claimed,
      issued(),
      { type: 'DocumentSent', data: { documentId: '1', sentOn: TODAY, channel: 'post' } },
    ])
      .when(sent())
      .thenFails({ kind: 'conflict', code: 'document-already-sent' });
    given([registered, opened, investigated, claimed, issued()])
      .when(sent({ sentOn: '2019-06-27' }))
      .thenFails({ code: 'sent-before-issued', field: 'sentOn' });
  });
});
