import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertBuilt } from '../support/service-process';

describe('npm run report on a store without the year', () => {
  let dir: string;
  beforeAll(assertBuilt);
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'fut-report-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const report = (...args: string[]) =>
    spawnSync(process.execPath, [join(__dirname, '..', '..', 'dist', 'cli', 'report.js'), ...args], {
      env: { ...process.env, EVENT_STORE_URL: `sqlite:${join(dir, 'events.db')}`, NODE_ENV: 'development' },
      encoding: 'utf8',
    });

  it('refuses to write an all-zero report, naming the store and how to point at the right one', () => {
    const out = join(dir, 'rapport.pdf');
    const res = report('--year', '2018', '--format', 'pdf', '--out', out);
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/No case was received up to the end of 2018 in sqlite:.*events\.db/);
    expect(res.stderr).toMatch(/EVENT_STORE_URL=sqlite:\.\/data\/demo\/events\.db/);
    expect(existsSync(out)).toBe(false);
    const forced = report('--year', '2018', '--format', 'csv', '--out', out, '--allow-empty');
    expect(forced.status).toBe(0);
    expect(existsSync(out)).toBe(true);
  });
});
