import { expect, test } from '@playwright/test';
import { addYears } from '../src/calendar/local-date';
import { caseInQueue, today } from './api';
import { choose, openStep, signIn } from './support';

test('errors stand in Swedish next to their fields, from the form and from the API’s codes', async ({
  page,
  request,
}) => {
  await signIn(page, 'utredare.bromma', '/registrera');
  const form = page.locator('form');
  await choose(page, form, 'Källa', 'Allmänheten');
  // A personnummer with a wrong control digit: the API answers invalid-request for that field.
  await page.getByLabel('Personnummer eller samordningsnummer').fill('19811218-9875');
  await page.getByLabel('Belopp 1 (kr)').fill('abc');
  await page.getByRole('button', { name: 'Registrera', exact: true }).click();
  await expect(page.getByLabel('Belopp 1 (kr)')).toHaveAccessibleDescription(/Skriv ett belopp över 0 kr/);
  await page.getByLabel('Belopp 1 (kr)').fill('');
  await page.getByRole('button', { name: 'Registrera', exact: true }).click();
  await expect(page.getByLabel('Personnummer eller samordningsnummer')).toHaveAccessibleDescription(
    /Personnumret är inte giltigt/,
  );
  await expect(page.getByLabel('Personnummer eller samordningsnummer')).toHaveAttribute('aria-invalid', 'true');

  // A business rule refused by the API (422 date-in-future) lands on the date field of the step.
  const c = await caseInQueue(request);
  await page.goto(`/arenden/${c.id}`);
  const assessment = await openStep(page, 'Förhandsbedömning');
  // A year from today: in the future on any day the test runs (a fixed date would not be one day).
  await assessment.getByLabel('Beslutsdatum').fill(addYears(today(), 1));
  await choose(page, assessment, 'Beslut', 'Inled utredning');
  await assessment.getByRole('button', { name: 'Spara förhandsbedömning' }).click();
  await expect(assessment.getByLabel('Beslutsdatum')).toHaveAccessibleDescription(/Datumet får inte ligga i framtiden/);
});

test('the screens work from the keyboard: skip link, menu, and a visible focus ring', async ({ page }) => {
  await signIn(page, 'chef.bromma');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Hoppa till innehållet' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Mina ärenden' })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  const queues = page.getByRole('link', { name: 'Köer' });
  await expect(queues).toBeFocused();
  const outline = await queues.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).toBe('solid');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Köer' })).toBeVisible();
  await expect(page.locator('main')).toBeFocused();
});
