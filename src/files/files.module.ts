import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/config';
import { APP_CONFIG, LOGGER } from '../infrastructure/tokens';
import { FILE_STORE, type FileStore } from './file-store';
import { FilesystemFileStore } from './filesystem-file-store';
import { PersonalFiles } from './personal-files';

/**
 * Files of cases (attachments, issued documents): the FileStore port, here
 * on the filesystem under DATA_DIR/files, and PersonalFiles, which encrypts
 * each with the person's data key. Import it where files are kept or read.
 */
@Module({
  providers: [
    {
      provide: FILE_STORE,
      useFactory: (config: AppConfig): FileStore => new FilesystemFileStore(join(config.dataDir, 'files')),
      inject: [APP_CONFIG],
    },
    PersonalFiles,
  ],
  exports: [FILE_STORE, PersonalFiles],
})
export class FilesModule implements OnModuleInit {
  constructor(
    @Inject(FILE_STORE) private readonly store: FileStore,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!(this.store instanceof FilesystemFileStore)) return;
    const removed = await this.store.sweepPartial();
    if (removed > 0) this.logger.warn({ removed }, 'removed files a stopped write left half written');
  }
}
