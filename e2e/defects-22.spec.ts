import { expect, test, type Locator, type Page } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays } from '../src/calendar/local-date';
import { bearer, caseInQueue, caseWithClaim, today } from './api';
import { amountOf, checkScreen, choose, kr, openStep, SCREENS_DIR, signIn, step } from './support';

/**
 * The cases these tests make are in a district of their own, so the other browser tests (Bromma's queue on
 * one page, a person without other open cases there) find the demo history as they expect it.
 */
const DISTRICT = 'norra-innerstaden';
const USER = `utredare.${DISTRICT}`;

/** The browser tests of issue 22's defects 2 to 6, each failing on a60743c. */

/** The part of the page in view, beside checkScreen's full page (which leaves out a dialog). */
const look = (page: Page, name: string) => page.screenshot({ path: join(SCREENS_DIR, `22-${name}-i-vy.png`) });

const summary = (page: Page): Locator => page.getByRole('alert', { name: /^Det finns \d+ fel$/ });

/** Paid and granted on fixed days either side of SoL 2025:400 (2025-07-01): one payment under each law. */
const OLD_LAW = { paidOn: '2025-06-10', amount: 1200 };
const NEW_LAW = { paidOn: '2025-07-10', amount: 800 };

/** A case whose investigation found one incorrect payment under each Social Services Act. */
async function investigatedUnderBothLaws(request: Parameters<typeof bearer>[0]) {
  const api = await bearer(request, USER, 'investigator', [DISTRICT]);
  const day = today();
  const reg = await api.post('/api/cases', {
    district: DISTRICT,
    receivedOn: day,
    source: 'caseworker',
    subject: { personalIdentityNumber: '19811218-9876', name: 'Testa Testsson' },
    suspectedPayments: [OLD_LAW, NEW_LAW],
  });
  await api.post(`/api/cases/${reg.id}/assessment`, { decidedOn: day, decision: 'open-investigation' });
  await api.post(`/api/cases/${reg.id}/investigation-result`, {
    completedOn: day,
    finding: 'incorrect-payment',
    cause: 'unreported-income',
    incorrectPayments: [OLD_LAW, NEW_LAW].map((p) => ({ ...p, grantedOn: p.paidOn })),
  });
  return reg;
}

