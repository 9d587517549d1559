import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// Debian's Chromium and the flags it needs on a machine without outside network (shared with scripts/).
import chromium from './e2e/chromium.json';

/**
 * Browser tests: the built service (dist/, web/dist/) on a random port with the
 * demo history loaded, driven in Debian's Chromium (Playwright's own browser
 * download cannot reach its host here). Workers inherit the port through the environment.
 */
process.env.E2E_PORT ??= String(40000 + Math.floor(Math.random() * 20000));
process.env.E2E_DATA ??= mkdtempSync(join(tmpdir(), 'fut-e2e-browser-'));
const port = Number(process.env.E2E_PORT);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/playwright',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list'], ['json', { outputFile: 'test-results/playwright.json' }]] : [['list']],
  use: {
    baseURL,
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
    // axe-core is injected as a script; the service's CSP (script-src 'self') would refuse it.
    bypassCSP: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? chromium.executablePath,
      args: chromium.args,
    },
  },
  webServer: {
    command: 'node dist/cli/demo-load.js && node dist/main.js',
    url: `${baseURL}/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      EVENT_STORE_URL: `sqlite:${join(process.env.E2E_DATA, 'events.db')}`,
      LOG_LEVEL: 'warn',
      WRITES_PER_MINUTE: '10000',
      READS_PER_MINUTE: '100000',
      UNAUTHENTICATED_PER_MINUTE: '10000',
      SESSION_IDLE_MINUTES: '30',
    },
  },
});
