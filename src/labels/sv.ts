/**
 * The one catalogue of Swedish words: the screens, the import report, the
 * yearly report and the CSV/PDF exports read them from here. Code lists come
 * from the domain's catalogues; step, event and refusal texts from the steps'
 * own folders; the rest is declared here. Every table is keyed by its type,
 * so a code, an event or an audit action without its text does not compile.
 * Pure data: the web gets it as a generated module (web/src/api/sv.ts, written
 * by `npm run api:generate` from this file).
 */
import {
  AUTHORITIES,
  CASE_STATUSES,
  CAUSES,
  CLOSE_REASONS,
  DECISIONS,
  ERROR_TYPES,
  FINDINGS,
  GENDER_LABELS,
  INTENT_LABELS,
  JOURNAL_KIND_LABELS,
  LEGAL_BASES,
  NO_INVESTIGATION_REASON_LABELS,
  NOTIFIED_BENEFITS,
  OFFENCE_LABELS,
  POLICE_REPORT_OUTCOMES,
  REPAYMENT_KIND_LABELS,
  SOURCES,
  VOID_REASON_LABELS,
  WAIVER_REASON_LABELS,
  type CaseStatus,
} from '../cases/domain/catalogues';
import { ABILITY_TO_PAY_WARNINGS } from '../cases/domain/catalogues';
import {
  APPEAL_COURTS,
  APPEAL_OUTCOMES,
  APPELLANTS,
  ENFORCEMENT_OUTCOMES,
  LIMITATION_INTERRUPTIONS,
  LIMITATION_STARTS,
} from '../cases/domain/judgment-debt';
import { HOUSEHOLD_RELATIONS, PERSON_ROLES, PROTECTION_BASES } from '../cases/domain/persons';
import { CASE_EVENT_DEFINITIONS, CASE_STEPS, REFUSALS, type CaseEventType, type RefusalCode } from '../cases/steps';
import { DECISION_MAKER_CAPACITIES, DECISION_TYPES } from '../delegation/delegation-register';
import { DELEGATION_REGISTER_REFUSALS, type DelegationRefusalCode } from '../delegation/delegation-register-decider';
import { APPEAL_ROUTES } from '../cases/domain/appeals';
import {
  COMMUNICATION_ANSWERS,
  COMMUNICATION_CONCERNS,
  COMMUNICATION_EXCEPTIONS,
} from '../cases/steps/communication/communication.step';
import { WAIVER_DECISIONS } from '../cases/steps/waiver/waiver.step';
import { ATTACHMENT_KINDS } from '../cases/steps/attachment/attachment.step';
import { DOCUMENT_CHANNELS, DOCUMENT_TYPES } from '../cases/steps/document/document.step';
import { INSTALMENT_STATUSES, PLAN_END_REASONS } from '../cases/domain/instalments';
import { CLOSING_NEEDS } from '../cases/steps/closure/closing-needs';
import { STEP_GROUPS } from '../cases/steps/step-groups';

