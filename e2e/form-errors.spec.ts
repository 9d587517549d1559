import { expect, test, type Locator, type Page } from '@playwright/test';
import { join } from 'node:path';
import { addDays } from '../src/calendar/local-date';
import { caseWithClaim, today } from './api';
import { amountOf, checkScreen, choose, kr, openStep, SCREENS_DIR, signIn, step, stepChoice } from './support';

/**
 * The cases these tests make are in a district of their own, so the other browser tests (Bromma's queue on
 * one page, a person without other open cases there) find the demo history as they expect it.
 */
const DISTRICT = 'norra-innerstaden';
const USER = `utredare.${DISTRICT}`;

/**
 * Forms in the Swedish public-sector way (issue 22): an error summary at the
 * top of the form ("Det finns N fel") that takes focus after a failed submit
 * and links to each field, every error a submit can find shown at once,
 * optional fields marked "(frivilligt)", and the confirmation moved into view
 * and announced. The keyboard-only pass goes through registration, a step the
 * server refuses, and the closing.
 */

/** The part of the page in view, beside checkScreen's full page. */
const look = (page: Page, name: string) => page.screenshot({ path: join(SCREENS_DIR, `22-${name}-i-vy.png`) });

/** The error summary of the page (one form at a time shows one). */
const summary = (page: Page): Locator => page.getByRole('alert', { name: /^Det finns \d+ fel$/ });

/** Presses Tab until `target` has focus: how a keyboard user gets there. */
async function tabTo(page: Page, target: Locator, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

/** The button of a React Aria select in `scope`, by its label (optional ones say "(frivilligt)"). */
function selectButton(page: Page, scope: Locator, label: string): Locator {
  const exact = new RegExp(`^${label}( \\*| \\(frivilligt\\))?$`);
  return scope
    .locator('.field')
    .filter({ has: page.locator('.react-aria-Label', { hasText: exact }) })
    .getByRole('button');
}

/** Picks an option of a React Aria select with the keyboard only: open, type its first letters, Enter. */
async function chooseByKeyboard(page: Page, field: Locator, option: string): Promise<void> {
  await tabTo(page, field);
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('listbox')).toBeVisible();
  for (let i = 0; i < 40; i++) {
    const focused = page.getByRole('option', { name: option, exact: true });
    if (await focused.evaluate((el) => el === document.activeElement).catch(() => false)) break;
    await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Enter');
  await expect(field).toContainText(option);
}

test('registration: one submit lists every error in a summary that takes focus and links to each field', async ({
  page,
}) => {
  await signIn(page, USER, '/registrera');
  const form = page.locator('form');
  // Optional fields say so; required ones carry no asterisk to decode.
  await expect(page.getByLabel('Namn (frivilligt)', { exact: true })).toBeVisible();
  await expect(page.getByLabel('Sammanfattning (frivilligt)', { exact: true })).toBeVisible();
  await expect(page.getByLabel('Mottaget datum', { exact: true })).toBeVisible();

  // Four problems of four kinds: a dropdown left empty (Källa), a missing date, an impossible date, a bad
  // amount, and a personnummer the service refuses (its look-up says so when the field is left).
  await page.getByLabel('Mottaget datum').fill('');
  await page.getByLabel(/^Personnummer eller samordningsnummer/).fill('19811218-9875');
  await page.getByLabel('Utbetald 1').fill('2025-02-30');
  await expect(page.getByLabel(/^Personnummer eller samordningsnummer/)).toHaveAccessibleDescription(
    /Personnumret är inte giltigt/,
  );
  await page.getByLabel('Belopp 1 (kr)').fill('abc');
  await page.getByRole('button', { name: 'Registrera', exact: true }).click();

  const errors = summary(page);
  await expect(errors).toBeVisible();
  await expect(errors).toBeFocused();
  await expect(errors.getByRole('heading')).toHaveText('Det finns 5 fel');
  const links = errors.getByRole('link');
  await expect(links).toHaveText([
    'Mottaget datum: Ange datum.',
    'Välj källa.',
    /^Personnummer eller samordningsnummer: Personnumret är inte giltigt/,
    'Utbetald 1: Datumet finns inte.',
    /^Belopp 1 \(kr\): Skriv ett belopp över 0 kr/,
  ]);
  await expect(page.getByLabel('Utbetald 1')).toHaveAccessibleDescription(/Datumet finns inte\./);
  await expect(page.getByLabel('Mottaget datum')).toHaveAccessibleDescription(/Ange datum\./);
  await checkScreen(page, '22-registrera-felsammanfattning');
  await look(page, 'registrera-felsammanfattning');

  // Each link moves focus to its field: the dropdown's button too.
  await errors.getByRole('link', { name: /Välj källa/ }).click();
  await expect(selectButton(page, form, 'Källa')).toBeFocused();
  await errors.getByRole('link', { name: 'Utbetald 1: Datumet finns inte.' }).click();
  await expect(page.getByLabel('Utbetald 1')).toBeFocused();

  // What the service's rules refuse comes in one answer too: two dates in the future.
  const tomorrow = addDays(today(), 1);
  await page.getByLabel('Mottaget datum').fill(tomorrow);
  await choose(page, form, 'Källa', 'Allmänheten');
  await page.getByLabel(/^Personnummer eller samordningsnummer/).fill('19811218-9876');
  await page.getByLabel('Utbetald 1').fill(tomorrow);
  await page.getByLabel('Belopp 1 (kr)').fill('1 000');
  await page.getByRole('button', { name: 'Registrera', exact: true }).click();
  await expect(errors.getByRole('heading')).toHaveText('Det finns 2 fel');
  await expect(errors).toBeFocused();
  await expect(errors.getByRole('link')).toHaveText([
    'Mottaget datum: Datumet får inte ligga i framtiden.',
    'Utbetald 1: Datumet får inte ligga i framtiden.',
  ]);
  await checkScreen(page, '22-registrera-regelfel');
  await look(page, 'registrera-regelfel');

  await page.getByLabel('Mottaget datum').fill(today());
  await page.getByLabel('Utbetald 1').fill(addDays(today(), -10));
  await page.getByRole('button', { name: 'Registrera', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Ärende [A-Z]+-\d{4}-\d+$/ })).toBeVisible();
});

