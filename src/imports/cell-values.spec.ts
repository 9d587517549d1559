import { CellError, parseAmountOre, parseCatalogue, parseDate } from './cell-values';
import { CLOSE_REASON_LABELS, LEGAL_BASIS_LABELS, OFFENCE_LABELS, resolveMapping } from './import-mapping';
import { decodeText, readRegister } from './register-file';

describe('cells as Swedish registers write them', () => {
  it.each([
    ['2018-03-05', '2018-03-05'],
    ['20180305', '2018-03-05'],
    ['5/3/2018', '2018-03-05'],
    ['05.03.2018', '2018-03-05'],
    ['43164', '2018-03-05'],
    [43164, '2018-03-05'],
    [20180305, '2018-03-05'],
    [new Date('2018-03-05T00:00:00Z'), '2018-03-05'],
  ])('reads the date %p', (input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });

  it.each(['2018-02-30', '2018/03/05', 'igår', '31/2/2018'])('refuses the date %p with invalid-date', (input) => {
    expect(() => parseDate(input)).toThrow(expect.objectContaining({ code: 'invalid-date' }) as CellError);
  });

  it.each([
    ['12 345,50', 1234550],
    ['12345.5', 1234550],
    ['12\u00a0345 kr', 1234500],
    [1234.5, 123450],
  ])('reads the amount %p in öre', (input, ore) => {
    expect(parseAmountOre(input)).toBe(ore);
  });

  it('refuses an amount that is not kronor', () => {
    expect(() => parseAmountOre('12,345,50')).toThrow(expect.objectContaining({ code: 'invalid-amount' }) as CellError);
  });

  it('accepts the report wording with any dash, case or diacritics, and the code', () => {
    expect(parseCatalogue('Eftergift – 3-årsgräns', CLOSE_REASON_LABELS, 'avslutsorsak')).toBe('waived-time-limit');
    expect(parseCatalogue('ATERBETALNING - ATERKRAV', CLOSE_REASON_LABELS, 'avslutsorsak')).toBe('repaid-claim');
    expect(parseCatalogue('deceased', CLOSE_REASON_LABELS, 'avslutsorsak')).toBe('deceased');
    expect(parseCatalogue('grovt bidragsbrott', OFFENCE_LABELS, 'brott')).toBe('gross');
    expect(parseCatalogue('9 kap 2 §', LEGAL_BASIS_LABELS, 'lagrum')).toBe('SoL 9:2');
  });
});

describe('register files', () => {
  const text = 'Ärendenummer;Inkommen;Kön;Återkrävt belopp\r\n1;2018-01-02;Kvinna;"1 200,50"\r\n';

  it('decodes UTF-8 with a BOM and Windows-1252 alike', () => {
    expect(decodeText(Buffer.from('\ufeff' + text, 'utf8'))).toBe(text);
    expect(decodeText(Buffer.from(text, 'latin1'))).toBe(text);
  });

  it('reads semicolon CSV from either encoding into the same rows', async () => {
    for (const content of [Buffer.from('\ufeff' + text, 'utf8'), Buffer.from(text, 'latin1')]) {
      const sheet = await readRegister(content, 'csv');
      expect(sheet.headings).toEqual(['Ärendenummer', 'Inkommen', 'Kön', 'Återkrävt belopp']);
      expect(sheet.rows).toEqual([
        {
          rowNumber: 2,
          cells: new Map([
            ['Ärendenummer', '1'],
            ['Inkommen', '2018-01-02'],
            ['Kön', 'Kvinna'],
            ['Återkrävt belopp', '1 200,50'],
          ]),
        },
      ]);
      expect(resolveMapping(sheet.headings).columnOf).toEqual({
        key: 'Ärendenummer',
        receivedOn: 'Inkommen',
        gender: 'Kön',
        claimAmount: 'Återkrävt belopp',
      });
    }
  });
});
