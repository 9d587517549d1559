import { specification } from '../../../testing/decider-specification';
import { NO_CALCULATION } from '../../domain/case-shapes';
import type { OpenCase } from '../../domain/case-state';
import { personalFileIds } from '../../domain/case-state';
import { type CaseCommand, type CaseEvent, caseDecider, replay } from '../index';
import type { IssueDocumentCommand } from './document.step';

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
    given([registered, opened])
      .when(command({ documentType: 'communication-letter' }))
      .thenFails({ code: 'document-needs-investigation' });
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
    given([registered, opened, investigated])
      .when(command({ documentType: 'communication-letter', respondBy: '2019-06-27' }))
      .thenFails({ code: 'respond-by-before-letter', field: 'respondBy' });
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
