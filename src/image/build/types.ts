/**
 * The builder's public types: options, progress events, results, and the two store seams (base
 * images in, built images out).
 *
 * @module
 */
import type { HostInfo, Runtime } from '../../agent/index.js';
import type { OciImageConfig } from './image-config.js';

/** Base images, from the node's image store. */
export interface BaseImages {
  /**
   * Resolves a reference to the image's config and its unpacked layer directories in overlay
   * form, bottom first.
   *
   * @throws {NotFoundError} IMAGE_NOT_FOUND when the image is not in the store.
   */
  resolve(ref: string): Promise<{ id: string; config: OciImageConfig; layerDirs: string[] }>;
}

/** One layer of a built image. Layers made by the build carry their tar. */
export interface BuiltLayer {
  diffId: string;
  /** Unpacked, overlay form. */
  dir: string;
  /** The uncompressed OCI layer tar, for layers this build made (base layers are in the store). */
  tarPath?: string;
  sizeBytes?: number;
}

/** Where built images go (the node's image store). */
export interface ImageSink {
  /** Stores the image (config, layers) and tags it; returns the image ID. */
  commit(
    image: { config: OciImageConfig; configJson: Buffer; layers: BuiltLayer[] },
    tags: readonly string[],
  ): Promise<string>;
}

/** Progress of a build. */
export type BuildEvent =
  | { type: 'step'; stage: string; step: number; total: number; text: string; cached: boolean }
  | { type: 'output'; text: string }
  | { type: 'done'; imageId: string };

/**
 * How RUN steps run: the daemon's OCI runtime, and what the spec builder needs to know (the
 * same spec path as containers).
 */
export interface RunStepRunner {
  /** The daemon's OCI runtime (its `--runtime`), with a state directory for builds only. */
  runtime: Runtime;
  /** Host facts for the spec (seccomp architectures, default open-files limit). */
  host: HostInfo;
  /** The daemon's parent cgroup, shared with its containers: a step gets `/<parent>/<id>`. */
  cgroupParent: string;
}

/** Options of a build. */
export interface BuildOptions {
  /** The daemon's state directory; the cache lives in `${root}/image/build-cache`. */
  root: string;
  /** Runs the RUN steps (a daemon opens it with `openRunStepRunner`). */
  runner: RunStepRunner;
  /** The build context directory. */
  contextDir: string;
  /** The Dockerfile's path in the context. Default "Dockerfile". */
  dockerfile?: string;
  /** Dockerfile text, instead of reading `dockerfile` from the context. */
  dockerfileText?: string;
  buildArgs?: Record<string, string>;
  /** The stage to build (`--target`); default the last. */
  target?: string;
  tags?: readonly string[];
  /** Ignore the cache (`--no-cache`). */
  noCache?: boolean;
  baseImages?: BaseImages;
  sink?: ImageSink;
  onEvent?: (event: BuildEvent) => void;
  signal?: AbortSignal;
  /** The clock for history timestamps. */
  now?: () => Date;
}

/** A finished build. */
export interface BuildResult {
  /** `sha256:` digest of the config JSON (the store's image ID when a sink is given). */
  imageId: string;
  config: OciImageConfig;
  configJson: Buffer;
  layers: BuiltLayer[];
}
