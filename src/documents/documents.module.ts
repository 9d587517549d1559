import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CasesModule } from '../cases/cases.module';
import { IdempotencyKeys } from '../cases/application/idempotency';
import { FilesModule } from '../files';
import { DocumentTemplatesController, DocumentsController } from './documents.controller';
import { DocumentsService } from './documents.service';
import { DocumentPdfThread } from './render/document-pdf-thread';
import { DocumentTemplates } from './templates/document-templates.service';

/** Documents made from cases (kommuniceringsbrev, beslut, planer, anmälningar, ansökningar) and their templates. */
@Module({
  imports: [CqrsModule, CasesModule, FilesModule],
  controllers: [DocumentsController, DocumentTemplatesController],
  providers: [DocumentsService, DocumentTemplates, DocumentPdfThread, IdempotencyKeys],
})
export class DocumentsModule {}
