import ExcelJS from 'exceljs';
import { addDays, addYears } from '../../src/calendar/local-date';

/**
 * A generated FUT register in the shape units keep it in Excel: good rows of
 * every stage of the process, and rows with deliberate errors of every kind,
 * with the tallies the unit would count by hand for its yearly report.
 */

export type Cell = string | { date: string } | { amount: number } | null;
export type RegisterRowData = Record<string, Cell>;

export const HEADINGS = [
  'Ärendenummer',
  'Inkommen',
  'Stadsdelsnämnd',
  'Personnummer',
  'Kön',
  'Namn',
  'Källa',
  'Förhandsbedömning datum',
  'Förhandsbedömning',
  'Skäl till ingen utredning',
  'Utredning klar',
  'Orsak',
  'Felaktigt utbetalt datum',
  'Felaktigt utbetalt belopp',
  'Inbesparat belopp',
  'Återkrav datum',
  'Lagrum',
  'Återkrävt belopp',
  'Avbetalningsplan datum',
  'Månadsbelopp',
  'Återbetalt datum',
  'Återbetalt belopp',
  'Polisanmälan datum',
  'Brott',
  'Betalningsförmåga datum',
  'Betalningsförmåga',
  'Ersättningstalan beslut',
  'Avslutat datum',
  'Avslutsorsak',
  'Anteckning',
] as const;

export interface Tally {
  received: number;
  investigationsOpened: number;
  claims: { woman: number; man: number };
  claimedAmount: number;
  policeReports: { woman: number; man: number };
  compensationSuits: number;
  repaidAmount: number;
  closed: number;
}

export interface ExpectedError {
  rowNumber: number;
  column: string | null;
  code: string;
}

export interface GeneratedRegister {
  rows: RegisterRowData[];
  /** Row number (heading row 1) of each row. */
  goodRows: number[];
  errors: ExpectedError[];
  /** year → district code → tally. */
  tallies: Map<number, Map<string, Tally>>;
}

export const DISTRICTS: Array<[code: string, name: string]> = [
  ['bromma', 'Bromma'],
  ['farsta', 'Farsta'],
  ['hasselby-vallingby', 'Hässelby-Vällingby'],
  ['enskede-arsta-vantor', 'Enskede-Årsta-Vantör'],
  ['skarholmen', 'Skärholmen'],
];
const SOURCES = [
  'Socialsekreterare (handläggning)',
  'Efterkontroll',
  'Allmänheten',
  'Annan myndighet',
  'Den sökande själv',
];
const CAUSES = ['Oredovisade inkomster', 'Hushållsgemenskap', 'Boende/vistelse', 'Oredovisade tillgångar'];

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** A valid personnummer (Luhn) whose second-to-last digit gives the gender. */
export function personnummer(birth: string, serial: number, gender: 'woman' | 'man'): string {
  const digits = `${birth.replace(/-/g, '').slice(2)}${String(serial % 100).padStart(2, '0')}${gender === 'man' ? (serial % 5) * 2 + 1 : (serial % 5) * 2}`;
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let d = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  const check = (10 - (sum % 10)) % 10;
  return `${birth.replace(/-/g, '').slice(0, 8)}-${digits.slice(6)}${check}`;
}

const emptyTally = (): Tally => ({
  received: 0,
  investigationsOpened: 0,
  claims: { woman: 0, man: 0 },
  claimedAmount: 0,
  policeReports: { woman: 0, man: 0 },
  compensationSuits: 0,
  repaidAmount: 0,
  closed: 0,
});

