import { chartSvg, escapeXml as esc } from './charts-svg';
import type { Block, Chart, ReportModel, Run, Section, Table } from './report-model';

function table(t: Table): string {
  const row = (cells: string[], tag: 'td' | 'th', scoped = false) =>
    `<tr>${cells
      .map((c, i) =>
        i === 0 && scoped
          ? `<th scope="row">${esc(c)}</th>`
          : `<${tag}${tag === 'th' && !scoped ? ' scope="col"' : ''}${i > 0 ? ' class="num"' : ''}>${esc(c)}</${tag}>`,
      )
      .join('')}</tr>`;
  return `<table><caption>${esc(t.caption)}</caption><thead>${row(t.head, 'th')}</thead><tbody>${t.rows.map((r) => row(r, 'td', true)).join('')}</tbody><tfoot>${row(t.total, 'th', true)}</tfoot></table>`;
}

function chart(c: Chart): string {
  return `<figure><figcaption>${esc(c.title)}</figcaption>${chartSvg(c).svg.replace(' xmlns="http://www.w3.org/2000/svg"', '')}</figure>`;
}

const runs = (rs: Run[]): string =>
  rs
    .map((r) =>
      typeof r === 'string'
        ? esc(r)
        : `<sup class="note-ref"><a href="#not-${r.note}" id="notref-${r.note}">${r.note}</a></sup>`,
    )
    .join('');

function block(b: Block): string {
  switch (b.kind) {
    case 'paragraph':
      return `<p>${runs(b.runs)}</p>`;
    case 'list': {
      const tag = b.ordered ? 'ol' : 'ul';
      return `<${tag}>${b.items.map((item) => `<li>${runs(item)}</li>`).join('')}</${tag}>`;
    }
    case 'table':
      return table(b.table);
    case 'chart':
      return chart(b.chart);
  }
}

/** The notes a section refers to first, printed at its end. */
function notesOf(s: Section, model: ReportModel, printed: Set<number>): string {
  const numbers = s.blocks.flatMap((b) => (b.kind === 'paragraph' ? b.runs : b.kind === 'list' ? b.items.flat() : []));
  const own = numbers
    .filter((r): r is { note: number } => typeof r !== 'string' && !printed.has(r.note))
    .map((r) => r.note);
  const notes = model.notes.filter((n) => own.includes(n.number));
  notes.forEach((n) => printed.add(n.number));
  return notes.length === 0
    ? ''
    : `<ol class="notes">${notes.map((n) => `<li id="not-${n.number}" value="${n.number}">${esc(n.text)} <a href="#notref-${n.number}" aria-label="Tillbaka till texten">↩</a></li>`).join('')}</ol>`;
}

/**
 * The report as one HTML page: one typeface for text and tables, a cover
 * page, and print rules that keep headings with what follows and tables and
 * charts whole, so a browser prints it much as the PDF is laid out.
 */
export function renderHtml(model: ReportModel): string {
  const printed = new Set<number>();
  const cover = model.cover;
  return `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<title>${esc(model.title)}</title>
<style>
  /* In points, as the PDF: the same sizes make a browser print about as many pages. */
  @page { size: A4; margin: 20mm; }
  body { font-family: 'DejaVu Sans', Verdana, Arial, sans-serif; font-size: 10pt; max-width: 46rem; margin: 2rem auto; color: #111; line-height: 1.3; }
  h1 { font-size: 24pt; margin: 0 0 6pt; } h2 { font-size: 13pt; margin: 16pt 0 6pt; border-bottom: 1px solid #999; } h3 { font-size: 11pt; margin: 12pt 0 6pt; }
  p { margin: 0 0 6pt; } ul, ol { margin: 0 0 6pt; padding-left: 18pt; }
  .cover { margin-bottom: 3rem; } .cover .year { font-size: 20pt; font-weight: bold; color: #1f5f8b; } .cover .office { margin-top: 2rem; } .cover p { margin: 2pt 0; }
  .facts { color: #555; font-size: 9pt; }
  table { border-collapse: collapse; margin: 2pt 0 10pt; width: 100%; font-size: 8.5pt; line-height: 1.2; }
  caption { text-align: left; font-weight: bold; font-size: 10pt; padding-bottom: 3pt; }
  th, td { border-bottom: 0.5pt solid #ccc; padding: 2pt 3pt; text-align: left; vertical-align: top; }
  thead th, tfoot th { font-weight: bold; } tbody th { font-weight: normal; }
  thead th { border-bottom: 0.5pt solid #333; }
  .num { text-align: right; }
  tfoot th { border-bottom: 0.5pt solid #333; }
  figure { margin: 0 0 10pt; } figcaption { font-weight: bold; font-size: 10pt; margin-bottom: 3pt; }
  svg { max-width: 100%; height: auto; }
  sup.note-ref { font-size: 0.7em; } .notes { font-size: 7.5pt; border-top: 0.5pt solid #999; padding-top: 4pt; }
  .issuer { margin-top: 2rem; } .issuer p { margin: 1pt 0; }
  @media print {
    body { margin: 0; max-width: none; }
    .cover { break-after: page; padding-top: 100pt; }
    .cover .office { margin-top: 300pt; }
    h2, h3, caption, figcaption { break-after: avoid; }
    table, figure, li { break-inside: avoid; }
    p { orphans: 3; widows: 3; }
  }
</style>
</head>
<body>
<header class="cover">
<h1>${esc(cover.heading)}</h1>
<p class="year">${cover.year}${cover.district ? ` – ${esc(cover.district)}` : ''}</p>
<div class="office">${cover.office.map((l) => `<p>${esc(l)}</p>`).join('')}</div>
${cover.registrationNumber ? `<p>Dnr ${esc(cover.registrationNumber)}</p>` : ''}
<p>${esc(cover.date)}</p>
<div class="facts">${cover.facts.map((l) => `<p class="subtitle">${esc(l)}</p>`).join('')}</div>
</header>
${model.sections
  .map((s) => {
    const tag = s.level === 3 ? 'h3' : 'h2';
    return `<section><${tag}>${esc(s.title)}</${tag}>
${s.blocks.map(block).join('\n')}
${notesOf(s, model, printed)}</section>`;
  })
  .join('\n')}
${model.issuer.length > 0 ? `<footer class="issuer">${model.issuer.map((l) => `<p>${esc(l)}</p>`).join('')}</footer>` : ''}
</body>
</html>
`;
}
