import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { generateRegister, toXlsx } from './support/fut-register';
import { hugeCsv, wideXlsx, xlsxBomb, xlsxWithSheet } from '../src/bench/hostile-registers';
import { DEFAULT_IMPORT_LIMITS, ImportLimitError, type ImportLimits } from '../src/imports/import-limits';
import { type CellValue, readRegister, RegisterFileError, type RegisterSheet } from '../src/imports/register-file';

/** The sheet as exceljs loads a whole workbook: what the import read before it streamed. */
async function loadedWhole(content: Buffer, sheetName?: string): Promise<RegisterSheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(content as unknown as ExcelJS.Buffer);
  const sheet = sheetName ? workbook.getWorksheet(sheetName)! : workbook.worksheets[0];
  const value = (v: ExcelJS.CellValue): CellValue => {
    if (v === null || v === undefined) return null;
    if (typeof v === 'string') return v.trim() === '' ? null : v;
    if (typeof v === 'number' || v instanceof Date) return v;
    if (typeof v === 'boolean') return v ? 'Ja' : 'Nej';
    if ('result' in v) return value((v.result ?? null) as ExcelJS.CellValue);
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
    return null;
  };
  const records: CellValue[][] = [];
  const numbers: number[] = [];
  sheet.eachRow((row, n) => {
    const values: CellValue[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) values.push(value(row.getCell(c).value));
    if (values.some((v) => v !== null && String(v).trim() !== '')) {
      records.push(values);
      numbers.push(n);
    }
  });
  const headings = records[0].map((v) => (v === null ? '' : String(v).trim()));
  return {
    headings: headings.filter((h) => h !== ''),
    rows: records.slice(1).map((values, i) => ({
      rowNumber: numbers[i + 1],
      cells: new Map(headings.flatMap((h, c): Array<[string, CellValue]> => (h === '' ? [] : [[h, values[c]]]))),
    })),
  };
}

const limited = (limits: Partial<ImportLimits>) => ({ limits: { ...DEFAULT_IMPORT_LIMITS, ...limits } });

describe('reading an xlsx register as a stream', () => {
  it('reads the same headings, rows and values as loading the whole workbook with exceljs', async () => {
    const example = readFileSync(join(__dirname, '..', 'examples', 'fut-register-exempel.xlsx'));
    const generated = await toXlsx(generateRegister().rows);
    for (const [content, sheet] of [
      [example, 'Ärenden'],
      [generated, 'Ärenden'],
      [generated, undefined],
    ] as const) {
      expect(await readRegister(content, 'xlsx', sheet)).toEqual(await loadedWhole(content, sheet));
    }
  });

  it('reads formulas by their result, rich and inline text, booleans, dates by their format, and the 1904 calendar', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.properties.date1904 = true;
    const sheet = workbook.addWorksheet('Ärenden');
    sheet.addRow(['Ärendenummer', 'Inkommen', 'Belopp', 'Text', 'Sant', 'Tom']);
    sheet.addRow([
      { formula: 'CONCATENATE("A-","1")', result: 'A-1' },
      new Date('2018-03-05T00:00:00Z'),
      { formula: '1000+200.5', result: 1200.5 },
      { richText: [{ text: 'Fel' }, { font: { bold: true }, text: 'aktig' }] },
      true,
      '   ',
    ]);
    sheet.getCell('C3').value = 43164;
    sheet.getCell('C3').numFmt = 'yyyy-mm-dd';
    const content = Buffer.from(await workbook.xlsx.writeBuffer());
    const read = await readRegister(content, 'xlsx');
    expect(read).toEqual(await loadedWhole(content));
    expect(read.rows[0].cells).toEqual(
      new Map<string, CellValue>([
        ['Ärendenummer', 'A-1'],
        ['Inkommen', new Date('2018-03-05T00:00:00Z')],
        ['Belopp', 1200.5],
        ['Text', 'Felaktig'],
        ['Sant', 'Ja'],
        ['Tom', null],
      ]),
    );
    expect(read.rows[1].cells.get('Belopp')).toBeInstanceOf(Date);
  });

  it('reads a workbook written as a stream, whose sizes stand only in its central directory', async () => {
    const chunks: Buffer[] = [];
    const stream = new PassThrough().on('data', (c: Buffer) => chunks.push(c));
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: true, useStyles: true });
    const sheet = writer.addWorksheet('Ärenden');
    sheet.addRow(['Ärendenummer', 'Inkommen', 'Kön']).commit();
    for (let i = 1; i <= 500; i++) sheet.addRow([`A-${i}`, new Date(Date.UTC(2018, 0, i)), 'Kvinna']).commit();
    sheet.commit();
    await writer.commit();
    const content = Buffer.concat(chunks);
    // Bit 3 of the first entry's flags: sizes and CRC follow the data (a data descriptor).
    expect(content.readUInt16LE(6) & 0x8).toBe(0x8);
    const read = await readRegister(content, 'xlsx');
    expect(read).toEqual(await loadedWhole(content));
    expect(read.rows).toHaveLength(500);
    expect(read.rows[499].cells.get('Inkommen')).toEqual(new Date('2019-05-15T00:00:00Z'));
  });

  it('keeps only the selected columns, reading a doubled heading from its last column', async () => {
    const content = xlsxWithSheet(
      '<row r="1"><c r="A1" t="inlineStr"><is><t>Kön</t></is></c><c r="B1" t="inlineStr"><is><t>Namn</t></is></c>' +
        '<c r="C1" t="inlineStr"><is><t>Kön</t></is></c></row>' +
        '<row r="3"><c r="A3" t="inlineStr"><is><t>M</t></is></c><c r="B3" t="inlineStr"><is><t>Tove</t></is></c>' +
        '<c r="C3" t="inlineStr"><is><t>K</t></is></c></row>',
    );
    const sheet = await readRegister(content, 'xlsx', undefined, { select: () => ['Kön'] });
    expect(sheet).toEqual({
      headings: ['Kön', 'Namn', 'Kön'],
      rows: [{ rowNumber: 3, cells: new Map([['Kön', 'K']]) }],
    });
  });

  it('reads elements with a namespace prefix, as some writers name them, and rows and cells without a reference', async () => {
    const content = xlsxWithSheet(
      '<x:row><x:c t="inlineStr"><x:is><x:t>Ärendenummer</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>Belopp</x:t></x:is></x:c></x:row>' +
        '<x:row><x:c t="inlineStr"><x:is><x:t>A-1</x:t></x:is></x:c><x:c><x:v>12.5</x:v></x:c></x:row>',
    );
    expect(await readRegister(content, 'xlsx')).toEqual({
      headings: ['Ärendenummer', 'Belopp'],
      rows: [
        {
          rowNumber: 2,
          cells: new Map<string, CellValue>([
            ['Ärendenummer', 'A-1'],
            ['Belopp', 12.5],
          ]),
        },
      ],
    });
  });

  it('names the sheets when the one asked for is missing, and refuses what is no workbook', async () => {
    await expect(readRegister(xlsxWithSheet(''), 'xlsx', 'Ärenden')).rejects.toThrow(
      new RegisterFileError('sheet', 'Arbetsboken har inget blad Ärenden (blad: Blad1)'),
    );
    for (const broken of [Buffer.from('PK\u0003\u0004trasig'), xlsxWithSheet('<row><c><v>1</v></row>')])
      await expect(readRegister(broken, 'xlsx')).rejects.toThrow(RegisterFileError);
  });
});