export function generateRegister(goodCount = 320, seed = 14): GeneratedRegister {
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const day = (from: string, span: number): string => addDays(from, Math.floor(rnd() * span));
  const tallies = new Map<number, Map<string, Tally>>();
  const tally = (date: string, district: string): Tally => {
    const year = Number(date.slice(0, 4));
    const byDistrict = tallies.get(year) ?? new Map<string, Tally>();
    tallies.set(year, byDistrict);
    const t = byDistrict.get(district) ?? emptyTally();
    byDistrict.set(district, t);
    return t;
  };

  const good: Array<{ row: RegisterRowData; district: string }> = [];
  for (let i = 0; i < goodCount; i++) {
    const kind = i % 8;
    const [district, districtName] = pick(DISTRICTS);
    const gender: 'woman' | 'man' = rnd() < 0.5 ? 'woman' : 'man';
    // Cases whose claim runs past the three-year limit must be old enough to be closed by mid-2019.
    const receivedOn = kind === 7 ? day('2016-01-04', 480) : day('2016-01-04', 1030);
    const row: RegisterRowData = Object.fromEntries(HEADINGS.map((h) => [h, null]));
    row['Ärendenummer'] = `FUT-${1000 + i}`;
    row['Inkommen'] = { date: receivedOn };
    row['Stadsdelsnämnd'] = i % 3 === 0 ? district : districtName;
    if (i % 2 === 0) {
      row['Personnummer'] = personnummer(day('1960-01-01', 12000), i, gender);
      if (i % 4 === 0) row['Kön'] = gender === 'woman' ? 'Kvinna' : 'Man';
    } else row['Kön'] = gender === 'woman' ? (i % 3 === 0 ? 'K' : 'kvinna') : 'Man';
    if (i % 10 === 0) row['Namn'] = `Testperson ${i}`;
    row['Källa'] = pick(SOURCES);
    if (i % 7 === 0) row['Anteckning'] = 'Kontrollera bilagor';
    tally(receivedOn, district).received++;
    const close = (on: string, reason: string) => {
      row['Avslutat datum'] = { date: on };
      row['Avslutsorsak'] = reason;
      tally(on, district).closed++;
    };
    if (kind === 0) {
      good.push({ row, district });
      continue;
    }
    const assessedOn = addDays(receivedOn, 3 + Math.floor(rnd() * 20));
    row['Förhandsbedömning datum'] = { date: assessedOn };
    if (kind === 1) {
      row['Förhandsbedömning'] = 'Ingen utredning';
      row['Skäl till ingen utredning'] = 'Ingen grund';
      if (rnd() < 0.5) close(addDays(assessedOn, 5), 'Ingen åtgärd');
      good.push({ row, district });
      continue;
    }
    row['Förhandsbedömning'] = i % 5 === 0 ? null : 'Inleda utredning';
    tally(assessedOn, district).investigationsOpened++;
    const investigatedOn = addDays(assessedOn, 20 + Math.floor(rnd() * 40));
    row['Utredning klar'] = { date: investigatedOn };
    if (kind === 2) {
      close(addDays(investigatedOn, 3), 'Inget återkrav');
      good.push({ row, district });
      continue;
    }
    const paidOn = kind === 7 ? addDays(receivedOn, -400) : addDays(receivedOn, -30 - Math.floor(rnd() * 60));
    const incorrect = (5000 + Math.floor(rnd() * 55000)) * 100 + (i % 4 === 0 ? 50 : 0);
    row['Orsak'] = pick(CAUSES);
    row['Felaktigt utbetalt datum'] = { date: paidOn };
    row['Felaktigt utbetalt belopp'] = { amount: incorrect };
    if (i % 6 === 0) row['Inbesparat belopp'] = { amount: 1200000 };
    const claimedOn = addDays(investigatedOn, 5 + Math.floor(rnd() * 10));
    const claim = kind === 5 ? incorrect - 100000 : incorrect;
    row['Återkrav datum'] = { date: claimedOn };
    row['Lagrum'] = pick(['9 kap. 1 § SoL', '9:1', '9 kap. 2 § SoL']);
    row['Återkrävt belopp'] = { amount: claim };
    const t = tally(claimedOn, district);
    t.claims[gender]++;
    t.claimedAmount = Math.round((t.claimedAmount + claim / 100) * 100) / 100;
    const repay = (on: string, ore: number) => {
      row['Återbetalt datum'] = { date: on };
      row['Återbetalt belopp'] = { amount: ore };
      const r = tally(on, district);
      r.repaidAmount = Math.round((r.repaidAmount + ore / 100) * 100) / 100;
    };
    if (kind === 3) {
      const agreedOn = addDays(claimedOn, 10);
      row['Avbetalningsplan datum'] = { date: agreedOn };
      row['Månadsbelopp'] = { amount: 50000 };
      repay(addDays(agreedOn, 60), 150000);
    } else if (kind === 4) {
      const repaidOn = addDays(claimedOn, 40);
      repay(repaidOn, claim);
      close(addDays(repaidOn, 5), 'Återbetalning - återkrav');
    } else if (kind === 5) {
      const reportedOn = addDays(claimedOn, 3);
      row['Polisanmälan datum'] = { date: reportedOn };
      row['Brott'] = i % 3 === 0 ? 'Grovt bidragsbrott' : 'Bidragsbrott';
      tally(reportedOn, district).policeReports[gender]++;
    } else if (kind === 6) {
      const assessed = addDays(claimedOn, 20);
      row['Betalningsförmåga datum'] = { date: assessed };
      row['Betalningsförmåga'] = 'Ja';
      const decided = addDays(assessed, 7);
      row['Ersättningstalan beslut'] = { date: decided };
      tally(decided, district).compensationSuits++;
    } else if (kind === 7) {
      close(addDays(addYears(paidOn, 3), 30), 'Eftergift - 3-årsgräns');
    }
    good.push({ row, district });
  }

  // Deliberate errors, each breaking one rule, in a column the report must name.
  const template = (n: number): RegisterRowData => ({ ...good[n].row, Ärendenummer: `FEL-${n}` });
  const errorRows: Array<{ row: RegisterRowData; column: string | null; code: string }> = [];
  const bad = (n: number, change: RegisterRowData, column: string | null, code: string) =>
    errorRows.push({ row: { ...template(n), ...change }, column, code });
  const withClaim = (n: number) => good.findIndex((g, k) => k >= n && k % 8 === 3);
  const queued = (n: number) => good.findIndex((g, k) => k >= n && k % 8 === 0);
  bad(queued(0), { Inkommen: '2018-13-45' }, 'Inkommen', 'invalid-date');
  bad(withClaim(0), { 'Återkrävt belopp': 'tolv tusen' }, 'Återkrävt belopp', 'invalid-amount');
  bad(
    withClaim(8),
    { Avslutsorsak: 'Bortglömt', 'Avslutat datum': { date: '2019-03-01' } },
    'Avslutsorsak',
    'unknown-value',
  );
  bad(queued(8), { Källa: 'Grannen' }, 'Källa', 'unknown-value');
  bad(queued(16), { Orsak: 'Slarv' }, 'Orsak', 'unknown-value');
  bad(queued(24), { Stadsdelsnämnd: 'Atlantis' }, 'Stadsdelsnämnd', 'unknown-district');
  const valid = personnummer('1980-01-01', 3, 'man');
  bad(
    queued(32),
    { Personnummer: valid.slice(0, -1) + String((Number(valid.slice(-1)) + 1) % 10), Kön: null },
    'Personnummer',
    'invalid-personal-identity-number',
  );
  bad(queued(40), { Personnummer: personnummer('1980-01-01', 7, 'man'), Kön: 'Kvinna' }, 'Kön', 'gender-mismatch');
  bad(queued(48), { Personnummer: null, Kön: null }, 'Kön', 'missing-value');
  bad(queued(56), { Inkommen: null }, 'Inkommen', 'missing-value');
  bad(withClaim(16), { 'Återkrav datum': null }, 'Återkrav datum', 'missing-value');
  bad(withClaim(24), { 'Förhandsbedömning datum': 'igår' }, 'Förhandsbedömning datum', 'invalid-date');
  bad(queued(64), { Inkommen: { date: '2019-09-01' } }, 'Inkommen', 'date-in-future');
  const early = (n: number, column: string, code: string, back: number, from: string) => {
    const g = template(n);
    bad(n, { [column]: { date: addDays((g[from] as { date: string }).date, -back) } }, column, code);
  };
  early(withClaim(32), 'Förhandsbedömning datum', 'date-before-received', 2, 'Inkommen');
  early(withClaim(40), 'Återkrav datum', 'date-before-step', 1, 'Utredning klar');
  const claimRow = withClaim(48);
  bad(
    claimRow,
    {
      'Återkrävt belopp': {
        amount: (good[claimRow].row['Felaktigt utbetalt belopp'] as { amount: number }).amount + 100000,
      },
    },
    'Återkrävt belopp',
    'amount-above-payments',
  );
  const open = withClaim(56);
  bad(
    open,
    { 'Avslutat datum': { date: '2019-05-01' }, Avslutsorsak: 'Återbetalning - återkrav' },
    'Avslutsorsak',
    'closing-reason-not-met',
  );
  // A police report needs no investigation since issue 20 (suspicion is enough): this one is dated
  // before the information came in.
  const notOpened = good.findIndex((g, k) => k % 8 === 1);
  bad(
    notOpened,
    {
      'Polisanmälan datum': {
        date: addDays((good[notOpened].row['Inkommen'] as { date: string }).date, -2),
      },
      'Avslutat datum': null,
      Avslutsorsak: null,
    },
    'Polisanmälan datum',
    'date-before-received',
  );
  // A suit against an assessment of no means is no longer an error (issue 20): the court weighs
  // the means (9 kap. 3 § SoL), and the decision and filing carry a warning instead.
  const noFinding = good.findIndex((g, k) => k % 8 === 2);
  bad(
    noFinding,
    {
      'Återkrav datum': { date: '2019-05-02' },
      'Återkrävt belopp': { amount: 100000 },
      'Avslutat datum': null,
      Avslutsorsak: null,
    },
    'Återkrav datum',
    'no-incorrect-payment',
  );
  const dupOf = good[queued(72)].row;
  errorRows.push({ row: { ...dupOf, Källa: 'Allmänheten' }, column: 'Ärendenummer', code: 'duplicate-key' });

  // Interleave: an error row after every 15 good rows, so row numbers are spread over the file.
  const rows: RegisterRowData[] = [];
  const goodRows: number[] = [];
  const errors: ExpectedError[] = [];
  let e = 0;
  good.forEach((g, k) => {
    rows.push(g.row);
    goodRows.push(rows.length + 1);
    if (k % 15 === 14 && e < errorRows.length) {
      const err = errorRows[e++];
      rows.push(err.row);
      errors.push({ rowNumber: rows.length + 1, column: err.column, code: err.code });
    }
  });
  for (; e < errorRows.length; e++) {
    rows.push(errorRows[e].row);
    errors.push({ rowNumber: rows.length + 1, column: errorRows[e].column, code: errorRows[e].code });
  }
  return { rows, goodRows, errors, tallies };
}

