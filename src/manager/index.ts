/**
 * The manager: control API, dispatcher, orchestrators, allocator, CA. This file is the module's
 * only public surface.
 *
 * @module
 */
export * from './ca/index.js';
export * from './stack/index.js';
export * from './allocator/index.js';
export * from './orchestrator/index.js';
export * from './dispatcher/index.js';
export * from './cluster/index.js';
export * from './services/index.js';
export * from './update/index.js';
export * from './loops/index.js';
export * from './objects/index.js';
