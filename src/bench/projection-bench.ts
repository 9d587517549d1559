/* eslint-disable no-console -- a benchmark prints its figures */
import { join } from 'node:path';
import { DistrictRegister } from '../districts/district-register';
import { SqliteEventStore } from '../event-store/sqlite-event-store';
import { openDatabase } from '../common/sqlite';
import { CaseListProjection } from '../cases/read-models/case-list.projection';
import { ProjectionRunner } from '../projections/projection-runner';
import { WalCheckpointer } from '../infrastructure/wal-checkpointer';
import { AnnualStatisticsQuery } from '../statistics/annual-statistics';
import { StatisticsProjection } from '../statistics/statistics.projection';
import { buildReport } from '../statistics/report/report-model';
import { renderHtml } from '../statistics/report/report-html';
import { renderPdf } from '../statistics/report/report-pdf';
import { syntheticHistory } from './history';
import { median } from './rounds';
import { screenBench } from './screen-bench';

const silent = { info: () => undefined, error: () => undefined };

function seconds(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1e9;
}

const PROJECTION_ROUNDS = 3;

export interface ProjectionFigures {
  cases: number;
  events: number;
  /** Events per second, medians of interleaved rounds. */
  rebuildPerSecond: number;
  rawScanPerSecond: number;
}

/** Projection rebuild over a generated history, beside a raw scan of the same events, and query times at that size. */
export async function projectionBench(dir: string, cases: number): Promise<ProjectionFigures> {
  const store = new SqliteEventStore(join(dir, 'history.db'));
  const started = process.hrtime.bigint();
  // Generation is setup, not measured: write it in large transactions straight into the store's schema.
  const raw = openDatabase(join(dir, 'history.db'), 'NORMAL');
  const insert = raw.prepare(
    'INSERT INTO events (stream_id, stream_revision, event_id, type, schema_version, data, metadata, occurred_on, recorded_at) VALUES (?,?,?,?,?,?,?,?,?)',
  );
  const stream = raw.prepare('INSERT INTO streams (stream_id, revision) VALUES (?, ?)');
  let batch: Array<{
    streamId: string;
    events: ReturnType<typeof syntheticHistory> extends Generator<infer T>
      ? T extends { events: infer E }
        ? E
        : never
      : never;
  }> = [];
  const flush = raw.transaction(() => {
    for (const c of batch) {
      c.events.forEach((e, i) =>
        insert.run(
          c.streamId,
          i,
          e.id,
          e.type,
          e.schemaVersion,
          JSON.stringify(e.data),
          JSON.stringify(e.metadata),
          e.metadata.occurredOn,
          e.metadata.recordedAt,
        ),
      );
      stream.run(c.streamId, c.events.length - 1);
    }
  });
  for (const c of syntheticHistory(cases)) {
    batch.push(c);
    if (batch.length === 5000) {
      flush();
      batch = [];
    }
  }
  flush();
  const total = (raw.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
  console.log(
    `\nGenerated ${cases.toLocaleString('en')} cases, ${total.toLocaleString('en')} events in ${seconds(started).toFixed(1)} s`,
  );

  // Raw scan: the same rows in the same order, the columns the projections use read and JSON parsed, nothing applied.
  const scanAll = raw.prepare(
    'SELECT type, data, metadata, stream_id, stream_revision, global_position FROM events ORDER BY global_position',
  );
  const rawScan = (): number => {
    let scanned = 0;
    for (const row of scanAll.iterate() as Iterable<{ data: string; metadata: string }>) {
      JSON.parse(row.data);
      JSON.parse(row.metadata);
      scanned++;
    }
    return scanned;
  };

  const db = openDatabase(join(dir, 'read-models.db'), 'NORMAL');
  // As in the service: WAL checkpoints in a worker, the runner waiting for them when the WAL is long.
  const checkpoints = WalCheckpointer.start(db, silent);
  const runner = new ProjectionRunner(store, db, silent, () => checkpoints?.beforeWrite());
  // The generated history has no personnummer to index.
  runner.register(new CaseListProjection(() => null));
  runner.register(new StatisticsProjection());
  // Scan and rebuild in turn (A B A B A B), medians. A rebuild of more than 20 s makes one round
  // of each enough, so that the full run stays within minutes while rebuilds are that slow.
  const scans: number[] = [];
  const rebuilds: number[] = [];
  for (let round = 0; round < PROJECTION_ROUNDS; round++) {
    let t = process.hrtime.bigint();
    const scanned = rawScan();
    scans.push(scanned / seconds(t));
    t = process.hrtime.bigint();
    await runner.rebuild();
    const took = seconds(t);
    rebuilds.push(total / took);
    if (round === 0 && took > 20) break;
  }
  raw.close();
  const rawRate = median(scans);
  const rebuildRate = median(rebuilds);
  const rebuildSeconds = total / rebuildRate;

  const query = new AnnualStatisticsQuery(db, DistrictRegister.default());
  const timeIt = (f: () => unknown): number => {
    const s = process.hrtime.bigint();
    f();
    return seconds(s) * 1000;
  };
  const annualCold = timeIt(() => query.run(2018, null));
  const annualRuns = [1, 2, 3].map(() => timeIt(() => query.run(2018, null)));
  const knownAt = timeIt(() => query.run(2017, '2018-01-15'));
  const stats = query.run(2018, null);
  const trend = [2014, 2015, 2016, 2017, 2018].map((year) => ({ year, ...query.run(year, null).total }));
  const htmlMs = timeIt(() => renderHtml(buildReport(stats, trend)));
  let s = process.hrtime.bigint();
  await renderPdf(buildReport(stats, trend));
  const pdfMs = seconds(s) * 1000;
  s = process.hrtime.bigint();
  for (const year of [2014, 2015, 2016, 2017, 2018]) query.run(year, null);
  const fiveYearsMs = seconds(s) * 1000;

  console.log(
    `Projection rebuild vs raw SQLite scan of the same ${total.toLocaleString('en')} events (case-list + statistics read models; medians of ${rebuilds.length} interleaved rounds)`,
  );
  console.log(`${'figure'.padEnd(42)}${'events/s'.padStart(14)}`);
  console.log(
    `${'projection rebuild'.padEnd(42)}${Math.round(rebuildRate).toLocaleString('en').padStart(14)}   (${rebuildSeconds.toFixed(1)} s)`,
  );
  console.log(`${'raw scan (read + JSON.parse)'.padEnd(42)}${Math.round(rawRate).toLocaleString('en').padStart(14)}`);
  console.log(
    `${'ratio rebuild / raw scan'.padEnd(42)}${`${((100 * rebuildRate) / rawRate).toFixed(0)}%`.padStart(14)}`,
  );
  console.log(
    `Annual statistics 2018 at ${cases.toLocaleString('en')} cases: first ${annualCold.toFixed(0)} ms, then ${annualRuns.map((m) => m.toFixed(0)).join(' / ')} ms (no cache); 2017 with knownAt ${knownAt.toFixed(0)} ms`,
  );
  console.log(
    `Five annual statistics (the report's series): ${fiveYearsMs.toFixed(0)} ms; report HTML ${htmlMs.toFixed(0)} ms, PDF ${pdfMs.toFixed(0)} ms (from computed statistics)`,
  );
  await screenBench(db, DistrictRegister.default(), cases);
  await checkpoints?.stop();
  db.close();
  await store.close();
  return { cases, events: total, rebuildPerSecond: rebuildRate, rawScanPerSecond: rawRate };
}
