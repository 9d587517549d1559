import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AUDIT_ACTION, PROBLEM, STEP, STEP_TITLE } from '../src/labels/sv';
import { CASE_EVENT_TYPES, CASE_STEPS, REFUSALS, ROUTED_STEPS } from '../src/cases/steps';

/**
 * Every event type, step, audit action and problem code the service can
 * produce has its Swedish text: the timeline, the audit log and every error
 * message on the screens speak Swedish. Codes are found where the code makes
 * them (a problem, a refusal, a middleware's answer), so a new one without a
 * text fails here even where the compiler cannot see it.
 */
const SRC = join(__dirname, '..', 'src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

const all = sources(SRC).map((path) => ({ path: path.slice(SRC.length + 1), text: readFileSync(path, 'utf8') }));

/** Problem codes as the code writes them: new Problem(status, 'code'), refusals, a middleware's problem(res, status, 'code'). */
function problemCodesInSource(): Map<string, string> {
  const found = new Map<string, string>();
  const patterns = [
    /new Problem\(\s*\d{3},\s*'([a-z0-9-]+)'/g,
    /\b(?:conflict|rule)\(\s*'([a-z0-9-]+)'/g,
    /\bproblem\(\s*\w+,\s*\d{3},\s*'([a-z0-9-]+)'/g,
  ];
  for (const { path, text } of all)
    for (const pattern of patterns) for (const m of text.matchAll(pattern)) found.set(m[1], path);
  return found;
}

/** The codes the problem filter makes from an HTTP status it has no code for (e.g. 405 → method-not-allowed). */
function codesFromStatusTitles(): string[] {
  const filter = readFileSync(join(SRC, 'common', 'problem.filter.ts'), 'utf8');
  const titles = filter.slice(filter.indexOf('const TITLES'), filter.indexOf('};', filter.indexOf('const TITLES')));
  return [...titles.matchAll(/\d{3}: '([^']+)'/g)].map((m) => m[1].toLowerCase().replace(/\s+/g, '-'));
}

describe('the Swedish catalogue', () => {
  it('names every event type on the timeline', () => {
    for (const type of CASE_EVENT_TYPES) expect(STEP[type]).toMatch(/\p{L}/u);
  });

  it('titles every step and labels every field of its form in Swedish', () => {
    for (const step of CASE_STEPS) expect(STEP_TITLE[step.id]).toMatch(/\p{L}/u);
    for (const step of ROUTED_STEPS) {
      expect(step.http.submit).toMatch(/\p{L}/u);
      for (const [name, field] of Object.entries(step.http.request))
        expect({ name, label: field.label }).toEqual({ name, label: expect.stringMatching(/\p{L}/u) });
    }
  });

  it('names every audit action: each step route and every @Audited endpoint', () => {
    const audited = new Set<string>();
    for (const { text } of all) for (const m of text.matchAll(/@Audited\('([a-z.-]+)'\)/g)) audited.add(m[1]);
    for (const step of ROUTED_STEPS) audited.add(`case.${step.http.route}`);
    const missing = [...audited].filter((action) => !AUDIT_ACTION[action]);
    expect(missing).toEqual([]);
  });

  it('says every problem code the service sends in Swedish', () => {
    const codes = problemCodesInSource();
    for (const code of Object.keys(REFUSALS)) codes.set(code, 'a step or the common refusals');
    for (const code of codesFromStatusTitles()) codes.set(code, 'src/common/problem.filter.ts');
    const missing = [...codes].filter(([code]) => !(PROBLEM as Record<string, string>)[code]);
    expect(missing).toEqual([]);
    // Sanity: the scan sees the codes it is meant to (a broken pattern would pass vacuously).
    expect(codes.size).toBeGreaterThan(60);
    for (const code of ['no-suit-decision', 'suit-decided', 'no-police-report', 'unknown-investigator'])
      expect(codes.has(code)).toBe(true);
  });

  it('holds no text that is English or empty', () => {
    for (const text of [...Object.values(PROBLEM), ...Object.values(STEP), ...Object.values(AUDIT_ACTION)]) {
      expect(text.trim()).not.toBe('');
      // A Swedish sentence here, not the API's English: none of these words is Swedish.
      expect(text).not.toMatch(/\b(the|is|must|case|claim|not)\b/);
    }
  });
});
