import { expect, type Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Screenshots of every screen, kept as test artifacts (gitignored). */
export const SCREENS_DIR = join(__dirname, '..', 'test-results', 'screens');

/** Signs in through the real flow: the service redirects to the embedded OIDC provider, a demo user is chosen. */
export async function signIn(page: Page, user: string, path = '/'): Promise<void> {
  await page.goto(path);
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
