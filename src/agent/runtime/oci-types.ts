/**
 * The subset of the OCI runtime specification (config.json, runtime-spec v1.0.2) that tsorch
 * writes. Field names follow the spec exactly, so a spec serializes with `JSON.stringify`.
 *
 * @module
 */

/** OCI runtime-spec: root. */
export interface OciRoot {
  path: string;
  readonly?: boolean;
}

/** OCI runtime-spec: process.user. */
export interface OciUser {
  uid: number;
  gid: number;
  additionalGids?: number[];
  umask?: number;
}

/** OCI runtime-spec: process.capabilities (names like `CAP_CHOWN`). */
export interface OciCapabilities {
  bounding: string[];
  effective: string[];
  permitted: string[];
  inheritable: string[];
  ambient: string[];
}

/** OCI runtime-spec: process.rlimits[]. */
export interface OciRlimit {
  type: string;
  hard: number;
  soft: number;
}

/** OCI runtime-spec: process. */
export interface OciProcess {
  terminal: boolean;
  user: OciUser;
  args: string[];
  env: string[];
  cwd: string;
  capabilities?: OciCapabilities;
  rlimits?: OciRlimit[];
  noNewPrivileges?: boolean;
  oomScoreAdj?: number;
}

/** OCI runtime-spec: mounts[]. */
export interface OciMount {
  destination: string;
  type: string;
  source: string;
  options?: string[];
}

/** OCI runtime-spec: linux.namespaces[]. */
export interface OciNamespace {
  type: 'pid' | 'network' | 'mount' | 'ipc' | 'uts' | 'user' | 'cgroup';
  path?: string;
}

/** OCI runtime-spec: linux.resources.devices[] (device cgroup rules). */
export interface OciDeviceRule {
  allow: boolean;
  type?: 'a' | 'c' | 'b';
  major?: number;
  minor?: number;
  access?: string;
}

/** OCI runtime-spec: linux.resources.memory. Bytes; -1 means unlimited. */
export interface OciMemory {
  limit?: number;
  reservation?: number;
  swap?: number;
  disableOOMKiller?: boolean;
}

/** OCI runtime-spec: linux.resources.cpu. */
export interface OciCpu {
  shares?: number;
  quota?: number;
  period?: number;
  cpus?: string;
  mems?: string;
}

/** OCI runtime-spec: linux.resources. */
export interface OciResources {
  devices: OciDeviceRule[];
  memory?: OciMemory;
  cpu?: OciCpu;
  pids?: { limit: number };
  blockIO?: { weight?: number };
}

/** OCI runtime-spec: linux.seccomp.syscalls[].args[]. */
export interface OciSeccompArg {
  index: number;
  value: number;
  valueTwo?: number;
  op: string;
}

/** OCI runtime-spec: linux.seccomp.syscalls[]. */
export interface OciSeccompSyscall {
  names: string[];
  action: string;
  errnoRet?: number;
  args?: OciSeccompArg[];
}

/** OCI runtime-spec: linux.seccomp. */
export interface OciSeccomp {
  defaultAction: string;
  defaultErrnoRet?: number;
  architectures?: string[];
  syscalls?: OciSeccompSyscall[];
}

/** OCI runtime-spec: linux. */
export interface OciLinux {
  namespaces: OciNamespace[];
  resources: OciResources;
  cgroupsPath: string;
  sysctl?: Record<string, string>;
  seccomp?: OciSeccomp;
  maskedPaths?: string[];
  readonlyPaths?: string[];
  rootfsPropagation?: string;
}

/** OCI runtime-spec: the whole config.json as tsorch writes it. */
export interface OciSpec {
  ociVersion: string;
  process: OciProcess;
  root: OciRoot;
  hostname: string;
  mounts: OciMount[];
  linux: OciLinux;
  annotations?: Record<string, string>;
}

/** OCI runtime-spec: the output of `runc state` / `crun state`. */
export interface OciState {
  ociVersion: string;
  id: string;
  /** `creating`, `created`, `running`, `stopped`, and (runc, crun) `paused`. */
  status: 'creating' | 'created' | 'running' | 'stopped' | 'paused';
  /** Host PID of the container's init process; 0 once it stopped. */
  pid: number;
  bundle: string;
  annotations?: Record<string, string>;
}
