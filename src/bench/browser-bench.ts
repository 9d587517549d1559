/* eslint-disable no-console -- a benchmark prints its figures */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type Page, chromium } from '@playwright/test';
import { median } from './rounds';

/**
 * `npm run bench:screens` (after `npm run build`): what a person waits for in
 * the browser, measured in Debian's Chromium on the built service with the
 * demo history, by the page's own clocks (navigation and resource timing,
 * `performance.now()` when the content enters the page), never by a test.
 *
 *  - the case page of the demo case in follow-up with the longest history,
 *    loaded as an address (a second visit: the browser has the files), and
 *    opened from Mina ärenden by its link, found by its number (the app's own navigation);
 *  - a step submitted on that page (a journal note, chosen under Nästa steg): from the click to the
 *    confirmation, and to the new note shown in the case.
 *
 * Medians of ROUNDS runs each, beside the figures in browser-baseline.json
 * (the starting commit's, a60743c); `-- --save` writes this run's figures as
 * the baseline. BENCH_BUILD=<another checkout, built> measures that build
 * with this bench (e.g. the baseline's commit in a temporary worktree). The waterfall of the median run's requests is printed, to
 * see where the time goes. BENCH_PORT (default 41600) is the service's port;
 * BENCH_DATA a directory holding the demo history already loaded, copied for
 * the run (else it is loaded into a temporary directory, about a minute).
 */

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const PORT = Number(process.env.BENCH_PORT ?? 41600);
const BASE = `http://127.0.0.1:${PORT}`;
const ROOT = join(__dirname, '..', '..');
/** The build measured: this checkout's, or BENCH_BUILD's (another checkout, built), to set figures beside each other. */
const DIST = join(process.env.BENCH_BUILD ?? ROOT, 'dist');
const BASELINE = join(ROOT, 'src', 'bench', 'browser-baseline.json');
const CHROMIUM = JSON.parse(readFileSync(join(ROOT, 'e2e', 'chromium.json'), 'utf8')) as {
  executablePath: string;
  args: string[];
};

type Figures = Record<string, number>;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function serviceEnv(dir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'development',
    PORT: String(PORT),
    HOST: '127.0.0.1',
    EVENT_STORE_URL: `sqlite:${join(dir, 'events.db')}`,
    LOG_LEVEL: 'error',
    WRITES_PER_MINUTE: '100000',
    READS_PER_MINUTE: '100000',
    UNAUTHENTICATED_PER_MINUTE: '100000',
    SESSION_IDLE_MINUTES: '60',
  };
}

