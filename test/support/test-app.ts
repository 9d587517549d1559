import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { createApp } from '../../src/app.factory';
import { AUDIT_ANCHORED } from '../../src/audit/audit-anchors';
import { loadConfig } from '../../src/config/config';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port';
import { FixedClock } from '../../src/infrastructure/clock';
import type { Role } from '../../src/auth/principal';
import { DistrictRegister } from '../../src/districts/district-register';

export interface TestApp {
  app: INestApplication;
  /** Signed in as anna.utredare, unit head with every district. */
  http: TestAgent;
  /** Signed in as someone else. */
  as(user: string, role: Role, districts?: string[]): Promise<TestAgent>;
  token(user: string, role: Role, districts?: string[]): Promise<string>;
  clock: FixedClock;
  dir: string;
  /**
   * Number of events in the log: a refused command must leave it unchanged. The audit
   * chain's anchors are left out: they follow any audited request within seconds.
   */
  eventCount(): Promise<number>;
  close(): Promise<void>;
}

/** The real application on a temporary SQLite file, with the clock set to a chosen day. */
export async function startTestApp(
  now = '2019-06-28T10:00:00+02:00',
  env: Record<string, string> = {},
  logDestination?: NodeJS.WritableStream,
  /** Start on the files of an earlier app (a restart); the caller then removes the directory. */
  reuseDir?: string,
): Promise<TestApp> {
  const dir = reuseDir ?? mkdtempSync(join(tmpdir(), 'fut-e2e-'));
  const config = loadConfig({
    EVENT_STORE_URL: `sqlite:${join(dir, 'events.db')}`,
    LOG_LEVEL: 'silent',
    PORT: '0',
    WRITES_PER_MINUTE: '100000',
    READS_PER_MINUTE: '100000',
    UNAUTHENTICATED_PER_MINUTE: '100000',
    ...env,
  });
  const clock = new FixedClock(new Date(now));
  const app = await createApp(config, { clock, logDestination: logDestination as never });
  try {
    await app.init();
  } catch (error) {
    await app.close().catch(() => undefined);
    if (!reuseDir) rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const store = app.get<EventStore>(EVENT_STORE);
  const allDistricts = DistrictRegister.default().districts.map((d) => d.code);
  const token = async (user: string, role: Role, districts: string[] = allDistricts): Promise<string> => {
    const res = await request(app.getHttpServer()).post('/api/auth/dev-token').send({ user, role, districts });
    if (res.status !== 200) throw new Error(`dev-token: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.accessToken as string;
  };
  const as = async (user: string, role: Role, districts?: string[]): Promise<TestAgent> =>
    request.agent(app.getHttpServer()).set('Authorization', `Bearer ${await token(user, role, districts)}`);
  let http: TestAgent;
  try {
    http = await as('anna.utredare', 'unit-head');
  } catch (error) {
    await app.close();
    if (!reuseDir) rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    app,
    http,
    as,
    token,
    clock,
    dir,
    eventCount: async () => (await store.readAll(0, 1_000_000)).filter((e) => e.type !== AUDIT_ANCHORED).length,
    close: async () => {
      await app.close();
      if (!reuseDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
