import PizZip from 'pizzip';
import { DOCUMENT_TYPES, type DocumentType } from '../../cases/steps/document/document.step';

/**
 * The default DOCX template of each document type, as the service ships it
 * (src/documents/templates/<type>.docx, written by `node
 * scripts/document-templates.mjs` after a build; `--check` fails when a
 * committed file differs). A municipality replaces one with its own DOCX
 * (letterhead, signature block, contact lines) holding the same placeholders.
 *
 * The body is one loop over the document's parts (`{#avsnitt}`), so the DOCX
 * says what the PDF says: a heading, a paragraph, a fact ("Namn: ..."), a
 * list item, the calculation table, a plan's payments, or signature lines;
 * each part is one of these and the others are false. The header is the
 * letterhead and the footer the contact lines, both of which the PDF takes
 * from the template. Headings use Word's heading styles, the tables repeat
 * their header row, and the language is Swedish, for screen readers.
 */

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

const esc = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A paragraph of one run; `style` a paragraph style id. */
function p(
  text: string,
  opts: { style?: string; bold?: boolean; align?: 'right' | 'center'; size?: number } = {},
): string {
  const ppr = [
    opts.style ? `<w:pStyle w:val="${opts.style}"/>` : '',
    opts.align ? `<w:jc w:val="${opts.align}"/>` : '',
  ].join('');
  const rpr = [opts.bold ? '<w:b/>' : '', opts.size ? `<w:sz w:val="${opts.size}"/>` : ''].join('');
  return (
    `<w:p>${ppr ? `<w:pPr>${ppr}</w:pPr>` : ''}` +
    `<w:r>${rpr ? `<w:rPr>${rpr}</w:rPr>` : ''}<w:t xml:space="preserve">${esc(text)}</w:t></w:r></w:p>`
  );
}

function cell(text: string, width: number, opts: { bold?: boolean; right?: boolean } = {}): string {
  return (
    `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/></w:tcPr>` +
    `<w:p><w:pPr><w:spacing w:after="0"/>${opts.right ? '<w:jc w:val="right"/>' : ''}</w:pPr>` +
    `<w:r>${opts.bold ? '<w:rPr><w:b/></w:rPr>' : ''}<w:t xml:space="preserve">${esc(text)}</w:t></w:r></w:p></w:tc>`
  );
}

/** A table with a repeated header row, a row looped over `loop`, and a total row; amounts in the `right` columns. */
function table(
  head: string[],
  loopCells: string[],
  loop: string,
  total: string[],
  widths: number[],
  right: number[],
): string {
  const row = (cells: string[], opts: { header?: boolean; bold?: boolean } = {}) =>
    `<w:tr>${opts.header ? '<w:trPr><w:tblHeader/></w:trPr>' : ''}${cells
      .map((c, i) => cell(c, widths[i], { bold: opts.bold, right: right.includes(i) }))
      .join('')}</w:tr>`;
  const body = loopCells.map((c, i) =>
    i === 0 ? `{#${loop}}${c}` : i === loopCells.length - 1 ? `${c}{/${loop}}` : c,
  );
  return (
    `<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="${widths.reduce((a, b) => a + b, 0)}" w:type="dxa"/>` +
    `<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="1" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>` +
    `<w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>` +
    row(head, { header: true, bold: true }) +
    row(body) +
    row(total, { bold: true }) +
    `</w:tbl>`
  );
}

/** A part shown only when the item holds it: its tags alone in their paragraphs, so the paragraphs go with them. */
const when = (tag: string, inner: string): string => `${p(`{#${tag}}`)}${inner}${p(`{/${tag}}`)}`;

function documentXml(): string {
  const body = [
    p('{mottagare}'),
    p('Datum: {datum}', { align: 'right' }),
    p('Ärendenummer: {arendenummer}', { align: 'right' }),
    p('{rubrik}', { style: 'Title' }),
    p('{#avsnitt}'),
    when('rubrik', p('{rubrik}', { style: 'Heading2' })),
    when('stycke', p('{stycke}')),
    when(
      'fakta',
      '<w:p><w:pPr><w:spacing w:after="40"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{etikett}: </w:t></w:r>' +
        '<w:r><w:t xml:space="preserve">{varde}</w:t></w:r></w:p>',
    ),
    when('punkt', p('{punkt}', { style: 'ListBullet' })),
    when(
      'tabell',
      p('{rubrikTabell}', { bold: true }) +
        table(
          ['Månad', 'Utbetald', 'Utbetalt', 'Skulle ha betalats', 'Felaktigt utbetalt', 'Sista dag för talan'],
          ['{manad}', '{utbetald}', '{utbetalt}', '{ratt}', '{felaktigt}', '{sistaDag}'],
          'rader',
          ['Summa', '', '', '', '{summa}', ''],
          [1500, 1300, 1450, 1500, 1500, 1400],
          [2, 3, 4],
        ) +
        p(''),
    ),
    when(
      'plan',
      p('{rubrikTabell}', { bold: true }) +
        table(
          ['Nr', 'Förfallodag', 'Belopp', 'Kvar efter betalningen'],
          ['{nr}', '{forfallodag}', '{belopp}', '{kvar}'],
          'rader',
          ['Summa', '', '{summa}', ''],
          [1400, 2600, 2400, 2250],
          [2, 3],
        ) +
        p(''),
    ),
    when(
      'underskrift',
      p('{part}', { bold: true }) +
        p('{#rader}') +
        p('') +
        p('______________________________') +
        p('{rad}') +
        p('{/rader}'),
    ),
    p('{/avsnitt}'),
  ].join('');
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
    `<w:document xmlns:w="${W}" xmlns:r="${R}"><w:body>${body}` +
    `<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader"/><w:footerReference w:type="default" r:id="rIdFooter"/>` +
    `<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1700" w:right="1134" w:bottom="1418" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>` +
    `</w:body></w:document>`
  );
}

