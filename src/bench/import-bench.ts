/* eslint-disable no-console -- a benchmark prints its figures */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { hugeCsv, wideXlsx, xlsxBomb } from './hostile-registers';

/**
 * `npm run bench:imports`: the tester's hostile import files, and large files
 * within the limits, each against a fresh service process (dist/main.js).
 * While each import runs, /health is asked every 20 ms and the service's
 * resident memory read every 20 ms; the figures are /health's median and
 * slowest answer and the process's peak RSS (VmHWM). Figures only; no test
 * depends on them. PORT (default 41500) is the port the service listens on.
 */

const MAIN = join(__dirname, '..', 'main.js');
const PORT = Number(process.env.PORT ?? 41500);
const BASE = `http://127.0.0.1:${PORT}`;

interface Scenario {
  name: string;
  /** null: no import (the baseline: /health on the idle service, under the machine's load). */
  file: (() => Buffer) | null;
  fileName: string;
  dryRun: boolean;
  async?: boolean;
  env?: Record<string, string>;
  /** Sends SIGTERM once the import runs, and measures how long the process takes to exit. */
  sigterm?: boolean;
}

const SCENARIOS: Scenario[] = [
  { name: 'no import, 5 s (baseline)', file: null, fileName: '', dryRun: true },
  {
    name: 'xlsx, 5 000 rows of one value in column XFD',
    file: () => wideXlsx(5000),
    fileName: 'bred.xlsx',
    dryRun: true,
  },
  {
    name: 'xlsx bomb unpacking to 400 MB (declared)',
    file: () => xlsxBomb(400 * 1024 * 1024),
    fileName: 'bomb.xlsx',
    dryRun: true,
  },
  {
    name: 'xlsx bomb unpacking to 400 MB (declaring 4 kB)',
    file: () => xlsxBomb(400 * 1024 * 1024, { declare: 4000 }),
    fileName: 'bomb.xlsx',
    dryRun: true,
  },
  {
    name: 'xlsx bomb unpacking to 400 MB, unpacked limit raised to 1 GB',
    file: () => xlsxBomb(400 * 1024 * 1024),
    fileName: 'bomb.xlsx',
    dryRun: true,
    env: { IMPORT_MAX_UNPACKED_MB: '1024' },
  },
  { name: 'CSV, 600 000 rows', file: () => hugeCsv(600_000), fileName: 'stor.csv', dryRun: true },
  {
    name: 'CSV, 600 000 rows, Prefer: respond-async',
    file: () => hugeCsv(600_000),
    fileName: 'stor.csv',
    dryRun: true,
    async: true,
  },
  {
    name: 'CSV, 50 000 rows (the row limit), dry run',
    file: () => hugeCsv(50_000),
    fileName: 'stor.csv',
    dryRun: true,
  },
  {
    name: 'CSV, 600 000 rows, row limit raised, dry run',
    file: () => hugeCsv(600_000),
    fileName: 'stor.csv',
    dryRun: true,
    env: { IMPORT_MAX_ROWS: '1000000', IMPORT_MAX_CELLS: '10000000' },
  },
  { name: 'CSV, 5 000 rows, imported', file: () => hugeCsv(5000), fileName: 'stor.csv', dryRun: false },
  {
    name: 'SIGTERM during the 600 000-row dry run',
    file: () => hugeCsv(600_000),
    fileName: 'stor.csv',
    dryRun: true,
    async: true,
    env: { IMPORT_MAX_ROWS: '1000000', IMPORT_MAX_CELLS: '10000000' },
    sigterm: true,
  },
];

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function statusOf(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
  return m ? Number(m[1]) / 1024 : 0;
}

async function startService(dir: string, env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-r', join(__dirname, 'loop-monitor.js'), MAIN], {
    env: {
      ...process.env,
      LOOP_MONITOR_FILE: join(dir, 'loop.json'),
      NODE_ENV: 'development',
      PORT: String(PORT),
      HOST: '127.0.0.1',
      EVENT_STORE_URL: `sqlite:${join(dir, 'events.db')}`,
      LOG_LEVEL: 'error',
      WRITES_PER_MINUTE: '100000',
      READS_PER_MINUTE: '100000',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 400; i++) {
    try {
      const res = await fetch(`${BASE}/health`);
      await res.arrayBuffer();
      return child;
    } catch {
      await sleep(50);
    }
  }
  throw new Error('the service did not start');
}

