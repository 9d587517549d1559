import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { todayInStockholm } from '../calendar/local-date';
import { DistrictRegister } from '../districts/district-register';
import { EVENT_STORE, type EventStore, WrongExpectedVersionError } from '../event-store/event-store.port';
import { Clock } from '../infrastructure/clock';
import { DelegationRegister, type DelegationPoint } from './delegation-register';
import {
  type DelegationCommand,
  type DelegationEvent,
  DelegationRefusal,
  delegationDecider,
  isDelegationEvent,
} from './delegation-register-decider';

export const DELEGATION_REGISTER_STREAM = 'delegation-register';

type CommandInput = DelegationCommand extends infer C
  ? C extends DelegationCommand
    ? Omit<C, 'today'>
    : never
  : never;

/**
 * An administrator's changes to the delegation order, kept as events on their
 * own stream. The register every decision reads is brought up to date at
 * start and after each change.
 */
@Injectable()
export class DelegationRegisterChanges implements OnModuleInit {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly register: DelegationRegister,
    private readonly districts: DistrictRegister,
    private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    this.register.replace((await this.load()).points);
  }

  private async load(): Promise<{ points: DelegationPoint[]; version: number }> {
    const recorded = await this.store.readStream(DELEGATION_REGISTER_STREAM);
    const events = recorded.filter(isDelegationEvent).map((e) => ({ type: e.type, data: e.data }) as DelegationEvent);
    return {
      points: events.reduce(delegationDecider.evolve, delegationDecider.initialState()),
      version: recorded.length > 0 ? recorded[recorded.length - 1].revision : -1,
    };
  }

  /** Decides a change on the latest register and records it. */
  async change(command: CommandInput, actor: string): Promise<DelegationEvent[]> {
    if (command.type === 'AdoptDelegationPoint') {
      const unknown = (command.data.districts ?? []).find((code) => !this.districts.get(code));
      if (unknown)
        throw new DelegationRefusal('unknown-district', `District ${unknown} is not in the register`, 'districts');
    }
    const now = this.clock.now();
    for (let attempt = 0; ; attempt++) {
      const { points, version } = await this.load();
      const events = delegationDecider.decide(
        { ...command, today: todayInStockholm(now) } as DelegationCommand,
        points,
      );
      const correlationId = randomUUID();
      try {
        await this.store.append(
          DELEGATION_REGISTER_STREAM,
          events.map((e) => ({
            id: randomUUID(),
            type: e.type,
            schemaVersion: 1,
            data: e.data,
            metadata: {
              occurredOn: e.type === 'DelegationPointAdopted' ? e.data.validFrom : e.data.revokedOn,
              recordedAt: now.toISOString(),
              recordedBy: actor,
              correlationId,
              causationId: null,
            },
          })),
          version < 0 ? 'no-stream' : version,
        );
      } catch (error) {
        // Another administrator changed the order first: decide again on theirs.
        if (error instanceof WrongExpectedVersionError && attempt < 5) continue;
        throw error;
      }
      this.register.replace(events.reduce(delegationDecider.evolve, points));
      return events;
    }
  }
}
