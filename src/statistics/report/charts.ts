import type { Bar } from './report-model';
import { largestRemainder } from './report-model';

/** Colours that stay apart for common colour-vision deficiencies (Okabe-Ito), in the order of the slices. */
export const PIE_COLOURS = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#999999', '#f0e442'];
/** Kvinna, man. */
export const GENDER_COLOURS = ['#cc79a7', '#0072b2'];

export interface PieSlice {
  /** Index of the bar, for its colour. */
  index: number;
  label: string;
  value: number;
  /** Whole percent, adding up to 100 over the slices. */
  share: number;
  /** The only slice: a full circle rather than a path. */
  whole: boolean;
  /** SVG path data of the wedge around (cx, cy). */
  path(cx: number, cy: number, r: number): string;
}

const round = (n: number): number => Math.round(n * 100) / 100;

/** The non-empty slices of a pie, clockwise from twelve o'clock. */
export function pieSlices(bars: Bar[]): PieSlice[] {
  const total = bars.reduce((a, b) => a + b.value, 0);
  const shares = largestRemainder(bars.map((b) => b.value));
  const nonEmpty = bars.map((b, index) => ({ b, index })).filter(({ b }) => b.value > 0);
  let start = 0;
  return nonEmpty.map(({ b, index }) => {
    const from = start;
    const to = start + b.value / total;
    start = to;
    const point = (cx: number, cy: number, r: number, t: number): string =>
      `${round(cx + r * Math.sin(2 * Math.PI * t))} ${round(cy - r * Math.cos(2 * Math.PI * t))}`;
    return {
      index,
      label: b.label,
      value: b.value,
      share: shares[index],
      whole: nonEmpty.length === 1,
      path: (cx, cy, r) =>
        `M ${cx} ${cy} L ${point(cx, cy, r, from)} A ${r} ${r} 0 ${to - from > 0.5 ? 1 : 0} 1 ${point(cx, cy, r, to)} Z`,
    };
  });
}
