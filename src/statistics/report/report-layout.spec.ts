import { parseText } from './report-text';
import { MIN_ROWS_PER_PAGE, splitRows } from './report-pdf';
import { aboutMillions, shareInWords } from './swedish';

describe('where a table breaks over pages (issue 23, 5)', () => {
  const rows = (n: number): number[] => Array<number>(n).fill(10);

  it('keeps a table whole when it fits, and moves a short one whole to the next page', () => {
    expect(splitRows(rows(15), 10, 200, 700)).toEqual([15]);
    // Room for 13 of 15 rows: a part of 2 rows and the total would follow; the table goes over whole instead
    // of a stub, or splits 11 + 4.
    expect(splitRows(rows(15), 10, 135, 700)).toEqual([11, 4]);
    expect(splitRows(rows(6), 10, 50, 700)).toEqual([0, 6]);
  });

  it('never leaves fewer than four rows on a page, nor the total alone', () => {
    for (let n = 1; n <= 40; n++)
      for (let room = 0; room <= 450; room += 7) {
        const parts = splitRows(rows(n), 10, room, 300);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(n);
        const used = parts.filter((p) => p > 0);
        if (used.length > 1) used.forEach((p) => expect(p).toBeGreaterThanOrEqual(MIN_ROWS_PER_PAGE));
        // The last part holds rows besides the total.
        expect(used[used.length - 1]).toBeGreaterThan(0);
      }
  });
});

describe("the department's texts keep their lists and footnotes", () => {
  it('reads paragraphs, bulleted and numbered lists, and footnotes defined anywhere', () => {
    const { blocks, notes } = parseText(
      'Första stycket,\nsom fortsätter.[^1]\n\nI uppdraget:\n- utredning\n  som fortsätter\n• uppföljning\n\n1. ett\n2. två\n\n[^1]: SOU 2008:74\n',
    );
    expect(blocks).toEqual([
      { kind: 'paragraph', runs: ['Första stycket, som fortsätter.', { noteLabel: '1' }] },
      { kind: 'paragraph', runs: ['I uppdraget:'] },
      { kind: 'list', ordered: false, items: [['utredning som fortsätter'], ['uppföljning']] },
      { kind: 'list', ordered: true, items: [['ett'], ['två']] },
    ]);
    expect(notes).toEqual(new Map([['1', 'SOU 2008:74']]));
  });

  it('leaves a marker without a footnote as it was written', () => {
    expect(parseText('Se [^x].').blocks).toEqual([{ kind: 'paragraph', runs: ['Se [^x].'] }]);
  });
});

describe('amounts and shares in words', () => {
  it('never rounds an amount up past what it was', () => {
    expect(aboutMillions(1_855_209)).toBe('drygt 1,8\u00a0miljoner kronor');
    expect(aboutMillions(1_900_000)).toBe('1,9\u00a0miljoner kronor');
    expect(aboutMillions(2_436_042)).toBe('drygt 2,4\u00a0miljoner kronor');
  });

  it('says "drygt hälften" only just above half, else the percent', () => {
    expect(shareInWords(120, 222)).toBe('drygt hälften');
    expect(shareInWords(151, 301)).toBe('drygt hälften');
    expect(shareInWords(75, 301)).toBe('cirka 25 procent');
    expect(shareInWords(37, 301)).toBe('cirka 12 procent');
    expect(shareInWords(140, 222)).toBe('cirka 63 procent');
  });
});
