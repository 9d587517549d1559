import { mkdir, open, readdir, readFile, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import {
  FILE_ID,
  type FileStore,
  FileExistsError,
  FileTooLargeError,
  InvalidFileIdError,
  MAX_STORED_BYTES,
  fileStorageFault,
} from './file-store';

/** Temporary files older than this at start were left by a write a crash or a kill stopped. */
const STALE_PARTIAL_MS = 60 * 60 * 1000;

const isMissing = (error: unknown): boolean => (error as { code?: string } | null)?.code === 'ENOENT';

/**
 * The FileStore on a local (or shared) filesystem: `<root>/<first two characters of the id>/<id>`,
 * the root 0700 and every file 0600. A put writes to `<root>/.partial/`, flushes the
 * file to the disk (fsync), renames it into place and flushes the directory: a crash at any
 * moment leaves either no file or the whole file under its id, never part of one. What a crash
 * leaves in `.partial` is removed at the next start.
 */
export class FilesystemFileStore implements FileStore {
  private readonly partial: string;

  /** Its folders are made at the first write (0700), so a service that keeps no file has none. */
  constructor(private readonly root: string) {
    this.partial = join(root, '.partial');
  }

  private pathOf(id: string): { dir: string; path: string } {
    if (!FILE_ID.test(id)) throw new InvalidFileIdError();
    const dir = join(this.root, id.slice(0, 2));
    return { dir, path: join(dir, id) };
  }

  async put(
    id: string,
    content: Buffer | AsyncIterable<Buffer>,
    options: { maxBytes?: number } = {},
  ): Promise<{ size: number }> {
    const { dir, path } = this.pathOf(id);
    const maxBytes = options.maxBytes ?? MAX_STORED_BYTES;
    if (await this.exists(id)) throw new FileExistsError();
    const temp = join(this.partial, `${randomBytes(16).toString('hex')}.part`);
    let handle: FileHandle | undefined;
    let size = 0;
    try {
      await mkdir(this.partial, { recursive: true, mode: 0o700 });
      handle = await open(temp, 'wx', 0o600);
      const chunks: AsyncIterable<Buffer> | Buffer[] = Buffer.isBuffer(content) ? [content] : content;
      for await (const chunk of chunks) {
        size += chunk.length;
        if (size > maxBytes) throw new FileTooLargeError(maxBytes);
        await handle.write(chunk);
      }
      await handle.sync();
      await handle.close();
      handle = undefined;
      await mkdir(dir, { recursive: true, mode: 0o700 });
      await rename(temp, path);
      await syncDirectory(dir);
      return { size };
    } catch (error) {
      await handle?.close().catch(() => undefined);
      await unlink(temp).catch(() => undefined);
      throw fileStorageFault(error);
    }
  }

  async get(id: string): Promise<Buffer | undefined> {
    const { path } = this.pathOf(id);
    try {
      return await readFile(path);
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw fileStorageFault(error);
    }
  }

  async open(id: string): Promise<Readable | undefined> {
    const { path } = this.pathOf(id);
    try {
      // Opened first, so a missing file is known before anything is answered.
      const handle = await open(path, 'r');
      // The stream closes the handle when it ends or is destroyed.
      return handle.createReadStream({ highWaterMark: 64 * 1024 });
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw fileStorageFault(error);
    }
  }

  async delete(id: string): Promise<void> {
    const { dir, path } = this.pathOf(id);
    try {
      await unlink(path);
      await syncDirectory(dir);
    } catch (error) {
      if (!isMissing(error)) throw fileStorageFault(error);
    }
  }

  async exists(id: string): Promise<boolean> {
    const { path } = this.pathOf(id);
    try {
      return (await stat(path)).isFile();
    } catch (error) {
      if (isMissing(error)) return false;
      throw fileStorageFault(error);
    }
  }

  /** Removes what writes stopped by a crash left behind (older than an hour: another instance may be writing now). */
  async sweepPartial(now = Date.now()): Promise<number> {
    let removed = 0;
    let names: string[];
    try {
      names = await readdir(this.partial);
    } catch (error) {
      if (isMissing(error)) return 0;
      throw error;
    }
    for (const name of names) {
      const path = join(this.partial, name);
      try {
        if (now - (await stat(path)).mtimeMs < STALE_PARTIAL_MS) continue;
        await unlink(path);
        removed++;
      } catch (error) {
        if (!isMissing(error)) throw error;
      }
    }
    return removed;
  }
}

/** Flushes a directory's entries, so a rename or an unlink in it survives a crash. */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
