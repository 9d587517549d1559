import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { createApp } from '../../src/app.factory';
import { loadConfig } from '../../src/config/config';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port';
import { FixedClock } from '../../src/infrastructure/clock';

export interface TestApp {
  app: INestApplication;
  http: TestAgent;
  clock: FixedClock;
  dir: string;
  /** Number of events in the log: a refused command must leave it unchanged. */
  eventCount(): Promise<number>;
  close(): Promise<void>;
}

/** The real application on a temporary SQLite file, with the clock set to a chosen day. */
export async function startTestApp(now = '2019-06-28T10:00:00+02:00'): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'fut-e2e-'));
  const config = loadConfig({ EVENT_STORE_URL: `sqlite:${join(dir, 'events.db')}`, LOG_LEVEL: 'silent', PORT: '0' });
  const clock = new FixedClock(new Date(now));
  const app = await createApp(config, { clock });
  await app.init();
  const store = app.get<EventStore>(EVENT_STORE);
  return {
    app,
    http: request(app.getHttpServer()),
    clock,
    dir,
    eventCount: async () => (await store.readAll(0, 1_000_000)).length,
    close: async () => {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
