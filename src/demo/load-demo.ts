import type { INestApplicationContext } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { RegisterCase, type RequestMeta, RunCaseCommand } from '../cases/api/case-handlers';
import type { RegisterCaseDto } from '../cases/api/case.dto';
import { buildDemoPlan } from './demo-plan';

const ACTOR = 'demo-loader';
const CONCURRENT_CASES = 8;

function meta(): RequestMeta {
  return { actor: ACTOR, requestHash: '', correlationId: randomUUID() };
}

/**
 * Writes the demo history through the command bus, exactly as the API does:
 * registrations first, in date order (so case numbers follow the dates), then
 * each case's steps in order, several cases at a time.
 */
export async function loadDemo(
  app: INestApplicationContext,
  onProgress?: (done: number, total: number) => void,
): Promise<{ cases: number; commands: number }> {
  const bus = app.get(CommandBus);
  const plan = buildDemoPlan();
  const total = plan.length + plan.reduce((s, c) => s + c.steps.length, 0);
  let done = 0;
  const ids: string[] = [];
  for (const c of plan) {
    const body: RegisterCaseDto = {
      district: c.district,
      receivedOn: c.receivedOn,
      source: c.source,
      subject: { gender: c.gender },
    };
    const answer = await bus.execute(new RegisterCase(body, meta()));
    ids.push(answer.body.id as string);
    onProgress?.(++done, total);
  }
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < plan.length) {
      const i = next++;
      for (const step of plan[i].steps) {
        await bus.execute(new RunCaseCommand(ids[i], step, meta()));
        onProgress?.(++done, total);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENT_CASES }, worker));
  return { cases: plan.length, commands: total };
}
