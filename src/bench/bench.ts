/* eslint-disable no-console -- a benchmark prints its figures */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NewEvent } from '../event-store/event-store.port';
import { SqliteEventStore } from '../event-store/sqlite-event-store';
import { openDatabase } from '../common/sqlite';
import { projectionBench } from './projection-bench';
import { httpBench } from './http-bench';
import { memoryBench } from './memory-bench';
import { readBench } from './read-bench';
import { interleaved, median } from './rounds';
import { printSummary } from './summary';

/**
 * `npm run bench`: the embedded adapter against raw better-sqlite3 doing the
 * same work (same schema, same pragmas, same JSON) in the same run. Figures
 * only; no test depends on them.
 */

/** `npm run bench -- --quick`: CI-sized stores and short rounds, to see that every section runs. */
const QUICK = process.argv.includes('--quick');
/** `npm run bench -- --http`: only the HTTP command path (a few minutes less per run when comparing builds). */
const HTTP_ONLY = process.argv.includes('--http');
/** `npm run bench -- --memory`: only the service's memory under a long mixed load (see memory-bench.ts). */
const MEMORY_ONLY = process.argv.includes('--memory');
const HTTP_SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? (QUICK ? 0.3 : 2));
const SINGLE_APPENDS = Number(process.env.BENCH_SINGLE ?? (QUICK ? 300 : 3000));
// 50,000 batched events a round: ten interleaved runs of them stay within half a minute.
const BATCH_EVENTS = Number(process.env.BENCH_BATCHED ?? (QUICK ? 10_000 : 50_000));
const BATCH_SIZE = 100;
/** Odd, so that a median is one of the rounds. */
const ROUNDS = 5;

const RAW_SCHEMA = `
CREATE TABLE events (
  global_position INTEGER PRIMARY KEY AUTOINCREMENT, stream_id TEXT NOT NULL, stream_revision INTEGER NOT NULL,
  event_id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, schema_version INTEGER NOT NULL, data TEXT NOT NULL,
  metadata TEXT NOT NULL, occurred_on TEXT NOT NULL, recorded_at TEXT NOT NULL, UNIQUE (stream_id, stream_revision));
CREATE TABLE streams (stream_id TEXT PRIMARY KEY, revision INTEGER NOT NULL) WITHOUT ROWID;`;

function sampleEvent(i: number): NewEvent {
  return {
    id: randomUUID(),
    type: 'RepaymentReceived',
    schemaVersion: 1,
    data: { receivedOn: '2018-05-31', amountOre: 150_000 + i, kind: 'claim', note: 'Avbetalning enligt plan' },
    metadata: {
      occurredOn: '2018-05-31',
      recordedAt: '2018-06-01T08:15:00.000Z',
      recordedBy: 'utredare-hv-1',
      correlationId: randomUUID(),
      causationId: null,
    },
  };
}

/** Raw better-sqlite3: the same transaction the adapter runs, without the adapter. */
class RawStore {
  readonly db: Database.Database;
  private readonly revision;
  private readonly insert;
  private readonly upsert;
  private readonly select;
  private readonly byId;
  readonly append: (streamId: string, events: NewEvent[], expected: number | 'no-stream') => void;

  constructor(path: string) {
    this.db = openDatabase(path);
    this.db.exec(RAW_SCHEMA);
    this.revision = this.db.prepare<[string], { revision: number }>('SELECT revision FROM streams WHERE stream_id = ?');
    this.byId = this.db.prepare('SELECT global_position FROM events WHERE event_id = ?');
    this.insert = this.db.prepare(
      'INSERT INTO events (stream_id, stream_revision, event_id, type, schema_version, data, metadata, occurred_on, recorded_at) VALUES (?,?,?,?,?,?,?,?,?)',
    );
    this.upsert = this.db.prepare(
      'INSERT INTO streams (stream_id, revision) VALUES (?, ?) ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision',
    );
    this.select = this.db.prepare(
      'SELECT event_id, type, schema_version, data, metadata, stream_id, stream_revision, global_position FROM events WHERE global_position > ? ORDER BY global_position LIMIT ?',
    );
    const tx = this.db.transaction((streamId: string, events: NewEvent[], expected: number | 'no-stream') => {
      this.byId.get(events[0].id);
      const row = this.revision.get(streamId);
      const actual = row ? row.revision : 'no-stream';
      if (actual !== expected) throw new Error('conflict');
      let rev = row ? row.revision : -1;
      for (const e of events) {
        rev++;
        this.insert.run(
          streamId,
          rev,
          e.id,
          e.type,
          e.schemaVersion,
          JSON.stringify(e.data),
          JSON.stringify(e.metadata),
          e.metadata.occurredOn,
          e.metadata.recordedAt,
        );
      }
      this.upsert.run(streamId, rev);
    });
    this.append = (s, e, x) => tx.immediate(s, e, x);
  }

  readAll(after: number, limit: number): number {
    const rows = this.select.all(after, limit) as Array<{ data: string; metadata: string; global_position: number }>;
    for (const r of rows) {
      JSON.parse(r.data);
      JSON.parse(r.metadata);
    }
    return rows.length === 0 ? -1 : rows[rows.length - 1].global_position;
  }
}

interface Figure {
  name: string;
  adapter: number;
  raw: number;
}

