/**
 * `tsorch daemon`: the per-machine process (a node). Public surface of src/daemon.
 *
 * @module
 */
export { resolveDaemonConfig, RUNTIMES, type DaemonConfig, type DaemonFlags } from './config.js';
export type { AgentParts, NodeParts, WorkerNode } from './node.js';
export { startDaemon, type RunningDaemon } from './daemon.js';
