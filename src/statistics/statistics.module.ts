import { Module, OnModuleInit } from '@nestjs/common';
import { ProjectionRunner } from '../projections/projection-runner';
import { ReportService } from './report/report.service';
import { StatisticsController } from './statistics.controller';
import { StatisticsProjection } from './statistics.projection';
import { StatisticsService } from './statistics.service';

@Module({
  controllers: [StatisticsController],
  providers: [StatisticsService, ReportService],
  exports: [StatisticsService, ReportService],
})
export class StatisticsModule implements OnModuleInit {
  constructor(private readonly runner: ProjectionRunner) {}

  onModuleInit(): void {
    this.runner.register(new StatisticsProjection());
  }
}
