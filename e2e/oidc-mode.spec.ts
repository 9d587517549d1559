import { expect, test } from '@playwright/test';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { checkScreen, signOut } from './support';

/**
 * Production mode: the service configured for an external OpenID provider
 * (OIDC_ISSUER, OIDC_CLIENT_ID, ...), here a real oidc-provider started by the
 * test on its own port, not the service's embedded one.
 */
const root = join(__dirname, '..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

let provider: Server;
let service: ChildProcess;
let dir: string;
let serviceUrl: string;

test.beforeAll(async () => {
  const [idpPort, servicePort] = [await freePort(), await freePort()];
  serviceUrl = `http://127.0.0.1:${servicePort}`;
  const issuer = `http://127.0.0.1:${idpPort}/dev-idp`;
  // The built provider module (a real oidc-provider with demo users) serves as the city's identity provider.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const idp = require(join(root, 'dist/session/dev-provider.js')) as typeof import('../src/session/dev-provider');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const districts = require(
    join(root, 'dist/districts/district-register.js'),
  ) as typeof import('../src/districts/district-register');
  const app = express();
  app.use(
    '/dev-idp',
    idp.devProviderRouter({
      issuer,
      redirectUri: `${serviceUrl}/api/auth/callback`,
      register: districts.DistrictRegister.default(),
      now: () => new Date(),
    }),
  );
  await new Promise<void>((resolve) => (provider = app.listen(idpPort, '127.0.0.1', () => resolve())));

  dir = mkdtempSync(join(tmpdir(), 'fut-oidc-mode-'));
  service = spawn(process.execPath, [join(root, 'dist/main.js')], {
    env: {
      ...process.env,
      PORT: String(servicePort),
      HOST: '127.0.0.1',
      EVENT_STORE_URL: `sqlite:${join(dir, 'events.db')}`,
      LOG_LEVEL: 'warn',
      MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
      OIDC_ISSUER: issuer,
      OIDC_AUDIENCE: 'fut-case-service',
      OIDC_JWKS_URL: `${issuer}/jwks`,
      OIDC_CLIENT_ID: 'fut-web',
      OIDC_CLIENT_SECRET: idp.DEV_CLIENT_SECRET,
      OIDC_SCOPES: 'openid fut',
      PUBLIC_URL: serviceUrl,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 100; i++) {
    const up = await fetch(`${serviceUrl}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the service did not start in OIDC mode');
});

test.afterAll(async () => {
  service?.kill();
  await new Promise((r) => provider?.close(r));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('in OIDC mode a unit head signs in at the external provider, and the development issuer is gone', async ({
  page,
}) => {
  expect((await fetch(`${serviceUrl}/api/auth/dev-token`, { method: 'POST' })).status).toBe(404);
  await page.goto(`${serviceUrl}/koer`);
  await page.waitForURL((url) => url.port !== new URL(serviceUrl).port);
  await page.getByLabel('Demoanvändare').selectOption('chef.farsta');
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.waitForURL(`${serviceUrl}/koer`);
  await expect(page.getByRole('heading', { level: 1, name: 'Köer' })).toBeVisible();
  await expect(page.getByText('chef.farsta (Enhetschef)')).toBeVisible();
  await checkScreen(page, '11-koer-oidc-lage');
  await signOut(page);
  await expect(page.getByRole('heading', { name: 'Du är utloggad' })).toBeVisible();
  expect(await page.evaluate(async () => (await fetch('/api/session')).status)).toBe(401);
});
