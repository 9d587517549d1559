/**
 * The one catalogue of Swedish labels: the web interface and the yearly report
 * read their words from here (code lists come from the domain's catalogues).
 * Pure data, no imports beyond the catalogues, so the browser bundle can use it.
 */
import type {
  CaseStatus,
  Gender,
  Intent,
  JournalKind,
  NoInvestigationReason,
  RepaymentKind,
  VoidReason,
  WaiverReason,
} from '../cases/domain/catalogues';
export {
  AUTHORITIES,
  CAUSES,
  CLOSE_REASONS,
  ERROR_TYPES,
  LEGAL_BASES,
  NOTIFIED_BENEFITS,
  POLICE_REPORT_OUTCOMES,
  SOURCES,
} from '../cases/domain/catalogues';
import { OFFENCES } from '../cases/domain/catalogues';

/** Benefit offences by their Swedish name (bidragsbrottslagen). */
export const OFFENCE = Object.fromEntries(Object.entries(OFFENCES).map(([code, o]) => [code, o.label])) as Record<
  keyof typeof OFFENCES,
  string
>;

export const STATUS: Record<CaseStatus, string> = {
  'in-queue': 'I kö',
  investigating: 'Utredning pågår',
  investigated: 'Utredd',
  'not-opened': 'Ingen utredning inleds',
  'follow-up': 'Uppföljning',
  closed: 'Avslutat',
  voided: 'Makulerat',
};

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

export const GENDER: Record<Gender, string> = { woman: 'Kvinna', man: 'Man', unknown: 'Okänt' };

export const ROLE = {
  investigator: 'FUT-utredare',
  'unit-head': 'Enhetschef',
  department: 'Socialförvaltningen',
  admin: 'Administratör',
} as const;

export const DECISION = {
  'open-investigation': 'Inled utredning',
  'no-investigation': 'Inled inte utredning',
} as const;

export const NO_INVESTIGATION_REASON: Record<NoInvestigationReason, string> = {
  'no-grounds': 'Grund för återkrav eller polisanmälan saknas',
  'internal-error': 'Felet var internt (förvaltningens)',
  'time-limit': 'Mer än tre år sedan utbetalningen',
  other: 'Annat',
};

export const FINDING = {
  'incorrect-payment': 'Felaktig utbetalning',
  'no-incorrect-payment': 'Ingen felaktig utbetalning',
} as const;

export const INTENT: Record<Intent, string> = {
  intentional: 'Uppsåt',
  unintentional: 'Inte uppsåt',
  unclear: 'Oklart',
};

export const REPAYMENT_KIND: Record<RepaymentKind, string> = {
  claim: 'Återkrav',
  damages: 'Skadestånd',
  compensation: 'Ersättningstalan',
};

export const WAIVER_REASON: Record<WaiverReason, string> = {
  'time-limit': 'Eftergift - 3-årsgräns',
  other: 'Eftergift - annan orsak',
};

export const JOURNAL_KIND: Record<JournalKind, string> = { note: 'Anteckning', objection: 'Den enskildes invändning' };

export const VOID_REASON: Record<VoidReason, string> = { duplicate: 'Dubblett', misregistration: 'Felregistrering' };

/** The timeline's name of each recorded step (event type). */
export const STEP: Record<string, string> = {
  CaseRegistered: 'Inkommande information registrerad',
  PreAssessmentMade: 'Förhandsbedömning',
  InvestigationCompleted: 'Utredning avslutad',
  RepaymentClaimDecided: 'Beslut om återkrav',
  RepaymentPlanAgreed: 'Avbetalningsplan',
  RepaymentReceived: 'Återbetalning',
  AbilityToPayAssessed: 'Betalningsförmåga bedömd',
  CompensationSuitFiled: 'Ersättningstalan väckt',
  CompensationJudgmentDecided: 'Dom i ersättningsmål',
  PoliceReportFiled: 'Polisanmälan',
  ClaimWaived: 'Eftergift',
  InvestigatorAssigned: 'Utredare tilldelad',
  CaseTransferred: 'Överfört till annan stadsdel',
  CaseClosed: 'Avslutat',
  CaseReopened: 'Återöppnat',
  JournalEntryAdded: 'Journalanteckning',
  CaseVoided: 'Makulerat',
  PersonalDataCulled: 'Personuppgifter gallrade',
};

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
 * Swedish for the API's stable error codes (problem+json `code`). Field errors
 * of invalid-request are worded from the field's own label instead.
 */
