import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import PizZip from 'pizzip';
import type { Response } from 'supertest';
import { formatKronor } from '../src/labels/format';
import { DOCUMENT_TYPES, type DocumentType } from '../src/cases/steps/document/document.step';
import { defaultTemplate } from '../src/documents/templates/default-templates';
import {
  abilityToPayAssessed,
  caseRegistered,
  caseSpecification,
  claimWaived,
  communicationSent,
  compensationSuitDecided,
  compensationSuitFiled,
  investigationCompleted,
  investigationOpened,
  kr,
  person,
  policeReportFiled,
  repaymentClaimDecided,
  repaymentPlanAgreed,
} from './support/given';
import { type TestApp, startTestApp } from './support/test-app';
import { EVENT_STORE, type EventStore } from '../src/event-store/event-store.port';
import { PersonalFiles } from '../src/files';
import { PersonalData } from '../src/personal-data/personal-data';

/**
 * Documents made from a case (issue 21): each type issued over HTTP from a
 * case taken through investigation (with its calculation), claim, plan,
 * police report, suit, waiver and a notification; read back with pdftotext
 * and from the DOCX's word/document.xml; the files' sha-256 as the events
 * record; a reissue the same; the city's template used next; a template with
 * an unknown placeholder refused naming it.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('2019-06-28T10:00:00+02:00');
  mkdirSync(artifacts, { recursive: true });
});
afterAll(async () => {
  await t.close();
});
const { givenCase } = caseSpecification(() => t);

const NAME = 'Anna Andersson';
const PIN = '19811218-9876';
const calc = (month: string, paidOn: string, paid: number, correct: number, reason: string | null = null) => ({
  paidOn,
  grantedOn: paidOn,
  amountOre: kr(paid) - kr(correct),
  month,
  paidAmountOre: kr(paid),
  correctAmountOre: kr(correct),
  reason,
});
const PAYMENTS = [
  calc('2018-01', '2017-12-22', 8200, 5200, 'Lön från Bygg AB'),
  calc('2018-02', '2018-01-25', 8200, 4700.5),
  calc('2018-03', '2018-02-23', 8200, 8000),
];
const TOTAL = 6699.5;

/** The case of the issue's "done when": investigation, claim, plan, police report and suit (and a waiver and a notification). */
function fullCase() {
  return givenCase(
    caseRegistered({
      receivedOn: '2018-03-01',
      subject: person(PIN, NAME),
      assistanceCaseNumber: 'EB-2017-4711',
      reportedBy: 'Socialsekreterare Eva Ek',
    }),
    investigationOpened({ decidedOn: '2018-03-05' }),
    investigationCompleted({ completedOn: '2018-04-10', incorrectPayments: PAYMENTS }),
    repaymentClaimDecided({ decidedOn: '2018-04-20', amountOre: kr(TOTAL), paymentIndexes: [0, 1, 2] }),
    policeReportFiled({ filedOn: '2018-04-22' }),
    {
      type: 'AuthorityNotified',
      data: { sentOn: '2018-04-23', authority: 'forsakringskassan', concerning: 'housing-allowance' },
    },
    repaymentPlanAgreed({ agreedOn: '2018-04-25', monthlyAmountOre: kr(1000), firstDueOn: '2018-05-31' }),
    abilityToPayAssessed({ assessedOn: '2018-06-01' }),
    compensationSuitDecided({ decidedOn: '2018-06-05' }),
    compensationSuitFiled({ filedOn: '2018-06-10', amountOre: kr(5000) }),
    claimWaived({ decidedOn: '2018-06-15', reason: 'other', amountOre: kr(500) }),
    // A kommunicering whose last day to respond is still ahead (the test's today is 2019-06-28).
    communicationSent({ sentOn: '2019-06-24', respondBy: '2019-07-12' }),
  );
}

/** Text as compared: every run of white space (no-break spaces too) as one space. */
const flat = (text: string): string => text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();

/** Each document is kept under test/artifacts/documents/ (as the report's pages are) to look at. */
const artifacts = join(__dirname, 'artifacts', 'documents');

function pdfText(pdf: Buffer, name: string): string {
  const file = join(artifacts, `${name}.pdf`);
  writeFileSync(file, pdf);
  return flat(execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-']).toString('utf8'));
}

function docxText(docx: Buffer): string {
  const xml = new PizZip(docx).file('word/document.xml')!.asText();
  return flat(
    xml
      .replace(/<w:br\/>|<\/w:p>|<w:tab\/>/g, ' ')
      .replace(/<[^>]+>/g, '')
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'"),
  );
}

function everyFile(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath ?? (e as unknown as { path: string }).path, e.name));
}
/** The files the file store holds (not writes in progress). */
const storedFiles = (root: string): string[] =>
  existsSync(join(root, 'files')) ? everyFile(join(root, 'files')).filter((f) => !f.includes('.partial')) : [];

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

async function download(url: string, format: 'pdf' | 'docx'): Promise<Buffer> {
  const res = await t.http
    .get(`${url}?format=${format}`)
    .buffer(true)
    .parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    });
  expect(res.status).toBe(200);
  return res.body as Buffer;
}

async function issue(caseUrl: string, body: Record<string, unknown>, status = 201): Promise<Response> {
  const res = await t.http.post(`${caseUrl}/documents`).send(body);
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}

