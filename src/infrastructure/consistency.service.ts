import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/config';
import { EVENT_STORE } from '../event-store/event-store.port';
import { TrackedEventStore } from '../event-store/tracked-event-store';
import { Problem } from '../common/problem';
import { ConsistencyTimeoutError, ProjectionRunner, ReadModelFailedError } from '../projections/projection-runner';
import { APP_CONFIG } from './tokens';

/** The read models, by the projection that keeps each. */
export type ReadModel = 'case-list' | 'statistics' | 'staff' | 'delegated-decisions';

/** Queries call this first: they then see every command acknowledged before they started. */
@Injectable()
export class Consistency {
  constructor(
    @Inject(EVENT_STORE) private readonly store: TrackedEventStore,
    private readonly runner: ProjectionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Waits until the read models a query reads hold every acknowledged command.
   * Only those: a read model stopped at an event it cannot apply holds up its
   * own queries (refused at once, naming the event), never the others'.
   */
  async readYourWrites(...readModels: [ReadModel, ...ReadModel[]]): Promise<void> {
    try {
      await this.runner.waitFor(this.store.lastAppendedPosition, this.config.consistencyTimeoutMs, readModels);
    } catch (error) {
      if (error instanceof ReadModelFailedError) {
        throw new Problem(
          503,
          'read-model-failed',
          'Service unavailable',
          `The ${error.readModel} read model stopped at the event at position ${error.failedEvent.position}, which it cannot apply. The other read models answer as usual; an administrator corrects the event (see /health and POST /api/event-corrections).`,
          { readModel: error.readModel, failedEvent: error.failedEvent },
        );
      }
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
