import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { DistrictRegisterChanges } from './district-register-changes.service';
import { DistrictSuccession } from './district-succession.service';
import { DistrictsController } from './districts.controller';

/**
 * The register of districts as administrators change it, and mergers. The register itself is
 * shared by every feature (InfrastructureModule); the cases module answers what a merger asks
 * of cases (case-succession.ts).
 */
@Module({
  imports: [CqrsModule],
  controllers: [DistrictsController],
  providers: [DistrictRegisterChanges, DistrictSuccession],
})
export class DistrictsModule {}
