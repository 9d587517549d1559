import type { INestApplicationContext } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { RegisterCase, type RequestMeta, RunCaseCommand } from '../cases/application/case-command-handlers';
import { seededRandom } from './apportion';
import { buildDemoPlan } from './demo-plan';
import type { EventStore } from '../event-store/event-store.port';
import { isCaseStream } from '../cases/application/case-stream';
import { StaffDirectory } from '../staff/staff-directory';
import { recordingTimes } from './recording-times';
import { ReportInputs } from '../statistics/report/report-inputs.service';
import { POST_CHECKS_2018 } from './stockholm-2018';

const ACTOR = 'demo-loader';
/** The demo's history was written down by the end of this day (its newest recording day). */
const RECORDED_BY = '2019-01-06';
const CONCURRENT_CASES = 8;

function meta(recordedAt: string): RequestMeta {
  return { actor: ACTOR, requestHash: '', correlationId: randomUUID(), recordedAt };
}

/**
 * Writes the demo history through the command bus, exactly as the API does
 * (recorded at plausible times a few days after each business date):
 * registrations first, in date order (so case numbers follow the dates), then
 * each case's steps in order, several cases at a time.
 */
export async function loadDemo(
  app: INestApplicationContext,
  onProgress?: (done: number, total: number) => void,
): Promise<{ cases: number; commands: number }> {
  const bus = app.get(CommandBus);
  const plan = buildDemoPlan();
  // Each step is recorded a few days after its business date, so "as known on" figures can be shown on the demo.
  const random = seededRandom(20190115);
  const times = plan.map((c) => recordingTimes(c, random, RECORDED_BY));
  const total = plan.length + plan.reduce((s, c) => s + c.steps.length, 0);
  let done = 0;
  // The staff register: the demo's investigators are known in the districts of the cases they get.
  const staff = new Map<string, Set<string>>();
  for (const c of plan)
    for (const step of c.steps)
      if (step.type === 'AssignInvestigator')
        staff.set(step.data.investigator, (staff.get(step.data.investigator) ?? new Set()).add(c.district));
  const directory = app.get(StaffDirectory);
  for (const [user, districts] of staff)
    await directory.register({ user, role: 'investigator', districts: [...districts] }, ACTOR);
  const ids: string[] = [];
  for (const c of plan) {
    const body: RegisterCase['body'] = {
      district: c.district,
      receivedOn: c.receivedOn,
      source: c.source,
      subject: { gender: c.gender },
      ...(c.notifyingAuthority ? { notifyingAuthority: c.notifyingAuthority } : {}),
      ...(c.suspectedPayments ? { suspectedPayments: c.suspectedPayments } : {}),
    };
    const answer = await bus.execute(new RegisterCase(body, meta(times[ids.length].registration)));
    ids.push(answer.body.id as string);
    onProgress?.(++done, total);
  }
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < plan.length) {
      const i = next++;
      for (const [k, step] of plan[i].steps.entries()) {
        await bus.execute(new RunCaseCommand(ids[i], step, meta(times[i].steps[k])));
        onProgress?.(++done, total);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENT_CASES }, worker));
  // The city's post-checks of 2018, as the report gives them (a figure the department enters, not a text).
  await app.get(ReportInputs).recordPostCheck(2018, { district: null, ...POST_CHECKS_2018 }, ACTOR);
  return { cases: plan.length, commands: total };
}

/**
 * Whether the store holds any case: the service's own bookkeeping (the key
 * store's binding, audit anchors, staff seen) does not make a store unfit for
 * the demo, cases do.
 */
export async function holdsCases(store: EventStore): Promise<boolean> {
  for (let after = 0; ;) {
    const page = await store.readAll(after, 5000);
    if (page.length === 0) return false;
    if (page.some((e) => isCaseStream(e.streamId))) return true;
    after = page[page.length - 1].position;
  }
}
