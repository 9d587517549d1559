import { CAUSES, CLOSE_REASONS, NO_INVESTIGATION_REASON_LABELS, OFFENCES, SOURCES } from '../cases/domain/catalogues';
import type {
  Cause,
  CloseReason,
  LegalBasis,
  NoInvestigationReason,
  Offence,
  Source,
} from '../cases/domain/catalogues';
import { normalize } from './cell-values';

/** What a register column can hold: a field of the case or of one of its steps. */
export const IMPORT_FIELDS = [
  'key',
  'receivedOn',
  'district',
  'personalIdentityNumber',
  'gender',
  'name',
  'protectedIdentity',
  'source',
  'assistanceCaseNumber',
  'reportedBy',
  'assessedOn',
  'assessment',
  'noInvestigationReason',
  'investigatedOn',
  'finding',
  'cause',
  'incorrectPaidOn',
  'incorrectAmount',
  'incorrectPayments',
  'grantedOn',
  'incorrectMonth',
  'paidAmount',
  'correctAmount',
  'calculation',
  'savedAmount',
  'claimedOn',
  'legalBasis',
  'claimAmount',
  'planAgreedOn',
  'planMonthlyAmount',
  'planFirstDueOn',
  'repaidOn',
  'repaidAmount',
  'repayments',
  'policeReportOn',
  'offence',
  'abilityAssessedOn',
  'ableToPay',
  'suitDecidedOn',
  'suitFiledOn',
  'suitAmount',
  'closedOn',
  'closeReason',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/**
 * Headings a register may use for each field, the first as the example file
 * writes it. Compared without case, diacritics or punctuation.
 */
export const DEFAULT_HEADINGS: Record<ImportField, readonly string[]> = {
  key: ['Ärendenummer', 'Ärendenr', 'Ärende', 'Dnr', 'Diarienummer', 'Löpnummer'],
  receivedOn: ['Inkommen', 'Inkom', 'Datum inkommen', 'Inkommande information', 'Inkommande information datum'],
  district: ['Stadsdelsnämnd', 'Stadsdel', 'SDN', 'Enhet', 'Distrikt'],
  personalIdentityNumber: ['Personnummer', 'Personnr', 'Pnr', 'Samordningsnummer'],
  gender: ['Kön'],
  name: ['Namn'],
  protectedIdentity: ['Skyddade personuppgifter', 'Skyddad identitet', 'Sekretessmarkering', 'Skyddade uppgifter'],
  source: ['Källa', 'Inkommande information från', 'Uppgiftslämnare', 'Information från'],
  assistanceCaseNumber: [
    'Ärendenummer ekonomiskt bistånd',
    'EB-ärende',
    'Ärendenummer EB',
    'Ärendenr ekonomiskt bistånd',
  ],
  reportedBy: ['Anmält av', 'Anmälare', 'Rapporterat av'],
  assessedOn: ['Förhandsbedömning datum', 'Datum förhandsbedömning', 'Förhandsbedömd'],
  assessment: ['Förhandsbedömning', 'Beslut förhandsbedömning', 'Inleda utredning'],
  noInvestigationReason: ['Skäl till ingen utredning', 'Skäl ingen utredning', 'Skäl'],
  investigatedOn: ['Utredning klar', 'Utredning avslutad', 'Datum utredning klar'],
  finding: ['Utredningens resultat', 'Resultat'],
  cause: ['Orsak', 'Orsak till FUT', 'Orsak till felaktig utbetalning'],
  incorrectPaidOn: ['Felaktigt utbetalt datum', 'Utbetalningsdatum', 'Senaste felaktiga utbetalning'],
  incorrectAmount: ['Felaktigt utbetalt belopp', 'Felaktigt utbetalt', 'Felaktig utbetalning'],
  incorrectPayments: ['Felaktiga utbetalningar', 'Utbetalningar'],
  grantedOn: ['Beviljat datum', 'Beviljad'],
  incorrectMonth: ['Avser månad', 'Biståndsmånad'],
  paidAmount: ['Utbetalt belopp'],
  correctAmount: ['Rätt belopp', 'Skulle ha betalats', 'Korrekt belopp'],
  calculation: ['Beräkning', 'Beräkning per månad'],
  savedAmount: ['Inbesparat belopp', 'Inbesparat'],
  claimedOn: ['Återkrav datum', 'Beslut om återkrav', 'Datum återkrav'],
  legalBasis: ['Lagrum', 'Lagrum återkrav'],
  claimAmount: ['Återkrävt belopp', 'Återkrav belopp', 'Belopp återkrav', 'Återkrav'],
  planAgreedOn: ['Avbetalningsplan datum', 'Avbetalningsplan'],
  planMonthlyAmount: ['Månadsbelopp', 'Avbetalning per månad'],
  planFirstDueOn: ['Första förfallodag'],
  repaidOn: ['Återbetalt datum', 'Senaste återbetalning'],
  repaidAmount: ['Återbetalt belopp', 'Återbetalt'],
  repayments: ['Återbetalningar'],
  policeReportOn: ['Polisanmälan datum', 'Polisanmälan', 'Polisanmäld'],
  offence: ['Brott', 'Brottsrubricering'],
  abilityAssessedOn: ['Betalningsförmåga datum', 'Betalningsförmåga utredd'],
  ableToPay: ['Betalningsförmåga'],
  suitDecidedOn: ['Ersättningstalan beslut', 'Beslut om ersättningstalan', 'Ersättningstalan'],
  suitFiledOn: ['Ersättningstalan ingiven', 'Ingiven till förvaltningsrätten'],
  suitAmount: ['Ersättningstalan belopp'],
  closedOn: ['Avslutat datum', 'Avslutsdatum', 'Avslutad'],
  closeReason: ['Avslutsorsak', 'Orsak till avslut'],
};

/** Swedish labels accepted for each catalogue value (the code itself is always accepted). */
const withLabel = <K extends string>(labels: Record<K, string>, extra: Partial<Record<K, string[]>>) =>
  Object.fromEntries(
    (Object.entries(labels) as Array<[K, string]>).map(([k, label]) => [k, [label, ...(extra[k] ?? [])]]),
  ) as Record<K, string[]>;

export const SOURCE_LABELS = withLabel<Source>(SOURCES, {
  caseworker: ['Socialsekreterare', 'Handläggning', 'Handläggare'],
  'post-check': ['Efterkontroll', 'Skatteverket'],
  'other-authority': ['Myndighet'],
  public: ['Anonym', 'Anmälan från allmänheten'],
  applicant: ['Sökande', 'Den enskilde'],
  other: ['Övrigt'],
});
export const CAUSE_LABELS = withLabel<Cause>(CAUSES, { other: ['Övrigt'], 'internal-error': ['Interna fel'] });
export const CLOSE_REASON_LABELS = withLabel<CloseReason>(CLOSE_REASONS, {
  'waived-time-limit': ['Eftergift 3-årsgräns', 'Treårsgräns'],
  'internal-error': ['Interna fel'],
});
export const NO_INVESTIGATION_LABELS = withLabel<NoInvestigationReason>(NO_INVESTIGATION_REASON_LABELS, {
  'no-grounds': ['Ingen grund'],
  'internal-error': ['Interna fel', 'Internt fel'],
  'time-limit': ['3-årsgräns', 'Treårsgräns', 'Preskriberat'],
});
export const OFFENCE_LABELS: Record<Offence, string[]> = {
  'benefit-offence': [OFFENCES['benefit-offence'].label],
  minor: [OFFENCES.minor.label, 'Ringa'],
  gross: [OFFENCES.gross.label, 'Grovt'],
  negligent: [OFFENCES.negligent.label, 'Vårdslöst'],
};
export const GENDER_LABELS = {
  woman: ['Kvinna', 'K', 'Kv', 'F'],
  man: ['Man', 'M'],
  unknown: ['Okänt', 'Okänd', 'Uppgift saknas'],
} as const;
/** A register marks a protected person by the kind of protection, or just yes (a sekretessmarkering, the commonest). */
export const PROTECTION_LABELS = {
  'confidentiality-marking': ['Sekretessmarkering', 'Ja', 'J', 'X', '1'],
  'protected-registration': ['Skyddad folkbokföring', 'Kvarskrivning'],
  'fictitious-identity': ['Fingerade personuppgifter'],
  none: ['Nej', 'N', '0'],
} as const;
export const ASSESSMENT_LABELS = {
  'open-investigation': ['Inleda utredning', 'Utredning inleds', 'Utredning inledd', 'Inledd', 'Ja'],
  'no-investigation': ['Ingen utredning', 'Inleds ej', 'Ej utredning', 'Ingen utredning inleds', 'Nej'],
} as const;
export const FINDING_LABELS = {
  'incorrect-payment': ['Felaktig utbetalning', 'Ja'],
  'no-incorrect-payment': ['Ingen felaktig utbetalning', 'Nej'],
} as const;
export const LEGAL_BASIS_LABELS: Record<LegalBasis, string[]> = {
  'SoL 9:1': ['9 kap. 1 § SoL', '9:1', '9 kap 1 §', '9 kap. 1 §'],
  'SoL 9:2': ['9 kap. 2 § SoL', '9:2', '9 kap 2 §', '9 kap. 2 §'],
  'SoL 33:1': ['33 kap. 1 § SoL', '33:1', '33 kap 1 §', '33 kap. 1 §'],
  'SoL 33:2': ['33 kap. 2 § SoL', '33:2', '33 kap 2 §', '33 kap. 2 §'],
  'SoL 33:3': ['33 kap. 3 § SoL', '33:3', '33 kap 3 §', '33 kap. 3 §'],
};

/** A mapping file: `{ "columns": { "Heading in the file": "field" or null to ignore } }`. */
export interface MappingFile {
  columns?: Record<string, string | null>;
}

export interface ResolvedMapping {
  /** The heading each mapped field is read from. */
  columnOf: Partial<Record<ImportField, string>>;
  /** Headings neither the default mapping nor the mapping file knows. */
  unmapped: string[];
}

export class MappingError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'MappingError';
  }
}

