/**
 * What the container manager needs from the node's image store (the images ↔ containers
 * contract): resolving references and per-container writable root filesystems.
 *
 * @module
 */
import type { HealthcheckConfig } from './health-config.js';

/** The image config fields containers use (OCI image config `config`, docker extensions). */
export interface ImageRunConfig {
  User?: string;
  Env?: string[] | null;
  Entrypoint?: string[] | null;
  Cmd?: string[] | null;
  WorkingDir?: string;
  Volumes?: Record<string, object> | null;
  Labels?: Record<string, string> | null;
  StopSignal?: string;
  Healthcheck?: HealthcheckConfig;
}

/** An image in the local store. */
export interface ImageRef {
  id: string;
  repoTags: string[];
  config: ImageRunConfig;
}

/** How to mount a container's root filesystem (mount(2)'s arguments), as the image store says. */
export interface RootfsMountPlan {
  fstype: string;
  source: string;
  /** Absolute mount point. */
  target: string;
  /** Mount options; relative paths in them are relative to `cwd`. */
  options: string;
  cwd: string;
  /** True when it is mounted at `target` already. */
  mounted: boolean;
}

/** A root filesystem's /etc/passwd and /etc/group; absent files are undefined. */
export interface RootfsUserFiles {
  passwd?: string | undefined;
  group?: string | undefined;
}

/** The image store operations the manager uses. */
export interface ImagePort {
  resolve(ref: string): Promise<ImageRef>;
  prepareRootfs(key: string, imageId: string): Promise<void>;
  /** How to mount `key`, recorded as mounted there; the caller (the shim) mounts it. */
  rootfsMountPlan(key: string): Promise<RootfsMountPlan>;
  /** /etc/passwd and /etc/group of `key` without mounting it; undefined when they cannot be. */
  rootfsUserFiles(key: string): Promise<RootfsUserFiles | undefined>;
  /** Mounts `key` in the daemon (when its content must be read here); returns the path. */
  mountRootfs(key: string, target?: string): Promise<string>;
  unmountRootfs(key: string): Promise<void>;
  removeRootfs(key: string): Promise<void>;
  setInUse(check: (imageId: string) => string[] | Promise<string[]>): void;
}
