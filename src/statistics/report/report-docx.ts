import { Resvg } from '@resvg/resvg-js';
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  FootnoteReferenceRun,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  PageBreak,
  PageNumber,
  Packer,
  Paragraph,
  Table as DocxTable,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { FONT_BOLD, FONT_REGULAR } from '../../common/pdf/fonts';
import { chartSvg } from './charts-svg';
import type { Block, Chart, ReportModel, Run, Section, Table } from './report-model';

/**
 * The report as a Word document the department can finish in the city's
 * template: real headings (Rubrik 1 and 2), paragraphs, lists, footnotes,
 * tables with a repeating header row, and each chart as a picture followed by
 * its numbers in a table. Also the tjänsteutlåtande (the memo with
 * Förvaltningens förslag till beslut) as a document of its own.
 */

/** The PDF's DejaVu Sans draws the charts' pictures (shared in src/common/pdf/fonts). */
const FONT_FILES = [FONT_REGULAR, FONT_BOLD];
/** A4 with 2 cm margins: the text is 17 cm wide (in twentieths of a point). */
const TEXT_WIDTH = 9638;
const FONT = 'Arial';

/** A chart as a PNG at twice its size (sharp when printed), with its size in pixels at 96 dpi. */
function chartPng(c: Chart): { data: Buffer; width: number; height: number } {
  const drawn = chartSvg(c, 'DejaVu Sans');
  const png = new Resvg(drawn.svg, {
    font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' },
    fitTo: { mode: 'zoom', value: 2 },
    background: 'white',
  })
    .render()
    .asPng();
  // Never wider than the text: 17 cm is about 640 px.
  const scale = Math.min(1, 640 / drawn.width);
  return { data: png, width: Math.round(drawn.width * scale), height: Math.round(drawn.height * scale) };
}

const textRuns = (runs: Run[], options: { bold?: boolean } = {}): Array<TextRun | FootnoteReferenceRun> =>
  runs.map((r) => (typeof r === 'string' ? new TextRun({ text: r, ...options }) : new FootnoteReferenceRun(r.note)));

const cellBorders = {
  top: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  left: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  right: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  bottom: { style: BorderStyle.SINGLE, size: 4, color: 'BBBBBB' },
};

function table(t: Table): Array<Paragraph | DocxTable> {
  const first = Math.round(TEXT_WIDTH * (t.head.length > 2 ? 0.36 : 0.5));
  const rest = Math.floor((TEXT_WIDTH - first) / Math.max(1, t.head.length - 1));
  const widths = [first, ...t.head.slice(1).map(() => rest)];
  // 'last': a body row of a table without a total row (a chart's numbers).
  const row = (cells: string[], kind: 'head' | 'body' | 'last' | 'total'): TableRow =>
    new TableRow({
      tableHeader: kind === 'head',
      cantSplit: true,
      children: cells.map(
        (text, i) =>
          new TableCell({
            width: { size: widths[i], type: WidthType.DXA },
            borders:
              kind === 'body' || kind === 'last'
                ? cellBorders
                : { ...cellBorders, bottom: { style: BorderStyle.SINGLE, size: 8, color: '333333' } },
            children: [
              new Paragraph({
                alignment: i === 0 ? AlignmentType.LEFT : AlignmentType.RIGHT,
                // The rows before the total keep with it, so the total never stands alone on a page.
                keepNext: kind === 'head' || kind === 'body',
                children: [new TextRun({ text, bold: kind === 'head' || kind === 'total', size: 18 })],
              }),
            ],
          }),
      ),
    });
  return [
    new Paragraph({ style: 'Caption', keepNext: true, children: [new TextRun(t.caption)] }),
    new DocxTable({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: widths,
      rows: [
        row(t.head, 'head'),
        ...t.rows.map((r) => row(r, t.total.length > 0 ? 'body' : 'last')),
        ...(t.total.length > 0 ? [row(t.total, 'total')] : []),
      ],
    }),
    new Paragraph({ children: [] }),
  ];
}

