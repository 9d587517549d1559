import { expect, type Locator, type Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Screenshots of every screen, kept as test artifacts (gitignored). */
export const SCREENS_DIR = join(__dirname, '..', 'test-results', 'screens');

/**
 * Signs out as a person does, and waits until the app has left for its signed-out page: the app
 * first ends the session, then navigates, and a navigation of the test's own in between is aborted.
 */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Logga ut' }).click();
  await expect(page.getByRole('heading', { name: 'Du är utloggad' })).toBeVisible();
}

/** Signs in through the real flow: the service redirects to the embedded OIDC provider, a demo user is chosen. */
export async function signIn(page: Page, user: string, path = '/'): Promise<void> {
  // Straight to the service's login (what the app does without a session): opening the page first
  // raced its own redirect against Playwright's wait for the load event (net::ERR_ABORTED).
  await page.goto(`/api/auth/login?returnTo=${encodeURIComponent(path)}`);
  await page.waitForURL(/\/dev-idp\/interaction\//);
  await page.getByLabel('Demoanvändare').selectOption(user);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/dev-idp') && !url.pathname.startsWith('/api/'));
  await expect(page.getByRole('button', { name: 'Logga ut' })).toBeVisible();
}

interface AxeResult {
  violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> }>;
}

/**
 * Runs axe-core (WCAG 2.1 A and AA rules) on the page as it stands, keeps the
 * result and a full-page screenshot under the screen's name, and fails on any
 * serious or critical violation.
 */
export async function checkScreen(page: Page, name: string): Promise<void> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<unknown> } }).axe;
    return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
  });
  const violations = (result as AxeResult).violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(' ')),
  }));
  mkdirSync(SCREENS_DIR, { recursive: true });
  writeFileSync(join(SCREENS_DIR, `${name}.axe.json`), JSON.stringify(violations, null, 2));
  await page.screenshot({ path: join(SCREENS_DIR, `${name}.png`), fullPage: true });
  expect(
    violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'),
    `axe on ${name}`,
  ).toEqual([]);
}

/** Picks an option of a React Aria select by its label, inside `scope` (a form or the page). */
export async function choose(page: Page, scope: Locator, label: string, option: string): Promise<void> {
  // A required field's label may end in an asterisk, an optional one's in "(frivilligt)" (forms that mark those).
  const exact = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*| \\(frivilligt\\))?$`);
  const field = scope.locator('.field').filter({ has: page.locator('.react-aria-Label', { hasText: exact }) });
  await field.getByRole('button').click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** The step form of the case page with this title. */
export function step(page: Page, title: string): Locator {
  return page.getByRole('region', { name: title, exact: true });
}

/** The button under "Nästa steg" that chooses the step with this title. */
export function stepChoice(page: Page, title: string): Locator {
  return page.getByRole('group', { name: 'Nästa steg', exact: true }).getByRole('button', { name: title, exact: true });
}

/**
 * Chooses a step under "Nästa steg" on the case page (one form is shown at a
 * time) and returns its form, once shown. Choosing the step already shown keeps
 * it as it is, with what was typed.
 */
export async function openStep(page: Page, title: string): Promise<Locator> {
  await stepChoice(page, title).click();
  const form = step(page, title);
  await expect(form).toBeVisible();
  return form;
}

/** The amount cell of a row of the case page's amounts table under Läget (the first claim's, or the case's). */
export function amountOf(page: Page, row: string): Locator {
  return page
    .getByRole('region', { name: 'Läget' })
    .getByRole('row', { name: new RegExp(`^${row}`) })
    .locator('td')
    .first();
}

/** Matches an amount as shown, e.g. kr('7 700,50') whatever kind of space separates the thousands. */
export function kr(text: string): RegExp {
  return new RegExp(`^${text.replace(/ /g, '[\\s\u00a0]')}[\\s\u00a0]kr$`);
}

/** The case page's timeline entry of a step, by the step's name. */
export function timelineEntry(page: Page, step: string): Locator {
  return page
    .getByRole('region', { name: 'Tidslinje' })
    .getByRole('listitem')
    .filter({ has: page.getByText(step, { exact: true }) });
}
