/**
 * The OCI runtime layer: turns a runtime-level container description ({@link ContainerConfig})
 * into an OCI bundle ({@link buildOciSpec}, {@link writeBundle}) and drives a real OCI runtime
 * binary, runc or crun ({@link openRuntime}), with one {@link Runtime} interface.
 *
 * Contract for the container manager:
 * - Build the spec with `buildOciSpec(cfg, detectHostInfo())`, write it with `writeBundle`.
 * - The runtime's state directory lives under the daemon's --run dir (`<run>/runc`).
 * - Read limits, stats and OOM kills from the container's cgroup with src/agent/cgroups,
 *   BEFORE `delete` (which removes the cgroup).
 * - Use `argv.*` to run commands from a monitor process; the async methods otherwise.
 *
 * @module
 */
export type {
  ContainerConfig,
  ContainerMount,
  ContainerResources,
  ContainerUser,
  EtcFiles,
  HostInfo,
  SeccompOption,
  Ulimit,
} from './config.js';
export { cpusToQuota, defaultPath, initMountTarget } from './config.js';
export type * from './oci-types.js';
export {
  buildOciSpec,
  containerCgroupsPath,
  daemonCgroupParent,
  minMemoryBytes,
  ociVersion,
} from './spec.js';
export { execProcess } from './exec-process.js';
export { writeBundle, readBundle } from './bundle.js';
export { resolveUser, parsePasswd, parseGroup } from './user.js';
export { resolveCapabilities, defaultCapabilities, allCapabilities } from './capabilities.js';
export { defaultSeccompProfile } from './seccomp.js';
export { validateSysctls } from './sysctl.js';
export { RuntimeError } from './errors.js';
export {
  createRuntime,
  errorsFromLog,
  type CallOptions,
  type CreateArgs,
  type ExecArgs,
  type ExecResult,
  type Runtime,
  type RuntimeArgv,
  type RuntimeName,
  type RuntimeOptions,
} from './runtime.js';
export { openRuntime, detectHostInfo, crunHybridWrapper, type OpenRuntimeOptions } from './open.js';
