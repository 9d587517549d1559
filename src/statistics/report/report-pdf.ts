import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import type { Chart, ReportModel, Table } from './report-model';
import { GENDER_COLOURS, PIE_COLOURS, pieSlices } from './charts';

const MARGIN = 56;
const BLUE = '#1f5f8b';
/** DejaVu Sans (free licence, fonts/LICENSE.txt): embedded, and it has the thin no-break space amounts use. */
const FONT = join(__dirname, 'fonts', 'DejaVuSans.ttf');
const FONT_BOLD = join(__dirname, 'fonts', 'DejaVuSans-Bold.ttf');

type Struct = ReturnType<PDFKit.PDFDocument['struct']>;

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

/**
 * The report as an accessible A4 PDF (PDF/UA-style tagging): a structure tree
 * of headings, paragraphs, tables and figures with alternative text, page
 * furniture marked as artifacts, fonts embedded, title and language set.
 */
export function renderPdf(model: ReportModel): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
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
    info: { Title: model.title, Author: 'Socialförvaltningen', Subject: model.subtitle },
    bufferPages: true,
  });
  doc.registerFont('Body', parsedFont(FONT));
  doc.registerFont('Bold', parsedFont(FONT_BOLD));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const width = doc.page.width - 2 * MARGIN;
  const bottom = (): number => doc.page.height - MARGIN;
  const fits = (height: number): boolean => doc.y + height <= bottom();
  const ensure = (height: number): void => {
    if (!fits(height)) doc.addPage();
  };
  /** Decoration (rules, repeated table headers, page numbers) that is not content. */
  const artifact = (draw: () => void, type: 'Layout' | 'Pagination' = 'Layout'): void => {
    doc.markContent('Artifact', { type });
    draw();
    doc.endMarkedContent();
  };

  const root = doc.struct('Document');
  doc.addStructure(root);
  const element = (parent: Struct, type: string, draw: () => void, options: Record<string, unknown> = {}): void => {
    const node = doc.struct(type as never, options, [draw]);
    parent.add(node);
  };

  element(root, 'H1', () =>
    doc.font('Bold').fontSize(18).fillColor('black').text(model.title, MARGIN, doc.y, { width }),
  );
  element(root, 'P', () =>
    doc.moveDown(0.3).font('Body').fontSize(10).fillColor('#555').text(model.subtitle, MARGIN, doc.y, { width }),
  );
  doc.fillColor('black');
  heading('Sammanfattning');
  model.summary.forEach(paragraph);

  for (const section of model.sections) {
    ensure(80);
    heading(section.title);
    section.paragraphs.forEach(paragraph);
    section.tables.forEach(table);
    section.charts.forEach(chart);
  }
  if (model.issuer.length > 0) {
    doc.moveDown(1.5);
    model.issuer.forEach(paragraph);
  }
  root.end();

  const pages = doc.bufferedPageRange();
  for (let i = 0; i < pages.count; i++) {
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
  doc.end();
  return done;

  function heading(text: string): void {
    doc.moveDown(1);
    element(root, 'H2', () => doc.font('Bold').fontSize(13).fillColor('black').text(text, MARGIN, doc.y, { width }));
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

  function paragraph(text: string): void {
    doc.font('Body').fontSize(10).fillColor('black');
    ensure(doc.heightOfString(text, { width }) + 6);
    element(root, 'P', () => doc.text(text, MARGIN, doc.y, { width }));
    doc.moveDown(0.5);
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
    const captionHeight = doc.heightOfString(t.caption, { width }) + 4;
    // Caption, header and the first rows stay together.
    ensure(captionHeight + headHeight + heightOf(t.rows[0] ?? t.total, false) * Math.min(t.rows.length + 1, 4));
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
    const totalHeight = heightOf(t.total, true);
    t.rows.forEach((r, i) => bodyRow(r, false, i === t.rows.length - 1 ? totalHeight : 0));
    bodyRow(t.total, true);
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
