/**
 * The content store: blobs addressed by their sha256 digest under `${root}/blobs/sha256/<hex>`,
 * as in an OCI image layout. Every write is hashed while it streams into a temporary file under
 * `${root}/ingest/`, synced, and renamed into place only when the digest (and size, when known)
 * match, so a blob in place is always whole and correct. Concurrent writers of the same blob each
 * write their own temporary file; the rename is atomic and both carry the same bytes.
 *
 * @module
 */
import { createHash, randomBytes, type Hash } from 'node:crypto';
import { createReadStream, promises as fs, type ReadStream } from 'node:fs';
import * as path from 'node:path';
import { digestHex, isDigest, type Digest } from './digest.js';
import { ImageError } from './errors.js';

/** A blob's digest and size. */
export interface BlobInfo {
  digest: Digest;
  sizeBytes: number;
}

/** A blob just written: `created` is false when the store already held it. */
export interface WrittenBlob extends BlobInfo {
  created: boolean;
}

/** Options of {@link ContentStore.write}. */
export interface WriteBlobOptions {
  /** The digest the content must have; a mismatch throws and nothing is stored. */
  expected?: Digest;
  /** The size the content must have. */
  expectedSizeBytes?: number;
  /** Called after each chunk with the bytes written so far. */
  onProgress?: (bytes: number) => void;
  signal?: AbortSignal;
}

function mismatch(expected: Digest, actual: string, what: string): ImageError {
  return new ImageError(
    'IMAGE_DIGEST_MISMATCH',
    `Digest mismatch for ${what}: expected "${expected}", got "${actual}"`,
    { details: { expected, actual } },
  );
}

/** A content-addressed blob store rooted at a directory. */
export class ContentStore {
  readonly root: string;
  readonly #ingestDir: string;
  readonly #blobDir: string;

  constructor(root: string) {
    this.root = root;
    this.#ingestDir = path.join(root, 'ingest');
    this.#blobDir = path.join(root, 'blobs', 'sha256');
  }

