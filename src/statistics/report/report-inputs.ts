import type { FieldError } from '../../common/problem';
import { type Shape, localDate, optional, problemsOf, record, text } from '../../kernel/shape';

/** The narrative sections the department writes for a year's report, with the headings the report shows. */
export const NARRATIVE_SECTIONS = {
  introduction: 'Inledning',
  premises: 'Utgångspunkter',
  cityWork: 'Stadens FUT-arbete under året',
  causesAnalysis: 'Analys över de olika skälen till felaktigheter',
  analysis: 'Sammanfattning och analys',
} as const;
export type NarrativeSection = keyof typeof NARRATIVE_SECTIONS;

/** The sections of the tjänsteutlåtande (the memo that puts the report before the nämnd) that the department writes. */
export const MEMO_SECTIONS = {
  decisionProposal: 'Förvaltningens förslag till beslut',
  opinion: 'Förvaltningens synpunkter och förslag',
} as const;
export type MemoSection = keyof typeof MEMO_SECTIONS;

/**
 * Text per section (paragraphs separated by blank lines, "- " lists, "[^1]"
 * footnotes: report-text.ts) and the issuer block (one line each: unit, name
 * and title). The cover's fields, the causes analysis and the memo's sections
 * came later: a version without them gets the drafts for them.
 */
export type ReportTexts = Record<'introduction' | 'premises' | 'cityWork' | 'analysis', string> & {
  issuer: string;
  causesAnalysis?: string;
  decisionProposal?: string;
  opinion?: string;
  /** Förvaltning and avdelning on the cover, one line each. */
  office?: string;
  /** The diarienummer (Dnr). */
  registrationNumber?: string;
  /** The date on the cover and the memo. */
  reportDate?: string;
  /** The day ongoing investigations and cases in follow-up are counted ("vid en mätning i början av januari"). */
  measuredOn?: string;
};

const section = text({ max: 20_000 });

/** What a stored version of the texts must hold for the report to print it: every section, as text. */
export const REPORT_TEXTS_SHAPE: Shape<ReportTexts> = record<ReportTexts>({
  introduction: section,
  premises: section,
  cityWork: section,
  analysis: section,
  issuer: text({ max: 2000 }),
  causesAnalysis: optional(section),
  decisionProposal: optional(section),
  opinion: optional(section),
  office: optional(text({ max: 500 })),
  registrationNumber: optional(text({ max: 100 })),
  reportDate: optional(localDate),
  measuredOn: optional(localDate),
});

/** Problems of texts about to be saved, each naming its field under `texts`. */
export const reportTextsErrors = (texts: unknown): FieldError[] =>
  problemsOf(REPORT_TEXTS_SHAPE, texts, { path: 'texts' }).map((p) => ({
    field: p.field,
    message: `${p.field} ${p.message}`,
  }));

/**
 * The post-checks of a year against Skatteverket's taxed income (Resultat av
 * efterkontroller), for one district or, with `district` null, for the whole
 * city: the persons who had assistance the whole income year, those of them
 * Skatteverket has a taxed income for, and the cases passed on to the FUT
 * investigators after comparing it with the income they reported.
 */
export interface PostCheckResult {
  district: string | null;
  /** Persons checked. */
  checked: number;
  /** Of those, persons with a taxed income (reported or not: the comparison decides). */
  withTaxedIncome: number;
  /** Cases passed on to a FUT investigator. */
  passedOn: number;
}

/** Each count within the one before it: a case passed on had taxed income, which was found by a check. */
export function postCheckErrors(p: Omit<PostCheckResult, 'district'>): FieldError[] {
  const errors: FieldError[] = [];
  if (p.withTaxedIncome > p.checked)
    errors.push({ field: 'withTaxedIncome', message: 'withTaxedIncome cannot exceed the cases checked' });
  if (p.passedOn > p.withTaxedIncome)
    errors.push({ field: 'passedOn', message: 'passedOn cannot exceed the cases with taxed income' });
  return errors;
}

/** A text as paragraphs: blank lines separate them, single line breaks join. */
export const paragraphsOf = (text: string): string[] =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter(Boolean);
