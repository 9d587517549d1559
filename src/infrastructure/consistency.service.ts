import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/config';
import { EVENT_STORE } from '../event-store/event-store.port';
import { TrackedEventStore } from '../event-store/tracked-event-store';
import { Problem } from '../common/problem';
import { ConsistencyTimeoutError, ProjectionRunner } from '../projections/projection-runner';
import { APP_CONFIG } from './tokens';

/** Queries call this first: they then see every command acknowledged before they started. */
@Injectable()
export class Consistency {
  constructor(
    @Inject(EVENT_STORE) private readonly store: TrackedEventStore,
    private readonly runner: ProjectionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async readYourWrites(): Promise<void> {
    try {
      await this.runner.waitFor(this.store.lastAppendedPosition, this.config.consistencyTimeoutMs);
    } catch (error) {
      if (error instanceof ConsistencyTimeoutError) {
        throw new Problem(
          503,
          'read-models-behind',
          'Service unavailable',
          'The read models are still catching up; try again shortly.',
        );
      }
      throw error;
    }
  }
}
