import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { checkScreen, signIn } from './support';

const EXAMPLE = join(__dirname, '..', 'examples', 'fut-register-exempel.csv');

test('the administrator dry-runs a register, reads its problems and tallies, imports it, and a second import adds nothing', async ({
  page,
}) => {
  await signIn(page, 'admin', '/importera');
  await expect(page.getByRole('heading', { level: 1, name: 'Importera register' })).toBeVisible();
  await page.getByLabel(/^Registerfil/).setInputFiles(EXAMPLE);
  await page.getByRole('button', { name: 'Provkör importen' }).click();
  await expect(page.getByRole('heading', { name: 'Provkörning: resultat' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'rader' })).toContainText('skulle importeras');
  await expect(page.getByRole('heading', { name: 'Det här läggs till i statistiken' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Rader i filen' })).toContainText('Skulle importeras');
  await checkScreen(page, '13-import-provkorning');

  await page.getByText('Provkörning (ingenting sparas)').click();
  await page.getByRole('button', { name: 'Importera', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Import: resultat' })).toBeVisible();
  const rows = page.getByRole('region', { name: 'Rader i filen' });
  await expect(rows).toContainText('Importerad');
  // An administrator cannot open cases (issue 22): the rows name them without links to pages they would not see.
  await expect(rows.getByRole('link')).toHaveCount(0);

  await page.getByRole('button', { name: 'Importera', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'rader' })).toContainText(' 0 importerade');
  await expect(rows).not.toContainText('Importerad');
  await expect(rows).toContainText('Oförändrad');
});
