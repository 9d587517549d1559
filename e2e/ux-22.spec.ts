import { expect, test, type Page } from '@playwright/test';
import { addDays, type LocalDate } from '../src/calendar/local-date';
import { bearer, caseWithOldClaim, today } from './api';
import { checkScreen, choose, openStep, signIn, step, signOut } from './support';

/**
 * What a FUT unit tripped over on the lists, the statistics and the case page (issue 22): the person's
 * name on Missade avbetalningar, the chart's legend in the bars' order, the wide tables at 1 280 px, the
 * investigator's own reminders named by their day, and what the other person recorded in the "changed" box.
 * The cases are in a district of their own, so the other browser tests find the demo history as they expect it.
 */
const DISTRICT = 'enskede-arsta-vantor';
const USER = `utredare.${DISTRICT}`;
const HEAD = `chef.${DISTRICT}`;
const SHOTS = '/tmp/ux22-';
const day = (n: number): LocalDate => addDays(today(), n);

type Request = Parameters<typeof bearer>[0];

/** A case with a claim of 2 500 kr and a plan of 500 kr a month whose first instalment fell due 75 days ago. */
async function planBehind(request: Request, name: string, protectedIdentity = false) {
  const reg = await caseWithOldClaim(request, DISTRICT, {
    name,
    gender: 'woman',
    ...(protectedIdentity ? { protectedIdentity: 'protected-registration' } : {}),
  });
  const api = await bearer(request, USER, 'investigator', [DISTRICT]);
  await api.post(`/api/cases/${reg.id}/repayment-plan`, {
    agreedOn: day(-100),
    monthlyAmount: 500,
    firstDueOn: day(-75),
  });
  return reg;
}

/** The rows of the district's list of plans behind, as the unit head's one page shows them. */
async function missedPage(page: Page): Promise<void> {
  await signIn(page, HEAD, '/missade-avbetalningar');
  await expect(page.getByRole('heading', { level: 1, name: 'Missade avbetalningar' })).toBeVisible();
}

test('Missade avbetalningar names the person, as the other lists do, and never a protected one', async ({
  page,
  request,
}) => {
  const named = await planBehind(request, 'Vanja Avbetalare');
  const hidden = await planBehind(request, 'Hemlig Skyddadsson', true);
  await missedPage(page);
  const table = page.getByRole('table', { name: 'Avbetalningsplaner med missade avbetalningar' });
  await expect(table.getByRole('columnheader', { name: 'Namn' })).toBeVisible();
  const row = (caseNumber: string) =>
    table.getByRole('row').filter({ has: page.getByRole('link', { name: caseNumber }) });
  await expect(row(named.caseNumber)).toContainText('Vanja Avbetalare');
  await expect(row(hidden.caseNumber)).toContainText('Skyddad identitet');
  await expect(page.locator('main')).not.toContainText('Hemlig Skyddadsson');
  // The unit head's one district is named once, in the heading; the list fits 1 280 px with its new column.
  await expect(page.getByRole('heading', { level: 2, name: /, Enskede-Årsta-Vantör$/ })).toBeVisible();
  await expect(table.getByRole('columnheader', { name: 'Stadsdel' })).toHaveCount(0);
  await page.setViewportSize({ width: 1280, height: 900 });
  const fits = await table.evaluate((t) => ({
    table: t.scrollWidth,
    room: (t.parentElement as HTMLElement).clientWidth,
    page: document.documentElement.scrollWidth,
  }));
  expect(fits.table).toBeLessThanOrEqual(fits.room);
  expect(fits.page).toBeLessThanOrEqual(1280);
  await page.screenshot({ path: `${SHOTS}1-missade-avbetalningar.png`, fullPage: true });
  await checkScreen(page, 'ux22-missade-avbetalningar');
});

