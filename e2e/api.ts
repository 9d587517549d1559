import { expect, type APIRequestContext } from '@playwright/test';
import { addDays, addYears, todayInStockholm, type LocalDate } from '../src/calendar/local-date';
import { isNonWorkingDay } from '../src/calendar/swedish-calendar';
import { lawGoverning } from '../src/cases/domain/catalogues';

/** Setting up a case through the API with a development bearer token, where a test is about something else. */
export async function bearer(request: APIRequestContext, user: string, role: string, districts: string[]) {
  const res = await request.post('/api/auth/dev-token', { data: { user, role, districts } });
  expect(res.status()).toBe(200);
  const token = ((await res.json()) as { accessToken: string }).accessToken;
  const headers = { Authorization: `Bearer ${token}` };
  return {
    async post(path: string, data: object): Promise<{ id: string; caseNumber: string; version: number }> {
      const r = await request.post(path, { data, headers });
      expect(r.status(), `${path}: ${await r.text()}`).toBeLessThan(300);
      return (await r.json()) as { id: string; caseNumber: string; version: number };
    },
  };
}

/** Today in Stockholm, the service's business day (the browser, the service and the tests share the clock). */
export const today = (): LocalDate => todayInStockholm();

/**
 * A payment whose three-year limit falls on a working day about `days` days from today: the
 * same day number three years on, unmoved by lag 1930:173 (a limit on a weekend or holiday
 * would move, and 29 February has no day three years before). Dates relative to today keep
 * the screens' "runs out within N days" true whatever day the tests run.
 */
export function paymentWithLimitIn(days: number): { paidOn: LocalDate; limit: LocalDate } {
  let limit = addDays(today(), days);
  while (isNonWorkingDay(limit) || limit.endsWith('-02-29')) limit = addDays(limit, 1);
  return { paidOn: addYears(limit, -3), limit };
}

/** The claim's legal basis under the law that governs assistance granted on that day. */
export const legalBasisFor = (grantedOn: LocalDate): 'SoL 9:1' | 'SoL 33:1' =>
  lawGoverning(grantedOn) === 'SoL 2001:453' ? 'SoL 9:1' : 'SoL 33:1';

/** A case in follow-up with a claim whose one three-year limit (`limit`) is about 60 days from today. */
export async function caseWithClaim(request: APIRequestContext, district = 'bromma') {
  const api = await bearer(request, `utredare.${district}`, 'investigator', [district]);
  const day = today();
  const { paidOn, limit } = paymentWithLimitIn(60);
  const reg = await api.post('/api/cases', {
    district,
    receivedOn: day,
    source: 'caseworker',
    subject: { gender: 'woman' },
    suspectedPayments: [{ paidOn, amount: 2500 }],
  });
  await api.post(`/api/cases/${reg.id}/assessment`, { decidedOn: day, decision: 'open-investigation' });
  await api.post(`/api/cases/${reg.id}/investigation-result`, {
    completedOn: day,
    finding: 'incorrect-payment',
    cause: 'unreported-income',
    // Granted on the day it was paid: required from SoL 2025:400 on, and it picks the claim's law.
    incorrectPayments: [{ paidOn, amount: 2500, grantedOn: paidOn }],
  });
  await api.post(`/api/cases/${reg.id}/repayment-claims`, {
    decidedOn: day,
    legalBasis: legalBasisFor(paidOn),
    amount: 2500,
  });
  return { ...reg, limit };
}

/**
 * A case with a claim of 2 500 kr on a payment 400 days back, received 150 days ago and the claim
 * decided 120 days ago: old enough for a plan's instalments to have fallen due.
 */
export async function caseWithOldClaim(
  request: APIRequestContext,
  district: string,
  subject: Record<string, unknown> = { gender: 'man' },
) {
  const api = await bearer(request, `utredare.${district}`, 'investigator', [district]);
  const day = (n: number): LocalDate => addDays(today(), n);
  const paidOn = day(-400);
  const reg = await api.post('/api/cases', {
    district,
    receivedOn: day(-150),
    source: 'caseworker',
    subject,
    suspectedPayments: [{ paidOn, amount: 2500 }],
  });
  await api.post(`/api/cases/${reg.id}/assessment`, { decidedOn: day(-149), decision: 'open-investigation' });
  await api.post(`/api/cases/${reg.id}/investigation-result`, {
    completedOn: day(-130),
    finding: 'incorrect-payment',
    cause: 'unreported-income',
    incorrectPayments: [{ paidOn, amount: 2500, grantedOn: paidOn }],
  });
  await api.post(`/api/cases/${reg.id}/repayment-claims`, {
    decidedOn: day(-120),
    legalBasis: legalBasisFor(paidOn),
    amount: 2500,
  });
  return reg;
}

/** A case waiting in the district's queue, nobody's yet: registered by the unit head (an investigator's is theirs at once). */
export async function caseInQueue(request: APIRequestContext, district = 'bromma') {
  const api = await bearer(request, `chef.${district}`, 'unit-head', [district]);
  return api.post('/api/cases', {
    district,
    receivedOn: today(),
    source: 'public',
    subject: { personalIdentityNumber: '19700101-0011' },
  });
}