describe('the limits of a read', () => {
  const refusal = async (read: Promise<unknown>): Promise<ImportLimitError> => {
    const error = await read.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ImportLimitError);
    return error as ImportLimitError;
  };

  it('refuses a value in column XFD at the first row, whatever the rows below', async () => {
    const error = await refusal(readRegister(wideXlsx(5000), 'xlsx'));
    expect(error).toMatchObject({ limit: 'columns', max: 256, found: 'XFD' });
  });

  it('refuses an archive whose parts declare more than the unpacked limit before inflating any', async () => {
    const error = await refusal(readRegister(xlsxBomb(400 * 1024 * 1024), 'xlsx'));
    expect(error).toMatchObject({ limit: 'unpackedBytes', max: DEFAULT_IMPORT_LIMITS.unpackedBytes });
  });

  it('stops inflating a part at the first byte past the size it declares', async () => {
    const lying = xlsxBomb(400 * 1024 * 1024, { declare: 2000 });
    await expect(readRegister(lying, 'xlsx')).rejects.toThrow(
      new RegisterFileError('file', 'Filen kunde inte läsas som en Excel-arbetsbok (.xlsx)'),
    );
  });

  it('refuses rows, cells and bytes past their limits in CSV, and the time limit', async () => {
    const csv = hugeCsv(20_000);
    expect((await readRegister(csv, 'csv')).rows).toHaveLength(20_000);
    expect(await refusal(readRegister(csv, 'csv', undefined, limited({ rows: 19_999 })))).toMatchObject({
      limit: 'rows',
      max: 19_999,
    });
    expect(await refusal(readRegister(csv, 'csv', undefined, limited({ cells: 1000 })))).toMatchObject({
      limit: 'cells',
    });
    expect(await refusal(readRegister(csv, 'csv', undefined, limited({ unpackedBytes: 1000 })))).toMatchObject({
      limit: 'unpackedBytes',
    });
    expect(await refusal(readRegister(csv, 'csv', undefined, limited({ columns: 2 })))).toMatchObject({
      limit: 'columns',
      found: 'C',
    });
    expect(await refusal(readRegister(csv, 'csv', undefined, limited({ parseSeconds: 0 })))).toMatchObject({
      limit: 'parseSeconds',
    });
  });
});
