/**
 * The node's builder: builds read the context directory named in the request, run their RUN
 * steps with the daemon's --runtime under `${run}/build-<runtime>`, keep their cache under
 * `${root}/image/build-cache`, and store the result in the node's image store.
 *
 * @module
 */
import * as path from 'node:path';
import type { RuntimeName } from '../../agent/index.js';
import { ConflictError } from '../../util/errors.js';
import type { Logger } from '../../util/log.js';
import { noSpaceError } from '../errors.js';
import type { ImageService } from '../image-service.js';
import { buildImage } from './builder.js';
import { BuildCache } from './cache.js';
import { recoverBuilds, type BuildRecovery } from './recover.js';
import { openRunStepRunner } from './runner.js';
import { StoreAdapter } from './store-adapter.js';
import type { BuildEvent, BuildOptions, RunStepRunner } from './types.js';

/** What {@link Builder} needs. */
export interface BuilderOptions {
  /** The node's state directory (`--root`). */
  root: string;
  /** The node's runtime directory (`--run`). */
  run: string;
  /** The daemon's `--runtime`, which RUN steps run with too. */
  runtime: RuntimeName;
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
  /** Opened at the first build, so a daemon that never builds never probes the runtime. */
  #runner: Promise<RunStepRunner> | undefined;

  constructor(options: BuilderOptions) {
    this.#options = options;
  }

  #openRunner(): Promise<RunStepRunner> {
    const { runtime, run, root } = this.#options;
    this.#runner ??= openRunStepRunner({ runtime, runDir: run, root }).catch((err: unknown) => {
      this.#runner = undefined;
      throw err;
    });
    return this.#runner;
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
    const { root, images, log } = this.#options;
    const adapter = new StoreAdapter(images);
    const started = Date.now();
    this.#running += 1;
    try {
      const result = await buildImage({
        ...request,
        root,
        runner: await this.#openRunner(),
        baseImages: adapter,
        sink: adapter,
        onEvent: options.onEvent,
        signal: options.signal,
      });
      log.info('image built', { id: result.imageId, tags: request.tags, ms: Date.now() - started });
      return result.imageId;
    } catch (err) {
      throw noSpaceError(err, 'build the image', root);
    } finally {
      this.#running -= 1;
    }
  }

  /**
   * Removes what builds of a daemon that died left behind (step containers and their cgroups,
   * overlay mounts, scratch directories). The daemon calls it at start, before it serves.
   *
   * @throws {ConflictError} while a build runs.
   */
  async recover(): Promise<BuildRecovery> {
    if (this.#running > 0) {
      throw new ConflictError(`Cannot clean up after builds: ${this.#running} build(s) running`);
    }
    const { root, run, log } = this.#options;
    const scratchRoot = path.join(new BuildCache(path.join(root, 'image')).dir, 'tmp');
    const r = await recoverBuilds({ scratchRoot, runDir: run, log });
    if (r.containers + r.mounts + r.scratchDirs > 0)
      log.info('interrupted builds cleaned up', { ...r });
    return r;
  }

  /**
   * Empties the build cache, and removes what interrupted builds left (see {@link recover}).
   *
   * @throws {ConflictError} while a build runs.
   */
  async pruneCache(): Promise<BuildCachePruneResult> {
    if (this.#running > 0) {
      throw new ConflictError(`Cannot prune the build cache: ${this.#running} build(s) running`, {
        hint: 'Wait for the builds to finish, then prune again',
      });
    }
    await this.recover();
    const r = await new BuildCache(path.join(this.#options.root, 'image')).prune();
    this.#options.log.info('build cache pruned', r);
    return r;
  }
}
