import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';

/** A titled table, as the list of delegated decisions prints it. */
export interface PdfTable {
  title: string;
  subtitle: string;
  caption: string;
  head: string[];
  rows: string[][];
  /** Relative widths of the columns. */
  widths: number[];
  /** A line under the table (e.g. what an empty list means). */
  empty: string;
}

const MARGIN = 40;
/** DejaVu Sans, the yearly report's font (src/statistics/report/fonts; copied to dist with it). */
const FONTS = join(__dirname, '..', 'statistics', 'report', 'fonts');

type Struct = ReturnType<PDFKit.PDFDocument['struct']>;

/**
 * A table as an accessible A4 landscape PDF: tagged (a heading, a paragraph,
 * a table of header and data cells, page numbers as artifacts), in Swedish,
 * with DejaVu Sans embedded. Rendered in a worker (table-pdf-worker.ts).
 */
export function renderTablePdf(model: PdfTable): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: MARGIN,
    pdfVersion: '1.7',
    tagged: true,
    lang: 'sv-SE',
    displayTitle: true,
    font: null as unknown as string,
    info: { Title: model.title, Author: 'Socialförvaltningen', Subject: model.subtitle },
    bufferPages: true,
  });
  doc.registerFont('Body', readFileSync(join(FONTS, 'DejaVuSans.ttf')));
  doc.registerFont('Bold', readFileSync(join(FONTS, 'DejaVuSans-Bold.ttf')));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const width = doc.page.width - 2 * MARGIN;
  const bottom = (): number => doc.page.height - MARGIN;
  const artifact = (draw: () => void, type: 'Layout' | 'Pagination' = 'Layout'): void => {
    doc.markContent('Artifact', { type });
    draw();
    doc.endMarkedContent();
  };
  const root = doc.struct('Document');
  doc.addStructure(root);
  const element = (parent: Struct, type: string, draw: () => void, options: Record<string, unknown> = {}): void => {
    parent.add(doc.struct(type as never, options, [draw]));
  };

  element(root, 'H1', () =>
    doc.font('Bold').fontSize(16).fillColor('black').text(model.title, MARGIN, doc.y, { width }),
  );
  element(root, 'P', () =>
    doc.moveDown(0.3).font('Body').fontSize(9).fillColor('#444').text(model.subtitle, MARGIN, doc.y, { width }),
  );
  doc.moveDown(0.8);

  const total = model.widths.reduce((a, b) => a + b, 0);
  const columns = model.widths.map((w) => (w / total) * width);
  const heightOf = (cells: string[], bold: boolean): number => {
    doc.font(bold ? 'Bold' : 'Body').fontSize(7.5);
    return Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: columns[i] - 6 }))) + 6;
  };
  const table = doc.struct('Table');
  root.add(table);
  element(table, 'Caption', () =>
    doc.font('Bold').fontSize(10).fillColor('black').text(model.caption, MARGIN, doc.y, { width }),
  );
  doc.moveDown(0.2);
  const draw = (cells: string[], bold: boolean, height: number, y: number) =>
    cells.map((cell, i) => () => {
      const x = MARGIN + columns.slice(0, i).reduce((a, b) => a + b, 0);
      doc
        .font(bold ? 'Bold' : 'Body')
        .fontSize(7.5)
        .fillColor('black')
        .text(cell, x + 3, y + 3, {
          width: columns[i] - 6,
          height: height - 3,
        });
    });
  const rule = (y: number, colour: string): void =>
    artifact(() =>
      doc
        .moveTo(MARGIN, y)
        .lineTo(MARGIN + width, y)
        .strokeColor(colour)
        .lineWidth(0.5)
        .stroke(),
    );
  const headHeight = heightOf(model.head, true);
  const head = (tagged: boolean): void => {
    const y = doc.y;
    const cells = draw(model.head, true, headHeight, y);
    if (tagged) {
      const tr = doc.struct('TR');
      table.add(tr);
      cells.forEach((cell) => element(tr, 'TH', cell, { scope: 'Column' }));
      tr.end();
    } else artifact(() => cells.forEach((cell) => cell()), 'Pagination');
    rule(y + headHeight, '#333');
    doc.y = y + headHeight;
  };
  head(true);
  for (const row of model.rows) {
    const height = heightOf(row, false);
    if (doc.y + height > bottom()) {
      doc.addPage();
      head(false);
    }
    const y = doc.y;
    const tr = doc.struct('TR');
    table.add(tr);
    draw(row, false, height, y).forEach((cell) => element(tr, 'TD', cell));
    tr.end();
    rule(y + height, '#ccc');
    doc.y = y + height;
  }
  table.end();
  doc.x = MARGIN;
  if (model.rows.length === 0) {
    doc.moveDown(0.5);
    element(root, 'P', () =>
      doc.font('Body').fontSize(9).fillColor('black').text(model.empty, MARGIN, doc.y, { width }),
    );
  }
  root.end();

  const pages = doc.bufferedPageRange();
  for (let i = 0; i < pages.count; i++) {
    doc.switchToPage(i);
    doc.page.margins.bottom = 0;
    artifact(() => {
      doc
        .font('Body')
        .fontSize(7)
        .fillColor('#666')
        .text(`${i + 1} (${pages.count})`, MARGIN, doc.page.height - MARGIN + 15, {
          width,
          align: 'right',
          lineBreak: false,
        });
    }, 'Pagination');
  }
  doc.end();
  return done;
}
