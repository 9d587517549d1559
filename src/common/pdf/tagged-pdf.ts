import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { FONT_BOLD, FONT_REGULAR } from './fonts';

/**
 * What every PDF the service writes shares (the yearly report, the case's
 * letters and decisions): an accessible A4 document (PDF/UA-style tagging: a
 * structure tree of headings, paragraphs, tables and figures, page furniture
 * marked as artifacts), DejaVu Sans embedded, title and language set. The
 * report and the documents add their own parts on top of these.
 */

export const PDF_MARGIN = 56;

export type Struct = ReturnType<PDFKit.PDFDocument['struct']>;

/**
 * pdfkit parses a font file anew for every document, which was most of a
 * report's time (about a second of held event loop); given a parsed fontkit
 * font it uses it as it is, and each document still embeds its own subset.
 * Fontkit is taken from where pdfkit finds it, so both agree on its version.
 */
const fontkit = createRequire(require.resolve('pdfkit'))('fontkit') as { create(data: Buffer): object };
const parsedFonts = new Map<string, PDFKit.Mixins.PDFFontSource>();
function parsedFont(path: string): PDFKit.Mixins.PDFFontSource {
  let font = parsedFonts.get(path);
  if (!font) {
    // @types/pdfkit does not list fontkit fonts among font sources; pdfkit accepts any object with `layout`.
    font = fontkit.create(readFileSync(path)) as unknown as PDFKit.Mixins.PDFFontSource;
    parsedFonts.set(path, font);
  }
  return font;
}

/** A table as the PDF draws it: a caption, a header row, body rows (the first cell heads its row), a total row. */
export interface PdfTable {
  caption: string;
  head: string[];
  rows: string[][];
  total?: string[];
  /** Widths of the columns as parts of the whole (the report's: a wide first column, the rest equal). */
  widths?: number[];
  /** Which columns are left-aligned (text); the rest are right-aligned (numbers). Default: the first. */
  leftAligned?: number[];
}

export interface TaggedPdfOptions {
  title: string;
  subject?: string;
  author: string;
  /** The document's date: its creation and change dates, so the same content gives the same bytes. */
  date?: Date;
  /** Keywords, for the document's properties. */
  keywords?: string;
  /** A4 on its side (a wide table); upright unless told. */
  landscape?: boolean;
  /** The page margin in points; PDF_MARGIN unless told. */
  margin?: number;
}

/** A tagged PDF being written: pdfkit's document, its structure root, and the parts both kinds of PDF use. */
export interface TaggedPdf {
  readonly doc: PDFKit.PDFDocument;
  readonly root: Struct;
  /** The text column's left edge and width. */
  readonly margin: number;
  readonly width: number;
  bottom(): number;
  fits(height: number): boolean;
  /** A new page unless `height` fits on this one. */
  ensure(height: number): void;
  /** Decoration (rules, repeated table headers, page numbers) that is not content. */
  artifact(draw: () => void, type?: 'Layout' | 'Pagination'): void;
  /** A structure element of `type` under `parent`, holding what `draw` puts on the page. */
  element(parent: Struct, type: string, draw: () => void, options?: Record<string, unknown>): void;
  /** A section heading (H2) with a rule under it; `keepWithNext` points of what follows stay on its page. */
  heading(text: string, options?: { keepWithNext?: number }): void;
  paragraph(text: string, options?: { bold?: boolean; size?: number }): void;
  table(t: PdfTable): void;
  /** "1 (3)" at the foot of every page, as pagination artifacts; `footer` lines beside it on every page. */
  pageNumbers(footer?: string[]): void;
  end(): Promise<Buffer>;
}

