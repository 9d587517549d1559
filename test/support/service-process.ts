import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** The built service (npm test builds it first), run as a real child process for crash and fault tests. */
export const MAIN = join(__dirname, '..', '..', 'dist', 'main.js');

export function assertBuilt(): void {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: npm test builds it first (pretest)`);
}

function listenOn(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(bound));
    });
  });
}

/**
 * A port no one listens on: any the system gives, or one of `FUT_TEST_PORTS`
 * (e.g. 42000-42999) where people share a machine and each has a range.
 */
export async function freePort(): Promise<number> {
  const range = /^(\d+)-(\d+)$/.exec(process.env.FUT_TEST_PORTS ?? '');
  if (!range) return listenOn(0);
  const [low, high] = [Number(range[1]), Number(range[2])];
  const start = low + Math.floor(Math.random() * (high - low + 1));
  for (let i = 0; i <= high - low; i++) {
    const port = low + ((start - low + i) % (high - low + 1));
    const bound = await listenOn(port).catch(() => undefined);
    if (bound) return bound;
  }
  throw new Error(`no free port in FUT_TEST_PORTS=${process.env.FUT_TEST_PORTS}`);
}

export interface ServiceOptions {
  env?: Record<string, string>;
  /** Modules preloaded with `node -r`, e.g. a storage fault injector. */
  preload?: string[];
  /** Collects stdout and stderr (JSON log lines), e.g. to read what the service said. */
  output?: string[];
}

export function startService(dir: string, port: number, options: ServiceOptions = {}): ChildProcess {
  const child = spawn(process.execPath, [...(options.preload ?? []).flatMap((p) => ['-r', p]), MAIN], {
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(port),
      HOST: '127.0.0.1',
      EVENT_STORE_URL: `sqlite:${join(dir, 'events.db')}`,
      LOG_LEVEL: 'error',
      WRITES_PER_MINUTE: '100000',
      READS_PER_MINUTE: '100000',
      UNAUTHENTICATED_PER_MINUTE: '100000',
      ...options.env,
    },
    stdio: ['ignore', options.output ? 'pipe' : 'ignore', options.output ? 'pipe' : 'inherit'],
  });
  if (options.output) {
    child.stdout?.on('data', (chunk: Buffer) => options.output!.push(chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => options.output!.push(chunk.toString('utf8')));
  }
  return child;
}

export interface Health {
  status: string;
  projections: Array<{ name: string; checkpoint: number; state: string; error?: string; errorCode?: string }>;
  eventStore: { headPosition: number };
}

/** Waits until the service answers /health (any status), and returns its body. */
export async function health(base: string, attempts = 400): Promise<Health> {
  for (let i = 0; i < attempts; i++) {
    try {
      const res = await fetch(`${base}/health`);
      if (res.status === 200 || res.status === 503) return (await res.json()) as Health;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('service did not start');
}

export const exited = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });

export async function kill(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exit = exited(child);
  child.kill('SIGKILL');
  await exit;
}

export async function devToken(base: string, user: string, role: string, districts: string[]): Promise<string> {
  const res = await fetch(`${base}/api/auth/dev-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user, role, districts }),
  });
  if (res.status !== 200) throw new Error(`dev-token answered ${res.status}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/** A temporary directory and the child service of each test in a describe block, cleaned up after each. */
export function serviceSandbox(prefix: string): { dir: string; child: ChildProcess | undefined } {
  const box: { dir: string; child: ChildProcess | undefined } = { dir: '', child: undefined };
  beforeAll(assertBuilt);
  beforeEach(() => {
    box.dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterEach(async () => {
    await kill(box.child);
    box.child = undefined;
    rmSync(box.dir, { recursive: true, force: true });
  });
  return box;
}
