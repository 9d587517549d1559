/* eslint-disable no-console -- a benchmark prints its figures */
import type { INestApplication } from '@nestjs/common';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { protectCaseEvent } from '../cases/application/case-personal-data';
import type { CaseEvent } from '../cases/steps';
import { DistrictRegister } from '../districts/district-register';
import { EVENT_STORE, type EventData, type EventStore, type NewEvent } from '../event-store/event-store.port';
import { FixedClock } from '../infrastructure/clock';
import { PersonalData } from '../personal-data/personal-data';
import { ProjectionRunner } from '../projections/projection-runner';
import { benchToken, startBenchApp } from './bench-app';
import { syntheticHistory } from './history';
import { type CommandFigures, commandClient, commandRounds } from './http-bench';
import { median, secondsSince } from './rounds';

/**
 * Every read endpoint as users meet it (HTTP, auth, audit, read-your-writes),
 * each timed right after a write, on stores of growing size in the real data
 * shape (personnummer and names encrypted under per-person keys, transfers,
 * reopenings, several claims, recording days spread over the years). Reads of
 * one round run interleaved (A B C ... A B C); each figure is a median.
 */
const ms = (nanos: number): number => nanos / 1e6;

export interface Endpoint {
  name: string;
  path: string;
  /** Who asks: `owner` is an investigator with cases of their own (fut.farsta.1 in Farsta). */
  token: 'investigator' | 'owner' | 'department' | 'unitHead';
  /** In the summary of `npm run bench`: its label there, and the issue's target for a median. */
  summary?: { label: string; underMs: number; growthAtMost?: number };
}

/** Reads: under 20 ms at the median, and at most 1.5 times the figure of the smallest store. */
const READ_TARGET = { underMs: 20, growthAtMost: 1.5 };

export const ENDPOINTS: Endpoint[] = [
  {
    name: 'GET /api/cases (all districts)',
    path: '/api/cases?pageSize=50',
    token: 'investigator',
    summary: { label: 'GET /api/cases (all districts)', ...READ_TARGET },
  },
  { name: 'GET /api/cases?page=20', path: '/api/cases?pageSize=50&page=20', token: 'investigator' },
  {
    // What "Mina ärenden" asks for an investigator: their own open cases.
    name: "GET /api/cases (an investigator's open cases)",
    path: '/api/cases?open=true&investigator=fut.farsta.1&pageSize=25',
    token: 'investigator',
    summary: { label: 'GET /api/cases (Mina ärenden)', ...READ_TARGET },
  },
  {
    // The start page's own list: my open cases, what is due first first.
    name: 'GET /api/my-work/cases',
    path: '/api/my-work/cases',
    token: 'owner',
    summary: { label: 'GET /api/my-work/cases (start page)', ...READ_TARGET },
  },
  {
    name: 'GET /api/my-work/reminders',
    path: '/api/my-work/reminders',
    token: 'owner',
    summary: { label: 'GET /api/my-work/reminders (Mina bevakningar)', ...READ_TARGET },
  },
  {
    name: 'GET /api/queues (city)',
    path: '/api/queues',
    token: 'department',
    summary: { label: 'GET /api/queues (city)', ...READ_TARGET },
  },
  {
    name: 'GET /api/queues?district=farsta',
    path: '/api/queues?district=farsta',
    token: 'unitHead',
    summary: { label: 'GET /api/queues?district=', ...READ_TARGET },
  },
  {
    name: 'GET /api/deadlines (all districts)',
    path: '/api/deadlines',
    token: 'unitHead',
    summary: { label: 'GET /api/deadlines', ...READ_TARGET },
  },
  {
    name: 'GET /api/statistics/annual/2018',
    path: '/api/statistics/annual/2018',
    token: 'department',
    summary: { label: 'annual statistics after a write', ...READ_TARGET },
  },
  {
    name: 'GET annual/2017?knownAt=2018-01-15',
    path: '/api/statistics/annual/2017?knownAt=2018-01-15',
    token: 'department',
  },
  {
    name: 'GET /api/statistics/trend 2014-2018',
    path: '/api/statistics/trend?from=2014&to=2018',
    token: 'department',
    summary: { label: 'five-year trend', ...READ_TARGET },
  },
  {
    name: 'GET report 2018 (PDF)',
    path: '/api/reports/annual/2018?format=pdf',
    token: 'department',
    summary: { label: 'PDF report after a write', underMs: 100 },
  },
];

