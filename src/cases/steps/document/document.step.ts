import type { LocalDate } from '../../../calendar/local-date';
import { code, integer, localDate, nullable, object, oneOf, optional, text, type Infer } from '../../../kernel/shape';
import { type CaseError, conflict, invalid, rule } from '../../domain/case-errors';
import type { OpenCase } from '../../domain/case-state';
import { checkDate, registeredCase } from '../../domain/rules';
import { caseEvent, defineStep } from '../../domain/step';

/**
 * A document is part of the record: a letter or decision made from the case
 * (src/documents renders it), issued as an event naming its type, the
 * template version, the case version it was made from and the sha-256 of the
 * files kept exactly as issued (encrypted with the person's data key); once
 * sent, a second event records the date and the channel.
 */

/** The documents the service makes from a case, as the case page and the letters name them. */
export const DOCUMENT_TYPES = {
  'communication-letter': 'Kommuniceringsbrev',
  'repayment-claim-decision': 'Beslut om återkrav',
  'repayment-plan': 'Avbetalningsplan',
  'police-report': 'Polisanmälan',
  'compensation-suit-application': 'Ansökan om ersättningstalan',
  'waiver-decision': 'Beslut om eftergift',
  'authority-notification': 'Underrättelse till annan myndighet',
} as const;
export type DocumentType = keyof typeof DOCUMENT_TYPES;

/** How a document was sent. */
export const DOCUMENT_CHANNELS = {
  post: 'Post',
  'digital-mailbox': 'Digital brevlåda',
  'secure-email': 'Säker e-post',
  'e-service': 'E-tjänst (till exempel domstolens eller myndighetens)',
  'handed-over': 'Lämnat personligen',
  other: 'Annat',
} as const;
export type DocumentChannel = keyof typeof DOCUMENT_CHANNELS;

const SHA256 = /^[0-9a-f]{64}$/;
const storedFileShape = object({
  /** The file's opaque id in the file store (never a name). */
  fileId: code(),
  /** The sha-256 of the file's plain bytes, as issued. */
  sha256: text({ max: 64 }),
  size: integer({ min: 1 }),
});

const documentIssuedShape = object({
  /** The document's number within the case ('1', '2', ...): never random, never in its content. */
  documentId: code(),
  documentType: oneOf(DOCUMENT_TYPES),
  /** What in the case it concerns: a claim's id, or the number of a waiver or notification; null: the case as a whole. */
  concerning: nullable(code()),
  issuedOn: localDate,
  issuedBy: code(),
  /** The template's version (0: the default the service ships). */
  templateVersion: integer({ min: 0 }),
  /** The case's version (stream revision) the document was made from. */
  madeFromVersion: integer({ min: 0 }),
  /** The document as issued, and as DOCX for editing: each kept exactly as made. */
  pdf: storedFileShape,
  docx: storedFileShape,
  /** A kommuniceringsbrev's last day to respond, as given when it was issued. */
  respondBy: optional(localDate),
});
export type DocumentIssuedData = Infer<typeof documentIssuedShape>;

export const DocumentIssued = caseEvent('DocumentIssued', {
  shape: documentIssuedShape,
  label: 'Dokument utfärdat',
  on: (d) => d.issuedOn,
  // Issuing a letter about an earlier step does not move the date later steps may not precede.
  movesLastStep: false,
  evolve: (c, d) => ({ ...c, documents: [...c.documents, { ...d, sent: null }] }),
  statistics: { reads: ['issuedOn'], facts: () => [] },
});

const documentSentShape = object({
  documentId: code(),
  sentOn: localDate,
  channel: oneOf(DOCUMENT_CHANNELS),
});
export type DocumentSentData = Infer<typeof documentSentShape>;

export const DocumentSent = caseEvent('DocumentSent', {
  shape: documentSentShape,
  label: 'Dokument skickat',
  on: (d) => d.sentOn,
  movesLastStep: false,
  evolve: (c, d) => ({
    ...c,
    documents: c.documents.map((x) => (x.documentId === d.documentId ? { ...x, sent: { ...d } } : x)),
  }),
  statistics: { reads: ['sentOn'], facts: () => [] },
});

