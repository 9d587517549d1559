import { openTaggedPdf } from '../../common/pdf/tagged-pdf';
import type { DocumentContent } from '../content';

/** The letterhead and contact lines the PDF takes from the document's DOCX template (see letterhead.ts). */
export interface Letterhead {
  /** The template header's paragraphs, placeholders filled. */
  lines: string[];
  /** The first PNG or JPEG image of the template's header: the municipality's logo. */
  logo: Uint8Array | null;
  /** The template footer's paragraphs, placeholders filled: contact lines on every page. */
  footer: string[];
}

/** What the PDF thread is given: plain data, so it crosses to the worker as it is. */
export interface DocumentPdfJob {
  content: DocumentContent;
  letterhead: Letterhead;
  /** The document's date (ISO), the PDF's creation and change date. */
  date: string;
}

const LOGO_HEIGHT = 42;
const LOGO_WIDTH = 150;

/**
 * A document as an accessible A4 PDF: the letterhead (logo and header lines
 * of the template) and the date and case numbers on the first page, the
 * recipient, the title (H1), the body's parts as headings, paragraphs, lists
 * and tables, signature lines, and the template's contact lines with the
 * page numbers at the foot of every page. Its dates are the document's, so
 * the same content makes the same bytes.
 */
export function renderDocumentPdf(job: DocumentPdfJob): Promise<Buffer> {
  const { content, letterhead } = job;
  const pdf = openTaggedPdf({
    title: content.title,
    author: letterhead.lines[0] ?? 'Socialnämnden',
    subject: `${content.title}, ${content.meta.map(([k, v]) => `${k} ${v}`).join(', ')}`,
    date: new Date(job.date),
  });
  const { doc, root, element, margin, width } = pdf;

  // The letterhead: the logo and under it the header's lines at the left; the date and case numbers at the right.
  const top = doc.y;
  if (letterhead.logo) {
    const image = Buffer.from(letterhead.logo);
    const alt = `Logotyp: ${letterhead.lines[0] ?? 'avsändaren'}`;
    const node = doc.struct('Figure', { alt });
    root.add(node);
    node.add(() => doc.image(image, margin, top, { fit: [LOGO_WIDTH, LOGO_HEIGHT] }));
    node.end();
    doc.y = top + LOGO_HEIGHT + 6;
  }
  letterhead.lines.forEach((line, i) =>
    element(root, 'P', () =>
      doc
        .font(i === 0 ? 'Bold' : 'Body')
        .fontSize(i === 0 ? 11 : 9)
        .fillColor('black')
        .text(line, margin, doc.y, { width: width * 0.55 }),
    ),
  );
  const headBottom = doc.y;
  doc.y = top;
  const metaX = margin + width * 0.57;
  content.meta.forEach(([label, value]) =>
    element(root, 'P', () =>
      doc
        .font('Body')
        .fontSize(9)
        .fillColor('black')
        .text(`${label}: ${value}`, metaX, doc.y, { width: width * 0.43, align: 'right' }),
    ),
  );
  doc.y = Math.max(headBottom, doc.y) + 24;

  // The recipient.
  content.recipient.forEach((line) =>
    element(root, 'P', () => doc.font('Body').fontSize(10).fillColor('black').text(line, margin, doc.y, { width })),
  );
  doc.moveDown(1.5);
  element(root, 'H1', () =>
    doc.font('Bold').fontSize(17).fillColor('black').text(content.title, margin, doc.y, { width }),
  );
  doc.moveDown(0.5);

  /** Room a heading keeps for what follows it: a paragraph whole (up to a third of a page), else a few lines. */
  const leadOf = (next: (typeof content.blocks)[number] | undefined): number => {
    if (next?.kind !== 'paragraph') return 50;
    doc.font('Body').fontSize(10);
    return Math.min(doc.heightOfString(next.text, { width }) + 6, 240);
  };
  for (const [i, block] of content.blocks.entries()) {
    switch (block.kind) {
      case 'heading':
        pdf.heading(block.text, { keepWithNext: leadOf(content.blocks[i + 1]) });
        break;
      case 'paragraph':
        pdf.paragraph(block.text);
        break;
      case 'facts':
        for (const [label, value] of block.rows) {
          doc.font('Body').fontSize(10);
          pdf.ensure(doc.heightOfString(`${label}: ${value}`, { width }) + 4);
          element(root, 'P', () => {
            doc
              .font('Bold')
              .fontSize(10)
              .fillColor('black')
              .text(`${label}: `, margin, doc.y, { width, continued: true });
            doc.font('Body').text(value);
          });
          doc.moveDown(0.2);
        }
        doc.moveDown(0.4);
        break;
      case 'list': {
        const list = doc.struct('L');
        root.add(list);
        for (const item of block.items) {
          doc.font('Body').fontSize(10);
          pdf.ensure(doc.heightOfString(item, { width: width - 14 }) + 4);
          const li = doc.struct('LI');
          list.add(li);
          const y = doc.y;
          element(li, 'Lbl', () =>
            doc.font('Body').fontSize(10).fillColor('black').text('•', margin, y, { width: 10 }),
          );
          element(li, 'LBody', () =>
            doc
              .font('Body')
              .fontSize(10)
              .text(item, margin + 14, y, { width: width - 14 }),
          );
          li.end();
          doc.moveDown(0.2);
        }
        list.end();
        doc.x = margin;
        doc.moveDown(0.4);
        break;
      }
      case 'calculation':
        pdf.table({
          caption: block.caption,
          head: ['Månad', 'Utbetald', 'Utbetalt', 'Skulle ha betalats', 'Felaktigt utbetalt', 'Sista dag för talan'],
          rows: block.rows.map((r) => [r.manad, r.utbetald, r.utbetalt, r.ratt, r.felaktigt, r.sistaDag]),
          total: ['Summa', '', '', '', block.total, ''],
          widths: [0.18, 0.15, 0.17, 0.17, 0.17, 0.16],
          leftAligned: [0, 1, 5],
        });
        break;
      case 'schedule':
        pdf.table({
          caption: block.caption,
          head: ['Nr', 'Förfallodag', 'Belopp', 'Kvar efter betalningen'],
          rows: block.rows.map((r) => [r.nr, r.forfallodag, r.belopp, r.kvar]),
          total: ['Summa', '', block.total, ''],
          widths: [0.15, 0.3, 0.25, 0.3],
          leftAligned: [0, 1],
        });
        break;
      case 'signature': {
        doc.font('Bold').fontSize(10);
        pdf.ensure(40 + block.lines.length * 42);
        doc.moveDown(1);
        element(root, 'P', () =>
          doc.font('Bold').fontSize(10).fillColor('black').text(block.party, margin, doc.y, { width }),
        );
        for (const line of block.lines) {
          doc.moveDown(1.6);
          const y = doc.y;
          pdf.artifact(() =>
            doc
              .moveTo(margin, y)
              .lineTo(margin + 220, y)
              .strokeColor('#333')
              .lineWidth(0.5)
              .stroke(),
          );
          doc.y = y + 3;
          element(root, 'P', () =>
            doc.font('Body').fontSize(9).fillColor('black').text(line, margin, doc.y, { width: 220 }),
          );
        }
        doc.moveDown(0.5);
        break;
      }
    }
  }
  root.end();
  pdf.pageNumbers(letterhead.footer.slice(0, 3));
  return pdf.end();
}