/** Checks a parsed mapping file: every value a known field or null. */
export function parseMappingFile(json: unknown): MappingFile {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new MappingError('mapping', 'the mapping must be a JSON object with "columns"');
  }
  const columns = (json as { columns?: unknown }).columns;
  if (columns === undefined) return {};
  if (typeof columns !== 'object' || columns === null || Array.isArray(columns)) {
    throw new MappingError('mapping.columns', '"columns" must map headings to field names');
  }
  for (const [heading, field] of Object.entries(columns)) {
    if (field !== null && !(IMPORT_FIELDS as readonly unknown[]).includes(field)) {
      throw new MappingError(
        `mapping.columns.${heading}`,
        `unknown field ${JSON.stringify(field)}; fields: ${IMPORT_FIELDS.join(', ')}`,
      );
    }
  }
  return { columns: columns as Record<string, ImportField | null> };
}

/** Which heading each field comes from: the mapping file first, then the default headings. */
export function resolveMapping(headings: string[], file: MappingFile = {}): ResolvedMapping {
  const columnOf: Partial<Record<ImportField, string>> = {};
  const unmapped: string[] = [];
  const explicit = new Map(Object.entries(file.columns ?? {}).map(([h, f]) => [normalize(h), f]));
  for (const heading of headings) {
    const n = normalize(heading);
    if (explicit.has(n)) {
      const field = explicit.get(n) as ImportField | null;
      if (field && !columnOf[field]) columnOf[field] = heading;
      continue;
    }
    const field = IMPORT_FIELDS.find(
      (f) =>
        !columnOf[f] &&
        !Object.values(file.columns ?? {}).includes(f) &&
        DEFAULT_HEADINGS[f].some((d) => normalize(d) === n),
    );
    if (field) columnOf[field] = heading;
    else unmapped.push(heading);
  }
  return { columnOf, unmapped };
}
