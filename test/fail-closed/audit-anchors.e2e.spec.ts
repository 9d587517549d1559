import Database from 'better-sqlite3';
import { type ChildProcess, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertBuilt, devToken, exited, freePort, health, kill, startService } from '../support/service-process';

const CLI = join(__dirname, '..', '..', 'dist', 'cli', 'audit-verify.js');
const TRIGGER = (table: string, what: 'update' | 'delete') =>
  `CREATE TRIGGER ${table}_no_${what} BEFORE ${what.toUpperCase()} ON ${table} BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;`;

/**
 * The newest audit entries must not vanish unnoticed. The built service is
 * killed (SIGKILL) after reads and writes; then its files are edited the way
 * someone with access to them would: the newest entries deleted, the newest
 * anchor event deleted from the event log, anchor records deleted from
 * audit.db, with SQLite's own traces (highest id ever, stream revision) set
 * back. `npm run audit:verify` and the service's start must both refuse.
 */
describe('the newest audit entries after a SIGKILL (built service in a child process)', () => {
  let anchored: string;
  let killedAtOnce: string;
  const dirs: string[] = [];
  const children: ChildProcess[] = [];

  const tempDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'fut-anchors-'));
    dirs.push(dir);
    return dir;
  };
  const copyOf = (dir: string): string => {
    const copy = tempDir();
    cpSync(dir, copy, { recursive: true });
    return copy;
  };
  const sql = (file: string, statements: string): void => {
    const db = new Database(file);
    db.exec(statements);
    db.close();
  };
  const one = <T>(file: string, query: string): T => {
    const db = new Database(file, { readonly: true });
    const row = db.prepare(query).get() as T;
    db.close();
    return row;
  };
  const auditHead = (dir: string) => one<{ n: number }>(join(dir, 'audit.db'), 'SELECT MAX(id) AS n FROM audit').n;
  const newestAnchorEvent = (dir: string) =>
    one<{ seq: number; anchor: number; position: number; stream: string } | undefined>(
      join(dir, 'events.db'),
      `SELECT json_extract(data, '$.seq') AS seq, json_extract(data, '$.anchor') AS anchor,
         global_position AS position, stream_id AS stream
       FROM events WHERE type = 'AuditChainAnchored' ORDER BY global_position DESC LIMIT 1`,
    );

  /** Until the event log anchors every audit entry: the service does so within seconds of the last one. */
  async function untilAnchored(dir: string): Promise<void> {
    for (let i = 0; i < 300; i++) {
      if (newestAnchorEvent(dir)?.seq === auditHead(dir)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`audit entries up to ${auditHead(dir)} were not anchored (newest: ${newestAnchorEvent(dir)?.seq})`);
  }

  async function running(dir: string): Promise<{ base: string; auth: Record<string, string>; child: ChildProcess }> {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const child = startService(dir, port);
    children.push(child);
    await health(base);
    const auth = { authorization: `Bearer ${await devToken(base, 'rut.reader', 'unit-head', ['farsta'])}` };
    return { base, auth, child };
  }

  async function someAccesses(base: string, auth: Record<string, string>): Promise<void> {
    const res = await fetch(`${base}/api/cases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify({
        district: 'farsta',
        receivedOn: '2018-02-01',
        source: 'public',
        subject: { gender: 'man' },
      }),
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    for (let i = 0; i < 3; i++) expect((await fetch(`${base}/api/cases/${id}`, { headers: auth })).status).toBe(200);
  }

  beforeAll(async () => {
    assertBuilt();
    // Two rounds of accesses, each anchored by the service on its own, then SIGKILL: no shutdown anchor.
    anchored = tempDir();
    const first = await running(anchored);
    await someAccesses(first.base, first.auth);
    await untilAnchored(anchored);
    await someAccesses(first.base, first.auth);
    await untilAnchored(anchored);
    await kill(first.child);
    // Killed at once after its last accesses, anchored or not.
    killedAtOnce = copyOf(anchored);
    const second = await running(killedAtOnce);
    await someAccesses(second.base, second.auth);
    await kill(second.child);
  }, 120_000);
  afterAll(async () => {
    for (const child of children) await kill(child);
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  const verify = (dir: string) =>
    spawnSync(process.execPath, [CLI], {
      env: { ...process.env, EVENT_STORE_URL: `sqlite:${join(dir, 'events.db')}`, NODE_ENV: 'development' },
      encoding: 'utf8',
    });

  /** Whether the service starts on the files, and what it said. */
  async function start(dir: string): Promise<{ started: boolean; output: string }> {
    const port = await freePort();
    const output: string[] = [];
    const child = startService(dir, port, { output });
    children.push(child);
    const started = await Promise.race([
      exited(child).then(() => false),
      health(`http://127.0.0.1:${port}`).then(
        () => true,
        () => false,
      ),
    ]);
    await kill(child);
    return { started, output: output.join('') };
  }

  async function expectRefused(dir: string, reason: RegExp): Promise<void> {
    const offline = verify(dir);
    expect(offline.stdout).toMatch(/AUDIT LOG NOT INTACT: the audit log is not intact/);
    expect(offline.stdout).toMatch(reason);
    expect(offline.status).toBe(1);
    const { started, output } = await start(dir);
    expect(output).toMatch(/The service did not start: the audit log is not intact/);
    expect(output).toMatch(reason);
    expect(started).toBe(false);
  }

  it('anchors every entry within seconds and records which anchor covered which entries', async () => {
    const audit = join(anchored, 'audit.db');
    const anchors = new Database(audit, { readonly: true });
    const records = anchors.prepare('SELECT anchor, seq FROM audit_anchors ORDER BY anchor').all() as Array<{
      anchor: number;
      seq: number;
    }>;
    anchors.close();
    expect(records.length).toBeGreaterThanOrEqual(2);
    expect(records.map((r) => r.anchor)).toEqual(records.map((_, i) => i + 1));
    expect(records[records.length - 1].seq).toBe(auditHead(anchored));
    expect(newestAnchorEvent(anchored)).toMatchObject({ anchor: records.length, seq: auditHead(anchored) });
    const dir = copyOf(anchored);
    const ok = verify(dir);
    expect(ok.stdout).toMatch(
      new RegExp(`entry ${auditHead(anchored)} on \\S+ \\(anchor ${records.length}\\), matches`),
    );
    expect(ok.status).toBe(0);
    expect((await start(dir)).started).toBe(true);
  });

  it('refuses when the newest entries were deleted after the SIGKILL', async () => {
    const dir = copyOf(anchored);
    sql(join(dir, 'audit.db'), `DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id > ${auditHead(dir) - 3};`);
    await expectRefused(dir, /removed from the end|ends at \d+/);
  });

  it("refuses when the newest entries were deleted and SQLite's highest id set back: the anchor covered them", async () => {
    const dir = copyOf(anchored);
    sql(
      join(dir, 'audit.db'),
      `DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id > ${auditHead(dir) - 3}; ${TRIGGER('audit', 'delete')}
       UPDATE sqlite_sequence SET seq = (SELECT MAX(id) FROM audit) WHERE name = 'audit';`,
    );
    await expectRefused(dir, /the audit log ends at \d+, but anchor \d+ .* covers entries up to \d+/);
  });

  /** Deletes the newest anchor event, and sets back the stream's revision and SQLite's highest position. */
  function deleteNewestAnchorEvent(dir: string): void {
    const { position, stream } = newestAnchorEvent(dir)!;
    sql(
      join(dir, 'events.db'),
      `DELETE FROM events WHERE global_position = ${position};
       UPDATE streams SET revision = revision - 1 WHERE stream_id = '${stream}';
       UPDATE sqlite_sequence SET seq = (SELECT MAX(global_position) FROM events) WHERE name = 'events';`,
    );
  }

  it('refuses when the newest anchor event was deleted from the event log', async () => {
    const dir = copyOf(anchored);
    deleteNewestAnchorEvent(dir);
    await expectRefused(dir, /anchor \d+ of .* is missing from the event log/);
  });

  it('refuses when the newest anchor event and the entries it covered were deleted', async () => {
    const dir = copyOf(anchored);
    const audit = join(dir, 'audit.db');
    const previous = one<{ seq: number }>(audit, 'SELECT seq FROM audit_anchors ORDER BY anchor DESC LIMIT 1 OFFSET 1');
    deleteNewestAnchorEvent(dir);
    sql(
      audit,
      `DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id > ${previous.seq}; ${TRIGGER('audit', 'delete')}
       UPDATE sqlite_sequence SET seq = (SELECT MAX(id) FROM audit) WHERE name = 'audit';`,
    );
    await expectRefused(dir, /anchor \d+ of .* is missing from the event log|ends at \d+/);
  });

  it("refuses when the newest anchor records were deleted from audit.db, SQLite's highest id set back", async () => {
    const dir = copyOf(anchored);
    sql(
      join(dir, 'audit.db'),
      `DROP TRIGGER audit_anchors_no_delete;
       DELETE FROM audit_anchors WHERE anchor >= (SELECT MAX(anchor) - 1 FROM audit_anchors);
       ${TRIGGER('audit_anchors', 'delete')}
       UPDATE sqlite_sequence SET seq = (SELECT MAX(anchor) FROM audit_anchors) WHERE name = 'audit_anchors';`,
    );
    await expectRefused(dir, /the event log holds anchor \d+ .* anchor records were removed from audit\.db/);
  });

  it('refuses when entries were deleted after a SIGKILL that came right after them, anchored yet or not', async () => {
    const dir = copyOf(killedAtOnce);
    sql(join(dir, 'audit.db'), `DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id > ${auditHead(dir) - 2};`);
    await expectRefused(dir, /removed from the end|ends at \d+/);
  });

  it('starts after a crash between the anchor event and its record in audit.db, and records it then', async () => {
    const dir = copyOf(anchored);
    const audit = join(dir, 'audit.db');
    const before = one<{ n: number }>(audit, 'SELECT MAX(anchor) AS n FROM audit_anchors').n;
    // What the crash leaves: the event is in the event log, audit.db lacks its record (and never counted it).
    sql(
      audit,
      `DROP TRIGGER audit_anchors_no_delete; DELETE FROM audit_anchors WHERE anchor = ${before};
       ${TRIGGER('audit_anchors', 'delete')}
       UPDATE sqlite_sequence SET seq = ${before - 1} WHERE name = 'audit_anchors';`,
    );
    const offline = verify(dir);
    expect(offline.stdout).toMatch(/not yet recorded in audit\.db: the service records it at start/);
    expect(offline.status).toBe(0);
    expect((await start(dir)).started).toBe(true);
    expect(one<{ n: number }>(audit, 'SELECT MAX(anchor) AS n FROM audit_anchors').n).toBe(before);
    expect(verify(dir).status).toBe(0);
  });
});