const DATE_FORMATS = [
  (d: string) => d,
  (d: string) => d.replace(/-/g, ''),
  (d: string) => `${Number(d.slice(8, 10))}/${Number(d.slice(5, 7))}/${d.slice(0, 4)}`,
  (d: string) => String(Math.round((Date.parse(`${d}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000)),
];

/** Kronor as Swedish Excel writes them: a space between thousands, a decimal comma. */
function kronor(ore: number): string {
  const [whole, frac] = (ore / 100).toFixed(2).split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ' ')},${frac}`;
}

/** Semicolons, decimal commas, dates in every format Swedish registers use; UTF-8 with BOM or Windows-1252. */
export function toSwedishCsv(rows: RegisterRowData[], encoding: 'utf-8-bom' | 'windows-1252'): Buffer {
  const cell = (v: Cell, r: number, c: number): string => {
    if (v === null) return '';
    if (typeof v === 'string') return /[;"\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
    if ('date' in v) return DATE_FORMATS[(r + c) % DATE_FORMATS.length](v.date);
    return kronor(v.amount);
  };
  const lines = [HEADINGS.join(';'), ...rows.map((row, r) => HEADINGS.map((h, c) => cell(row[h], r, c)).join(';'))];
  const text = lines.join('\r\n') + '\r\n';
  // Latin-1 and Windows-1252 agree on every character a register holds (å, ä, ö, é, §).
  return encoding === 'windows-1252' ? Buffer.from(text, 'latin1') : Buffer.from('\ufeff' + text, 'utf8');
}

/** An Excel workbook: dates as date cells or serial numbers, amounts as numbers, the register on sheet "Ärenden". */
export async function toXlsx(rows: RegisterRowData[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Instruktioner').addRow(['Registret ligger på bladet Ärenden']);
  const sheet = workbook.addWorksheet('Ärenden');
  sheet.addRow([...HEADINGS]);
  rows.forEach((row, r) => {
    sheet.addRow(
      HEADINGS.map((h, c) => {
        const v = row[h];
        if (v === null || typeof v === 'string') return v;
        if ('date' in v) {
          const form = (r + c) % 3;
          if (form === 0) return new Date(`${v.date}T00:00:00Z`);
          if (form === 1) return Number(DATE_FORMATS[3](v.date));
          return v.date;
        }
        return v.amount / 100;
      }),
    );
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
