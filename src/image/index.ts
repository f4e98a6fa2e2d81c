/**
 * The image module's public surface: the node's image store (content store, image index,
 * unpacked layers, overlay root filesystems), archive load/save and the registry client.
 *
 * @module
 */
export { ImageService } from './image-service.js';
export type {
  ImageServiceOptions,
  LocalImage,
  PruneResult,
  RemoveResult,
} from './image-service.js';
export type { ImageConfig, ImageConfigFile, Manifest, Descriptor, Platform } from './manifest.js';
export { hostPlatform, parsePlatform } from './manifest.js';
export type { Digest } from './digest.js';
export type { MountPlan } from './snapshots.js';
export type { UserFiles } from './user-files.js';
export { ImageError } from './errors.js';
export { parseReference, familiarTagged, familiarName } from '../util/image-reference.js';
export type { ImageReference } from '../util/image-reference.js';
export { RegistryClient, type RegistryCredentials } from './registry/client.js';
export { pullImage } from './registry/pull.js';
export type { PullOptions } from './registry/pull.js';
export { pushImage } from './registry/push.js';
export type { PushOptions } from './registry/push.js';
export type { ProgressEvent } from './registry/progress.js';
export { chainIds } from './layers.js';
export { Builder, type BuildRequest, type BuilderOptions } from './build/service.js';
export type { BuildEvent } from './build/types.js';
