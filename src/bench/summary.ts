/* eslint-disable no-console -- a benchmark prints its figures */
import type { ProjectionFigures } from './projection-bench';
import { ENDPOINTS, type SizeResult } from './read-bench';

/** A row of the summary: a cell per store size ('–' where not measured), the target, and whether every cell meets it. */
interface Row {
  path: string;
  cells: string[];
  target: string;
  met: boolean;
}

const PATH = 46;
const CELL = 20;

/**
 * One table at the end of `npm run bench`, in the shape of the issue's: each
 * figure per store size with its ratio (to the smallest store, or to the raw
 * ceiling it is measured against), the target, and whether it is met at every size.
 */
export function printSummary(reads: SizeResult[], projection: ProjectionFigures): void {
  const rows: Row[] = [];
  const each = (figure: (r: SizeResult) => string): string[] => reads.map(figure);
  const smallest = reads[0];

  for (const e of ENDPOINTS) {
    if (!e.summary) continue;
    const { label, underMs, growthAtMost } = e.summary;
    const at = (r: SizeResult): number => r.reads.get(e.name) ?? NaN;
    const growth = (r: SizeResult): number => at(r) / at(smallest);
    rows.push({
      path: label,
      cells: each((r) => `${at(r).toFixed(1)} ms ${growth(r).toFixed(2)}x`),
      target: growthAtMost ? `< ${underMs} ms, ≤ ${growthAtMost}x` : `< ${underMs} ms`,
      met: reads.every((r) => at(r) < underMs && (!growthAtMost || growth(r) <= growthAtMost)),
    });
  }
  rows.push({
    path: 'longest stall, reports',
    cells: each((r) => `${r.reportStallMs.toFixed(0)} ms`),
    target: '≤ 50 ms',
    met: reads.every((r) => r.reportStallMs <= 50),
  });
  rows.push({
    path: 'longest stall, catch-up',
    cells: each((r) => `${r.catchUpStallMs.toFixed(0)} ms`),
    target: '≤ 50 ms',
    met: reads.every((r) => r.catchUpStallMs <= 50),
  });
  rows.push({
    path: 'cold catch-up s / CLI rebuild s',
    cells: each(
      (r) =>
        `${r.catchUpSeconds.toFixed(1)}/${r.cliRebuildSeconds.toFixed(1)} ${ratio(r.catchUpSeconds, r.cliRebuildSeconds)}`,
    ),
    target: 'catch-up ≤ CLI',
    met: reads.every((r) => r.catchUpSeconds <= r.cliRebuildSeconds),
  });
  // Measured once, at the projection benchmark's size: in that size's column, or the last one saying the size.
  const rebuildShare = (100 * projection.rebuildPerSecond) / projection.rawScanPerSecond;
  const column = reads.findIndex((r) => r.cases === projection.cases);
  rows.push({
    path: 'rebuild / raw scan',
    cells: reads.map((_, i) =>
      i === (column >= 0 ? column : reads.length - 1)
        ? `${rebuildShare.toFixed(0)} %${column >= 0 ? '' : ` at ${size(projection.cases)}`}`
        : '–',
    ),
    target: '≥ 50 %',
    met: rebuildShare >= 50,
  });
  const commands = (label: string, kind: 'create' | 'step', atLeast: number): Row => {
    const share = (r: SizeResult): number => (100 * r.commands[kind].perSecond) / r.commands.rawPerSecond;
    return {
      path: label,
      cells: each((r) => `${r.commands[kind].perSecond.toFixed(0)}/s ${share(r).toFixed(0)} %`),
      target: `≥ ${atLeast} %`,
      met: reads.every((r) => share(r) >= atLeast),
    };
  };
  rows.push(commands('HTTP creates at 32 concurrent / raw durable', 'create', 50));
  rows.push(commands('HTTP steps at 32 concurrent / raw durable', 'step', 100));

  console.log('\nSummary (medians; ratio to the smallest store, to the CLI, or to raw durable transactions)');
  console.log(
    `${'path'.padEnd(PATH)}${reads.map((r) => size(r.cases).padStart(CELL)).join('')}${'target'.padStart(18)}${'met?'.padStart(6)}`,
  );
  for (const row of rows) {
    console.log(
      `${row.path.padEnd(PATH)}${row.cells.map((c) => c.padStart(CELL)).join('')}${row.target.padStart(18)}${(row.met ? 'yes' : 'NO').padStart(6)}`,
    );
  }
}

const size = (cases: number): string => `${(cases / 1000).toLocaleString('en')}k`;
const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}x`;
