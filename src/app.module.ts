import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { AppConfig } from './config/config';
import { HealthModule } from './health/health.module';
import { AuthModule } from './auth/auth.module';
import { SessionModule } from './session/session.module';
import { AuditModule } from './audit/audit.module';
import { RetentionModule } from './retention/retention.module';
import { CasesModule } from './cases/cases.module';
import { DistrictsModule } from './districts/districts.module';
import { DelegationModule } from './delegation/delegation.module';
import { DelegatedDecisionsModule } from './delegated-decisions/delegated-decisions.module';
import { QueuesModule } from './queues/queues.module';
import { InstalmentsModule } from './instalments/instalments.module';
import { MyWorkModule } from './my-work/my-work.module';
import { StatisticsModule } from './statistics/statistics.module';
import type { Clock } from './infrastructure/clock';
import type { DestinationStream } from 'pino';
import { ThrottlerModule } from '@nestjs/throttler';
import { userLimits } from './auth/user-throttler';
import { StaffModule } from './staff/staff.module';
import { ImportsModule } from './imports/imports.module';
import { DocumentsModule } from './documents/documents.module';
import { InfrastructureModule } from './infrastructure/infrastructure.module';
import { AttachmentsModule } from './attachments/attachments.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, clock?: Clock, logDestination?: DestinationStream): DynamicModule {
    return {
      module: AppModule,
      imports: [
        InfrastructureModule.forRoot(config, clock, logDestination),
        ThrottlerModule.forRoot(userLimits(config)),
        StaffModule,
        AuthModule.forRoot(config),
        SessionModule.forRoot(config),
        CqrsModule.forRoot(),
        HealthModule,
        CasesModule,
        DistrictsModule,
        DelegationModule,
        QueuesModule,
        InstalmentsModule,
        MyWorkModule,
        StatisticsModule,
        DelegatedDecisionsModule,
        AuditModule,
        RetentionModule,
        ImportsModule,
        DocumentsModule,
        AttachmentsModule,
      ],
    };
  }
}
