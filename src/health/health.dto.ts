import { ApiProperty } from '@nestjs/swagger';

/** What /health answers: the service's parts, for load balancers and operators. Names no case or person. */

export class AuthenticationModeDto {
  @ApiProperty({ enum: ['development', 'oidc'] })
  mode!: 'development' | 'oidc';
  /** Said plainly in development mode: tokens for any user can be had. */
  warning?: string;
}

export class EventStoreHealthDto {
  @ApiProperty({ enum: ['sqlite', 'eventstoredb'] })
  kind!: 'sqlite' | 'eventstoredb';
  reachable!: boolean;
  /** The newest event's position; null when the store cannot be reached. */
  headPosition!: number | null;
}

export class StorageHealthDto {
  /** false: the last write tried failed on the storage (full, read-only, failing), and none has succeeded since. */
  writable!: boolean;
  /** The storage's error code, e.g. SQLITE_FULL. */
  error?: string;
  since?: string;
  lastFaultAt?: string;
}

export class FailedEventDto {
  position!: number;
  streamId!: string | null;
  type!: string | null;
  /** The fields the event lacks or holds wrongly. */
  fields?: string[];
}

export class LoadingDto {
  @ApiProperty({ enum: ['folding', 'writing'] })
  phase!: 'folding' | 'writing';
  position!: number;
  head!: number;
}

export class ProjectionHealthDto {
  name!: string;
  version!: number;
  checkpoint!: number;
  @ApiProperty({ enum: ['stopped', 'running', 'failed'] })
  state!: 'stopped' | 'running' | 'failed';
  /** Events the read model is behind the log. */
  lag!: number | null;
  error?: string;
  errorCode?: string;
  failures?: number;
  loading?: LoadingDto;
  /** The event the read model stopped at, when it is one it cannot apply. */
  failedEvent?: FailedEventDto;
}

export class HealthDto {
  /** ok; degraded when a read model has stopped at an event (still 200) or a part fails (503). */
  @ApiProperty({ enum: ['ok', 'degraded'] })
  status!: 'ok' | 'degraded';
  /** What is wrong, in words an operator acts on. */
  problems?: string[];
  authentication!: AuthenticationModeDto;
  eventStore!: EventStoreHealthDto;
  storage!: StorageHealthDto;
  projections!: ProjectionHealthDto[];
}