const MONTHS = ['januari 2018', 'februari 2018', 'mars 2018'];
const AMOUNTS = [8200, 5200, 3000, 4700.5, 3499.5, 8000, 200].map(formatKronor);
const PARAGRAPH = '9 kap. 1 § socialtjänstlagen (2001:453)';

describe('documents made from a case', () => {
  it('issues every document type as PDF and DOCX saying the same: the person, the case, the calculation month by month with its sum, the law; the claim its appeal; each file as the event records it', async () => {
    const c = await fullCase();
    for (const type of Object.keys(DOCUMENT_TYPES) as DocumentType[]) {
      const res = await issue(c.url, { documentType: type });
      expect(res.body).toMatchObject({ documentType: type, templateVersion: 0 });
      const fileUrl = `${c.url}/documents/${res.body.documentId}/file`;
      const pdf = await download(fileUrl, 'pdf');
      const docx = await download(fileUrl, 'docx');
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect({ type, pdf: sha256(pdf), docx: sha256(docx) }).toEqual({
        type,
        pdf: res.body.sha256,
        docx: res.body.docxSha256,
      });
      writeFileSync(join(artifacts, `${type}.docx`), docx);
      const texts = { pdf: pdfText(pdf, type), docx: docxText(docx) };
      for (const [format, text] of Object.entries(texts)) {
        const expected = [NAME, PIN, c.caseNumber, ...MONTHS, ...AMOUNTS, formatKronor(TOTAL), PARAGRAPH];
        if (type === 'repayment-claim-decision')
          expected.push(
            'Hur du kan få beslutet prövat',
            'kan inte överklagas genom förvaltningsbesvär',
            '16 kap. 3 § socialtjänstlagen (2001:453)',
            'ersättningstalan',
            'förvaltningsrätten',
            'laglighetsprövning',
            'inom tre veckor',
            'Ett beslut om återkrav kan inte verkställas',
            'HFD 2013 ref. 18',
            'kammarrätten',
            '37–38 §§ förvaltningslagen',
            'eftergift',
            '9 kap. 4 § socialtjänstlagen (2001:453)',
          );
        if (type === 'communication-letter')
          expect(text).toContain(flat('Lämna dina synpunkter senast den 2019-07-12'));
        for (const part of expected)
          expect({ type, format, has: text.includes(flat(part)) ? part : text }).toEqual({ type, format, has: part });
      }
    }
    // The events: each names its type, template version, the version made from and the PDF's sha-256.
    const history = await t.http.get(`${c.url}/history`);
    const issued = (history.body as Array<{ type: string; data: Record<string, unknown> }>).filter(
      (e) => e.type === 'DocumentIssued',
    );
    expect(issued.map((e) => e.data.documentType)).toEqual(Object.keys(DOCUMENT_TYPES));
    expect(issued[0].data).toMatchObject({
      documentId: '1',
      templateVersion: 0,
      madeFromVersion: c.version,
      issuedBy: 'anna.utredare',
    });
    // Each later one was made from the case as the one before left it.
    expect(issued.map((e) => e.data.madeFromVersion)).toEqual(issued.map((_, i) => c.version + i));
  });

  it('gives the same text and the same bytes when reissued from an unchanged case', async () => {
    const c = await fullCase();
    const first = await issue(c.url, { documentType: 'repayment-claim-decision' });
    const second = await issue(c.url, { documentType: 'repayment-claim-decision' });
    expect(second.body.documentId).toBe('2');
    expect(second.body.sha256).toBe(first.body.sha256);
    expect(second.body.docxSha256).toBe(first.body.docxSha256);
    const [a, b] = await Promise.all(
      [first, second].map((r) => download(`${c.url}/documents/${r.body.documentId}/file`, 'pdf')),
    );
    expect(pdfText(b, 'second')).toBe(pdfText(a, 'first'));
  });

  it('says of the payments past their three-year limit that they cannot go to court', async () => {
    const c = await givenCase(
      caseRegistered({ receivedOn: '2018-03-01', subject: person(PIN, NAME) }),
      investigationOpened({ decidedOn: '2018-03-05' }),
      investigationCompleted({
        completedOn: '2018-04-10',
        incorrectPayments: [calc('2015-02', '2015-01-23', 8200, 5200), calc('2018-02', '2018-01-25', 8200, 7200)],
      }),
      repaymentClaimDecided({ decidedOn: '2018-04-20', amountOre: kr(4000), paymentIndexes: [0, 1] }),
    );
    const res = await issue(c.url, { documentType: 'repayment-claim-decision' });
    const text = pdfText(await download(`${c.url}/documents/${res.body.documentId}/file`, 'pdf'), 'past-limit');
    expect(text).toContain(flat(`För utbetalningen den 2015-01-23 (${formatKronor(3000)}) har det gått mer än tre år`));
    expect(text).toContain('kan inte prövas av förvaltningsrätten');
  });

  it('refuses a document the case holds nothing for, and an unknown claim', async () => {
    const c = await givenCase(
      caseRegistered({ receivedOn: '2018-03-01', subject: person(PIN, NAME) }),
      investigationOpened({ decidedOn: '2018-03-05' }),
      investigationCompleted({ completedOn: '2018-04-10', incorrectPayments: PAYMENTS }),
    );
    const none = await issue(c.url, { documentType: 'police-report' }, 409);
    expect(none.body).toMatchObject({ code: 'document-needs-police-report' });
    const claimless = await issue(c.url, { documentType: 'repayment-claim-decision' }, 409);
    expect(claimless.body).toMatchObject({ code: 'no-claim' });
    const full = await fullCase();
    const unknown = await issue(full.url, { documentType: 'repayment-claim-decision', concerning: '9' }, 422);
    expect(unknown.body).toMatchObject({ code: 'unknown-concerning', errors: [{ field: 'concerning' }] });
    const none2 = await issue(c.url, { documentType: 'communication-letter' }, 409);
    expect(none2.body).toMatchObject({ code: 'document-needs-communication' });
    const stale = await t.http
      .post(`${c.url}/documents`)
      .set('If-Match', `"${c.version - 1}"`)
      .send({ documentType: 'repayment-claim-decision' });
    expect(stale.body).toMatchObject({ status: 412, code: 'stale-version' });
    // Nothing was recorded on either case, and no file was left behind.
    for (const url of [c.url, full.url]) expect((await t.http.get(url)).body.documents).toEqual([]);
  });

  it('records that a document was sent, with the day and the channel; the case page lists it', async () => {
    const c = await fullCase();
    const res = await issue(c.url, { documentType: 'police-report' });
    const sent = await t.http
      .post(`${c.url}/documents/${res.body.documentId}/sent`)
      .set('If-Match', `"${res.body.version}"`)
      .send({ sentOn: '2019-06-28', channel: 'e-service' });
    expect(sent.status).toBe(200);
    const again = await t.http
      .post(`${c.url}/documents/${res.body.documentId}/sent`)
      .send({ sentOn: '2019-06-28', channel: 'post' });
    expect(again.body).toMatchObject({ status: 409, code: 'document-already-sent' });
    const view = await t.http.get(c.url);
    expect(view.body.documents).toEqual([
      expect.objectContaining({
        documentId: '1',
        documentType: 'police-report',
        label: 'Polisanmälan',
        madeFromVersion: c.version,
        issuedBy: 'anna.utredare',
        issuedOn: '2019-06-28',
        sha256: res.body.sha256,
        sent: { sentOn: '2019-06-28', channel: 'e-service', channelLabel: DOCUMENT_CHANNEL_E_SERVICE },
      }),
    ]);
    expect(view.body.documentsOffered).toContainEqual(
      expect.objectContaining({
        documentType: 'repayment-claim-decision',
        available: true,
        concerning: ['1'],
        afterSteps: ['repayment-claim'],
      }),
    );
  });

  it('answers a keyed retry with the first document, keeping no second copy of its files', async () => {
    const c = await fullCase();
    const send = () =>
      t.http.post(`${c.url}/documents`).set('Idempotency-Key', 'utfarda-1').send({ documentType: 'waiver-decision' });
    const first = await send();
    const files = storedFiles(t.dir).length;
    const retry = await send();
    expect(retry.status).toBe(201);
    expect(retry.body).toMatchObject({ documentId: first.body.documentId, sha256: first.body.sha256 });
    expect(storedFiles(t.dir)).toHaveLength(files);
    expect((await t.http.get(c.url)).body.documents).toHaveLength(1);
  });
});

