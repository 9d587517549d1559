import { GENDER_COLOURS, PIE_COLOURS, pieSlices } from './charts';
import type { Chart, ReportModel, Table } from './report-model';

const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

function table(t: Table): string {
  const row = (cells: string[], tag: 'td' | 'th') =>
    `<tr>${cells.map((c, i) => `<${tag}${i > 0 ? ' class="num"' : ''}>${esc(c)}</${tag}>`).join('')}</tr>`;
  return `<table><caption>${esc(t.caption)}</caption><thead>${row(t.head, 'th')}</thead><tbody>${t.rows.map((r) => row(r, 'td')).join('')}</tbody><tfoot>${row(t.total, 'th')}</tfoot></table>`;
}

/** A horizontal bar chart as inline SVG, so the page prints without scripts or images. */
function bars(c: Chart): string {
  const max = Math.max(1, ...c.bars.map((b) => b.value));
  const labelWidth = Math.max(60, ...c.bars.map((b) => b.label.length * 7));
  const barArea = 360;
  const rowHeight = 22;
  const height = c.bars.length * rowHeight + 8;
  const body = c.bars
    .map((b, i) => {
      const w = Math.round((b.value / max) * barArea);
      const y = i * rowHeight + 4;
      return `<text x="${labelWidth - 6}" y="${y + 14}" text-anchor="end">${esc(b.label)}</text>
<rect x="${labelWidth}" y="${y}" width="${w}" height="16" fill="#1f5f8b"/>
<text x="${labelWidth + w + 6}" y="${y + 13}">${esc(b.display)}</text>`;
    })
    .join('\n');
  return svg(c, labelWidth + barArea + 130, height, body);
}

/** Two bars per district: kvinna and man. */
function genderBars(c: Chart): string {
  const max = Math.max(1, ...c.bars.flatMap((b) => b.values ?? [b.value]));
  const labelWidth = Math.max(60, ...c.bars.map((b) => b.label.length * 7));
  const barArea = 360;
  const rowHeight = 26;
  const legend = ['Kvinna', 'Man']
    .map(
      (label, k) =>
        `<rect x="${k * 80}" y="0" width="10" height="10" fill="${GENDER_COLOURS[k]}"/><text x="${k * 80 + 14}" y="10">${label}</text>`,
    )
    .join('');
  const body = c.bars
    .map((b, i) => {
      const y = 20 + i * rowHeight;
      const pair = (b.values ?? [])
        .map((v, k) => {
          const w = Math.round((v / max) * barArea);
          return `<rect x="${labelWidth}" y="${y + k * 11}" width="${w}" height="10" fill="${GENDER_COLOURS[k]}"/><text x="${labelWidth + w + 4}" y="${y + k * 11 + 9}" font-size="10">${v}</text>`;
        })
        .join('');
      return `<text x="${labelWidth - 6}" y="${y + 15}" text-anchor="end">${esc(b.label)}</text>${pair}`;
    })
    .join('\n');
  return svg(c, labelWidth + barArea + 60, 20 + c.bars.length * rowHeight + 4, legend + body);
}

/** Orsak till FUT as a donut with a legend of shares, as published. */
function pie(c: Chart): string {
  const r = 90;
  const slices = pieSlices(c.bars);
  const wedges = slices
    .map((s) =>
      s.whole
        ? `<circle cx="${r}" cy="${r}" r="${r}" fill="${PIE_COLOURS[s.index]}"/>`
        : `<path d="${s.path(r, r, r)}" fill="${PIE_COLOURS[s.index]}"/>`,
    )
    .join('');
  const legend = slices
    .map(
      (s, k) =>
        `<rect x="${2 * r + 30}" y="${k * 20 + 4}" width="12" height="12" fill="${PIE_COLOURS[s.index]}"/><text x="${2 * r + 48}" y="${k * 20 + 15}">${esc(s.label)}: ${s.share}\u00a0%</text>`,
    )
    .join('');
  const hole = `<circle cx="${r}" cy="${r}" r="${r * 0.45}" fill="white"/>`;
  return svg(c, 2 * r + 360, Math.max(2 * r, slices.length * 20 + 8), wedges + hole + legend, 'pie');
}

function svg(c: Chart, width: number, height: number, body: string, kind = 'bars'): string {
  const label = c.description ?? c.title;
  return `<figure><figcaption>${esc(c.title)}</figcaption><svg class="${kind}" role="img" aria-label="${esc(label)}" width="${width}" height="${height}" font-size="12" font-family="Arial, sans-serif">${body}</svg></figure>`;
}

function chart(c: Chart): string {
  return c.kind === 'pie' ? pie(c) : c.kind === 'gender' ? genderBars(c) : bars(c);
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
${model.issuer.length > 0 ? `<footer class="issuer">${model.issuer.map((l) => `<p>${esc(l)}</p>`).join('')}</footer>` : ''}
</body>
</html>
`;
}
