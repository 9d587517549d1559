import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CasesModule } from '../cases/cases.module';
import { ImportService } from './import.service';
import { ImportsController } from './imports.controller';
import { RegisterParser } from './register-parser';

@Module({
  imports: [CqrsModule, CasesModule],
  controllers: [ImportsController],
  providers: [ImportService, RegisterParser],
  exports: [ImportService],
})
export class ImportsModule {}
