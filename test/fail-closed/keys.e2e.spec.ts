import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { type TestApp, startTestApp } from '../support/test-app';

const PIN = '19811218-9876';

describe('the keys are checked, not trusted', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'fut-keys-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const start = (env: Record<string, string> = {}, log?: NodeJS.WritableStream) =>
    startTestApp(undefined, env, log, dir);

  async function withCase(env: Record<string, string> = {}): Promise<string> {
    const t = await start(env);
    const res = await t.http.post('/api/cases').send({
      district: 'farsta',
      receivedOn: '2018-02-01',
      source: 'public',
      subject: { personalIdentityNumber: PIN, name: 'Kalle Anka' },
    });
    expect(res.status).toBe(201);
    await t.close();
    return res.body.id as string;
  }

  it('refuses to start when keys.db was deleted, instead of showing every name as culled', async () => {
    await withCase();
    for (const f of readdirSync(dir).filter((f) => f.startsWith('keys.db'))) rmSync(join(dir, f));
    await expect(start()).rejects.toThrow(/keys\.db is missing .*restore keys\.db from backup/);
  });

  it('refuses to start with another MASTER_KEY', async () => {
    await withCase({ MASTER_KEY: Buffer.alloc(32, 1).toString('base64') });
    await expect(start({ MASTER_KEY: Buffer.alloc(32, 2).toString('base64') })).rejects.toThrow(
      /master key .* does not open keys\.db/,
    );
  });

  it('never makes a new development master key beside existing data', async () => {
    await withCase();
    rmSync(join(dir, 'master.key'));
    await expect(start()).rejects.toThrow(/master\.key is missing, but .*keys\.db holds data keys/);
  });

  it('refuses when keys.db and the master key were both replaced', async () => {
    await withCase();
    for (const f of readdirSync(dir).filter((f) => f.startsWith('keys.db') || f === 'master.key')) rmSync(join(dir, f));
    await expect(start()).rejects.toThrow(/keys\.db is missing/);
  });

  it('answers 503 naming the fault, logged by case id, when one key is missing for a case never culled', async () => {
    const id = await withCase();
    const keys = new Database(join(dir, 'keys.db'));
    keys.exec('DELETE FROM data_keys');
    keys.close();
    const lines: string[] = [];
    const log = new Writable({
      write(chunk: Buffer, _e, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const t: TestApp = await start({ LOG_LEVEL: 'error' }, log);
    try {
      for (const path of [`/api/cases/${id}`, `/api/cases/${id}/history`]) {
        const res = await t.http.get(path);
        expect(res.status).toBe(503);
        expect(res.body.code).toBe('personal-data-key-missing');
        expect(res.text).not.toContain('gallrad');
      }
      expect(lines.join('')).toContain(id);
      expect(lines.join('')).not.toContain('9876');
    } finally {
      await t.close();
    }
  });

  it('creates data files readable by the service user alone', async () => {
    await withCase();
    const files = readdirSync(dir);
    expect(files).toEqual(expect.arrayContaining(['events.db', 'keys.db', 'audit.db', 'read-models.db', 'master.key']));
    for (const f of files)
      expect({ f, mode: (statSync(join(dir, f)).mode & 0o777).toString(8) }).toEqual({ f, mode: '600' });
  });
});
