/**
 * Attaching to a container's main process (docs/adr/024): the shim's attach socket, its frames,
 * and detach keys.
 *
 * @module
 */
export { attachToShim, type ShimAttachment } from './connection.js';
export { DetachScanner, defaultDetachKeys, parseDetachKeys } from './detach-keys.js';
export { encodeClientFrame, OutputDecoder, type ClientFrame, type OutputFrame } from './frames.js';
