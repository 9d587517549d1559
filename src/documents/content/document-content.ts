import type { LocalDate } from '../../calendar/local-date';
import type { DocumentType } from '../../cases/steps/document/document.step';

/**
 * One content model per document type, rendered to both PDF (pdfkit, tagged)
 * and DOCX (the type's template, docxtemplater): what the document says, in
 * Swedish, made only from the case and what the issuing names (no clock, no
 * random ids), so the same case gives the same text.
 */

/** A row of the investigation's calculation, as the documents print it. */
export interface CalculationRow {
  /** The month of assistance ("januari 2018"), or "–" for a payment recorded without one. */
  manad: string;
  /** The day it was paid. */
  utbetald: string;
  /** What was paid, what should have been, and the difference: the incorrect amount ("–" where not calculated). */
  utbetalt: string;
  ratt: string;
  felaktigt: string;
  /** The last day for a court suit on it (three years; 9 kap. 3 § / 33 kap. 5 § SoL). */
  sistaDag: string;
  /** Which Social Services Act governs it, by its grant date. */
  lag: string;
}

export interface ScheduleRow {
  nr: string;
  forfallodag: string;
  belopp: string;
  kvar: string;
}

/** A part of a document's body, in reading order. */
export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  /** Label and value, one a line ("Namn: Anna Andersson"). */
  | { kind: 'facts'; rows: Array<[label: string, value: string]> }
  | { kind: 'list'; items: string[] }
  | { kind: 'calculation'; caption: string; rows: CalculationRow[]; total: string }
  | { kind: 'schedule'; caption: string; rows: ScheduleRow[]; total: string }
  /** Lines for signing: each a label with room above it to write. */
  | { kind: 'signature'; party: string; lines: string[] };

/** The placeholders every document's template may use (their values are plain text). */
export const COMMON_FIELDS = [
  'rubrik',
  'dokumenttyp',
  'datum',
  'arendenummer',
  'ebArendenummer',
  'namn',
  'personnummer',
  'namnd',
  'handlaggare',
  'mottagare',
  'lagrum',
  'summa',
] as const;
export type CommonField = (typeof COMMON_FIELDS)[number];

/** The placeholders of each type beside the common ones. */
export const TYPE_FIELDS = {
  'communication-letter': ['svaraSenast', 'belopp', 'inforBeslut'],
  'repayment-claim-decision': [
    'beslutsdatum',
    'belopp',
    'overklagande',
    'eftergift',
    'betalning',
    'verkstallighet',
    'beslutsfattare',
  ],
  'repayment-plan': ['beslutsdatum', 'skuld', 'manadsbelopp', 'forstaBetalning', 'sistaBetalning', 'antalBetalningar'],
  'police-report': ['brott', 'period', 'polis', 'polisensDiarienummer', 'upptackt'],
  'compensation-suit-application': ['domstol', 'belopp', 'beslutsdatum', 'beslutsfattare'],
  'waiver-decision': ['beslutsdatum', 'belopp', 'skal', 'kvarAttBetala', 'overklagande', 'beslut', 'beslutsfattare'],
  'authority-notification': ['myndighet', 'forman'],
} as const satisfies Record<DocumentType, readonly string[]>;
export type TypeField<T extends DocumentType> = (typeof TYPE_FIELDS)[T][number];

const CALCULATION_ROW = ['manad', 'utbetald', 'utbetalt', 'ratt', 'felaktigt', 'sistaDag', 'lag'] as const;
const SCHEDULE_ROW = ['nr', 'forfallodag', 'belopp', 'kvar'] as const;

/**
 * The loops a template may use at its top: `avsnitt` is the whole body as
 * the PDF shows it (one part an item); `berakning` the calculation's rows;
 * `betalningar` a plan's payments.
 */
export const LOOPS = ['avsnitt', 'berakning', 'betalningar'] as const;

/** The names each loop's (or section's) items hold, beside every name outside it. */
export const SCOPES: Readonly<Record<string, readonly string[]>> = {
  avsnitt: ['rubrik', 'stycke', 'punkt', 'fakta', 'tabell', 'plan', 'underskrift'],
  fakta: ['etikett', 'varde'],
  tabell: ['rubrikTabell', 'rader', 'summa'],
  plan: ['rubrikTabell', 'rader', 'summa'],
  underskrift: ['part', 'rader'],
  rader: [...CALCULATION_ROW, ...SCHEDULE_ROW, 'rad'],
  berakning: CALCULATION_ROW,
  betalningar: SCHEDULE_ROW,
};

export interface DocumentContent<T extends DocumentType = DocumentType> {
  type: T;
  /** The heading (H1) and the document's title. */
  title: string;
  /** The date the document carries: the decision's, or the day a letter is issued. */
  dated: LocalDate;
  /** Who it is addressed to, line by line. */
  recipient: string[];
  /** Top right: date, case numbers. */
  meta: Array<[label: string, value: string]>;
  blocks: Block[];
  /** The template's placeholders and their values. */
  fields: Record<CommonField | TypeField<T>, string>;
  /** The calculation's rows and a plan's payments, for templates that lay them out themselves. */
  calculation: CalculationRow[];
  schedule: ScheduleRow[];
}
