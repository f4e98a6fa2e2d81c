/**
 * Unpacked layers: each layer is unpacked once per chain (OCI image-spec config.md "ChainID")
 * into `${root}/layers/<chain hex>/diff`, verified against both its blob digest (compressed
 * bytes) and its diff ID (uncompressed bytes) while it streams, and given a short link
 * `${root}/l/<id>` so overlay mount options stay short (as Docker's overlay2 driver does).
 * A layer is untrusted input: its blob size and its uncompressed size are capped.
 *
 * @module
 */
import { createHash, randomBytes, type Hash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { pipeline, Transform } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { ContentStore } from './content-store.js';
import { digestHex, type Digest } from './digest.js';
import { ImageError } from './errors.js';
import { extractLayer } from './extract.js';
import { KeyedMutex } from '../util/keyed-mutex.js';
import { capBytes, tooLarge } from './stream-caps.js';
import { imageLayerMaxBytes, imageLayerMaxUncompressedBytes } from '../util/limits.js';

/** One layer of an image: its blob and its uncompressed digest. */
export interface LayerRef {
  blob: Digest;
  diffId: Digest;
}

/** Chain IDs of a list of diff IDs, lowest layer first. */
export function chainIds(diffIds: readonly Digest[]): Digest[] {
  const out: Digest[] = [];
  for (const diffId of diffIds) {
    const parent = out[out.length - 1];
    out.push(
      parent === undefined
        ? diffId
        : `sha256:${createHash('sha256').update(`${parent} ${diffId}`).digest('hex')}`,
    );
  }
  return out;
}

function hasher(hash: Hash): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      cb(null, chunk);
    },
  });
}

