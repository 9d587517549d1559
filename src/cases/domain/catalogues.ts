/** Code lists of the FUT process, with the Swedish labels reports and screens show. */

export const SOURCES = {
  caseworker: 'Socialsekreterare (handläggning)',
  'post-check': 'Efterkontroll (Skatteverket)',
  'other-authority': 'Annan myndighet',
  public: 'Allmänheten',
  applicant: 'Den sökande själv',
  other: 'Annat',
} as const;
export type Source = keyof typeof SOURCES;

export const CAUSES = {
  'unreported-income': 'Oredovisade inkomster',
  'unreported-assets': 'Oredovisade tillgångar',
  household: 'Hushållsgemenskap',
  residence: 'Boende/vistelse',
  'false-documents': 'Falska handlingar',
  'internal-error': 'Interna felaktigheter',
  other: 'Annat',
} as const;
export type Cause = keyof typeof CAUSES;

/**
 * Benefit offences under bidragsbrottslagen (2007:612), 2-4 §§, and their
 * limitation (preskription). The general periods are brottsbalken 35 kap. 1 §
 * by the offence's highest penalty: grovt bidragsbrott (at most six years) 10
 * years, bidragsbrott (at most two years) 5 years. Ringa bidragsbrott (at most
 * six months) and vårdslöst bidragsbrott (at most one year) would have 2; since
 * 2020-01-01 they have 5 (lag 2019:652 om ändring i bidragsbrottslagen,
 * prop. 2018/19:132).
 */
export const OFFENCES = {
  'benefit-offence': { label: 'Bidragsbrott', limitationYears: 5, limitationYearsBefore2020: 5 },
  minor: { label: 'Ringa bidragsbrott', limitationYears: 5, limitationYearsBefore2020: 2 },
  gross: { label: 'Grovt bidragsbrott', limitationYears: 10, limitationYearsBefore2020: 10 },
  negligent: { label: 'Vårdslöst bidragsbrott', limitationYears: 5, limitationYearsBefore2020: 2 },
} as const;
export type Offence = keyof typeof OFFENCES;
export const OFFENCE_LABELS = Object.fromEntries(
  Object.entries(OFFENCES).map(([code, o]) => [code, o.label]),
) as Record<Offence, string>;

/** Lag 2019:652 took effect on this day: the 5-year limitation of ringa and vårdslöst bidragsbrott. */
export const LONGER_MINOR_LIMITATION_FROM = '2020-01-01';

/**
 * Years after an act committed on `committedOn` before it is time-barred, for the offence as graded now.
 *
 * Unsure: we could not find the text of the amending act's transitional provision
 * (lag 2019:652). Read here: an act committed before 2020-01-01 keeps the 2-year
 * limitation it had when it was committed. That is also the reading that protects
 * the person (a longer limitation is not applied to an earlier act).
 */
export function limitationYears(offence: Offence, committedOn: string): number {
  const o = OFFENCES[offence];
  return committedOn < LONGER_MINOR_LIMITATION_FROM ? o.limitationYearsBefore2020 : o.limitationYears;
}

/**
 * Where a report of a suspected benefit offence goes (6 § bidragsbrottslagen:
 * "till Polismyndigheten eller Åklagarmyndigheten").
 */
export const POLICE_REPORT_RECIPIENTS = {
  police: 'Polismyndigheten',
  prosecutor: 'Åklagarmyndigheten',
} as const;
export type PoliceReportRecipient = keyof typeof POLICE_REPORT_RECIPIENTS;

/** What became of a police report, as the police, the prosecutor or the court decide it later. */
export const POLICE_REPORT_OUTCOMES = {
  'investigation-opened': 'Förundersökning inledd',
  'investigation-closed': 'Förundersökning nedlagd',
  prosecuted: 'Åtal väckt',
  judgment: 'Dom',
  'summary-penalty': 'Strafföreläggande',
  'not-prosecuted': 'Åtal väcks inte',
  acquittal: 'Frikännande dom',
} as const;
export type PoliceReportOutcome = keyof typeof POLICE_REPORT_OUTCOMES;
/** Outcomes that mean a prosecution was brought: the offence can then no longer become time-barred. */
export const PROSECUTED_OUTCOMES: readonly PoliceReportOutcome[] = ['prosecuted', 'judgment', 'summary-penalty'];
/**
 * Outcomes that end the criminal matter without anyone found guilty: what
 * *Brott kan ej styrkas* rests on (a preliminary investigation closed,
 * no prosecution, an acquittal).
 */
