import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { startTestApp } from './support/test-app';

/** After a restart with read models to rebuild, the service answers at once, and never from a part of the history. */
describe('catching up after a start', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'fut-catchup-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('answers /health during catch-up, and a list query waits until the read model holds every case', async () => {
    let t = await startTestApp(undefined, {}, undefined, dir);
    const ids: string[] = [];
    for (let i = 0; i < 300; i++)
      ids.push(
        (
          await t.http
            .post('/api/cases')
            .send({ district: 'farsta', receivedOn: '2018-02-01', source: 'public', subject: { gender: 'man' } })
        ).body.id as string,
      );
    await t.close();
    for (const f of readdirSync(dir).filter((f) => f.startsWith('read-models.db'))) rmSync(join(dir, f));

    t = await startTestApp(undefined, {}, undefined, dir);
    try {
      const health = await request(t.app.getHttpServer()).get('/health');
      expect(health.body.projections.length).toBeGreaterThan(0);
      const list = await t.http.get('/api/cases?district=farsta&pageSize=500');
      expect(list.status).toBe(200);
      expect(list.body.total).toBe(300);
    } finally {
      await t.close();
    }
  });
});