async function isGzip(file: string): Promise<boolean> {
  const handle = await fs.open(file, 'r');
  try {
    const buf = Buffer.alloc(4);
    const { bytesRead } = await handle.read(buf, 0, 4, 0);
    if (bytesRead >= 4 && buf.readUInt32LE(0) === 0xfd2fb528) {
      throw new ImageError(
        'IMAGE_INVALID',
        'Layer is compressed with zstd, which is not supported',
      );
    }
    return bytesRead >= 2 && buf[0] === 0x1f && buf[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/** Options of {@link LayerStore}. */
export interface LayerStoreOptions {
  /** Cap on a layer blob as stored. Default {@link imageLayerMaxBytes}. */
  maxBytes?: number;
  /** Cap on a layer's uncompressed tar. Default {@link imageLayerMaxUncompressedBytes}. */
  maxUncompressedBytes?: number;
}

/** The store of unpacked layers. */
export class LayerStore {
  readonly #root: string;
  readonly #content: ContentStore;
  readonly #locks = new KeyedMutex();
  readonly #maxBytes: number;
  readonly #maxUncompressedBytes: number;

  /** @param root the image root (`${daemon root}/image`). */
  constructor(root: string, content: ContentStore, options: LayerStoreOptions = {}) {
    this.#root = root;
    this.#content = content;
    this.#maxBytes = options.maxBytes ?? imageLayerMaxBytes;
    this.#maxUncompressedBytes = options.maxUncompressedBytes ?? imageLayerMaxUncompressedBytes;
  }

  async init(): Promise<void> {
    await fs.mkdir(path.join(this.#root, 'layers'), { recursive: true });
    await fs.mkdir(path.join(this.#root, 'l'), { recursive: true });
    await fs.mkdir(path.join(this.#root, 'l', 'empty'), { recursive: true });
    // Unpacks interrupted by a crash leave temporary directories behind.
    for (const name of await fs.readdir(path.join(this.#root, 'layers'))) {
      if (name.includes('.tmp-'))
        await fs.rm(path.join(this.#root, 'layers', name), { recursive: true, force: true });
    }
  }

  /** The directory holding an unpacked layer's files. */
  diffDir(chainId: Digest): string {
    return path.join(this.#root, 'layers', digestHex(chainId), 'diff');
  }

  /** The short link (relative to the image root) of an unpacked layer, for overlay options. */
  async linkOf(chainId: Digest): Promise<string> {
    const id = (
      await fs.readFile(path.join(this.#root, 'layers', digestHex(chainId), 'link'), 'utf8')
    ).trim();
    return `l/${id}`;
  }

  /** True when the layer chain is unpacked. */
  async has(chainId: Digest): Promise<boolean> {
    return fs.stat(path.join(this.#root, 'layers', digestHex(chainId), 'link')).then(
      () => true,
      () => false,
    );
  }

  /** Every unpacked chain ID. */
  async list(): Promise<Digest[]> {
    const names = await fs.readdir(path.join(this.#root, 'layers')).catch(() => [] as string[]);
    return names.filter((n) => /^[0-9a-f]{64}$/.test(n)).map((n): Digest => `sha256:${n}`);
  }

  /**
   * Unpacks every layer of a chain that is not unpacked yet (each once, even under concurrent
   * calls). Returns the chain IDs, lowest first.
   *
   * @throws {ImageError} IMAGE_DIGEST_MISMATCH, IMAGE_UNSAFE_LAYER, IMAGE_INVALID.
   */
  async ensure(layers: readonly LayerRef[]): Promise<Digest[]> {
    const ids = chainIds(layers.map((l) => l.diffId));
    for (const [i, layer] of layers.entries()) {
      const chainId = ids[i];
      if (chainId === undefined) continue;
      await this.#locks.run(chainId, async () => {
        if (!(await this.has(chainId))) await this.#unpack(chainId, layer);
      });
    }
    return ids;
  }

  async #unpack(chainId: Digest, layer: LayerRef): Promise<void> {
    const final = path.join(this.#root, 'layers', digestHex(chainId));
    const tmp = `${final}.tmp-${randomBytes(4).toString('hex')}`;
    const diff = path.join(tmp, 'diff');
    await fs.mkdir(diff, { recursive: true });
    try {
      const blobFile = this.#content.path(layer.blob);
      const gzip = await isGzip(blobFile).catch((err: unknown) => {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
          throw new ImageError(
            'IMAGE_NOT_FOUND',
            `Layer blob "${layer.blob}" is missing from the content store`,
          );
        }
        throw err;
      });
      const label = `Layer "${layer.blob}"`;
      if (((await this.#content.stat(layer.blob)) ?? 0) > this.#maxBytes)
        throw tooLarge(label, this.#maxBytes);
      const blobHash = createHash('sha256');
      const diffHash = createHash('sha256');
      const tail = hasher(diffHash);
      const cap = this.#maxUncompressedBytes;
      const streams = [
        this.#content.openRead(layer.blob),
        hasher(blobHash),
        ...(gzip ? [createGunzip()] : []),
        capBytes(cap, () => tooLarge(label, cap, 'uncompressed')),
        tail,
      ];
      pipeline(streams, (err) => {
        if (err) tail.destroy(err);
      });
      await extractLayer(tail, diff);
      const blobActual = `sha256:${blobHash.digest('hex')}`;
      if (blobActual !== layer.blob) {
        throw new ImageError(
          'IMAGE_DIGEST_MISMATCH',
          `Digest mismatch for layer blob "${layer.blob}": got "${blobActual}" (corrupted blob)`,
          { details: { expected: layer.blob, actual: blobActual } },
        );
      }
      const diffActual = `sha256:${diffHash.digest('hex')}`;
      if (diffActual !== layer.diffId) {
        throw new ImageError(
          'IMAGE_DIGEST_MISMATCH',
          `Diff ID mismatch for layer "${layer.blob}": expected "${layer.diffId}", got "${diffActual}"`,
          { details: { expected: layer.diffId, actual: diffActual } },
        );
      }
      const link = randomBytes(6).toString('hex');
      await fs.symlink(`../layers/${digestHex(chainId)}/diff`, path.join(this.#root, 'l', link));
      await fs.writeFile(path.join(tmp, 'link'), link);
      await fs.writeFile(path.join(tmp, 'diffid'), layer.diffId);
      await fs.rename(tmp, final);
    } catch (err) {
      await fs.rm(tmp, { recursive: true, force: true });
      throw err;
    }
  }

  /** Removes an unpacked layer and its link. */
  async remove(chainId: Digest): Promise<void> {
    await this.#locks.run(chainId, async () => {
      const dir = path.join(this.#root, 'layers', digestHex(chainId));
      const link = await fs.readFile(path.join(dir, 'link'), 'utf8').catch(() => undefined);
      if (link !== undefined) await fs.rm(path.join(this.#root, 'l', link.trim()), { force: true });
      await fs.rm(dir, { recursive: true, force: true });
    });
  }
}