function chart(c: Chart): Array<Paragraph | DocxTable> {
  const png = chartPng(c);
  const numbers: Table = {
    caption: `${c.title}: diagrammets siffror`,
    head: c.kind === 'gender' ? ['', 'Kvinna', 'Man'] : ['', 'Antal'],
    rows: c.bars.map((b) =>
      c.kind === 'gender' ? [b.label, String(b.values?.[0] ?? 0), String(b.values?.[1] ?? 0)] : [b.label, b.display],
    ),
    total: [],
  };
  const alt = c.description ?? `${c.title}: ${c.bars.map((b) => `${b.label} ${b.display}`).join(', ')}.`;
  return [
    new Paragraph({ style: 'Caption', keepNext: true, children: [new TextRun(c.title)] }),
    new Paragraph({
      keepNext: true,
      children: [
        new ImageRun({
          type: 'png',
          data: png.data,
          transformation: { width: png.width, height: png.height },
          altText: { name: c.title, title: c.title, description: alt },
        }),
      ],
    }),
    // The numbers of the chart, for those who cannot see it and for the template's own chart.
    ...table(numbers),
  ];
}

let listInstance = 0;

function blocks(list: Block[]): Array<Paragraph | DocxTable> {
  return list.flatMap((b): Array<Paragraph | DocxTable> => {
    switch (b.kind) {
      case 'paragraph':
        return [new Paragraph({ children: textRuns(b.runs), spacing: { after: 120 } })];
      case 'list': {
        const instance = ++listInstance;
        return b.items.map(
          (item) =>
            new Paragraph({
              numbering: { reference: b.ordered ? 'numbers' : 'bullets', level: 0, instance },
              children: textRuns(item),
            }),
        );
      }
      case 'table':
        return table(b.table);
      case 'chart':
        return chart(b.chart);
    }
  });
}

const heading = (s: Section): Paragraph =>
  new Paragraph({
    heading: s.level === 2 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
    keepNext: true,
    children: [new TextRun(s.title)],
  });

