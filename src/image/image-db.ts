/**
 * The image index: which images exist (by config digest), their manifest, tags and repo
 * digests. One JSON file, `${root}/index.json`, rewritten atomically (tmp + fsync + rename)
 * under an in-process lock; the content store holds everything else.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Digest } from './digest.js';
import { ImageError } from './errors.js';
import { KeyedMutex } from '../util/keyed-mutex.js';

/** One image as recorded in the index. */
export interface ImageRecord {
  id: Digest;
  manifestDigest: Digest;
  manifestMediaType: string;
  repoTags: string[];
  repoDigests: string[];
  /** When this node got the image (ISO 8601). */
  addedAt: string;
}

interface IndexFile {
  version: 1;
  images: Record<string, ImageRecord>;
}

/** Writes a file atomically: temporary file, fsync, rename. */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${file}.tmp-${randomBytes(4).toString('hex')}`;
  const handle = await fs.open(tmp, 'w', 0o644);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.rename(tmp, file);
}

/** The image index. */
export class ImageDb {
  readonly #file: string;
  readonly #lock = new KeyedMutex();
  #cache: IndexFile | undefined;

  constructor(root: string) {
    this.#file = path.join(root, 'index.json');
  }

  async #load(): Promise<IndexFile> {
    if (this.#cache !== undefined) return this.#cache;
    try {
      const parsed = JSON.parse(await fs.readFile(this.#file, 'utf8')) as IndexFile;
      this.#cache = parsed;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new ImageError(
          'IMAGE_INVALID',
          `Cannot read the image index "${this.#file}": ${(err as Error).message}`,
          { cause: err },
        );
      }
      this.#cache = { version: 1, images: {} };
    }
    return this.#cache;
  }

  /** Every image. */
  async list(): Promise<ImageRecord[]> {
    return Object.values((await this.#load()).images);
  }

  /** One image by full ID. */
  async get(id: string): Promise<ImageRecord | undefined> {
    return (await this.#load()).images[id];
  }

  /**
   * Changes the index under the lock: `fn` edits the images map in place. Tags stay unique:
   * callers use {@link moveTag}.
   */
  async update<T>(fn: (images: Record<string, ImageRecord>) => T): Promise<T> {
    return this.#lock.run('index', async () => {
      const current = await this.#load();
      const copy: IndexFile = structuredClone(current);
      const result = fn(copy.images);
      await writeFileAtomic(this.#file, JSON.stringify(copy, null, 1));
      this.#cache = copy;
      return result;
    });
  }
}

/** Points `tag` at image `id`, removing it from any other image. */
export function moveTag(images: Record<string, ImageRecord>, tag: string, id: string): void {
  for (const img of Object.values(images)) {
    if (img.id !== id) img.repoTags = img.repoTags.filter((t) => t !== tag);
  }
  const target = images[id];
  if (target !== undefined && !target.repoTags.includes(tag)) target.repoTags.push(tag);
}

/** Adds a repo digest (`name@sha256:...`, a manifest's identity) to image `id`. */
export function addRepoDigest(
  images: Record<string, ImageRecord>,
  repoDigest: string,
  id: string,
): void {
  const target = images[id];
  if (target !== undefined && !target.repoDigests.includes(repoDigest))
    target.repoDigests.push(repoDigest);
}
