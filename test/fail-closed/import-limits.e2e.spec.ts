import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hugeCsv, wideXlsx, xlsxBomb } from '../../src/bench/hostile-registers';
import { assertBuilt, devToken, exited, freePort, health, kill, startService } from '../support/service-process';

/**
 * The tester's import files, in the built service as a real process: each is
 * refused naming the limit it passed, while /health keeps answering, and a
 * SIGTERM in the middle of a long import stops the process.
 */

interface Answer {
  status: number;
  type: string;
  body: Record<string, unknown> & { limit?: { name: string; max: number; found?: string } };
}

async function upload(base: string, token: string, file: Buffer, name: string, headers: Record<string, string> = {}) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file)]), name);
  form.append('dryRun', 'true');
  const res = await fetch(`${base}/api/imports`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, ...headers },
    body: form,
  });
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    body: (await res.json()) as Answer['body'],
  } satisfies Answer;
}

/**
 * Asks /health every 50 ms while `work` runs, each time waiting up to 5 s for
 * an answer; returns the work's result and every health check that got none.
 */
async function watchingHealth<T>(
  base: string,
  work: Promise<T>,
): Promise<{ result: T; checks: number; unanswered: string[] }> {
  let finished = false;
  const unanswered: string[] = [];
  let checks = 0;
  const watcher = (async () => {
    while (!finished) {
      checks++;
      try {
        const res = await fetch(`${base}/health`, { signal: AbortSignal.timeout(5000) });
        await res.arrayBuffer();
        if (res.status !== 200 && res.status !== 503) unanswered.push(`status ${res.status}`);
      } catch (error) {
        unanswered.push((error as Error).name);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  try {
    return { result: await work, checks, unanswered };
  } finally {
    finished = true;
    await watcher;
  }
}

const expectLimit = (answer: Answer, name: string, extra: Record<string, unknown> = {}): void => {
  expect({ status: answer.status, type: answer.type }).toEqual({
    status: 413,
    type: expect.stringContaining('application/problem+json'),
  });
  expect(answer.body).toMatchObject({ code: 'import-limit-exceeded', limit: { name, ...extra } });
  expect(answer.body.errors).toEqual([expect.objectContaining({ field: 'file' })]);
};

describe('hostile import files against the running service', () => {
  let dir: string;
  let child: ChildProcess | undefined;
  let base: string;
  let token: string;
  beforeAll(async () => {
    assertBuilt();
    dir = mkdtempSync(join(tmpdir(), 'fut-import-limits-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    child = startService(dir, port);
    await health(base);
    token = await devToken(base, 'ada.admin', 'admin', []);
  });
  afterAll(async () => {
    await kill(child);
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses 5 000 rows of one value in column XFD with the column limit, and /health answers throughout', async () => {
    const file = wideXlsx(5000);
    const { result, checks, unanswered } = await watchingHealth(base, upload(base, token, file, 'bred.xlsx'));
    expectLimit(result, 'columns', { max: 256, found: 'XFD', setting: 'IMPORT_MAX_COLUMNS' });
    expect({ checks: checks > 0, unanswered }).toEqual({ checks: true, unanswered: [] });
  });

  it('refuses an xlsx that unpacks to 400 MB with the unpacked limit, and one that lies about it as unreadable', async () => {
    const bomb = xlsxBomb(400 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const { result, unanswered } = await watchingHealth(base, upload(base, token, bomb, 'bomb.xlsx'));
    expectLimit(result, 'unpackedBytes', { max: 100 * 1024 * 1024, setting: 'IMPORT_MAX_UNPACKED_MB' });
    expect(unanswered).toEqual([]);

    const lying = xlsxBomb(400 * 1024 * 1024, { declare: 4000 });
    const refused = await watchingHealth(base, upload(base, token, lying, 'bomb.xlsx'));
    expect(refused.result).toMatchObject({
      status: 400,
      body: { code: 'invalid-request', errors: [expect.objectContaining({ field: 'file' })] },
    });
    expect(refused.unanswered).toEqual([]);
  });

  it('refuses a CSV of 600 000 rows with the row limit, with or without Prefer: respond-async', async () => {
    const csv = hugeCsv(600_000);
    expect(csv.length).toBeLessThan(20 * 1024 * 1024);
    const { result, unanswered } = await watchingHealth(base, upload(base, token, csv, 'stor.csv'));
    expectLimit(result, 'rows', { max: 50_000, setting: 'IMPORT_MAX_ROWS' });
    expect(unanswered).toEqual([]);

    // In the background the file is read after the answer: a refusal that comes later is the import's status.
    const background = await watchingHealth(
      base,
      (async () => {
        const started = await upload(base, token, csv, 'stor.csv', { prefer: 'respond-async' });
        if (started.status !== 202) return started;
        expect(started.body).toMatchObject({ status: 'running' });
        for (;;) {
          const res = await fetch(`${base}/api/imports/${String(started.body.id)}`, {
            headers: { authorization: `Bearer ${token}` },
          });
          const status = (await res.json()) as { status: string; problem?: Answer['body'] };
          if (status.status !== 'running') {
            expect(status.status).toBe('refused');
            return {
              status: status.problem?.status as number,
              type: 'application/problem+json',
              body: status.problem!,
            };
          }
          await new Promise((r) => setTimeout(r, 100));
        }
      })(),
    );
    expectLimit(background.result, 'rows', { max: 50_000 });
    expect(background.unanswered).toEqual([]);
  });

  it('reads a register within the limits in its worker as before', async () => {
    const example = readFileSync(join(__dirname, '..', '..', 'examples', 'fut-register-exempel.xlsx'));
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(example)]), 'fut-register-exempel.xlsx');
    form.append('dryRun', 'true');
    form.append('sheet', 'Ärenden');
    const res = await fetch(`${base}/api/imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      summary: { rows: 6, imported: 6, failed: 0 },
      columns: { unmapped: ['Anteckning'] },
    });
  });
});

describe('SIGTERM during a long import', () => {
  let dir: string;
  let child: ChildProcess | undefined;
  afterEach(async () => {
    await kill(child);
    rmSync(dir, { recursive: true, force: true });
  });

  it('stops the service while a file of 600 000 rows is being imported', async () => {
    assertBuilt();
    dir = mkdtempSync(join(tmpdir(), 'fut-import-sigterm-'));
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    // Limits raised so that this file is read and imported, which takes far longer than the test waits.
    child = startService(dir, port, { env: { IMPORT_MAX_ROWS: '1000000', IMPORT_MAX_CELLS: '10000000' } });
    await health(base);
    const token = await devToken(base, 'ada.admin', 'admin', []);
    const started = await upload(base, token, hugeCsv(600_000), 'stor.csv', { prefer: 'respond-async' });
    expect(started.status).toBe(202);
    const status = await fetch(`${base}/api/imports/${String(started.body.id)}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(((await status.json()) as { status: string }).status).toBe('running');

    const exit = exited(child);
    child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      exit.then(() => 'exited'),
      new Promise((r) => (timer = setTimeout(() => r('still running after 20 s'), 20_000))),
    ]);
    clearTimeout(timer);
    expect(outcome).toBe('exited');
  });
});
