import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type TestAgent from 'supertest/lib/agent';
import type { Response } from 'supertest';
import { EVENT_STORE, type EventStore } from '../src/event-store/event-store.port';
import { PersonalFiles } from '../src/files';
import { PROBLEM } from '../src/labels/sv';
import { docxOf, xlsxOf } from '../src/testing/zip-writer';
import { startTestApp, type TestApp } from './support/test-app';

/** A string that must never be found in plain text at rest or in a log once it is inside an uploaded file. */
const MARKER = 'FUT-BILAGA-MARKER-5c1e0f';
const PIN = '19811218-9876';
const NAME = 'Kalle Anka Testsson';
const FILE_NAME = `Kontoutdrag ${NAME} mars.pdf`;

const pdf = (text: string) => Buffer.from(`%PDF-1.4\n1 0 obj << /Text (${text}) >> endobj\n%%EOF\n`);
const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.from(`IHDR ${MARKER}`)]);
const jpeg = Buffer.concat([Buffer.from('ffd8ffe0', 'hex'), Buffer.from(`JFIF ${MARKER}`), Buffer.from('ffd9', 'hex')]);
/** A Windows executable's first bytes, named and sent as a PDF. */
const exe = Buffer.concat([Buffer.from('4d5a90000300000004000000ffff0000', 'hex'), Buffer.alloc(4096, 0x90)]);
const html = Buffer.from(`<!DOCTYPE html><html><body><script>alert("${MARKER}")</script></body></html>`);

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Every file under a directory (recursively). */
function everyFile(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath ?? (e as unknown as { path: string }).path, e.name));
}
/** The files the file store holds (not the partial writes in progress). */
const storedFiles = (dir: string) =>
  existsSync(join(dir, 'files')) ? everyFile(join(dir, 'files')).filter((f) => !f.includes('.partial')) : [];

