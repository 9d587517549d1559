import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bearer, today } from './api';
import { SCREENS_DIR, checkScreen, signIn, timelineEntry } from './support';

/** A small PDF (the service reads only its first bytes to know it is one). */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Title (Kontoutdrag mars) >> endobj\ntrailer << >>\n%%EOF\n');
/** A Windows executable's first bytes, renamed to look like a PDF. */
const EXE = Buffer.concat([Buffer.from('4d5a90000300000004000000ffff0000', 'hex'), Buffer.alloc(2048, 0x90)]);

test('an investigator adds evidence to a case, sees it listed, downloads it byte for byte, and a renamed executable is refused', async ({
  page,
  request,
}) => {
  const api = await bearer(request, 'utredare.farsta', 'investigator', ['farsta']);
  const c = await api.post('/api/cases', {
    district: 'farsta',
    receivedOn: today(),
    source: 'public',
    subject: { personalIdentityNumber: '19811218-9876', name: 'Testa Testsson' },
  });
  await signIn(page, 'utredare.farsta', `/arenden/${c.id}`);
  const section = page.getByRole('region', { name: 'Bilagor' });
  await expect(section.getByText('Inga bilagor.')).toBeVisible();
  const form = page.getByRole('region', { name: 'Lägg till bilaga' });

  // A renamed executable: refused by its content, with the Swedish message at the file field.
  await form.getByLabel('Fil').setInputFiles({ name: 'kontoutdrag.pdf', mimeType: 'application/pdf', buffer: EXE });
  await form.getByRole('button', { name: 'Lägg till bilaga' }).click();
  const refusal = form.getByRole('alert');
  await expect(refusal).toHaveText(/Filen kan inte sparas som bilaga\. Bara PDF, JPEG, PNG, Word \(DOCX\) och Excel/);
  await expect(form.getByLabel('Fil')).toHaveAttribute('aria-invalid', 'true');
  await expect(section.getByText('Inga bilagor.')).toBeVisible();
  await checkScreen(page, '20-bilagor-vagrad');

  // A file over 25 MB is stopped before it is sent, with the service's own words.
  await form.getByLabel('Fil').setInputFiles({
    name: 'stor.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.concat([PDF, Buffer.alloc(26 * 1024 * 1024, 0x20)]),
  });
  await form.getByRole('button', { name: 'Lägg till bilaga' }).click();
  await expect(form.getByRole('alert')).toHaveText('Filen är för stor. En bilaga får vara högst 25 MB.');

  // A PDF with a description: saved, listed with who added it and when.
  await form
    .getByLabel('Fil')
    .setInputFiles({ name: 'Kontoutdrag mars.pdf', mimeType: 'application/pdf', buffer: PDF });
  await form.getByLabel('Beskrivning').fill('Kontoutdrag från banken, mars');
  await form.getByRole('button', { name: 'Lägg till bilaga' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Bilagan Kontoutdrag mars.pdf är sparad.' })).toBeVisible();
  const row = section.getByRole('row', { name: /Kontoutdrag mars\.pdf/ });
  await expect(row.getByRole('cell').nth(1)).toHaveText('PDF-dokument');
  await expect(row.getByRole('cell').nth(3)).toHaveText('Kontoutdrag från banken, mars');
  await expect(row.getByRole('cell').nth(4)).toHaveText(today());
  await expect(row.getByRole('cell').nth(5)).toHaveText('utredare.farsta');
  await expect(timelineEntry(page, 'Bilaga tillagd')).toBeVisible();
  await checkScreen(page, '21-bilagor');
  const axe = JSON.parse(readFileSync(join(SCREENS_DIR, '21-bilagor.axe.json'), 'utf8')) as unknown[];
  expect(axe, 'axe: no violation of any impact').toEqual([]);
  expect(JSON.parse(readFileSync(join(SCREENS_DIR, '20-bilagor-vagrad.axe.json'), 'utf8'))).toEqual([]);

  // Downloaded through the page, byte for byte, under its name.
  const downloading = page.waitForEvent('download');
  await row.getByRole('button', { name: 'Ladda ner Kontoutdrag mars.pdf' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('Kontoutdrag mars.pdf');
  const saved = readFileSync((await download.path())!);
  expect(Buffer.compare(saved, PDF)).toBe(0);
  // The page's address names the case by its id only; the file's name is in no URL.
  expect(page.url()).not.toContain('Kontoutdrag');
});
