import type { LocalDate } from '../../../calendar/local-date';
import { code, integer, localDate, nullable, object, oneOf, optional, text, type Infer } from '../../../kernel/shape';
import { AUTHORITIES, POLICE_REPORT_RECIPIENTS } from '../../domain/catalogues';
import { type CaseError, checkAll, conflict, invalid, rule } from '../../domain/case-errors';
import type { OpenCase } from '../../domain/case-state';
import { PERSON_REFUSALS, PERSON_ROLES, type PersonRole, shareOf } from '../../domain/persons';
import { checkDate, registeredCase } from '../../domain/rules';
import { caseEvent, defineStep } from '../../domain/step';
import { COMMUNICATION_CONCERNS } from '../communication/communication.step';
import { coded, date, numbered, user } from '../../domain/details';

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
  /**
   * What in the case it concerns: a claim's id, a kommunicering's or a police
   * report's id, the number of a waiver granted ('1') or refused ('refused-1'),
   * or of a notification; null: the case as a whole (documents issued before
   * each kommunicering and police report had its own).
   */
  concerning: nullable(code()),
  /**
   * Whom it is addressed to, when not the case's person: the household's second
   * adult, on their own part of a claim. Its files are then encrypted with that
   * person's data key (their key in this case alone). Absent: the case's person.
   */
  addressee: optional(oneOf({ 'second-person': PERSON_ROLES['second-person'] })),
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
  details: (d) => [
    numbered('Dokument', d.documentId),
    coded('Slag', DOCUMENT_TYPES, d.documentType),
    coded('Till', PERSON_ROLES, d.addressee),
    date('Svara senast', d.respondBy),
    user('Utfärdat av', d.issuedBy),
  ],
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
  details: (d) => [numbered('Dokument', d.documentId), coded('Skickat med', DOCUMENT_CHANNELS, d.channel)],
  movesLastStep: false,
  evolve: (c, d) => ({
    ...c,
    documents: c.documents.map((x) => (x.documentId === d.documentId ? { ...x, sent: { ...d } } : x)),
  }),
  statistics: { reads: ['sentOn'], facts: () => [] },
});

/** A document of the case with its sending, as the case holds it. */
export type CaseDocument = DocumentIssuedData & { sent: DocumentSentData | null };

/**
 * The steps after which the case page offers to issue a document at once: the
 * decision or the act the step records is what the letter is about. A closing
 * offers the decision letters that are still due (`lettersDue`): the last
 * moment a decision without its letter can get one before the case rests.
 */
export const DOCUMENT_AFTER_STEPS: Readonly<Record<DocumentType, readonly string[]>> = {
  'communication-letter': ['communication'],
  'repayment-claim-decision': ['repayment-claim'],
  'repayment-plan': ['repayment-plan'],
  'police-report': ['police-report'],
  'compensation-suit-application': ['compensation-suit-decision', 'compensation-suit'],
  // A waiver granted or refused: both are decisions the person must get in writing with their appeal route.
  'waiver-decision': ['waiver'],
  'authority-notification': ['authority-notification'],
};
/** The decision letters a closing offers when one is still due. */
export const DOCUMENT_DUE_AT_CLOSING: readonly DocumentType[] = ['repayment-claim-decision', 'waiver-decision'];

// ---- what each document needs of the case ----------------------------------------------------

