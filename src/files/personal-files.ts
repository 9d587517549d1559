import { Inject, Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, createHash, randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { DATA_KEY_STORE } from '../infrastructure/tokens';
import type { DataKeyStore } from '../personal-data/key-store';
import { FILE_STORE, type FileStore, FileTooLargeError, MAX_FILE_BYTES, MAX_STORED_BYTES } from './file-store';

/** What a stored file is: its opaque id, the sha-256 of its plain bytes (hex) and their number. */
export interface StoredFile {
  fileId: string;
  sha256: string;
  size: number;
}

/** What a reader gets once the person's data key is shredded: the file is there no more, in any readable form. */
export interface Shredded {
  shredded: true;
}

export const isShredded = (value: unknown): value is Shredded =>
  typeof value === 'object' && value !== null && (value as Partial<Shredded>).shredded === true;

/** No file under this id (never stored, or removed). */
export class FileMissingError extends Error {
  constructor() {
    super('no such file');
    this.name = 'FileMissingError';
  }
}

/** The stored bytes do not decrypt: changed, cut short, or under another key. Nothing of them is given out. */
export class FileUnreadableError extends Error {
  constructor(reason: string) {
    super(`the stored file cannot be decrypted: ${reason}`);
    this.name = 'FileUnreadableError';
  }
}

/** A file cannot be stored under a key the key store no longer holds (the person's data was culled). */
export class DataKeyGoneError extends Error {
  constructor() {
    super('the data key is gone');
    this.name = 'DataKeyGoneError';
  }
}

/**
 * The stored form: a header ("FUTF", version 1, an 8-byte random nonce
 * prefix), then the plain bytes in chunks of 64 KiB, each encrypted on its own
 * with AES-256-GCM under the person's data key (nonce: the prefix and the
 * chunk's number; authenticated with the header, the file id, the chunk's
 * number and whether it is the last). So a file is written and read as a
 * stream in bounded memory, every chunk is authenticated before any of it is
 * given out, and a file cut short, reordered or moved to another id does not
 * decrypt.
 */
const MAGIC = Buffer.from('FUTF');
const VERSION = 1;
const HEADER_BYTES = MAGIC.length + 1 + 8;
const CHUNK = 64 * 1024;
const TAG = 16;

function nonceOf(prefix: Buffer, index: number): Buffer {
  const nonce = Buffer.alloc(12);
  prefix.copy(nonce, 0);
  nonce.writeUInt32BE(index, 8);
  return nonce;
}

function aadOf(header: Buffer, fileId: string, index: number, last: boolean): Buffer {
  const tail = Buffer.alloc(5);
  tail.writeUInt32BE(index, 0);
  tail[4] = last ? 1 : 0;
  return Buffer.concat([header, Buffer.from(fileId, 'utf8'), tail]);
}

function sealChunk(key: Buffer, header: Buffer, fileId: string, index: number, last: boolean, plain: Buffer): Buffer {
  const cipher = createCipheriv('aes-256-gcm', key, nonceOf(header.subarray(MAGIC.length + 1), index));
  cipher.setAAD(aadOf(header, fileId, index, last));
  return Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
}

function openChunk(key: Buffer, header: Buffer, fileId: string, index: number, last: boolean, sealed: Buffer): Buffer {
  if (sealed.length < TAG) throw new FileUnreadableError('cut short');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonceOf(header.subarray(MAGIC.length + 1), index));
    decipher.setAAD(aadOf(header, fileId, index, last));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG));
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG)), decipher.final()]);
  } catch {
    throw new FileUnreadableError(last ? 'changed or cut short' : 'changed');
  }
}

const toChunks = (content: Buffer | AsyncIterable<Buffer>): AsyncIterable<Buffer> =>
  Buffer.isBuffer(content)
    ? (async function* () {
        yield content;
      })()
    : content;

/**
 * Personal files (attachments, issued documents): encrypted with the data key
 * of the person the case is about (the case's `dataKeyId`, the key its
 * personal fields are encrypted with), so shredding that key at culling makes
 * every file of the person unreadable too, wherever a copy of the stored bytes
 * went. The store sees only ciphertext under a random id; the sha-256 is of the
 * plain bytes, to record in the case's event and check against.
 */
@Injectable()
export class PersonalFiles {
  constructor(
    @Inject(FILE_STORE) private readonly files: FileStore,
    @Inject(DATA_KEY_STORE) private readonly keys: DataKeyStore,
  ) {}

