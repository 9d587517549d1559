import { devToken, freePort, health, kill, serviceSandbox, startService } from './support/service-process';

/**
 * The built service in a real child process, killed with SIGKILL while
 * registrations are in flight: every acknowledged registration must be there
 * after a restart, and the projections must resume from their checkpoints.
 */
describe('durability across SIGKILL (built service in a child process)', () => {
  const box = serviceSandbox('fut-kill-');

  it('loses no acknowledged append, and projections resume from their checkpoints', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    box.child = startService(box.dir, port);
    await health(base);

    const token = (): Promise<string> => devToken(base, 'kill.test', 'unit-head', ['bromma']);
    let auth = { authorization: `Bearer ${await token()}` };
    const acknowledged: string[] = [];
    let stop = false;
    const writer = async (): Promise<void> => {
      while (!stop) {
        try {
          const res = await fetch(`${base}/api/cases`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...auth },
            body: JSON.stringify({
              district: 'bromma',
              receivedOn: '2018-03-01',
              source: 'caseworker',
              subject: { gender: 'unknown' },
            }),
          });
          if (res.status !== 201) throw new Error(`registration answered ${res.status}`);
          acknowledged.push(((await res.json()) as { id: string }).id);
        } catch (error) {
          if (error instanceof Error && error.message.startsWith('registration answered')) throw error;
          return; // the service died under us: that answer was never acknowledged
        }
      }
    };
    let failed: unknown;
    const writers = [writer(), writer(), writer(), writer()].map((w) => w.catch((e: unknown) => (failed = e)));
    while (acknowledged.length < 60 && !failed) await new Promise((r) => setTimeout(r, 5));
    if (failed) throw failed;
    const before = await health(base);
    await kill(box.child);
    stop = true;
    await Promise.all(writers);
    const acknowledgedBeforeKill = [...acknowledged];

    box.child = startService(box.dir, port);
    const after = await health(base);
    // The development issuer's key lives in the data directory, so this token is another of the same issuer.
    auth = { authorization: `Bearer ${await token()}` };
    const checkpointBefore = before.projections.find((p) => p.name === 'case-list')!.checkpoint;
    const resumedAt = after.projections.find((p) => p.name === 'case-list')!.checkpoint;
    expect(checkpointBefore).toBeGreaterThan(0);
    // Resumed from the stored checkpoint (not from zero), and the log kept everything before it.
    expect(resumedAt).toBeGreaterThanOrEqual(checkpointBefore);
    expect(after.eventStore.headPosition).toBeGreaterThanOrEqual(before.eventStore.headPosition);

    for (const id of acknowledgedBeforeKill) {
      const res = await fetch(`${base}/api/cases/${id}`, { headers: auth });
      expect(res.status).toBe(200);
    }
    const list = (await (await fetch(`${base}/api/cases?district=bromma&pageSize=500`, { headers: auth })).json()) as {
      total: number;
      items: Array<{ id: string }>;
    };
    const listed = new Set(list.items.map((c) => c.id));
    expect(acknowledgedBeforeKill.every((id) => listed.has(id))).toBe(true);
    expect(listed.size).toBe(list.total);
  });
});