describe('documents are personal data, whole', () => {
  it('nothing of a document is in plain text under DATA_DIR or in the logs; culling removes its files, and after shredding none can be read', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const app = await startTestApp('2019-06-28T10:00:00+02:00', { RETENTION_YEARS: '0', LOG_LEVEL: 'debug' }, sink);
    try {
      const { givenCase: given } = caseSpecification(() => app);
      const MARKER = 'MARKÖR-DOK-93f1';
      const c = await given(
        caseRegistered({ receivedOn: '2018-03-01', subject: person(PIN, `${NAME} ${MARKER}`) }),
        investigationOpened({ decidedOn: '2018-03-05' }),
        investigationCompleted({
          completedOn: '2018-04-10',
          incorrectPayments: [calc('2018-01', '2017-12-22', 8200, 5200, `Skäl ${MARKER}`)],
        }),
        communicationSent({ sentOn: '2019-06-24', respondBy: '2019-07-12', material: `Underlag ${MARKER}` }),
      );
      const issued = await app.http.post(`${c.url}/documents`).send({ documentType: 'communication-letter' });
      expect(issued.status).toBe(201);
      const pdf = await app.http
        .get(`${c.url}/documents/${issued.body.documentId}/file`)
        .buffer(true)
        .parse((r, done) => {
          const chunks: Buffer[] = [];
          r.on('data', (b: Buffer) => chunks.push(b));
          r.on('end', () => done(null, Buffer.concat(chunks)));
        });
      // The marker is in the document (pdftotext reads it), and nowhere in plain text on disk or in the logs.
      expect(pdfText(pdf.body as Buffer, 'marker')).toContain(MARKER);
      expect(storedFiles(app.dir)).toHaveLength(2);
      const plain = everyFile(app.dir).filter((f) => {
        const content = readFileSync(f);
        return [MARKER, 'Skäl MARK'].some(
          (needle) => content.includes(Buffer.from(needle, 'utf8')) || content.includes(Buffer.from(needle, 'utf16le')),
        );
      });
      expect(plain).toEqual([]);
      const logs = lines.join('');
      expect(logs).toContain('/api/cases/:id/documents');
      expect(logs.includes(MARKER)).toBe(false);

      // Culled with the case: its files go, and nothing can be read.
      await app.http.post(`${c.url}/closure`).send({ closedOn: '2019-06-28', reason: 'no-claim' });
      const admin = await app.as('adam.admin', 'admin', []);
      expect((await admin.post('/api/retention/runs').send({ dryRun: false })).body).toMatchObject({ culled: 1 });
      expect(storedFiles(app.dir)).toEqual([]);
      const gone = await app.http.get(`${c.url}/documents/${issued.body.documentId}/file`);
      expect(gone.body).toMatchObject({ status: 410, code: 'document-shredded' });
      expect((await app.http.get(c.url)).body).toMatchObject({
        personalData: 'culled',
        documents: [expect.anything()],
      });
    } finally {
      await app.close();
    }
  });
});

