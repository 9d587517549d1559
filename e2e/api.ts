import { expect, type APIRequestContext } from '@playwright/test';

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

export const today = (): string =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());

/** A Bromma case in follow-up with a claim whose first three-year limit is 2027-01-15. */
export async function caseWithClaim(request: APIRequestContext, district = 'bromma') {
  const api = await bearer(request, `utredare.${district}`, 'investigator', [district]);
  const day = today();
  const reg = await api.post('/api/cases', {
    district,
    receivedOn: day,
    source: 'caseworker',
    subject: { gender: 'woman' },
    suspectedPayments: [{ paidOn: '2024-01-15', amount: 2500 }],
  });
  await api.post(`/api/cases/${reg.id}/assessment`, { decidedOn: day, decision: 'open-investigation' });
  await api.post(`/api/cases/${reg.id}/investigation-result`, {
    completedOn: day,
    finding: 'incorrect-payment',
    cause: 'unreported-income',
    incorrectPayments: [{ paidOn: '2024-01-15', amount: 2500 }],
  });
  await api.post(`/api/cases/${reg.id}/repayment-claims`, { decidedOn: day, legalBasis: 'SoL 9:1', amount: 2500 });
  return reg;
}

export async function caseInQueue(request: APIRequestContext, district = 'bromma') {
  const api = await bearer(request, `utredare.${district}`, 'investigator', [district]);
  return api.post('/api/cases', {
    district,
    receivedOn: today(),
    source: 'public',
    subject: { personalIdentityNumber: '19700101-0011' },
  });
}
