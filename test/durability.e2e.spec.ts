import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The built service in a real child process, killed with SIGKILL while
 * registrations are in flight: every acknowledged registration must be there
 * after a restart, and the projections must resume from their checkpoints.
 */
const MAIN = join(__dirname, '..', 'dist', 'main.js');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function startService(dir: string, port: number): ChildProcess {
  return spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      EVENT_STORE_URL: `sqlite:${join(dir, 'events.db')}`,
      LOG_LEVEL: 'error',
      WRITES_PER_MINUTE: '100000',
      READS_PER_MINUTE: '100000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function health(
  base: string,
): Promise<{ projections: Array<{ name: string; checkpoint: number }>; eventStore: { headPosition: number } }> {
  for (let i = 0; i < 200; i++) {
    try {
      const res = await fetch(`${base}/health`);
      if (res.ok) return (await res.json()) as never;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('service did not start');
}

const killed = (child: ChildProcess): Promise<void> => new Promise((resolve) => child.once('exit', () => resolve()));

describe('durability across SIGKILL (built service in a child process)', () => {
  let dir: string;
  let child: ChildProcess | undefined;
  beforeAll(() => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: npm test builds it first (pretest)`);
  });
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'fut-kill-'))));
  afterEach(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const exit = killed(child);
      child.kill('SIGKILL');
      await exit;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('loses no acknowledged append, and projections resume from their checkpoints', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    child = startService(dir, port);
    await health(base);

    const token = async (): Promise<string> => {
      const res = await fetch(`${base}/api/auth/dev-token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user: 'kill.test', role: 'unit-head', districts: ['bromma'] }),
      });
      return ((await res.json()) as { accessToken: string }).accessToken;
    };
    let auth = { authorization: `Bearer ${await token()}` };
    const acknowledged: string[] = [];
    let stop = false;
    const writer = async (): Promise<void> => {
      while (!stop) {
        try {
          const res = await fetch(`${base}/api/cases`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...auth },
            body: JSON.stringify({
              district: 'bromma',
              receivedOn: '2018-03-01',
              source: 'caseworker',
              subject: { gender: 'unknown' },
            }),
          });
          if (res.status !== 201) throw new Error(`registration answered ${res.status}`);
          acknowledged.push(((await res.json()) as { id: string }).id);
        } catch (error) {
          if (error instanceof Error && error.message.startsWith('registration answered')) throw error;
          return; // the service died under us: that answer was never acknowledged
        }
      }
    };
    let failed: unknown;
    const writers = [writer(), writer(), writer(), writer()].map((w) => w.catch((e: unknown) => (failed = e)));
    while (acknowledged.length < 60 && !failed) await new Promise((r) => setTimeout(r, 5));
    if (failed) throw failed;
    const before = await health(base);
    const exit = killed(child);
    child.kill('SIGKILL');
    await exit;
    stop = true;
    await Promise.all(writers);
    const acknowledgedBeforeKill = [...acknowledged];

    child = startService(dir, port);
    const after = await health(base);
    // The development issuer's key lives in the data directory, so this token is another of the same issuer.
    auth = { authorization: `Bearer ${await token()}` };
    const checkpointBefore = before.projections.find((p) => p.name === 'case-list')!.checkpoint;
    const resumedAt = after.projections.find((p) => p.name === 'case-list')!.checkpoint;
    expect(checkpointBefore).toBeGreaterThan(0);
    // Resumed from the stored checkpoint (not from zero), and the log kept everything before it.
    expect(resumedAt).toBeGreaterThanOrEqual(checkpointBefore);
    expect(after.eventStore.headPosition).toBeGreaterThanOrEqual(before.eventStore.headPosition);

    for (const id of acknowledgedBeforeKill) {
      const res = await fetch(`${base}/api/cases/${id}`, { headers: auth });
      expect(res.status).toBe(200);
    }
    const list = (await (await fetch(`${base}/api/cases?district=bromma&pageSize=500`, { headers: auth })).json()) as {
      total: number;
      items: Array<{ id: string }>;
    };
    const listed = new Set(list.items.map((c) => c.id));
    expect(acknowledgedBeforeKill.every((id) => listed.has(id))).toBe(true);
    expect(listed.size).toBe(list.total);
  });
});