export const ERROR: Record<string, string> = {
  'stale-version': 'Ärendet har ändrats sedan du öppnade det.',
  unauthenticated: 'Du är inte inloggad, eller sessionen har gått ut.',
  'invalid-token': 'Du är inte inloggad, eller sessionen har gått ut.',
  forbidden: 'Din roll får inte göra detta.',
  'district-not-permitted': 'Du har inte behörighet till stadsdelen.',
  'csrf-token-missing': 'Sidan är för gammal. Ladda om och försök igen.',
  'cross-origin': 'Begäran kom från en annan webbplats och stoppades.',
  'not-found': 'Ärendet finns inte, eller så har du inte behörighet till det.',
  'too-many-requests': 'För många ändringar på kort tid. Vänta en stund och försök igen.',
  'audit-unavailable': 'Åtkomsten kunde inte loggas och gavs därför inte. Försök igen senare.',
  'above-claimable': 'Beloppet är högre än det som fortfarande kan krävas inom treårsgränsen.',
  'above-expired': 'Beloppet är högre än det som passerat treårsgränsen.',
  'already-assessed': 'Förhandsbedömningen är redan gjord.',
  'already-investigated': 'Utredningsresultatet är redan registrerat.',
  'amount-above-outstanding': 'Beloppet är högre än den kvarstående skulden.',
  'amount-above-payments': 'Beloppet är högre än summan av de felaktiga utbetalningarna.',
  'amount-above-sued': 'Beloppet är högre än det som stämts för.',
  'case-closed': 'Ärendet är avslutat.',
  'case-culled': 'Ärendets personuppgifter är gallrade.',
  'case-exists': 'Ärendet finns redan.',
  'case-not-closed': 'Ärendet är inte avslutat.',
  'case-not-registered': 'Ärendet finns inte.',
  'case-voided': 'Ärendet är makulerat.',
  'claim-exists': 'Det finns redan ett beslut om återkrav.',
  'closing-reason-not-met': 'Avslutsorsaken stämmer inte med ärendets läge.',
  'date-before-received': 'Datumet är före det datum informationen kom in.',
  'date-before-step': 'Datumet är före ett tidigare steg i ärendet.',
  'date-in-future': 'Datumet får inte ligga i framtiden.',
  'district-not-valid': 'Stadsdelen fanns inte det datumet.',
  'first-due-too-late': 'Första förfallodagen får ligga högst 365 dagar efter att planen avtalades.',
  'no-claim': 'Det finns inget beslut om återkrav.',
  'no-incorrect-payment': 'Utredningen fann ingen felaktig utbetalning.',
  'no-suit': 'Ingen ersättningstalan är väckt.',
  'not-able-to-pay': 'Personen har bedömts sakna betalningsförmåga.',
  'not-investigating': 'Ärendet är inte under utredning.',
  'police-report-exists': 'Polisanmälan är redan gjord.',
  'same-district': 'Ärendet hör redan till den stadsdelen.',
  'time-limit-not-passed': 'Treårsgränsen har inte passerats för alla utbetalningar.',
  'wrong-law': 'Lagrummet hör till en annan lag än den som gäller utbetalningarna.',
  'invalid-request': 'Kontrollera de markerade fälten.',
  'import-limit-exceeded': 'Filen är för stor för en import. Dela upp registret i flera filer.',
  'shutting-down': 'Tjänsten startar om. Försök igen om en stund.',
  'imports-busy': 'Andra filer importeras just nu. Försök igen om en stund.',
  network: 'Tjänsten svarar inte. Försök igen.',
};

export const FIELD_ERROR = 'Värdet är inte giltigt.';

/** The audit log's actions, as the administration page names them. */
export const AUDIT_ACTION: Record<string, string> = {
  'case.read': 'Läste ärendet',
  'case.history': 'Läste ärendets historik',
  'case.list': 'Listade ärenden',
  'case.search': 'Sökte ärende',
  'case.search-by-personal-number': 'Sökte på personnummer',
  'case.register': 'Registrerade inkommande information',
  'case.assessment': 'Förhandsbedömning',
  'case.investigation-result': 'Utredningsresultat',
  'case.repayment-claims': 'Beslut om återkrav',
  'case.repayment-plan': 'Avbetalningsplan',
  'case.repayments': 'Återbetalning',
  'case.ability-to-pay': 'Betalningsförmåga',
  'case.compensation-suits': 'Ersättningstalan',
  'case.compensation-judgments': 'Dom i ersättningsmål',
  'case.police-reports': 'Polisanmälan',
  'case.waivers': 'Eftergift',
  'case.assignment': 'Tilldelade utredare',
  'case.transfer': 'Överförde ärendet',
  'case.closure': 'Avslutade ärendet',
  'case.reopening': 'Återöppnade ärendet',
  'case.journal': 'Journalanteckning',
  'case.void': 'Makulerade ärendet',
  'retention.run': 'Gallring',
};