async function startService(dir: string): Promise<ChildProcess> {
  if (!existsSync(join(dir, 'events.db'))) {
    console.log(`Loading the demo history into ${dir} ...`);
    execFileSync(process.execPath, [join(DIST, 'cli', 'demo-load.js')], { env: serviceEnv(dir), stdio: 'ignore' });
  }
  const child = spawn(process.execPath, [join(DIST, 'main.js')], {
    env: serviceEnv(dir),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 1200; i++) {
    try {
      const res = await fetch(`${BASE}/health`);
      // Up, and every read model caught up (a new build may rebuild one from the log first).
      const health = (await res.json()) as { projections?: Array<{ lag: number }> };
      if (res.ok && (health.projections ?? []).every((p) => p.lag === 0)) return child;
    } catch {
      // not up yet
    }
    await sleep(100);
  }
  throw new Error('the service did not start');
}

async function bearer(user: string, role: string, districts: string[]): Promise<(path: string) => Promise<unknown>> {
  const res = await fetch(`${BASE}/api/auth/dev-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user, role, districts }),
  });
  const { accessToken } = (await res.json()) as { accessToken: string };
  return async (path) => {
    const r = await fetch(`${BASE}${path}`, { headers: { authorization: `Bearer ${accessToken}` } });
    if (!r.ok) throw new Error(`${path}: ${r.status}`);
    return r.json();
  };
}

/** The demo's case in follow-up with the longest history in a district: the heaviest case page a unit opens. */
async function heaviestCase(district: string): Promise<{ id: string; caseNumber: string; events: number }> {
  const get = await bearer(`chef.${district}`, 'unit-head', [district]);
  const list = (await get(`/api/cases?district=${district}&status=follow-up&pageSize=100`)) as {
    items: Array<{ id: string; caseNumber: string }>;
  };
  let best = { id: '', caseNumber: '', events: -1 };
  for (const c of list.items) {
    const history = (await get(`/api/cases/${c.id}/history`)) as unknown[];
    if (history.length > best.events) best = { ...c, events: history.length };
  }
  return best;
}

async function signIn(page: Page, user: string): Promise<void> {
  await page.goto(`${BASE}/api/auth/login?returnTo=%2F`);
  await page.waitForURL(/\/dev-idp\/interaction\//);
  await page.getByLabel('Demoanvändare').selectOption(user);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.getByRole('button', { name: 'Logga ut' }).waitFor();
}

/**
 * In every page from its start: the moment the case's content (its heading,
 * shown once the case is read) enters the page, and the frame after it; the moment a journal
 * note's text appears in the journal, and the confirmation of a saved step.
 */
const PROBE = `
(() => {
  const marks = (window.__bench = { content: 0, painted: 0, click: 0, confirmed: 0, shown: 0, forms: 0, note: '' });
  const check = () => {
    const h1 = document.querySelector('h1');
    if (!marks.content && h1 && h1.textContent.startsWith('Ärende ')) {
      marks.content = performance.now();
      requestAnimationFrame(() => setTimeout(() => (marks.painted = performance.now())));
    }
    if (marks.click && !marks.confirmed && /sparat/i.test(document.querySelector('main')?.textContent ?? '')) {
      const ok = [...document.querySelectorAll('[role=status], .message-success, .message')].some((e) => /sparat/i.test(e.textContent));
      if (ok) marks.confirmed = performance.now();
    }
    // The steps the case allows drawn under Nästa steg (drawn after the case itself; one form shows once chosen).
    if (!marks.forms && marks.content && document.querySelector('.step-picker'))
      marks.forms = performance.now();
    if (marks.click && !marks.shown && marks.note) {
      const journal = document.getElementById('journal')?.parentElement;
      if (journal && journal.textContent.includes(marks.note)) marks.shown = performance.now();
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true });
  // Main-thread work of 50 ms or more (rendering, parsing): where the page keeps the person waiting besides the network.
  marks.long = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) marks.long.push([Math.round(e.startTime), Math.round(e.duration)]);
  }).observe({ type: 'longtask', buffered: true });
  document.addEventListener('click', (e) => {
    const button = e.target instanceof Element ? e.target.closest('button[type=submit]') : null;
    if (button && marks.note && !marks.click) marks.click = performance.now();
  }, true);
})();
`;

interface Probe {
  long: Array<[number, number]>;
  forms: number;
  content: number;
  painted: number;
  click: number;
  confirmed: number;
  shown: number;
}

interface Entry {
  name: string;
  kind: string;
  start: number;
  end: number;
}

const marks = (page: Page): Promise<Probe> => page.evaluate<Probe>('window.__bench');

/** Resource timing from `from` on, relative to it: the requests the page made and when. */
async function waterfall(page: Page, from: number): Promise<Entry[]> {
  const long = await page.evaluate<Array<[number, number]>>(`window.__bench.long.filter(([t]) => t >= ${from} - 1)`);
  const requests = await page.evaluate<Entry[]>(`performance.getEntriesByType('resource')
      .filter((e) => e.startTime >= ${from} - 1)
      .map((e) => ({
        name: new URL(e.name).pathname.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/, '{id}'),
        kind: e.initiatorType,
        start: Math.round(e.startTime - ${from}),
        end: Math.round(e.responseEnd - ${from}),
      }))`);
  return [
    ...requests,
    ...long.map(([t, d]) => ({
      name: '(main thread busy)',
      kind: 'longtask',
      start: Math.round(t - from),
      end: Math.round(t - from + d),
    })),
  ];
}

/** The time some API request was in flight (the union of their spans): the rest is the browser's. */
const apiSpan = (entries: Entry[]): number => {
  const spans = entries
    .filter((e) => e.name.startsWith('/api/') && e.kind === 'fetch')
    .map((e) => [e.start, e.end])
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let until = -Infinity;
  for (const [start, end] of spans) {
    total += Math.max(0, end - Math.max(start, until));
    until = Math.max(until, end);
  }
  return total;
};

interface Run {
  figures: Figures;
  entries: Entry[];
}

/** The case page loaded as an address, the browser's cache warm (a second visit). */
async function loadCasePage(page: Page, id: string): Promise<Run> {
  await page.goto(`${BASE}/arenden/${id}`, { waitUntil: 'commit' });
  await page.waitForFunction('window.__bench.painted > 0 && window.__bench.forms > 0');
  const probe = await marks(page);
  const nav = await page.evaluate<{ domContentLoaded: number }>(
    `({ domContentLoaded: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd })`,
  );
  const entries = await waterfall(page, 0);
  return {
    figures: {
      'case page (address): content shown': probe.painted,
      'case page (address): step choices drawn too': probe.forms,
      'case page (address): HTML and scripts read': nav.domContentLoaded,
      'case page (address): API requests in flight': apiSpan(entries),
    },
    entries,
  };
}

/** The case page opened from Mina ärenden by its link: the app's own navigation. */
async function openFromList(page: Page, caseNumber: string): Promise<Run> {
  await page.goto(`${BASE}/`);
  // Found by its number, as a unit head finds a case that is not among the newest.
  await page.getByLabel('Ärendenummer').fill(caseNumber);
  await page.getByRole('button', { name: 'Sök', exact: true }).click();
  const link = page.getByRole('link', { name: caseNumber, exact: true }).first();
  await link.waitFor();
  await page.evaluate('window.__bench.content = 0; window.__bench.painted = 0; window.__bench.forms = 0');
  const t0 = await page.evaluate<number>('performance.now()');
  await link.click();
  await page.waitForFunction('window.__bench.painted > 0 && window.__bench.forms > 0');
  const probe = await marks(page);
  const entries = await waterfall(page, t0);
  return {
    figures: {
      'case page (from the list): content shown': probe.painted - t0,
      'case page (from the list): step choices drawn too': probe.forms - t0,
      'case page (from the list): API requests in flight': apiSpan(entries),
    },
    entries,
  };
}

/** A journal note saved on the case page: from the click to the confirmation, and to the note shown in the case. */
async function submitStep(page: Page, id: string, n: number): Promise<Run> {
  await page.goto(`${BASE}/arenden/${id}`, { waitUntil: 'commit' });
  await page.waitForFunction('window.__bench.painted > 0');
  // One step at a time: the note's form shows once it is chosen under Nästa steg.
  await page
    .getByRole('group', { name: 'Nästa steg', exact: true })
    .getByRole('button', { name: 'Ny journalanteckning', exact: true })
    .click();
  const form = page.getByRole('region', { name: 'Ny journalanteckning', exact: true });
  const note = `Mätning ${n} ${Date.now()}`;
  await form.getByLabel('Text').fill(note);
  await page.evaluate(`window.__bench.note = ${JSON.stringify(note)}`);
  await form.getByRole('button', { name: 'Spara anteckning' }).click();
  await page.waitForFunction('window.__bench.shown > 0 && window.__bench.confirmed > 0');
  // The frame after the note entered the page.
  await page.evaluate('new Promise((r) => requestAnimationFrame(() => setTimeout(r)))');
  const probe = await marks(page);
  const entries = await waterfall(page, probe.click);
  const post = entries.find((e) => e.name.startsWith('/api/') && e.kind !== 'navigation' && e.start >= -1);
  return {
    figures: {
      'step submitted: confirmation shown': probe.confirmed - probe.click,
      'step submitted: result shown in the case': probe.shown - probe.click,
      'step submitted: the step request itself': post ? post.end - post.start : 0,
      'step submitted: API requests in flight': apiSpan(entries),
    },
    entries,
  };
}

function printWaterfall(title: string, entries: Entry[]): void {
  console.log(`\n  ${title}`);
  for (const e of [...entries].sort((a, b) => a.start - b.start)) {
    console.log(
      `    ${String(e.start).padStart(5)} – ${String(e.end).padStart(5)} ms  ${e.kind.padEnd(14)} ${e.name.slice(0, 70)}`,
    );
  }
}

async function measure(browser: Browser, district: string): Promise<Figures> {
  const target = await heaviestCase(district);
  console.log(`Case ${target.caseNumber} (${target.events} events) in ${district}; ${ROUNDS} runs of each.`);
  // The probe is evaluated in the page; the service's CSP (script-src 'self') would refuse it, as it does axe in e2e.
  const context = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm', bypassCSP: true });
  await context.addInitScript(PROBE);
  const page = await context.newPage();
  await signIn(page, `chef.${district}`);
  // One of each first: the browser caches the files as any second visit has them.
  await loadCasePage(page, target.id);
  await openFromList(page, target.caseNumber);
  const runs: Record<string, Run[]> = { address: [], list: [], step: [] };
  for (let i = 0; i < ROUNDS; i++) {
    // In turn, so a slow moment of the shared machine falls on all three alike.
    runs.address.push(await loadCasePage(page, target.id));
    runs.list.push(await openFromList(page, target.caseNumber));
    runs.step.push(await submitStep(page, target.id, i));
  }
  await context.close();
  const figures: Figures = {};
  for (const [kind, list] of Object.entries(runs)) {
    for (const name of Object.keys(list[0].figures)) figures[name] = median(list.map((r) => r.figures[name]));
    // The run whose main figure is the median, for its waterfall.
    const main = Object.keys(list[0].figures)[kind === 'step' ? 1 : 0];
    const sorted = [...list].sort((a, b) => a.figures[main] - b.figures[main]);
    printWaterfall(
      `${kind}: the median run's requests (ms from its start)`,
      sorted[Math.floor(sorted.length / 2)].entries,
    );
  }
  return figures;
}

