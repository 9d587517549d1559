import { GENDER_COLOURS, PIE_COLOURS, pieSlices } from './charts';
import type { Chart } from './report-model';

/**
 * A chart as SVG: inline in the HTML report (printable without scripts), and
 * rasterised to PNG for the DOCX. One drawing for both, so the editable
 * version shows what the HTML shows.
 */
export const escapeXml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** Width of a label in pixels at 12 px, roughly (DejaVu Sans and Arial average about 7 px a character). */
const labelWidthOf = (labels: string[]): number => Math.max(60, ...labels.map((l) => Math.ceil(l.length * 7)));

export interface SvgChart {
  width: number;
  height: number;
  /** The <svg> element, standalone (with its namespace). */
  svg: string;
}

/** A horizontal bar chart. */
function bars(c: Chart, font: string): SvgChart {
  const max = Math.max(1, ...c.bars.map((b) => b.value));
  const labelWidth = labelWidthOf(c.bars.map((b) => b.label));
  const barArea = 360;
  const rowHeight = 22;
  const height = c.bars.length * rowHeight + 8;
  const body = c.bars
    .map((b, i) => {
      const w = Math.round((b.value / max) * barArea);
      const y = i * rowHeight + 4;
      return `<text x="${labelWidth - 6}" y="${y + 14}" text-anchor="end">${escapeXml(b.label)}</text>
<rect x="${labelWidth}" y="${y}" width="${w}" height="16" fill="#1f5f8b"/>
<text x="${labelWidth + w + 6}" y="${y + 13}">${escapeXml(b.display)}</text>`;
    })
    .join('\n');
  return svg(c, labelWidth + barArea + 130, height, body, 'bars', font);
}

/** Two bars per district: kvinna and man. */
function genderBars(c: Chart, font: string): SvgChart {
  const max = Math.max(1, ...c.bars.flatMap((b) => b.values ?? [b.value]));
  const labelWidth = labelWidthOf(c.bars.map((b) => b.label));
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
      return `<text x="${labelWidth - 6}" y="${y + 15}" text-anchor="end">${escapeXml(b.label)}</text>${pair}`;
    })
    .join('\n');
  return svg(c, labelWidth + barArea + 60, 20 + c.bars.length * rowHeight + 4, legend + body, 'gender', font);
}

/** Orsak till FUT as a donut with a legend of shares, as published. */
function pie(c: Chart, font: string): SvgChart {
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
        `<rect x="${2 * r + 30}" y="${k * 20 + 4}" width="12" height="12" fill="${PIE_COLOURS[s.index]}"/><text x="${2 * r + 48}" y="${k * 20 + 15}">${escapeXml(s.label)}: ${s.share}\u00a0%</text>`,
    )
    .join('');
  const hole = `<circle cx="${r}" cy="${r}" r="${r * 0.45}" fill="white"/>`;
  return svg(c, 2 * r + 360, Math.max(2 * r, slices.length * 20 + 8), wedges + hole + legend, 'pie', font);
}

function svg(c: Chart, width: number, height: number, body: string, kind: string, font: string): SvgChart {
  const label = c.description ?? c.title;
  return {
    width,
    height,
    svg: `<svg xmlns="http://www.w3.org/2000/svg" class="${kind}" role="img" aria-label="${escapeXml(label)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-size="12" font-family="${font}">${body}</svg>`,
  };
}

/** The chart's drawing in the given font family ("Arial, sans-serif" on a page, "DejaVu Sans" for the PNG). */
export function chartSvg(c: Chart, font = 'Arial, sans-serif'): SvgChart {
  return c.kind === 'pie' ? pie(c, font) : c.kind === 'gender' ? genderBars(c, font) : bars(c, font);
}
