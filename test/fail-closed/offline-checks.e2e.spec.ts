import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertBuilt } from '../support/service-process';
import { startTestApp } from '../support/test-app';

const CLI = join(__dirname, '..', '..', 'dist', 'cli');

/** `npm run audit:verify` and `npm run keys:check`, as an operator runs them with the service stopped. */
describe('offline checks of the audit chain and the key store', () => {
  let dir: string;
  beforeAll(assertBuilt);
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fut-offline-'));
    const t = await startTestApp(undefined, {}, undefined, dir);
    for (const pin of ['19811218-9876', '19700101-0011']) {
      const res = await t.http.post('/api/cases').send({
        district: 'farsta',
        receivedOn: '2018-02-01',
        source: 'public',
        subject: { personalIdentityNumber: pin },
      });
      await t.http.get(`/api/cases/${res.body.id}`);
    }
    await t.close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const run = (tool: string) =>
    spawnSync(process.execPath, [join(CLI, tool)], {
      env: { ...process.env, EVENT_STORE_URL: `sqlite:${join(dir, 'events.db')}`, NODE_ENV: 'development' },
      encoding: 'utf8',
    });

  it('audit:verify says the log is intact, and names the entry after tampering', () => {
    const ok = run('audit-verify.js');
    expect(ok.stdout).toMatch(/audit log intact: \d+ entries/);
    expect(ok.stdout).toMatch(/latest anchor in the event log: entry \d+ .* matches/);
    expect(ok.status).toBe(0);
    const db = new Database(join(dir, 'audit.db'));
    db.exec(`DROP TRIGGER audit_no_update; UPDATE audit SET user = 'n.n' WHERE id = 2;`);
    db.close();
    const broken = run('audit-verify.js');
    expect(broken.stdout).toMatch(/AUDIT LOG NOT INTACT: the audit log is not intact at entry 2/);
    expect(broken.status).toBe(1);
  });

  it('keys:check counts the keys the log needs and names the cases whose key is missing', () => {
    const ok = run('keys-check.js');
    expect(ok.stdout).toMatch(/belongs to this event log/);
    expect(ok.stdout).toMatch(/missing for cases never culled: 0/);
    expect(ok.status).toBe(0);
    const keys = new Database(join(dir, 'keys.db'));
    keys.exec('DELETE FROM data_keys WHERE rowid = 1');
    keys.close();
    const missing = run('keys-check.js');
    expect(missing.stdout).toMatch(/missing for cases never culled: 1\n {2}case-[0-9a-f-]{36} \(data key/);
    expect(missing.status).toBe(1);
  });
});