const DOCUMENT_CHANNEL_E_SERVICE = 'E-tjänst (till exempel domstolens eller myndighetens)';

/** A PNG of one colour, `w` by `h`: the city's logo in its template. */
function png(w: number, h: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const rows = Buffer.concat(
    Array.from({ length: h }, () => Buffer.concat([Buffer.from([0]), Buffer.alloc(w * 3, 0x1f)])),
  );
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The default template with the city's letterhead (a logo and its lines) and contact lines in place of the default's. */
function cityTemplate(type: DocumentType, extraBody = ''): Buffer {
  const zip = new PizZip(defaultTemplate(type));
  const W =
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"';
  const para = (text: string) => `<w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
  const drawing =
    '<w:p><w:r><w:drawing><wp:inline><wp:extent cx="1440000" cy="400000"/><wp:docPr id="1" name="Logotyp" descr="Stockholms stads logotyp"/>' +
    '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="logo.png"/><pic:cNvPicPr/></pic:nvPicPr>' +
    '<pic:blipFill><a:blip r:embed="rIdLogo"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1440000" cy="400000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>' +
    '</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>';
  zip.file(
    'word/header1.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr ${W}>${drawing}${para('Stockholms stad')}${para('{namnd}, Socialförvaltningen')}</w:hdr>`,
  );
  zip.file(
    'word/_rels/header1.xml.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdLogo" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/logo.png"/></Relationships>',
  );
  zip.file('word/media/logo.png', png(120, 40));
  zip.file(
    'word/footer1.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr ${W}>${para('Box 1234, 123 45 Stockholm · Bankgiro 123-4567 · Handläggare {handlaggare}')}</w:ftr>`,
  );
  if (extraBody) {
    const document = zip.file('word/document.xml')!.asText();
    zip.file('word/document.xml', document.replace('<w:body>', `<w:body>${para(extraBody)}`));
  }
  return zip.generate({ type: 'nodebuffer' }) as Buffer;
}