export {
  AUTHORITIES,
  CAUSES,
  CLOSE_REASONS,
  ERROR_TYPES,
  LEGAL_BASES,
  NOTIFIED_BENEFITS,
  POLICE_REPORT_OUTCOMES,
  SOURCES,
};
export const DECISION = DECISIONS;
export const FINDING = FINDINGS;
export const GENDER = GENDER_LABELS;
export const INTENT = INTENT_LABELS;
export const JOURNAL_KIND = JOURNAL_KIND_LABELS;
export const NO_INVESTIGATION_REASON = NO_INVESTIGATION_REASON_LABELS;
export const OFFENCE = OFFENCE_LABELS;
export const REPAYMENT_KIND = REPAYMENT_KIND_LABELS;
export const VOID_REASON = VOID_REASON_LABELS;
export const WAIVER_REASON = WAIVER_REASON_LABELS;
/** The warning a suit decided or filed without a finding of means carries. */
export const ABILITY_TO_PAY_WARNING = ABILITY_TO_PAY_WARNINGS;
/** After a judgment: appeals, enforcement at Kronofogden, the judgment debt's limitation. */
export const APPELLANT = APPELLANTS;
export const APPEAL_COURT = APPEAL_COURTS;
export const APPEAL_OUTCOME = APPEAL_OUTCOMES;
export const ENFORCEMENT_OUTCOME = ENFORCEMENT_OUTCOMES;
export const LIMITATION_INTERRUPTION = LIMITATION_INTERRUPTIONS;
export const LIMITATION_START = LIMITATION_STARTS;
export const PERSON_ROLE = PERSON_ROLES;
export const HOUSEHOLD_RELATION = HOUSEHOLD_RELATIONS;
export const PROTECTION_BASIS = PROTECTION_BASES;
/** What the screens show where a protected identity is withheld from the reader. */
export const PROTECTED_IDENTITY = 'Skyddad identitet';
export const WAIVER_DECISION = WAIVER_DECISIONS;
/** An avbetalningsplan's instalment as of a day, and why a plan ended (issue 22). */
export const INSTALMENT_STATUS = INSTALMENT_STATUSES;
export const PLAN_END = PLAN_END_REASONS;
/** The decisions a delegation point covers, and who decides them in what capacity. */
export const DECISION_TYPE = DECISION_TYPES;
export const CAPACITY = DECISION_MAKER_CAPACITIES;
export const APPEAL_ROUTE = APPEAL_ROUTES;
export const COMMUNICATION_CONCERN = COMMUNICATION_CONCERNS;
export const COMMUNICATION_EXCEPTION = COMMUNICATION_EXCEPTIONS;
export const COMMUNICATION_ANSWER = COMMUNICATION_ANSWERS;
/** How a decision stands to its kommunicering (förvaltningslagen 25 §), as the case page says it. */
export const COMMUNICATION_STATUS = {
  exception: 'Undantag från kommunicering',
  responded: 'Kommunicerat, personen har svarat',
  'response-time-over': 'Kommunicerat, svarstiden har gått ut',
  'not-recorded': 'Ingen kommunicering registrerad',
} as const;
/** The documents made from a case, and how one is sent. */
export const DOCUMENT_TYPE = DOCUMENT_TYPES;
export const DOCUMENT_CHANNEL = DOCUMENT_CHANNELS;

/** The kinds of file an attachment may be. */
export const ATTACHMENT_KIND = ATTACHMENT_KINDS;

export const STATUS: Record<CaseStatus, string> = {
  'in-queue': 'I kö',
  investigating: 'Utredning pågår',
  investigated: 'Utredd',
  'not-opened': 'Ingen utredning inleds',
  'follow-up': 'Uppföljning',
  closed: 'Avslutat',
  voided: 'Makulerat',
};
void CASE_STATUSES;

/** What the case needs next, by state: the start page's "next step" column. */
export const NEXT_STEP: Record<CaseStatus, string> = {
  'in-queue': 'Förhandsbedömning',
  investigating: 'Utredningsresultat',
  investigated: 'Återkrav, polisanmälan eller avslut',
  'not-opened': 'Avslut',
  'follow-up': 'Återbetalningar, tidsfrister och avslut',
  closed: '–',
  voided: '–',
};

export const ROLE = {
  investigator: 'FUT-utredare',
  'unit-head': 'Enhetschef',
  department: 'Socialförvaltningen',
  admin: 'Administratör',
} as const;

/** The timeline's name of each recorded step (event type), as each step's folder declares it. */
export const STEP = Object.fromEntries(
  Object.entries(CASE_EVENT_DEFINITIONS).map(([type, d]) => [type, d.label]),
) as Record<CaseEventType, string>;

/** Each step's form heading, by the step's id (as the case view names it). */
export const STEP_TITLE = Object.fromEntries(CASE_STEPS.map((s) => [s.id, s.http?.title ?? s.auditLabel])) as Record<
  (typeof CASE_STEPS)[number]['id'],
  string
>;

/** The groups the case page offers its steps in, in order. */
export const STEP_GROUP = STEP_GROUPS;

