import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { todayInStockholm } from '../calendar/local-date';
import { EVENT_STORE, type EventStore, WrongExpectedVersionError } from '../event-store/event-store.port';
import { Clock } from '../infrastructure/clock';
import { type District, DistrictRegister } from './district-register';
import {
  type RegisterCommand,
  type RegisterEvent,
  isRegisterEvent,
  registerDecider,
} from './district-register-decider';
import { DistrictSuccession } from './district-succession.service';

export const DISTRICT_REGISTER_STREAM = 'district-register';

type CommandInput = RegisterCommand extends infer C ? (C extends RegisterCommand ? Omit<C, 'today'> : never) : never;

/**
 * An administrator's changes to the register, kept as events on their own
 * stream over the municipality's seed register. The register every feature
 * reads is brought up to date at start and after each change.
 */
@Injectable()
export class DistrictRegisterChanges implements OnModuleInit {
  private readonly decider;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly register: DistrictRegister,
    private readonly clock: Clock,
    private readonly succession: DistrictSuccession,
  ) {
    // The register as loaded from its file, before any recorded change.
    this.decider = registerDecider([...register.districts]);
  }

  async onModuleInit(): Promise<void> {
    this.register.replace((await this.load()).districts);
  }

  private async load(): Promise<{ districts: District[]; version: number }> {
    const recorded = await this.store.readStream(DISTRICT_REGISTER_STREAM);
    const events = recorded.filter(isRegisterEvent).map((e) => ({ type: e.type, data: e.data }) as RegisterEvent);
    return {
      districts: events.reduce(this.decider.evolve, this.decider.initialState()),
      version: recorded.length > 0 ? recorded[recorded.length - 1].revision : -1,
    };
  }

  /**
   * Decides a change on the latest register, records it, and passes open cases
   * on where a merger has taken effect. The append is the change: passing the
   * cases on after it never fails the change (see DistrictSuccession.sweep).
   */
  async change(command: CommandInput, actor: string): Promise<RegisterEvent[]> {
    const now = this.clock.now();
    for (let attempt = 0; ; attempt++) {
      const { districts, version } = await this.load();
      const events = this.decider.decide({ ...command, today: todayInStockholm(now) } as RegisterCommand, districts);
      const correlationId = randomUUID();
      try {
        await this.store.append(
          DISTRICT_REGISTER_STREAM,
          events.map((e) => ({
            id: randomUUID(),
            type: e.type,
            schemaVersion: 1,
            data: e.data,
            metadata: {
              occurredOn: e.type === 'DistrictAdded' ? e.data.validFrom : e.data.mergedOn,
              recordedAt: now.toISOString(),
              recordedBy: actor,
              correlationId,
              causationId: null,
            },
          })),
          version < 0 ? 'no-stream' : version,
        );
      } catch (error) {
        // Another administrator changed the register first: decide again on theirs.
        if (error instanceof WrongExpectedVersionError && attempt < 5) continue;
        throw error;
      }
      this.register.replace(events.reduce(this.decider.evolve, districts));
      await this.succession.sweep();
      return events;
    }
  }
}