/** A document of the case with its sending, as the case holds it. */
export type CaseDocument = DocumentIssuedData & { sent: DocumentSentData | null };

/** The steps after which the case page offers to issue a document at once (their decisions' letters). */
export const DOCUMENT_AFTER_STEPS: Readonly<Record<DocumentType, readonly string[]>> = {
  'communication-letter': [],
  'repayment-claim-decision': ['repayment-claim'],
  'repayment-plan': ['repayment-plan'],
  'police-report': ['police-report'],
  'compensation-suit-application': ['compensation-suit-decision', 'compensation-suit'],
  'waiver-decision': ['waiver'],
  'authority-notification': ['authority-notification'],
};

// ---- what each document needs of the case ----------------------------------------------------

/** The refusals a document's type gives when the case lacks what it is made from. */
const NEEDS = {
  'communication-letter': [
    'document-needs-investigation',
    'Kommuniceringsbrevet kräver en utredning som fann en felaktig utbetalning.',
    (c: OpenCase) => c.investigation?.finding === 'incorrect-payment',
  ],
  'repayment-claim-decision': [
    'no-claim',
    'Det finns inget beslut om återkrav i ärendet.',
    (c: OpenCase) => c.claims.length > 0,
  ],
  'repayment-plan': [
    'document-needs-plan',
    'Det finns ingen avbetalningsplan i ärendet.',
    (c: OpenCase) => c.plans.length > 0,
  ],
  'police-report': [
    'document-needs-police-report',
    'Det finns ingen polisanmälan registrerad i ärendet.',
    (c: OpenCase) => c.policeReports.length > 0,
  ],
  'compensation-suit-application': [
    'document-needs-suit-decision',
    'Det finns inget beslut att väcka ersättningstalan i ärendet.',
    (c: OpenCase) => c.suitDecisions.length > 0,
  ],
  'waiver-decision': [
    'document-needs-waiver',
    'Det finns inget beslut om eftergift i ärendet.',
    (c: OpenCase) => c.waivers.length > 0,
  ],
  'authority-notification': [
    'document-needs-notification',
    'Det finns ingen underrättelse till annan myndighet registrerad i ärendet.',
    (c: OpenCase) => c.notificationsSent.length > 0,
  ],
} as const satisfies Record<DocumentType, readonly [string, string, (c: OpenCase) => boolean]>;

/** Whether a document of this type can be made from the case now; the refusal otherwise. */
export function documentAvailability(type: DocumentType, c: OpenCase): CaseError | null {
  const [code, , holds] = NEEDS[type];
  return holds(c) ? null : conflict(code, `The case holds nothing a ${type} is made from`);
}

/** What a document of the type can concern: the ids the case holds, the latest last (null: the case as a whole). */
export function concerningChoices(type: DocumentType, c: OpenCase): string[] {
  const numbers = (n: number) => Array.from({ length: n }, (_, i) => String(i + 1));
  switch (type) {
    case 'repayment-claim-decision':
      return c.claims.map((x) => x.claimId);
    case 'repayment-plan':
      return [...new Set(c.plans.map((p) => p.claimId))];
    case 'compensation-suit-application':
      return [...new Set(c.suitDecisions.map((d) => d.claimId))];
    case 'waiver-decision':
      return numbers(c.waivers.length);
    case 'authority-notification':
      return numbers(c.notificationsSent.length);
    default:
      return [];
  }
}

/** What the document concerns: the one named (it must exist), or the latest; null where the type concerns the case. */
export function concerningOf(type: DocumentType, c: OpenCase, named: string | null | undefined): string | null {
  const choices = concerningChoices(type, c);
  if (choices.length === 0) {
    if (named) throw rule('unknown-concerning', `A ${type} concerns the case as a whole`, 'concerning');
    return null;
  }
  if (named === undefined || named === null) return choices[choices.length - 1];
  if (!choices.includes(named))
    throw rule('unknown-concerning', `The case has no ${named} for a ${type}`, 'concerning', { choices });
  return named;
}

// ---- the steps --------------------------------------------------------------------------------

