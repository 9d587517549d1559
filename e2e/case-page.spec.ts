import { expect, test } from '@playwright/test';
import { addDays } from '../src/calendar/local-date';
import { bearer, caseWithClaim, today } from './api';
import { amountOf, checkScreen, kr, openStep, signIn, step, stepChoice } from './support';

const DISTRICT = 'farsta';
const USER = `utredare.${DISTRICT}`;

test('a case in follow-up: its state and each claim’s money at the top, one step at a time', async ({
  page,
  request,
}) => {
  // A claim of 2 500 kr with a plan and one instalment paid.
  const c = await caseWithClaim(request, DISTRICT);
  const api = await bearer(request, USER, 'investigator', [DISTRICT]);
  await api.post(`/api/cases/${c.id}/repayment-plan`, {
    agreedOn: today(),
    monthlyAmount: 500,
    firstDueOn: addDays(today(), 1),
  });
  await api.post(`/api/cases/${c.id}/repayments`, { receivedOn: today(), amount: 500, kind: 'claim' });
  await signIn(page, USER, `/arenden/${c.id}`);

  // The money per claim, as the server computed it, once: at the top.
  const state = page.getByRole('region', { name: 'Läget' });
  await expect(state.getByRole('columnheader', { name: /^Återkrav 1, beslut/ })).toBeVisible();
  for (const [row, amount] of [
    ['Återkrävt', '2 500,00'],
    ['Återbetalt', '500,00'],
    ['Eftergivet', '0,00'],
    ['Stämt för', '0,00'],
    ['Kvarstående skuld', '2 000,00'],
  ] as const)
    await expect(amountOf(page, row)).toHaveText(kr(amount));
  await expect(state.getByRole('row', { name: /^Kan krävas i domstol i dag/ })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Belopp' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Återbetalningar' }).getByRole('row')).toHaveCount(2);
  await expect(page.getByRole('region', { name: 'Bevakningar' })).toBeVisible();

  // No form until a step is chosen; then only that one.
  const next = page.getByRole('region', { name: 'Nästa steg' });
  await expect(next.locator('form')).toHaveCount(0);
  await expect(stepChoice(page, 'Återbetalning')).toBeVisible();
  await checkScreen(page, 'arende-uppfoljning');

  // The steps come in named groups, by the part of the work they belong to.
  const choices = page.getByRole('group', { name: 'Nästa steg', exact: true });
  await expect(choices.getByRole('group', { name: 'Återkrav och återbetalning' })).toContainText('Återbetalning');
  await expect(choices.getByRole('group', { name: 'Ärendet' })).toContainText('Ny journalanteckning');

  // By keyboard: the chosen step's form shows, its heading focused.
  await stepChoice(page, 'Återbetalning').focus();
  await page.keyboard.press('Enter');
  await expect(step(page, 'Återbetalning').getByRole('heading', { name: 'Återbetalning' })).toBeFocused();
  await expect(stepChoice(page, 'Återbetalning')).toHaveAttribute('aria-pressed', 'true');
  await expect(next.locator('form')).toHaveCount(1);
  await checkScreen(page, 'arende-uppfoljning-steg');

  // Another step replaces it.
  await openStep(page, 'Ny journalanteckning');
  await expect(step(page, 'Återbetalning')).toHaveCount(0);
  await expect(next.locator('form')).toHaveCount(1);
});