test('a saved step is confirmed in view and announced; the next step that fails clears it', async ({
  page,
  request,
}) => {
  const c = await caseWithClaim(request, DISTRICT);
  await signIn(page, USER, `/arenden/${c.id}`);
  const repayment = await openStep(page, 'Återbetalning');
  await repayment.getByLabel('Belopp (kr)').fill('100');
  await repayment.getByRole('button', { name: 'Registrera återbetalning' }).click();
  const saved = page.getByRole('status').filter({ hasText: 'Återbetalning: sparat.' });
  await expect(saved).toBeVisible();
  await expect(saved).toBeInViewport();
  await expect(saved).toBeFocused();
  await expect(amountOf(page, 'Återbetalt')).toHaveText(kr('100,00'));
  await checkScreen(page, '22-arende-sparat');
  await look(page, 'arende-sparat');

  // More than is owed: the service refuses it, and the green "sparat" of the step before is gone.
  await (await openStep(page, 'Återbetalning')).getByLabel('Belopp (kr)').fill('999 999');
  await step(page, 'Återbetalning').getByRole('button', { name: 'Registrera återbetalning' }).click();
  const errors = summary(page);
  await expect(errors).toBeFocused();
  await expect(errors).toContainText('Belopp (kr)');
  await expect(page.getByText('Återbetalning: sparat.')).toHaveCount(0);
  await expect(step(page, 'Återbetalning').getByLabel('Belopp (kr)')).toHaveAccessibleDescription(
    /Kvarstående skuld: 2\s400,00\skr/,
  );
  await checkScreen(page, '22-arende-steg-nekat');
  await look(page, 'arende-steg-nekat');
});

