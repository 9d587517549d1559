import { Module } from '@nestjs/common';
import { DelegationController } from './delegation.controller';
import { DelegationRegisterChanges } from './delegation-register-changes.service';

/**
 * The nämnd's delegation order as administrators keep it. The register itself
 * is shared by every feature (InfrastructureModule): the case decisions read it.
 */
@Module({
  controllers: [DelegationController],
  providers: [DelegationRegisterChanges],
})
export class DelegationModule {}