function printFigures(figures: Figures, baseline: { commit?: string; figures: Figures } | undefined): void {
  console.log(`\nMedians of ${ROUNDS} runs, in ms${baseline ? ` (baseline: ${baseline.commit})` : ''}:`);
  for (const [name, value] of Object.entries(figures)) {
    const before = baseline?.figures[name];
    console.log(
      `  ${name.padEnd(62)} ${value.toFixed(0).padStart(6)}${before === undefined ? '' : `   baseline ${before.toFixed(0).padStart(6)}`}`,
    );
  }
}

async function main(): Promise<void> {
  // A copy of BENCH_DATA, so every run starts from the same history (the runs add journal notes).
  const dir = mkdtempSync(join(tmpdir(), 'fut-browser-bench-'));
  if (process.env.BENCH_DATA) cpSync(process.env.BENCH_DATA, dir, { recursive: true });
  const service = await startService(dir);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? CHROMIUM.executablePath,
    args: CHROMIUM.args,
  });
  try {
    const figures = await measure(browser, process.env.BENCH_DISTRICT ?? 'farsta');
    const baseline = existsSync(BASELINE)
      ? (JSON.parse(readFileSync(BASELINE, 'utf8')) as { commit?: string; figures: Figures })
      : undefined;
    printFigures(figures, baseline);
    if (process.argv.includes('--save')) {
      const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: join(DIST, '..') })
        .toString()
        .trim();
      writeFileSync(
        BASELINE,
        `${JSON.stringify({ commit, measuredOn: new Date().toISOString().slice(0, 10), rounds: ROUNDS, figures }, null, 2)}\n`,
      );
      console.log(`Baseline written to ${BASELINE}.`);
    }
  } finally {
    await browser.close();
    service.kill('SIGTERM');
    await new Promise((r) => service.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