function binary(res: Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

async function registerCase(http: TestAgent, district = 'farsta'): Promise<{ id: string; url: string }> {
  const res = await http.post('/api/cases').send({
    district,
    receivedOn: '2018-02-01',
    source: 'public',
    subject: { personalIdentityNumber: PIN, name: NAME },
  });
  expect(res.status).toBe(201);
  return { id: res.body.id, url: `/api/cases/${res.body.id}` };
}

const upload = (
  http: TestAgent,
  url: string,
  bytes: Buffer,
  filename: string,
  contentType = 'application/pdf',
  fields: Record<string, string> = {},
) => {
  let req = http.post(`${url}/attachments`);
  for (const [name, value] of Object.entries(fields)) req = req.field(name, value);
  return req.attach('file', bytes, { filename, contentType });
};

describe('attachments (bilagor)', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('round-trips an upload byte for byte: listed with who and when, downloaded by opaque ids, every download audited', async () => {
    const c = await registerCase(t.http);
    const bytes = pdf(`Bevis ${MARKER}`);
    const res = await upload(t.http, c.url, bytes, FILE_NAME, 'application/pdf', {
      description: `Kontoutdrag ${MARKER}`,
    }).set('If-Match', '"0"');
    expect(res.status).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    expect(res.body).toMatchObject({ id: c.id, version: 1, attachmentId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    const attachmentId = res.body.attachmentId as string;
    expect(res.headers.location).toBe(`${c.url}/attachments/${attachmentId}`);

    const view = (await t.http.get(c.url)).body;
    expect(view.attachments).toEqual([
      {
        id: attachmentId,
        addedOn: '2019-06-28',
        addedBy: 'anna.utredare',
        kind: 'pdf',
        size: bytes.length,
        sha256: sha256(bytes),
        name: FILE_NAME,
        description: `Kontoutdrag ${MARKER}`,
        readable: true,
        download: `${c.url}/attachments/${attachmentId}`,
        unavailable: null,
      },
    ]);
    const history = (await t.http.get(`${c.url}/history`)).body;
    expect(history[1]).toMatchObject({
      type: 'AttachmentAdded',
      recordedBy: 'anna.utredare',
      businessDate: '2019-06-28',
    });

    // Another investigator of the district reads it: the same rules as the case.
    const colleague = await t.as('bo.utredare', 'investigator', ['farsta']);
    const download = await colleague.get(view.attachments[0].download).buffer(true).parse(binary);
    expect(download.status).toBe(200);
    expect(Buffer.compare(download.body as Buffer, bytes)).toBe(0);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-length']).toBe(String(bytes.length));
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="Kontoutdrag Kalle Anka Testsson mars.pdf"; filename*=UTF-8''Kontoutdrag%20Kalle%20Anka%20Testsson%20mars.pdf`,
    );
    expect(download.headers['repr-digest']).toBe(`sha-256=:${Buffer.from(sha256(bytes), 'hex').toString('base64')}:`);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-security-policy']).toContain('sandbox');

    const admin = await t.as('adam.admin', 'admin', []);
    const audit = (await admin.get(`/api/audit?caseId=${c.id}`)).body.entries as Array<{
      action: string;
      user: string;
    }>;
    expect(audit.filter((e) => e.action === 'case.attachment-download').map((e) => e.user)).toEqual(['bo.utredare']);
    expect(audit.some((e) => e.action === 'case.attachment-upload' && e.user === 'anna.utredare')).toBe(true);
  });

  it('decides the type from the bytes: DOCX, XLSX, PNG and JPEG whatever their names and headers say', async () => {
    const c = await registerCase(t.http);
    const files: Array<[Buffer, string, string]> = [
      [docxOf(MARKER), 'anteckning.txt', 'text/plain'],
      [xlsxOf(MARKER), 'register', 'application/octet-stream'],
      [png, 'bild.jpg', 'image/jpeg'],
      [jpeg, 'foto.png', 'image/png'],
    ];
    for (const [bytes, filename, type] of files)
      expect((await upload(t.http, c.url, bytes, filename, type)).status).toBe(201);
    const view = (await t.http.get(c.url)).body;
    expect(view.attachments.map((a: { kind: string }) => a.kind)).toEqual(['docx', 'xlsx', 'png', 'jpeg']);
    const docx = await t.http.get(view.attachments[0].download).buffer(true).parse(binary);
    expect(docx.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    // Saved as what it is, not as what it was called.
    expect(docx.headers['content-disposition']).toContain('filename="anteckning.docx"');
    expect(Buffer.compare(docx.body as Buffer, files[0][0])).toBe(0);
  });

  it('refuses a renamed executable, an HTML file and a 30 MB file with a Swedish message, and keeps nothing of them', async () => {
    const c = await registerCase(t.http);
    const events = await t.eventCount();
    const before = storedFiles(t.dir).length;
    const refusals: Array<[Buffer, string, string, number, string]> = [
      [exe, 'kontoutdrag.pdf', 'application/pdf', 415, 'attachment-type-not-allowed'],
      [html, 'bevis.pdf', 'application/pdf', 415, 'attachment-type-not-allowed'],
      [
        Buffer.concat([pdf('stor'), Buffer.alloc(30 * 1024 * 1024, 0x20)]),
        'stor.pdf',
        'application/pdf',
        413,
        'attachment-too-large',
      ],
    ];
    for (const [bytes, filename, type, status, code] of refusals) {
      const res = await upload(t.http, c.url, bytes, filename, type);
      expect({ filename, status: res.status, code: res.body.code }).toEqual({ filename, status, code });
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'file' })]);
      expect(PROBLEM[code as keyof typeof PROBLEM]).toMatch(/Filen/);
    }
    expect(PROBLEM['attachment-too-large']).toBe('Filen är för stor. En bilaga får vara högst 25 MB.');
    expect(await t.eventCount()).toBe(events);
    expect(storedFiles(t.dir)).toHaveLength(before);
    expect(readdirSync(join(t.dir, 'files', '.partial'))).toEqual([]);
    // Exactly 25 MB is taken.
    const atLimit = Buffer.concat([pdf('gräns'), Buffer.alloc(25 * 1024 * 1024 - pdf('gräns').length, 0x20)]);
    const res = await upload(t.http, c.url, atLimit, 'grans.pdf');
    expect(res.status).toBe(201);
    expect((await t.http.get(c.url)).body.attachments[0].size).toBe(25 * 1024 * 1024);
  });

  it('refuses a body that is no upload', async () => {
    const c = await registerCase(t.http);
    const json = await t.http.post(`${c.url}/attachments`).send({ file: 'x' });
    expect({ status: json.status, code: json.body.code }).toEqual({ status: 415, code: 'unsupported-media-type' });
    const noFile = await t.http.post(`${c.url}/attachments`).field('description', 'x');
    expect({ status: noFile.status, code: noFile.body.code }).toEqual({ status: 400, code: 'invalid-request' });
    const twoFiles = await t.http
      .post(`${c.url}/attachments`)
      .attach('file', pdf('a'), 'a.pdf')
      .attach('file', pdf('b'), 'b.pdf');
    expect(twoFiles.status).toBe(400);
    const long = await upload(t.http, c.url, pdf('x'), 'x.pdf', 'application/pdf', { description: 'x'.repeat(2001) });
    expect(long.status).toBe(400);
    expect((await t.http.get(c.url)).body.attachments).toEqual([]);
  });

  it('follows the case’s rules: another district’s case is unknown, a role that may not read cases is refused, a voided case takes none', async () => {
    const c = await registerCase(t.http, 'farsta');
    const added = await upload(t.http, c.url, pdf('x'), 'x.pdf');
    const download = `${c.url}/attachments/${added.body.attachmentId}`;
    const elsewhere = await t.as('utredare.rinkeby', 'investigator', ['rinkeby-kista']);
    expect((await upload(elsewhere, c.url, pdf('y'), 'y.pdf')).status).toBe(404);
    expect((await elsewhere.get(download)).status).toBe(404);
    const department = await t.as('doris', 'department', []);
    expect((await department.get(download)).status).toBe(403);
    expect((await t.http.get(`${c.url}/attachments/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    expect((await t.http.get(`${c.url}/attachments/..%2F..%2Fkeys.db`)).status).toBe(404);
    await t.http.post(`${c.url}/void`).send({ reason: 'duplicate' });
    const voided = await upload(t.http, c.url, pdf('z'), 'z.pdf');
    expect({ status: voided.status, code: voided.body.code }).toEqual({ status: 409, code: 'case-voided' });
  });

  it('uses If-Match and Idempotency-Key as every step: a stale version keeps nothing, a retry adds nothing', async () => {
    const c = await registerCase(t.http);
    const files = storedFiles(t.dir).length;
    const stale = await upload(t.http, c.url, pdf('a'), 'a.pdf').set('If-Match', '"7"');
    expect({ status: stale.status, code: stale.body.code }).toEqual({ status: 412, code: 'stale-version' });
    expect(storedFiles(t.dir)).toHaveLength(files);
    const first = await upload(t.http, c.url, pdf('b'), 'b.pdf')
      .set('Idempotency-Key', 'upload-1')
      .set('If-Match', '"0"');
    const retry = await upload(t.http, c.url, pdf('b'), 'b.pdf')
      .set('Idempotency-Key', 'upload-1')
      .set('If-Match', '"0"');
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect((await t.http.get(c.url)).body.attachments).toHaveLength(1);
    expect(storedFiles(t.dir)).toHaveLength(files + 1);
    const reused = await upload(t.http, c.url, pdf('c'), 'c.pdf').set('Idempotency-Key', 'upload-1');
    expect({ status: reused.status, code: reused.body.code }).toEqual({ status: 409, code: 'idempotency-key-reused' });
    expect(storedFiles(t.dir)).toHaveLength(files + 1);
  });
});

describe('attachments are personal data, whole', () => {
  it('nothing of an uploaded file is in plain text under DATA_DIR or in the logs; culling removes the files, and after shredding nothing can be read and the case says so', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const t = await startTestApp('2019-06-28T10:00:00+02:00', { RETENTION_YEARS: '0', LOG_LEVEL: 'debug' }, sink);
    const backup = mkdtempSync(join(tmpdir(), 'fut-backup-'));
    try {
      const c = await registerCase(t.http);
      const bytes = pdf(`Bevis om ${MARKER}`);
      const added = await upload(t.http, c.url, bytes, `${MARKER} ${NAME}.pdf`, 'application/pdf', {
        description: `Beskrivning ${MARKER}`,
      });
      expect(added.status).toBe(201);
      await upload(t.http, c.url, docxOf(`Word ${MARKER}`), 'w.docx');
      await upload(t.http, c.url, exe, `${MARKER}.pdf`); // refused, and not a trace of it either
      const attachmentId = added.body.attachmentId as string;
      const download = await t.http.get(`${c.url}/attachments/${attachmentId}`).buffer(true).parse(binary);
      expect(Buffer.compare(download.body as Buffer, bytes)).toBe(0);

      const plainAnywhere = () =>
        everyFile(t.dir).filter((f) => {
          const content = readFileSync(f);
          return [MARKER, NAME, 'Bevis om'].some(
            (needle) =>
              content.includes(Buffer.from(needle, 'utf8')) || content.includes(Buffer.from(needle, 'utf16le')),
          );
        });
      expect(everyFile(t.dir).length).toBeGreaterThan(4);
      expect(plainAnywhere()).toEqual([]);
      const logs = lines.join('');
      expect(logs).toContain('/api/cases/:id/attachments');
      for (const needle of [MARKER, NAME, 'Bevis om'])
        expect({ needle, inLogs: logs.includes(needle) }).toEqual({ needle, inLogs: false });

      // A backup of the stored files before culling: ciphertext under the person's key.
      const stored = storedFiles(t.dir);
      expect(stored).toHaveLength(2);
      cpSync(join(t.dir, 'files'), join(backup, 'files'), { recursive: true });

      await t.http.post(`${c.url}/closure`).send({ closedOn: '2019-06-28', reason: 'no-action' });
      const admin = await t.as('adam.admin', 'admin', []);
      const run = (await admin.post('/api/retention/runs').send({ dryRun: false })).body;
      expect(run).toMatchObject({ culled: 1, complete: true });
      expect(storedFiles(t.dir)).toEqual([]);

      const view = (await t.http.get(c.url)).body;
      expect(view.personalData).toBe('culled');
      expect(view.attachments).toHaveLength(2);
      expect(view.attachments[0]).toMatchObject({
        id: attachmentId,
        kind: 'pdf',
        name: '[gallrad]',
        description: '[gallrad]',
        readable: false,
        download: null,
        unavailable: {
          code: 'attachment-culled',
          message: 'Bilagan är gallrad: personuppgifterna i ärendet är borttagna och filen kan inte längre läsas.',
        },
      });
      const gone = await t.http.get(`${c.url}/attachments/${attachmentId}`);
      expect({ status: gone.status, code: gone.body.code }).toEqual({ status: 410, code: 'attachment-culled' });
      expect((await upload(t.http, c.url, pdf('ny'), 'ny.pdf')).body.code).toBe('case-culled');

      // The backup's copy put back: the key is shredded, so it cannot be read, over HTTP or by the service itself.
      cpSync(join(backup, 'files'), join(t.dir, 'files'), { recursive: true });
      expect((await t.http.get(`${c.url}/attachments/${attachmentId}`)).status).toBe(410);
      const history = (await t.http.get(`${c.url}/history`)).body;
      expect(history[1].data.name).toBe('[gallrad]');
      const registration = (await t.app.get(PersonalFiles).read(attachmentId, await keyIdOf(t, c.id))) as unknown;
      expect(registration).toEqual({ shredded: true });
      expect(plainAnywhere()).toEqual([]);
      expect(lines.join('')).not.toContain(MARKER);
      expect(statSync(join(t.dir, 'files')).mode & 0o077).toBe(0);
    } finally {
      await t.close();
      rmSync(backup, { recursive: true, force: true });
    }
  });
});

/** The case's data key id, as its registration recorded it (an id, no secret: the key itself is in keys.db). */
async function keyIdOf(t: TestApp, caseId: string): Promise<string> {
  const [registered] = await t.app.get<EventStore>(EVENT_STORE).readStream(`case-${caseId}`);
  return registered.data.dataKeyId as string;
}
