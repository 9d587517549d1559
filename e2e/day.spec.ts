import { expect, test, type Page } from '@playwright/test';
import { addDays, type LocalDate } from '../src/calendar/local-date';
import { lawGoverning } from '../src/cases/domain/catalogues';
import { REPORT_2018 } from '../src/demo/stockholm-2018';
import { legalBasisFor, today } from './api';
import { checkScreen, choose, kr, openStep, signIn, signOut, step, stepChoice } from './support';

/**
 * A whole day (issue 22, "Done when"), through the screens only: the unit head
 * registers a tip that waits in the queue; an investigator registers a case and
 * finds it at once on the start page, takes the waiting one, sets a reminder on
 * it (by keyboard), records a claim, a plan and a short repayment on their own,
 * and sees the missed instalment flagged; the unit head sees it in their list,
 * closes the claims wholly past their limits in one action and reads the
 * district's figures beside the city's. In Skärholmen, which no other browser
 * test writes to, with persons of its own. Dates are relative to today (the
 * service runs on the real clock).
 */
const DISTRICT = 'skarholmen';
const INVESTIGATOR = `utredare.${DISTRICT}`;
const HEAD = `chef.${DISTRICT}`;
const SHOTS = '/tmp/day-';
/** The person of the investigator's own case, and the one of the tip from the public. */
const PERSON = { pin: '19730914-2144', name: 'Dagsson, Vera' };
const TIPPED = { pin: '19880227-3626', name: 'Tipsberg, Olga' };

const day = (n: number): LocalDate => addDays(today(), n);
/** An amount as shown inside a text, whatever kind of space separates the thousands. */
const kronor = (text: string): RegExp => new RegExp(`${text.replace(/ /g, '[\\s\u00a0]')}[\\s\u00a0]kr`);

/** "N bevakningar, varav M försenade." on Mina bevakningar, as numbers. */
async function reminderCounts(page: Page): Promise<{ total: number; overdue: number }> {
  const status = page.getByRole('status').filter({ hasText: /bevakning(ar)?, varav/ });
  await expect(status).toBeVisible();
  const [, total, overdue] = /^(\d+) bevakningar?, varav (\d+)/.exec((await status.textContent()) ?? '') ?? [];
  return { total: Number(total), overdue: Number(overdue) };
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
}

/** Saves the step's form as it stands and waits for its confirmation. */
async function save(page: Page, title: string, button: string): Promise<void> {
  await step(page, title).getByRole('button', { name: button }).click();
  await expect(page.getByRole('status').filter({ hasText: `${title}: sparat.` })).toBeVisible();
}

/** The case number of the case page shown. */
async function caseNumberShown(page: Page): Promise<string> {
  const heading = page.getByRole('heading', { level: 1, name: /^Ärende [A-ZÅÄÖ]{2}-\d{4}-\d+$/ });
  await expect(heading).toBeVisible();
  return ((await heading.textContent()) ?? '').replace('Ärende ', '');
}

