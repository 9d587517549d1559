import PDFDocument from 'pdfkit';
import type { Chart, ReportModel, Table } from './report-model';

const MARGIN = 56;
const BLUE = '#1f5f8b';

/** The report as an A4 PDF (pdfkit, pure JavaScript), with the same sections, tables and bar charts as the HTML page. */
export function renderPdf(model: ReportModel): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: { Title: model.title, Author: 'Socialförvaltningen' },
    bufferPages: true,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const width = doc.page.width - 2 * MARGIN;
  const bottom = (): number => doc.page.height - MARGIN;
  const ensure = (height: number): void => {
    if (doc.y + height > bottom()) doc.addPage();
  };

  doc.font('Helvetica-Bold').fontSize(18).text(model.title, { width });
  doc.moveDown(0.3).font('Helvetica').fontSize(10).fillColor('#555').text(model.subtitle).fillColor('black');
  heading('Sammanfattning');
  model.summary.forEach(paragraph);

  for (const section of model.sections) {
    ensure(80);
    heading(section.title);
    section.paragraphs.forEach(paragraph);
    section.tables.forEach(table);
    section.charts.forEach(chart);
  }

  const pages = doc.bufferedPageRange();
  for (let i = 0; i < pages.count; i++) {
    doc.switchToPage(i);
    // The footer sits in the bottom margin; without this pdfkit would start a new page for it.
    doc.page.margins.bottom = 0;
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor('#666')
      .text(`${i + 1} (${pages.count})`, MARGIN, doc.page.height - MARGIN + 20, {
        width,
        align: 'right',
        lineBreak: false,
      });
  }
  doc.end();
  return done;

  function heading(text: string): void {
    doc.moveDown(1).font('Helvetica-Bold').fontSize(13).fillColor('black').text(text, MARGIN, doc.y, { width });
    doc
      .moveTo(MARGIN, doc.y + 2)
      .lineTo(MARGIN + width, doc.y + 2)
      .strokeColor('#999')
      .lineWidth(0.5)
      .stroke();
    doc.moveDown(0.5);
  }

  function paragraph(text: string): void {
    doc.font('Helvetica').fontSize(10).fillColor('black');
    ensure(doc.heightOfString(text, { width }) + 6);
    doc.text(text, MARGIN, doc.y, { width });
    doc.moveDown(0.5);
  }

  function table(t: Table): void {
    const first = Math.min(200, width * 0.4);
    const rest = (width - first) / Math.max(1, t.head.length - 1);
    const columns = [first, ...t.head.slice(1).map(() => rest)];
    const rowHeight = 14;
    doc.font('Helvetica').fontSize(9);
    const headHeight = Math.max(...t.head.map((h, i) => doc.heightOfString(h, { width: columns[i] - 6 }))) + 6;
    ensure(headHeight + rowHeight * Math.min(t.rows.length + 1, 6) + 20);
    doc.font('Helvetica-Bold').fontSize(10).text(t.caption, MARGIN, doc.y, { width });
    doc.moveDown(0.2);
    const drawRow = (cells: string[], bold: boolean, height: number): void => {
      ensure(height);
      const y = doc.y;
      let x = MARGIN;
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
      cells.forEach((cell, i) => {
        doc.text(cell, x + 3, y + 3, {
          width: columns[i] - 6,
          align: i === 0 ? 'left' : 'right',
          lineBreak: height > rowHeight,
        });
        x += columns[i];
      });
      doc
        .moveTo(MARGIN, y + height)
        .lineTo(MARGIN + width, y + height)
        .strokeColor('#ccc')
        .lineWidth(0.5)
        .stroke();
      doc.y = y + height;
    };
    drawRow(t.head, true, headHeight);
    t.rows.forEach((r) => drawRow(r, false, rowHeight));
    drawRow(t.total, true, rowHeight);
    doc.x = MARGIN;
    doc.moveDown(0.8);
  }

  function chart(c: Chart): void {
    const rowHeight = 16;
    ensure(c.bars.length * rowHeight + 30);
    doc.font('Helvetica-Bold').fontSize(10).fillColor('black').text(c.title, MARGIN, doc.y, { width });
    doc.moveDown(0.3);
    doc.font('Helvetica').fontSize(8);
    const labelWidth = Math.min(170, Math.max(40, ...c.bars.map((b) => doc.widthOfString(b.label) + 8)));
    const area = width - labelWidth - 90;
    const max = Math.max(1, ...c.bars.map((b) => b.value));
    const top = doc.y;
    c.bars.forEach((b, i) => {
      const y = top + i * rowHeight;
      const w = Math.max(0, (b.value / max) * area);
      doc
        .fillColor('black')
        .text(b.label, MARGIN, y + 3, { width: labelWidth - 6, align: 'right', lineBreak: false, ellipsis: true });
      if (w > 0) doc.rect(MARGIN + labelWidth, y + 2, w, rowHeight - 5).fill(BLUE);
      doc.fillColor('black').text(b.display, MARGIN + labelWidth + w + 4, y + 3, { lineBreak: false });
    });
    doc.x = MARGIN;
    doc.y = top + c.bars.length * rowHeight + 8;
    doc.moveDown(0.5);
  }
}
