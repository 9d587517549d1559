// Screenshots for the README, from the demo history: the queue page and a case page.
// Usage: EVENT_STORE_URL=sqlite:./data/demo/events.db npm run demo:load, start the service
// on that store (npm start), then: node scripts/readme-images.mjs [http://127.0.0.1:3000]
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';

const base = process.argv[2] ?? 'http://127.0.0.1:3000';
const flags = JSON.parse(readFileSync(new URL('../e2e/chromium.json', import.meta.url), 'utf8'));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? flags.executablePath,
  args: flags.args,
});
const page = await browser.newPage({
  viewport: { width: 1280, height: 900 },
  locale: 'sv-SE',
  timezoneId: 'Europe/Stockholm',
});
await page.goto(`${base}/koer`);
await page.getByLabel('Demoanvändare').selectOption('chef.farsta');
await page.getByRole('button', { name: 'Logga in' }).click();
await page.getByRole('heading', { level: 1, name: 'Köer' }).waitFor();
await page.getByRole('heading', { name: /^Uppföljning/ }).waitFor();
// The top of the page: the queue and the workload (the follow-up list below is long).
await page.setViewportSize({ width: 1280, height: 1300 });
await page.screenshot({ path: 'docs/images/koer.png' });
// A case in follow-up: claim, repayments and three-year limits.
await page
  .getByRole('heading', { name: /^Uppföljning/ })
  .locator('xpath=following-sibling::ul[1]//a')
  .first()
  .click();
await page.getByRole('heading', { name: 'Tidslinje' }).waitFor();
await page.setViewportSize({ width: 1280, height: 900 });
await page.screenshot({ path: 'docs/images/arende.png', fullPage: true });
await browser.close();
process.stdout.write('Wrote docs/images/koer.png and docs/images/arende.png\n');
