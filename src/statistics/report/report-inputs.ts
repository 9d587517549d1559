import type { FieldError } from '../../common/problem';
import { type Shape, problemsOf, record, text } from '../../kernel/shape';

/** The narrative sections the department writes for a year's report, with the headings the report shows. */
export const NARRATIVE_SECTIONS = {
  introduction: 'Inledning',
  premises: 'Utgångspunkter',
  cityWork: 'Stadens FUT-arbete under året',
  analysis: 'Sammanfattning och analys',
} as const;
export type NarrativeSection = keyof typeof NARRATIVE_SECTIONS;

/** Text per section (paragraphs separated by blank lines) and the issuer block (one line each: unit, name and title). */
export type ReportTexts = Record<NarrativeSection, string> & { issuer: string };

/** What a stored version of the texts must hold for the report to print it: every section, as text. */
export const REPORT_TEXTS_SHAPE: Shape<ReportTexts> = record<ReportTexts>({
  introduction: text({ max: 20_000 }),
  premises: text({ max: 20_000 }),
  cityWork: text({ max: 20_000 }),
  analysis: text({ max: 20_000 }),
  issuer: text({ max: 2000 }),
});

/** Problems of texts about to be saved, each naming its field under `texts`. */
export const reportTextsErrors = (texts: unknown): FieldError[] =>
  problemsOf(REPORT_TEXTS_SHAPE, texts, { path: 'texts' }).map((p) => ({
    field: p.field,
    message: `${p.field} ${p.message}`,
  }));

/** One district's post-checks against Skatteverket's taxed income in a year (Resultat av efterkontroller). */
export interface PostCheckResult {
  district: string;
  /** Cases checked. */
  checked: number;
  /** Of those, with taxed income the person had not reported. */
  withTaxedIncome: number;
  /** Of those, passed on to the FUT investigator. */
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