export const NOT_PROVEN_OUTCOMES: readonly PoliceReportOutcome[] = [
  'investigation-closed',
  'not-prosecuted',
  'acquittal',
];

/** What came of a claim lodged against a deceased person's estate (dödsbo). */
export const ESTATE_OUTCOMES = {
  'paid-in-full': 'Betalt i sin helhet',
  'paid-in-part': 'Delvis betalt',
  nothing: 'Inget betalt (dödsboet saknar tillgångar)',
} as const;
export type EstateOutcome = keyof typeof ESTATE_OUTCOMES;

/** Authorities a municipality notifies of, or hears from about, probably incorrect payments (lag 2008:206). */
export const AUTHORITIES = {
  forsakringskassan: 'Försäkringskassan',
  csn: 'Centrala studiestödsnämnden (CSN)',
  'unemployment-fund': 'Arbetslöshetskassa',
  pensionsmyndigheten: 'Pensionsmyndigheten',
  migrationsverket: 'Migrationsverket',
  skatteverket: 'Skatteverket',
  arbetsformedlingen: 'Arbetsförmedlingen',
  other: 'Annan myndighet',
} as const;
export type Authority = keyof typeof AUTHORITIES;

/** What a notification concerns: the other authority's benefit (coded, so no personal data rides along). */
export const NOTIFIED_BENEFITS = {
  'sickness-benefit': 'Sjukpenning',
  'parental-benefit': 'Föräldrapenning',
  'housing-allowance': 'Bostadsbidrag',
  'activity-support': 'Aktivitetsstöd',
  'study-support': 'Studiemedel',
  'unemployment-benefit': 'Arbetslöshetsersättning',
  pension: 'Pension',
  'asylum-allowance': 'Dagersättning (LMA)',
  tax: 'Skatt',
  other: 'Annat',
} as const;
export type NotifiedBenefit = keyof typeof NOTIFIED_BENEFITS;

/** FUT-delegationen's three kinds of error behind an incorrect payment. */
export const ERROR_TYPES = {
  intentional: 'Avsiktliga fel (fusk och brott)',
  unintentional: 'Oavsiktliga fel av den enskilde',
  authority: 'Myndighetsfel',
} as const;
export type ErrorType = keyof typeof ERROR_TYPES;

/**
 * What the investigation found of the person's intent. Gross negligence
 * (grov oaktsamhet) is what vårdslöst bidragsbrott needs (4 § bidragsbrottslagen);
 * before it was a choice of its own it could only be recorded as not intentional.
 */
export const INTENTS = ['intentional', 'gross-negligence', 'unintentional', 'unclear'] as const;
export type Intent = (typeof INTENTS)[number];
/** Findings that give reason to suspect a benefit offence: a report to the police is then due (6 § bidragsbrottslagen). */
export const SUSPECTED_OFFENCE_INTENTS: readonly Intent[] = ['intentional', 'gross-negligence'];
export const INTENT_LABELS: Record<Intent, string> = {
  intentional: 'Uppsåt',
  'gross-negligence': 'Grov oaktsamhet',
  unintentional: 'Inte uppsåt',
  unclear: 'Oklart',
};

export const CLOSE_REASONS = {
  'repaid-claim': 'Återbetalning - återkrav',
  'repaid-damages': 'Återbetalning - skadestånd',
  'repaid-compensation': 'Återbetalning - ersättningstalan',
  'no-claim': 'Inget återkrav',
  'no-action': 'Ingen åtgärd',
  'waived-other': 'Eftergift - annan orsak',
  'waived-time-limit': 'Eftergift - 3-årsgräns',
  'offence-time-barred': 'Brottet preskriberat',
  'offence-not-proven': 'Brott kan ej styrkas',
  'internal-error': 'Avslutas utan åtgärd - interna fel',
  deceased: 'Avliden',
} as const;
export type CloseReason = keyof typeof CLOSE_REASONS;

export const NO_INVESTIGATION_REASONS = ['no-grounds', 'internal-error', 'time-limit', 'other'] as const;
export type NoInvestigationReason = (typeof NO_INVESTIGATION_REASONS)[number];
export const NO_INVESTIGATION_REASON_LABELS: Record<NoInvestigationReason, string> = {
  'no-grounds': 'Ingen grund för återkrav eller polisanmälan',
  'internal-error': 'Felet var förvaltningens (interna fel)',
  'time-limit': 'Mer än tre år sedan utbetalningen',
  other: 'Annat',
};

