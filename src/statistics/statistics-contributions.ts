/**
 * What one case adds to the yearly statistics, as a step function of the
 * recording day (`knownAt`): the statistics projection keeps the sum of every
 * case's contribution per year, district and metric, so a year's figures read
 * O(districts) rows instead of scanning the facts.
 *
 * The figures follow the full recomputation in `annual-statistics.ts`
 * (`AnnualStatisticsRecomputation`) to the letter, including its corners
 * (which transfers, voidings, reopenings and investigation causes were
 * recorded by `knownAt`); the property test in `statistics-contributions.spec.ts`
 * holds the two equal on random histories.
 */

/** One row of `stat_facts`, in the order the projection wrote them (stream order). */
export interface StatFact {
  kind: string;
  on: string;
  rec: string;
  seq: number;
  amount: number;
  code: string | null;
}

/** The `stat_cases` columns that never change, and the case's facts. */
export interface StatCase {
  district: string;
  gender: string;
  receivedOn: string;
  receivedRec: string;
  facts: StatFact[];
}

/**
 * Figures of a flow part count in the year of their business date; figures of
 * the year-end part are stored as the change from the year before, so the
 * state at the end of year Y is the sum over every year up to Y.
 */
export type Part = 'f' | 'e';

/** `part|year|district|metric|recDay` -> change from that recording day on. */
export type Contributions = Map<string, number>;

const FLOW_KINDS = new Set([
  'received',
  'opened',
  'claim',
  'police',
  'suit',
  'suit-decided',
  'repayment',
  'investigated',
]);
const CODE_KINDS = new Set(['notification-sent', 'notification-received', 'received', 'not-opened', 'error-type']);

const yearOf = (date: string): number => Number(date.slice(0, 4));

/** Per-fact derived flags that depend on what followed the fact in its stream. */
export interface Derived {
  /** The recording day of the last voiding at or after the fact (the projection stamps every existing fact). */
  voidedRec: (string | null)[];
  /** A reopening follows the fact in the stream. */
  reopenedAfter: boolean[];
  /** The last investigation result with a cause after an `opened` fact: its cause and recording day. */
  result: ({ cause: string; rec: string } | null)[];
}

export function derive(facts: StatFact[]): Derived {
  const n = facts.length;
  const voidedRec: (string | null)[] = new Array<string | null>(n);
  const reopenedAfter: boolean[] = new Array<boolean>(n);
  const result: ({ cause: string; rec: string } | null)[] = new Array<{ cause: string; rec: string } | null>(n);
  let voided: string | null = null;
  let reopened = false;
  let cause: { cause: string; rec: string } | null = null;
  for (let i = n - 1; i >= 0; i--) {
    const f = facts[i];
    if (f.kind === 'voided' && voided === null) voided = f.rec;
    voidedRec[i] = voided;
    reopenedAfter[i] = reopened;
    if (f.kind === 'reopened') reopened = true;
    result[i] = cause;
    if (f.kind === 'investigated' && f.code && cause === null) cause = { cause: f.code, rec: f.rec };
  }
  return { voidedRec, reopenedAfter, result };
}

/** The case's district on `date`, by the transfers recorded by `known` (by every transfer without it; latest by date, then stream order). */
export function districtOn(c: StatCase, date: string, known?: string): string {
  let best: StatFact | undefined;
  for (const t of c.facts) {
    if (t.kind !== 'transfer' || t.on > date || (known !== undefined && t.rec > known)) continue;
    if (!best || t.on > best.on || (t.on === best.on && t.seq > best.seq)) best = t;
  }
  return best?.code ?? c.district;
}

/** The case's figures as known at the end of `known`: `part|year|district|metric` -> value (year-end not yet as changes). */
function figuresAt(c: StatCase, d: Derived, known: string, lastYear: number, out: Map<string, number>): void {
  const add = (part: Part, year: number, district: string, metric: string, n: number): void => {
    if (n === 0) return;
    const key = `${part}|${year}|${district}|${metric}`;
    out.set(key, (out.get(key) ?? 0) + n);
  };
  const facts = c.facts;
  for (let i = 0; i < facts.length; i++) {
    const f = facts[i];
    if (f.rec > known) continue;
    const voided = d.voidedRec[i];
    if (voided !== null && voided <= known) continue;
    const flow = FLOW_KINDS.has(f.kind);
    const coded = CODE_KINDS.has(f.kind);
    if (!flow && !coded && f.kind !== 'closed') continue;
    const year = yearOf(f.on);
    const district = districtOn(c, f.on, known);
    if (flow) {
      // Only claims and police reports are split by gender in the report.
      const split = f.kind === 'claim' || f.kind === 'police' ? `:${c.gender}` : '';
      add('f', year, district, `n:${f.kind}${split}`, 1);
      add('f', year, district, `a:${f.kind}`, f.amount);
    }
    if (coded) add('f', year, district, `c:${f.kind}:${f.code ?? ''}`, 1);
    if (f.kind === 'opened') {
      const result = d.result[i];
      add(
        'f',
        year,
        district,
        `cause:${(result && result.rec <= known ? result.cause : null) ?? f.code ?? 'unknown'}`,
        1,
      );
    }
    if (f.kind === 'closed') {
      const to = `${year}-12-31`;
      const undone =
        d.reopenedAfter[i] &&
        facts.some(
          (r) =>
            r.kind === 'reopened' && r.rec <= known && r.on <= to && (r.on > f.on || (r.on === f.on && r.seq > f.seq)),
        );
      if (!undone) add('f', year, district, `close:${f.code ?? ''}`, 1);
    }
  }
  yearEnd(c, known, lastYear, add);
}

