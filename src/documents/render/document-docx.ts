import Docxtemplater from 'docxtemplater';
import InspectModule from 'docxtemplater/js/inspect-module.js';
import PizZip from 'pizzip';
import type { DocumentType } from '../../cases/steps/document/document.step';
import { type Block, COMMON_FIELDS, type DocumentContent, LOOPS, SCOPES, TYPE_FIELDS } from '../content';

/**
 * The DOCX of a document: its type's template (the default the service ships,
 * or the municipality's own) filled with the content model by docxtemplater.
 * Each file of the package gets the document's date, so the same content and
 * template give the same bytes.
 */

/** What a template is filled with: the placeholders, the body's parts, the calculation and the plan's payments. */
export function templateData(content: DocumentContent): Record<string, unknown> {
  return {
    ...content.fields,
    avsnitt: content.blocks.flatMap(parts),
    berakning: content.calculation,
    betalningar: content.schedule,
  };
}

const NONE = {
  rubrik: false,
  stycke: false,
  fakta: false,
  punkt: false,
  tabell: false,
  plan: false,
  underskrift: false,
};

/**
 * A block as the template's loop items: each item is one part, every other
 * name false (an item without a name would take its parent's value, the
 * document's title, in docxtemplater's scope).
 */
function parts(block: Block): Array<Record<string, unknown>> {
  switch (block.kind) {
    case 'heading':
      return [{ ...NONE, rubrik: block.text }];
    case 'paragraph':
      return [{ ...NONE, stycke: block.text }];
    case 'facts':
      return block.rows.map(([etikett, varde]) => ({ ...NONE, fakta: { etikett, varde } }));
    case 'list':
      return block.items.map((punkt) => ({ ...NONE, punkt }));
    case 'calculation':
      return [{ ...NONE, tabell: { rubrikTabell: block.caption, rader: block.rows, summa: block.total } }];
    case 'schedule':
      return [{ ...NONE, plan: { rubrikTabell: block.caption, rader: block.rows, summa: block.total } }];
    case 'signature':
      return [{ ...NONE, underskrift: { part: block.party, rader: block.lines.map((rad) => ({ rad })) } }];
  }
}

const OPTIONS = { paragraphLoop: true, linebreaks: true, nullGetter: () => '' };

/** The template filled with the content, as a DOCX whose every file is dated `date`. */
export function renderDocx(template: Buffer, content: DocumentContent, date: Date): Buffer {
  const doc = new Docxtemplater(new PizZip(template), OPTIONS);
  doc.render(templateData(content));
  const zip = doc.getZip();
  for (const file of Object.values(zip.files)) (file as { date: Date }).date = date;
  return zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' }) as Buffer;
}

/** A problem with an uploaded template: what it is (English for the log and API, Swedish for the screen) and the placeholder. */
export interface TemplateProblem {
  code: 'unknown-placeholder' | 'template-syntax' | 'not-a-docx';
  /** The placeholder named, e.g. "{kundnummer}" or "{#berakning}". */
  placeholder: string | null;
  message: string;
  sv: string;
}

/** The placeholders a type's template may use at its top (plain ones and loops). */
export function allowedPlaceholders(type: DocumentType): string[] {
  return [...COMMON_FIELDS, ...TYPE_FIELDS[type], ...LOOPS];
}

type Tags = { [name: string]: Tags };

/**
 * Checks an uploaded template: a DOCX that docxtemplater can read (its tags
 * well formed), whose every placeholder is one the type's documents fill.
 * Inside a loop, the loop's own names and every outer one are known (the
 * template's scope reaches out). Returns the problems, none when it can be used.
 */
export function checkTemplate(type: DocumentType, bytes: Buffer): TemplateProblem[] {
  let zip: PizZip;
  try {
    zip = new PizZip(bytes);
    if (!zip.file('word/document.xml')) throw new Error('no word/document.xml');
  } catch {
    return [
      {
        code: 'not-a-docx',
        placeholder: null,
        message: 'The file is not a DOCX document (no word/document.xml in a zip archive)',
        sv: 'Filen är inget Word-dokument (.docx).',
      },
    ];
  }
  const inspect = new InspectModule();
  try {
    new Docxtemplater(zip, { ...OPTIONS, modules: [inspect] });
  } catch (error) {
    return syntaxProblems(error);
  }
  const problems: TemplateProblem[] = [];
  const walk = (tags: Tags, known: Set<string>): void => {
    for (const [name, inner] of Object.entries(tags)) {
      const isLoop = Object.keys(inner).length > 0;
      if (!known.has(name)) {
        const shown = isLoop ? `{#${name}}` : `{${name}}`;
        problems.push({
          code: 'unknown-placeholder',
          placeholder: shown,
          message: `The template uses the placeholder ${shown}, which the ${type} documents do not fill`,
          sv: `Mallen har platshållaren ${shown}, som dokumenttypen inte fyller i.`,
        });
        continue;
      }
      if (isLoop) walk(inner, new Set([...known, ...(SCOPES[name] ?? [])]));
    }
  };
  walk(inspect.getAllTags() as Tags, new Set(allowedPlaceholders(type)));
  return problems;
}

interface DocxtemplaterError {
  properties?: {
    errors?: Array<{ properties?: { id?: string; xtag?: string; explanation?: string } }>;
    id?: string;
    xtag?: string;
    explanation?: string;
  };
}

/** Broken tag syntax (an unclosed loop, a tag cut in two, a stray brace), each with the tag it names. */
function syntaxProblems(error: unknown): TemplateProblem[] {
  const e = error as DocxtemplaterError;
  const errors = e.properties?.errors ?? [e];
  return errors.map((x) => {
    const props = (x as DocxtemplaterError).properties ?? {};
    const loop = (props.id ?? '').includes('loop');
    const tag = props.xtag === undefined ? null : `{${loop && !props.xtag.startsWith('#') ? '#' : ''}${props.xtag}}`;
    return {
      code: 'template-syntax',
      placeholder: tag,
      message: `The template's placeholders are broken (${props.id ?? 'unknown'}): ${props.explanation ?? String(error)}`,
      sv: tag
        ? `Mallens platshållare ${tag} är felskriven (${SYNTAX_SV[props.id ?? ''] ?? 'kontrollera klamrarna'}).`
        : 'Mallens platshållare är felskrivna: kontrollera klamrarna { }.',
    };
  });
}

/** docxtemplater's error ids, in Swedish. */
const SYNTAX_SV: Record<string, string> = {
  unopened_tag: 'en klammer stängs utan att ha öppnats',
  unclosed_tag: 'en klammer öppnas men stängs inte',
  duplicate_open_tag: 'två klamrar öppnas efter varandra',
  duplicate_close_tag: 'två klamrar stängs efter varandra',
  unopened_loop: 'en slinga stängs utan att ha öppnats',
  unclosed_loop: 'en slinga öppnas men stängs inte',
  closing_tag_does_not_match_opening_tag: 'slingan stängs med ett annat namn än den öppnades med',
  raw_xml_tag_not_in_paragraph: 'en {@...}-platshållare står inte ensam i ett stycke',
  unbalanced_loop_tags: 'slingorna öppnas och stängs inte i samma ordning',
};
