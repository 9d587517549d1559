import { expect, test } from '@playwright/test';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import PizZip from 'pizzip';
import { addDays } from '../src/calendar/local-date';
import { bearer, legalBasisFor, today } from './api';
import { SCREENS_DIR, checkScreen, choose, openStep, signIn } from './support';

const axeOf = (name: string): unknown[] =>
  JSON.parse(readFileSync(join(SCREENS_DIR, `${name}.axe.json`), 'utf8')) as unknown[];

test('an investigator records the calculation month by month, decides the claim, issues its decision from the offer, downloads it and records it sent', async ({
  page,
  request,
}) => {
  const api = await bearer(request, 'utredare.farsta', 'investigator', ['farsta']);
  const day = today();
  const first = addDays(day, -40);
  const second = addDays(day, -10);
  const c = await api.post('/api/cases', {
    district: 'farsta',
    receivedOn: day,
    source: 'caseworker',
    subject: { personalIdentityNumber: '19811218-9876', name: 'Testa Testsson' },
    assistanceCaseNumber: 'EB-2026-4711',
  });
  await api.post(`/api/cases/${c.id}/assessment`, { decidedOn: day, decision: 'open-investigation' });
  await signIn(page, 'utredare.farsta', `/arenden/${c.id}`);

  // The calculation: a row a month, the difference and the sums shown as they are typed.
  const result = await openStep(page, 'Utredningsresultat');
  await choose(page, result, 'Resultat', 'Felaktig utbetalning');
  await choose(page, result, 'Orsak', 'Oredovisade inkomster');
  await result.getByLabel('Månad 1', { exact: true }).fill(first.slice(0, 7));
  await result.getByLabel('Utbetald 1').fill(first);
  await result.getByLabel('Beviljad 1').fill(first);
  await result.getByLabel('Utbetalt 1 (kr)').fill('8 200');
  await result.getByLabel('Skulle ha betalats 1 (kr)').fill('5 200');
  await expect(result.getByRole('group', { name: 'Beräkning, rad 1' }).locator('output')).toHaveText(/^3\s000,00\skr$/);
  await result.getByRole('button', { name: 'Lägg till månad' }).click();
  await result.getByLabel('Månad 2', { exact: true }).fill(second.slice(0, 7));
  await result.getByLabel('Utbetald 2').fill(second);
  await result.getByLabel('Beviljad 2').fill(second);
  await result.getByLabel('Utbetalt 2 (kr)').fill('8 200');
  await result.getByLabel('Skulle ha betalats 2 (kr)').fill('4 700,50');
  await result.getByLabel('Skäl 2').fill('Lön från Bygg AB');
  const sums = result.getByRole('table', { name: 'Summa för alla månader' });
  await expect(sums.getByRole('row', { name: /Felaktigt utbetalt/ })).toHaveText(/6\s499,50\skr/);
  await expect(sums.getByRole('row', { name: /^Utbetalt/ })).toHaveText(/16\s400,00\skr/);
  await checkScreen(page, '22-berakning');
  await result.getByRole('button', { name: 'Spara utredningsresultat' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Utredningsresultat: sparat.' })).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'Felaktiga utbetalningar' }).getByRole('row', { name: /Lön från Bygg AB/ }),
  ).toBeVisible();

  // The claim; its decision is offered at once.
  const claim = await openStep(page, 'Beslut om återkrav');
  const law = legalBasisFor(first) === 'SoL 9:1' ? 'SoL 2001:453' : 'SoL 2025:400';
  await choose(page, claim, 'Lagrum', `${legalBasisFor(first)} (${law})`);
  await claim.getByRole('button', { name: 'Besluta återkrav' }).click();
  const offer = page.getByRole('region', { name: 'Utfärda beslut om återkrav nu?' });
  await expect(offer).toBeVisible();
  await offer.getByRole('button', { name: 'Utfärda beslut om återkrav' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Beslut om återkrav är utfärdat.' })).toBeVisible();
  const documents = page.getByRole('region', { name: 'Dokument', exact: true });
  const row = documents.getByRole('row', { name: /1\. Beslut om återkrav/ });
  await expect(row).toContainText('Ej skickat');
  await expect(row).toContainText('utredare.farsta');
  await checkScreen(page, '23-dokument');

  // Downloaded through the page: the PDF exactly as issued (its sha-256 the case's record of it).
  const downloading = page.waitForEvent('download');
  await row.getByRole('button', { name: /^PDF\s*, Beslut om återkrav$/ }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^FA-\d{4}-\d{4}-1-beslut-om-aterkrav\.pdf$/);
  const pdf = readFileSync((await download.path())!);
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  const view = (await (
    await request.get(`/api/cases/${c.id}`, {
      headers: { Authorization: `Bearer ${await tokenOf(request)}` },
    })
  ).json()) as { documents: Array<{ sha256: string }> };
  expect(createHash('sha256').update(pdf).digest('hex')).toBe(view.documents[0].sha256);

  // Sent by post today.
  const sent = page.getByRole('region', { name: 'Registrera att ett dokument skickats' });
  await sent.getByRole('button', { name: 'Registrera som skickat' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Dokumentet är registrerat som skickat.' })).toBeVisible();
  await expect(documents.getByRole('row', { name: /1\. Beslut om återkrav/ })).toContainText(`${day}, Post`);
  expect(axeOf('22-berakning'), 'axe: no violation of any impact').toEqual([]);
  expect(axeOf('23-dokument'), 'axe: no violation of any impact').toEqual([]);
});

test('the kommuniceringsbrev is offered right after the kommunicering is recorded, made from it', async ({
  page,
  request,
}) => {
  const api = await bearer(request, 'utredare.farsta', 'investigator', ['farsta']);
  const day = today();
  const paid = addDays(day, -30);
  const c = await api.post('/api/cases', {
    district: 'farsta',
    receivedOn: day,
    source: 'caseworker',
    subject: { personalIdentityNumber: '19811218-9876', name: 'Kim Kommunicerad' },
  });
  await api.post(`/api/cases/${c.id}/assessment`, { decidedOn: day, decision: 'open-investigation' });
  await api.post(`/api/cases/${c.id}/investigation-result`, {
    completedOn: day,
    finding: 'incorrect-payment',
    cause: 'unreported-income',
    incorrectPayments: [{ paidOn: paid, grantedOn: paid, amount: 3000 }],
  });
  await signIn(page, 'utredare.farsta', `/arenden/${c.id}`);

  const form = await openStep(page, 'Kommunicering');
  await form.getByLabel('Svara senast').fill(addDays(day, 14));
  await form.getByLabel('Vad som skickades').fill('Utredningen och beräkningen av utbetalningen.');
  await form.getByRole('button', { name: 'Registrera kommuniceringen' }).click();
  const offer = page.getByRole('region', { name: 'Utfärda kommuniceringsbrev nu?' });
  await expect(offer).toBeVisible();
  await offer.getByRole('button', { name: 'Utfärda kommuniceringsbrev' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Kommuniceringsbrev är utfärdat.' })).toBeVisible();
  // Issued: nothing more is due, so the offer is gone.
  await expect(offer).toHaveCount(0);
  const documents = page.getByRole('region', { name: 'Dokument', exact: true });
  await expect(documents.getByRole('row', { name: /1\. Kommuniceringsbrev – Kommunicering 1/ })).toBeVisible();
  // The documents section alone, to look at beside the whole page.
  await documents.screenshot({ path: join(SCREENS_DIR, '25-kommuniceringsbrev-dokument.png') });
  await checkScreen(page, '25-kommuniceringsbrev');
  expect(axeOf('25-kommuniceringsbrev'), 'axe: no violation of any impact').toEqual([]);
});

async function tokenOf(request: Parameters<typeof bearer>[0]): Promise<string> {
  const res = await request.post('/api/auth/dev-token', {
    data: { user: 'utredare.farsta', role: 'investigator', districts: ['farsta'] },
  });
  return ((await res.json()) as { accessToken: string }).accessToken;
}

test('an administrator sees the templates, and one with an unknown placeholder is refused naming it', async ({
  page,
}) => {
  await signIn(page, 'admin', '/administration');
  const templates = page.getByRole('region', { name: 'Dokumentmallar' });
  const claim = templates.getByRole('region', { name: 'Beslut om återkrav', exact: true });
  await expect(claim.getByText('I bruk: Standardmallen')).toBeVisible();
  const zip = new PizZip(
    readFileSync(join(__dirname, '..', 'src', 'documents', 'templates', 'repayment-claim-decision.docx')),
  );
  const xml = zip.file('word/document.xml')!.asText();
  zip.file(
    'word/document.xml',
    xml.replace('<w:body>', '<w:body><w:p><w:r><w:t>Kundnummer: {kundnummer}</w:t></w:r></w:p>'),
  );
  await claim.getByLabel('Ny mall (DOCX)').setInputFiles({
    name: 'stadens-mall.docx',
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    buffer: zip.generate({ type: 'nodebuffer' }) as Buffer,
  });
  await claim.getByRole('button', { name: 'Ladda upp mall' }).click();
  await expect(claim.getByRole('alert')).toHaveText(
    'Mallen har platshållaren {kundnummer}, som dokumenttypen inte fyller i.',
  );
  await expect(claim.getByText('I bruk: Standardmallen')).toBeVisible();
  await checkScreen(page, '24-dokumentmallar');
  expect(axeOf('24-dokumentmallar'), 'axe: no violation of any impact').toEqual([]);
});
