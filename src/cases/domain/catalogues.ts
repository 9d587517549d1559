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

export const INTENTS = ['intentional', 'unintentional', 'unclear'] as const;
export type Intent = (typeof INTENTS)[number];

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

export const GENDERS = ['woman', 'man', 'unknown'] as const;
export type Gender = (typeof GENDERS)[number];

export const REPAYMENT_KINDS = ['claim', 'damages', 'compensation'] as const;
export type RepaymentKind = (typeof REPAYMENT_KINDS)[number];

export const WAIVER_REASONS = ['time-limit', 'other'] as const;
export type WaiverReason = (typeof WAIVER_REASONS)[number];

export const JOURNAL_KINDS = ['note', 'objection'] as const;
export type JournalKind = (typeof JOURNAL_KINDS)[number];

export const VOID_REASONS = ['duplicate', 'misregistration'] as const;
export type VoidReason = (typeof VOID_REASONS)[number];

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
