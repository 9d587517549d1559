/* eslint-disable no-console -- a benchmark prints its figures */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { seededRandom } from '../demo/apportion';
import { benchPersonalNumber } from './history';
import { startBenchApp } from './bench-app';
import { loadHistory } from './read-bench';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { ProjectionRunner } from '../projections/projection-runner';

/**
 * `npm run bench -- --memory`: the built service as a child process under a
 * mixed load of many clients (registrations, steps, keyed steps, case reads,
 * lists, searches, queues, deadlines), its memory sampled throughout, then
 * left idle, then after a full garbage collection; in rounds, so that memory
 * which grows under load shows whether it stops at a bound (the same after
 * each round) or keeps growing (a leak).
 *
 * BENCH_MEMORY_SECONDS (180 a round), BENCH_MEMORY_IDLE_SECONDS (30),
 * BENCH_MEMORY_ROUNDS (1), BENCH_MEMORY_CLIENTS (50), BENCH_MEMORY_CASES
 * (0: cases of the synthetic history written before the service starts, so
 * its files are larger than its caches), BENCH_MAIN (this build's
 * dist/main.js), BENCH_PORT (a free port); every
 * other variable (e.g. SQLITE_CACHE_MB) reaches the service.
 */
/** The service to measure: this build's, or another (BENCH_MAIN, e.g. an earlier build to compare with). */
const MAIN = process.env.BENCH_MAIN ?? join(__dirname, '..', 'main.js');
const PROBE = join(__dirname, 'memory-probe.js');
const DISTRICTS = ['farsta', 'bromma', 'skarholmen', 'enskede-arsta-vantor', 'jarva'];

interface MemoryUsage {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

interface Sample extends MemoryUsage {
  at: number;
  phase: string;
  requests: number;
}

const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(0);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** The child's memory as it reports it over IPC (after a full collection for "gc"). */
function usage(child: ChildProcess, message: 'sample' | 'gc'): Promise<MemoryUsage> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the service did not report its memory')), 30_000);
    const onMessage = (m: unknown): void => {
      if (typeof m !== 'object' || m === null || (m as { kind?: unknown }).kind !== 'memory') return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(m as MemoryUsage);
    };
    child.on('message', onMessage);
    child.send(message);
  });
}