test('a whole day: an investigator’s cases, reminder and missed instalment, and the unit head’s closing and figures', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const mine = page.getByRole('region', { name: 'Mina öppna ärenden', exact: true });

  // Morning: a tip from the public, registered by the unit head, waits in the district's queue, nobody's.
  let tipped = '';
  await test.step('the unit head registers a tip that waits unassigned', async () => {
    await signIn(page, HEAD, '/registrera');
    const form = page.locator('form');
    await choose(page, form, 'Källa', 'Allmänheten');
    await page.getByLabel(/^Personnummer eller samordningsnummer/).fill(TIPPED.pin);
    await page.getByLabel(/^Namn/).fill(TIPPED.name);
    await expect(page.getByText('Personen har inga andra öppna ärenden.')).toBeVisible();
    await page.getByRole('button', { name: 'Registrera', exact: true }).click();
    tipped = await caseNumberShown(page);
    await expect(page.locator('main')).toContainText('Ej tilldelad');
    await signOut(page);
  });

  // 1. The investigator registers a case (received 150 days ago, a payment 400 days back) and finds it at once.
  let own = '';
  const paidOn = day(-400);
  await test.step('the investigator registers a case and finds it at once on the start page', async () => {
    await signIn(page, INVESTIGATOR);
    await expect(page.getByRole('heading', { level: 1, name: 'Mina ärenden' })).toBeVisible();
    await expect(mine.getByRole('rowheader', { name: tipped })).toHaveCount(0);
    await page.getByRole('link', { name: 'Registrera inkommande information' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Registrera inkommande information' })).toBeVisible();
    const form = page.locator('form');
    await page.getByLabel('Mottaget datum').fill(day(-150));
    await choose(page, form, 'Källa', 'Socialsekreterare (handläggning)');
    await page.getByLabel(/^Personnummer eller samordningsnummer/).fill(PERSON.pin);
    await page.getByLabel(/^Namn/).fill(PERSON.name);
    await expect(page.getByText('Personen har inga andra öppna ärenden.')).toBeVisible();
    await page.getByLabel('Utbetald 1').fill(paidOn);
    await page.getByLabel('Belopp 1 (kr)').fill('2 500');
    await page.getByLabel(/^Sammanfattning/).fill('Lön som inte redovisades i ansökan.');
    await checkScreen(page, 'dag-01-registrera');
    await shot(page, '1-registrera');
    await page.getByRole('button', { name: 'Registrera', exact: true }).click();
    own = await caseNumberShown(page);
    await expect(page.getByRole('region', { name: 'Läget', exact: true })).toContainText(`utredare ${INVESTIGATOR}`);

    await page.getByRole('link', { name: 'Mina ärenden' }).click();
    const row = mine.getByRole('row', { name: new RegExp(own) });
    await expect(row).toContainText('I kö');
    await expect(row).toContainText('Förhandsbedömning');
    await expect(row).toContainText(kronor('2 500,00'));
    await mine.screenshot({ path: `${SHOTS}2-mina-oppna-arenden.png` });
    await checkScreen(page, 'dag-02-startsida-registrerat');
    await shot(page, '2-startsida-registrerat');
  });

  // 2. The tip waits in the district's list; the investigator takes it.
  await test.step('the investigator takes the unassigned case', async () => {
    const district = page.getByRole('region', { name: 'Ärenden i mina stadsdelar' });
    const row = district.getByRole('row', { name: new RegExp(tipped) });
    await expect(row).toContainText('Ej tilldelad');
    await expect(row).toContainText(TIPPED.name);
    await row.getByRole('button', { name: `Ta ärendet ${tipped}` }).click();
    await expect(page.getByRole('status').filter({ hasText: `Du har tagit ärende ${tipped}.` })).toBeVisible();
    await expect(mine.getByRole('rowheader', { name: tipped })).toBeVisible();
    await expect(row).toContainText(INVESTIGATOR);
    await checkScreen(page, 'dag-03-taget');
    await shot(page, '3-taget');
  });

  // 3. A reminder on the taken case, by keyboard: the step chosen with Enter, the form sent with Enter.
  const remindOn = day(7);
  const remindText = 'Ring anmälaren om kontoutdragen';
  let counts = { total: 0, overdue: 0 };
  await test.step('the investigator sets a reminder by keyboard and finds it on the case and on Mina bevakningar', async () => {
    await mine.getByRole('link', { name: tipped }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Ärende ${tipped}` })).toBeVisible();
    await stepChoice(page, 'Ny bevakning').focus();
    await page.keyboard.press('Enter');
    const form = step(page, 'Ny bevakning');
    await expect(form.getByRole('heading', { name: 'Ny bevakning' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(form.getByLabel('Bevakningsdatum')).toBeFocused();
    await page.keyboard.type(remindOn);
    await page.keyboard.press('Tab');
    await expect(form.getByLabel('Vad ska göras')).toBeFocused();
    await page.keyboard.type(remindText);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status').filter({ hasText: 'Ny bevakning: sparat.' })).toBeVisible();
    const onCase = page.getByRole('region', { name: 'Bevakningar', exact: true });
    await expect(onCase).toContainText(remindText);
    await expect(onCase).toContainText(remindOn);
    await checkScreen(page, 'dag-04-arende-bevakning');
    await shot(page, '4-arende-bevakning');

    await page.getByRole('link', { name: 'Mina bevakningar' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Mina bevakningar' })).toBeVisible();
    const reminder = page.getByRole('row', { name: new RegExp(`${tipped}.*${remindText}`) });
    await expect(reminder).toContainText(remindOn);
    await expect(reminder).toContainText('Egen bevakning');
    counts = await reminderCounts(page);
    await checkScreen(page, 'dag-05-mina-bevakningar');
    await shot(page, '5-mina-bevakningar');
  });

  // 4. The investigator's own case: investigated, a claim of 2 500 kr, a plan of 500 kr a month, then 300 kr paid.
  const firstDueOn = day(-75);
  await test.step('the investigator records a claim, a plan and a short repayment; the missed instalment is flagged', async () => {
    await page.getByRole('link', { name: 'Mina ärenden' }).click();
    await mine.getByRole('link', { name: own }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Ärende ${own}` })).toBeVisible();

    const assessment = await openStep(page, 'Förhandsbedömning');
    await assessment.getByLabel('Beslutsdatum').fill(day(-149));
    await choose(page, assessment, 'Beslut', 'Inled utredning');
    await choose(page, assessment, 'Misstänkt orsak', 'Oredovisade inkomster');
    await save(page, 'Förhandsbedömning', 'Spara förhandsbedömning');

    const result = await openStep(page, 'Utredningsresultat');
    await result.getByLabel(/^Utredningen avslutad/).fill(day(-130));
    await choose(page, result, 'Resultat', 'Felaktig utbetalning');
    await choose(page, result, 'Orsak', 'Oredovisade inkomster');
    await result.getByLabel('Beviljad 1').fill(paidOn);
    await save(page, 'Utredningsresultat', 'Spara utredningsresultat');

    const claim = await openStep(page, 'Beslut om återkrav');
    await claim.getByLabel('Beslutsdatum').fill(day(-120));
    await choose(page, claim, 'Lagrum', `${legalBasisFor(paidOn)} (${lawGoverning(paidOn)})`);
    await expect(claim.getByLabel('Belopp (kr)')).toHaveValue('2500,00');
    await save(page, 'Beslut om återkrav', 'Besluta återkrav');

    const plan = await openStep(page, 'Avbetalningsplan');
    await plan.getByLabel('Överenskommen').fill(day(-100));
    await plan.getByLabel('Belopp per månad (kr)').fill('500');
    await plan.getByLabel('Första betalning').fill(firstDueOn);
    await save(page, 'Avbetalningsplan', 'Spara avbetalningsplan');

    const repayment = await openStep(page, 'Återbetalning');
    await repayment.getByLabel('Inbetald').fill(day(-70));
    await repayment.getByLabel('Belopp (kr)').fill('300');
    await save(page, 'Återbetalning', 'Registrera återbetalning');

    // The first instalment short, the next two missed: 1 200 kr behind since the first due day.
    const schedule = page.getByRole('region', { name: 'Avbetalningar', exact: true });
    await expect(schedule.getByText(/^Missad avbetalning: 1[\s\u00a0]200,00[\s\u00a0]kr obetalt sedan/)).toContainText(
      firstDueOn,
    );
    const rows = schedule.getByRole('table').getByRole('row');
    await expect(rows.nth(1)).toContainText('Delvis betald');
    await expect(rows.nth(1).locator('td').nth(4)).toHaveText(kr('300,00'));
    await expect(rows.nth(2)).toContainText('Missad');
    // And a reminder of the service's own, on the case.
    const onCase = page.getByRole('region', { name: 'Bevakningar', exact: true });
    await expect(onCase.getByRole('row', { name: /Avbetalning inte betald/ })).toContainText(
      `Avbetalning 1 enligt planen från ${day(-100)}, förfallen ${firstDueOn}, är inte betald i sin helhet.`,
    );
    await schedule.screenshot({ path: `${SHOTS}6-avbetalningar.png` });
    await onCase.screenshot({ path: `${SHOTS}6-bevakningar.png` });
    await checkScreen(page, 'dag-06-arende-missad-avbetalning');
    await shot(page, '6-arende-missad-avbetalning');

    await page.getByRole('link', { name: 'Mina bevakningar' }).click();
    const missed = page.getByRole('row', { name: new RegExp(`${own}.*Avbetalning 1 enligt planen`) });
    await expect(missed).toContainText('Avbetalning inte betald');
    await expect(missed).toContainText(/\(försenad \d+ dagar\)/);
    // One more reminder, and it is overdue.
    expect(await reminderCounts(page)).toEqual({ total: counts.total + 1, overdue: counts.overdue + 1 });
    await checkScreen(page, 'dag-07-mina-bevakningar-missad');
    await shot(page, '7-mina-bevakningar-missad');
    await signOut(page);
  });

  // 5. The unit head: the missed instalment in their list, the past-limit claims closed at once, the figures.
  await test.step('the unit head sees the missed instalment, closes the past-limit claims in one action and reads the district’s figures', async () => {
    await signIn(page, HEAD, '/missade-avbetalningar');
    await expect(page.getByRole('heading', { level: 1, name: 'Missade avbetalningar' })).toBeVisible();
    const behind = page.getByRole('row').filter({ has: page.getByRole('link', { name: own }) });
    await expect(behind).toContainText(firstDueOn);
    await expect(behind).toContainText(/1[\s\u00a0]200,00[\s\u00a0]kr/);
    await checkScreen(page, 'dag-08-missade-avbetalningar');
    await shot(page, '8-missade-avbetalningar');

    await page.getByRole('link', { name: 'Tidsfrister' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Tidsfrister' })).toBeVisible();
    const pastHeading = page.getByRole('heading', { level: 2, name: /^Alla gränser passerade/ });
    const count = Number(/\((\d+)\)/.exec((await pastHeading.textContent()) ?? '')?.[1]);
    // Several, and all on the list's one page (50 a page), so "all on the page" is all of them.
    expect(count).toBeGreaterThan(1);
    expect(count).toBeLessThanOrEqual(50);
    const past = page.getByRole('table', { name: /^Kan avslutas som/ });
    await past.getByRole('checkbox', { name: 'Välj alla återkrav på sidan' }).check();
    const picked = page.getByRole('region', { name: 'Valda återkrav' });
    await expect(picked).toContainText(`${count} återkrav valda`);
    // All of them: what the list says is past the limits.
    const expired =
      (await page
        .getByText(/^Förbi gränserna:/)
        .locator('strong')
        .textContent()) ?? '';
    await expect(picked).toContainText(`${expired} förbi gränserna`);
    await checkScreen(page, 'dag-09-tidsfrister-valda');
    await shot(page, '9-tidsfrister-valda');
    await picked.getByRole('button', { name: `Efterge och avsluta valda (${count})…` }).click();
    const confirm = page.getByRole('region', { name: `Efterge och avsluta ${count} ärenden` });
    await expect(confirm.getByRole('heading')).toBeFocused();
    await expect(confirm).toContainText(`${HEAD} (enhetschef)`);
    await checkScreen(page, 'dag-10-tidsfrister-bekrafta');
    await shot(page, '10-tidsfrister-bekrafta');
    await confirm.getByRole('button', { name: `Fatta besluten och avsluta ${count} ärenden` }).click();
    const result = page.getByRole('region', { name: /ärenden avslutade/ });
    await expect(result.getByRole('heading')).toHaveText(`${count} av ${count} ärenden avslutade`);
    await expect(result.getByRole('heading')).toBeFocused();
    await expect(result.getByRole('row', { name: /Avslutat/ })).toHaveCount(count);
    await expect(pastHeading).toHaveText('Alla gränser passerade (0)');
    await expect(page.getByText('Inga ärenden har passerat alla sina gränser.')).toBeVisible();
    await checkScreen(page, 'dag-11-tidsfrister-avslutade');
    await shot(page, '11-tidsfrister-avslutade');

    await page.getByRole('link', { name: 'Statistik och årsrapport' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Statistik och årsrapport' })).toBeVisible();
    await choose(page, page.locator('main'), 'År', '2018');
    await page.getByLabel(/^Känt per/).fill('2019-01-07');
    const stats = page.getByRole('table', { name: /^Årsstatistik/ });
    // The district's published 2018 figures: information received, and cases in the queue at the year's end.
    const own2018 = stats.getByRole('row', { name: /^Skärholmen/ }).getByRole('cell');
    await expect(own2018.nth(0)).toHaveText(String(REPORT_2018.received.skarholmen));
    await expect(own2018.nth(1)).toHaveText(String(REPORT_2018.queueAtYearEnd.skarholmen));
    await expect(stats.getByRole('row', { name: /^Staden totalt/ })).toContainText('636');
    await expect(stats.getByRole('row', { name: /^Farsta/ })).toHaveCount(0);
    await checkScreen(page, 'dag-12-statistik');
    await shot(page, '12-statistik');
  });
});