export const GENDERS = ['woman', 'man', 'unknown'] as const;
export type Gender = (typeof GENDERS)[number];
export const GENDER_LABELS: Record<Gender, string> = { woman: 'Kvinna', man: 'Man', unknown: 'Okänt' };

/** The pre-assessment's decision (förhandsbedömning). */
export const DECISIONS = {
  'open-investigation': 'Inled utredning',
  'no-investigation': 'Inled inte utredning',
} as const;
export type Decision = keyof typeof DECISIONS;

/** What the investigation found. */
export const FINDINGS = {
  'incorrect-payment': 'Felaktig utbetalning',
  'no-incorrect-payment': 'Ingen felaktig utbetalning',
} as const;
export type Finding = keyof typeof FINDINGS;

export const REPAYMENT_KINDS = ['claim', 'damages', 'compensation'] as const;
export type RepaymentKind = (typeof REPAYMENT_KINDS)[number];
export const REPAYMENT_KIND_LABELS: Record<RepaymentKind, string> = {
  claim: 'Återkrav',
  damages: 'Skadestånd',
  compensation: 'Ersättningstalan',
};

/**
 * Why a decision to bring ersättningstalan, or its filing, carries a warning about the person's
 * ability to pay. Lack of means is a ground for the court to refuse the claim (9 kap. 3 § SoL
 * 2001:453, 33 kap. 5 § andra stycket SoL 2025:400), not a bar to filing: a unit may file to stop
 * the three-year limit, so the service records the warning instead of refusing.
 */
export const ABILITY_TO_PAY_WARNINGS = {
  'not-assessed':
    'Betalningsförmågan var inte bedömd. Domstolen ska pröva om personen kan betala utan att bli ur stånd att försörja sig (9 kap. 3 § SoL 2001:453, 33 kap. 5 § andra stycket SoL 2025:400).',
  'not-able':
    'Personen bedömdes sakna betalningsförmåga. Domstolen kan då ogilla talan (9 kap. 3 § SoL 2001:453, 33 kap. 5 § andra stycket SoL 2025:400).',
} as const;
export type AbilityToPayWarning = keyof typeof ABILITY_TO_PAY_WARNINGS;

export const WAIVER_REASONS = ['time-limit', 'other'] as const;
export type WaiverReason = (typeof WAIVER_REASONS)[number];
export const WAIVER_REASON_LABELS: Record<WaiverReason, string> = {
  'time-limit': 'Eftergift - 3-årsgräns',
  other: 'Eftergift - annan orsak',
};

export const JOURNAL_KINDS = ['note', 'objection'] as const;
export type JournalKind = (typeof JOURNAL_KINDS)[number];
export const JOURNAL_KIND_LABELS: Record<JournalKind, string> = {
  note: 'Anteckning',
  objection: 'Den enskildes invändning',
};

export const VOID_REASONS = ['duplicate', 'misregistration'] as const;
export type VoidReason = (typeof VOID_REASONS)[number];
export const VOID_REASON_LABELS: Record<VoidReason, string> = {
  duplicate: 'Dubblett',
  misregistration: 'Felregistrering',
};

/** Legal bases for a repayment claim, and the law each belongs to. */
export const LEGAL_BASES = {
  'SoL 9:1': 'SoL 2001:453',
  'SoL 9:2': 'SoL 2001:453',
  'SoL 33:1': 'SoL 2025:400',
  'SoL 33:2': 'SoL 2025:400',
  'SoL 33:3': 'SoL 2025:400',
} as const;
export type LegalBasis = keyof typeof LEGAL_BASES;
export type Law = (typeof LEGAL_BASES)[LegalBasis];

/** SoL 2025:400 took effect on this day; assistance granted before it stays under SoL 2001:453. */
export const NEW_SOCIAL_SERVICES_ACT_FROM = '2025-07-01';

export function lawGoverning(grantedOn: string): Law {
  return grantedOn < NEW_SOCIAL_SERVICES_ACT_FROM ? 'SoL 2001:453' : 'SoL 2025:400';
}

export const CASE_STATUSES = [
  'in-queue',
  'investigating',
  'investigated',
  'not-opened',
  'follow-up',
  'closed',
  'voided',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
