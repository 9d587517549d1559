import { expect, test } from '@playwright/test';
import { caseInQueue, caseWithClaim } from './api';
import { checkScreen, choose, openStep, signIn, stepChoice } from './support';

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
  // The claim's limit is about 60 days ahead: within the default 90 days, not within 30.
  const row = page.getByRole('row', { name: new RegExp(claimed.caseNumber) });
  await expect(row).toContainText(claimed.limit);
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
  const assign = await openStep(page, 'Tilldela utredare');
  // The demo's staff register knows utredare2.bromma in Bromma; nobody has to type a user id.
  await choose(page, assign, 'Utredare', 'utredare2.bromma');
  await assign.getByRole('button', { name: 'Tilldela' }).click();
  await expect(page.locator('main')).toContainText('utredare2.bromma');
  // The other steps a followed-up case allows: telling another authority, and moving the case.
  await expect(stepChoice(page, 'Underrättelse till annan myndighet')).toBeVisible();
  await expect(stepChoice(page, 'Flytta till annan stadsdel')).toBeVisible();
  await checkScreen(page, '12-arende-enhetschef');
});

/** A count as the screens write it ("1 234", with any kind of space), as a number. */
const countIn = async (text: Promise<string | null>): Promise<number> =>
  Number(/\(([\d\s\u00a0]+)\)/.exec((await text) ?? '')![1].replace(/\D/g, ''));

test('the unit head pages through a long queue and the cases past their limits', async ({ page }) => {
  // Järva took over Rinkeby-Kista's and Spånga-Tensta's queues: well over one page in the demo history.
  await signIn(page, 'chef.jarva', '/koer');
  const heading = page.getByRole('heading', { level: 2, name: /^Väntar på förhandsbedömning i Järva/ });
  const total = await countIn(heading.textContent());
  expect(total).toBeGreaterThan(40);
  const pager = page.getByRole('navigation', { name: 'Sidor i kön' });
  const cases = page.getByRole('table', { name: 'Kön, äldst först' }).getByRole('rowheader');
  await expect(pager).toContainText(`Visar 1–20 av ${total}`);
  await expect(pager.getByRole('button', { name: 'Föregående' })).toBeDisabled();
  await expect(cases).toHaveCount(20);
  const first = await cases.allTextContents();

  await pager.getByRole('button', { name: 'Nästa' }).click();
  await expect(pager).toContainText(`Visar 21–40 av ${total}`);
  await expect(cases.first()).not.toHaveText(first[0]);
  const second = await cases.allTextContents();
  expect(second.filter((c) => first.includes(c))).toEqual([]);
  // The heading still counts the whole queue, not the page.
  expect(await countIn(heading.textContent())).toBe(total);
  await checkScreen(page, '07b-koer-sida-2');
  await pager.getByRole('button', { name: 'Föregående' }).click();
  await expect(cases).toHaveText(first);

  await page.getByRole('link', { name: 'Tidsfrister' }).click();
  const pastHeading = page.getByRole('heading', { level: 2, name: /^Alla gränser passerade/ });
  const past = await countIn(pastHeading.textContent());
  expect(past).toBeGreaterThan(50);
  const pastPager = page.getByRole('navigation', { name: 'Sidor, alla gränser passerade' });
  const pastCases = page.getByRole('table', { name: /^Kan avslutas som/ }).getByRole('rowheader');
  await expect(pastPager).toContainText(`Visar 1–50 av ${past}`);
  const pastFirst = await pastCases.allTextContents();
  for (let shown = 50; shown < past; shown += 50) await pastPager.getByRole('button', { name: 'Nästa' }).click();
  const from = Math.floor((past - 1) / 50) * 50 + 1;
  await expect(pastPager).toContainText(`Visar ${from}–${past} av ${past}`);
  await expect(pastPager.getByRole('button', { name: 'Nästa' })).toBeDisabled();
  await expect(pastCases).toHaveCount(past - from + 1);
  expect((await pastCases.allTextContents()).filter((c) => pastFirst.includes(c))).toEqual([]);
  await checkScreen(page, '08b-tidsfrister-sista-sidan');
});
