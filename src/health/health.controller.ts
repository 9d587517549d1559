import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { ProjectionRunner } from '../projections/projection-runner';
import { Public } from '../auth/auth.decorators';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../infrastructure/tokens';
import { StorageStatus } from '../common/storage-faults';
import { ApiOkResponse, ApiServiceUnavailableResponse } from '@nestjs/swagger';
import { HealthDto } from './health.dto';

/** Open without a token: load balancers and operators poll it. It names no case or person. */
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly runner: ProjectionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly storage: StorageStatus,
  ) {}

  /** Store kind and reachability, the storage fault refusing writes (e.g. SQLITE_FULL), and each projection's lag. */
  @Get()
  @ApiOkResponse({
    type: HealthDto,
    description: 'Every part answers (status ok), or a read model stopped at an event (degraded)',
  })
  @ApiServiceUnavailableResponse({
    type: HealthDto,
    description: 'A part fails: the store, the storage, or a read model',
  })
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthDto> {
    const reachable = await this.store.ping();
    const head = reachable ? await this.store.headPosition() : null;
    const projections = this.runner.status().map((p) => ({
      ...p,
      lag: head === null ? null : Math.max(0, head - p.checkpoint),
    }));
    // A read model stopped at an event it cannot apply leaves the rest of the service working:
    // degraded, named, but still 200 so a load balancer keeps sending the requests that work.
    const stuck = projections.filter((p) => p.state === 'failed' && p.failedEvent);
    const broken = projections.filter((p) => p.state === 'failed' && !p.failedEvent);
    const storage = this.storage.current();
    const ok = reachable && storage.writable && broken.length === 0;
    res.status(ok ? 200 : 503);
    return {
      status: ok && stuck.length === 0 ? 'ok' : 'degraded',
      ...(stuck.length > 0
        ? {
            problems: stuck.map(
              (p) =>
                `The ${p.name} read model stopped at the ${p.failedEvent!.type ?? ''} event at position ${p.failedEvent!.position} (${p.failedEvent!.streamId}), which it cannot apply; correct it with POST /api/event-corrections.`,
            ),
          }
        : {}),
      authentication: authenticationOf(this.config),
      eventStore: { kind: this.store.kind, reachable, headPosition: head },
      storage,
      projections,
    };
  }
}

/** Said plainly, so nobody mistakes a development start for a deployment. */
export function authenticationOf(config: AppConfig): { mode: 'development' | 'oidc'; warning?: string } {
  if (config.auth.mode === 'oidc') return { mode: 'oidc' };
  return {
    mode: 'development',
    warning:
      'DEVELOPMENT MODE: POST /api/auth/dev-token signs tokens for any user and role. For local use on this machine only; never with real personal data.',
  };
}
