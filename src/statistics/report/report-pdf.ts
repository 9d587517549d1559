import { openTaggedPdf } from '../../common/pdf/tagged-pdf';
import type { Chart, ReportModel } from './report-model';
import { GENDER_COLOURS, PIE_COLOURS, pieSlices } from './charts';

const BLUE = '#1f5f8b';

/**
 * The report as an accessible A4 PDF (PDF/UA-style tagging, shared with the
 * case documents in src/common/pdf): a structure tree of headings, paragraphs,
 * tables and figures with alternative text, page furniture marked as
 * artifacts, fonts embedded, title and language set.
 */
export function renderPdf(model: ReportModel): Promise<Buffer> {
  const pdf = openTaggedPdf({ title: model.title, author: 'Socialförvaltningen', subject: model.subtitle });
  const { doc, root, element, ensure, heading, table } = pdf;
  const MARGIN = pdf.margin;
  const width = pdf.width;
  const paragraph = (text: string): void => pdf.paragraph(text);

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

  pdf.pageNumbers();
  return pdf.end();

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
