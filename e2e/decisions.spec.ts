import { expect, test } from '@playwright/test';
import { checkScreen, signIn } from './support';

/**
 * Issue 20's screens: the list of delegated decisions a nämnd is told of, and
 * a case's decisions with their paragraph, decision-maker and appeal route.
 */
test('the unit head lists the delegated decisions of 2018 and opens one of their cases', async ({ page }) => {
  await signIn(page, 'chef.farsta', '/delegationsbeslut');
  await expect(page.getByRole('heading', { level: 1, name: 'Delegationsbeslut' })).toBeVisible();
  await page.getByLabel('Beslutade från och med').fill('2018-01-01');
  await page.getByLabel('Till och med').fill('2018-12-31');
  const heading = page.getByRole('heading', { level: 2, name: /Farsta, .*2018/ });
  await expect(heading).toBeVisible();
  const table = page.getByRole('table');
  await expect(table.locator('caption')).toHaveText(/^\d+ beslut$/);
  const rows = table.locator('tbody tr');
  expect(await rows.count()).toBeGreaterThan(0);
  // Each row names the paragraph by the law the payments fall under; 2018 is SoL 2001:453.
  await expect(rows.first()).toContainText('(2001:453)');
  await expect(page.getByRole('link', { name: 'Anmälan som PDF' })).toBeVisible();
  await checkScreen(page, 'delegationsbeslut-farsta-2018');

  await rows.first().getByRole('link').click();
  const decisions = page.getByRole('region', { name: 'Beslut', exact: true });
  await expect(decisions).toBeVisible();
  await expect(decisions.getByRole('columnheader', { name: 'Överklagande' })).toBeVisible();
  // How the decision can be tried opens in place, with its legal source.
  await decisions.locator('summary').first().click();
  await expect(decisions.getByText(/^Källa: /).first()).toBeVisible();
  await checkScreen(page, 'arende-beslut');
});