/** Figures of the yearly statistics, as the report and the statistics page head them. */
export const FIGURE = {
  received: 'Inkommande information',
  queueAtYearEnd: 'Ärenden i kö vid årets slut',
  investigationsOpened: 'Inledda utredningar',
  claims: 'Beslut om återkrav',
  claimedAmount: 'Återkrävt belopp',
  policeReports: 'Polisanmälningar',
  compensationSuits: 'Ersättningstalan',
  repaidAmount: 'Återbetalt belopp',
  savedAmount: 'Inbesparat belopp',
  closed: 'Avslutade ärenden',
  ongoingClaimsAtYearEnd: 'Pågående återkrav vid årets slut',
  ongoingRepaymentsAtYearEnd: 'Varav med pågående återbetalning',
  ongoingInvestigationsAtYearEnd: 'Pågående utredningar vid årets slut',
  followUpAtYearEnd: 'Ärenden i uppföljning vid årets slut',
} as const;

/**
 * The problem codes the HTTP edge, the session, the import and the read
 * models send, beside the decider's refusals (which the steps declare).
 */
export const EDGE_PROBLEMS = {
  'invalid-request': 'Kontrollera de markerade fälten.',
  'sort-list-too-long':
    'Listan är för lång för att sorteras på namn. Begränsa den först, till exempel med status, stadsdel eller bara dina ärenden.',
  'not-found': 'Ärendet finns inte, eller så har du inte behörighet till det.',
  'stale-version': 'Ärendet har ändrats sedan du öppnade det.',
  'idempotency-key-reused': 'Samma begäran skickades redan med annat innehåll. Ladda om sidan och försök igen.',
  unauthenticated: 'Du är inte inloggad, eller sessionen har gått ut.',
  unauthorized: 'Du är inte inloggad, eller sessionen har gått ut.',
  'invalid-token': 'Du är inte inloggad, eller sessionen har gått ut.',
  forbidden: 'Din roll får inte göra detta.',
  'district-not-permitted': 'Du har inte behörighet till stadsdelen.',
  'csrf-token-missing': 'Sidan är för gammal. Ladda om och försök igen.',
  'cross-origin': 'Begäran kom från en annan webbplats och stoppades.',
  'web-sign-in-off': 'Inloggning i webbgränssnittet är avstängd i den här installationen.',
  'too-many-requests': 'För många ändringar på kort tid. Vänta en stund och försök igen.',
  'too-many-unauthenticated-requests': 'För många försök utan inloggning. Vänta en stund och försök igen.',
  'payload-too-large': 'Det som skickades är för stort.',
  'unsupported-charset': 'Det som skickades har fel teckenkodning (ska vara UTF-8).',
  'unsupported-content-encoding': 'Det som skickades är packat på ett sätt som tjänsten inte tar emot.',
  'unsupported-media-type': 'Det som skickades har en form som tjänsten inte tar emot.',
  'method-not-allowed': 'Det går inte att göra så här.',
  conflict: 'Det går inte att göra så i ärendet nu.',
  'precondition-failed': 'Ärendet har ändrats sedan du öppnade det.',
  'unprocessable-content': 'Uppgiften går inte att registrera.',
  'audit-unavailable': 'Åtkomsten kunde inte loggas och gavs därför inte. Försök igen senare.',
  'storage-unavailable':
    'Tjänsten kan inte spara just nu (lagringen är full eller fel). Inget ändrades; försök igen senare.',
  'service-unavailable': 'Tjänsten är inte tillgänglig just nu. Försök igen senare.',
  'read-models-behind': 'Listorna är inte ikapp ännu. Försök igen om en stund.',
  'read-model-failed':
    'En lista kan inte visas: en händelse i loggen går inte att läsa. En administratör behöver rätta den.',
  'event-unreadable':
    'Ärendet kan inte visas: en av dess händelser går inte att läsa. En administratör behöver rätta den.',
  'event-readable': 'Händelsen går att läsa; bara en händelse som inte går att läsa kan rättas.',
  'already-corrected': 'Händelsen är redan rättad.',
  'not-correctable': 'Bara ett ärendes händelser kan rättas.',
  'correction-not-foldable': 'Ärendet går inte att följa med den rättelsen.',
  'personal-data-key-missing':
    'Ärendets personuppgifter kan inte läsas: nyckeln saknas. Ärendet är inte gallrat; driften behöver återställa nycklarna.',
  'post-check-inconsistent': 'Talen hänger inte ihop: varje tal får vara högst lika stort som det före.',
  'import-limit-exceeded': 'Filen är större än en import tar emot.',
  'conflicts-with-history': 'Ärendet finns redan med ett annat värde här; historiken skrivs aldrig om.',
  'duplicate-key': 'Ärendenumret finns redan på en tidigare rad i filen.',
  'imports-busy': 'Många importer pågår. Försök igen om en stund.',
  // The repayments import's rows (issue 22): a payment that cannot be recorded is reported, never guessed at.
  'payment-case-missing': 'Raden saknar både ärendenummer och OCR-nummer.',
  'payment-date-missing': 'Betalningsdatum saknas.',
  'payment-amount-missing': 'Belopp saknas.',
  'negative-amount':
    'Beloppet är negativt (en återföring). Importen registrerar bara inbetalningar; rätta återföringen i ärendet.',
  'invalid-reference': 'Referensen är längre än 100 tecken.',
  'payment-case-unknown': 'Inget ärende har det ärendenumret.',
  'payment-ocr-unknown': 'Ingen avbetalningsplan har det OCR-numret.',
  'payment-ocr-ambiguous': 'Flera ärenden har en avbetalningsplan med det OCR-numret. Ange ärendenumret på raden.',
  'payment-reference-mismatch': 'Ärendenumret och OCR-numret hör till olika ärenden.',
  'payment-case-closed':
    'Ärendet är avslutat eller makulerat: inbetalningen registrerades inte. Återöppna ärendet om den ska registreras.',
  'payment-claim-unknown': 'Ärendet har inget återkrav med det numret.',
  'payment-claim-ambiguous':
    'Ärendet har flera återkrav med skuld kvar. Ange återkravet (kolumnen Återkrav) eller avbetalningsplanens OCR-nummer.',
  'payment-nothing-owed':
    'Ärendet har ingen skuld kvar på återkravet: inbetalningen registrerades inte (kan vara en överbetalning att betala tillbaka).',
  'payment-possible-duplicate':
    'En återbetalning med samma datum och belopp finns redan i ärendet, registrerad på annat sätt: raden registrerades inte. Registrera den i ärendet om det är en annan betalning.',
  'payment-duplicate-row':
    'Samma betalning (ärende, datum, belopp och referens) finns på en tidigare rad i filen: raden registrerades inte. En kolumn med verifikationsnummer skiljer två lika betalningar åt.',
  'shutting-down': 'Tjänsten startar om. Försök igen om en stund.',
  'attachment-too-large': 'Filen är för stor. En bilaga får vara högst 25 MB.',
  'attachment-type-not-allowed':
    'Filen kan inte sparas som bilaga. Bara PDF, JPEG, PNG, Word (DOCX) och Excel (XLSX) tas emot, och filens innehåll avgör typen, inte dess namn.',
  'attachment-culled': 'Bilagan är gallrad: personuppgifterna i ärendet är borttagna och filen kan inte längre läsas.',
  'attachment-file-missing':
    'Bilagans fil saknas i lagringen. Ärendet är inte gallrat; driften behöver återställa filen från säkerhetskopian.',
  'case-without-data-key':
    'Ärendet registrerades innan personuppgifter krypterades och har ingen nyckel att kryptera en bilaga med.',
  'document-shredded':
    'Dokumentet är gallrat: personuppgifterna i ärendet är borttagna och filen kan inte längre läsas.',
  'document-file-missing':
    'Dokumentets fil saknas i lagringen. Ärendet är inte gallrat; driften behöver återställa filen från säkerhetskopian.',
  'document-without-data-key':
    'Ärendet registrerades innan personuppgifter krypterades och har ingen nyckel att kryptera ett dokument med.',
  'identity-protected-files':
    'Ärendet gäller en person med skyddade personuppgifter. Bara ärendets utredare och enhetschefen kan göra och läsa ärendets dokument och bilagor.',
  'template-too-large': 'Mallen är för stor. En mall får vara högst 5 MB.',
  'template-not-docx': 'Filen är inget Word-dokument (.docx). En mall ska vara en DOCX-fil.',
  'template-invalid':
    'Mallen kan inte användas: den har en platshållare som dokumenttypen inte fyller i, eller en felskriven platshållare.',
  'internal-error': 'Något gick fel i tjänsten. Felet är loggat.',
  network: 'Tjänsten svarar inte. Försök igen.',
} as const;

