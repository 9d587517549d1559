import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { caseInQueue } from './api';
import { checkScreen, choose, signIn } from './support';

test('the department reads the 2018 statistics and downloads the yearly report as PDF', async ({ page }) => {
  await signIn(page, 'forvaltning');
  await expect(page.getByRole('heading', { level: 1, name: 'Statistik och årsrapport' })).toBeVisible();
  await choose(page, page.locator('main'), 'År', '2018');
  // As known when the published report was measured: cases other browser tests record stay out of it
  // (whichever spec runs first).
  await page.getByLabel(/^Känt per/).fill('2019-01-07');
  const total = page.getByRole('row', { name: /^Staden totalt/ });
  // The demo history reproduces the 2018 report: 636 incoming, 222 investigations opened.
  await expect(total).toContainText('636');
  await expect(total).toContainText('222');
  await expect(page.getByRole('table', { name: 'Femårsserie, staden totalt' }).getByRole('row')).toHaveCount(6);
  await checkScreen(page, '09-statistik');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Rapport 2018 som PDF' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('fut-rapport-2018.pdf');
  const pdf = readFileSync((await download.path())!);
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
});

test('the administrator finds the investigator’s reads in the audit log', async ({ page, browser, request }) => {
  const c = await caseInQueue(request, 'farsta');
  const investigator = await (await browser.newContext()).newPage();
  await signIn(investigator, 'utredare.farsta', `/arenden/${c.id}`);
  await expect(investigator.getByRole('heading', { level: 1, name: `Ärende ${c.caseNumber}` })).toBeVisible();

  await signIn(page, 'admin');
  await expect(page.getByRole('heading', { level: 1, name: 'Administration' })).toBeVisible();
  await page.getByLabel('Användare').fill('utredare.farsta');
  await page.getByLabel('Ärende-id').fill(c.id);
  await page.getByRole('button', { name: 'Visa logg' }).click();
  const reads = page.getByRole('row').filter({ hasText: 'Läste ärendet' });
  await expect(reads.first()).toContainText('utredare.farsta');
  await expect(reads.first()).toContainText(c.id);
  await checkScreen(page, '10-administration');
});

test('an investigator of another district cannot find the case by any route', async ({ page, request }) => {
  const c = await caseInQueue(request, 'farsta');
  await signIn(page, 'utredare.bromma');
  await page.getByLabel('Ärendenummer').fill(c.caseNumber);
  await page.getByRole('button', { name: 'Sök' }).click();
  await expect(page.getByText('Inga ärenden hittades i dina stadsdelar.')).toBeVisible();
  await page.getByLabel('Ärendenummer').fill('');
  await page.getByLabel('Personnummer').fill('19700101-0011');
  await page.getByRole('button', { name: 'Sök' }).click();
  await expect(page.getByText('Inga ärenden hittades i dina stadsdelar.')).toBeVisible();
  await page.goto(`/arenden/${c.id}`);
  await expect(page.getByText('Ärendet finns inte, eller så har du inte behörighet till det.')).toBeVisible();
  await expect(page.getByText(c.caseNumber)).toHaveCount(0);
  await page.goto('/koer');
  await expect(page.getByText(c.caseNumber)).toHaveCount(0);
});
