import { Global, Inject, Module, type OnModuleInit } from '@nestjs/common';
import { ProjectionRunner } from '../projections/projection-runner';
import { StaffDirectory, StaffProjection } from './staff-directory';
import { StaffController } from './staff.controller';

@Global()
@Module({ controllers: [StaffController], providers: [StaffDirectory], exports: [StaffDirectory] })
export class StaffModule implements OnModuleInit {
  constructor(@Inject(ProjectionRunner) private readonly runner: ProjectionRunner) {}

  onModuleInit(): void {
    this.runner.register(new StaffProjection());
  }
}
