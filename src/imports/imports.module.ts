import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CasesModule } from '../cases/cases.module';
import { ImportService } from './import.service';
import { ImportsController } from './imports.controller';
import { RegisterParser } from './register-parser';
import { RepaymentImportService } from './repayment-import.service';
import { RepaymentImportsController } from './repayment-imports.controller';

@Module({
  imports: [CqrsModule, CasesModule],
  controllers: [ImportsController, RepaymentImportsController],
  providers: [ImportService, RegisterParser, RepaymentImportService],
  exports: [ImportService],
})
export class ImportsModule {}