  /**
   * Encrypts and stores the bytes (a Buffer, or a stream read as it comes: at
   * most `maxBytes`, default 25 MB, else FileTooLargeError and nothing is kept).
   */
  async store(
    keyId: string,
    content: Buffer | AsyncIterable<Buffer>,
    options: { maxBytes?: number } = {},
  ): Promise<StoredFile> {
    const key = this.keys.key(keyId);
    if (!key) throw new DataKeyGoneError();
    const maxBytes = options.maxBytes ?? MAX_FILE_BYTES;
    const fileId = randomUUID();
    const header = Buffer.concat([MAGIC, Buffer.from([VERSION]), randomBytes(8)]);
    const hash = createHash('sha256');
    let size = 0;
    async function* sealed(): AsyncGenerator<Buffer> {
      yield header;
      let pending: Buffer = Buffer.alloc(0);
      let index = 0;
      for await (const chunk of toChunks(content)) {
        size += chunk.length;
        if (size > maxBytes) throw new FileTooLargeError(maxBytes);
        hash.update(chunk);
        pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
        // A chunk is sealed as "not the last" only once more bytes are known to follow it.
        while (pending.length > CHUNK) {
          yield sealChunk(key!, header, fileId, index++, false, pending.subarray(0, CHUNK));
          pending = pending.subarray(CHUNK);
        }
      }
      yield sealChunk(key!, header, fileId, index, true, pending);
    }
    await this.files.put(fileId, sealed(), { maxBytes: Math.max(MAX_STORED_BYTES, storedSize(maxBytes)) });
    return { fileId, sha256: hash.digest('hex'), size };
  }

  /** The plain bytes, or `{ shredded: true }` once the key is gone. FileMissingError when there is no such file. */
  async read(fileId: string, keyId: string): Promise<Buffer | Shredded> {
    const key = this.keys.key(keyId);
    if (!key) return { shredded: true };
    const stored = await this.files.get(fileId);
    if (!stored) throw new FileMissingError();
    const header = headerOf(stored);
    const body = stored.subarray(HEADER_BYTES);
    const count = Math.max(1, Math.ceil(body.length / (CHUNK + TAG)));
    const plain: Buffer[] = [];
    for (let i = 0; i < count; i++)
      plain.push(
        openChunk(key, header, fileId, i, i === count - 1, body.subarray(i * (CHUNK + TAG), (i + 1) * (CHUNK + TAG))),
      );
    return Buffer.concat(plain);
  }

  /**
   * The plain bytes as a stream in bounded memory (for downloads), or
   * `{ shredded: true }`. Each chunk is authenticated before it is given out;
   * a stored file found changed or cut short ends the stream with FileUnreadableError.
   */
  async open(fileId: string, keyId: string): Promise<Readable | Shredded> {
    const key = this.keys.key(keyId);
    if (!key) return { shredded: true };
    const stored = await this.files.open(fileId);
    if (!stored) throw new FileMissingError();
    async function* plain(): AsyncGenerator<Buffer> {
      let pending: Buffer = Buffer.alloc(0);
      let header: Buffer | undefined;
      let index = 0;
      try {
        for await (const chunk of stored as AsyncIterable<Buffer>) {
          pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
          if (!header) {
            if (pending.length < HEADER_BYTES) continue;
            header = headerOf(pending);
            pending = pending.subarray(HEADER_BYTES);
          }
          // A chunk is the last only when nothing follows it.
          while (pending.length > CHUNK + TAG) {
            yield openChunk(key!, header, fileId, index++, false, pending.subarray(0, CHUNK + TAG));
            pending = pending.subarray(CHUNK + TAG);
          }
        }
        if (!header) throw new FileUnreadableError('no header');
        yield openChunk(key!, header, fileId, index, true, pending);
      } finally {
        (stored as Readable).destroy();
      }
    }
    return Readable.from(plain(), { objectMode: false });
  }

  /** Removes the stored file (at culling); no error when it is gone already. */
  async remove(fileId: string): Promise<void> {
    await this.files.delete(fileId);
  }

  exists(fileId: string): Promise<boolean> {
    return this.files.exists(fileId);
  }
}

function headerOf(stored: Buffer): Buffer {
  if (stored.length < HEADER_BYTES || !stored.subarray(0, MAGIC.length).equals(MAGIC))
    throw new FileUnreadableError('not a stored file');
  if (stored[MAGIC.length] !== VERSION) throw new FileUnreadableError(`version ${stored[MAGIC.length]}`);
  return Buffer.from(stored.subarray(0, HEADER_BYTES));
}

/** The stored size of `plain` bytes: the header and a tag per chunk. */
function storedSize(plain: number): number {
  return HEADER_BYTES + plain + TAG * Math.max(1, Math.ceil(plain / CHUNK));
}
