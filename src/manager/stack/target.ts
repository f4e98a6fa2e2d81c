/**
 * Where a stack is deployed: the operations `tsorch up`, `down` and `plan` need from a cluster,
 * as one interface the deploy engine drives. The cluster's implementation goes over the services
 * API; unit tests use the in-memory one of `testing.ts`.
 *
 * @module
 */
import type {
  Task,
  ConfigSpec,
  NetworkSpec,
  SecretSpec,
  ServiceSpec,
  TaskState,
  VolumeSpec,
} from '../../store/index.js';
import type { DeployedStack } from './plan.js';

/** One task as the engine watches it. */
export interface TaskView {
  id: string;
  serviceId: string;
  slot: number;
  nodeId: string;
  desiredState: TaskState;
  state: TaskState;
  /** The status message (why a task is pending, failed or rejected). */
  message: string;
  exitCode?: number;
  health?: 'starting' | 'healthy' | 'unhealthy';
}

/** The view of a stored task. */
export function taskView(t: Task): TaskView {
  return {
    id: t.id,
    serviceId: t.serviceId,
    slot: t.slot,
    nodeId: t.nodeId,
    desiredState: t.desiredState,
    state: t.status.state,
    message: t.status.message,
    ...(t.status.exitCode === undefined ? {} : { exitCode: t.status.exitCode }),
    ...(t.status.health === undefined ? {} : { health: t.status.health }),
  };
}

/** One line of a service's output. */
export interface LogLine {
  serviceId: string;
  /** The task's slot (replicated) or node id (global), to tell replicas apart. */
  slot: number;
  stream: 'stdout' | 'stderr';
  /** RFC 3339 time the line was written. */
  time: string;
  text: string;
}

/** Options of {@link StackTarget.logs}. */
export interface LogOptions {
  follow: boolean;
  /** Last lines per task; undefined for all. */
  tail?: number;
  signal?: AbortSignal;
}

/** Reads what a cluster holds; `tsorch plan` gets only this, so it can never change anything. */
export interface StackReader {
  /**
   * The stack's services (labelled with its namespace) and their tasks, and every network,
   * volume, secret and config (a stack may use external ones). Secrets and configs come
   * without their payload.
   */
  read(namespace: string, signal?: AbortSignal): Promise<DeployedStack>;
  /** Every stack (namespace label) with its number of services, by name (`stack ls`). */
  listStacks(signal?: AbortSignal): Promise<{ namespace: string; services: number }[]>;
}

/** A cluster a stack is deployed to. Every method throws a TsorchError on failure. */
export interface StackTarget extends StackReader {
  /** @returns the new object's id. */
  createNetwork(spec: NetworkSpec): Promise<string>;
  createVolume(spec: VolumeSpec): Promise<string>;
  createSecret(spec: SecretSpec): Promise<string>;
  createConfig(spec: ConfigSpec): Promise<string>;
  createService(spec: ServiceSpec): Promise<string>;
  /** Replaces the spec of service `id`, read at `version` (optimistic concurrency). */
  updateService(id: string, version: number, spec: ServiceSpec): Promise<void>;
  removeService(id: string): Promise<void>;
  removeNetwork(id: string): Promise<void>;
  removeVolume(id: string): Promise<void>;
  removeSecret(id: string): Promise<void>;
  removeConfig(id: string): Promise<void>;
  /**
   * The tasks of the stack's services, as a full list at once and again after every change
   * (a watcher that falls behind sees only the newest list). Ends when `signal` aborts.
   */
  watchTasks(namespace: string, signal: AbortSignal): AsyncIterable<TaskView[]>;
  /** The output of the given services' tasks, interleaved in arrival order. */
  logs(serviceIds: readonly string[], options: LogOptions): AsyncIterable<LogLine>;
}

/** Time as the engine sees it; injected so tests control it. */
export interface EngineClock {
  /** Resolves after `ms`, or rejects when `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}
