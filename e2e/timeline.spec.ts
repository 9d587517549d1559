import { expect, test, type Locator } from '@playwright/test';
import { addDays } from '../src/calendar/local-date';
import { bearer, caseWithClaim, today } from './api';
import { checkScreen, kr, signIn, timelineEntry } from './support';

const DISTRICT = 'farsta';
const USER = `utredare.${DISTRICT}`;

const entry = timelineEntry;

/** A fact of an entry: the description list's value under its term. */
const fact = (item: Locator, label: string): Locator =>
  item.locator('dt', { hasText: new RegExp(`^${label}$`) }).locator('xpath=following-sibling::dd[1]');

test("the timeline shows each step's amounts, law and reasons, not only its name and date", async ({
  page,
  request,
}) => {
  // A claim of 2 500 kr, a plan, 500 kr repaid, the rest waived, and the case closed as waived.
  const c = await caseWithClaim(request, DISTRICT);
  const api = await bearer(request, USER, 'investigator', [DISTRICT]);
  await api.post(`/api/cases/${c.id}/repayment-plan`, {
    agreedOn: today(),
    monthlyAmount: 500,
    firstDueOn: addDays(today(), 1),
  });
  await api.post(`/api/cases/${c.id}/repayments`, { receivedOn: today(), amount: 500, kind: 'claim' });
  await api.post(`/api/cases/${c.id}/waivers`, { decidedOn: today(), reason: 'other', amount: 2000 });
  await api.post(`/api/cases/${c.id}/closure`, { closedOn: today(), reason: 'waived-other' });
  await signIn(page, USER, `/arenden/${c.id}`);

  const claim = entry(page, 'Beslut om återkrav');
  await expect(fact(claim, 'Belopp')).toHaveText(kr('2 500,00'));
  await expect(fact(claim, 'Lagrum')).toHaveText(/^(9 kap\. 1 § SoL \(2001:453\)|33 kap\. 1 § SoL \(2025:400\))$/);
  await expect(fact(entry(page, 'Avbetalningsplan'), 'Belopp per månad')).toHaveText(kr('500,00'));
  await expect(fact(entry(page, 'Återbetalning'), 'Belopp')).toHaveText(kr('500,00'));
  const waiver = entry(page, 'Eftergift');
  await expect(fact(waiver, 'Belopp')).toHaveText(kr('2 000,00'));
  await expect(fact(waiver, 'Skäl')).toHaveText('Eftergift - annan orsak');
  const closing = entry(page, 'Avslutat');
  await expect(fact(closing, 'Avslutsorsak')).toHaveText('Eftergift - annan orsak');
  await expect(fact(closing, 'Beslutsfattarens funktion')).toHaveText('FUT-utredare');
  await expect(closing).toContainText(`Registrerat`);
  await checkScreen(page, 'arende-tidslinje');
});
