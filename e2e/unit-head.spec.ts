import { expect, test } from '@playwright/test';
import { caseInQueue, caseWithClaim } from './api';
import { checkScreen, choose, signIn } from './support';

test('the unit head sees the case in the queue and the deadline list, and assigns it', async ({ page, request }) => {
  const waiting = await caseInQueue(request);
  const claimed = await caseWithClaim(request);

  await signIn(page, 'chef.bromma', '/koer');
  await expect(page.getByRole('heading', { level: 1, name: 'Köer' })).toBeVisible();
  const queue = page.getByRole('row', { name: new RegExp(waiting.caseNumber) });
  await expect(queue).toBeVisible();
  await expect(queue).toContainText('Ej tilldelad');
  await checkScreen(page, '07-koer');

  await queue.getByLabel(`Utredare för ${waiting.caseNumber}`).fill('utredare.bromma');
  await queue.getByRole('button', { name: 'Tilldela' }).click();
  await expect(page.getByRole('row', { name: new RegExp(waiting.caseNumber) })).toContainText('utredare.bromma');

  await page.getByRole('link', { name: 'Tidsfrister' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tidsfrister' })).toBeVisible();
  const row = page.getByRole('row', { name: new RegExp(claimed.caseNumber) });
  await expect(row).toContainText('2027-01-15');
  await expect(row).toContainText(/2\s500,00\skr/);
  await checkScreen(page, '08-tidsfrister');
  await choose(page, page.locator('main'), 'Går ut inom', '30 dagar');
  await expect(page.getByRole('row', { name: new RegExp(claimed.caseNumber) })).toHaveCount(0);
});

test('the unit head gives a case to someone the service knows in the district, picked from a list', async ({
  page,
  request,
}) => {
  const claimed = await caseWithClaim(request);
  await signIn(page, 'chef.bromma', `/arenden/${claimed.id}`);
  await expect(page.getByRole('heading', { level: 1, name: `Ärende ${claimed.caseNumber}` })).toBeVisible();
  const assign = page.getByRole('region', { name: 'Tilldela utredare', exact: true });
  // The demo's staff register knows fut.bromma.1 in Bromma; nobody has to type a user id.
  await choose(page, assign, 'Utredare', 'fut.bromma.1');
  await assign.getByRole('button', { name: 'Tilldela' }).click();
  await expect(page.locator('main')).toContainText('fut.bromma.1');
  // The other steps a followed-up case allows: telling another authority, and moving the case.
  await expect(page.getByRole('region', { name: 'Underrättelse till annan myndighet', exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Flytta till annan stadsdel', exact: true })).toBeVisible();
  await checkScreen(page, '12-arende-enhetschef');
});
