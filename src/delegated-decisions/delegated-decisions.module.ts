import { Module, type OnModuleInit } from '@nestjs/common';
import { ProjectionRunner } from '../projections/projection-runner';
import { DelegatedDecisionsController } from './delegated-decisions.controller';
import { DelegatedDecisionsProjection } from './delegated-decisions.projection';
import { DelegatedDecisions } from './delegated-decisions.service';
import { TablePdfRenderer } from './table-pdf-renderer';

/** The list of delegated decisions a nämnd is told of (kommunallagen 6 kap. 40 §), and the read model behind it. */
@Module({
  controllers: [DelegatedDecisionsController],
  providers: [DelegatedDecisions, TablePdfRenderer],
})
export class DelegatedDecisionsModule implements OnModuleInit {
  constructor(private readonly runner: ProjectionRunner) {}

  onModuleInit(): void {
    this.runner.register(new DelegatedDecisionsProjection());
  }
}
