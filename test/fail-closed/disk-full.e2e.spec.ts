import Database from 'better-sqlite3';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { registrationCaseId } from '../../src/cases/application/case-command-handlers';
import { devToken, freePort, health, serviceSandbox, startService } from '../support/service-process';

const FAULTS = join(__dirname, '..', 'support', 'storage-faults.js');
const RUNS = 3;

/**
 * The built service with every SQLite file capped at its size while writers
 * register cases (SQLITE_FULL, as on a full disk), then the cap lifted. No
 * answer may be a 500, afterwards every case in the log is in the case list,
 * without a restart, and every keyed registration answered 503 is not in the
 * log (its case id follows from its key), every one answered 201 is.
 */
describe('a full disk (built service in a child process, SQLITE_FULL injected)', () => {
  const box = serviceSandbox('fut-full-');

  it('answers 503 storage-unavailable, never 500, and loses no stored case from the read models', async () => {
    const flag = join(box.dir, 'disk-full');
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    box.child = startService(box.dir, port, { preload: [FAULTS], env: { FUT_FAULT_DISK_FULL: flag } });
    await health(base);
    const auth = { authorization: `Bearer ${await devToken(base, 'full.test', 'unit-head', ['bromma'])}` };
    const statuses = new Map<number, number>();
    const codes = new Set<string>();
    let retryAfter = true;
    let sawFailingProjection = false;
    let missingOverRuns = 0;
    /** /health while writes were answered 503: its status and the storage fault it named. */
    const healthWhileFull: string[] = [];
    /** Keyed registrations by the answer they got. */
    const keyed: Array<{ key: string; status: number }> = [];
    let sent = 0;
    for (let run = 0; run < RUNS; run++) {
      let writing = true;
      let refusedAt = 0;
      // While /health is asked below, no write is under way: a write that still fits in the file's free
      // pages would succeed and rightly clear the fault, which would make the answer a matter of timing.
      let paused = false;
      let inFlight = 0;
      const writer = async (): Promise<void> => {
        while (writing) {
          if (paused) {
            await new Promise((r) => setTimeout(r, 20));
            continue;
          }
          inFlight++;
          const key = sent++ % 2 === 0 ? `full-${sent}` : undefined;
          const res = await fetch(`${base}/api/cases`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...auth, ...(key ? { 'idempotency-key': key } : {}) },
            body: JSON.stringify({
              district: 'bromma',
              receivedOn: '2018-03-01',
              source: 'caseworker',
              subject: { gender: 'unknown' },
              summary: 'x'.repeat(400), // grows the files quickly
            }),
          });
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (key) keyed.push({ key, status: res.status });
          if (res.status === 503) {
            refusedAt ||= Date.now();
            codes.add(((await res.json()) as { code: string }).code);
            retryAfter &&= res.headers.get('retry-after') === '5';
          } else await res.arrayBuffer();
          inFlight--;
        }
      };
      const writers = [writer(), writer(), writer()];
      await new Promise((r) => setTimeout(r, 300));
      writeFileSync(flag, 'full');
      for (let i = 0; i < 200 && !refusedAt; i++) await new Promise((r) => setTimeout(r, 25));
      expect(refusedAt).toBeGreaterThan(0);
      paused = true;
      while (inFlight > 0) await new Promise((r) => setTimeout(r, 10));
      // Writes were refused and none is under way: /health must say the storage refuses writes.
      for (let i = 0; i < 12; i++) {
        const res = await fetch(`${base}/health`);
        const h = (await res.json()) as {
          projections: Array<{ state: string }>;
          storage?: { writable: boolean; error?: string };
        };
        if (h.projections.some((p) => p.state === 'failed')) sawFailingProjection = true;
        healthWhileFull.push(`${res.status} writable=${h.storage?.writable} ${h.storage?.error}`);
        await new Promise((r) => setTimeout(r, 25));
      }
      paused = false;
      await new Promise((r) => setTimeout(r, 300));
      rmSync(flag);
      await new Promise((r) => setTimeout(r, 400));
      writing = false;
      await Promise.all(writers);

      // Recovered without a restart: the read models reach the head of the log.
      let h = await health(base);
      for (
        let i = 0;
        i < 200 && (h.status !== 'ok' || h.projections.some((p) => p.checkpoint < h.eventStore.headPosition));
        i++
      ) {
        await new Promise((r) => setTimeout(r, 50));
        h = await health(base);
      }
      expect(h.status).toBe('ok');
      const log = new Database(join(box.dir, 'events.db'), { readonly: true });
      const inLog = new Set(
        (
          log.prepare("SELECT stream_id AS s FROM events WHERE type = 'CaseRegistered'").all() as Array<{ s: string }>
        ).map((r) => r.s.slice('case-'.length)),
      );
      log.close();
      const listed = new Set<string>();
      for (let page = 1; ; page++) {
        const res = await fetch(`${base}/api/cases?district=bromma&pageSize=500&page=${page}`, { headers: auth });
        const body = (await res.json()) as { items: Array<{ id: string }> };
        body.items.forEach((c) => listed.add(c.id));
        if (body.items.length < 500) break;
      }
      const missing = [...inLog].filter((id) => !listed.has(id));
      missingOverRuns += missing.length;
      expect(missing).toEqual([]);
      expect(listed.size).toBe(inLog.size);
      // A 503 means nothing was written; a 201 that the case is in the log.
      const untrue = keyed
        .filter(({ key, status }) => (status === 503) === inLog.has(registrationCaseId('full.test', key)))
        .map(({ key, status }) => `${key}: ${status}`);
      expect(untrue).toEqual([]);
    }
    expect(statuses.get(500) ?? 0).toBe(0);
    expect(statuses.get(503) ?? 0).toBeGreaterThan(0);
    expect(statuses.get(201) ?? 0).toBeGreaterThan(0);
    expect([...statuses.keys()].sort()).toEqual([201, 503]);
    expect([...codes]).toEqual(['storage-unavailable']);
    expect(retryAfter).toBe(true);
    expect(healthWhileFull.length).toBeGreaterThan(RUNS * 10);
    expect([...new Set(healthWhileFull)]).toEqual(['503 writable=false SQLITE_FULL']);
    process.stdout.write(
      `disk full: ${RUNS} runs, answers ${JSON.stringify(Object.fromEntries(statuses))} (${keyed.length} keyed, ${keyed.filter((k) => k.status === 503).length} of them 503), projection seen failing: ${sawFailingProjection}, cases missing from read models: ${missingOverRuns}\n`,
    );
  }, 120_000);
});