/** The refusals a document's type gives when the case lacks what it is made from. */
const NEEDS = {
  'communication-letter': [
    'document-needs-communication',
    'Det finns ingen kommunicering registrerad i ärendet. Registrera kommuniceringen först: brevet görs av den.',
    (c: OpenCase) => c.communications.length > 0,
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
    (c: OpenCase) => c.waivers.length > 0 || c.waiverRefusals.length > 0,
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

/** The id a refused waiver goes by among the waiver decisions: 'refused-1', 'refused-2', ... */
export const REFUSED_WAIVER = 'refused-';

/** One thing in the case a document of a type can concern, with its date and a Swedish label for the screens. */
export interface ConcerningChoice {
  id: string;
  on: LocalDate;
  label: string;
}

/** What a document of the type can concern, oldest first (the latest last); none where it concerns the case. */
export function concerningOptions(type: DocumentType, c: OpenCase): ConcerningChoice[] {
  const claim = (claimId: string, on: LocalDate): ConcerningChoice => ({
    id: claimId,
    on,
    label: `Återkrav ${claimId} (beslut ${c.claims.find((x) => x.claimId === claimId)?.decidedOn ?? on})`,
  });
  const latestByClaim = (xs: Array<{ claimId: string; on: LocalDate }>) =>
    [...new Set(xs.map((x) => x.claimId))].map((id) =>
      claim(
        id,
        xs.filter((x) => x.claimId === id).reduce((a, x) => (x.on > a ? x.on : a), ''),
      ),
    );
  switch (type) {
    case 'communication-letter':
      return c.communications.map((x) => ({
        id: x.communicationId,
        on: x.sentOn,
        label: `Kommunicering ${x.communicationId} (${x.sentOn}, inför ${COMMUNICATION_CONCERNS[x.concerning].toLowerCase()})`,
      }));
    case 'repayment-claim-decision':
      return c.claims.map((x) => claim(x.claimId, x.decidedOn));
    case 'repayment-plan':
      return latestByClaim(c.plans.map((p) => ({ claimId: p.claimId, on: p.agreedOn })));
    case 'compensation-suit-application':
      return latestByClaim([
        ...c.suitDecisions.map((d) => ({ claimId: d.claimId, on: d.decidedOn })),
        ...c.suits.map((x) => ({ claimId: x.claimId, on: x.filedOn })),
      ]).filter((x) => c.suitDecisions.some((d) => d.claimId === x.id));
    case 'police-report':
      return c.policeReports.map((r) => ({
        id: r.reportId,
        on: r.filedOn,
        label: `Polisanmälan ${r.reportId} (${r.filedOn}, till ${POLICE_REPORT_RECIPIENTS[r.recipient]})`,
      }));
    case 'waiver-decision':
      // Granted and refused in the order they were decided (granted first on one day).
      return [
        ...c.waivers.map((w, i) => ({
          id: String(i + 1),
          on: w.decidedOn,
          label: `Eftergift ${i + 1} (${w.decidedOn})`,
        })),
        ...c.waiverRefusals.map((w, i) => ({
          id: `${REFUSED_WAIVER}${i + 1}`,
          on: w.decidedOn,
          label: `Avslag på ansökan om eftergift ${i + 1} (${w.decidedOn})`,
        })),
      ].sort((a, b) => a.on.localeCompare(b.on));
    case 'authority-notification':
      return c.notificationsSent.map((n, i) => ({
        id: String(i + 1),
        on: n.sentOn,
        label: `Underrättelse ${i + 1} (${n.sentOn}, ${AUTHORITIES[n.authority]})`,
      }));
  }
}

/** The ids a document of the type can concern, the latest last. */
export function concerningChoices(type: DocumentType, c: OpenCase): string[] {
  return concerningOptions(type, c).map((x) => x.id);
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

/** The waiver decision a document concerns: a granted one (its index among the waivers) or a refusal. */
export function waiverDecisionOf(
  c: OpenCase,
  concerning: string | null,
): { granted: true; index: number } | { granted: false; index: number } {
  const id = concerning ?? String(c.waivers.length);
  return id.startsWith(REFUSED_WAIVER)
    ? { granted: false, index: Number(id.slice(REFUSED_WAIVER.length)) - 1 }
    : { granted: true, index: Math.max(0, Number(id) - 1) };
}

/**
 * Whom a document is addressed to. The household's second adult gets their
 * own decision on their own part of a claim (each owes only their part, 9 kap.
 * 1 § SoL): a claim decision names them when asked, a waiver of their part is
 * theirs. Everything else is addressed to the case's person (or an authority).
 */
export function addresseeOf(
  type: DocumentType,
  c: OpenCase,
  concerning: string | null,
  named: PersonRole | undefined,
): PersonRole {
  if (type === 'waiver-decision') {
    const decision = waiverDecisionOf(c, concerning);
    const person = (decision.granted && c.waivers[decision.index]?.person) || 'subject';
    if (named !== undefined && named !== person)
      throw rule('person-not-liable', `This waiver decision is addressed to the ${person}`, 'person');
    return person;
  }
  const claim = type === 'repayment-claim-decision' ? c.claims.find((x) => x.claimId === concerning) : undefined;
  if (!claim) {
    if (named === 'second-person')
      throw rule('person-not-liable', 'Only a claim decision can be addressed to the second person', 'person');
    return 'subject';
  }
  // Unnamed: the case's person, or the second adult where the claim is decided against them alone.
  const person = named ?? (shareOf(claim, 'subject') === 0 ? 'second-person' : 'subject');
  if (shareOf(claim, person) === 0)
    throw rule('person-not-liable', `Claim ${claim.claimId} is not decided against the ${person}`, 'person');
  return person;
}

/** The letters a document type can be issued as: each thing it can concern, for each person it goes to. */
export function letterChoices(type: DocumentType, c: OpenCase): Array<ConcerningChoice & { person: PersonRole }> {
  return concerningOptions(type, c).flatMap((choice) => {
    if (type === 'repayment-claim-decision') {
      const claim = c.claims.find((x) => x.claimId === choice.id)!;
      return (['subject', 'second-person'] as const)
        .filter((person) => shareOf(claim, person) > 0)
        .map((person) => ({
          ...choice,
          person,
          label: claim.shares ? `${choice.label}, till ${PERSON_ROLES[person].toLowerCase()}` : choice.label,
        }));
    }
    return [{ ...choice, person: addresseeOf(type, c, choice.id, undefined) }];
  });
}

/**
 * The letters of a type still due: what the case holds for it with no document
 * of the type issued for it (and its addressee) on or after its date. A plan
 * agreed again, or a suit filed after its decision, is due again.
 */
export function lettersDue(type: DocumentType, c: OpenCase): Array<ConcerningChoice & { person: PersonRole }> {
  const choices = concerningChoices(type, c);
  return letterChoices(type, c).filter(
    (choice) =>
      !c.documents.some(
        (d) =>
          d.documentType === type &&
          // A document from before each had its own id concerned the only one there was then.
          (d.concerning ?? choices[0]) === choice.id &&
          (d.addressee ?? 'subject') === choice.person &&
          d.issuedOn >= choice.on,
      ),
  );
}

// ---- the steps --------------------------------------------------------------------------------

/** What the service made and stored before it records the issuing (src/documents). */
export interface IssueDocumentCommand {
  documentType: DocumentType;
  concerning: string | null;
  /** Whom the document is addressed to, when the request names someone (else as `addresseeOf` decides). */
  person?: PersonRole;
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
    'document-needs-communication': ['conflict', NEEDS['communication-letter'][1]],
    'document-needs-plan': ['conflict', NEEDS['repayment-plan'][1]],
    'document-needs-police-report': ['conflict', NEEDS['police-report'][1]],
    'document-needs-suit-decision': ['conflict', NEEDS['compensation-suit-application'][1]],
    'document-needs-waiver': ['conflict', NEEDS['waiver-decision'][1]],
    'document-needs-notification': ['conflict', NEEDS['authority-notification'][1]],
    'unknown-concerning': ['rule', 'Det som dokumentet ska gälla finns inte i ärendet.'],
    'respond-by-before-letter': [
      'rule',
      'Sista svarsdagen för kommuniceringen har redan passerat. Registrera en ny kommunicering med en ny svarstid och utfärda brevet för den.',
    ],
    'person-not-liable': PERSON_REFUSALS['person-not-liable'],
  },
  // A closed case still gets its letters (a waiver decided at the closing); a voided or culled one none.
  requires: registeredCase,
  decide: (d: IssueDocumentCommand, c, { today }) => {
    // The date, what the letter concerns, to whom, and the last day to respond: every rule they break in one
    // answer. The case holding nothing to make the letter from is refused as it comes (unless the date answers).
    let concerning = undefined as string | null | undefined;
    let addressee = undefined as PersonRole | undefined;
    checkAll(
      () => checkDate(c, 'issuedOn', d.issuedOn, today),
      () => {
        const refusal = documentAvailability(d.documentType, c);
        if (refusal) throw refusal;
      },
      () => {
        concerning = concerningOf(d.documentType, c, d.concerning);
      },
      // To whom depends on what the letter concerns: asked only of a known one.
      () => {
        if (concerning !== undefined) addressee = addresseeOf(d.documentType, c, concerning, d.person);
      },
      () => {
        if (d.respondBy !== undefined && d.respondBy < d.issuedOn)
          throw rule('respond-by-before-letter', 'respondBy is before the letter is dated', 'respondBy');
      },
    );
    checkSha(d.pdf.sha256, 'pdf.sha256');
    checkSha(d.docx.sha256, 'docx.sha256');
    return [
      DocumentIssued.of({
        documentId: String(c.documents.length + 1),
        documentType: d.documentType,
        // Known (checked above).
        concerning: concerning as string | null,
        issuedOn: d.issuedOn,
        issuedBy: d.issuedBy,
        templateVersion: d.templateVersion,
        madeFromVersion: d.madeFromVersion,
        pdf: { ...d.pdf },
        docx: { ...d.docx },
        ...(d.respondBy !== undefined ? { respondBy: d.respondBy } : {}),
        ...(addressee === 'second-person' ? { addressee } : {}),
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