export function openTaggedPdf(options: TaggedPdfOptions): TaggedPdf {
  const doc = new PDFDocument({
    size: 'A4',
    ...(options.landscape ? { layout: 'landscape' as const } : {}),
    margin: options.margin ?? PDF_MARGIN,
    pdfVersion: '1.7',
    tagged: true,
    // Declares PDF/UA-1 in the XMP metadata; the structure below is what makes it so.
    // (pdfkit supports 'PDF/UA'; @types/pdfkit lists only the PDF/A subsets.)
    subset: 'PDF/UA' as unknown as PDFKit.PDFDocumentOptions['subset'],
    lang: 'sv-SE',
    displayTitle: true,
    // No default font: 'Body' below is then the first DejaVu Sans the document opens, and pdfkit
    // keeps it under that name. A default DejaVu Sans made every font('Body') open the font
    // anew and compare it with the default (JSON of its name table), a tenth of the render.
    // (The option's type says a string; pdfkit skips the default font when it is null.)
    font: null as unknown as string,
    info: {
      Title: options.title,
      Author: options.author,
      ...(options.subject ? { Subject: options.subject } : {}),
      ...(options.keywords ? { Keywords: options.keywords } : {}),
      // Fixed dates make the file id and the metadata the same each time: the same content, the same bytes.
      ...(options.date ? { CreationDate: options.date, ModDate: options.date } : {}),
    },
    bufferPages: true,
  });
  doc.registerFont('Body', parsedFont(FONT_REGULAR));
  doc.registerFont('Bold', parsedFont(FONT_BOLD));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const margin = options.margin ?? PDF_MARGIN;
  const width = doc.page.width - 2 * margin;
  // The page's own bottom margin: the report's footnotes widen it on the pages that carry them.
  const bottom = (): number => doc.page.height - doc.page.margins.bottom;
  const fits = (height: number): boolean => doc.y + height <= bottom();
  const ensure = (height: number): void => {
    if (!fits(height)) doc.addPage();
  };
  const artifact = (draw: () => void, type: 'Layout' | 'Pagination' = 'Layout'): void => {
    doc.markContent('Artifact', { type });
    draw();
    doc.endMarkedContent();
  };
  const root = doc.struct('Document');
  doc.addStructure(root);
  const element = (parent: Struct, type: string, draw: () => void, opts: Record<string, unknown> = {}): void => {
    const node = doc.struct(type as never, opts, [draw]);
    parent.add(node);
  };

  function heading(text: string, opts: { keepWithNext?: number } = {}): void {
    doc.moveDown(1);
    if (opts.keepWithNext) {
      doc.font('Bold').fontSize(13);
      ensure(doc.heightOfString(text, { width }) + opts.keepWithNext);
    }
    element(root, 'H2', () => doc.font('Bold').fontSize(13).fillColor('black').text(text, margin, doc.y, { width }));
    artifact(() =>
      doc
        .moveTo(margin, doc.y + 2)
        .lineTo(margin + width, doc.y + 2)
        .strokeColor('#999')
        .lineWidth(0.5)
        .stroke(),
    );
    doc.moveDown(0.5);
  }

  function paragraph(text: string, opts: { bold?: boolean; size?: number } = {}): void {
    doc
      .font(opts.bold ? 'Bold' : 'Body')
      .fontSize(opts.size ?? 10)
      .fillColor('black');
    ensure(doc.heightOfString(text, { width }) + 6);
    element(root, 'P', () => doc.text(text, margin, doc.y, { width }));
    doc.moveDown(0.5);
  }

  function table(t: PdfTable): void {
    const parts = t.widths ?? [Math.min(190, width * 0.4) / width, ...t.head.slice(1).map(() => 0)];
    const fixed = parts.reduce((a, b) => a + b, 0);
    const free = parts.filter((p) => p === 0).length;
    const columns = parts.map((p) => (p > 0 ? p * width : ((1 - fixed) * width) / Math.max(1, free)));
    const left = new Set(t.leftAligned ?? [0]);
    // Heights measured in the font each row is drawn in: a bold header measured in the regular font wraps over the next row.
    const heightOf = (cells: string[], bold: boolean): number => {
      doc.font(bold ? 'Bold' : 'Body').fontSize(8.5);
      return Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: columns[i] - 6 }))) + 6;
    };
    const headHeight = heightOf(t.head, true);
    doc.font('Bold').fontSize(10);
    const captionHeight = doc.heightOfString(t.caption, { width }) + 4;
    // Caption, header and the first rows stay together.
    const firstRow = t.rows[0] ?? t.total ?? t.head;
    ensure(captionHeight + headHeight + heightOf(firstRow, false) * Math.min(t.rows.length + 1, 4));
    const node = doc.struct('Table');
    root.add(node);
    element(node, 'Caption', () =>
      doc.font('Bold').fontSize(10).fillColor('black').text(t.caption, margin, doc.y, { width }),
    );
    doc.moveDown(0.2);

    const cellsAt = (cells: string[], bold: boolean, height: number, y: number): Array<() => void> =>
      cells.map((cell, i) => () => {
        const x = margin + columns.slice(0, i).reduce((a, b) => a + b, 0);
        doc
          .font(bold ? 'Bold' : 'Body')
          .fontSize(8.5)
          .fillColor('black')
          .text(cell, x + 3, y + 3, {
            width: columns[i] - 6,
            height: height - 3,
            align: left.has(i) ? 'left' : 'right',
          });
      });
    const rule = (y: number, colour = '#ccc'): void =>
      artifact(() =>
        doc
          .moveTo(margin, y)
          .lineTo(margin + width, y)
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
    const bodyRow = (cells: string[], bold: boolean, keepWithNext = 0): void => {
      const height = heightOf(cells, bold);
      // The total row never stands alone on a page: the last body row goes over with it.
      if (!fits(height + keepWithNext)) {
        doc.addPage();
        headRow(false);
      }
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
    const totalHeight = t.total ? heightOf(t.total, true) : 0;
    t.rows.forEach((r, i) => bodyRow(r, false, i === t.rows.length - 1 ? totalHeight : 0));
    if (t.total) bodyRow(t.total, true);
    node.end();
    doc.x = margin;
    doc.moveDown(0.8);
  }

  function pageNumbers(footer: string[] = []): void {
    const pages = doc.bufferedPageRange();
    for (let i = 0; i < pages.count; i++) {
      doc.switchToPage(i);
      // The footer sits in the bottom margin; without this pdfkit would start a new page for it.
      doc.page.margins.bottom = 0;
      artifact(() => {
        doc.font('Body').fontSize(8).fillColor('#666');
        footer.forEach((line, k) =>
          doc.text(line, margin, doc.page.height - margin + 8 + k * 10, {
            width: width - 50,
            lineBreak: false,
            ellipsis: true,
          }),
        );
        doc.text(`${i + 1} (${pages.count})`, margin, doc.page.height - margin + 20, {
          width,
          align: 'right',
          lineBreak: false,
        });
      }, 'Pagination');
    }
  }

  return {
    doc,
    root,
    margin,
    width,
    bottom,
    fits,
    ensure,
    artifact,
    element,
    heading,
    paragraph,
    table,
    pageNumbers,
    end: () => {
      doc.end();
      return done;
    },
  };
}
