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

/** The image store operations the manager uses. */
export interface ImagePort {
  resolve(ref: string): Promise<ImageRef>;
  prepareRootfs(key: string, imageId: string): Promise<void>;
  mountRootfs(key: string, target?: string): Promise<string>;
  unmountRootfs(key: string): Promise<void>;
  removeRootfs(key: string): Promise<void>;
  setInUse(check: (imageId: string) => string[]): void;
}
