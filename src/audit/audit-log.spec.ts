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
    ['one case', { caseId: 'case-1' }],
    ['one user in a period', { user: 'anna', from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' }],
    ['one case in a period', { caseId: 'case-1', from: '2026-01-01T00:00:00Z' }],
    ['a period', { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' }],
    ['one user and one case', { user: 'anna', caseId: 'case-1' }],
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
    await log.record(entry('2026-01-02T10:00:00.000Z', 'anna', 'case-1'));
    await log.record(entry('2026-01-02T10:00:00.000Z', 'anna', 'case-2'));
    await log.record(entry('2026-01-02T09:00:00.000Z', 'bo', 'case-1'));
    await log.record(entry('2026-01-03T08:00:00.000Z', 'anna', 'case-1'));
    const seen = (q: Omit<AuditQuery, 'limit'>) =>
      log.find({ ...q, limit: 10 }).map((e) => `${e.user} ${e.caseId} ${e.at.slice(8, 13)}`);
    expect(seen({})).toEqual(['anna case-1 03T08', 'anna case-2 02T10', 'anna case-1 02T10', 'bo case-1 02T09']);
    expect(seen({ user: 'anna' })).toEqual(['anna case-1 03T08', 'anna case-2 02T10', 'anna case-1 02T10']);
    expect(seen({ caseId: 'case-1', to: '2026-01-03T00:00:00Z' })).toEqual(['anna case-1 02T10', 'bo case-1 02T09']);
    expect(log.find({ user: 'anna', limit: 2 }).map((e) => e.caseId)).toEqual(['case-1', 'case-2']);
  });
});
