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

/** The once-only steps of a case, found once for every day its state is asked for. */
interface Scanned {
  voided: string | null;
  reopenings: boolean;
  transfers: boolean;
  closed: StatFact | undefined;
  assessed: StatFact | undefined;
  investigated: StatFact | undefined;
  claim: StatFact | undefined;
  /** The first police report (a case may hold several): it puts the case in follow-up, as the projection's police_on does. */
  police: StatFact | undefined;
  claimAmount: number;
}

function scan(facts: StatFact[]): Scanned {
  const s: Scanned = {
    voided: null,
    reopenings: false,
    transfers: false,
    closed: undefined,
    assessed: undefined,
    investigated: undefined,
    claim: undefined,
    police: undefined,
    claimAmount: 0,
  };
  for (const f of facts) {
    switch (f.kind) {
      case 'voided':
        s.voided = f.rec;
        break;
      case 'reopened':
        s.reopenings = true;
        break;
      case 'transfer':
        s.transfers = true;
        break;
      case 'closed':
        s.closed = f;
        break;
      case 'opened':
      case 'not-opened':
        s.assessed = f;
        break;
      case 'investigated':
        s.investigated = f;
        break;
      case 'claim':
        s.claim ??= f;
        s.claimAmount += f.amount;
        break;
      case 'police':
        s.police ??= f;
        break;
    }
  }
  return s;
}

/** An open case at the end of a day: where it was and what the year-end figures count it as. */
export interface OpenCaseState {
  district: string;
  queue: boolean;
  claim: boolean;
  repaying: boolean;
  investigating: boolean;
  followUp: boolean;
}

/** The case at the end of day `to` as known at the end of day `known`; undefined when it was not open (or not yet known). */
function stateAt(c: StatCase, s: Scanned, known: string, to: string): OpenCaseState | undefined {
  if (c.receivedRec > known || c.receivedOn > to) return undefined;
  if (s.voided !== null && s.voided <= known) return undefined;
  const facts = c.facts;
  const done = (f: StatFact | undefined): boolean => f !== undefined && f.on <= to && f.rec <= known;
  let open: boolean;
  if (!s.reopenings) open = !done(s.closed);
  else {
    let last: StatFact | undefined;
    for (const f of facts) {
      if ((f.kind !== 'closed' && f.kind !== 'reopened') || f.on > to || f.rec > known) continue;
      if (!last || f.on > last.on || (f.on === last.on && f.seq > last.seq)) last = f;
    }
    open = last === undefined || last.kind !== 'closed';
  }
  if (!open) return undefined;
  const wasAssessed = done(s.assessed);
  const opened = wasAssessed && s.assessed!.kind === 'opened';
  const hasClaim = done(s.claim);
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
    repaying = started && s.claimAmount > paid;
  }
  return {
    district: s.transfers ? districtOn(c, to, known) : c.district,
    queue: !wasAssessed,
    claim: hasClaim,
    repaying,
    investigating: opened && !done(s.investigated),
    followUp: hasClaim || done(s.police),
  };
}

/** The case on a day (e.g. a measurement in early January), as the year-end figures would count it then. */
export const caseStateOn = (c: StatCase, known: string, to: string): OpenCaseState | undefined =>
  stateAt(c, scan(c.facts), known, to);

/** The state at the end of each 31 December from the year the case came in to the last year any of its steps fall in. */
function yearEnd(
  c: StatCase,
  known: string,
  lastYear: number,
  add: (part: Part, year: number, district: string, metric: string, n: number) => void,
): void {
  if (c.receivedRec > known) return;
  const s = scan(c.facts);
  if (s.voided !== null && s.voided <= known) return;
  for (let year = yearOf(c.receivedOn); year <= lastYear; year++) {
    const state = stateAt(c, s, known, `${year}-12-31`);
    if (!state) continue;
    const district = state.district;
    // `end:open` counts the cases open at year end, so a district whose figures are all zero still shows.
    add('e', year, district, 'end:open', 1);
    add('e', year, district, 'end:queue', state.queue ? 1 : 0);
    add('e', year, district, 'end:claims', state.claim ? 1 : 0);
    add('e', year, district, 'end:repayments', state.repaying ? 1 : 0);
    add('e', year, district, 'end:investigations', state.investigating ? 1 : 0);
    add('e', year, district, 'end:followUp', state.followUp ? 1 : 0);
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