export interface SizeResult {
  cases: number;
  events: number;
  loadSeconds: number;
  /** Endpoint name -> median ms right after a write. */
  reads: Map<string, number>;
  /** The first PDF report of the freshly started service, ms. */
  firstReportMs: number;
  /** Longest event-loop stall while reports were made after writes. */
  reportStallMs: number;
  /** Slowest answer of /health, polled while reports were made. */
  healthDuringReportsMs: number;
  /** Cold catch-up of every read model from position 0 at start: seconds, and the longest stall meanwhile. */
  catchUpSeconds: number;
  catchUpStallMs: number;
  /** `npm run projections:rebuild` on the same log into empty read models: seconds, process start to exit. */
  cliRebuildSeconds: number;
  /** HTTP creates and steps at 32 concurrent clients on this store, beside raw durable transactions. */
  commands: CommandFigures;
}

export interface ReadBenchOptions {
  /** Measured rounds of every read (odd, for medians); one more warms up first. */
  rounds: number;
  /** Seconds of each round of creates, steps and raw transactions at 32 concurrent. */
  commandSeconds: number;
}

const STALL_RESOLUTION_MS = 5;

/**
 * The longest event-loop stall while `work` runs, in ms. A fresh histogram
 * each time, armed a few ticks before and read a few ticks after: one enabled
 * again after disable() counts the idle time since as one delay (most of the
 * 160-780 ms this bench used to print was the time between two reports), and
 * a new one misses a block before its first tick.
 */
async function longestStall<T>(work: () => Promise<T>): Promise<{ result: T; stallMs: number }> {
  const histogram = monitorEventLoopDelay({ resolution: STALL_RESOLUTION_MS });
  histogram.enable();
  await sleep(3 * STALL_RESOLUTION_MS);
  const result = await work();
  // A block that ends with the work is recorded at the next tick.
  await sleep(3 * STALL_RESOLUTION_MS);
  histogram.disable();
  return { result, stallMs: ms(histogram.max) };
}

/** The slowest /health answer while `work` runs, asked one after another as a load balancer would, only faster. */
async function slowestHealth(base: string, work: () => Promise<unknown>): Promise<number> {
  let done = false;
  let slowest = 0;
  const poll = (async () => {
    while (!done) {
      const t0 = performance.now();
      const res = await fetch(`${base}/health`);
      await res.arrayBuffer();
      slowest = Math.max(slowest, performance.now() - t0);
    }
  })();
  try {
    await work();
  } finally {
    done = true;
    await poll;
  }
  return slowest;
}

const REBUILD_CLI = join(__dirname, '..', 'cli', 'rebuild-projections.js');

