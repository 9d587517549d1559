import { expect, test, type Page } from '@playwright/test';
import { addDays } from '../src/calendar/local-date';
import { isOcrReference } from '../src/cases/domain/ocr-reference';
import { bearer, caseWithOldClaim, today } from './api';
import { checkScreen, kr, openStep, signIn, signOut } from './support';

/**
 * Missed instalments (issue 22): an investigator records a repayment plan and
 * a short repayment; the missed instalments are flagged on the case and in
 * the unit head's list; the unit head brings the rest in from the accounts
 * receivable (a dry run first), and the case leaves the list. Dates are
 * relative to today (the service runs on the real clock).
 */
const SHOTS = '/tmp/instalments';

/** A Luhn-valid OCR reference of this run, so a rerun on the same store makes another. */
function ocrOfRun(): string {
  const base = String(Date.now()).slice(-10);
  for (let d = 0; d < 10; d++) if (isOcrReference(`${base}${d}`)) return `${base}${d}`;
  throw new Error('no check digit');
}

async function save(page: Page, title: string, button: string): Promise<void> {
  await (await openStep(page, title)).getByRole('button', { name: button }).click();
  await expect(page.getByRole('status').filter({ hasText: `${title}: sparat.` })).toBeVisible();
}

/** The page of the unit head's list (50 a page) the case is on. */
async function pageOf(request: Parameters<typeof bearer>[0], caseId: string): Promise<number> {
  const res = await request.post('/api/auth/dev-token', {
    data: { user: 'chef.farsta', role: 'unit-head', districts: ['farsta'] },
  });
  const headers = { Authorization: `Bearer ${((await res.json()) as { accessToken: string }).accessToken}` };
  for (let page = 1; page <= 100; page++) {
    const list = (await (
      await request.get(`/api/missed-instalments?page=${page}&pageSize=50`, { headers })
    ).json()) as {
      items: Array<{ id: string }>;
    };
    if (list.items.some((i) => i.id === caseId)) return page;
    if (list.items.length === 0) break;
  }
  throw new Error('the case is not in the list');
}