async function token(): Promise<string> {
  const res = await fetch(`${BASE}/api/auth/dev-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user: 'ada.admin', role: 'admin', districts: [] }),
  });
  return ((await res.json()) as { accessToken: string }).accessToken;
}

const percentile = (sorted: number[], p: number): number =>
  sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

async function run(scenario: Scenario): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'fut-import-bench-'));
  const child = await startService(dir, scenario.env ?? {});
  const pid = child.pid!;
  const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    const bearer = await token();
    // The loop's figures from here on (not the service's start).
    child.kill('SIGWINCH');
    const poller = spawn(process.execPath, [join(__dirname, 'health-poller.js'), BASE], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let polled = '';
    poller.stdout.on('data', (chunk: Buffer) => (polled += chunk.toString('utf8')));
    const pollerExit = new Promise<void>((resolve) => poller.once('exit', () => resolve()));
    let rssMax = 0;
    let watching = true;
    const watcher = (async () => {
      while (watching) {
        try {
          rssMax = Math.max(rssMax, statusOf(pid, 'VmRSS'));
        } catch {
          // exited
        }
        await sleep(20);
      }
    })();
    const stopWatching = async (): Promise<{ latencies: number[]; unanswered: number }> => {
      watching = false;
      await watcher;
      poller.stdin.end();
      await pollerExit;
      return JSON.parse(polled) as { latencies: number[]; unanswered: number };
    };
    if (scenario.file === null) {
      await sleep(5000);
      report(scenario, await stopWatching(), statusOf(pid, 'VmHWM'), {}, await loopOf(dir));
      return;
    }
    const file = scenario.file();
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(file)]), scenario.fileName);
    form.append('dryRun', String(scenario.dryRun));
    const t0 = performance.now();
    const res = await fetch(`${BASE}/api/imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bearer}`, ...(scenario.async ? { prefer: 'respond-async' } : {}) },
      body: form,
    });
    const answerMs = performance.now() - t0;
    let body = (await res.json()) as Record<string, unknown>;
    let outcome = `${res.status}`;
    let doneMs = answerMs;
    let exitMs: number | undefined;
    let health: { latencies: number[]; unanswered: number } | undefined;
    if (res.status === 202 && scenario.sigterm) {
      // Let the import get going, then stop the service.
      await sleep(1500);
      health = await stopWatching();
      const s0 = performance.now();
      child.kill('SIGTERM');
      await exit;
      exitMs = performance.now() - s0;
      outcome = `202, then SIGTERM`;
    } else if (res.status === 202) {
      for (;;) {
        const status = await fetch(`${BASE}/api/imports/${String(body.id)}`, {
          headers: { authorization: `Bearer ${bearer}` },
        });
        body = (await status.json()) as Record<string, unknown>;
        if (body.status !== 'running') break;
        await sleep(100);
      }
      doneMs = performance.now() - t0;
      outcome = `202, then ${String(body.status)}`;
      if (body.problem) body = body.problem as Record<string, unknown>;
    }
    health ??= await stopWatching();
    const loop = await loopOf(dir);
    const peak = exitMs === undefined ? statusOf(pid, 'VmHWM') : rssMax;
    const limit = body.limit as { name: string } | undefined;
    const summary = body.summary as { rows: number } | undefined;
    report(
      scenario,
      health,
      peak,
      {
        size: `${file.length.toLocaleString('en')} bytes`,
        outcome,
        what: limit ? `limit ${limit.name}` : summary ? `${summary.rows} rows` : String(body.code ?? ''),
        answer: `answer ${answerMs.toFixed(0)} ms`,
        done: `done ${doneMs.toFixed(0)} ms`,
        exit: exitMs === undefined ? '' : `exit after SIGTERM ${exitMs.toFixed(0)} ms`,
      },
      loop,
    );
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exit;
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Loop {
  turns: number;
  busyMaxMs: number;
  busyP99Ms: number;
  gapMaxMs: number;
  waitMaxMs: number;
}

/** The loop monitor's last figures (written every 200 ms). */
async function loopOf(dir: string): Promise<Loop | undefined> {
  await sleep(250);
  try {
    return JSON.parse(readFileSync(join(dir, 'loop.json'), 'utf8')) as Loop;
  } catch {
    return undefined;
  }
}

function report(
  scenario: Scenario,
  health: { latencies: number[]; unanswered: number },
  peakMb: number,
  fields: Partial<Record<'size' | 'outcome' | 'what' | 'answer' | 'done' | 'exit', string>>,
  loop: Loop | undefined,
): void {
  const sorted = [...health.latencies].sort((a, b) => a - b);
  console.log(
    [
      scenario.name.padEnd(62),
      (fields.size ?? '').padStart(17),
      (fields.outcome ?? '').padEnd(18),
      (fields.what ?? '').padEnd(20),
      (fields.answer ?? '').padStart(16),
      (fields.done ?? '').padStart(14),
      fields.exit ?? '',
      `/health n=${sorted.length} median ${percentile(sorted, 0.5).toFixed(1)} ms p99 ${percentile(sorted, 0.99).toFixed(1)} ms max ${(sorted.at(-1) ?? Number.NaN).toFixed(1)} ms unanswered ${health.unanswered}`,
      loop
        ? `event loop: own work between turns max ${loop.busyMaxMs.toFixed(1)} ms (p99 ${loop.busyP99Ms.toFixed(1)}), waiting for a CPU max ${loop.waitMaxMs.toFixed(1)} ms, turn gap max ${loop.gapMaxMs.toFixed(1)} ms`
        : 'event loop: -',
      `RSS peak ${peakMb.toFixed(0)} MB`,
      `load ${loadavg()[0].toFixed(1)}`,
    ].join(' | '),
  );
}

async function main(): Promise<void> {
  const only = process.argv[2];
  for (const scenario of SCENARIOS) if (!only || scenario.name.includes(only)) await run(scenario);
}

void main();
