/**
 * The department's texts as blocks: plain text in which a blank line ends a
 * paragraph, lines starting with "- " (or "* ", "• ") are a bulleted list and
 * "1. " a numbered one, and a footnote is a marker "[^1]" in the text with its
 * own line "[^1]: SOU 2008:74" anywhere in the section. Single line breaks
 * inside a paragraph join its lines. Nothing else is markup, so text pasted
 * from a word processor reads as it was written.
 */

/** A piece of text, or a footnote marker by its label in the section. */
export type TextRun = string | { noteLabel: string };

export type TextBlock = { kind: 'paragraph'; runs: TextRun[] } | { kind: 'list'; ordered: boolean; items: TextRun[][] };

export interface ParsedText {
  blocks: TextBlock[];
  /** Footnote texts by label, in the order they are defined. */
  notes: Map<string, string>;
}

const NOTE_DEFINITION = /^\[\^([^\]\s]{1,20})\]:\s*(.*)$/;
const NOTE_MARKER = /\[\^([^\]\s]{1,20})\]/g;
const BULLET = /^\s*[-*•–]\s+(.*)$/;
const NUMBERED = /^\s*\d{1,3}[.)]\s+(.*)$/;

/** Text with its footnote markers as runs; a marker whose note is not defined stays as written. */
function runsOf(text: string, notes: Map<string, string>): TextRun[] {
  const runs: TextRun[] = [];
  let last = 0;
  for (const m of text.matchAll(NOTE_MARKER)) {
    if (!notes.has(m[1])) continue;
    if (m.index > last) runs.push(text.slice(last, m.index));
    runs.push({ noteLabel: m[1] });
    last = m.index + m[0].length;
  }
  if (last < text.length) runs.push(text.slice(last));
  return runs;
}

export function parseText(text: string): ParsedText {
  const notes = new Map<string, string>();
  const body: string[] = [];
  // Note definitions first (a definition runs on over the lines below it up to a blank line).
  let defining: string | null = null;
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trimEnd();
    const definition = NOTE_DEFINITION.exec(line.trim());
    if (definition) {
      defining = definition[1];
      notes.set(defining, definition[2].trim());
    } else if (defining !== null && line.trim() !== '') {
      notes.set(defining, `${notes.get(defining)} ${line.trim()}`.trim());
    } else {
      defining = null;
      body.push(line);
    }
  }

  const blocks: TextBlock[] = [];
  let paragraph: string[] = [];
  let list: { ordered: boolean; items: string[] } | null = null;
  const endParagraph = (): void => {
    const joined = paragraph.join(' ').replace(/\s+/g, ' ').trim();
    if (joined) blocks.push({ kind: 'paragraph', runs: runsOf(joined, notes) });
    paragraph = [];
  };
  const endList = (): void => {
    if (list && list.items.length > 0) {
      blocks.push({
        kind: 'list',
        ordered: list.ordered,
        items: list.items.map((item) => runsOf(item.replace(/\s+/g, ' ').trim(), notes)),
      });
    }
    list = null;
  };
  for (const line of body) {
    if (line.trim() === '') {
      endParagraph();
      endList();
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    const item = bullet ?? numbered;
    if (item) {
      endParagraph();
      const ordered = numbered !== null;
      if (list && list.ordered !== ordered) endList();
      list ??= { ordered, items: [] };
      list.items.push(item[1]);
    } else if (list) {
      // A line under an item carries it on (a long item wrapped by hand).
      list.items[list.items.length - 1] += ` ${line.trim()}`;
    } else {
      paragraph.push(line.trim());
    }
  }
  endParagraph();
  endList();
  return { blocks, notes };
}

/** The plain text of runs, footnote markers left out. */
export const plainText = (runs: TextRun[]): string =>
  runs
    .filter((r): r is string => typeof r === 'string')
    .join('')
    .trim();