function document(model: ReportModel, children: Array<Paragraph | DocxTable>, title: string): Document {
  return new Document({
    creator: model.cover.office[0] ?? 'Socialförvaltningen',
    title,
    subject: model.subtitle,
    description: model.subtitle,
    styles: {
      default: {
        document: { run: { font: FONT, size: 21, language: { value: 'sv-SE' } } },
        heading1: {
          run: { font: FONT, size: 30, bold: true, color: '000000' },
          paragraph: { spacing: { before: 360, after: 120 } },
        },
        heading2: {
          run: { font: FONT, size: 25, bold: true, color: '000000' },
          paragraph: { spacing: { before: 240, after: 120 } },
        },
        title: { run: { font: FONT, size: 48, bold: true, color: '000000' } },
      },
      paragraphStyles: [
        {
          id: 'Caption',
          name: 'Caption',
          basedOn: 'Normal',
          next: 'Normal',
          run: { font: FONT, size: 19, bold: true },
          paragraph: { spacing: { before: 120, after: 60 } },
        },
      ],
    },
    numbering: {
      config: [
        {
          reference: 'bullets',
          levels: [
            {
              level: 0,
              format: LevelFormat.BULLET,
              text: '•',
              alignment: AlignmentType.LEFT,
              style: { paragraph: { indent: { left: 567, hanging: 283 } } },
            },
          ],
        },
        {
          reference: 'numbers',
          levels: [
            {
              level: 0,
              format: LevelFormat.DECIMAL,
              text: '%1.',
              alignment: AlignmentType.LEFT,
              style: { paragraph: { indent: { left: 567, hanging: 340 } } },
            },
          ],
        },
      ],
    },
    footnotes: Object.fromEntries(
      model.notes.map((n) => [
        n.number,
        { children: [new Paragraph({ children: [new TextRun({ text: n.text, size: 16 })] })] },
      ]),
    ),
    sections: [
      {
        properties: {
          page: { size: { width: 11906, height: 16838 }, margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [
                  new TextRun({ size: 16, children: [PageNumber.CURRENT, ' (', PageNumber.TOTAL_PAGES, ')'] }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
}

const lines = (texts: string[], options: { bold?: boolean; size?: number } = {}): Paragraph[] =>
  texts.map((text) => new Paragraph({ children: [new TextRun({ text, ...options })] }));

/** The report: a cover page, then every section as the PDF has it, then the issuer. */
export async function renderDocx(model: ReportModel): Promise<Buffer> {
  const c = model.cover;
  const children: Array<Paragraph | DocxTable> = [
    new Paragraph({ heading: HeadingLevel.TITLE, spacing: { before: 2400 }, children: [new TextRun(c.heading)] }),
    new Paragraph({
      children: [new TextRun({ text: `${c.year}${c.district ? ` – ${c.district}` : ''}`, bold: true, size: 40 })],
    }),
    new Paragraph({ spacing: { before: 2400 }, children: [] }),
    ...lines(c.office, { bold: true }),
    ...(c.registrationNumber ? lines([`Dnr ${c.registrationNumber}`]) : []),
    ...lines([c.date]),
    ...lines(c.facts, { size: 18 }),
    new Paragraph({ children: [new PageBreak()] }),
    ...model.sections.flatMap((s) => [heading(s), ...blocks(s.blocks)]),
    ...(model.issuer.length > 0
      ? [new Paragraph({ spacing: { before: 480 }, children: [] }), ...lines(model.issuer)]
      : []),
  ];
  return Packer.toBuffer(document(model, children, model.title));
}

/**
 * The tjänsteutlåtande: the memo that puts the report before the nämnd, with
 * Förvaltningens förslag till beslut, the summary of the year, the gender
 * analysis, the department's opinion and the report as its appendix.
 */
export async function renderMemoDocx(model: ReportModel): Promise<Buffer> {
  const c = model.cover;
  const section = (title: string): Section | undefined => model.sections.find((s) => s.title === title);
  const analysis = section('Sammanfattning och analys');
  const gender = section('Jämställdhetsanalys');
  const recipient = c.district ? `${c.district}s nämnd` : 'Socialnämnden';
  const h1 = (text: string): Paragraph =>
    new Paragraph({ heading: HeadingLevel.HEADING_1, keepNext: true, children: [new TextRun(text)] });
  const children: Array<Paragraph | DocxTable> = [
    ...lines(c.office, { bold: true }),
    ...lines(['Tjänsteutlåtande'], { bold: true, size: 26 }),
    ...(c.registrationNumber ? lines([`Dnr ${c.registrationNumber}`]) : []),
    ...lines([c.date, `Till ${recipient}`]),
    new Paragraph({
      heading: HeadingLevel.TITLE,
      spacing: { before: 480 },
      children: [new TextRun(`${c.heading} ${c.year}${c.district ? ` – ${c.district}` : ''}`)],
    }),
    h1('Förvaltningens förslag till beslut'),
    ...blocks(model.memo.decisionProposal),
    ...(model.issuer.length > 0
      ? [new Paragraph({ spacing: { before: 360 }, children: [] }), ...lines(model.issuer)]
      : []),
    h1('Sammanfattning'),
    ...model.summary.map((text) => new Paragraph({ spacing: { after: 120 }, children: [new TextRun(text)] })),
    h1('Ärendet'),
    // The analysis's opening paragraphs: the year's effects and the trend (its lists belong to the report).
    ...(analysis ? blocks(analysis.blocks.filter((b) => b.kind === 'paragraph').slice(0, 2)) : []),
    ...(gender ? [h1('Jämställdhetsanalys'), ...blocks(gender.blocks)] : []),
    h1('Förvaltningens synpunkter och förslag'),
    ...blocks(model.memo.opinion),
    h1('Bilaga'),
    ...lines([`${c.heading} ${c.year}${c.district ? ` – ${c.district}` : ''}`]),
  ];
  return Packer.toBuffer(document(model, children, `Tjänsteutlåtande: ${model.title}`));
}
