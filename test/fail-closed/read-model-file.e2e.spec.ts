import { mkdtempSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { startTestApp } from '../support/test-app';

describe('a corrupt or truncated read-model file', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'fut-rm-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function registered(n: number): Promise<string[]> {
    const t = await startTestApp(undefined, {}, undefined, dir);
    const ids: string[] = [];
    for (let i = 0; i < n; i++)
      ids.push(
        (
          await t.http.post('/api/cases').send({
            district: 'farsta',
            receivedOn: '2018-02-01',
            source: 'public',
            subject: { gender: 'man' },
            summary: 'x'.repeat(2000),
          })
        ).body.id as string,
      );
    await t.close();
    return ids;
  }

  it.each([
    ['truncated to half', (f: string) => truncateSync(f, Math.floor(statSync(f).size / 2))],
    ['overwritten with garbage', (f: string) => writeFileSync(f, Buffer.alloc(8192, 0x5a))],
  ])('%s: is moved aside with a log line, and the read models are rebuilt from the log', async (_, damage) => {
    const ids = await registered(40);
    const file = join(dir, 'read-models.db');
    for (const f of readdirSync(dir).filter((f) => f.startsWith('read-models.db-'))) rmSync(join(dir, f));
    damage(file);
    const lines: string[] = [];
    const log = new Writable({
      write(chunk: Buffer, _e, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const t = await startTestApp(undefined, { LOG_LEVEL: 'error' }, log, dir);
    try {
      const list = await t.http.get('/api/cases?district=farsta&pageSize=500');
      expect(list.status).toBe(200);
      expect(new Set(list.body.items.map((c: { id: string }) => c.id))).toEqual(new Set(ids));
      expect(readdirSync(dir).some((f) => /^read-models\.db\.corrupt-/.test(f))).toBe(true);
      expect(lines.join('')).toMatch(/read-model file was corrupt: moved aside/);
    } finally {
      await t.close();
    }
  });
});
