export * from './file-store';
export { FilesystemFileStore } from './filesystem-file-store';
export * from './personal-files';
export { FilesModule } from './files.module';
