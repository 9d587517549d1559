import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyRow } from '../src/statistics/annual-statistics';
import { PdfRenderer } from '../src/statistics/report/pdf-renderer';
import { buildReport, type ReportModel } from '../src/statistics/report/report-model';
import { assertBuilt } from './support/service-process';

/** The compiled worker (npm test builds it first): under ts-jest the sources cannot run in a worker thread. */
const WORKER = join(__dirname, '..', 'dist', 'statistics', 'report', 'pdf-worker.js');

function model(): ReportModel {
  const total = emptyRow();
  total.received = 10;
  total.sources.caseworker = 6;
  total.sources['post-check'] = 4;
  total.claims = { woman: 5, man: 6, unknown: 0, total: 11 };
  total.claimedAmount = 2_436_042;
  const bromma = { ...emptyRow(), district: 'bromma', name: 'Bromma', received: 10 };
  return buildReport({ year: 2018, knownAt: null, districts: [bromma], total }, [{ year: 2018, ...total }]);
}

/** Pages of a PDF, counted from its page objects (written uncompressed). */
const pages = (pdf: Buffer): number => pdf.toString('latin1').match(/\/Type \/Page\b/g)?.length ?? 0;

describe('report PDFs rendered in a worker thread', () => {
  let dir: string;
  const renderers: PdfRenderer[] = [];
  const renderer = (script: string | null): PdfRenderer => {
    const r = PdfRenderer.using(script);
    renderers.push(r);
    return r;
  };
  beforeAll(assertBuilt);
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'fut-pdf-worker-'))));
  afterEach(async () => {
    await Promise.all(renderers.splice(0).map((r) => r.onApplicationShutdown()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('makes the same document as rendering in this thread, and several at once', async () => {
    const threaded = renderer(WORKER);
    expect(threaded.threaded).toBe(true);
    const inline = await renderer(null).render(model());
    const [first, second] = await Promise.all([threaded.render(model()), threaded.render(model())]);
    for (const pdf of [first, second]) {
      expect(Buffer.isBuffer(pdf)).toBe(true);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pages(pdf)).toBe(pages(inline));
      expect(pages(pdf)).toBeGreaterThan(1);
    }
  });

  it('fails only the report whose rendering threw, and goes on with the next', async () => {
    const threaded = renderer(WORKER);
    const broken = { ...model(), sections: null } as unknown as ReportModel;
    await expect(threaded.render(broken)).rejects.toThrow(/sections|iterable|null/);
    expect((await threaded.render(model())).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('fails the reports a dying worker held, and starts a new worker for the next report', async () => {
    const dying = join(dir, 'dying-worker.js');
    writeFileSync(dying, "require('node:worker_threads').parentPort.on('message', () => process.exit(3));\n");
    const threaded = renderer(dying);
    await expect(Promise.all([threaded.render(model()), threaded.render(model())])).rejects.toThrow(/exit code 3/);
    await expect(threaded.render(model())).rejects.toThrow(/exit code 3/);
  });

  it('fails a report still being made when the service shuts down', async () => {
    const silent = join(dir, 'silent-worker.js');
    writeFileSync(silent, "require('node:worker_threads').parentPort.on('message', () => undefined);\n");
    const threaded = renderer(silent);
    const failed = expect(threaded.render(model())).rejects.toThrow(/shutting down/);
    await threaded.onApplicationShutdown();
    await failed;
  });
});
