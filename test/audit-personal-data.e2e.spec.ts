import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { Test } from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { type TestApp, startTestApp } from './support/test-app';

/**
 * The audit log (audit.db) is never culled and administrators read it: it must
 * never hold personal data, whatever a caller puts in a path or a query. Every
 * operation of the OpenAPI document is called, by every role, with a
 * personnummer (in its usual forms) or a name in each path parameter and in
 * the query; then the SQLite files themselves are read, byte by byte.
 */

const PERSONNUMMER = '19771231-4561';
/** What goes in the paths and queries. */
const SENT = [PERSONNUMMER, '7712314561', '771231+4561', 'Lisa Örnsköld'];
/** What must not be in the files: every way the number or the name could have been stored. */
const FORBIDDEN = [
  '19771231-4561',
  '197712314561',
  '771231-4561',
  '7712314561',
  '771231+4561',
  '771231%2B4561',
  'Örnsköld',
  encodeURIComponent('Örnsköld'),
];
const QUERY_NAMES = ['personalIdentityNumber', 'caseNumber', 'investigator', 'district', 'caseId', 'user', 'q', 'id'];

interface Operation {
  method: string;
  path: string;
}

let dir: string;
let t: TestApp;
let running = false;
const log: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fut-audit-pd-'));
  const logs = new PassThrough();
  logs.on('data', (chunk: Buffer) => log.push(chunk.toString('utf8')));
  t = await startTestApp('2019-06-28T10:00:00+02:00', { LOG_LEVEL: 'info' }, logs, dir);
  running = true;
});
afterAll(async () => {
  if (running) await t.close();
  rmSync(dir, { recursive: true, force: true });
});

function found(bytes: Buffer): string[] {
  return FORBIDDEN.filter((s) => bytes.includes(Buffer.from(s, 'utf8')));
}
function auditFiles(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const name of ['audit.db', 'audit.db-wal', 'audit.db-journal']) {
    const path = join(dir, name);
    if (existsSync(path)) out[name] = found(readFileSync(path));
  }
  return out;
}

it('keeps every personnummer and name a caller put in a path or a query out of audit.db and the log', async () => {
  // The person exists: registered, and searched for the way the service allows (in a body).
  const registered = await t.http.post('/api/cases').send({
    district: 'farsta',
    receivedOn: '2019-06-01',
    source: 'public',
    subject: { personalIdentityNumber: PERSONNUMMER, name: 'Lisa Örnsköld' },
  });
  expect(registered.status).toBe(201);
  const search = await t.http.post('/api/cases/search').send({ personalIdentityNumber: PERSONNUMMER });
  expect(search.status).toBe(200);
  expect(search.body.total).toBe(1);

  const doc = (await t.http.get('/api/docs-json')).body as { paths: Record<string, Record<string, unknown>> };
  const operations: Operation[] = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops)
      .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
      // The web sign-in redirects to the identity provider, which needs a listening server (test/pages covers it).
      .filter(() => !/^\/api\/auth\/(login|callback)$/.test(path))
      .map((method) => ({ method, path })),
  );
  const callers: TestAgent[] = [
    t.http,
    await t.as('ina.farsta', 'investigator', ['farsta']),
    await t.as('otto.bromma', 'investigator', ['bromma']),
    await t.as('doris.dept', 'department', []),
    await t.as('adam.admin', 'admin', []),
  ];
  const statuses = new Map<number, number>();
  const failures: string[] = [];
  for (const op of operations) {
    for (const value of SENT) {
      const path = op.path.replace(/\{[^}]+\}/g, encodeURIComponent(value));
      const query = QUERY_NAMES.map((n) => `${n}=${encodeURIComponent(value)}`).join('&');
      for (const url of [path, `${path}?${query}`]) {
        for (const caller of callers) {
          const req = (caller as unknown as Record<string, (url: string) => Test>)[op.method](url);
          const res = await (op.method === 'get' ? req : req.send({}));
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status >= 500) failures.push(`${op.method.toUpperCase()} ${url}: ${res.status} ${res.text}`);
        }
      }
    }
  }
  // No call failed on the service's side, and refusals did happen (and were audited).
  expect(failures).toEqual([]);
  expect(statuses.get(404)).toBeGreaterThan(0);
  expect(statuses.get(403)).toBeGreaterThan(0);
  const admin = callers[4];
  const entries = (await admin.get('/api/audit?limit=10000')).body.entries as Array<{
    outcome: string;
    caseId: string | null;
    action: string;
  }>;
  expect(entries.filter((e) => e.outcome === 'refused' && e.action === 'case.read').length).toBeGreaterThan(0);

  // The files themselves, while the service runs (the newest pages are in the write-ahead log) ...
  expect(auditFiles()).toEqual(Object.fromEntries(Object.keys(auditFiles()).map((k) => [k, []])));
  // An entry names a case only by a case id the service made.
  expect(entries.map((e) => e.caseId).filter((id) => id !== null && !/^[0-9a-f-]{36}$/.test(id))).toEqual([]);
  // ... the log lines ...
  expect(log.filter((line) => found(Buffer.from(line, 'utf8')).length > 0)).toEqual([]);
  // ... and once it has stopped and the log is checkpointed into the database file.
  running = false;
  await t.close();
  const db = new Database(join(dir, 'audit.db'), { readonly: true });
  expect((db.prepare('SELECT COUNT(*) AS n FROM audit').get() as { n: number }).n).toBeGreaterThan(100);
  db.close();
  expect(auditFiles()).toEqual(Object.fromEntries(Object.keys(auditFiles()).map((k) => [k, []])));
}, 300_000);