export type ProblemCode = RefusalCode | DelegationRefusalCode | keyof typeof EDGE_PROBLEMS;

/** Swedish for every problem code the service sends (problem+json `code`). */
export const PROBLEM: Readonly<Record<ProblemCode, string>> = {
  ...(Object.fromEntries(Object.entries(REFUSALS).map(([code, [, text]]) => [code, text])) as Record<
    RefusalCode,
    string
  >),
  ...(Object.fromEntries(
    Object.entries(DELEGATION_REGISTER_REFUSALS).map(([code, [, text]]) => [code, text]),
  ) as Record<DelegationRefusalCode, string>),
  ...EDGE_PROBLEMS,
};

/** Kept for the screens' older name. */
export const ERROR: Readonly<Record<string, string>> = PROBLEM;

/** A field the API refuses, when no better text is known. */
export const FIELD_ERROR = 'Värdet är inte giltigt.';

/** What a refused closing's reason needs and the case lacks (`missing` of closing-reason-not-met). */
export const CLOSING_MISSING = CLOSING_NEEDS;

/** A refusal's figures (problem extension members), as the screens name them beside the refusal's text. */
export const PROBLEM_DETAIL = {
  outstandingAmount: 'Kvarstående skuld',
  claimableAmount: 'Kan fortfarande krävas i domstol',
  maximumAmount: 'Högsta belopp',
  limitationDate: 'Sista dag före preskription',
} as const;

