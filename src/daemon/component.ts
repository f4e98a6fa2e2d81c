/**
 * The daemon is a set of components (images, containers, later the agent and the manager), each
 * optionally serving gRPC services on the local socket. Components are created in order, so a
 * later one can use an earlier one's API through {@link DaemonContext.require}.
 *
 * @module
 */
import type * as grpc from '@grpc/grpc-js';
import type { Logger } from '../util/log.js';
import type { DaemonConfig } from './config.js';

/** A gRPC service a component serves. */
export interface ServiceBinding {
  definition: grpc.ServiceDefinition;
  implementation: grpc.UntypedServiceImplementation;
}

/** A running part of the daemon. */
export interface Component {
  /** Unique name, e.g. `images`. */
  readonly name: string;
  /** The object other components use (e.g. the ImageService). */
  readonly api?: unknown;
  /** Services to serve on the local socket. */
  readonly services?: readonly ServiceBinding[];
  /** Starts background work; `signal` aborts when the daemon shuts down. */
  start?(signal: AbortSignal): Promise<void>;
  /** Stops background work and releases resources. Called in reverse creation order. */
  stop?(): Promise<void>;
}

/** What a component factory is given. */
export interface DaemonContext {
  readonly config: DaemonConfig;
  readonly log: Logger;
  /** Time the daemon started. */
  readonly startedAt: Date;
  /** Names of the components created so far, in order. */
  readonly componentNames: readonly string[];
  /**
   * The API of an earlier component.
   *
   * @throws {AssertionError} when no such component was created before this one.
   */
  require<T>(name: string): T;
}

/** Creates one component. */
export interface ComponentFactory {
  readonly name: string;
  create(ctx: DaemonContext): Component | Promise<Component>;
}