  /** Creates the directories. */
  async init(): Promise<void> {
    await fs.mkdir(this.#ingestDir, { recursive: true });
    await fs.mkdir(this.#blobDir, { recursive: true });
  }

  /** The file holding a blob. */
  path(digest: Digest): string {
    return path.join(this.#blobDir, digestHex(digest));
  }

  /** The size of a stored blob, or undefined when absent. */
  async stat(digest: Digest): Promise<number | undefined> {
    try {
      return (await fs.stat(this.path(digest))).size;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  /** True when the blob is stored. */
  async has(digest: Digest): Promise<boolean> {
    return (await this.stat(digest)) !== undefined;
  }

  /** Every stored digest. */
  async list(): Promise<Digest[]> {
    const names = await fs.readdir(this.#blobDir).catch(() => [] as string[]);
    return names.map((n) => `sha256:${n}`).filter(isDigest);
  }

  /**
   * Streams `chunks` into the store, hashing as it writes.
   *
   * @throws {ImageError} IMAGE_DIGEST_MISMATCH when `expected` or `expectedSizeBytes` do not match.
   */
  async write(
    chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
    options: WriteBlobOptions = {},
  ): Promise<WrittenBlob> {
    const tmp = path.join(this.#ingestDir, `tmp-${randomBytes(8).toString('hex')}`);
    const hash = createHash('sha256');
    let size = 0;
    const handle = await fs.open(tmp, 'wx', 0o644);
    try {
      for await (const chunk of chunks) {
        options.signal?.throwIfAborted();
        hash.update(chunk);
        await handle.write(chunk);
        size += chunk.length;
        options.onProgress?.(size);
      }
      await handle.sync();
    } catch (err) {
      await handle.close();
      await fs.rm(tmp, { force: true });
      throw err;
    }
    await handle.close();
    return this.#commit(tmp, hash, size, options);
  }

  /** Stores a buffer. */
  async writeBuffer(data: Uint8Array, options: WriteBlobOptions = {}): Promise<WrittenBlob> {
    return this.write([data], options);
  }

  /**
   * Moves a finished temporary file into place when its hash matches.
   *
   * @throws {ImageError} IMAGE_DIGEST_MISMATCH (and removes the file) otherwise.
   */
  async #commit(
    tmp: string,
    hash: Hash,
    size: number,
    options: WriteBlobOptions,
  ): Promise<WrittenBlob> {
    const digest: Digest = `sha256:${hash.digest('hex')}`;
    const what = options.expected === undefined ? 'blob' : `blob "${options.expected}"`;
    if (options.expected !== undefined && digest !== options.expected) {
      await fs.rm(tmp, { force: true });
      throw mismatch(options.expected, digest, what);
    }
    if (options.expectedSizeBytes !== undefined && size !== options.expectedSizeBytes) {
      await fs.rm(tmp, { force: true });
      throw new ImageError(
        'IMAGE_DIGEST_MISMATCH',
        `Size mismatch for ${what}: expected ${options.expectedSizeBytes} bytes, got ${size}`,
      );
    }
    // link() rather than rename(): it tells whether the blob was already there (EEXIST), so a
    // rejected load can remove exactly the blobs it added.
    let created = true;
    try {
      await fs.link(tmp, this.path(digest));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
        await fs.rm(tmp, { force: true });
        throw err;
      }
      created = false;
    }
    await fs.rm(tmp, { force: true });
    return { digest, sizeBytes: size, created };
  }

  /**
   * Downloads a blob with resumption: `fetchFrom(offset)` returns the bytes from `offset` on.
   * A broken transfer is retried from where it stopped, up to `maxAttempts` times. The partial
   * file is keyed by digest, so callers must not run two of these for one digest at once (the
   * image service serializes them).
   *
   * @throws {ImageError} IMAGE_DIGEST_MISMATCH when the whole content does not match.
   */
  async writeResumable(
    expected: Digest,
    fetchFrom: (offsetBytes: number) => Promise<AsyncIterable<Uint8Array> | Iterable<Uint8Array>>,
    options: WriteBlobOptions & { maxAttempts: number; expectedSizeBytes: number },
  ): Promise<WrittenBlob> {
    const partial = path.join(this.#ingestDir, `partial-${digestHex(expected)}`);
    const hash = createHash('sha256');
    let size = 0;
    // A partial file left by an earlier run: hash what is there and continue after it.
    try {
      for await (const chunk of createReadStream(partial)) {
        hash.update(chunk as Buffer);
        size += (chunk as Buffer).length;
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    if (size > options.expectedSizeBytes) {
      await fs.rm(partial, { force: true });
      hash.destroy();
      return this.writeResumable(expected, fetchFrom, options);
    }
    let lastError: unknown;
    for (
      let attempt = 0;
      attempt < options.maxAttempts && size < options.expectedSizeBytes;
      attempt++
    ) {
      options.signal?.throwIfAborted();
      const handle = await fs.open(partial, 'a', 0o644);
      try {
        for await (const chunk of await fetchFrom(size)) {
          options.signal?.throwIfAborted();
          hash.update(chunk);
          await handle.write(chunk);
          size += chunk.length;
          options.onProgress?.(size);
        }
        await handle.sync();
        lastError = undefined;
      } catch (err) {
        // Only transfer failures are worth a retry; refusals (404, auth, bad digest) are final.
        if (options.signal?.aborted === true) throw err;
        if (err instanceof ImageError && err.code !== 'IMAGE_REGISTRY') throw err;
        lastError = err;
      } finally {
        await handle.close();
      }
    }
    if (size < options.expectedSizeBytes) {
      throw new ImageError(
        'IMAGE_REGISTRY',
        `Cannot download blob "${expected}": transfer stopped at ${size} of ${options.expectedSizeBytes} bytes after ${options.maxAttempts} attempts`,
        { cause: lastError },
      );
    }
    return this.#commit(partial, hash, size, { ...options, expected });
  }

  /** Opens a blob for reading, optionally only bytes `startBytes`..`endBytes` (inclusive). */
  openRead(digest: Digest, startBytes = 0, endBytes?: number): ReadStream {
    return createReadStream(this.path(digest), {
      start: startBytes,
      ...(endBytes === undefined ? {} : { end: endBytes }),
    });
  }

  /**
   * Reads a whole blob (at most `maxBytes`) and checks its digest.
   *
   * @throws {ImageError} IMAGE_NOT_FOUND when absent, IMAGE_DIGEST_MISMATCH when corrupted.
   */
  async readVerified(digest: Digest, maxBytes: number): Promise<Buffer> {
    let data: Buffer;
    try {
      const size = (await fs.stat(this.path(digest))).size;
      if (size > maxBytes) {
        throw new ImageError(
          'IMAGE_INVALID',
          `Blob "${digest}" is ${size} bytes: over the ${maxBytes} byte limit for metadata`,
        );
      }
      data = await fs.readFile(this.path(digest));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new ImageError(
          'IMAGE_NOT_FOUND',
          `Blob "${digest}" is missing from the content store`,
        );
      }
      throw err;
    }
    const actual = `sha256:${createHash('sha256').update(data).digest('hex')}`;
    if (actual !== digest) throw mismatch(digest, actual, `stored blob "${digest}" (corrupted)`);
    return data;
  }

  /** Reads and parses a JSON blob, verifying its digest. */
  async readJson(digest: Digest, maxBytes: number): Promise<unknown> {
    const data = await this.readVerified(digest, maxBytes);
    try {
      return JSON.parse(data.toString('utf8')) as unknown;
    } catch (err) {
      throw new ImageError('IMAGE_INVALID', `Blob "${digest}" is not valid JSON`, { cause: err });
    }
  }

  /** Deletes a blob (no error when absent). */
  async delete(digest: Digest): Promise<void> {
    await fs.rm(this.path(digest), { force: true });
  }

  /**
   * Removes temporary files left by interrupted writes; with `partials`, also the partial
   * downloads kept for resumption (only when no download runs).
   */
  async cleanIngest(options: { partials?: boolean } = {}): Promise<void> {
    const names = await fs.readdir(this.#ingestDir).catch(() => [] as string[]);
    for (const n of names) {
      if (n.startsWith('tmp-') || (options.partials === true && n.startsWith('partial-'))) {
        await fs.rm(path.join(this.#ingestDir, n), { force: true });
      }
    }
  }
}
