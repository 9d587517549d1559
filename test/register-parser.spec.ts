import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateRegister, toXlsx } from './support/fut-register';
import { hugeCsv, wideXlsx, xlsxBomb } from '../src/bench/hostile-registers';
import {
  DEFAULT_IMPORT_LIMITS,
  ImportBusyError,
  ImportCancelledError,
  ImportLimitError,
} from '../src/imports/import-limits';
import { RegisterFileError } from '../src/imports/register-file';
import { RegisterParser } from '../src/imports/register-parser';
import { assertBuilt } from './support/service-process';

/** The compiled worker (npm test builds it first): under ts-jest the sources cannot run in a worker thread. */
const WORKER = join(__dirname, '..', 'dist', 'imports', 'register-worker.js');

describe('register files read in a worker thread', () => {
  const parsers: RegisterParser[] = [];
  const parser = (script: string | null, limits = DEFAULT_IMPORT_LIMITS): RegisterParser => {
    const p = RegisterParser.using(script, limits);
    parsers.push(p);
    return p;
  };
  beforeAll(assertBuilt);
  afterEach(() => parsers.splice(0).forEach((p) => p.onModuleDestroy()));

  it('reads the same sheet as reading in this thread, keeping only the mapped columns', async () => {
    const threaded = parser(WORKER);
    expect(threaded.threaded).toBe(true);
    const xlsx = await toXlsx(generateRegister().rows);
    const csv = readFileSync(join(__dirname, '..', 'examples', 'fut-register-exempel.csv'));
    for (const request of [
      { content: xlsx, format: 'xlsx' as const, sheet: 'Ärenden' },
      { content: csv, format: 'csv' as const, mapping: { columns: { Personnummer: null } } },
    ]) {
      const inWorker = await threaded.parse(request);
      expect(inWorker).toEqual(await parser(null).parse(request));
      expect(inWorker.rows.length).toBeGreaterThan(5);
      // Anteckning is no field of the mapping, and the mapping file leaves out Personnummer.
      expect(inWorker.headings).toContain('Anteckning');
      expect([...inWorker.rows[0].cells.keys()]).not.toContain('Anteckning');
      if (request.format === 'csv') expect([...inWorker.rows[0].cells.keys()]).not.toContain('Personnummer');
    }
  });

  it('keeps only the payment columns of a file of repayments, in the worker as in this thread', async () => {
    const request = {
      content: Buffer.from('Ärendenummer;Kund;Betalningsdatum;Belopp\r\nFA-2018-0001;Någon;2018-06-01;100,00\r\n'),
      format: 'csv' as const,
      columns: 'repayments' as const,
    };
    const inWorker = await parser(WORKER).parse(request);
    expect(inWorker).toEqual(await parser(null).parse(request));
    expect(inWorker.headings).toEqual(['Ärendenummer', 'Kund', 'Betalningsdatum', 'Belopp']);
    // The customer's name is no field of a payment: it is not kept.
    expect([...inWorker.rows[0].cells.keys()]).toEqual(['Ärendenummer', 'Betalningsdatum', 'Belopp']);
  });

  it('gives the reader’s refusals back as they were: a limit, an unreadable file', async () => {
    const threaded = parser(WORKER);
    await expect(threaded.parse({ content: wideXlsx(5000), format: 'xlsx' })).rejects.toEqual(
      new ImportLimitError('columns', 256, 'XFD'),
    );
    await expect(threaded.parse({ content: Buffer.from('PK\u0003\u0004trasig'), format: 'xlsx' })).rejects.toEqual(
      new RegisterFileError('file', 'Filen kunde inte läsas som en Excel-arbetsbok (.xlsx)'),
    );
  });

  it('refuses a file that takes longer to read than the time limit', async () => {
    // 400 MB of empty rows, within a raised unpacked limit: reading it takes far longer than a second.
    const threaded = parser(WORKER, { ...DEFAULT_IMPORT_LIMITS, unpackedBytes: 1024 * 1024 * 1024, parseSeconds: 1 });
    await expect(threaded.parse({ content: xlsxBomb(400 * 1024 * 1024), format: 'xlsx' })).rejects.toEqual(
      new ImportLimitError('parseSeconds', 1),
    );
  });

  it('reads one file at a time, refuses more than four waiting, and stops them all when the service shuts down', async () => {
    const threaded = parser(WORKER, { ...DEFAULT_IMPORT_LIMITS, rows: 1_000_000, cells: 10_000_000 });
    const big = hugeCsv(600_000);
    const reads = [1, 2, 3, 4, 5].map(() => threaded.parse({ content: big, format: 'csv' }));
    // One is read (in its worker), four wait their turn, and a sixth is refused: the service is busy.
    await expect(threaded.parse({ content: big, format: 'csv' })).rejects.toBeInstanceOf(ImportBusyError);
    while (threaded.reading < 1) await new Promise((r) => setImmediate(r));
    threaded.onModuleDestroy();
    for (const read of reads) await expect(read).rejects.toBeInstanceOf(ImportCancelledError);
    await expect(threaded.parse({ content: big, format: 'csv' })).rejects.toBeInstanceOf(ImportCancelledError);
  });
});