/** What the service made and stored before it records the issuing (src/documents). */
export interface IssueDocumentCommand {
  documentType: DocumentType;
  concerning: string | null;
  issuedOn: LocalDate;
  issuedBy: string;
  templateVersion: number;
  madeFromVersion: number;
  pdf: { fileId: string; sha256: string; size: number };
  docx: { fileId: string; sha256: string; size: number };
  respondBy?: LocalDate;
}

const checkSha = (sha: string, field: string): void => {
  if (!SHA256.test(sha)) throw invalid(field, `${field} must be a sha-256 in hex`);
};

export const documentIssue = defineStep({
  id: 'document-issue',
  command: 'IssueDocument',
  auditLabel: 'Utfärdade ett dokument',
  actors: 'case-handlers',
  // POST /api/cases/{id}/documents: the service renders and stores the files first (src/documents).
  http: null,
  refusals: {
    'document-needs-investigation': ['conflict', NEEDS['communication-letter'][1]],
    'document-needs-plan': ['conflict', NEEDS['repayment-plan'][1]],
    'document-needs-police-report': ['conflict', NEEDS['police-report'][1]],
    'document-needs-suit-decision': ['conflict', NEEDS['compensation-suit-application'][1]],
    'document-needs-waiver': ['conflict', NEEDS['waiver-decision'][1]],
    'document-needs-notification': ['conflict', NEEDS['authority-notification'][1]],
    'unknown-concerning': ['rule', 'Det som dokumentet ska gälla finns inte i ärendet.'],
    'respond-by-before-letter': ['rule', 'Sista svarsdag ligger före brevets datum.'],
  },
  // A closed case still gets its letters (a waiver decided at the closing); a voided or culled one none.
  requires: registeredCase,
  decide: (d: IssueDocumentCommand, c, { today }) => {
    checkDate(c, 'issuedOn', d.issuedOn, today);
    const refusal = documentAvailability(d.documentType, c);
    if (refusal) throw refusal;
    const concerning = concerningOf(d.documentType, c, d.concerning);
    if (d.respondBy !== undefined && d.respondBy < d.issuedOn)
      throw rule('respond-by-before-letter', 'respondBy is before the letter is dated', 'respondBy');
    checkSha(d.pdf.sha256, 'pdf.sha256');
    checkSha(d.docx.sha256, 'docx.sha256');
    return [
      DocumentIssued.of({
        documentId: String(c.documents.length + 1),
        documentType: d.documentType,
        concerning,
        issuedOn: d.issuedOn,
        issuedBy: d.issuedBy,
        templateVersion: d.templateVersion,
        madeFromVersion: d.madeFromVersion,
        pdf: { ...d.pdf },
        docx: { ...d.docx },
        ...(d.respondBy !== undefined ? { respondBy: d.respondBy } : {}),
      }),
    ];
  },
});

export interface SendDocumentCommand {
  documentId: string;
  sentOn: LocalDate;
  channel: DocumentChannel;
}

export const documentDispatch = defineStep({
  id: 'document-dispatch',
  command: 'RecordDocumentSent',
  auditLabel: 'Registrerade att ett dokument skickats',
  actors: 'case-handlers',
  // POST /api/cases/{id}/documents/{documentId}/sent (src/documents).
  http: null,
  refusals: {
    'unknown-document': ['rule', 'Dokumentet finns inte i ärendet.'],
    'document-already-sent': ['conflict', 'Dokumentet är redan registrerat som skickat.'],
    'sent-before-issued': ['rule', 'Dokumentet kan inte ha skickats före den dag det utfärdades.'],
  },
  requires: registeredCase,
  decide: (d: SendDocumentCommand, c, { today }) => {
    const document = c.documents.find((x) => x.documentId === d.documentId);
    if (!document) throw rule('unknown-document', `The case has no document ${d.documentId}`, 'documentId');
    if (document.sent) throw conflict('document-already-sent', `Document ${d.documentId} is already sent`);
    checkDate(c, 'sentOn', d.sentOn, today);
    if (d.sentOn < document.issuedOn)
      throw rule('sent-before-issued', `sentOn is before the document was issued (${document.issuedOn})`, 'sentOn');
    return [DocumentSent.of({ documentId: d.documentId, sentOn: d.sentOn, channel: d.channel })];
  },
});
