import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { MULTER_MODULE_OPTIONS } from '@nestjs/platform-express/multer/files.constants';
import { CasesModule } from '../cases/cases.module';
import { IdempotencyKeys } from '../cases/application/idempotency';
import { FilesModule } from '../files';
import { AttachmentStorage } from './attachment-storage';
import { AttachmentsController } from './attachments.controller';

/** Attachments (bilagor) of cases: upload, download, and the storage engine that streams an upload into the file store. */
@Module({
  imports: [CqrsModule, CasesModule, FilesModule],
  controllers: [AttachmentsController],
  providers: [
    AttachmentStorage,
    IdempotencyKeys,
    // The route's FileInterceptor takes its storage engine from here: it needs the services above.
    {
      provide: MULTER_MODULE_OPTIONS,
      useFactory: (storage: AttachmentStorage) => ({ storage }),
      inject: [AttachmentStorage],
    },
  ],
})
export class AttachmentsModule {}
