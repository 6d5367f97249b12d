import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

/**
 * Where attachment bytes live, addressed by the SHA-256 of their content. Content addressing
 * makes `put` idempotent (the same bytes always land in the same place) and lets an S3-compatible
 * store replace the local directory without touching the use cases.
 */
export interface BlobStorage {
  /** Stores `bytes` under `sha256` (their hex SHA-256); storing the same bytes again is a no-op. */
  put(sha256: string, bytes: Buffer): Promise<void>;
  /** The whole blob, or undefined when there is none. */
  get(sha256: string): Promise<Buffer | undefined>;
  /** The blob as a stream (large videos need not sit in memory), or undefined. */
  stream(sha256: string): Promise<Readable | undefined>;
  has(sha256: string): Promise<boolean>;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

function checkKey(sha256: string): void {
  // The key becomes a file name: anything but 64 lowercase hex digits could escape the directory.
  if (!SHA256_HEX.test(sha256)) throw new Error('A blob key must be a lowercase hex SHA-256.');
}

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException)?.code === 'ENOENT';

/**
 * Blobs as files `<dir>/<first two hex digits>/<sha256>`. A blob is written to a temporary file in
 * the same directory, flushed to disk, then renamed into place: a rename is atomic, so a crash
 * leaves either no blob or the whole blob, never half a file under its final name.
 */
export class LocalDirectoryStorage implements BlobStorage {
  constructor(readonly dir: string) {}

  private pathOf(sha256: string): { folder: string; file: string } {
    checkKey(sha256);
    const folder = join(this.dir, sha256.slice(0, 2));
    return { folder, file: join(folder, sha256) };
  }

  async put(sha256: string, bytes: Buffer): Promise<void> {
    const { folder, file } = this.pathOf(sha256);
    if (createHash('sha256').update(bytes).digest('hex') !== sha256) {
      throw new Error('The bytes do not match their SHA-256 key.');
    }
    if (await this.has(sha256)) return;
    await mkdir(folder, { recursive: true });
    const temp = join(folder, `.${sha256}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      const handle = await open(temp, 'wx', 0o640);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, file);
    } catch (error) {
      await unlink(temp).catch(() => {});
      throw error;
    }
  }

  async get(sha256: string): Promise<Buffer | undefined> {
    const { file } = this.pathOf(sha256);
    try {
      return await readFile(file);
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async stream(sha256: string): Promise<Readable | undefined> {
    const { file } = this.pathOf(sha256);
    // Open first, so a missing blob is reported here rather than as a stream error mid-answer.
    try {
      const handle = await open(file, 'r');
      // The stream closes the file when it ends or is destroyed.
      return handle.createReadStream();
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async has(sha256: string): Promise<boolean> {
    const { file } = this.pathOf(sha256);
    try {
      return (await stat(file)).isFile();
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }
}

/** The configured store: the local directory (an S3-compatible store can be chosen here later). */
export function createBlobStorage(config: { attachmentsDir: string }): BlobStorage {
  return new LocalDirectoryStorage(config.attachmentsDir);
}
