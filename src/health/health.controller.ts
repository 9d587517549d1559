import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { ProjectionRunner } from '../projections/projection-runner';
import { Public } from '../auth/auth.decorators';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../infrastructure/tokens';
import { StorageStatus } from '../common/storage-faults';

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
  async health(@Res({ passthrough: true }) res: Response): Promise<object> {
    const reachable = await this.store.ping();
    const head = reachable ? await this.store.headPosition() : null;
    const projections = this.runner.status().map((p) => ({
      ...p,
      lag: head === null ? null : Math.max(0, head - p.checkpoint),
    }));
    const storage = this.storage.current();
    const ok = reachable && storage.writable && projections.every((p) => p.state !== 'failed');
    res.status(ok ? 200 : 503);
    return {
      status: ok ? 'ok' : 'degraded',
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
