import type { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createApp } from '../app.factory';
import { loadConfig } from '../config/config';
import type { Clock } from '../infrastructure/clock';

/** The real service on a store in `root`, listening on a free local port, with limits no benchmark reaches. */
export async function startBenchApp(
  root: string,
  options: { clock?: Clock; env?: NodeJS.ProcessEnv } = {},
): Promise<{ app: INestApplication; base: string }> {
  const config = loadConfig({
    EVENT_STORE_URL: `sqlite:${join(root, 'events.db')}`,
    LOG_LEVEL: 'silent',
    PORT: '0',
    WRITES_PER_MINUTE: '100000000',
    READS_PER_MINUTE: '100000000',
    UNAUTHENTICATED_PER_MINUTE: '100000000',
    ...options.env,
  });
  const app = await createApp(config, { clock: options.clock });
  await app.listen(0, '127.0.0.1');
  return { app, base: `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}` };
}

/** A development token for a benchmark user. */
export async function benchToken(base: string, user: string, role: string, districts: string[]): Promise<string> {
  const res = await fetch(`${base}/api/auth/dev-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user, role, districts }),
  });
  return ((await res.json()) as { accessToken: string }).accessToken;
}
