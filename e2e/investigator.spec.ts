import { expect, test, type Page } from '@playwright/test';
import { lawGoverning } from '../src/cases/domain/catalogues';
import { legalBasisFor, paymentWithLimitIn } from './api';
import { amountOf, checkScreen, choose, kr, openStep, signIn, step, stepChoice, timelineEntry } from './support';

const PIN = '19811218-9876';

async function save(page: Page, title: string, button: string): Promise<void> {
  await (await openStep(page, title)).getByRole('button', { name: button }).click();
  await expect(page.getByRole('status').filter({ hasText: `${title}: sparat.` })).toBeVisible();
}

test('an investigator registers a case with two suspected payments and takes it to the closing', async ({ page }) => {
  // Paid some 2 years 9 months and 2 years 6 months ago: both limits still ahead, whatever day the test runs.
  const first = paymentWithLimitIn(100);
  const second = paymentWithLimitIn(180);
  // Both granted on the first payment's day, so one law governs the claim (SoL 2025:400 from 2025-07-01).
  const law = lawGoverning(first.paidOn);
  await signIn(page, 'utredare.bromma');
  await page.getByRole('link', { name: 'Registrera inkommande information' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Registrera inkommande information' })).toBeVisible();
  const form = page.locator('form');
  await choose(page, form, 'Källa', 'Efterkontroll (Skatteverket)');
  await page.getByLabel('Personnummer eller samordningsnummer').fill(PIN);
  await page.getByLabel('Namn').fill('Testa Testsson');
  await expect(page.getByText('Personen har inga andra öppna ärenden.')).toBeVisible();
  await page.getByLabel('Utbetald 1').fill(first.paidOn);
  await page.getByLabel('Belopp 1 (kr)').fill('4 500,00');
  await page.getByRole('button', { name: 'Lägg till utbetalning' }).click();
  await page.getByLabel('Utbetald 2').fill(second.paidOn);
  await page.getByLabel('Belopp 2 (kr)').fill('3200,50');
  await page.getByLabel('Sammanfattning').fill('Oredovisad lön enligt efterkontroll.');
  await checkScreen(page, '02-registrera');
  await page.getByRole('button', { name: 'Registrera', exact: true }).click();

  await expect(page.getByRole('heading', { level: 1, name: /^Ärende BR/ })).toBeVisible();
  await expect(page.getByRole('cell', { name: first.limit })).toBeVisible();
  await expect(page.getByRole('cell', { name: second.limit })).toBeVisible();
  await expect(page.getByRole('cell', { name: law }).first()).toBeVisible();
  await checkScreen(page, '03-arende-i-ko');

  // Pre-assessment: open an investigation.
  await choose(page, await openStep(page, 'Förhandsbedömning'), 'Beslut', 'Inled utredning');
  await choose(page, step(page, 'Förhandsbedömning'), 'Misstänkt orsak', 'Oredovisade inkomster');
  await save(page, 'Förhandsbedömning', 'Spara förhandsbedömning');
  await expect(page.locator('dd', { hasText: 'Utredning pågår' })).toBeVisible();

  // Investigation result: both payments were incorrect.
  const result = await openStep(page, 'Utredningsresultat');
  await choose(page, result, 'Resultat', 'Felaktig utbetalning');
  await choose(page, result, 'Orsak', 'Oredovisade inkomster');
  await expect(result.getByLabel('Belopp 1 (kr)')).toHaveValue('4500,00');
  await result.getByLabel('Beviljad 1').fill(first.paidOn);
  await result.getByLabel('Beviljad 2').fill(first.paidOn);
  await save(page, 'Utredningsresultat', 'Spara utredningsresultat');
  await expect(page.getByRole('heading', { name: 'Felaktiga utbetalningar' })).toBeVisible();

  // Repayment claim of the whole amount.
  const claim = await openStep(page, 'Beslut om återkrav');
  await choose(page, claim, 'Lagrum', `${legalBasisFor(first.paidOn)} (${law})`);
  await expect(claim.getByLabel('Belopp (kr)')).toHaveValue('7700,50');
  await save(page, 'Beslut om återkrav', 'Besluta återkrav');
  await expect(amountOf(page, 'Återkrävt')).toHaveText(kr('7 700,50'));
  await expect(amountOf(page, 'Kvarstående skuld')).toHaveText(kr('7 700,50'));
  await expect(amountOf(page, 'Kan krävas i domstol i dag')).toHaveText(kr('7 700,50'));
  await expect(page.getByText(new RegExp(`Nästa treårsgräns: ${first.limit}`))).toBeVisible();

  // Repayment plan, a repayment, a police report.
  const plan = await openStep(page, 'Avbetalningsplan');
  await plan.getByLabel('Belopp per månad (kr)').fill('500');
  await save(page, 'Avbetalningsplan', 'Spara avbetalningsplan');
  // The plan once, under Avbetalningar (the amounts section no longer repeats it).
  const plans = page.getByRole('region', { name: 'Avbetalningar' });
  await expect(plans.locator('dt', { hasText: 'Belopp per månad' }).locator('+ dd')).toHaveText(kr('500,00'));

  await (await openStep(page, 'Återbetalning')).getByLabel('Belopp (kr)').fill('1 000');
  await save(page, 'Återbetalning', 'Registrera återbetalning');
  await expect(amountOf(page, 'Återbetalt')).toHaveText(kr('1 000,00'));
  await expect(amountOf(page, 'Kvarstående skuld')).toHaveText(kr('6 700,50'));

  await save(page, 'Polisanmälan', 'Registrera polisanmälan');
  await expect(timelineEntry(page, 'Polisanmälan')).toBeVisible();
  await checkScreen(page, '04-arende-uppfoljning');

  // The rest is repaid, and the case is closed.
  await (await openStep(page, 'Återbetalning')).getByLabel('Belopp (kr)').fill('6700,50');
  await save(page, 'Återbetalning', 'Registrera återbetalning');
  await expect(amountOf(page, 'Kvarstående skuld')).toHaveText(kr('0,00'));
  await choose(page, await openStep(page, 'Avsluta ärendet'), 'Avslutsorsak', 'Återbetalning - återkrav');
  await save(page, 'Avsluta ärendet', 'Avsluta');
  await expect(page.locator('dd', { hasText: 'Avslutat' })).toBeVisible();
  await expect(stepChoice(page, 'Återöppna ärendet')).toBeVisible();
  // The claim's form is gone (exactly that name: the closing offers its decision letter, still not issued).
  await expect(page.getByRole('region', { name: 'Beslut om återkrav', exact: true })).toHaveCount(0);
  await expect(stepChoice(page, 'Beslut om återkrav')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Utfärda beslut om återkrav nu?' })).toBeVisible();
  await checkScreen(page, '05-arende-avslutat');
});

test('a second investigator’s stale change gets the "changed" message and nothing is overwritten', async ({
  browser,
}) => {
  const first = await (await browser.newContext()).newPage();
  const second = await (await browser.newContext()).newPage();
  await signIn(first, 'utredare.bromma', '/registrera');
  const form = first.locator('form');
  await choose(first, form, 'Källa', 'Allmänheten');
  await choose(first, form, 'Kön', 'Kvinna');
  await first.getByRole('button', { name: 'Registrera', exact: true }).click();
  await expect(first.getByRole('heading', { level: 1, name: /^Ärende BR/ })).toBeVisible();
  const casePath = new URL(first.url()).pathname;

  await signIn(second, 'utredare2.bromma', casePath);
  await expect(second.getByRole('heading', { level: 1, name: /^Ärende BR/ })).toBeVisible();

  await (await openStep(first, 'Ny journalanteckning')).getByLabel('Text').fill('Första utredarens anteckning.');
  await save(first, 'Ny journalanteckning', 'Spara anteckning');

  await (await openStep(second, 'Ny journalanteckning')).getByLabel('Text').fill('Andra utredarens anteckning.');
  await step(second, 'Ny journalanteckning').getByRole('button', { name: 'Spara anteckning' }).click();
  const alert = second.getByRole('alert').filter({ hasText: 'Ärendet har ändrats sedan du öppnade det' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('Journalanteckning');
  await expect(alert).toContainText('utredare.bromma');
  await checkScreen(second, '06-arende-andrat');
  await alert.getByRole('button', { name: 'Visa ärendet som det är nu' }).click();
  const journal = second.getByRole('region', { name: 'Journal', exact: true });
  await expect(journal).toContainText('Första utredarens anteckning.');
  await expect(journal).not.toContainText('Andra utredarens anteckning.');
});
