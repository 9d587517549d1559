import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { CaseCommands } from '../src/cases/application/case-commands.service';
import { caseStreamId } from '../src/cases/application/case-stream';
import { EVENT_STORE, type EventStore } from '../src/event-store/event-store.port';
import { type TestApp, startTestApp } from './support/test-app';

/**
 * Each service keeps the case states it folded (CaseStates). Two services on
 * one store, a conflict between them, and a restart must never see a case
 * older than its stream.
 */
describe('folded case states kept by two services on one store', () => {
  let a: TestApp;
  let b: TestApp;
  let id: string;

  beforeEach(async () => {
    a = await startTestApp();
    // The second service: same events, keys and audit files, its own read models.
    b = await startTestApp(
      undefined,
      { READ_MODEL_URL: `sqlite:${join(a.dir, 'read-models-b.db')}` },
      undefined,
      a.dir,
    );
    const created = await a.http
      .post('/api/cases')
      .send({ district: 'farsta', receivedOn: '2018-02-01', source: 'public', subject: { gender: 'man' } });
    expect(created.status).toBe(201);
    id = created.body.id as string;
  });
  afterEach(async () => {
    await b.close();
    await a.close();
  });

  const note = (t: TestApp, text: string, ifMatch?: number) => {
    const req = t.http.post(`/api/cases/${id}/journal`);
    if (ifMatch !== undefined) req.set('If-Match', `"${ifMatch}"`);
    return req.send({ notedOn: '2018-02-02', kind: 'note', text });
  };
  const read = async (t: TestApp) => {
    const res = await t.http.get(`/api/cases/${id}`);
    expect(res.status).toBe(200);
    return res.body as { version: number; journal: Array<{ text: string }> };
  };

  it("each reads and decides on the other's steps, with versions that follow on", async () => {
    expect((await read(a)).version).toBe(0); // a keeps the case at version 0
    expect((await note(b, 'från b')).body.version).toBe(1);
    const seen = await read(a);
    expect(seen.version).toBe(1);
    expect(seen.journal.map((j) => j.text)).toEqual(['från b']);
    // A step without If-Match is decided on the case as it is now, not as a kept.
    expect((await note(a, 'från a')).body.version).toBe(2);
    expect((await note(b, 'från b igen')).body.version).toBe(3);
    expect((await read(a)).journal.map((j) => j.text)).toEqual(['från b', 'från a', 'från b igen']);
    // If-Match with the version a saw before b's last step is stale on a too.
    const stale = await note(a, 'för sent', 2);
    expect(stale.status).toBe(412);
    expect(stale.body.currentVersion).toBe(3);
  });

  it('a conflict between them is decided again on the stream as it is', async () => {
    await read(a);
    const storeA = a.app.get<EventStore>(EVENT_STORE);
    const append = storeA.append.bind(storeA);
    let interleaved = false;
    // b appends between a's load and a's append, so a's first append meets a newer revision.
    jest.spyOn(storeA, 'append').mockImplementation(async (streamId, events, expected) => {
      if (!interleaved && streamId === caseStreamId(id)) {
        interleaved = true;
        expect((await note(b, 'b hann före')).body.version).toBe(1);
      }
      return append(streamId, events, expected);
    });
    const res = await note(a, 'a efter');
    expect(interleaved).toBe(true);
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(2);
    jest.restoreAllMocks();
    expect((await read(a)).journal.map((j) => j.text)).toEqual(['b hann före', 'a efter']);
    expect((await read(b)).journal.map((j) => j.text)).toEqual(['b hann före', 'a efter']);
  });

  it("a keyed retry reaching the other service finds the first attempt's events and writes nothing", async () => {
    await read(a);
    const options = { actor: 'anna.utredare', idempotency: { key: 'seed-of-a-lost-answer', requestHash: 'h1' } };
    const command = {
      type: 'AddJournalEntry',
      data: { notedOn: '2018-02-02', kind: 'note', text: 'en gång' },
    } as const;
    // The first attempt on b; its answer is lost before the answer record is written.
    const first = await b.app.get(CaseCommands).execute(id, command, options);
    const events = await a.eventCount();
    const retry = await a.app.get(CaseCommands).execute(id, command, options);
    expect(retry).toEqual(first);
    expect(await a.eventCount()).toBe(events);
    await expect(
      a.app.get(CaseCommands).execute(id, command, {
        actor: 'anna.utredare',
        idempotency: { key: 'seed-of-a-lost-answer', requestHash: 'another request' },
      }),
    ).rejects.toThrow(/Idempotency-Key/);
  });

  it('a restarted service reads what was appended while it was down', async () => {
    expect((await note(a, 'före omstart')).body.version).toBe(1);
    await read(a);
    const first = a;
    await first.app.close();
    expect((await note(b, 'under tiden')).body.version).toBe(2);
    const restarted = await startTestApp(undefined, {}, undefined, first.dir);
    // afterEach closes it and removes the directory, as it would have the first.
    a = {
      ...restarted,
      close: () => restarted.close().then(() => rmSync(first.dir, { recursive: true, force: true })),
    };
    const seen = await read(a);
    expect(seen.version).toBe(2);
    expect(seen.journal.map((j) => j.text)).toEqual(['före omstart', 'under tiden']);
  });
});
