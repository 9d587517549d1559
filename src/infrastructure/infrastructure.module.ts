import {
  DynamicModule,
  Inject,
  Injectable,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  BeforeApplicationShutdown,
} from '@nestjs/common';
import type Database from 'better-sqlite3';
import type { DestinationStream, Logger } from 'pino';
import { createLogger } from '../common/logger';
import { type AppConfig } from '../config/config';
import { createEventStore } from '../event-store/create-event-store';
import { EVENT_STORE } from '../event-store/event-store.port';
import { openReadModels } from '../projections/read-model-file';
import { CorrectingEventStore } from '../event-store/correcting-event-store';
import { TrackedEventStore } from '../event-store/tracked-event-store';
import { EventUpcasters } from '../event-store/upcasting';
import { ProjectionRunner } from '../projections/projection-runner';
import { Consistency } from './consistency.service';
import { Clock, SystemClock } from './clock';
import { DistrictRegister } from '../districts/district-register';
import { readDistrictRegister } from '../districts/district-register-file';
import { DelegationRegister } from '../delegation/delegation-register';
import { APP_CONFIG, DATA_KEY_STORE, LOGGER, READ_MODEL_CHECKPOINTS, READ_MODEL_DB, UPCASTERS } from './tokens';
import { WalCheckpointer } from './wal-checkpointer';
import { join } from 'node:path';
import { MasterKey, PersonalNumberIndex } from '../personal-data/master-key';
import { type DataKeyStore, SqliteDataKeyStore } from '../personal-data/key-store';
import { PersonalData } from '../personal-data/personal-data';
import { AuditLog } from '../audit/audit-log';
import { AuditAnchors } from '../audit/audit-anchors';
import { bindKeyStore } from '../personal-data/key-store-binding';
import { StorageStatus } from '../common/storage-faults';

/** Starts the projections once every feature module has registered its own, and closes files on shutdown. */
@Injectable()
class Lifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(EVENT_STORE) private readonly store: TrackedEventStore,
    @Inject(READ_MODEL_DB) private readonly db: Database.Database,
    @Inject(READ_MODEL_CHECKPOINTS) private readonly checkpoints: WalCheckpointer | null,
    @Inject(DATA_KEY_STORE) private readonly keys: DataKeyStore,
    private readonly audit: AuditLog,
    private readonly anchors: AuditAnchors,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await bindKeyStore(this.store, this.keys);
    // A tampered audit log stops the start: it is the evidence of who saw which case.
    const verified = await this.anchors.verify({ recover: true });
    this.logger.info(
      {
        entries: verified.entries,
        head: verified.head.seq,
        anchoredAt: verified.anchor?.seq ?? null,
        anchor: verified.anchor?.anchor ?? null,
        unanchored: verified.unanchored,
        recoveredAnchor: verified.recovered,
      },
      'audit log verified',
    );
    if (verified.foreignCaseIds > 0)
      this.logger.warn(
        { entries: verified.foreignCaseIds },
        'audit entries written before case ids were checked name a case by a value a caller sent (may be personal data)',
      );
    this.store.acknowledgeUpTo(await this.store.headPosition());
    // Catch-up runs in the background, a batch at a time: the service answers /health and case
    // reads from the log at once, and read-model queries wait (or answer 503) until they are current.
    this.runner.start();
    // Every new audit entry is anchored in the event log within ANCHOR_DELAY_MS.
    this.anchors.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    try {
      await this.anchors.stop();
    } catch (error) {
      this.logger.error({ err: error instanceof Error ? error.message : String(error) }, 'audit anchor not written');
    }
    await this.runner.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner.stop();
    await this.store.close();
    await this.checkpoints?.stop();
    if (this.db.open) this.db.close();
    this.keys.close();
    this.audit.close();
  }
}

