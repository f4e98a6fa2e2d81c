/**
 * The node's builder: builds read the context directory named in the request, run their RUN
 * steps with runc under `${run}/build-runc`, keep their cache under `${root}/image/build-cache`,
 * and store the result in the node's image store.
 *
 * @module
 */
import * as path from 'node:path';
import { ConflictError } from '../../util/errors.js';
import type { Logger } from '../../util/log.js';
import type { ImageService } from '../image-service.js';
import { buildImage } from './builder.js';
import { BuildCache } from './cache.js';
import { StoreAdapter } from './store-adapter.js';
import type { BuildEvent, BuildOptions } from './types.js';

/** What {@link Builder} needs. */
export interface BuilderOptions {
  /** The node's state directory (`--root`). */
  root: string;
  /** The node's runtime directory (`--run`). */
  run: string;
  images: ImageService;
  log: Logger;
}

/** One build, as a client asks for it. */
export type BuildRequest = Pick<
  BuildOptions,
  'contextDir' | 'dockerfile' | 'tags' | 'buildArgs' | 'target' | 'noCache'
>;

/** What a cache prune removed. */
export interface BuildCachePruneResult {
  removedSteps: number;
  removedLayers: number;
  reclaimedBytes: number;
}

/** Builds Dockerfiles into the node's image store, one cache for all builds. */
export class Builder {
  readonly #options: BuilderOptions;
  #running = 0;

  constructor(options: BuilderOptions) {
    this.#options = options;
  }

  /**
   * Builds `request`, reporting progress to `onEvent`; resolves with the image ID.
   *
   * @throws {BuildError} or {@link DockerfileError} when the build fails.
   */
  async build(
    request: BuildRequest,
    options: { onEvent: (event: BuildEvent) => void; signal: AbortSignal },
  ): Promise<string> {
    const { root, run, images, log } = this.#options;
    const adapter = new StoreAdapter(images);
    const started = Date.now();
    this.#running += 1;
    try {
      const result = await buildImage({
        ...request,
        root,
        runtimeRoot: path.join(run, 'build-runc'),
        runtime: 'runc',
        baseImages: adapter,
        sink: adapter,
        onEvent: options.onEvent,
        signal: options.signal,
      });
      log.info('image built', { id: result.imageId, tags: request.tags, ms: Date.now() - started });
      return result.imageId;
    } finally {
      this.#running -= 1;
    }
  }

  /**
   * Empties the build cache.
   *
   * @throws {ConflictError} while a build runs.
   */
  async pruneCache(): Promise<BuildCachePruneResult> {
    if (this.#running > 0) {
      throw new ConflictError(`Cannot prune the build cache: ${this.#running} build(s) running`, {
        hint: 'Wait for the builds to finish, then prune again',
      });
    }
    const r = await new BuildCache(path.join(this.#options.root, 'image')).prune();
    this.#options.log.info('build cache pruned', r);
    return r;
  }
}