/** The kernel's figure, which counts what V8 does not (SQLite's page caches, malloc arenas). */
function kernelRss(pid: number): number | undefined {
  try {
    const line = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return line ? Number(line[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

async function waitForHealth(base: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    try {
      const res = await fetch(`${base}/health`);
      if (res.status === 200 || res.status === 503) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error('the service did not start');
}

/** One simulated user: a token, its district, and the cases it knows of. */
interface Client {
  token: string;
  district: string;
  random: () => number;
}

export async function memoryBench(): Promise<void> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: build first (npm run bench builds)`);
  const seconds = Number(process.env.BENCH_MEMORY_SECONDS ?? 180);
  const idleSeconds = Number(process.env.BENCH_MEMORY_IDLE_SECONDS ?? 30);
  const clientCount = Number(process.env.BENCH_MEMORY_CLIENTS ?? 50);
  const roundCount = Number(process.env.BENCH_MEMORY_ROUNDS ?? 1);
  const seededCases = Number(process.env.BENCH_MEMORY_CASES ?? 0);
  const port = Number(process.env.BENCH_PORT ?? 0) || (await freePort());
  const base = `http://127.0.0.1:${port}`;
  const dir = mkdtempSync(join(tmpdir(), 'fut-memory-'));
  /** Cases the clients read, per district: the history's and their own. */
  const readable = new Map<string, string[]>(DISTRICTS.map((d) => [d, []]));
  if (seededCases > 0) {
    const started = performance.now();
    const { app } = await startBenchApp(dir);
    await loadHistory(app, seededCases, (id, district) => readable.get(district)?.push(id));
    await app.get(ProjectionRunner).waitFor(await app.get<EventStore>(EVENT_STORE).headPosition(), 1_800_000);
    await app.close();
    console.log(`${seededCases} cases of history written in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  const child = spawn(process.execPath, ['--expose-gc', '-r', PROBE, MAIN], {
    env: {
      ...process.env,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      EVENT_STORE_URL: `sqlite:${join(dir, 'events.db')}`,
      LOG_LEVEL: 'warn',
      READS_PER_MINUTE: '100000000',
      WRITES_PER_MINUTE: '100000000',
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const samples: Sample[] = [];
  const statuses = new Map<number, number>();
  let requests = 0;
  const started = performance.now();
  const sample = async (phase: string, message: 'sample' | 'gc' = 'sample'): Promise<Sample> => {
    const u = await usage(child, message);
    const s = {
      ...u,
      rss: kernelRss(child.pid!) ?? u.rss,
      at: (performance.now() - started) / 1000,
      phase,
      requests,
    };
    samples.push(s);
    return s;
  };
  try {
    await waitForHealth(base);
    const casesOf = new Map<string, string[]>(DISTRICTS.map((d) => [d, []]));
    const clients: Client[] = [];
    for (let i = 0; i < clientCount; i++) {
      const district = DISTRICTS[i % DISTRICTS.length];
      const res = await fetch(`${base}/api/auth/dev-token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          user: `mem.${i}`,
          role: i % 5 === 0 ? 'unit-head' : 'investigator',
          districts: [district],
        }),
      });
      clients.push({
        token: ((await res.json()) as { accessToken: string }).accessToken,
        district,
        random: seededRandom(i + 1),
      });
    }
    const call = async (client: Client, method: string, path: string, body?: unknown, key?: string) => {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${client.token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(key ? { 'idempotency-key': key } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      requests++;
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      return { status: res.status, text };
    };
    let n = 0;
    const register = async (client: Client): Promise<void> => {
      const i = n++;
      const withPin = i % 2 === 0;
      const res = await call(client, 'POST', '/api/cases', {
        district: client.district,
        receivedOn: '2024-03-01',
        source: 'caseworker',
        subject: withPin
          ? { personalIdentityNumber: benchPersonalNumber(i % 5000), name: `Minnes Person ${i % 5000}` }
          : { gender: 'unknown' },
        suspectedPayments: [{ paidOn: '2024-02-25', amount: 1000 + (i % 900) }],
        summary: `Inkommen uppgift ${i}`,
      });
      if (res.status !== 201) return;
      const { id } = JSON.parse(res.text) as { id: string };
      casesOf.get(client.district)!.push(id);
      readable.get(client.district)!.push(id);
    };
    // Every district has cases to read before the load starts.
    await Promise.all(clients.map((c) => register(c)));
    const before = await sample('start');
    const beforeCollected = await sample('start, gc', 'gc');

    const work = async (client: Client, until: number): Promise<void> => {
      while (performance.now() < until) {
        const r = client.random();
        const own = casesOf.get(client.district)!;
        const someCase = own[Math.floor(client.random() * own.length)];
        const all = readable.get(client.district)!;
        const toRead = all[Math.floor(client.random() * all.length)];
        const i = n++;
        if (r < 0.15) await register(client);
        else if (r < 0.4)
          await call(client, 'POST', `/api/cases/${someCase}/journal`, {
            notedOn: '2024-03-02',
            kind: 'note',
            text: `Anteckning ${i}`,
          });
        else if (r < 0.45)
          await call(
            client,
            'POST',
            `/api/cases/${someCase}/journal`,
            { notedOn: '2024-03-02', kind: 'note', text: `Nyckel ${i}` },
            `mem-${i}`,
          );
        else if (r < 0.7) await call(client, 'GET', `/api/cases/${toRead}`);
        else if (r < 0.75) await call(client, 'GET', `/api/cases/${toRead}/history`);
        else if (r < 0.85) await call(client, 'GET', `/api/cases?district=${client.district}&pageSize=50`);
        else if (r < 0.9)
          await call(client, 'POST', '/api/cases/search', {
            personalIdentityNumber: benchPersonalNumber(Math.floor(client.random() * 5000)),
          });
        else if (r < 0.95) await call(client, 'GET', `/api/queues?district=${client.district}`);
        else await call(client, 'GET', `/api/deadlines?district=${client.district}`);
      }
    };
    const rounds: Array<{ peak: Sample; endOfLoad: Sample; idle: Sample; collected: Sample }> = [];
    for (let round = 1; round <= roundCount; round++) {
      const until = performance.now() + seconds * 1000;
      const load = Promise.all(clients.map((c) => work(c, until)));
      let peak = samples[samples.length - 1];
      while (performance.now() < until) {
        await sleep(Math.min(5000, Math.max(0, until - performance.now())));
        const s = await sample(`load ${round}`);
        if (s.rss > peak.rss) peak = s;
      }
      await load;
      const endOfLoad = await sample(`end of load ${round}`);
      for (let t = 0; t < idleSeconds; t += 5) {
        await sleep(5000);
        await sample(`idle ${round}`);
      }
      const idle = samples[samples.length - 1];
      const collected = await sample(`idle ${round}, gc`, 'gc');
      rounds.push({ peak, endOfLoad, idle, collected });
    }

    console.log(
      `\nMemory under load: ${roundCount} round(s) of ${clientCount} clients, ${seconds} s of mixed reads and writes, then ${idleSeconds} s idle (Node ${process.version}; SQLITE_CACHE_MB ${process.env.SQLITE_CACHE_MB ?? 'default'})`,
    );
    console.log(
      `${'s'.padStart(6)}  ${'phase'.padEnd(18)}${'requests'.padStart(10)}${'RSS MB'.padStart(9)}${'heap used'.padStart(11)}${'heap total'.padStart(12)}${'external'.padStart(10)}`,
    );
    for (const s of samples) {
      console.log(
        `${s.at.toFixed(0).padStart(6)}  ${s.phase.padEnd(18)}${String(s.requests).padStart(10)}${mb(s.rss).padStart(9)}${mb(s.heapUsed).padStart(11)}${mb(s.heapTotal).padStart(12)}${mb(s.external).padStart(10)}`,
      );
    }
    const files = ['events.db', 'read-models.db', 'audit.db', 'keys.db']
      .map((f) => `${f} ${existsSync(join(dir, f)) ? mb(statSync(join(dir, f)).size) : '-'} MB`)
      .join(', ');
    console.log(`answers: ${JSON.stringify(Object.fromEntries(statuses))}; files: ${files}`);
    console.log(
      `start: RSS ${mb(before.rss)} MB, heap used ${mb(before.heapUsed)} MB (${mb(beforeCollected.heapUsed)} after gc)`,
    );
    rounds.forEach(({ peak, endOfLoad, idle, collected }, i) =>
      console.log(
        `round ${i + 1} (${endOfLoad.requests} requests so far): RSS MB peak ${mb(peak.rss)}, end of load ${mb(endOfLoad.rss)}, ` +
          `idle ${mb(idle.rss)}, after gc ${mb(collected.rss)}; heap used MB end of load ${mb(endOfLoad.heapUsed)}, after gc ${mb(collected.heapUsed)}; ` +
          `heap total MB idle ${mb(idle.heapTotal)}, after gc ${mb(collected.heapTotal)}`,
      ),
    );
  } finally {
    child.kill('SIGTERM');
    const timeout = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timeout);
    rmSync(dir, { recursive: true, force: true });
  }
}