/** The state at the end of each 31 December from the year the case came in to the last year any of its steps fall in. */
function yearEnd(
  c: StatCase,
  known: string,
  lastYear: number,
  add: (part: Part, year: number, district: string, metric: string, n: number) => void,
): void {
  if (c.receivedRec > known) return;
  const facts = c.facts;
  let voided: string | null = null;
  let reopenings = false;
  let transfers = false;
  let closed: StatFact | undefined;
  let assessed: StatFact | undefined;
  let investigated: StatFact | undefined;
  let claim: StatFact | undefined;
  let police: StatFact | undefined;
  let claimAmount = 0;
  for (const f of facts) {
    switch (f.kind) {
      case 'voided':
        voided = f.rec;
        break;
      case 'reopened':
        reopenings = true;
        break;
      case 'transfer':
        transfers = true;
        break;
      case 'closed':
        closed = f;
        break;
      case 'opened':
      case 'not-opened':
        assessed = f;
        break;
      case 'investigated':
        investigated = f;
        break;
      case 'claim':
        claim ??= f;
        claimAmount += f.amount;
        break;
      case 'police':
        police ??= f;
        break;
    }
  }
  if (voided !== null && voided <= known) return;
  for (let year = yearOf(c.receivedOn); year <= lastYear; year++) {
    const to = `${year}-12-31`;
    if (c.receivedOn > to) continue;
    const done = (f: StatFact | undefined): boolean => f !== undefined && f.on <= to && f.rec <= known;
    let open: boolean;
    if (!reopenings) open = !done(closed);
    else {
      let last: StatFact | undefined;
      for (const f of facts) {
        if ((f.kind !== 'closed' && f.kind !== 'reopened') || f.on > to || f.rec > known) continue;
        if (!last || f.on > last.on || (f.on === last.on && f.seq > last.seq)) last = f;
      }
      open = last === undefined || last.kind !== 'closed';
    }
    if (!open) continue;
    const district = transfers ? districtOn(c, to, known) : c.district;
    const wasAssessed = done(assessed);
    const opened = wasAssessed && assessed!.kind === 'opened';
    const hasClaim = done(claim);
    let repaying = false;
    if (hasClaim) {
      let started = false;
      let paid = 0;
      for (const f of facts) {
        if (f.on > to || f.rec > known) continue;
        if (f.kind === 'plan' || f.kind === 'repayment') started = true;
        // What a deceased person's estate could not pay is written off: no longer owed, as a waiver is not.
        if (f.kind === 'repayment' || f.kind === 'waiver' || f.kind === 'written-off') paid += f.amount;
      }
      repaying = started && claimAmount > paid;
    }
    // `end:open` counts the cases open at year end, so a district whose figures are all zero still shows.
    add('e', year, district, 'end:open', 1);
    add('e', year, district, 'end:queue', wasAssessed ? 0 : 1);
    add('e', year, district, 'end:claims', hasClaim ? 1 : 0);
    add('e', year, district, 'end:repayments', repaying ? 1 : 0);
    add('e', year, district, 'end:investigations', opened && !done(investigated) ? 1 : 0);
    add('e', year, district, 'end:followUp', hasClaim || done(police) ? 1 : 0);
  }
}

/** Turns year-end states into changes from the year before (so a sum over years up to Y gives year Y's state). */
function yearEndAsChanges(figures: Map<string, number>, firstYear: number, lastYear: number): Map<string, number> {
  const out = new Map<string, number>();
  const ends = new Map<string, Map<number, number>>();
  for (const [key, n] of figures) {
    if (key[0] === 'f') {
      out.set(key, n);
      continue;
    }
    const [, year, district, metric] = key.split('|');
    const series = `${district}|${metric}`;
    let byYear = ends.get(series);
    if (!byYear) ends.set(series, (byYear = new Map()));
    byYear.set(Number(year), n);
  }
  for (const [series, byYear] of ends) {
    // After the last year the state stays as it is: no change to record.
    for (let year = firstYear; year <= lastYear; year++) {
      const change = (byYear.get(year) ?? 0) - (byYear.get(year - 1) ?? 0);
      if (change !== 0) out.set(`e|${year}|${series}`, change);
    }
  }
  return out;
}

/**
 * The case's contributions: for each recording day on which its figures
 * change, the change. The view as known at day K is the sum of the
 * contributions recorded by K; with no `knownAt`, the sum of all of them.
 */
export function caseContributions(c: StatCase | undefined): Contributions {
  const out: Contributions = new Map();
  if (!c) return out;
  const d = derive(c.facts);
  const days = [...new Set([c.receivedRec, ...c.facts.map((f) => f.rec)])].sort();
  let firstYear = yearOf(c.receivedOn);
  let lastYear = firstYear;
  for (const f of c.facts) {
    const y = yearOf(f.on);
    if (y > lastYear) lastYear = y;
    if (y < firstYear) firstYear = y;
  }
  let before = new Map<string, number>();
  for (const day of days) {
    const raw = new Map<string, number>();
    figuresAt(c, d, day, lastYear, raw);
    const now = yearEndAsChanges(raw, firstYear, lastYear);
    for (const [key, n] of now) {
      const change = n - (before.get(key) ?? 0);
      if (change !== 0) out.set(`${key}|${day}`, change);
    }
    for (const [key, n] of before) if (!now.has(key)) out.set(`${key}|${day}`, -n);
    before = now;
  }
  return out;
}

/** Adds `sign` times a case's contributions to the running changes of a batch. */
export function addContributions(into: Contributions, from: Contributions, sign: 1 | -1): void {
  for (const [key, n] of from) {
    const sum = (into.get(key) ?? 0) + sign * n;
    if (sum === 0) into.delete(key);
    else into.set(key, sum);
  }
}