test('the statistics chart lists its legend in the order of its bars, the process order', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, 'forvaltning', '/statistik');
  // 2018: the demo history's year, every series with bars.
  await choose(page, page.locator('main'), 'År', '2018');
  const legend = page.locator('.recharts-legend-item-text').first();
  await expect(legend).toBeVisible();
  const chart = page.locator('figure.chart').first();
  await expect(chart.locator('.recharts-legend-item-text')).toHaveText([
    'Inkommande information',
    'Inledda utredningar',
    'Beslut om återkrav',
    'Avslutade ärenden',
  ]);
  // The bars, left to right within a year, are drawn in the same order: the legend's colours match theirs.
  const legendColours = await chart
    .locator('.recharts-legend-item .recharts-legend-icon')
    .evaluateAll((els) => els.map((e) => getComputedStyle(e).fill));
  await expect(chart.locator('.recharts-bar-rectangle path').first()).toBeVisible();
  // Each series' bars are drawn one series after the other: their colours, in the order drawn.
  const barColours = await chart
    .locator('.recharts-bar-rectangle path')
    .evaluateAll((els) => [...new Set(els.map((e) => getComputedStyle(e).fill))]);
  expect(barColours).toHaveLength(4);
  expect(legendColours).toEqual(barColours);
  await chart.screenshot({ path: `${SHOTS}2-diagram.png` });
});

/** Whether a table is wider than what holds it (a sideways scroll), and whether the page itself scrolls sideways. */
async function widths(page: Page, table: string) {
  return page.getByRole('table', { name: table }).evaluate((t) => ({
    table: t.scrollWidth,
    room: (t.parentElement as HTMLElement).clientWidth,
    page: document.documentElement.scrollWidth,
    window: window.innerWidth,
  }));
}