describe("the municipality's own templates", () => {
  let admin: Awaited<ReturnType<TestApp['as']>>;
  beforeAll(async () => {
    admin = await t.as('adam.admin', 'admin', []);
  });

  it('uses an administrator’s template with the city’s letterhead for the next document: in the DOCX, and its letterhead, logo and contact lines in the PDF', async () => {
    const c = await fullCase();
    const before = await issue(c.url, { documentType: 'waiver-decision' });
    const upload = await admin
      .post('/api/document-templates/waiver-decision')
      .attach('file', cityTemplate('waiver-decision', 'Stockholms stad beslutar i ärende {arendenummer}'), 'mall.docx');
    expect(upload.status).toBe(201);
    expect(upload.body).toMatchObject({ version: 1, source: 'uploaded', changedBy: 'adam.admin' });
    const after = await issue(c.url, { documentType: 'waiver-decision' });
    expect(after.body.templateVersion).toBe(1);
    expect(after.body.sha256).not.toBe(before.body.sha256);
    const url = `${c.url}/documents/${after.body.documentId}/file`;
    const pdf = await download(url, 'pdf');
    const text = pdfText(pdf, 'city');
    for (const part of [
      'Stockholms stad',
      'Socialförvaltningen',
      'Bankgiro 123-4567',
      NAME,
      c.caseNumber,
      formatKronor(TOTAL),
    ])
      expect(text).toContain(flat(part));
    // The logo is drawn: the PDF holds an image, tagged as a figure.
    expect(pdf.toString('latin1')).toMatch(/\/Subtype \/Image/);
    const docx = docxText(await download(url, 'docx'));
    expect(docx).toContain(`Stockholms stad beslutar i ärende ${c.caseNumber}`);
    const list = await admin.get('/api/document-templates');
    expect(list.body).toContainEqual(
      expect.objectContaining({ documentType: 'waiver-decision', current: expect.objectContaining({ version: 1 }) }),
    );
    // Back to the default: a new version, the history kept.
    const restored = await admin.post('/api/document-templates/waiver-decision/default');
    expect(restored.body).toMatchObject({ version: 2, source: 'default' });
    const again = await issue(c.url, { documentType: 'waiver-decision' });
    expect(again.body).toMatchObject({ templateVersion: 2, sha256: before.body.sha256 });
    await admin.post('/api/document-templates/waiver-decision/default');
  });

  it('refuses a template with an unknown placeholder, naming it in Swedish, and broken syntax, naming the tag; the template in use stays', async () => {
    const unknown = await admin
      .post('/api/document-templates/repayment-claim-decision')
      .attach('file', cityTemplate('repayment-claim-decision', 'Kundnummer: {kundnummer}'), 'mall.docx');
    expect(unknown.status).toBe(422);
    expect(unknown.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(unknown.body).toMatchObject({
      code: 'template-invalid',
      placeholder: '{kundnummer}',
      sv: expect.stringContaining('{kundnummer}'),
      errors: [{ field: 'file', message: expect.stringContaining('{kundnummer}') }],
    });
    const broken = await admin
      .post('/api/document-templates/repayment-claim-decision')
      .attach('file', cityTemplate('repayment-claim-decision', 'Datum: {datum'), 'mall.docx');
    expect(broken.status).toBe(422);
    expect(broken.body).toMatchObject({ code: 'template-invalid', sv: expect.stringMatching(/\{datum/) });
    const notDocx = await admin
      .post('/api/document-templates/repayment-claim-decision')
      .attach('file', Buffer.from('<html>inte en mall</html>'), 'mall.docx');
    expect(notDocx.body).toMatchObject({ status: 415, code: 'template-not-docx' });
    const list = await admin.get('/api/document-templates');
    expect(list.body).toContainEqual(
      expect.objectContaining({
        documentType: 'repayment-claim-decision',
        current: expect.objectContaining({ version: 0 }),
      }),
    );
    // Only administrators keep the templates.
    expect((await t.http.get('/api/document-templates')).status).toBe(403);
  });
});

/**
 * Issue 20's data in the documents: who decided under which delegation
 * point, the appeal route as the case view gives it (appeals.ts), the
 * kommunicering a kommuniceringsbrev is made from, each police report with
 * its recipient and reference, refused waivers, a claim past its limits, a
 * second liable adult's own decision under their own key, and the files of a
 * protected person's case.
 */
describe("issue 20's data in the documents", () => {
  const pdfOf = async (caseUrl: string, body: Record<string, unknown>, name: string) => {
    const res = await issue(caseUrl, body);
    return { res, text: pdfText(await download(`${caseUrl}/documents/${res.body.documentId}/file`, 'pdf'), name) };
  };
  type Offer = {
    documentType: string;
    due: Array<{ concerning: string; person: string }>;
    offerAfter: Array<{ step: string; concerning: string; person: string }>;
  };
  const offerOf = async (caseUrl: string, type: DocumentType): Promise<Offer> =>
    ((await t.http.get(caseUrl)).body.documentsOffered as Offer[]).find((o) => o.documentType === type)!;

  it('signs the claim decision by who took it under which point, and tells the appeal route the case view gives', async () => {
    const c = await givenCase(
      caseRegistered({ receivedOn: '2018-03-01', subject: person(PIN, NAME) }),
      investigationOpened({ decidedOn: '2018-03-05' }),
      investigationCompleted({ completedOn: '2018-04-10', incorrectPayments: PAYMENTS }),
      repaymentClaimDecided({
        decidedOn: '2018-04-20',
        amountOre: kr(TOTAL),
        paymentIndexes: [0, 1, 2],
        decisionMaker: { decidedBy: 'karin.chef', capacity: 'unit-head', delegationPoint: '4.1' },
      }),
    );
    const { text } = await pdfOf(c.url, { documentType: 'repayment-claim-decision' }, 'claim-decision-maker');
    expect(text).toContain(flat('karin.chef, Enhetschef (delegationsordningen punkt 4.1)'));
    const view = (await t.http.get(c.url)).body;
    const appeal = view.decisions.find((d: { type: string }) => d.type === 'repayment-claim').appeal;
    // One source: every paragraph of the case view's appeal text is in the letter, and its source.
    for (const paragraph of (appeal.instructions as string).split('\n\n')) expect(text).toContain(flat(paragraph));
    expect(text).toContain(flat(appeal.source));
  });

  it('says of a claim decided on payments all past their limit that it cannot be taken to court, as the case view does', async () => {
    const c = await givenCase(
      caseRegistered({ receivedOn: '2018-03-01', subject: person(PIN, NAME) }),
      investigationOpened({ decidedOn: '2018-03-05' }),
      investigationCompleted({
        completedOn: '2018-04-10',
        incorrectPayments: [calc('2015-02', '2015-01-23', 8200, 5200)],
      }),
      repaymentClaimDecided({
        decidedOn: '2018-04-20',
        amountOre: kr(3000),
        paymentIndexes: [0],
        paymentsPastLimit: { expiredAmountOre: kr(3000) },
      }),
    );
    const { text } = await pdfOf(c.url, { documentType: 'repayment-claim-decision' }, 'claim-past-limit');
    expect(text).toContain('Kravet kan därför inte tas till domstol');
    expect(text).toContain(flat('så nämnden kan inte heller ansöka hos förvaltningsrätten om ersättningstalan'));
    expect(text).not.toContain('Betalar du inte frivilligt kan nämnden ansöka');
    const view = (await t.http.get(c.url)).body;
    const appeal = view.decisions.find((d: { type: string }) => d.type === 'repayment-claim').appeal;
    expect(appeal.instructions).toContain('Kravet kan därför inte prövas av domstol');
  });

  it('makes the kommuniceringsbrev of the kommunicering recorded, offered right after the step, and refuses one whose last day has passed', async () => {
    const c = await givenCase(
      caseRegistered({ receivedOn: '2018-03-01', subject: person(PIN, NAME) }),
      investigationOpened({ decidedOn: '2018-03-05' }),
      investigationCompleted({ completedOn: '2018-04-10', incorrectPayments: PAYMENTS }),
    );
    const recorded = await t.http.post(`${c.url}/communications`).send({
      concerning: 'repayment-claim',
      sentOn: '2019-06-28',
      respondBy: '2019-07-12',
      material: 'Lönebesked från Bygg AB för januari–mars 2018.',
    });
    expect(recorded.status).toBe(200);
    const offered = await offerOf(c.url, 'communication-letter');
    expect(offered.offerAfter).toEqual([{ step: 'communication', concerning: '1', person: 'subject' }]);
    expect(offered.due).toEqual([expect.objectContaining({ concerning: '1', person: 'subject' })]);
    const { res, text } = await pdfOf(
      c.url,
      { documentType: 'communication-letter', concerning: '1' },
      'kommunicering',
    );
    for (const part of [
      'Kommunicering inför beslut om återkrav',
      'Datum: 2019-06-28',
      'Lämna dina synpunkter senast den 2019-07-12',
      'Lönebesked från Bygg AB för januari–mars 2018.',
      '25 § förvaltningslagen (2017:900)',
      ...MONTHS,
      formatKronor(TOTAL),
    ])
      expect(text).toContain(flat(part));
    const history = (await t.http.get(`${c.url}/history`)).body as Array<{ type: string; data: Json }>;
    expect(history.find((e) => e.type === 'DocumentIssued')!.data).toMatchObject({
      documentId: res.body.documentId,
      concerning: '1',
      respondBy: '2019-07-12',
    });
    expect((await offerOf(c.url, 'communication-letter')).due).toEqual([]);

    // A kommunicering whose last day to respond is over gets no letter telling the person to answer by then.
    await t.http.post(`${c.url}/communications`).send({
      concerning: 'waiver',
      sentOn: '2019-05-02',
      respondBy: '2019-05-16',
      material: 'Ansökan om eftergift och inkomstuppgifterna.',
    });
    const late = await issue(c.url, { documentType: 'communication-letter', concerning: '2' }, 422);
    expect(late.body).toMatchObject({ code: 'respond-by-before-letter', errors: [{ field: 'concerning' }] });
  });

  it('makes a police report document of each report: its recipient, its reference, its acts', async () => {
    const c = await givenCase(
      caseRegistered({ receivedOn: '2018-03-01', subject: person(PIN, NAME) }),
      investigationOpened({ decidedOn: '2018-03-05' }),
      investigationCompleted({ completedOn: '2018-04-10', incorrectPayments: PAYMENTS }),
      policeReportFiled({ filedOn: '2018-04-22', acts: [{ paidOn: '2017-12-22', amountOre: kr(3000) }] }),
      policeReportFiled({
        reportId: '2',
        filedOn: '2018-05-02',
        recipient: 'prosecutor',
        reference: 'AM-4711-18',
        offence: 'gross',
        decisionMaker: { decidedBy: 'karin.chef', capacity: 'unit-head', delegationPoint: '5.1' },
        acts: [
          { paidOn: '2018-01-25', amountOre: kr(3499.5) },
          { paidOn: '2018-02-23', amountOre: kr(200) },
        ],
      }),
    );
    expect((await offerOf(c.url, 'police-report')).offerAfter).toEqual([
      { step: 'police-report', concerning: '2', person: 'subject' },
    ]);
    const first = await pdfOf(c.url, { documentType: 'police-report', concerning: '1' }, 'police-report-1');
    const second = await pdfOf(c.url, { documentType: 'police-report', concerning: '2' }, 'police-report-2');
    expect(first.text).toContain('Polismyndigheten');
    expect(first.text).toContain('januari 2018');
    expect(first.text).not.toContain('februari 2018');
    for (const part of [
      'Åklagarmyndigheten',
      'Er referens: AM-4711-18',
      'misstänkt grovt bidragsbrott',
      'Anmälan kompletterar nämndens polisanmälan den 2018-04-22 till Polismyndigheten',
      'februari 2018',
      'mars 2018',
      formatKronor(3699.5),
      // Signed by whoever decided to report.
      'karin.chef, Enhetschef (delegationsordningen punkt 5.1)',
    ])
      expect(second.text).toContain(flat(part));
    expect(second.text).not.toContain('januari 2018');
    const view = (await t.http.get(c.url)).body;
    expect(view.documents.map((d: Json) => [d.concerning, d.concerningLabel])).toEqual([
      ['1', 'Polisanmälan 1 (2018-04-22, till Polismyndigheten)'],
      ['2', 'Polisanmälan 2 (2018-05-02, till Åklagarmyndigheten)'],
    ]);
  });

  it('makes the decision of a refused eftergift, with who decided and its appeal route, offered right after the step and at the closing while due', async () => {
    const c = await givenCase(
      caseRegistered({ receivedOn: '2018-03-01', subject: person(PIN, NAME) }),
      investigationOpened({ decidedOn: '2018-03-05' }),
      investigationCompleted({ completedOn: '2018-04-10', incorrectPayments: PAYMENTS }),
      repaymentClaimDecided({ decidedOn: '2018-04-20', amountOre: kr(TOTAL), paymentIndexes: [0, 1, 2] }),
      communicationSent({ concerning: 'waiver', sentOn: '2018-06-01', respondBy: '2018-06-15' }),
      {
        type: 'WaiverRefused',
        data: {
          claimId: '1',
          decidedOn: '2018-06-20',
          applicationReceivedOn: '2018-05-28',
          amountAppliedOre: kr(2000),
          reasons: 'Inkomsten räcker till en avbetalningsplan.',
          decisionMaker: { decidedBy: 'karin.chef', capacity: 'unit-head', delegationPoint: null },
        },
      },
    );
    const offered = await offerOf(c.url, 'waiver-decision');
    expect(offered.offerAfter).toEqual([
      { step: 'waiver', concerning: 'refused-1', person: 'subject' },
      { step: 'closure', concerning: 'refused-1', person: 'subject' },
    ]);
    const { text } = await pdfOf(c.url, { documentType: 'waiver-decision' }, 'waiver-refused');
    for (const part of [
      'Beslut om avslag på ansökan om eftergift',
      'avslår din ansökan om eftergift av återkravet enligt beslutet den 2018-04-20',
      `som gällde ${formatKronor(2000)}`,
      'Din ansökan om eftergift kom in den 2018-05-28',
      'Inkomsten räcker till en avbetalningsplan.',
      'Du har fått tillfälle att yttra dig över underlaget innan beslutet fattades',
      'Beslutet kan inte överklagas genom förvaltningsbesvär',
      'laglighetsprövning',
      '37–38 §§ förvaltningslagen',
      '9 kap. 4 § socialtjänstlagen (2001:453)',
      `Kvar att betala efter beslutet: ${formatKronor(TOTAL)}`,
      'karin.chef, Enhetschef',
    ])
      expect(text).toContain(flat(part));
    // Issued: nothing due any more, so a closing offers nothing.
    const after = await offerOf(c.url, 'waiver-decision');
    expect(after.due).toEqual([]);
    expect(after.offerAfter).toEqual([{ step: 'waiver', concerning: 'refused-1', person: 'subject' }]);
    const view = (await t.http.get(c.url)).body;
    expect(view.documents[0]).toMatchObject({
      concerning: 'refused-1',
      concerningLabel: 'Avslag på ansökan om eftergift 1 (2018-06-20)',
      addressee: 'subject',
    });
  });

  it("refuses a protected person's files to anyone but the case's investigator and the unit head", async () => {
    const c = await givenCase(
      caseRegistered({
        district: 'farsta',
        receivedOn: '2018-03-01',
        subject: person(PIN, NAME),
        protectedIdentity: 'protected-registration',
      }),
      { type: 'InvestigatorAssigned', data: { assignedOn: '2018-03-02', investigator: 'ina.farsta' } },
      investigationOpened({ decidedOn: '2018-03-05' }),
      investigationCompleted({ completedOn: '2018-04-10', incorrectPayments: PAYMENTS }),
      repaymentClaimDecided({ decidedOn: '2018-04-20', amountOre: kr(TOTAL), paymentIndexes: [0, 1, 2] }),
    );
    const ina = await t.as('ina.farsta', 'investigator', ['farsta']);
    const olle = await t.as('olle.farsta', 'investigator', ['farsta']);
    const chef = await t.as('chef.farsta', 'unit-head', ['farsta']);
    const refused = await olle.post(`${c.url}/documents`).send({ documentType: 'repayment-claim-decision' });
    expect(refused.body).toMatchObject({ status: 403, code: 'identity-protected-files' });
    const issued = await ina.post(`${c.url}/documents`).send({ documentType: 'repayment-claim-decision' });
    expect(issued.status).toBe(201);
    const fileUrl = `${c.url}/documents/${issued.body.documentId}/file`;
    expect((await olle.get(fileUrl)).body).toMatchObject({ status: 403, code: 'identity-protected-files' });
    expect((await chef.get(fileUrl)).status).toBe(200);
    const attached = await ina
      .post(`${c.url}/attachments`)
      .attach('file', Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n'), {
        filename: 'lonebesked.pdf',
        contentType: 'application/pdf',
      });
    expect(attached.status).toBe(201);
    const attachmentUrl = `${c.url}/attachments/${attached.body.attachmentId}`;
    expect((await olle.get(attachmentUrl)).body).toMatchObject({ status: 403, code: 'identity-protected-files' });
    expect((await ina.get(attachmentUrl)).status).toBe(200);
    // The refusals are in the audit log.
    const audit = await (await t.as('adam.admin', 'admin', [])).get(`/api/audit?caseId=${c.id}&user=olle.farsta`);
    expect(audit.body.entries).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: 'case.document-download', outcome: 'refused' })]),
    );
  });
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers checked with toMatchObject
type Json = any;

