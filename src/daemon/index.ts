/**
 * `tsorch daemon`: the per-machine process (a node). Public surface of src/daemon.
 *
 * @module
 */
export { resolveDaemonConfig, RUNTIMES, type DaemonConfig, type DaemonFlags } from './config.js';
export type { Component, ComponentFactory, DaemonContext, ServiceBinding } from './component.js';
export { startDaemon, type RunningDaemon } from './daemon.js';
export { componentFactories } from './components.js';
