import type { Chart, ReportModel, Table } from './report-model';

const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

function table(t: Table): string {
  const row = (cells: string[], tag: 'td' | 'th') =>
    `<tr>${cells.map((c, i) => `<${tag}${i > 0 ? ' class="num"' : ''}>${esc(c)}</${tag}>`).join('')}</tr>`;
  return `<table><caption>${esc(t.caption)}</caption><thead>${row(t.head, 'th')}</thead><tbody>${t.rows.map((r) => row(r, 'td')).join('')}</tbody><tfoot>${row(t.total, 'th')}</tfoot></table>`;
}

/** A horizontal bar chart as inline SVG, so the page prints without scripts or images. */
function chart(c: Chart): string {
  const max = Math.max(1, ...c.bars.map((b) => b.value));
  const labelWidth = Math.max(60, ...c.bars.map((b) => b.label.length * 7));
  const barArea = 360;
  const rowHeight = 22;
  const height = c.bars.length * rowHeight + 8;
  const bars = c.bars
    .map((b, i) => {
      const w = Math.round((b.value / max) * barArea);
      const y = i * rowHeight + 4;
      return `<text x="${labelWidth - 6}" y="${y + 14}" text-anchor="end">${esc(b.label)}</text>
<rect x="${labelWidth}" y="${y}" width="${w}" height="16" fill="#1f5f8b"/>
<text x="${labelWidth + w + 6}" y="${y + 13}">${esc(b.display)}</text>`;
    })
    .join('\n');
  return `<figure><figcaption>${esc(c.title)}</figcaption><svg role="img" aria-label="${esc(c.title)}" width="${labelWidth + barArea + 130}" height="${height}" font-size="12" font-family="Arial, sans-serif">${bars}</svg></figure>`;
}

export function renderHtml(model: ReportModel): string {
  return `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<title>${esc(model.title)}</title>
<style>
  body { font-family: Georgia, 'Times New Roman', serif; max-width: 52rem; margin: 2rem auto; color: #111; line-height: 1.45; }
  h1 { font-size: 1.7rem; } h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #999; }
  .subtitle { color: #555; }
  table { border-collapse: collapse; margin: 1rem 0; min-width: 60%; font-family: Arial, sans-serif; font-size: 0.9rem; }
  caption { text-align: left; font-weight: bold; padding-bottom: 0.3rem; }
  th, td { border-bottom: 1px solid #ccc; padding: 0.2rem 0.6rem; text-align: left; }
  .num { text-align: right; }
  tfoot th { border-top: 2px solid #333; }
  figure { margin: 1rem 0; } figcaption { font-weight: bold; font-family: Arial, sans-serif; font-size: 0.9rem; }
  section { break-inside: avoid-page; }
  @media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } table, figure { break-inside: avoid; } }
</style>
</head>
<body>
<h1>${esc(model.title)}</h1>
<p class="subtitle">${esc(model.subtitle)}</p>
<section><h2>Sammanfattning</h2>${model.summary.map((p) => `<p>${esc(p)}</p>`).join('')}</section>
${model.sections
  .map(
    (s) => `<section><h2>${esc(s.title)}</h2>
${s.paragraphs.map((p) => `<p>${esc(p)}</p>`).join('\n')}
${s.tables.map(table).join('\n')}
${s.charts.map(chart).join('\n')}
</section>`,
  )
  .join('\n')}
</body>
</html>
`;
}