test('a plan and a short repayment: the missed instalments are flagged on the case and in the unit head’s list, and the accounts receivable bring the rest in', async ({
  page,
  request,
}) => {
  const c = await caseWithOldClaim(request, 'farsta');
  const ocr = ocrOfRun();
  const agreedOn = addDays(today(), -100);
  const firstDueOn = addDays(today(), -75);

  // The investigator records the plan (500 kr a month, first due 75 days ago) and a repayment of 300 kr.
  await signIn(page, 'utredare.farsta', `/arenden/${c.id}`);
  await expect(page.getByRole('heading', { level: 1, name: `Ärende ${c.caseNumber}` })).toBeVisible();
  const plan = await openStep(page, 'Avbetalningsplan');
  await plan.getByLabel('Överenskommen').fill(agreedOn);
  await plan.getByLabel('Belopp per månad (kr)').fill('500');
  await plan.getByLabel('Första betalning').fill(firstDueOn);
  await plan.getByLabel(/^OCR-nummer/).fill(`${ocr.slice(0, 4)} ${ocr.slice(4)}`);
  await plan.screenshot({ path: `${SHOTS}-0-planformular.png` });
  await save(page, 'Avbetalningsplan', 'Spara avbetalningsplan');
  const schedule = page.getByRole('region', { name: 'Avbetalningar' });
  await expect(schedule.getByText(ocr, { exact: true })).toBeVisible();

  const repayment = await openStep(page, 'Återbetalning');
  await repayment.getByLabel('Inbetald').fill(addDays(today(), -70));
  await repayment.getByLabel('Belopp (kr)').fill('300');
  await save(page, 'Återbetalning', 'Registrera återbetalning');

  // Flagged on the case: the first instalment short, the next two missed, 1 200 kr behind since the first due day.
  await expect(schedule.getByText(/^Missad avbetalning: 1[\s\u00a0]200,00[\s\u00a0]kr obetalt sedan/)).toContainText(
    firstDueOn,
  );
  const rows = schedule.getByRole('table').getByRole('row');
  await expect(rows.nth(1)).toContainText('Delvis betald');
  await expect(rows.nth(1).locator('td').nth(4)).toHaveText(kr('300,00'));
  await expect(rows.nth(2)).toContainText('Missad');
  await expect(rows.nth(3)).toContainText('Missad');
  await expect(rows.nth(4)).toContainText('Kommande');
  await schedule.screenshot({ path: `${SHOTS}-1-avbetalningar.png` });
  await checkScreen(page, '40-arende-missad-avbetalning');

  // The unit head's list: the case, 1 200 kr behind since the first due day (the longest behind come first: page on).
  await signOut(page);
  await signIn(page, 'chef.farsta', '/missade-avbetalningar');
  await expect(page.getByRole('heading', { level: 1, name: 'Missade avbetalningar' })).toBeVisible();
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: c.caseNumber }) });
  const pager = page.getByRole('navigation', { name: 'Sidor, missade avbetalningar' });
  for (let p = 1; p < (await pageOf(request, c.id)); p++) {
    await pager.getByRole('button', { name: 'Nästa' }).click();
    await expect(pager).toContainText(`Visar ${p * 50 + 1}–`);
  }
  await expect(row).toContainText(firstDueOn);
  await expect(row.locator('td').nth(5)).toHaveText(kr('1 200,00'));
  await expect(row.locator('td').nth(4)).toHaveText('3');
  await row.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}-2-lista.png`, fullPage: true });
  await checkScreen(page, '41-missade-avbetalningar');

  // The accounts receivable's file: the arrears paid yesterday, found by the plan's OCR reference; a dry run first.
  const file = Buffer.from(
    '\ufeffÄrendenummer;OCR-nummer;Betalningsdatum;Belopp;Verifikationsnummer\r\n' +
      `;${ocr};${addDays(today(), -1)};1 200,00;V-${ocr}\r\n` +
      `FA-1999-0001;;${addDays(today(), -1)};100,00;V-x-${ocr}\r\n`,
    'utf8',
  );
  await page.getByRole('link', { name: 'Importera inbetalningar' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Importera inbetalningar' })).toBeVisible();
  await page
    .getByLabel(/^Fil med inbetalningar/)
    .setInputFiles({ name: 'reskontra.csv', mimeType: 'text/csv', buffer: file });
  await page.getByRole('button', { name: 'Provkör' }).click();
  await expect(page.getByRole('heading', { name: 'Provkörning: resultat' })).toBeVisible();
  const result = page.getByRole('status').filter({ hasText: 'rader' });
  await expect(result).toContainText('2 rader: 1 registreras');
  await expect(result).toContainText('1 med fel');
  const fileRows = page.getByRole('region', { name: 'Rader i filen' });
  await expect(fileRows).toContainText('Inget ärende har det ärendenumret.');
  await expect(fileRows.getByRole('row').nth(1)).toContainText('Registreras');
  await page.screenshot({ path: `${SHOTS}-3-provkorning.png`, fullPage: true });
  await checkScreen(page, '42-importera-inbetalningar-provkorning');

  await page.getByRole('button', { name: 'Registrera 1 inbetalning' }).click();
  await expect(page.getByRole('heading', { name: 'Import: resultat' })).toBeVisible();
  await expect(fileRows.getByRole('row').nth(1)).toContainText('Registrerad');
  await page.screenshot({ path: `${SHOTS}-4-import.png`, fullPage: true });
  await checkScreen(page, '43-importera-inbetalningar-klar');

  // Up to date now: the case leaves the list, and its page says so.
  await fileRows.getByRole('link', { name: c.caseNumber }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Ärende ${c.caseNumber}` })).toBeVisible();
  await expect(schedule).toContainText('Inga missade avbetalningar.');
  await expect(schedule.getByRole('table').getByRole('row').nth(3)).toContainText('Betald');
  await page.getByRole('link', { name: 'Missade avbetalningar' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Missade avbetalningar' })).toBeVisible();
  await expect(page.getByRole('link', { name: c.caseNumber })).toHaveCount(0);
});
