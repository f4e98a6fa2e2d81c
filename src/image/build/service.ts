/**
 * The node's builder: builds read the context directory named in the request, run their RUN
 * steps with the daemon's --runtime under `${run}/build-<runtime>`, keep their cache under
 * `${root}/image/build-cache`, and store the result in the node's image store.
 *
 * @module
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { RuntimeName } from '../../agent/index.js';
import { ConflictError } from '../../util/errors.js';
import { buildContextMaxBytes } from '../../util/limits.js';
import type { Logger } from '../../util/log.js';
import { noSpaceError } from '../errors.js';
import type { ImageService } from '../image-service.js';
import { extractArchive } from './add-archive.js';
import { buildImage } from './builder.js';
import { BuildError } from './errors.js';
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
    this.#running += 1;
    try {
      return await this.#build(request, options);
    } finally {
      this.#running -= 1;
    }
  }

  /** A build counted as running by its caller. */
  async #build(
    request: BuildRequest,
    options: { onEvent: (event: BuildEvent) => void; signal: AbortSignal },
  ): Promise<string> {
    const { root, images, log } = this.#options;
    const adapter = new StoreAdapter(images);
    const started = Date.now();
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
    }
  }

  /**
   * Builds from a context sent as a tar stream (the Dockerfile inside it), for clients that do
   * not share this machine's files. The tar is stored (at most {@link buildContextMaxBytes}),
   * unpacked with the checks of every extraction (no entry outside the context, links resolved
   * inside it, size and entry caps) into a scratch directory that a daemon restart cleans up,
   * and built as a context directory; both are removed afterwards.
   *
   * @throws {BuildError} IMAGE_BUILD when the context is over the cap or cannot be unpacked;
   *   IMAGE_UNSAFE_LAYER for a hostile entry; as {@link build} otherwise.
   */
  async buildFromArchive(
    request: Omit<BuildRequest, 'contextDir'>,
    archive: AsyncIterable<Uint8Array>,
    options: { onEvent: (event: BuildEvent) => void; signal: AbortSignal },
  ): Promise<string> {
    const scratchRoot = path.join(
      new BuildCache(path.join(this.#options.root, 'image')).dir,
      'tmp',
    );
    await fs.mkdir(scratchRoot, { recursive: true, mode: 0o700 });
    // Counted from the upload on: a prune or a clean-up meanwhile would delete the context.
    this.#running += 1;
    const dir = await fs.mkdtemp(path.join(scratchRoot, 'context-')).catch((err: unknown) => {
      this.#running -= 1;
      throw err;
    });
    try {
      const tarPath = path.join(dir, 'context.tar');
      const file = await fs.open(tarPath, 'wx', 0o600);
      try {
        let size = 0;
        for await (const chunk of archive) {
          size += chunk.length;
          if (size > buildContextMaxBytes) {
            throw new BuildError(
              'IMAGE_BUILD',
              `The build context is over ${String(buildContextMaxBytes)} bytes`,
            );
          }
          await file.write(chunk);
        }
      } finally {
        await file.close();
      }
      const contextDir = path.join(dir, 'context');
      await fs.mkdir(contextDir, { mode: 0o700 });
      const handle = await fs.open(tarPath, 'r');
      try {
        await extractArchive(
          { handle, st: await handle.stat(), name: 'build context' },
          {
            layerDir: contextDir,
            destDir: '/',
            owner: { uid: 0, gid: 0 },
            maxBytes: buildContextMaxBytes,
            maxUncompressedBytes: buildContextMaxBytes,
          },
        );
      } finally {
        await handle.close();
      }
      await fs.rm(tarPath);
      return await this.#build({ ...request, contextDir }, options);
    } finally {
      this.#running -= 1;
      await fs.rm(dir, { recursive: true, force: true });
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