const providers = (config: AppConfig, clock?: Clock, logDestination?: DestinationStream) => [
  { provide: APP_CONFIG, useValue: config },
  {
    provide: LOGGER,
    useFactory: (config: AppConfig): Logger => createLogger(config.logLevel, logDestination),
    inject: [APP_CONFIG],
  },
  // Feature modules register upcasters for their own event types here.
  { provide: UPCASTERS, useValue: new EventUpcasters() },
  { provide: StorageStatus, useValue: new StorageStatus() },
  {
    provide: EVENT_STORE,
    useFactory: (config: AppConfig, upcasters: EventUpcasters, storage: StorageStatus) =>
      new TrackedEventStore(
        new CorrectingEventStore(createEventStore(config.eventStoreUrl, upcasters, config.sqliteCacheMb)),
        storage,
      ),
    inject: [APP_CONFIG, UPCASTERS, StorageStatus],
  },
  {
    provide: READ_MODEL_DB,
    useFactory: (config: AppConfig, logger: Logger) =>
      openReadModels(config.readModelPath, logger.child({ component: 'read-models' }), undefined, config.sqliteCacheMb),
    inject: [APP_CONFIG, LOGGER],
  },
  {
    provide: READ_MODEL_CHECKPOINTS,
    useFactory: (db: Database.Database, logger: Logger) =>
      WalCheckpointer.start(db, logger.child({ component: 'read-models' })) ?? null,
    inject: [READ_MODEL_DB, LOGGER],
  },
  {
    provide: ProjectionRunner,
    useFactory: (
      store: TrackedEventStore,
      db: Database.Database,
      checkpoints: WalCheckpointer | null,
      logger: Logger,
    ) => new ProjectionRunner(store, db, logger.child({ component: 'projections' }), () => checkpoints?.beforeWrite()),
    inject: [EVENT_STORE, READ_MODEL_DB, READ_MODEL_CHECKPOINTS, LOGGER],
  },
  Consistency,
  Lifecycle,
  {
    provide: DistrictRegister,
    useFactory: () =>
      config.districtRegisterFile ? readDistrictRegister(config.districtRegisterFile) : DistrictRegister.default(),
  },
  // The nämnd's delegation order: empty until an administrator enters it (DelegationRegisterChanges loads it).
  { provide: DelegationRegister, useFactory: () => new DelegationRegister() },
  {
    provide: MasterKey,
    useFactory: (logger: Logger) => {
      const { masterKey, generated } = MasterKey.load(config.masterKey, config.dataDir);
      if (generated)
        logger.warn(
          { dataDir: config.dataDir },
          'MASTER_KEY not set: generated a development master key in the data directory',
        );
      return masterKey;
    },
    inject: [LOGGER],
  },
  { provide: PersonalNumberIndex, useFactory: (m: MasterKey) => new PersonalNumberIndex(m), inject: [MasterKey] },
  {
    provide: DATA_KEY_STORE,
    useFactory: (m: MasterKey) => new SqliteDataKeyStore(join(config.dataDir, 'keys.db'), m, config.sqliteCacheMb),
    inject: [MasterKey],
  },
  {
    provide: PersonalData,
    useFactory: (keys: DataKeyStore, index: PersonalNumberIndex) => new PersonalData(keys, index),
    inject: [DATA_KEY_STORE, PersonalNumberIndex],
  },
  {
    provide: AuditLog,
    useFactory: (m: MasterKey) =>
      new AuditLog(join(config.dataDir, 'audit.db'), m.derive('audit-chain'), config.sqliteCacheMb),
    inject: [MasterKey],
  },
  {
    provide: AuditAnchors,
    useFactory: (audit: AuditLog, store: TrackedEventStore, logger: Logger) =>
      new AuditAnchors(audit, store, undefined, (error) =>
        logger.error({ err: error instanceof Error ? error.message : String(error) }, 'audit anchor not written'),
      ),
    inject: [AuditLog, EVENT_STORE, LOGGER],
  },
  { provide: Clock, useValue: clock ?? new SystemClock() },
];

/** Config, logger, event store, read-model file and projection runner, shared by every feature. */
@Module({})
export class InfrastructureModule {
  static forRoot(config: AppConfig, clock?: Clock, logDestination?: DestinationStream): DynamicModule {
    return {
      module: InfrastructureModule,
      global: true,
      providers: providers(config, clock, logDestination),
      exports: [
        DistrictRegister,
        DelegationRegister,
        Clock,
        MasterKey,
        PersonalNumberIndex,
        DATA_KEY_STORE,
        PersonalData,
        AuditLog,
        AuditAnchors,
        APP_CONFIG,
        LOGGER,
        UPCASTERS,
        EVENT_STORE,
        READ_MODEL_DB,
        ProjectionRunner,
        Consistency,
        StorageStatus,
      ],
    };
  }
}
