import type { Readable } from 'node:stream';
import { Problem, type AnsweredAsProblem } from '../common/problem';

/** The largest file the service keeps (25 MB of the file's own bytes; the stored form is a little larger). */
export const MAX_FILE_BYTES = 25 * 1024 * 1024;

/**
 * What a stored file may hold beyond its plain bytes: the encryption's header
 * and one 16-byte tag per 64 KiB chunk (see personal-files.ts), with room to spare.
 */
export const MAX_STORED_BYTES = MAX_FILE_BYTES + 1024 * 1024;

/** What a file id looks like: opaque, random, never a name or personal data, and never a path. */
export const FILE_ID = /^[a-z0-9][a-z0-9-]{15,63}$/;

/**
 * Where the service keeps files (attachments, issued documents): opaque id to
 * bytes, nothing else. The bytes it is given are already encrypted (see
 * PersonalFiles); an adapter never sees a name, a type or personal data. A
 * put is all or nothing: a reader never sees a file half written, and an id is
 * written once. The filesystem adapter keeps them under DATA_DIR/files; a
 * deployment with several instances puts a shared store behind the same port
 * (README, "Files").
 */
export interface FileStore {
  /** Writes the file, whole or not at all. More than `maxBytes` (default MAX_STORED_BYTES): FileTooLargeError, nothing kept. */
  put(id: string, content: Buffer | AsyncIterable<Buffer>, options?: { maxBytes?: number }): Promise<{ size: number }>;
  /** The whole file, or undefined when there is none. */
  get(id: string): Promise<Buffer | undefined>;
  /** The file as a stream, or undefined when there is none. */
  open(id: string): Promise<Readable | undefined>;
  /** Removes the file; removing one that is not there is no error. */
  delete(id: string): Promise<void>;
  exists(id: string): Promise<boolean>;
}

/** The Nest token of the FileStore port. */
export const FILE_STORE = Symbol('FILE_STORE');

/** A file larger than the store takes: nothing of it was kept. */
export class FileTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`the file is larger than ${maxBytes} bytes`);
    this.name = 'FileTooLargeError';
  }
}

/** A file id that is not one the service makes (it could name a path). */
export class InvalidFileIdError extends Error {
  constructor() {
    super('not a file id');
    this.name = 'InvalidFileIdError';
  }
}

/** An id written twice: ids are random and written once. */
export class FileExistsError extends Error {
  constructor() {
    super('a file with this id exists');
    this.name = 'FileExistsError';
  }
}

const STORAGE_ERRORS = new Set(['ENOSPC', 'EDQUOT', 'EIO', 'EROFS', 'EACCES', 'EPERM', 'EMFILE', 'ENFILE', 'EBUSY']);

/**
 * The file storage cannot take or give the file now (a full disk, an I/O
 * error, a read-only mount): a condition of the machine, answered 503 like
 * the log's storage faults, and logged by its code, never by a path or a name.
 */
export class FileStorageError extends Error implements AnsweredAsProblem {
  readonly logAs = 'file storage unavailable';
  constructor(readonly code: string) {
    super(`file storage: ${code}`);
    this.name = 'FileStorageError';
  }

  asProblem(): Problem {
    return new Problem(
      503,
      'storage-unavailable',
      'Service unavailable',
      'The service cannot write to or read from its file storage right now (full, read-only or failing). Nothing was changed; try again later.',
      { storageError: this.code },
    );
  }
}

/** The storage fault behind a filesystem error, as FileStorageError; any other error as it is. */
export function fileStorageFault(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && STORAGE_ERRORS.has(code) ? new FileStorageError(code) : error;
}
