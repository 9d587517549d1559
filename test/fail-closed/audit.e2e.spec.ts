import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditLog } from '../../src/audit/audit-log';
import { type TestApp, startTestApp } from '../support/test-app';

const register = (t: TestApp, district = 'farsta') =>
  t.http.post('/api/cases').send({ district, receivedOn: '2018-02-01', source: 'public', subject: { gender: 'man' } });

describe('a change is written only if its audit entry is', () => {
  it('answers 503 and stores nothing when the audit log cannot be written', async () => {
    const t = await startTestApp();
    try {
      const id = (await register(t)).body.id as string;
      const events = await t.eventCount();
      t.app.get(AuditLog).close();
      const res = await t.http
        .post(`/api/cases/${id}/journal`)
        .send({ notedOn: '2018-02-02', kind: 'note', text: 'x' });
      expect(res.status).toBe(503);
      expect(res.body.code).toBe('audit-unavailable');
      expect(res.headers['retry-after']).toBe('5');
      expect(await t.eventCount()).toBe(events);
      const registration = await register(t);
      expect(registration.status).toBe(503);
      expect(await t.eventCount()).toBe(events);
    } finally {
      await t.close();
    }
  });
});

describe('refused accesses are audited', () => {
  it("records another district's 404 and a role's 403 with who, what and when", async () => {
    const t = await startTestApp();
    try {
      const id = (await register(t, 'farsta')).body.id as string;
      const other = await t.as('otto.bromma', 'investigator', ['bromma']);
      expect((await other.get(`/api/cases/${id}`)).status).toBe(404);
      expect(
        (await other.post(`/api/cases/${id}/journal`).send({ notedOn: '2018-02-02', kind: 'note', text: 'x' })).status,
      ).toBe(404);
      const department = await t.as('doris.dept', 'department', []);
      expect((await department.get(`/api/cases/${id}`)).status).toBe(403);
      const admin = await t.as('adam.admin', 'admin', []);
      const entries = (await admin.get(`/api/audit?caseId=${id}`)).body.entries as Array<Record<string, unknown>>;
      expect(entries).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            user: 'otto.bromma',
            action: 'case.read',
            outcome: 'refused',
            status: 404,
            at: expect.any(String),
          }),
          expect.objectContaining({ user: 'otto.bromma', action: 'case.journal', outcome: 'refused', status: 404 }),
          expect.objectContaining({ user: 'doris.dept', action: 'case.read', outcome: 'refused', status: 403 }),
        ]),
      );
      // A refusal is not a read: the case's readers leave it out.
      const readers = (await t.http.get(`/api/cases/${id}`)).body.readBy as Array<{ user: string }>;
      expect(readers.map((r) => r.user)).not.toContain('otto.bromma');
    } finally {
      await t.close();
    }
  });
});

describe('an audit log that shows tampering', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'fut-audit-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function history(): Promise<string> {
    const t = await startTestApp(undefined, {}, undefined, dir);
    const id = (await register(t)).body.id as string;
    const reader = await t.as('rut.reader', 'investigator', ['farsta']);
    for (let i = 0; i < 3; i++) await reader.get(`/api/cases/${id}`);
    await t.close(); // anchors the chain head in the event log on the way down
    return id;
  }
  const restart = () => startTestApp(undefined, {}, undefined, dir);

  it('starts again on an untouched log', async () => {
    await history();
    const t = await restart();
    await t.close();
  });

  it("refuses to start when a user's reads were deleted behind the triggers' back", async () => {
    await history();
    const db = new Database(join(dir, 'audit.db'));
    db.exec(`DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE user = 'rut.reader';
      CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;`);
    db.close();
    await expect(restart()).rejects.toThrow(/audit log is not intact at entry \d+/);
  });

  it('refuses to start when a registration was re-attributed', async () => {
    await history();
    const db = new Database(join(dir, 'audit.db'));
    db.exec(`DROP TRIGGER audit_no_update; UPDATE audit SET user = 'someone.else' WHERE action = 'case.register';
      CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;`);
    db.close();
    await expect(restart()).rejects.toThrow(/audit log is not intact at entry 1: its content/);
  });

  it('refuses to start when the chain was made anew after a deletion: the anchor in the event log disagrees', async () => {
    await history();
    const db = new Database(join(dir, 'audit.db'));
    // Deleting rows and dropping the hashes makes the service chain the rest again on start, as for an old file;
    // setting back SQLite's highest-id-ever hides that rows were removed at the end.
    db.exec(`DROP TRIGGER audit_no_delete; DROP TRIGGER audit_no_update; DELETE FROM audit WHERE user = 'rut.reader';
      ALTER TABLE audit DROP COLUMN hash; ALTER TABLE audit DROP COLUMN outcome; ALTER TABLE audit DROP COLUMN status;
      UPDATE audit SET id = id; UPDATE sqlite_sequence SET seq = (SELECT MAX(id) FROM audit) WHERE name = 'audit';`);
    db.close();
    await expect(restart()).rejects.toThrow(/differs from the anchor|ends at \d+/);
  });
});