test('the wide tables fit 1 280 px: the statistics per district and Ärenden i mina stadsdelar', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  // The department's table, every district's row, in the demo history's year (the widest figures).
  await signIn(page, 'forvaltning', '/statistik');
  await choose(page, page.locator('main'), 'År', '2018');
  // As known when the published report was measured: cases other browser tests record stay out of it.
  await page.getByLabel(/^Känt per/).fill('2019-01-07');
  const caption = 'Årsstatistik per stadsdel, med kvinnor och män för återkrav och polisanmälningar';
  await expect(page.getByRole('table', { name: caption }).getByRole('row', { name: /^Staden totalt/ })).toContainText(
    '636',
  );
  const stats = await widths(page, caption);
  expect(stats.table, 'the statistics table needs no sideways scroll').toBeLessThanOrEqual(stats.room);
  expect(stats.page).toBeLessThanOrEqual(stats.window);
  // Every figure still there: the abbreviated headings say in full what they count.
  const table = page.getByRole('table', { name: caption });
  await expect(table.getByRole('columnheader', { name: /^Beslut om återkrav, kvinnor$/i })).toBeVisible();
  await expect(table.getByRole('columnheader', { name: /^Polisanmälningar, män$/i })).toBeVisible();
  // Eleven figures beside the district, four of them under the two headings they split (women and men).
  await expect(table.getByRole('columnheader')).toHaveCount(14);
  await page.screenshot({ path: `${SHOTS}3-statistik.png`, fullPage: true });
  await checkScreen(page, 'ux22-statistik-1280');

  await signOut(page);
  await signIn(page, USER, '/');
  const list = page.getByRole('region', { name: 'Ärenden i mina stadsdelar' });
  const listTable = list.getByRole('table');
  await expect(listTable.getByRole('row').nth(1)).toBeVisible();
  await list.screenshot({ path: `${SHOTS}4-arenden-i-mina-stadsdelar.png` });
  const caption2 = (await listTable.locator('caption').textContent()) ?? '';
  const mine = await widths(page, caption2);
  expect(mine.table, 'Ärenden i mina stadsdelar needs no sideways scroll').toBeLessThanOrEqual(mine.room);
  expect(mine.page).toBeLessThanOrEqual(mine.window);
  // One district of the reader's: its name once, in the caption, rather than in a column of its own on every row.
  await expect(listTable.locator('caption')).toContainText('i Enskede-Årsta-Vantör');
  await expect(listTable.getByRole('columnheader')).toHaveCount(9);
  await expect(listTable.getByRole('columnheader', { name: /Stadsdel/ })).toHaveCount(0);
  await list.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}4-mina-arenden.png`, fullPage: true });
  await checkScreen(page, 'ux22-mina-arenden-1280');
});

test('the investigator’s own reminders read by their day, numbered only when two share one, the same in the table and the forms', async ({
  page,
  request,
}) => {
  const api = await bearer(request, USER, 'investigator', [DISTRICT]);
  const reg = await api.post('/api/cases', {
    district: DISTRICT,
    receivedOn: today(),
    source: 'caseworker',
    subject: { gender: 'man' },
    suspectedPayments: [{ paidOn: day(-30), amount: 900 }],
  });
  const [single, shared] = [day(20), day(40)];
  for (const [dueOn, text] of [
    [shared, 'Ring banken.'],
    [single, 'Kontrollera kontoutdragen.'],
    [shared, 'Begär in hyreskontraktet.'],
  ])
    await api.post(`/api/cases/${reg.id}/reminders`, { dueOn, text });

  await signIn(page, USER, `/arenden/${reg.id}`);
  await expect(page.getByRole('heading', { level: 1, name: `Ärende ${reg.caseNumber}` })).toBeVisible();
  const reminders = page.getByRole('region', { name: 'Bevakningar' });
  const rowOf = (text: string) => reminders.getByRole('row').filter({ hasText: text });
  await expect(rowOf('Kontrollera kontoutdragen.')).toContainText(`Egen bevakning ${single}`);
  await expect(rowOf('Kontrollera kontoutdragen.')).not.toContainText(`${single} (`);
  await expect(rowOf('Ring banken.')).toContainText(`Egen bevakning ${shared} (1)`);
  await expect(rowOf('Begär in hyreskontraktet.')).toContainText(`Egen bevakning ${shared} (2)`);
  await expect(reminders).not.toContainText(/Egen bevakning \d+\b(?!-)/);
  await reminders.screenshot({ path: `${SHOTS}5-bevakningar.png` });

  for (const title of ['Flytta bevakning', 'Bevakning klar']) {
    const form = await openStep(page, title);
    await form.locator('.field').filter({ hasText: 'Bevakning' }).first().getByRole('button').click();
    const options = page.getByRole('option');
    await expect(options.filter({ hasText: `Egen bevakning ${single}` })).toHaveCount(1);
    await expect(options.filter({ hasText: `Egen bevakning ${shared} (1)` })).toHaveCount(1);
    await expect(options.filter({ hasText: `Egen bevakning ${shared} (2)` })).toHaveCount(1);
    await expect(options.filter({ hasText: /^Bevakning \d/ })).toHaveCount(0);
    // The investigator's text is personal data: never in the options.
    await expect(page.getByRole('listbox')).not.toContainText('Ring banken.');
    await page.screenshot({ path: `${SHOTS}6-${title === 'Bevakning klar' ? 'klar' : 'flytta'}.png` });
    await checkScreen(page, `ux22-${title === 'Bevakning klar' ? 'bevakning-klar' : 'flytta-bevakning'}`);
    // Closes the list; choosing the next step replaces the form.
    await page.keyboard.press('Escape');
  }
});

test('the "changed" box says what the other person recorded, with the step’s facts', async ({ page, request }) => {
  const api = await bearer(request, `utredare2.${DISTRICT}`, 'investigator', [DISTRICT]);
  const reg = await api.post('/api/cases', {
    district: DISTRICT,
    receivedOn: today(),
    source: 'caseworker',
    subject: { gender: 'woman' },
    suspectedPayments: [{ paidOn: day(-60), amount: 1100 }],
  });
  await signIn(page, USER, `/arenden/${reg.id}`);
  await expect(page.getByRole('heading', { level: 1, name: `Ärende ${reg.caseNumber}` })).toBeVisible();
  await (await openStep(page, 'Ny journalanteckning')).getByLabel('Text').fill('Min anteckning.');
  // Meanwhile the colleague decides the pre-assessment.
  await api.post(`/api/cases/${reg.id}/assessment`, {
    decidedOn: today(),
    decision: 'open-investigation',
    suspectedCause: 'unreported-income',
  });
  await step(page, 'Ny journalanteckning').getByRole('button', { name: 'Spara anteckning' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'Ärendet har ändrats sedan du öppnade det' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('Förhandsbedömning');
  await expect(alert).toContainText(`utredare2.${DISTRICT}`);
  // The facts of the step, as the timeline has them.
  await expect(alert.getByRole('term').filter({ hasText: 'Beslut' })).toBeVisible();
  await expect(alert.getByRole('definition').filter({ hasText: 'Inled utredning' })).toBeVisible();
  await expect(alert.getByRole('definition').filter({ hasText: /inkomst/i })).toBeVisible();
  await alert.screenshot({ path: `${SHOTS}7-andrat.png` });
  await checkScreen(page, 'ux22-arende-andrat');
});
