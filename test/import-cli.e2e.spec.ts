import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { wideXlsx } from '../src/bench/hostile-registers';
import { assertBuilt } from './support/service-process';

const root = join(__dirname, '..');

describe('npm run import with the example register in the repository', () => {
  let dir: string;
  beforeAll(assertBuilt);
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'fut-import-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const importer = (...args: string[]) => importerWith({}, ...args);
  const importerWith = (env: Record<string, string>, ...args: string[]) =>
    spawnSync(process.execPath, [join(root, 'dist', 'cli', 'import.js'), ...args], {
      env: { ...process.env, EVENT_STORE_URL: `sqlite:${join(dir, 'events.db')}`, NODE_ENV: 'development', ...env },
      encoding: 'utf8',
    });

  it('dry-runs, imports, and finds the xlsx twin of the CSV already imported', () => {
    const csv = join(root, 'examples', 'fut-register-exempel.csv');
    const report = join(dir, 'rapport.xlsx');
    const dry = importer('--file', csv, '--dry-run', '--report', report, '--by', 'anna.utredare');
    expect(dry.stderr).not.toMatch(/Error/);
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain('Kolumner som inte kunde mappas (lästes inte): Anteckning');
    expect(dry.stdout).toContain('6 rader: 6 skulle importeras, 0 oförändrade, 0 med fel.');
    expect(dry.stdout).toContain('2018; farsta; kvinna: 3, 3, 2, 33 000,00 kr, 0, 0, 17 400,00 kr, 2');
    expect(existsSync(report)).toBe(true);

    // Who imports is recorded on every event: it is asked for, never taken from the shell's $USER.
    for (const by of [[], ['--by', 'två ord']]) {
      const unnamed = spawnSync(process.execPath, [join(root, 'dist', 'cli', 'import.js'), '--file', csv, ...by], {
        env: {
          ...process.env,
          USER: 'root',
          EVENT_STORE_URL: `sqlite:${join(dir, 'events.db')}`,
          NODE_ENV: 'development',
        },
        encoding: 'utf8',
      });
      expect({ by, status: unnamed.status }).toEqual({ by, status: 1 });
      expect(unnamed.stderr).toContain('--by');
    }

    const real = importer('--file', csv, '--by', 'anna.utredare');
    expect(real.status).toBe(0);
    expect(real.stdout).toContain('6 rader: 6 importerade, 0 oförändrade, 0 med fel.');
    const db = new Database(join(dir, 'events.db'), { readonly: true });
    const recordedBy = db
      .prepare("SELECT DISTINCT json_extract(metadata, '$.recordedBy') AS by FROM events WHERE type = 'CaseRegistered'")
      .all();
    db.close();
    expect(recordedBy).toEqual([{ by: 'cli:anna.utredare' }]);

    const xlsx = importer(
      '--file',
      join(root, 'examples', 'fut-register-exempel.xlsx'),
      '--sheet',
      'Ärenden',
      '--by',
      'anna.utredare',
    );
    expect(xlsx.status).toBe(0);
    expect(xlsx.stdout).toContain('6 rader: 0 importerade, 6 oförändrade, 0 med fel.');
  });

  it('names a row error by row and column, and fails on an unknown district with the reason', () => {
    const file = join(dir, 'fel.csv');
    const text = readFileSync(join(root, 'examples', 'fut-register-exempel.csv'), 'utf8').replace(
      '2018-002;20180205',
      '2018-002;2018-02-31',
    );
    writeFileSync(file, text);
    const dry = importer('--file', file, '--dry-run', '--by', 'anna.utredare');
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain('Rad 3, kolumn Inkommen: Datumet finns inte i kalendern [invalid-date]');
    const bad = importer('--file', file, '--district', 'atlantis', '--by', 'anna.utredare');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('Unknown district atlantis');
  });

  it('reads within the same limits as the service, and names the one a file passes', () => {
    const wide = join(dir, 'bred.xlsx');
    writeFileSync(wide, wideXlsx(5000));
    const refused = importer('--file', wide, '--dry-run', '--by', 'anna.utredare');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('Filen har ett värde i kolumn XFD, men en import läser högst 256 kolumner.');
    const csv = join(root, 'examples', 'fut-register-exempel.csv');
    const rows = importerWith({ IMPORT_MAX_ROWS: '5' }, '--file', csv, '--dry-run', '--by', 'anna.utredare');
    expect(rows.status).toBe(1);
    expect(rows.stderr).toContain('Filen har fler än 5 rader under rubrikraden.');
    expect(importerWith({ IMPORT_MAX_ROWS: '6' }, '--file', csv, '--dry-run', '--by', 'anna.utredare').status).toBe(0);
  });
});