const headerXml = (): string =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr xmlns:w="${W}" xmlns:r="${R}">` +
  p('{namnd}', { bold: true }) +
  p('Socialförvaltningen, enheten mot felaktiga utbetalningar') +
  `</w:hdr>`;

const footerXml = (): string =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr xmlns:w="${W}" xmlns:r="${R}">` +
  p('{namnd} · Handläggare {handlaggare} · Ärende {arendenummer}', { size: 16 }) +
  `</w:ftr>`;

const style = (id: string, name: string, inner: string, basedOn = 'Normal'): string =>
  `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="${name}"/><w:basedOn w:val="${basedOn}"/><w:next w:val="Normal"/><w:qFormat/>${inner}</w:style>`;

const stylesXml = (): string =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="${W}">` +
  `<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="DejaVu Sans" w:hAnsi="DejaVu Sans" w:cs="DejaVu Sans"/>` +
  `<w:sz w:val="20"/><w:lang w:val="sv-SE" w:eastAsia="sv-SE" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>` +
  `<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>` +
  `<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>` +
  style(
    'Title',
    'Title',
    '<w:pPr><w:spacing w:before="240" w:after="240"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="34"/></w:rPr>',
  ) +
  style(
    'Heading2',
    'heading 2',
    '<w:pPr><w:keepNext/><w:spacing w:before="240" w:after="80"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:sz w:val="25"/></w:rPr>',
  ) +
  style(
    'ListBullet',
    'List Bullet',
    '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:ind w:left="360" w:hanging="360"/></w:pPr>',
  ) +
  `<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders>` +
  ['top', 'left', 'bottom', 'right', 'insideH', 'insideV']
    .map((side) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="999999"/>`)
    .join('') +
  `</w:tblBorders><w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr>` +
  `<w:rPr><w:sz w:val="17"/></w:rPr></w:style>` +
  `</w:styles>`;

const numberingXml = (): string =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="${W}">` +
  `<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/>` +
  `<w:numFmt w:val="bullet"/><w:lvlText w:val="•"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>` +
  `<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`;

const settingsXml = (): string =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:settings xmlns:w="${W}"><w:themeFontLang w:val="sv-SE"/></w:settings>`;

const contentTypesXml = (): string =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
  `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
  `<Default Extension="xml" ContentType="application/xml"/>` +
  `<Default Extension="png" ContentType="image/png"/>` +
  `<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
  `<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
  `<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>` +
  `<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>` +
  `<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>` +
  `<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>` +
  `<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
  `</Types>`;

const rootRels = (): string =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
  `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
  `</Relationships>`;

const documentRels = (): string =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  `<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
  `<Relationship Id="rIdNumbering" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>` +
  `<Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>` +
  `<Relationship Id="rIdHeader" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>` +
  `<Relationship Id="rIdFooter" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>` +
  `</Relationships>`;

const coreXml = (title: string): string =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
  `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">` +
  `<dc:title>${esc(title)}</dc:title><dc:language>sv-SE</dc:language><dc:creator>FUT-ärendetjänsten</dc:creator>` +
  `</cp:coreProperties>`;

/** Every file of a DOCX package carries this date, so the same parts make the same bytes. */
export const FIXED_ZIP_DATE = new Date(Date.UTC(2000, 0, 1));

/** The default template of a document type, as bytes (the same each time). */
export function defaultTemplate(type: DocumentType): Buffer {
  const zip = new PizZip();
  const parts: Array<[string, string]> = [
    ['[Content_Types].xml', contentTypesXml()],
    ['_rels/.rels', rootRels()],
    ['docProps/core.xml', coreXml(DOCUMENT_TYPES[type])],
    ['word/document.xml', documentXml()],
    ['word/_rels/document.xml.rels', documentRels()],
    ['word/styles.xml', stylesXml()],
    ['word/numbering.xml', numberingXml()],
    ['word/settings.xml', settingsXml()],
    ['word/header1.xml', headerXml()],
    ['word/footer1.xml', footerXml()],
  ];
  for (const [name, xml] of parts) zip.file(name, xml, { date: FIXED_ZIP_DATE });
  return zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' }) as Buffer;
}
