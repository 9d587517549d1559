import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { SqliteDataKeyStore } from '../personal-data/key-store';
import { MasterKey } from '../personal-data/master-key';
import { FileTooLargeError, InvalidFileIdError, MAX_FILE_BYTES } from './file-store';
import { FilesystemFileStore } from './filesystem-file-store';
import { FileMissingError, FileUnreadableError, PersonalFiles, isShredded } from './personal-files';

/** Every file under a directory, with its bytes. */
function everyFile(dir: string): Array<{ path: string; bytes: Buffer }> {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => {
      const path = join(e.parentPath ?? (e as unknown as { path: string }).path, e.name);
      return { path, bytes: readFileSync(path) };
    });
}

async function* slowly(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function drain(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('personal files: encrypted with the person’s data key, on the filesystem', () => {
  let dir: string;
  let keys: SqliteDataKeyStore;
  let store: FilesystemFileStore;
  let files: PersonalFiles;
  let keyId: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'fut-files-'));
    keys = new SqliteDataKeyStore(join(dir, 'keys.db'), MasterKey.load(Buffer.alloc(32, 7), dir).masterKey);
    store = new FilesystemFileStore(join(dir, 'files'));
    files = new PersonalFiles(store, keys);
    keyId = keys.newKeyId();
  });
  afterEach(() => {
    keys.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['empty', 0],
    ['one byte', 1],
    ['exactly one chunk', 64 * 1024],
    ['one chunk and a byte', 64 * 1024 + 1],
    ['exactly three chunks', 3 * 64 * 1024],
    ['a few megabytes', 3 * 1024 * 1024 + 17],
  ])('round-trips %s byte for byte, with the sha-256 of the plain bytes', async (_, length) => {
    const plain = randomBytes(length);
    const stored = await files.store(keyId, plain);
    expect(stored.size).toBe(length);
    expect(stored.sha256).toBe(createHash('sha256').update(plain).digest('hex'));
    expect(stored.fileId).toMatch(/^[0-9a-f-]{36}$/);
    const read = await files.read(stored.fileId, keyId);
    expect(Buffer.isBuffer(read) && read.equals(plain)).toBe(true);
    const streamed = await files.open(stored.fileId, keyId);
    expect(isShredded(streamed)).toBe(false);
    expect((await drain(streamed as NodeJS.ReadableStream)).equals(plain)).toBe(true);
  });

  it('stores a stream as it comes, in pieces of any size, the same as a buffer', async () => {
    const plain = randomBytes(300_001);
    const stored = await files.store(keyId, slowly(plain, 7_777));
    expect(stored.size).toBe(plain.length);
    expect(((await files.read(stored.fileId, keyId)) as Buffer).equals(plain)).toBe(true);
  });

  it('never writes the plain bytes: a marker in the file is nowhere on disk, and the store holds ciphertext only', async () => {
    const marker = 'MARKER-Bilaga-7f3a9c-Åsa Öberg 19850101-1234';
    const plain = Buffer.from(`%PDF-1.4\n${marker}\n`.repeat(5000));
    await files.store(keyId, plain);
    await files.store(keyId, slowly(plain, 1000));
    const all = everyFile(dir);
    expect(all.length).toBeGreaterThan(2);
    for (const { bytes } of all) {
      expect(bytes.includes(Buffer.from(marker))).toBe(false);
      expect(bytes.includes(Buffer.from(marker, 'utf16le'))).toBe(false);
      expect(bytes.includes(Buffer.from('%PDF'))).toBe(false);
    }
    // 0600 files in 0700 directories.
    for (const { path } of everyFile(join(dir, 'files'))) expect(statSync(path).mode & 0o077).toBe(0);
    expect(statSync(join(dir, 'files')).mode & 0o077).toBe(0);
  });

  it('after the key is shredded a read gives shredded, as a buffer and as a stream', async () => {
    const stored = await files.store(keyId, Buffer.from('bevis'));
    keys.shred([keyId]);
    expect(await files.read(stored.fileId, keyId)).toEqual({ shredded: true });
    expect(await files.open(stored.fileId, keyId)).toEqual({ shredded: true });
    // And another file under another key is untouched.
    const other = keys.newKeyId();
    const kept = await files.store(other, Buffer.from('annat'));
    expect(((await files.read(kept.fileId, other)) as Buffer).toString()).toBe('annat');
  });

  it('refuses more than 25 MB and keeps nothing of it, whether given whole or as a stream', async () => {
    const tooLarge = Buffer.alloc(MAX_FILE_BYTES + 1, 1);
    await expect(files.store(keyId, tooLarge)).rejects.toBeInstanceOf(FileTooLargeError);
    await expect(files.store(keyId, slowly(tooLarge, 1024 * 1024))).rejects.toBeInstanceOf(FileTooLargeError);
    expect(everyFile(join(dir, 'files'))).toEqual([]);
    // Exactly the limit is taken.
    const atLimit = await files.store(keyId, slowly(Buffer.alloc(MAX_FILE_BYTES, 2), 1024 * 1024));
    expect(atLimit.size).toBe(MAX_FILE_BYTES);
  });

  it('a write stopped part-way (the source fails) leaves nothing visible under any id', async () => {
    async function* failing(): AsyncGenerator<Buffer> {
      yield randomBytes(200_000);
      throw new Error('the client went away');
    }
    await expect(files.store(keyId, failing())).rejects.toThrow('the client went away');
    expect(everyFile(join(dir, 'files'))).toEqual([]);
  });

  it('a file being written is not there under its id until it is whole', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const id = 'fedcba9876543210-1111';
    async function* halting(): AsyncGenerator<Buffer> {
      yield Buffer.alloc(100_000, 1);
      await gate;
      yield Buffer.alloc(100_000, 2);
    }
    const writing = store.put(id, halting());
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await store.exists(id)).toBe(false);
    expect(await store.get(id)).toBeUndefined();
    expect(await store.open(id)).toBeUndefined();
    release();
    expect(await writing).toEqual({ size: 200_000 });
    expect((await store.get(id))!.length).toBe(200_000);
  });

  it('a torn write a crash left in .partial is never read as a file, and is swept at the next start', async () => {
    expect(await store.sweepPartial()).toBe(0); // no folder yet: a service that keeps no file has none
    expect(existsSync(join(dir, 'files'))).toBe(false);
    mkdirSync(join(dir, 'files', '.partial'), { recursive: true });
    const partial = join(dir, 'files', '.partial', 'abc.part');
    writeFileSync(partial, 'half a file');
    // The sweep's clock and the files' times are set here: the machine's clock (or a shifted one) decides nothing.
    const now = Date.UTC(2030, 0, 15, 12, 0, 0);
    const old = new Date(now - 2 * 60 * 60 * 1000);
    utimesSync(partial, old, old);
    const fresh = join(dir, 'files', '.partial', 'def.part');
    writeFileSync(fresh, 'being written by another instance');
    const justNow = new Date(now - 1000);
    utimesSync(fresh, justNow, justNow);
    expect(await store.sweepPartial(now)).toBe(1);
    expect(readdirSync(join(dir, 'files', '.partial'))).toEqual(['def.part']);
  });

  it('a stored file cut short or changed is refused, never given out in part', async () => {
    const plain = randomBytes(3 * 64 * 1024 + 5);
    const { fileId } = await files.store(keyId, plain);
    const [{ path, bytes }] = everyFile(join(dir, 'files')).filter((f) => !f.path.includes('.partial'));
    // Cut at a chunk boundary: the chunk now last was not sealed as the last.
    writeFileSync(path, bytes.subarray(0, 13 + 2 * (64 * 1024 + 16)));
    await expect(files.read(fileId, keyId)).rejects.toBeInstanceOf(FileUnreadableError);
    const stream = (await files.open(fileId, keyId)) as NodeJS.ReadableStream;
    await expect(drain(stream)).rejects.toBeInstanceOf(FileUnreadableError);
    // One bit changed.
    const changed = Buffer.from(bytes);
    changed[100] ^= 1;
    writeFileSync(path, changed);
    await expect(files.read(fileId, keyId)).rejects.toBeInstanceOf(FileUnreadableError);
  });

  it('a file moved to another id does not decrypt there', async () => {
    const a = await files.store(keyId, Buffer.from('A'.repeat(100)));
    const b = await files.store(keyId, Buffer.from('B'.repeat(100)));
    const pathOf = (id: string) => join(dir, 'files', id.slice(0, 2), id);
    writeFileSync(pathOf(b.fileId), readFileSync(pathOf(a.fileId)));
    await expect(files.read(b.fileId, keyId)).rejects.toBeInstanceOf(FileUnreadableError);
  });

  it('removes a file; reading it then says it is missing; removing twice is no error', async () => {
    const { fileId } = await files.store(keyId, Buffer.from('x'));
    expect(await files.exists(fileId)).toBe(true);
    await files.remove(fileId);
    await files.remove(fileId);
    expect(await files.exists(fileId)).toBe(false);
    await expect(files.read(fileId, keyId)).rejects.toBeInstanceOf(FileMissingError);
    await expect(files.open(fileId, keyId)).rejects.toBeInstanceOf(FileMissingError);
  });

  it('takes only the ids it makes: never a path', async () => {
    for (const id of ['../keys.db', '..', 'a/b', '', 'AB'.repeat(10), '.partial']) {
      await expect(store.get(id)).rejects.toBeInstanceOf(InvalidFileIdError);
      await expect(store.put(id, Buffer.from('x'))).rejects.toBeInstanceOf(InvalidFileIdError);
      await expect(store.delete(id)).rejects.toBeInstanceOf(InvalidFileIdError);
    }
  });

  it('writes an id once', async () => {
    const id = '0123456789abcdef-0000';
    await store.put(id, Buffer.from('first'));
    await expect(store.put(id, Buffer.from('second'))).rejects.toThrow('exists');
    expect((await store.get(id))!.toString()).toBe('first');
  });
});
