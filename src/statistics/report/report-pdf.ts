import { PDF_MARGIN, openTaggedPdf } from '../../common/pdf/tagged-pdf';
import type { Block, Chart, ReportModel, Run, Table } from './report-model';
import { GENDER_COLOURS, PIE_COLOURS, pieSlices } from './charts';

const MARGIN = PDF_MARGIN;
const LIST_INDENT = 18;
const BLUE = '#1f5f8b';

/** The fewest body rows a table shows on a page when it runs over pages: never a stub of one or two, or a lone total. */
export const MIN_ROWS_PER_PAGE = 4;

/**
 * Where a table breaks over pages: how many body rows go on each page, given
 * each row's height, the total row's height, the room left on the first page
 * and the room on a fresh page (both after the caption and header row). Every
 * part holds at least `MIN_ROWS_PER_PAGE` body rows (a table with fewer rows
 * than two such parts is never split) and the total row goes with the last
 * part. An empty first part means: start the table on a new page.
 */
export function splitRows(rows: number[], total: number, firstRoom: number, pageRoom: number): number[] {
  const parts: number[] = [];
  let start = 0;
  let room = firstRoom;
  let fresh = firstRoom >= pageRoom;
  for (;;) {
    const rest = rows.slice(start);
    if (rest.reduce((a, b) => a + b, 0) + total <= room) {
      parts.push(rest.length);
      return parts;
    }
    // As many rows as fit here, leaving at least the minimum (and the total) for the next page.
    let fit = 0;
    let used = 0;
    while (fit < rest.length && used + rest[fit] <= room) used += rest[fit++];
    let k = Math.min(fit, rest.length - MIN_ROWS_PER_PAGE);
    if (k < MIN_ROWS_PER_PAGE) {
      if (!fresh) {
        // Too little room for a part worth having: the table starts on the next page.
        parts.push(0);
        room = pageRoom;
        fresh = true;
        continue;
      }
      // Not even a fresh page holds it: split where the page ends (only a table taller than a page comes here).
      k = Math.max(1, Math.min(fit, rest.length - 1));
    }
    parts.push(k);
    start += k;
    room = pageRoom;
    fresh = true;
  }
}

const SUPERSCRIPT = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
const superscript = (n: number): string =>
  String(n)
    .split('')
    .map((d) => SUPERSCRIPT[Number(d)])
    .join('');
/** Text with its footnote numbers as superscript digits (the font has them). */
const textOf = (runs: Run[]): string => runs.map((r) => (typeof r === 'string' ? r : superscript(r.note))).join('');
const notesIn = (runs: Run[]): number[] => runs.flatMap((r) => (typeof r === 'string' ? [] : [r.note]));

/** What renderPdf reports about its layout: which table rows went on which page (for tests and checks). */
export interface PdfLayout {
  tables: Array<{ caption: string; pages: Array<{ page: number; rows: number; total: boolean }> }>;
  pages: number;
}

/**
 * The report as an accessible A4 PDF (PDF/UA-style tagging): a structure tree
 * of headings, paragraphs, lists, tables, notes and figures with alternative
 * text, page furniture marked as artifacts, fonts embedded, title and
 * language set. A cover page first; footnotes at the foot of the page that
 * refers to them; a table runs over pages only in parts of at least four rows.
 */