/** Raw and adapter in turn (A B A B ...); each figure is the median of its rounds' rates. */
async function compare(
  name: string,
  raw: () => number | Promise<number>,
  adapter: () => Promise<number>,
): Promise<Figure> {
  const rates = await interleaved(ROUNDS, { raw, adapter });
  return { name, raw: median(rates.raw), adapter: median(rates.adapter) };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'fut-bench-'));
  const figures: Figure[] = [];
  let round = 0;
  const fresh = (): { adapter: SqliteEventStore; raw: RawStore } => {
    round++;
    return { adapter: new SqliteEventStore(join(dir, `a${round}.db`)), raw: new RawStore(join(dir, `r${round}.db`)) };
  };
  try {
    if (HTTP_ONLY) {
      await httpBench(dir, HTTP_SECONDS);
      return;
    }
    if (MEMORY_ONLY) {
      await memoryBench();
      return;
    }
    const singleEvents = Array.from({ length: SINGLE_APPENDS }, (_, i) => sampleEvent(i));
    const batchedEvents = Array.from({ length: BATCH_EVENTS }, (_, i) => sampleEvent(i));
    const streams = 50;

    // 1. Durable single-event appends, each its own fsynced transaction, spread over 50 streams.
    const single = await compare(
      'durable single-event appends/s',
      () => {
        const { raw, adapter } = fresh();
        void adapter.close();
        const revs = new Map<string, number>();
        singleEvents.forEach((e, i) => {
          const s = `case-${i % streams}`;
          const rev = revs.get(s);
          raw.append(s, [{ ...e, id: randomUUID() }], rev === undefined ? 'no-stream' : rev);
          revs.set(s, (rev ?? -1) + 1);
        });
        raw.db.close();
        return singleEvents.length;
      },
      async () => {
        const { raw, adapter } = fresh();
        raw.db.close();
        const revs = new Map<string, number>();
        for (let i = 0; i < singleEvents.length; i++) {
          const s = `case-${i % streams}`;
          const rev = revs.get(s);
          await adapter.append(s, [{ ...singleEvents[i], id: randomUUID() }], rev === undefined ? 'no-stream' : rev);
          revs.set(s, (rev ?? -1) + 1);
        }
        await adapter.close();
        return singleEvents.length;
      },
    );
    figures.push(single);

    // 2. Batched appends: 100 events per append.
    // The stores of the last round are read in section 3.
    let readRaw: RawStore | undefined;
    let readAdapter: SqliteEventStore | undefined;
    const batched = await compare(
      `batched appends (${BATCH_SIZE}/append) events/s`,
      () => {
        const { raw, adapter } = fresh();
        void adapter.close();
        for (let i = 0; i < batchedEvents.length; i += BATCH_SIZE) {
          raw.append(`case-${i / BATCH_SIZE}`, batchedEvents.slice(i, i + BATCH_SIZE), 'no-stream');
        }
        readRaw?.db.close();
        readRaw = raw;
        return batchedEvents.length;
      },
      async () => {
        const { raw, adapter } = fresh();
        raw.db.close();
        for (let i = 0; i < batchedEvents.length; i += BATCH_SIZE) {
          await adapter.append(`case-${i / BATCH_SIZE}`, batchedEvents.slice(i, i + BATCH_SIZE), 'no-stream');
        }
        await readAdapter?.close();
        readAdapter = adapter;
        return batchedEvents.length;
      },
    );
    figures.push(batched);

    // 3. readAll over the whole log in pages of 1000, parsing data and metadata.
    const reads = await compare(
      'readAll events/s',
      () => {
        let after = 0;
        let n = 0;
        for (;;) {
          const last = readRaw!.readAll(after, 1000);
          if (last < 0) break;
          n += Math.min(1000, last - after);
          after = last;
        }
        return n;
      },
      async () => {
        let after = 0;
        let n = 0;
        for (;;) {
          const page = await readAdapter!.readAll(after, 1000);
          if (page.length === 0) break;
          n += page.length;
          after = page[page.length - 1].position;
        }
        return n;
      },
    );
    figures.push(reads);
    readRaw?.db.close();
    await readAdapter?.close();

    console.log(
      `\nEmbedded event store vs raw better-sqlite3 (medians of ${ROUNDS} interleaved rounds, raw then adapter; WAL, synchronous=FULL; Node ${process.version})`,
    );
    console.log(`${'figure'.padEnd(42)}${'adapter'.padStart(14)}${'raw'.padStart(14)}${'ratio'.padStart(9)}`);
    for (const f of figures) {
      console.log(
        `${f.name.padEnd(42)}${Math.round(f.adapter).toLocaleString('en').padStart(14)}${Math.round(f.raw).toLocaleString('en').padStart(14)}${`${((100 * f.adapter) / f.raw).toFixed(0)}%`.padStart(9)}`,
      );
    }
    await httpBench(dir, HTTP_SECONDS);
    const projection = await projectionBench(dir, Number(process.env.BENCH_CASES ?? (QUICK ? 5000 : 100_000)));
    const sizes = await readBench(dir, QUICK ? [500, 2000] : [1000, 10_000, 100_000], {
      rounds: QUICK ? 3 : 5,
      commandSeconds: QUICK ? 0.3 : 1,
    });
    printSummary(sizes, projection);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