/** The audit log's actions other than the case steps (whose names come from their folders). */
const AUDIT_ACTIONS = {
  'case.read': 'Läste ärendet',
  'case.history': 'Läste ärendets historik',
  'case.list': 'Listade ärenden',
  'case.export': 'Exporterade ärendelistan',
  'case.search-by-personal-number': 'Sökte på personnummer',
  'case.step': 'Registrerade ett steg som inte finns',
  'case.register': 'Registrerade inkommande information',
  'case.close-past-limit': 'Eftergav återkravet och avslutade ärendet: alla treårsgränser passerade (samlad åtgärd)',
  'deadlines.close-past-limit': 'Avslutade flera ärenden vars återkrav passerat alla treårsgränser',
  'retention.run': 'Gallring',
  'admin.unreadable-event': 'Läste en händelse som inte går att läsa',
  'admin.event-correction': 'Rättade en händelse',
  'districts.add': 'Lade till en stadsdel',
  'districts.merge': 'Registrerade en sammanslagning av stadsdelar',
  'delegation.adopt': 'Registrerade en punkt i delegationsordningen',
  'delegation.revoke': 'Registrerade att en punkt i delegationsordningen upphävts',
  'delegated-decisions.list': 'Läste förteckningen över delegationsbeslut',
  'report.texts': 'Ändrade årsrapportens texter',
  'report.post-checks': 'Registrerade efterkontroller',
  'report.approve': 'Fastställde årsrapporten',
  'import.upload': 'Importerade ett register',
  'import.status': 'Läste en imports läge',
  'import.report': 'Läste en imports rapport',
  'case.attachment-upload': 'Lade till en bilaga',
  'case.attachment-download': 'Hämtade en bilaga',
  'case.document-issue': 'Utfärdade ett dokument',
  'case.document-download': 'Hämtade ett dokument',
  'case.document-sent': 'Registrerade att ett dokument skickats',
  'admin.document-template-upload': 'Laddade upp en dokumentmall',
  'admin.document-template-restore': 'Återställde en dokumentmall till standardmallen',
  'repayment-import.upload': 'Importerade inbetalningar från kundreskontran',
  'repayment-import.status': 'Läste en inbetalningsimports läge',
  'repayment-import.report': 'Läste en inbetalningsimports rapport',
  'case.repayment-import': 'Registrerade en inbetalning från kundreskontran',
  'my-work.cases': 'Listade sina egna öppna ärenden',
  'my-work.reminders': 'Läste sina bevakningar',
} as const;

/** The audit log's actions, as the administration page names them: each step by its own label. */
export const AUDIT_ACTION: Readonly<Record<string, string>> = {
  ...AUDIT_ACTIONS,
  ...Object.fromEntries(CASE_STEPS.flatMap((s) => (s.http ? [[`case.${s.http.route}`, s.auditLabel]] : []))),
};