describe('a claim against two persons: each gets their own decision, under their own key, culled with the case', () => {
  it("addresses the second adult's decision to them with their part, encrypts it with their key, and culls both", async () => {
    const app = await startTestApp('2019-06-28T10:00:00+02:00', { RETENTION_YEARS: '0' });
    try {
      const post = async (url: string, body: object, status = 200) => {
        const res = await app.http.post(url).send(body);
        if (res.status !== status) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
        return res;
      };
      const SECOND = 'Bo Bergström';
      const registered = await post(
        '/api/cases',
        {
          district: 'farsta',
          receivedOn: '2019-02-01',
          source: 'caseworker',
          subject: { personalIdentityNumber: PIN, name: NAME },
        },
        201,
      );
      const url = `/api/cases/${registered.body.id}`;
      await post(`${url}/second-person`, {
        namedOn: '2019-02-05',
        relation: 'cohabitant',
        personalIdentityNumber: '19771231-4561',
        name: SECOND,
      });
      await post(`${url}/assessment`, { decidedOn: '2019-02-10', decision: 'open-investigation' });
      await post(`${url}/investigation-result`, {
        completedOn: '2019-03-01',
        finding: 'incorrect-payment',
        cause: 'household',
        incorrectPayments: [{ paidOn: '2018-12-20', amount: 10000 }],
      });
      await post(`${url}/repayment-claims`, {
        decidedOn: '2019-03-05',
        legalBasis: 'SoL 9:1',
        amount: 10000,
        subjectShare: 6000,
        secondPersonShare: 4000,
      });
      const offered = ((await app.http.get(url)).body.documentsOffered as Json[]).find(
        (o) => o.documentType === 'repayment-claim-decision',
      );
      // One to each, right after the claim (and at a closing while still due).
      expect(offered.offerAfter).toEqual([
        { step: 'repayment-claim', concerning: '1', person: 'subject' },
        { step: 'repayment-claim', concerning: '1', person: 'second-person' },
        { step: 'closure', concerning: '1', person: 'subject' },
        { step: 'closure', concerning: '1', person: 'second-person' },
      ]);
      const issueFor = (who: 'subject' | 'second-person') =>
        post(`${url}/documents`, { documentType: 'repayment-claim-decision', person: who }, 201);
      const read = async (documentId: string) => {
        const res = await app.http
          .get(`${url}/documents/${documentId}/file`)
          .buffer(true)
          .parse((r, done) => {
            const chunks: Buffer[] = [];
            r.on('data', (b: Buffer) => chunks.push(b));
            r.on('end', () => done(null, Buffer.concat(chunks)));
          });
        return res;
      };
      const toSubject = await issueFor('subject');
      const toSecond = await issueFor('second-person');
      const subjectText = pdfText((await read(toSubject.body.documentId)).body as Buffer, 'claim-to-subject');
      const secondText = pdfText((await read(toSecond.body.documentId)).body as Buffer, 'claim-to-second-person');
      expect(secondText).toContain(flat(`du ska betala tillbaka ${formatKronor(4000)}`));
      expect(secondText).toContain(SECOND);
      expect(secondText).not.toContain(NAME);
      expect(subjectText).toContain(flat(`du ska betala tillbaka ${formatKronor(6000)}`));
      expect(subjectText).toContain(NAME);
      expect(subjectText).not.toContain(SECOND);
      expect(secondText).toContain(flat(`den andra vuxna får ett eget beslut om sin del (${formatKronor(6000)})`));

      // The second adult's letter is under their own key (theirs in this case alone), not the case person's.
      const stream = await app.app.get<EventStore>(EVENT_STORE).readStream(`case-${registered.body.id}`);
      const caseKey = stream[0].data.dataKeyId as string;
      const ownKey = stream.find((e) => e.type === 'SecondPersonNamed')!.data.dataKeyId as string;
      const issuedToSecond = stream.filter((e) => e.type === 'DocumentIssued')[1].data as Json;
      expect(issuedToSecond).toMatchObject({ addressee: 'second-person' });
      const files = app.app.get(PersonalFiles);
      expect(Buffer.isBuffer(await files.read(issuedToSecond.pdf.fileId, ownKey))).toBe(true);
      await expect(files.read(issuedToSecond.pdf.fileId, caseKey)).rejects.toThrow();

      // Repaid, closed and culled: both letters' files go, and the second adult's key with them.
      await post(`${url}/repayments`, { receivedOn: '2019-04-01', amount: 6000, kind: 'claim', person: 'subject' });
      await post(`${url}/repayments`, {
        receivedOn: '2019-04-02',
        amount: 4000,
        kind: 'claim',
        person: 'second-person',
      });
      await post(`${url}/closure`, { closedOn: '2019-06-28', reason: 'repaid-claim' });
      const admin = await app.as('adam.admin', 'admin', []);
      expect((await admin.post('/api/retention/runs').send({ dryRun: false })).body).toMatchObject({ culled: 1 });
      expect(storedFiles(app.dir)).toEqual([]);
      expect(app.app.get(PersonalData).hasKey(ownKey)).toBe(false);
      for (const id of [toSubject.body.documentId, toSecond.body.documentId])
        expect((await app.http.get(`${url}/documents/${id}/file`)).body).toMatchObject({
          status: 410,
          code: 'document-shredded',
        });
    } finally {
      await app.close();
    }
  });
});
