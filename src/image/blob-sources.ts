/**
 * Where each blob is known to exist in a registry: blob digest → repositories
 * (`registry/repository`), newest first. Pull and push record them; push reads them to mount a
 * blob from another repository of the same registry instead of uploading it again (OCI
 * distribution spec: "Mounting a blob from another repository"), as Docker's distribution
 * metadata does. An image built here shares its base layers with the images it was built from,
 * so the per-image repo digests alone miss most chances to mount.
 *
 * One JSON file, `${root}/blob-sources.json`, rewritten atomically after each pull or push. It is
 * a hint: a wrong or stale entry costs one refused mount (the registry then opens an ordinary
 * upload), never a wrong image.
 *
 * @module
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { blobSourcesMaxBlobCount, blobSourcesPerBlobCount } from '../util/limits.js';
import type { Digest } from './digest.js';
import { writeFileAtomic } from './image-db.js';

interface SourcesFile {
  version: 1;
  /** digest → `registry/repository` names, newest first. */
  blobs: Record<string, string[]>;
}

/** The blob-source hints of one image store. */
export class BlobSources {
  readonly #file: string;
  #blobs: Map<string, string[]> | undefined;
  /** The write under way, so that writes never overlap and the last one wins. */
  #saving: Promise<void> = Promise.resolve();

  constructor(root: string) {
    this.#file = path.join(root, 'blob-sources.json');
  }

  async #load(): Promise<Map<string, string[]>> {
    if (this.#blobs !== undefined) return this.#blobs;
    let parsed: Partial<SourcesFile> = {};
    try {
      parsed = JSON.parse(await fs.readFile(this.#file, 'utf8')) as Partial<SourcesFile>;
    } catch {
      // Missing or damaged: it is only a hint, start empty.
    }
    const blobs = new Map<string, string[]>();
    for (const [digest, repos] of Object.entries(parsed.blobs ?? {})) {
      if (Array.isArray(repos))
        blobs.set(
          digest,
          repos.filter((r) => typeof r === 'string'),
        );
    }
    this.#blobs = blobs;
    return blobs;
  }

  /**
   * Repositories of `registry` other than `exceptRepository` known to hold `digest`, newest
   * first.
   */
  async candidates(digest: Digest, registry: string, exceptRepository: string): Promise<string[]> {
    const prefix = `${registry}/`;
    return ((await this.#load()).get(digest) ?? [])
      .filter((r) => r.startsWith(prefix))
      .map((r) => r.slice(prefix.length))
      .filter((repo) => repo !== exceptRepository);
  }

  /**
   * Records that `registry/repository` holds each of `digests`, then saves. Each blob keeps its
   * {@link blobSourcesPerBlobCount} newest repositories; the file keeps the
   * {@link blobSourcesMaxBlobCount} blobs recorded last.
   */
  async record(digests: readonly Digest[], registry: string, repository: string): Promise<void> {
    const blobs = await this.#load();
    const source = `${registry}/${repository}`;
    for (const digest of digests) {
      const repos = [source, ...(blobs.get(digest) ?? []).filter((r) => r !== source)];
      // Delete first so that the Map's order is the order of last use (oldest first).
      blobs.delete(digest);
      blobs.set(digest, repos.slice(0, blobSourcesPerBlobCount));
    }
    for (const oldest of blobs.keys()) {
      if (blobs.size <= blobSourcesMaxBlobCount) break;
      blobs.delete(oldest);
    }
    const data = JSON.stringify({ version: 1, blobs: Object.fromEntries(blobs) });
    const write = this.#saving.then(() => writeFileAtomic(this.#file, data));
    this.#saving = write.catch(() => undefined);
    await write;
  }
}
