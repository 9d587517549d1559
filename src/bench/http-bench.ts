/* eslint-disable no-console -- a benchmark prints its figures */
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../common/sqlite';
import { benchToken, startBenchApp } from './bench-app';
import { median, percentile } from './rounds';

/**
 * The HTTP command path as users meet it (auth, validation, audit, decider,
 * encryption, durable append) at 1, 8, 32 and 64 concurrent clients, beside
 * raw durable single-row SQLite transactions measured in the same run,
 * interleaved (raw, creates, steps; raw, creates, steps ...) and reported as medians.
 */
const LEVELS = [1, 8, 32, 64];
const ROUNDS = 3;

export interface Sample {
  perSecond: number;
  p50: number;
  p99: number;
}

/** Creates and steps at one level of concurrency, and the raw durable rate measured between them. */
export interface CommandFigures {
  concurrency: number;
  create: Sample;
  step: Sample;
  rawPerSecond: number;
}

/** The two commands put under load, as a unit head of Farsta sends them. */
export interface CommandClient {
  create(i: number): Promise<void>;
  step(i: number): Promise<void>;
}

async function load(concurrency: number, seconds: number, request: (i: number) => Promise<void>): Promise<Sample> {
  const latencies: number[] = [];
  const until = performance.now() + seconds * 1000;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const t0 = performance.now();
        await request(next++);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return { perSecond: latencies.length / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

/** Durable single-row transactions on raw better-sqlite3, the ceiling one at a time. */
function rawDurableRate(dir: string, seconds: number): number {
  const db = openDatabase(join(dir, `raw-${Math.random().toString(36).slice(2)}.db`));
  db.exec('CREATE TABLE rows (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO rows (body) VALUES (?)');
  const tx = db.transaction((body: string) => insert.run(body));
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  let n = 0;
  while (performance.now() < until) {
    tx.immediate(JSON.stringify({ n, note: 'Avbetalning enligt plan' }));
    n++;
  }
  const rate = n / ((performance.now() - started) / 1000);
  db.close();
  return rate;
}

/** Case registrations and journal steps through `base`; steps go to 64 cases registered here first. */
export async function commandClient(base: string, token: string): Promise<CommandClient> {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const post = async (path: string, body: object): Promise<{ id?: string }> => {
    const res = await fetch(`${base}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
    if (res.status >= 300) throw new Error(`${path} answered ${res.status}`);
    return (await res.json()) as { id?: string };
  };
  // Steps go to many cases, as in a unit where each investigator works on their own.
  const cases: string[] = [];
  for (let i = 0; i < 64; i++)
    cases.push(
      (
        await post('/api/cases', {
          district: 'farsta',
          receivedOn: '2018-02-01',
          source: 'public',
          subject: { gender: 'man' },
        })
      ).id!,
    );
  return {
    create: async (i) => {
      await post('/api/cases', {
        district: 'farsta',
        receivedOn: '2018-02-01',
        source: 'caseworker',
        subject: { personalIdentityNumber: '19811218-9876', name: `Bench Person ${i % 50}` },
        suspectedPayments: [{ paidOn: '2018-01-25', amount: 1000 + (i % 100) }],
      });
    },
    step: async (i) => {
      await post(`/api/cases/${cases[i % cases.length]}/journal`, {
        notedOn: '2018-02-02',
        kind: 'note',
        text: `Anteckning ${i}`,
      });
    },
  };
}

/** Raw durable transactions, creates and steps in turn, `rounds` rounds of `seconds` each; medians of each. */
export async function commandRounds(
  dir: string,
  client: CommandClient,
  concurrency: number,
  seconds: number,
  rounds = ROUNDS,
): Promise<CommandFigures> {
  const creates: Sample[] = [];
  const steps: Sample[] = [];
  const raws: number[] = [];
  for (let r = 0; r < rounds; r++) {
    raws.push(rawDurableRate(dir, seconds));
    creates.push(await load(concurrency, seconds, client.create));
    steps.push(await load(concurrency, seconds, client.step));
  }
  const medianOf = (samples: Sample[]): Sample => ({
    perSecond: median(samples.map((s) => s.perSecond)),
    p50: median(samples.map((s) => s.p50)),
    p99: median(samples.map((s) => s.p99)),
  });
  return { concurrency, create: medianOf(creates), step: medianOf(steps), rawPerSecond: median(raws) };
}

export async function httpBench(dir: string, seconds: number): Promise<CommandFigures[]> {
  const root = mkdtempSync(join(dir, 'http-'));
  const { app, base } = await startBenchApp(root);
  try {
    const client = await commandClient(base, await benchToken(base, 'bench.utredare', 'unit-head', ['farsta']));
    const figures: CommandFigures[] = [];
    for (const concurrency of LEVELS) figures.push(await commandRounds(root, client, concurrency, seconds));
    console.log(
      `\nHTTP command path (medians of ${ROUNDS} interleaved rounds of ${seconds} s; latencies in ms; raw = durable single-row transactions, one at a time)`,
    );
    console.log(
      `${'concurrent'.padStart(11)}${'create/s'.padStart(10)}${'p50/p99'.padStart(14)}${'step/s'.padStart(10)}${'p50/p99'.padStart(14)}${'raw/s'.padStart(10)}${'create'.padStart(9)}${'step'.padStart(9)}`,
    );
    for (const { concurrency, create: c, step: s, rawPerSecond: raw } of figures) {
      console.log(
        `${String(concurrency).padStart(11)}${c.perSecond.toFixed(0).padStart(10)}${`${c.p50.toFixed(1)}/${c.p99.toFixed(1)}`.padStart(14)}${s.perSecond.toFixed(0).padStart(10)}${`${s.p50.toFixed(1)}/${s.p99.toFixed(1)}`.padStart(14)}${raw.toFixed(0).padStart(10)}${`${((100 * c.perSecond) / raw).toFixed(0)}%`.padStart(9)}${`${((100 * s.perSecond) / raw).toFixed(0)}%`.padStart(9)}`,
      );
    }
    return figures;
  } finally {
    await app.close();
    rmSync(root, { recursive: true, force: true });
  }
}
