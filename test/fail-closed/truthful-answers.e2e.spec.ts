import Database from 'better-sqlite3';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { devToken, freePort, health, serviceSandbox, startService } from '../support/service-process';

const FAULTS = join(__dirname, '..', 'support', 'storage-faults.js');

/** A valid personnummer (Luhn) born on the 2nd, so never kept for research. */
const PIN = '19800102-0000';

interface Attempt {
  name: string;
  status: number;
  written: boolean;
  fired: boolean;
  body: Record<string, unknown>;
}

/**
 * The built service with the disk failing right after a change's events are
 * committed (every later write of any SQLite file fails with SQLITE_FULL:
 * the stored answer of an Idempotency-Key, the audit entry, the read models,
 * keys.db, the next case of an import or a retention run). Whatever comes
 * after the append, an answer of 503 must mean that nothing was written, and
 * a success that the change is in the log; a keyed retry answers as the first
 * success and writes nothing again.
 */
describe('a 503 means nothing was written (built service, the disk fails right after the append)', () => {
  const box = serviceSandbox('fut-truthful-');

  it('answers each change as it ended: success when its events are in the log, 503 only when none are', async () => {
    const flag = join(box.dir, 'full-after-append');
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    box.child = startService(box.dir, port, {
      preload: [FAULTS],
      env: { FUT_FAULT_FULL_AFTER_APPEND: flag, CONSISTENCY_TIMEOUT_MS: '300', RETENTION_YEARS: '0' },
    });
    await health(base);
    const bearer = async (user: string, role: string, districts: string[]) => ({
      authorization: `Bearer ${await devToken(base, user, role, districts)}`,
    });
    const unitHead = await bearer('ulla.chef', 'unit-head', ['bromma']);
    const admin = await bearer('adam.admin', 'admin', []);
    const department = await bearer('doris.dept', 'department', []);
    const send = (method: string, path: string, auth: object, body?: object, headers: object = {}) =>
      fetch(`${base}${path}`, {
        method,
        headers: { ...auth, ...headers, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
    const json = async (res: Response): Promise<Record<string, unknown>> =>
      (await res.json()) as Record<string, unknown>;

    /** Events of what users change (cases, the district register, report inputs), not counters or answers. */
    const changes = (): number => {
      const log = new Database(join(box.dir, 'events.db'), { readonly: true });
      try {
        return (
          log
            .prepare(
              `SELECT COUNT(*) AS n FROM events WHERE stream_id LIKE 'case-%' OR stream_id = 'district-register'
                 OR stream_id LIKE 'report-texts-%' OR stream_id LIKE 'post-checks-%'`,
            )
            .get() as { n: number }
        ).n;
      } finally {
        log.close();
      }
    };
    /** The fault lifted, the read models caught up with the log. */
    const settled = async (): Promise<void> => {
      for (let i = 0; i < 400; i++) {
        const h = await health(base);
        if (h.status === 'ok' && h.projections.every((p) => p.checkpoint >= h.eventStore.headPosition)) return;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error('the read models did not catch up');
    };
    const attempts: Attempt[] = [];
    /** Sends a change with the disk failing right after the first append to a stream starting with `prefix`. */
    const attempt = async (name: string, prefix: string, request: () => Promise<Response>): Promise<Attempt> => {
      const before = changes();
      writeFileSync(flag, prefix);
      const res = await request();
      const body = await json(res);
      const fired = existsSync(`${flag}.fired`);
      rmSync(flag);
      rmSync(`${flag}.fired`, { force: true });
      await settled();
      const a = { name, status: res.status, written: changes() > before, fired, body };
      attempts.push(a);
      return a;
    };
    const registration = (pin?: string) => ({
      district: 'bromma',
      receivedOn: '2018-03-01',
      source: 'caseworker',
      subject: pin ? { personalIdentityNumber: pin } : { gender: 'unknown' },
    });
    const register = async (body: object): Promise<string> => {
      const res = await send('POST', '/api/cases', unitHead, body);
      expect(res.status).toBe(201);
      return (await json(res)).id as string;
    };
    // The person has an open case already: the registration's answer lists it.
    const earlier = await register(registration(PIN));
    const stepCase = await register(registration());

    await attempt('registration', 'case-', () => send('POST', '/api/cases', unitHead, registration()));
    const keyedRegistration = await attempt('keyed registration', 'case-', () =>
      send('POST', '/api/cases', unitHead, registration(), { 'idempotency-key': 'reg-1' }),
    );
    const withPin = await attempt('registration with a personnummer', 'case-', () =>
      send('POST', '/api/cases', unitHead, registration(PIN)),
    );
    await attempt('keyed registration with a personnummer', 'case-', () =>
      send('POST', '/api/cases', unitHead, registration(PIN), { 'idempotency-key': 'reg-2' }),
    );
    const note = { notedOn: '2018-03-02', kind: 'note', text: 'Samtal' };
    await attempt('step', 'case-', () => send('POST', `/api/cases/${stepCase}/journal`, unitHead, note));
    const keyedStep = await attempt('keyed step', 'case-', () =>
      send('POST', `/api/cases/${stepCase}/journal`, unitHead, note, { 'idempotency-key': 'step-1' }),
    );
    await attempt('district added', 'district-register', () =>
      send('POST', '/api/districts', admin, {
        code: 'nya-staden',
        name: 'Nya staden',
        prefix: 'NYA',
        validFrom: '2030-01-01',
      }),
    );
    await attempt('report texts', 'report-texts-', () =>
      send('PUT', '/api/reports/annual/2018/texts', department, {
        texts: {
          introduction: 'Inledning',
          premises: 'Förutsättningar',
          cityWork: 'Arbetet',
          analysis: 'Analys',
          issuer: 'Nämnden',
        },
      }),
    );
    await attempt('post-check', 'post-checks-', () =>
      send('PUT', '/api/statistics/post-checks/2018/bromma', department, {
        checked: 10,
        withTaxedIncome: 2,
        passedOn: 1,
      }),
    );
    const csv = [
      'Ärendenummer;Inkommen;Stadsdelsnämnd;Kön;Källa',
      'R-1;2018-02-01;Bromma;Kvinna;Efterkontroll',
      'R-2;2018-02-02;Bromma;Man;Efterkontroll',
    ].join('\r\n');
    const imported = await attempt('import', 'case-', () => {
      const form = new FormData();
      form.append('file', new Blob([Buffer.from(`${csv}\r\n`, 'utf8')]), 'register.csv');
      return fetch(`${base}/api/imports`, { method: 'POST', headers: admin, body: form });
    });
    // Two closed cases of two people: due at once with RETENTION_YEARS=0.
    const due: string[] = [];
    for (let i = 0; i < 2; i++) {
      const id = await register(registration());
      const steps: Array<[string, object]> = [
        ['assessment', { decidedOn: '2018-03-02', decision: 'no-investigation', reason: 'no-grounds' }],
        ['closure', { closedOn: '2018-03-03', reason: 'no-action' }],
      ];
      for (const [step, body] of steps)
        expect((await send('POST', `/api/cases/${id}/${step}`, unitHead, body)).status).toBe(200);
      due.push(id);
    }
    const retention = await attempt('retention run', 'case-', () =>
      send('POST', '/api/retention/runs', admin, { dryRun: false }),
    );

    // Every attempt met the fault, and its answer says what happened to the change.
    const report = attempts.map(({ name, status, written, fired }) => ({ name, status, written, fired }));
    process.stdout.write(`disk failing after the append:\n${report.map((a) => `  ${JSON.stringify(a)}`).join('\n')}\n`);
    const answer = (status: number): string =>
      status === 503 ? 'nothing written' : status < 300 ? 'done' : String(status);
    expect(report.map((a) => ({ name: a.name, fired: a.fired, answer: answer(a.status) }))).toEqual(
      report.map((a) => ({ name: a.name, fired: true, answer: a.written ? 'done' : 'nothing written' })),
    );

    // The registration's answer still lists the person's other open case.
    expect(withPin.body.relatedOpenCases).toEqual([expect.objectContaining({ id: earlier })]);
    // The import and the retention run say what they did before the disk failed, and that they did not finish.
    expect(imported.body.summary).toMatchObject({ rows: 2, imported: 1, failed: 1 });
    const importReport = await json(await send('GET', `/api/imports/${String(imported.body.id)}/report`, admin));
    expect(importReport.rows).toEqual([
      expect.objectContaining({ key: 'R-1', status: 'imported' }),
      expect.objectContaining({
        key: 'R-2',
        status: 'failed',
        problems: [expect.objectContaining({ code: 'storage-unavailable' })],
      }),
    ]);
    expect(retention.body).toMatchObject({ culled: 1, complete: false });

    // Keyed retries answer as the first success and write nothing.
    for (const [first, path, body, key] of [
      [keyedRegistration, '/api/cases', registration(), 'reg-1'],
      [keyedStep, `/api/cases/${stepCase}/journal`, note, 'step-1'],
    ] as const) {
      const before = changes();
      const retry = await send('POST', path, unitHead, body, { 'idempotency-key': key });
      expect({ status: retry.status, body: await json(retry) }).toEqual({ status: first.status, body: first.body });
      expect(changes()).toBe(before);
    }
    // The interrupted run is finished by the next: both cases culled, their keys shredded.
    const again = await json(await send('POST', '/api/retention/runs', admin, { dryRun: false }));
    expect(again).toMatchObject({ culled: 2, complete: true });
    for (const id of due) {
      const view = await json(await send('GET', `/api/cases/${id}`, unitHead));
      expect(view.personalData).toBe('culled');
    }
    expect((await json(await send('GET', '/api/retention/due', admin))).due).toEqual([]);
  }, 120_000);
});