/** `npm run projections:rebuild` (without its build step) on the store in `root`: seconds from process start to exit. */
async function cliRebuild(root: string): Promise<number> {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [REBUILD_CLI], {
    // Only what the bench's own service is given, so both find the same store, keys and settings.
    env: { PATH: process.env.PATH ?? '', EVENT_STORE_URL: `sqlite:${join(root, 'events.db')}`, LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`the rebuild CLI exited with ${code}: ${output}`);
  return secondsSince(started);
}

function removeReadModels(root: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(join(root, `read-models.db${suffix}`), { force: true });
}

/** The history's own "today", so deadlines and queues see what a unit saw then. */
const startApp = (root: string) =>
  startBenchApp(root, {
    clock: new FixedClock(new Date('2019-03-01T10:00:00+01:00')),
    env: { CONSISTENCY_TIMEOUT_MS: '600000' },
  });

/** Writes the history through the service's own encryption and store (group commit), not the HTTP path: setup, not measured. */
export async function loadHistory(
  app: INestApplication,
  cases: number,
  onCase?: (caseId: string, district: string) => void,
): Promise<number> {
  const store = app.get<EventStore>(EVENT_STORE);
  const personalData = app.get(PersonalData);
  let pending: Array<Promise<unknown>> = [];
  let events = 0;
  for (const c of syntheticHistory(cases)) {
    const first = c.events[0].data as {
      caseId: string;
      district: string;
      subject: { personalIdentityNumber: string | null };
    };
    onCase?.(first.caseId, first.district);
    const keyId = personalData.keyIdFor(first.subject.personalIdentityNumber);
    const protectedEvents: NewEvent[] = c.events.map((e, i) => {
      const data = protectCaseEvent(personalData, { type: e.type, data: e.data } as CaseEvent, keyId).data as EventData;
      return { ...e, data: i === 0 ? { ...data, dataKeyId: keyId } : data };
    });
    events += protectedEvents.length;
    pending.push(store.append(c.streamId, protectedEvents, 'no-stream'));
    if (pending.length === 500) {
      await Promise.all(pending);
      pending = [];
    }
  }
  await Promise.all(pending);
  return events;
}

export async function readBench(dir: string, sizes: number[], options: ReadBenchOptions): Promise<SizeResult[]> {
  const { rounds } = options;
  const results: SizeResult[] = [];
  const all = DistrictRegister.default().districts.map((d) => d.code);
  for (const cases of sizes) {
    const root = mkdtempSync(join(dir, `reads-${cases}-`));
    try {
      let { app, base } = await startApp(root);
      const loadStarted = process.hrtime.bigint();
      const events = await loadHistory(app, cases);
      await app.get(ProjectionRunner).waitFor(await app.get<EventStore>(EVENT_STORE).headPosition(), 600_000);
      const loadSeconds = secondsSince(loadStarted);
      await app.close();

      // The CLI rebuild and the cold start below replay the same log into empty read models.
      removeReadModels(root);
      const cliRebuildSeconds = await cliRebuild(root);
      removeReadModels(root);

      // Cold start: the read models are rebuilt from the log while the service answers.
      const catchUpStarted = process.hrtime.bigint();
      ({ app, base } = await startApp(root));
      // Stalls count once it listens: before that it keeps no request waiting.
      const catchUp = await longestStall(async () => {
        await app.get(ProjectionRunner).waitFor(await app.get<EventStore>(EVENT_STORE).headPosition(), 600_000);
        return secondsSince(catchUpStarted);
      });

      try {
        const token = (role: string): Promise<string> =>
          benchToken(base, `bench.${role}`, role, role === 'department' ? [] : all);
        const tokens = {
          investigator: await token('investigator'),
          owner: await benchToken(base, 'fut.farsta.1', 'investigator', ['farsta']),
          department: await token('department'),
          unitHead: await token('unit-head'),
        };
        const headers = (t: string) => ({ 'content-type': 'application/json', authorization: `Bearer ${t}` });
        const registered = await fetch(`${base}/api/cases`, {
          method: 'POST',
          headers: headers(tokens.unitHead),
          body: JSON.stringify({
            district: 'farsta',
            receivedOn: '2019-02-20',
            source: 'public',
            subject: { gender: 'man' },
          }),
        });
        const caseId = ((await registered.json()) as { id: string }).id;
        let notes = 0;
        const write = async (): Promise<void> => {
          const res = await fetch(`${base}/api/cases/${caseId}/journal`, {
            method: 'POST',
            headers: headers(tokens.unitHead),
            body: JSON.stringify({ notedOn: '2019-02-28', kind: 'note', text: `Anteckning ${notes++}` }),
          });
          if (res.status >= 300) throw new Error(`journal answered ${res.status}`);
          await res.arrayBuffer();
        };
        /** A write, then the read right after it: the read's ms. */
        const readAfterWrite = async (e: Endpoint): Promise<number> => {
          await write();
          const t0 = process.hrtime.bigint();
          const res = await fetch(`${base}${e.path}`, { headers: headers(tokens[e.token]) });
          await res.arrayBuffer();
          const took = ms(Number(process.hrtime.bigint() - t0));
          if (res.status !== 200) throw new Error(`${e.path} answered ${res.status}`);
          return took;
        };
        const samples = new Map<string, number[]>(ENDPOINTS.map((e) => [e.name, []]));
        const report = ENDPOINTS.find((e) => e.path.includes('/reports/'))!;
        // The first reports of a fresh service are slower while the PDF worker's code is compiled
        // (about 0.7, 0.2, 0.15, 0.1 s, then 50 ms): the first is printed apart, the rest warm up.
        // Its stall counts: no request, the first included, may hold the loop.
        const first = await longestStall(() => readAfterWrite(report));
        const firstReportMs = first.result;
        let reportStallMs = first.stallMs;
        for (let i = 0; i < 5; i++) await readAfterWrite(report);
        // A first round warms caches of the process (fonts, prepared statements); it is not counted.
        for (let round = 0; round <= rounds; round++) {
          for (const e of ENDPOINTS) {
            if (round === 0) {
              await readAfterWrite(e);
            } else if (e.path.includes('/reports/')) {
              // The stall is the report's and its write's: no request may hold the loop.
              const { result, stallMs } = await longestStall(() => readAfterWrite(e));
              samples.get(e.name)!.push(result);
              reportStallMs = Math.max(reportStallMs, stallMs);
            } else {
              samples.get(e.name)!.push(await readAfterWrite(e));
            }
          }
        }
        // Apart from the timed rounds, since the polling itself takes turns of the loop.
        let healthDuringReportsMs = 0;
        for (let round = 0; round < rounds; round++) {
          const slowest = await slowestHealth(base, () => readAfterWrite(report));
          healthDuringReportsMs = Math.max(healthDuringReportsMs, slowest);
        }
        const commands = await commandRounds(
          root,
          await commandClient(base, tokens.unitHead),
          32,
          options.commandSeconds,
        );
        results.push({
          cases,
          events,
          loadSeconds,
          reads: new Map([...samples].map(([name, xs]) => [name, median(xs)])),
          firstReportMs,
          reportStallMs,
          healthDuringReportsMs,
          catchUpSeconds: catchUp.result,
          catchUpStallMs: catchUp.stallMs,
          cliRebuildSeconds,
          commands,
        });
      } finally {
        await app.close();
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }
  print(results, rounds);
  return results;
}

function print(results: SizeResult[], rounds: number): void {
  const sizes = results.map((r) => `${(r.cases / 1000).toLocaleString('en')}k`.padStart(10));
  console.log(
    `\nRead endpoints right after a write (HTTP, medians of ${rounds} interleaved rounds; ms; growth = largest / smallest store)`,
  );
  console.log(`${'path'.padEnd(42)}${sizes.join('')}${'growth'.padStart(9)}`);
  for (const e of ENDPOINTS) {
    const xs = results.map((r) => r.reads.get(e.name)!);
    const growth = xs[xs.length - 1] / xs[0];
    console.log(
      `${e.name.padEnd(42)}${xs.map((x) => x.toFixed(1).padStart(10)).join('')}${`${growth.toFixed(2)}x`.padStart(9)}`,
    );
  }
  const line = (label: string, figure: (r: SizeResult) => string): void =>
    console.log(`${label.padEnd(42)}${results.map((r) => figure(r).padStart(10)).join('')}`);
  line('events in the store', (r) => r.events.toLocaleString('en'));
  line('first PDF report of a fresh service (ms)', (r) => r.firstReportMs.toFixed(0));
  line('longest event-loop stall, reports (ms)', (r) => r.reportStallMs.toFixed(0));
  line('slowest /health during a report (ms)', (r) => r.healthDuringReportsMs.toFixed(0));
  line('cold catch-up at start (s)', (r) => r.catchUpSeconds.toFixed(1));
  line('longest event-loop stall, catch-up (ms)', (r) => r.catchUpStallMs.toFixed(0));
  line('CLI rebuild, process start to exit (s)', (r) => r.cliRebuildSeconds.toFixed(1));
  line('load through encryption + store (s)', (r) => r.loadSeconds.toFixed(1));
}
