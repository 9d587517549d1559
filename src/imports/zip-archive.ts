import { createInflateRaw } from 'node:zlib';

/** One file of a zip archive, as its central directory describes it. */
export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  /** What the archive says the entry unpacks to; reading stops at one byte more. */
  size: number;
  dataStart: number;
}

/** The archive cannot be read: not a zip file, damaged, encrypted, or an entry unpacks to more than it says. */
export class ZipError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipError';
  }
}

const EOCD = 0x06054b50;
const ZIP64_EOCD_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** An xlsx file has a few dozen parts; more is not a workbook. */
const MAX_ENTRIES = 10_000;
const CHUNK = 64 * 1024;

/**
 * Reads a zip archive held in memory from its central directory, so that the
 * sizes its parts unpack to are known before any is inflated, and inflates a
 * part as a stream that stops as soon as it gives more than it declared: a
 * zip bomb is refused from its directory, or cut at its first lie.
 */
export class ZipArchive {
  private constructor(
    private readonly content: Buffer,
    private readonly entries: Map<string, ZipEntry>,
  ) {}

  static open(content: Buffer): ZipArchive {
    const end = findEndOfCentralDirectory(content);
    let count = content.readUInt16LE(end + 10);
    let directorySize = content.readUInt32LE(end + 12);
    let offset = content.readUInt32LE(end + 16);
    if (count === 0xffff || directorySize === 0xffffffff || offset === 0xffffffff) {
      const locator = end - 20;
      if (locator < 0 || content.readUInt32LE(locator) !== ZIP64_EOCD_LOCATOR) throw new ZipError('no zip64 directory');
      const at = safeNumber(content.readBigUInt64LE(locator + 8));
      if (at + 56 > content.length || content.readUInt32LE(at) !== ZIP64_EOCD)
        throw new ZipError('bad zip64 directory');
      count = safeNumber(content.readBigUInt64LE(at + 32));
      directorySize = safeNumber(content.readBigUInt64LE(at + 40));
      offset = safeNumber(content.readBigUInt64LE(at + 48));
    }
    if (count > MAX_ENTRIES) throw new ZipError(`more than ${MAX_ENTRIES} entries`);
    if (offset + directorySize > content.length) throw new ZipError('the central directory lies outside the file');
    const entries = new Map<string, ZipEntry>();
    let p = offset;
    for (let i = 0; i < count; i++) {
      if (p + 46 > content.length || content.readUInt32LE(p) !== CENTRAL) throw new ZipError('bad central directory');
      const flags = content.readUInt16LE(p + 8);
      const method = content.readUInt16LE(p + 10);
      let compressedSize = content.readUInt32LE(p + 20);
      let size = content.readUInt32LE(p + 24);
      const nameLength = content.readUInt16LE(p + 28);
      const extraLength = content.readUInt16LE(p + 30);
      const commentLength = content.readUInt16LE(p + 32);
      let localOffset = content.readUInt32LE(p + 42);
      const name = content.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLength);
      // Zip64: the sizes that do not fit in 32 bits follow in this order in the extra field.
      if (size === 0xffffffff || compressedSize === 0xffffffff || localOffset === 0xffffffff) {
        const zip64 = zip64Extra(content, p + 46 + nameLength, extraLength);
        let q = 0;
        const next = (): number => {
          if (!zip64 || q + 8 > zip64.length) throw new ZipError('bad zip64 sizes');
          const v = safeNumber(zip64.readBigUInt64LE(q));
          q += 8;
          return v;
        };
        if (size === 0xffffffff) size = next();
        if (compressedSize === 0xffffffff) compressedSize = next();
        if (localOffset === 0xffffffff) localOffset = next();
      }
      if (flags & 0x1) throw new ZipError('encrypted');
      if (localOffset + 30 > content.length || content.readUInt32LE(localOffset) !== LOCAL)
        throw new ZipError('bad local header');
      const dataStart =
        localOffset + 30 + content.readUInt16LE(localOffset + 26) + content.readUInt16LE(localOffset + 28);
      if (dataStart + compressedSize > content.length) throw new ZipError('an entry lies outside the file');
      entries.set(name, { name, method, compressedSize, size, dataStart });
      p += 46 + nameLength + extraLength + commentLength;
    }
    return new ZipArchive(content, entries);
  }

  entry(name: string): ZipEntry | undefined {
    return this.entries.get(name);
  }

  /**
   * The entry's bytes as they unpack, in chunks. Throws ZipError once it gives
   * more than its declared size, so nothing beyond the declared size is ever
   * inflated; `onChunk` sees each chunk's size first (to count, or to stop).
   */
  async *read(entry: ZipEntry, onChunk: (bytes: number) => void = () => undefined): AsyncGenerator<Buffer> {
    const data = this.content.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
    if (entry.method === 0) {
      if (data.length !== entry.size) throw new ZipError(`${entry.name} is not the size it declares`);
      for (let i = 0; i < data.length; i += CHUNK) {
        const chunk = data.subarray(i, i + CHUNK);
        onChunk(chunk.length);
        yield chunk;
      }
      return;
    }
    if (entry.method !== 8) throw new ZipError(`${entry.name} is compressed with method ${entry.method}`);
    const inflater = createInflateRaw({ chunkSize: CHUNK });
    let given = 0;
    // Fed in slices as it is read: the inflater never runs far ahead of the reader.
    const feed = async (): Promise<void> => {
      for (let i = 0; i < data.length && !inflater.destroyed; i += CHUNK) {
        if (!inflater.write(data.subarray(i, i + CHUNK)))
          await new Promise<void>((resolve) => {
            const done = (): void => {
              inflater.off('drain', done);
              inflater.off('close', done);
              resolve();
            };
            inflater.on('drain', done);
            inflater.on('close', done);
          });
      }
      if (!inflater.destroyed) inflater.end();
    };
    const feeding = feed();
    try {
      for await (const chunk of inflater as AsyncIterable<Buffer>) {
        given += chunk.length;
        if (given > entry.size)
          throw new ZipError(`${entry.name} unpacks to more than the ${entry.size} bytes it declares`);
        onChunk(chunk.length);
        yield chunk;
      }
    } catch (error) {
      if (error instanceof ZipError) throw error;
      throw new ZipError(`${entry.name} cannot be inflated: ${(error as Error).message}`);
    } finally {
      inflater.destroy();
      await feeding;
    }
    if (given !== entry.size) throw new ZipError(`${entry.name} is not the size it declares`);
  }
}

function findEndOfCentralDirectory(content: Buffer): number {
  // The record is 22 bytes and may be followed by a comment of up to 65 535 bytes.
  const stop = Math.max(0, content.length - 22 - 0xffff);
  for (let p = content.length - 22; p >= stop; p--) if (content.readUInt32LE(p) === EOCD) return p;
  throw new ZipError('not a zip archive');
}

function zip64Extra(content: Buffer, start: number, length: number): Buffer | undefined {
  for (let p = start; p + 4 <= start + length;) {
    const id = content.readUInt16LE(p);
    const size = content.readUInt16LE(p + 2);
    if (id === 0x0001) return content.subarray(p + 4, p + 4 + size);
    p += 4 + size;
  }
  return undefined;
}

function safeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipError('a size beyond what any file holds');
  return Number(value);
}