export function renderPdf(model: ReportModel, layout?: PdfLayout): Promise<Buffer> {
  // The document, its fonts, tagging and structure root are shared with the case documents (src/common/pdf).
  const pdf = openTaggedPdf({
    title: model.title,
    author: model.cover.office[0] ?? 'Socialförvaltningen',
    subject: model.subtitle,
  });
  const { doc, root, element, artifact, bottom, fits, ensure } = pdf;
  const width = doc.page.width - 2 * MARGIN;

  // Footnotes: each page's notes, and the room they take at its foot (the page's bottom margin grows by it).
  const NOTE_SIZE = 7.5;
  const pageNotes = new Map<number, number[]>();
  let page = 0;
  doc.on('pageAdded', () => {
    page++;
  });
  const placedNotes = new Set<number>();
  const noteText = (n: number): string => `${n} ${model.notes.find((x) => x.number === n)?.text ?? ''}`;
  const noteHeight = (notes: number[]): number => {
    if (notes.length === 0) return 0;
    doc.font('Body').fontSize(NOTE_SIZE);
    return 10 + notes.reduce((a, n) => a + doc.heightOfString(noteText(n), { width }) + 2, 0);
  };

  cover();
  for (const section of model.sections) {
    heading(section.title, section.level);
    section.blocks.forEach((b, i) => block(b, section.blocks[i + 1]));
  }
  if (model.issuer.length > 0) {
    doc.moveDown(1.5);
    ensure(model.issuer.length * 16);
    model.issuer.forEach((line) => paragraph([line]));
  }
  const pages = doc.bufferedPageRange();
  // The notes at the foot of the pages that refer to them: tagged content, so before the structure ends.
  for (let i = 0; i < pages.count; i++) {
    const notes = pageNotes.get(i) ?? [];
    if (notes.length === 0) continue;
    doc.switchToPage(i);
    doc.page.margins.bottom = 0;
    let y = doc.page.height - MARGIN - noteHeight(notes) + 4;
    const rule = y;
    artifact(() =>
      doc
        .moveTo(MARGIN, rule)
        .lineTo(MARGIN + 120, rule)
        .strokeColor('#999')
        .lineWidth(0.5)
        .stroke(),
    );
    y += 6;
    for (const n of notes) {
      doc.font('Body').fontSize(NOTE_SIZE).fillColor('black');
      const text = noteText(n);
      const h = doc.heightOfString(text, { width });
      const at = y;
      element(root, 'Note', () => doc.text(text, MARGIN, at, { width }));
      y += h + 2;
    }
  }
  root.end();

  for (let i = 1; i < pages.count; i++) {
    doc.switchToPage(i);
    // The footer sits in the bottom margin; without this pdfkit would start a new page for it.
    doc.page.margins.bottom = 0;
    artifact(() => {
      doc
        .font('Body')
        .fontSize(8)
        .fillColor('#666')
        .text(`${i + 1} (${pages.count})`, MARGIN, doc.page.height - MARGIN + 20, {
          width,
          align: 'right',
          lineBreak: false,
        });
    }, 'Pagination');
  }
  if (layout) layout.pages = pages.count;
  return pdf.end();

  function cover(): void {
    const c = model.cover;
    doc.y = MARGIN + 120;
    element(root, 'H1', () =>
      doc.font('Bold').fontSize(24).fillColor('black').text(c.heading, MARGIN, doc.y, { width }),
    );
    doc.moveDown(0.4);
    element(root, 'P', () =>
      doc
        .font('Bold')
        .fontSize(20)
        .fillColor(BLUE)
        .text(`${c.year}${c.district ? ` – ${c.district}` : ''}`, MARGIN, doc.y, { width }),
    );
    doc.y = doc.page.height - MARGIN - 170;
    for (const line of c.office)
      element(root, 'P', () => doc.font('Bold').fontSize(11).fillColor('black').text(line, MARGIN, doc.y, { width }));
    doc.moveDown(0.6);
    if (c.registrationNumber)
      element(root, 'P', () =>
        doc.font('Body').fontSize(10).fillColor('black').text(`Dnr ${c.registrationNumber}`, MARGIN, doc.y, { width }),
      );
    element(root, 'P', () => doc.font('Body').fontSize(10).fillColor('black').text(c.date, MARGIN, doc.y, { width }));
    doc.moveDown(0.6);
    for (const line of c.facts)
      element(root, 'P', () => doc.font('Body').fontSize(9).fillColor('#555').text(line, MARGIN, doc.y, { width }));
    doc.fillColor('black');
    doc.addPage();
  }

  function heading(text: string, level: 2 | 3): void {
    // A heading never ends a page: it keeps room for a few lines after it.
    if (doc.y > doc.page.margins.top + 1) doc.moveDown(level === 2 ? 1 : 0.6);
    ensure(level === 2 ? 90 : 70);
    element(root, level === 2 ? 'H2' : 'H3', () =>
      doc
        .font('Bold')
        .fontSize(level === 2 ? 13 : 11)
        .fillColor('black')
        .text(text, MARGIN, doc.y, { width }),
    );
    if (level === 2)
      artifact(() =>
        doc
          .moveTo(MARGIN, doc.y + 2)
          .lineTo(MARGIN + width, doc.y + 2)
          .strokeColor('#999')
          .lineWidth(0.5)
          .stroke(),
      );
    doc.moveDown(0.5);
  }

  /** Reserves the foot of this page for the notes a piece of text refers to (first time each). */
  function withNotes(notes: number[], height: number): void {
    const fresh = notes.filter((n) => !placedNotes.has(n));
    const here = pageNotes.get(page) ?? [];
    const extra = noteHeight([...here, ...fresh]) - noteHeight(here);
    if (!fits(height + extra)) doc.addPage();
    if (fresh.length === 0) return;
    const list = pageNotes.get(page) ?? [];
    const before = noteHeight(list);
    list.push(...fresh);
    pageNotes.set(page, list);
    fresh.forEach((n) => placedNotes.add(n));
    doc.page.margins.bottom += noteHeight(list) - before;
  }

  function paragraph(runs: Run[], keepWith = 0): void {
    const text = textOf(runs);
    doc.font('Body').fontSize(10).fillColor('black');
    const height = doc.heightOfString(text, { width }) + 6;
    withNotes(notesIn(runs), Math.min(height + keepWith, bottom() - doc.page.margins.top));
    doc.font('Body').fontSize(10).fillColor('black');
    element(root, 'P', () => doc.text(text, MARGIN, doc.y, { width }));
    doc.moveDown(0.5);
  }

  function listHeight(items: Run[][]): number {
    doc.font('Body').fontSize(10);
    return items.reduce((a, item) => a + doc.heightOfString(textOf(item), { width: width - LIST_INDENT }) + 3, 0);
  }

  function list(ordered: boolean, items: Run[][]): void {
    const node = doc.struct('L');
    root.add(node);
    const indent = LIST_INDENT;
    // A list shorter than half a page stays on one page.
    const whole = listHeight(items);
    if (whole < (doc.page.height - 2 * MARGIN) / 2) ensure(whole);
    items.forEach((item, i) => {
      const text = textOf(item);
      const label = ordered ? `${i + 1}.` : '•';
      doc.font('Body').fontSize(10).fillColor('black');
      const height = doc.heightOfString(text, { width: width - indent }) + 3;
      withNotes(notesIn(item), height);
      const y = doc.y;
      const li = doc.struct('LI');
      node.add(li);
      element(li, 'Lbl', () =>
        doc
          .font('Body')
          .fontSize(10)
          .text(label, MARGIN + 4, y, { lineBreak: false }),
      );
      element(li, 'LBody', () =>
        doc
          .font('Body')
          .fontSize(10)
          .text(text, MARGIN + indent, y, { width: width - indent }),
      );
      li.end();
      doc.y += 3;
    });
    node.end();
    doc.x = MARGIN;
    doc.moveDown(0.5);
  }

  /** Room the start of a block needs, so a paragraph that leads into a table or chart stays with its first lines. */
  function leadHeight(next: Block | undefined): number {
    if (!next) return 0;
    if (next.kind === 'table') return 60;
    if (next.kind === 'chart') return 60;
    if (next.kind === 'list') {
      // A short list is kept whole (see list()), so the sentence that leads into it goes with all of it.
      const whole = listHeight(next.items);
      return whole < (doc.page.height - 2 * MARGIN) / 2 ? whole : 40;
    }
    return 0;
  }

  function block(b: Block, next: Block | undefined): void {
    switch (b.kind) {
      case 'paragraph':
        return paragraph(b.runs, leadHeight(next));
      case 'list':
        return list(b.ordered, b.items);
      case 'table':
        return table(b.table);
      case 'chart':
        return chart(b.chart);
    }
  }

  function table(t: Table): void {
    const first = Math.min(190, width * 0.4);
    const rest = (width - first) / Math.max(1, t.head.length - 1);
    const columns = [first, ...t.head.slice(1).map(() => rest)];
    // Heights measured in the font each row is drawn in: a bold header measured in the regular font wraps over the next row.
    const heightOf = (cells: string[], bold: boolean): number => {
      doc.font(bold ? 'Bold' : 'Body').fontSize(8.5);
      return Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: columns[i] - 6 }))) + 6;
    };
    const headHeight = heightOf(t.head, true);
    doc.font('Bold').fontSize(10);
    const captionHeight = doc.heightOfString(t.caption, { width }) + 4 + doc.currentLineHeight() * 0.2;
    const rowHeights = t.rows.map((r) => heightOf(r, false));
    const totalHeight = heightOf(t.total, true);
    const pageRoom = doc.page.height - 2 * MARGIN - captionHeight - headHeight;
    const parts = splitRows(rowHeights, totalHeight, bottom() - doc.y - captionHeight - headHeight, pageRoom);
    if (parts[0] === 0) {
      doc.addPage();
      parts.shift();
    }
    const record = layout
      ? { caption: t.caption, pages: [] as Array<{ page: number; rows: number; total: boolean }> }
      : null;
    if (record) layout!.tables.push(record);

    const node = doc.struct('Table');
    root.add(node);
    element(node, 'Caption', () =>
      doc.font('Bold').fontSize(10).fillColor('black').text(t.caption, MARGIN, doc.y, { width }),
    );
    doc.moveDown(0.2);

    const cellsAt = (cells: string[], bold: boolean, height: number, y: number): Array<() => void> =>
      cells.map((cell, i) => () => {
        const x = MARGIN + columns.slice(0, i).reduce((a, b) => a + b, 0);
        doc
          .font(bold ? 'Bold' : 'Body')
          .fontSize(8.5)
          .fillColor('black')
          .text(cell, x + 3, y + 3, { width: columns[i] - 6, height: height - 3, align: i === 0 ? 'left' : 'right' });
      });
    const rule = (y: number, colour = '#ccc'): void =>
      artifact(() =>
        doc
          .moveTo(MARGIN, y)
          .lineTo(MARGIN + width, y)
          .strokeColor(colour)
          .lineWidth(0.5)
          .stroke(),
      );
    const headRow = (tagged: boolean): void => {
      const y = doc.y;
      const draws = cellsAt(t.head, true, headHeight, y);
      if (tagged) {
        const tr = doc.struct('TR');
        node.add(tr);
        draws.forEach((draw) => element(tr, 'TH', draw, { scope: 'Column' }));
        tr.end();
      } else {
        // The header repeated on a new page is furniture: the table's one header row is tagged.
        artifact(() => draws.forEach((draw) => draw()), 'Pagination');
      }
      rule(y + headHeight, '#333');
      doc.y = y + headHeight;
    };
    const bodyRow = (cells: string[], bold: boolean, height: number): void => {
      const y = doc.y;
      const tr = doc.struct('TR');
      node.add(tr);
      cellsAt(cells, bold, height, y).forEach((draw, i) =>
        element(tr, i === 0 ? 'TH' : 'TD', draw, i === 0 ? { scope: 'Row' } : {}),
      );
      tr.end();
      rule(y + height, bold ? '#333' : '#ccc');
      doc.y = y + height;
    };
    headRow(true);
    let next = 0;
    parts.forEach((count, p) => {
      if (p > 0) {
        doc.addPage();
        headRow(false);
      }
      for (let i = 0; i < count; i++, next++) bodyRow(t.rows[next], false, rowHeights[next]);
      const last = p === parts.length - 1 || next >= t.rows.length;
      if (last && next >= t.rows.length) bodyRow(t.total, true, totalHeight);
      record?.pages.push({ page: page + 1, rows: count, total: last && next >= t.rows.length });
    });
    node.end();
    doc.x = MARGIN;
    doc.moveDown(0.8);
  }

  function chart(c: Chart): void {
    switch (c.kind) {
      case 'pie':
        return pie(c);
      case 'gender':
        return genderBars(c);
      default:
        return bars(c);
    }
  }

  function figure(c: Chart, height: number, draw: (top: number) => void): void {
    doc.font('Bold').fontSize(10);
    ensure(height + doc.heightOfString(c.title, { width }) + 10);
    const alt =
      c.description ?? `${c.title}: ${c.bars.map((b) => `${b.label} ${b.display}`).join(', ')}.`.replace(/\s+/g, ' ');
    // The figure holds its caption and the drawing; readers that cannot see the drawing get the alternative text.
    const node = doc.struct('Figure', { alt });
    root.add(node);
    element(node, 'Caption', () =>
      doc.font('Bold').fontSize(10).fillColor('black').text(c.title, MARGIN, doc.y, { width }),
    );
    doc.moveDown(0.3);
    const top = doc.y;
    node.add(() => draw(top));
    node.end();
    doc.x = MARGIN;
    doc.y = top + height + 8;
    doc.moveDown(0.5);
  }

  function bars(c: Chart): void {
    const rowHeight = 16;
    figure(c, c.bars.length * rowHeight, (top) => {
      doc.font('Body').fontSize(8);
      const labelWidth = Math.min(170, Math.max(40, ...c.bars.map((b) => doc.widthOfString(b.label) + 8)));
      const area = width - labelWidth - 90;
      const max = Math.max(1, ...c.bars.map((b) => b.value));
      c.bars.forEach((b, i) => {
        const y = top + i * rowHeight;
        const w = Math.max(0, (b.value / max) * area);
        doc
          .fillColor('black')
          .text(b.label, MARGIN, y + 3, { width: labelWidth - 6, align: 'right', lineBreak: false, ellipsis: true });
        if (w > 0) doc.rect(MARGIN + labelWidth, y + 2, w, rowHeight - 5).fill(BLUE);
        doc.fillColor('black').text(b.display, MARGIN + labelWidth + w + 4, y + 3, { lineBreak: false });
      });
    });
  }

  function genderBars(c: Chart): void {
    const rowHeight = 20;
    figure(c, c.bars.length * rowHeight + 16, (top) => {
      doc.font('Body').fontSize(8);
      ['Kvinna', 'Man'].forEach((label, k) => {
        doc.rect(MARGIN + k * 70, top, 8, 8).fill(GENDER_COLOURS[k]);
        doc.fillColor('black').text(label, MARGIN + k * 70 + 12, top, { lineBreak: false });
      });
      const labelWidth = Math.min(170, Math.max(40, ...c.bars.map((b) => doc.widthOfString(b.label) + 8)));
      const area = width - labelWidth - 40;
      const max = Math.max(1, ...c.bars.flatMap((b) => b.values ?? [b.value]));
      c.bars.forEach((b, i) => {
        const y = top + 16 + i * rowHeight;
        doc
          .fillColor('black')
          .text(b.label, MARGIN, y + 5, { width: labelWidth - 6, align: 'right', lineBreak: false, ellipsis: true });
        (b.values ?? []).forEach((v, k) => {
          const w = (v / max) * area;
          const by = y + 1 + k * 8;
          if (w > 0) doc.rect(MARGIN + labelWidth, by, w, 7).fill(GENDER_COLOURS[k]);
          doc
            .fillColor('black')
            .fontSize(7)
            .text(String(v), MARGIN + labelWidth + w + 3, by, { lineBreak: false });
          doc.fontSize(8);
        });
      });
    });
  }

  function pie(c: Chart): void {
    const radius = 70;
    const slices = pieSlices(c.bars);
    figure(c, Math.max(2 * radius, slices.length * 16) + 4, (top) => {
      const cx = MARGIN + radius;
      const cy = top + radius;
      for (const s of slices) {
        if (s.whole) doc.circle(cx, cy, radius).fill(PIE_COLOURS[s.index]);
        else doc.path(s.path(cx, cy, radius)).fill(PIE_COLOURS[s.index]);
      }
      // A white hole makes the donut of the published report.
      doc.circle(cx, cy, radius * 0.45).fill('white');
      doc.font('Body').fontSize(9);
      slices.forEach((s, k) => {
        const y = top + k * 16;
        doc.rect(MARGIN + 2 * radius + 30, y + 2, 9, 9).fill(PIE_COLOURS[s.index]);
        doc.fillColor('black').text(`${s.label}: ${s.share}\u00a0%`, MARGIN + 2 * radius + 45, y + 1, {
          lineBreak: false,
        });
      });
    });
  }
}
