import { openTaggedPdf } from '../common/pdf/tagged-pdf';

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

/**
 * A table as an accessible A4 landscape PDF: tagged (a heading, a paragraph,
 * a table of header and data cells, page numbers as artifacts), in Swedish,
 * with DejaVu Sans embedded. Rendered in a worker (table-pdf-worker.ts).
 */
export function renderTablePdf(model: PdfTable): Promise<Buffer> {
  // The tagged document, DejaVu Sans and the structure root are those of every PDF the service writes (src/common/pdf).
  const pdf = openTaggedPdf({
    title: model.title,
    author: 'Socialförvaltningen',
    subject: model.subtitle,
    landscape: true,
    margin: MARGIN,
  });
  const { doc, root, element, artifact, bottom, width } = pdf;

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
  return pdf.end();
}
