/**
 * `tsorch build`: Dockerfile builds with a layer cache.
 *
 * @module
 */
export { buildImage } from './builder.js';
export { DockerfileError, parseDockerfile } from './dockerfile.js';
export type * from './dockerfile-types.js';
export { parseDockerignore } from '../../util/dockerignore.js';
export { BuildError } from './errors.js';
export type * from './image-config.js';
export type * from './types.js';
