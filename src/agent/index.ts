/**
 * The agent module's public surface: the node's containers (runtime, cgroups, volumes, logs,
 * health), as the daemon opens them and the API layer serves them, and the OCI runtime layer
 * the image builder runs RUN steps with. Nothing here knows gRPC.
 *
 * @module
 */
export { openContainers, type Containers, type OpenContainersOptions } from './containers/open.js';
export type { ContainerManager } from './containers/manager.js';
export type { ImagePort } from './containers/image-port.js';
export type {
  ContainerRecord,
  LocalContainerSpec,
  ContainerState,
  ContainerStatus,
  MountSpec,
} from './containers/types.js';
export { parseRestartPolicy, type RestartPolicy } from './containers/spec.js';
export type { ContainerNetworkPort, ContainerNetworkRequest } from './containers/types.js';
export {
  openNetworks,
  removeNodeNetworks,
  underlayHost,
  formatMapping,
  mtuOption,
  parsePublish,
  type CreateNetworkRequest,
  type NetworkManager,
  type NetworkRecord,
  type NetworkView,
  type Networks,
  type PortMapping,
  type SandboxRecord,
} from './networks/index.js';
export { startExec, type ExecHandle, type ExecOptions } from './containers/exec.js';
export { followLogs, readLogs, timeToNs, type LogRecord } from './logs/json-file.js';
export {
  attachToShim,
  DetachScanner,
  parseDetachKeys,
  type ShimAttachment,
} from './attach/index.js';
export { sampleStats, type StatsQuery, type StatsSample } from './stats/index.js';
export type { Volume, VolumeStore } from './volumes/store.js';
export type { CgroupDriver } from './cgroups/index.js';
export { healthDefaults, type HealthOnFailure } from './health/state.js';
export {
  buildOciSpec,
  daemonCgroupParent,
  detectHostInfo,
  errorsFromLog,
  openRuntime,
  writeBundle,
  type ContainerConfig,
  type ContainerResources,
  type HostInfo,
  type Runtime,
  type RuntimeName,
} from './runtime/index.js';
export {
  taskContainerConfig,
  taskContainerName,
  taskResources,
  NODE_ID_LABEL,
  SERVICE_ID_LABEL,
  TASK_ID_LABEL,
} from './task-config.js';
export {
  startWorker,
  realTimers,
  type Worker,
  type WorkerOptions,
  type WorkerConnection,
  type TaskEngine,
  type TaskNetworkPort,
  type EndpointsListener,
  type WorkerTimers,
} from './worker/index.js';
export { openTaskFiles, type TaskFileStore } from './worker/index.js';
export { taskFiles, type TaskFile } from './task-files.js';
export {
  IngressMesh,
  IngressSync,
  meshNodePlan,
  meshPeers,
  type IngressNodeView,
} from './ingress/index.js';
export {
  containerLbRules,
  containerVips,
  ServiceDiscovery,
  type LbContainer,
  type ServiceDiscoveryOptions,
} from './lb/index.js';