test.describe('defect 2: refusals say what the service requires', () => {
  test('the claim form proposes the sum of the payments under the chosen law, again when the law changes', async ({
    page,
    request,
  }) => {
    const c = await investigatedUnderBothLaws(request);
    await signIn(page, USER, `/arenden/${c.id}`);
    const claim = await openStep(page, 'Beslut om återkrav');
    const amount = claim.getByLabel('Belopp (kr)');
    await choose(page, claim, 'Lagrum', 'SoL 9:1 (SoL 2001:453)');
    await expect(amount).toHaveValue('1200,00');
    await choose(page, claim, 'Lagrum', 'SoL 33:1 (SoL 2025:400)');
    await expect(amount).toHaveValue('800,00');
    await checkScreen(page, '22-aterkrav-per-lag');
    await look(page, 'aterkrav-per-lag');
    await claim.getByRole('button', { name: 'Besluta återkrav' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Beslut om återkrav: sparat.' })).toBeVisible();
    await expect(amountOf(page, 'Återkrävt')).toHaveText(kr('800,00'));
  });

  test('a refused closing says what is missing and what is still owed, in Swedish', async ({ page, request }) => {
    const c = await caseWithClaim(request, DISTRICT);
    await signIn(page, USER, `/arenden/${c.id}`);
    const closing = await openStep(page, 'Avsluta ärendet');
    await choose(page, closing, 'Avslutsorsak', 'Eftergift - annan orsak');
    await closing.getByRole('button', { name: 'Avsluta' }).click();
    const reason = closing.locator('.field', { hasText: 'Avslutsorsak' });
    await expect(reason).toContainText('Avslutsorsaken stämmer inte med ärendets steg');
    await expect(reason).toContainText('ett beslut om eftergift');
    await expect(reason).toContainText(/Kvarstående skuld: 2\s500,00\skr/);
    await expect(summary(page)).toContainText(/Kvarstående skuld: 2\s500,00\skr/);
    await checkScreen(page, '22-avslut-nekat');
    await look(page, 'avslut-nekat');
  });

  test('the grant date’s hint says what the service requires from 2025-07-01', async ({ page, request }) => {
    const c = await caseInQueue(request, DISTRICT);
    await signIn(page, USER, `/arenden/${c.id}`);
    await choose(page, await openStep(page, 'Förhandsbedömning'), 'Beslut', 'Inled utredning');
    await step(page, 'Förhandsbedömning').getByRole('button', { name: 'Spara förhandsbedömning' }).click();
    const result = await openStep(page, 'Utredningsresultat');
    await choose(page, result, 'Resultat', 'Felaktig utbetalning');
    const granted = result.getByLabel('Beviljad 1');
    await expect(granted).toHaveAccessibleDescription(/2025-07-01/);
    await expect(granted).not.toHaveAccessibleDescription(/tomt: samma som utbetald/);
    await granted.scrollIntoViewIfNeeded();
    await checkScreen(page, '22-beviljad-ledtext');
    await look(page, 'beviljad-ledtext');
  });
});

test.describe('defect 3: errors that say what is wrong, when it is found', () => {
  test('a personnummer the service refuses is said on leaving the field', async ({ page }) => {
    await signIn(page, USER, '/registrera');
    const pin = page.getByLabel(/^Personnummer eller samordningsnummer/);
    await pin.fill('19811218-9875');
    await page.keyboard.press('Tab');
    await expect(pin).toHaveAttribute('aria-invalid', 'true');
    await expect(pin).toHaveAccessibleDescription(/Personnumret är inte giltigt/);
    // A number no case of the demo or of these tests holds.
    await pin.fill('19520304-2287');
    await page.keyboard.press('Tab');
    await expect(page.getByText('Personen har inga andra öppna ärenden.')).toBeVisible();
    await expect(pin).not.toHaveAttribute('aria-invalid', 'true');
  });

  test('a date that does not exist, a missing date and a malformed one each get their own message', async ({
    page,
    request,
  }) => {
    const c = await caseInQueue(request, DISTRICT);
    await signIn(page, USER, `/arenden/${c.id}`);
    const note = await openStep(page, 'Ny journalanteckning');
    const date = note.getByLabel('Datum');
    await note.getByLabel(/^Text/).fill('Anteckning.');
    const save = note.getByRole('button', { name: 'Spara anteckning' });
    await date.fill('2025-02-30');
    await save.click();
    await expect(date).toHaveAccessibleDescription(/Datumet finns inte\./);
    await date.fill('');
    await save.click();
    await expect(date).toHaveAccessibleDescription(/Ange datum\./);
    await date.fill('2025-2-3');
    await save.click();
    await expect(date).toHaveAccessibleDescription(/Skriv datumet som ÅÅÅÅ-MM-DD\./);
    await checkScreen(page, '22-datumfel');
    await look(page, 'datumfel');
  });
});

test.describe('defect 4: focus goes to the error summary, never to the page', () => {
  test('when the first invalid field is a dropdown', async ({ page, request }) => {
    const c = await caseInQueue(request, DISTRICT);
    await signIn(page, USER, `/arenden/${c.id}`);
    const assessment = await openStep(page, 'Förhandsbedömning');
    await assessment.getByRole('button', { name: 'Spara förhandsbedömning' }).click();
    await expect(summary(page)).toBeFocused();
    await expect(page.locator('body')).not.toBeFocused();
    await expect(summary(page).getByRole('link')).toHaveText(['Välj beslut.']);
    await checkScreen(page, '22-fokus-rullgardin');
    await look(page, 'fokus-rullgardin');
  });

  test('after a server error', async ({ page, request }) => {
    const c = await caseInQueue(request, DISTRICT);
    await signIn(page, USER, `/arenden/${c.id}`);
    const assessment = await openStep(page, 'Förhandsbedömning');
    await assessment.getByLabel('Beslutsdatum').fill(addDays(today(), 1));
    await choose(page, assessment, 'Beslut', 'Inled utredning');
    await assessment.getByRole('button', { name: 'Spara förhandsbedömning' }).click();
    await expect(summary(page)).toBeFocused();
    await expect(summary(page).getByRole('link')).toHaveText(['Beslutsdatum: Datumet får inte ligga i framtiden.']);
  });
});

test.describe('defect 5: voiding a case', () => {
  test('Makulera is a secondary action that asks first, and a voided case claims nothing', async ({
    page,
    request,
  }) => {
    // Registered with a suspected payment: before voiding, 100 kr can be claimed in court today.
    const api = await bearer(request, USER, 'investigator', [DISTRICT]);
    const c = await api.post('/api/cases', {
      district: DISTRICT,
      receivedOn: today(),
      source: 'public',
      subject: { gender: 'woman' },
      suspectedPayments: [{ paidOn: addDays(today(), -30), amount: 100 }],
    });
    await signIn(page, USER, `/arenden/${c.id}`);
    await expect(amountOf(page, 'Kan krävas i domstol i dag')).toHaveText(kr('100,00'));
    // One form at a time: the main action's colour first, then the voiding's beside it.
    const background = (l: Locator) => l.evaluate((el) => getComputedStyle(el).backgroundColor);
    const main = (await openStep(page, 'Förhandsbedömning')).getByRole('button', { name: 'Spara förhandsbedömning' });
    const mainBackground = await background(main);
    const voiding = await openStep(page, 'Makulera registreringen');
    const trigger = voiding.getByRole('button', { name: /^Makulera/ });
    expect(await background(trigger)).not.toBe(mainBackground);
    await choose(page, voiding, 'Skäl', 'Felregistrering');
    await trigger.click();
    const dialog = page.getByRole('alertdialog');
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('går inte att ångra');
    await checkScreen(page, '22-makulera-bekrafta');
    await look(page, 'makulera-bekrafta');
    await dialog.getByRole('button', { name: 'Avbryt' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(trigger).toBeFocused();
    await expect(page.locator('dd', { hasText: 'I kö' })).toBeVisible();

    await trigger.click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Makulera', exact: true }).click();
    await expect(page.locator('dd', { hasText: 'Makulerat' })).toBeVisible();
    await expect(amountOf(page, 'Kan krävas i domstol i dag')).toHaveText(kr('0,00'));
    await checkScreen(page, '22-makulerat');
    await look(page, 'makulerat');
  });

  test('secondary buttons look secondary', async ({ page }) => {
    await signIn(page, USER, '/registrera');
    const remove = page.getByRole('button', { name: 'Ta bort utbetalning 1' });
    const add = page.getByRole('button', { name: 'Lägg till utbetalning' });
    const submit = page.getByRole('button', { name: 'Registrera', exact: true });
    const style = (l: Locator) =>
      l.evaluate((el) => ({ bg: getComputedStyle(el).backgroundColor, color: getComputedStyle(el).color }));
    const primary = await style(submit);
    expect((await style(remove)).bg).toBe('rgba(0, 0, 0, 0)');
    expect((await style(add)).bg).toBe('rgb(255, 255, 255)');
    expect((await style(add)).color).toBe(primary.bg);
  });
});

test.describe('defect 6', () => {
  test('a stale assignment in Köer can be tried again without reloading', async ({ page, request }) => {
    const c = await caseInQueue(request, 'kungsholmen');
    await signIn(page, 'chef.kungsholmen', '/koer');
    const row = page.getByRole('row', { name: new RegExp(c.caseNumber) });
    await expect(row).toBeVisible();
    // Someone else writes to the case after the list was shown.
    const other = await bearer(request, 'utredare.kungsholmen', 'investigator', ['kungsholmen']);
    await other.post(`/api/cases/${c.id}/journal`, { notedOn: today(), kind: 'note', text: 'Ringt.' });
    await row.getByLabel(`Utredare för ${c.caseNumber}`).fill('utredare.kungsholmen');
    await row.getByRole('button', { name: 'Tilldela' }).click();
    await expect(row).toContainText('Ärendet har ändrats');
    await checkScreen(page, '22-koer-inaktuell');
    await look(page, 'koer-inaktuell');
    await row.getByRole('button', { name: 'Tilldela' }).click();
    await expect(page.getByRole('row', { name: new RegExp(c.caseNumber) })).toContainText('utredare.kungsholmen');
    await expect(page.getByRole('row', { name: new RegExp(c.caseNumber) })).not.toContainText('Ärendet har ändrats');
  });

  test('a note being typed survives another change to the case', async ({ browser }) => {
    const first = await (await browser.newContext()).newPage();
    const second = await (await browser.newContext()).newPage();
    const c = await caseWithClaim(first.request, DISTRICT);
    await signIn(first, USER, `/arenden/${c.id}`);
    await signIn(second, `utredare2.${DISTRICT}`, `/arenden/${c.id}`);

    // The page's own save of another step reloads the case: the note stays.
    // One form at a time: the note is left half-written for another step, and kept when it is chosen again.
    await (await openStep(first, 'Ny journalanteckning')).getByLabel(/^Text/).fill('Halvskriven anteckning.');
    await (await openStep(first, 'Återbetalning')).getByLabel('Belopp (kr)').fill('100');
    await step(first, 'Återbetalning').getByRole('button', { name: 'Registrera återbetalning' }).click();
    await expect(first.getByRole('status').filter({ hasText: 'Återbetalning: sparat.' })).toBeVisible();
    await expect((await openStep(first, 'Ny journalanteckning')).getByLabel(/^Text/)).toHaveValue(
      'Halvskriven anteckning.',
    );

    // Another person's change arrives first: after seeing it, the note is still there to send.
    await (await openStep(second, 'Ny journalanteckning')).getByLabel(/^Text/).fill('Andra utredarens anteckning.');
    await step(second, 'Ny journalanteckning').getByRole('button', { name: 'Spara anteckning' }).click();
    const alert = second.getByRole('alert').filter({ hasText: 'Ärendet har ändrats sedan du öppnade det' });
    await expect(alert).toBeVisible();
    await alert.getByRole('button', { name: 'Visa ärendet som det är nu' }).click();
    const text = step(second, 'Ny journalanteckning').getByLabel(/^Text/);
    await expect(text).toHaveValue('Andra utredarens anteckning.');
    // Focus goes back to the form, which says what to do (never to the page).
    await expect(step(second, 'Ny journalanteckning').getByRole('status')).toBeFocused();
    await expect(step(second, 'Ny journalanteckning').getByRole('status')).toContainText('Det du skrev finns kvar');
    await checkScreen(second, '22-anteckning-kvar');
    await look(second, 'anteckning-kvar');
    await step(second, 'Ny journalanteckning').getByRole('button', { name: 'Spara anteckning' }).click();
    await expect(second.getByRole('region', { name: 'Journal', exact: true })).toContainText(
      'Andra utredarens anteckning.',
    );
  });

  test('an impossible "Känt per" date marks the field and clears the old table', async ({ page }) => {
    await signIn(page, 'forvaltning', '/statistik');
    await choose(page, page.locator('main'), 'År', '2018');
    const table = page.getByRole('table', { name: /Årsstatistik per stadsdel/ });
    await expect(table).toBeVisible();
    const knownAt = page.getByLabel(/^Känt per/);
    await knownAt.fill('2018-02-30');
    await knownAt.blur();
    await expect(knownAt).toHaveAttribute('aria-invalid', 'true');
    await expect(knownAt).toHaveAccessibleDescription(/Datumet finns inte\./);
    await expect(table).toHaveCount(0);
    await checkScreen(page, '22-statistik-kant-per-fel');
    await look(page, 'statistik-kant-per-fel');
    await knownAt.fill('2019-01-31');
    await expect(table).toBeVisible();
    await expect(knownAt).not.toHaveAttribute('aria-invalid', 'true');
  });

  test('bad dates in the audit search are flagged at the field and old results cleared', async ({ page }) => {
    await signIn(page, 'admin', '/administration');
    const log = page.getByRole('region', { name: 'Granskningslogg' });
    await log.getByRole('button', { name: 'Visa logg' }).click();
    const entries = log.getByRole('table');
    await expect(entries).toBeVisible();
    const from = log.getByLabel(/^Från och med/);
    await from.fill('2018-02-30');
    await log.getByRole('button', { name: 'Visa logg' }).click();
    await expect(from).toHaveAttribute('aria-invalid', 'true');
    await expect(from).toHaveAccessibleDescription(/Datumet finns inte\./);
    await expect(entries).toHaveCount(0);
    await checkScreen(page, '22-granskningslogg-fel');
    await look(page, 'granskningslogg-fel');
  });

  test('import rows link only those who may open the case, under "Ärendenummer"', async ({ page }) => {
    const key = `T22-${Date.now()}`;
    const dir = mkdtempSync(join(tmpdir(), 'fut-e2e-import-'));
    const file = join(dir, 'register.csv');
    writeFileSync(
      file,
      `Ärendenummer;Inkommen;Stadsdelsnämnd;Kön;Källa\n${key};${addDays(today(), -30)};Kungsholmen;Kvinna;Efterkontroll\n`,
    );
    await signIn(page, 'admin', '/importera');
    await page.getByLabel(/^Registerfil/).setInputFiles(file);
    await page.getByText('Provkörning (ingenting sparas)').click();
    await page.getByRole('button', { name: 'Importera', exact: true }).click();
    const rows = page.getByRole('region', { name: 'Rader i filen' });
    await expect(rows).toContainText('Importerad');
    await expect(rows.getByRole('columnheader', { name: 'Ärendenummer' })).toBeVisible();
    await expect(rows.getByRole('columnheader', { name: 'Diarienummer' })).toHaveCount(0);
    // An administrator cannot open cases: the row names the case without a link to a page they would not see.
    await expect(rows.getByRole('cell', { name: key })).toBeVisible();
    await expect(rows.getByRole('link')).toHaveCount(0);
    await checkScreen(page, '22-import-administrator');
    await look(page, 'import-administrator');
  });

  test('the personnummer shows with its hyphen', async ({ page, request }) => {
    const c = await caseInQueue(request, DISTRICT);
    await signIn(page, USER, `/arenden/${c.id}`);
    await expect(page.locator('dd', { hasText: '19700101-0011' })).toBeVisible();
    await checkScreen(page, '22-personnummer');
  });
});
