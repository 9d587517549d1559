import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditLog, type AuditQuery } from './audit-log';

/**
 * The audit log grows with every read of every case, for years. A search of it (the
 * administrator's "who read what") must read its answer in the order of an index, not sort
 * everything a user or a case ever did: SQLite's own plan says so. The file has no ANALYZE
 * statistics, so the plan on an empty log is the plan on a full one.
 */
describe('the audit log', () => {
  let dir: string;
  let log: AuditLog;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'fut-audit-'));
    log = new AuditLog(join(dir, 'audit.db'), Buffer.alloc(32, 7));
  });
  afterEach(() => {
    log.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const CASE_1 = '00000000-0000-4000-8000-000000000001';
  const CASE_2 = '00000000-0000-4000-8000-000000000002';
  const label = (id: string | null) => (id === CASE_1 ? 'case-1' : id === CASE_2 ? 'case-2' : id);
  const entry = (at: string, user: string, caseId: string | null) => ({
    at,
    user,
    role: 'investigator',
    action: 'case.read',
    caseId,
    searchedHash: null,
    outcome: 'given' as const,
    status: null,
  });

  it.each<[string, Omit<AuditQuery, 'limit'>]>([
    ['everything, newest first', {}],
    ['one user', { user: 'anna' }],
    ['one case', { caseId: CASE_1 }],
    ['one user in a period', { user: 'anna', from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' }],
    ['one case in a period', { caseId: CASE_1, from: '2026-01-01T00:00:00Z' }],
    ['a period', { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' }],
    ['one user and one case', { user: 'anna', caseId: CASE_1 }],
  ])('%s: read in index order, no sort', (_name, query) => {
    const prepare = jest.spyOn(Database.prototype, 'prepare');
    log.find({ ...query, limit: 50 });
    const sql = prepare.mock.calls.map(([s]) => s).find((s) => /FROM audit/.test(s))!;
    prepare.mockRestore();
    const reader = new Database(join(dir, 'audit.db'), { readonly: true });
    const plan = (
      reader.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ ...query, limit: 50 }) as Array<{ detail: string }>
    ).map((r) => r.detail);
    reader.close();
    expect({ sql, sorts: plan.filter((d) => /TEMP B-TREE/.test(d)) }).toEqual({ sql, sorts: [] });
    // A filter on a period is a range in an index, not a scan of every entry.
    if (query.from || query.to) expect(plan.filter((d) => /^SCAN audit\b/.test(d))).toEqual([]);
  });

  it('answers newest first, entries of the same instant in the order they were recorded', async () => {
    await log.record(entry('2026-01-02T10:00:00.000Z', 'anna', CASE_1));
    await log.record(entry('2026-01-02T10:00:00.000Z', 'anna', CASE_2));
    await log.record(entry('2026-01-02T09:00:00.000Z', 'bo', CASE_1));
    await log.record(entry('2026-01-03T08:00:00.000Z', 'anna', CASE_1));
    const seen = (q: Omit<AuditQuery, 'limit'>) =>
      log.find({ ...q, limit: 10 }).map((e) => `${e.user} ${label(e.caseId)} ${e.at.slice(8, 13)}`);
    expect(seen({})).toEqual(['anna case-1 03T08', 'anna case-2 02T10', 'anna case-1 02T10', 'bo case-1 02T09']);
    expect(seen({ user: 'anna' })).toEqual(['anna case-1 03T08', 'anna case-2 02T10', 'anna case-1 02T10']);
    expect(seen({ caseId: CASE_1, to: '2026-01-03T00:00:00Z' })).toEqual(['anna case-1 02T10', 'bo case-1 02T09']);
    expect(log.find({ user: 'anna', limit: 2 }).map((e) => label(e.caseId))).toEqual(['case-1', 'case-2']);
  });

  it('refuses to store anything but a case id as the case, whatever code builds the entry', async () => {
    for (const caseId of ['19771231-4561', '7712314561', 'Lisa Örnsköld', 'ABCDEF01-0000-4000-8000-000000000001'])
      await expect(log.record(entry('2026-01-02T10:00:00.000Z', 'anna', caseId))).rejects.toThrow(/caseId must be/);
    await expect(
      log.record({ ...entry('2026-01-02T10:00:00.000Z', 'anna', null), searchedHash: '19771231-4561' }),
    ).rejects.toThrow(/searchedHash/);
    await expect(
      log.record({ ...entry('2026-01-02T10:00:00.000Z', 'anna', null), action: 'case.read 19771231-4561' }),
    ).rejects.toThrow(/action/);
    expect(log.head().seq).toBe(0);
  });

  it('counts the entries of an older file that name a case by what a caller sent, and keeps them in the chain', () => {
    log.close();
    const path = join(dir, 'old-audit.db');
    const old = new Database(path);
    old.exec(`CREATE TABLE audit (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, user TEXT NOT NULL,
      role TEXT NOT NULL, action TEXT NOT NULL, case_id TEXT, searched_hash TEXT)`);
    const insert = old.prepare('INSERT INTO audit (at, user, role, action, case_id) VALUES (?, ?, ?, ?, ?)');
    insert.run('2026-01-02T10:00:00.000Z', 'anna', 'investigator', 'case.read', '19771231-4561');
    insert.run('2026-01-02T10:00:01.000Z', 'anna', 'investigator', 'case.read', CASE_1);
    old.close();
    log = new AuditLog(path, Buffer.alloc(32, 7));
    expect(log.verify()).toMatchObject({ entries: 2, foreignCaseIds: 1 });
  });
});
