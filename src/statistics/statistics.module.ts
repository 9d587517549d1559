import { Module, OnModuleInit } from '@nestjs/common';
import { ProjectionRunner } from '../projections/projection-runner';
import { PdfRenderer } from './report/pdf-renderer';
import { ReportService } from './report/report.service';
import { ReportApprovals } from './report/report-approvals.service';
import { ReportInputs } from './report/report-inputs.service';
import { ReportInputsController } from './report-inputs.controller';
import { StatisticsController } from './statistics.controller';
import { StatisticsProjection } from './statistics.projection';
import { StatisticsService } from './statistics.service';

@Module({
  controllers: [StatisticsController, ReportInputsController],
  providers: [StatisticsService, ReportService, ReportInputs, ReportApprovals, PdfRenderer],
  exports: [StatisticsService, ReportService],
})
export class StatisticsModule implements OnModuleInit {
  constructor(private readonly runner: ProjectionRunner) {}

  onModuleInit(): void {
    this.runner.register(new StatisticsProjection());
  }
}