test('keyboard only: registration, a step the service refuses, and the closing, with focus on the summary and the fields', async ({
  page,
}) => {
  await signIn(page, USER, '/registrera');
  const form = page.locator('form');
  // Registration with Källa left empty: the first invalid field is a dropdown.
  await tabTo(page, page.getByLabel(/^Personnummer eller samordningsnummer/));
  await page.keyboard.type('19811218-9876');
  await page.keyboard.press('Tab');
  await tabTo(page, page.getByRole('button', { name: 'Registrera', exact: true }));
  await page.keyboard.press('Enter');
  const errors = summary(page);
  await expect(errors).toBeFocused();
  await expect(errors.getByRole('link')).toHaveText(['Välj källa.']);
  await page.keyboard.press('Tab');
  await expect(errors.getByRole('link', { name: 'Välj källa.' })).toBeFocused();
  await page.keyboard.press('Enter');
  const source = selectButton(page, form, 'Källa');
  await expect(source).toBeFocused();
  await chooseByKeyboard(page, source, 'Allmänheten');
  await tabTo(page, page.getByRole('button', { name: 'Registrera', exact: true }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: /^Ärende [A-Z]+-\d{4}-\d+$/ })).toBeVisible();

  // A step the service refuses: a pre-assessment dated before the case was received.
  // The step chosen by keyboard: focus goes to its form's heading.
  await tabTo(page, stepChoice(page, 'Förhandsbedömning'), 200);
  await page.keyboard.press('Enter');
  const assessment = step(page, 'Förhandsbedömning');
  await expect(assessment.getByRole('heading', { name: 'Förhandsbedömning' })).toBeFocused();
  const date = assessment.getByLabel('Beslutsdatum');
  await tabTo(page, date, 200);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(addDays(today(), -400));
  await chooseByKeyboard(page, selectButton(page, assessment, 'Beslut'), 'Inled utredning');
  await tabTo(page, assessment.getByRole('button', { name: 'Spara förhandsbedömning' }));
  await page.keyboard.press('Enter');
  await expect(errors).toBeFocused();
  await expect(errors.getByRole('link')).toHaveText([/^Beslutsdatum: /]);
  await checkScreen(page, '22-tangentbord-steg-nekat');
  await look(page, 'tangentbord-steg-nekat');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(date).toBeFocused();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(today());
  await tabTo(page, assessment.getByRole('button', { name: 'Spara förhandsbedömning' }));
  await page.keyboard.press('Enter');
  const saved = page.getByRole('status').filter({ hasText: 'Förhandsbedömning: sparat.' });
  await expect(saved).toBeFocused();

  // The closing: a reason the case does not meet, said in Swedish with what is missing.
  await tabTo(page, stepChoice(page, 'Avsluta ärendet'), 200);
  await page.keyboard.press('Enter');
  const closing = step(page, 'Avsluta ärendet');
  await expect(closing.getByRole('heading', { name: 'Avsluta ärendet' })).toBeFocused();
  const reason = selectButton(page, closing, 'Avslutsorsak');
  // No claim was decided: a closing as repaid cannot be.
  await chooseByKeyboard(page, reason, 'Återbetalning - återkrav');
  await tabTo(page, closing.getByRole('button', { name: 'Avsluta' }));
  await page.keyboard.press('Enter');
  await expect(errors).toBeFocused();
  await expect(errors).toContainText('Avslutsorsak');
  await expect(errors).toContainText('Avslutsorsaken stämmer inte med ärendets steg');
  await expect(errors).toContainText('beslut om återkrav');
  await checkScreen(page, '22-tangentbord-avslut-nekat');
  await look(page, 'tangentbord-avslut-nekat');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(reason).toBeFocused();
});
