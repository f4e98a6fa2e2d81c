/**
 * Everything a container needs on the host before the runtime creates it: /etc/hosts,
 * /etc/hostname and /etc/resolv.conf, its volumes, the user it runs as, and the runtime-level
 * {@link ContainerConfig}.
 *
 * The root filesystem is not mounted here: the shim mounts it (mount(2)) before the runtime's
 * create. The user is resolved against the image store's view of /etc/passwd and /etc/group;
 * only an empty volume, which takes the image's content at its target (docker's copy-up), or
 * user files the store cannot tell without a mount, make it mount the root filesystem here.
 *
 * @module
 */
import { promises as fs } from 'node:fs';
import { dirname, join } from 'node:path';
import { InvalidArgumentError } from '../../util/errors.js';
import { cpusToQuota, type ContainerConfig, type ContainerMount } from '../runtime/config.js';
import { resolveUser } from '../runtime/user.js';
import type { VolumeStore } from '../volumes/store.js';
import { hostsFileContent, resolvConfContent } from './spec.js';
import type { RootfsUserFiles } from './image-port.js';
import type { ContainerNetworkRuntime, ContainerRecord } from './types.js';

export { cpusToQuota };

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await fs.readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** The container's root filesystem as {@link prepareContainer} sees it. */
export interface RootfsAccess {
  /** Where it is, or will be, mounted. */
  path: string;
  /** True once it is mounted at `path` (its content can be read there). */
  mounted(): boolean;
  /** Mounts it at `path` in the daemon (idempotent). */
  mount(): Promise<void>;
  /** Its /etc/passwd and /etc/group without a mount; undefined when they cannot be told so. */
  userFiles(): Promise<RootfsUserFiles | undefined>;
}

/** Inputs of {@link prepareContainer}. */
export interface PrepareInput {
  rec: ContainerRecord;
  /** The container's own directory (etc files go here). */
  dir: string;
  rootfs: RootfsAccess;
  volumes: VolumeStore;
  cgroupParent: string;
  /** The container's own namespace and etc files, when it joined networks. */
  network?: ContainerNetworkRuntime | undefined;
}

async function userFilesOf(rootfs: RootfsAccess): Promise<RootfsUserFiles> {
  if (!rootfs.mounted()) {
    const files = await rootfs.userFiles();
    if (files !== undefined) return files;
    await rootfs.mount();
  }
  return {
    passwd: await readOptional(join(rootfs.path, 'etc/passwd')),
    group: await readOptional(join(rootfs.path, 'etc/group')),
  };
}

/**
 * docker -v creates a missing bind source as a directory; an existing one (a file, a socket,
 * a directory) is mounted as it is. Each missing directory is made on its own: Node's
 * recursive mkdir never returns under /proc (it retries ENOENT forever and holds a thread).
 *
 * @throws {InvalidArgumentError} naming the source when it cannot be made.
 */
async function ensureBindSource(source: string): Promise<void> {
  const missing: string[] = [];
  for (let dir = source; ; dir = dirname(dir)) {
    try {
      await fs.stat(dir);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw bindSourceError(source, err);
      missing.unshift(dir);
      if (dirname(dir) === dir) break;
    }
  }
  for (const dir of missing) {
    await fs.mkdir(dir).catch((err: unknown) => {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw bindSourceError(source, err);
    });
  }
}

function bindSourceError(source: string, err: unknown): unknown {
  const code = (err as NodeJS.ErrnoException).code;
  // A full disk stays an errno error: the manager reports it as CONTAINER_NO_SPACE.
  if (code === 'ENOSPC' || code === 'EDQUOT') return err;
  return new InvalidArgumentError(
    `Cannot create the bind mount source "${source}": ${code ?? String(err)}`,
    { details: { field: 'mounts.source' }, cause: err },
  );
}

async function isEmptyDir(dir: string): Promise<boolean> {
  return (await fs.readdir(dir)).length === 0;
}

/**
 * Writes the etc files, creates and copies up volumes, and returns the runtime config. Mounts
 * the root filesystem (`input.rootfs.mount`) only to read content the image store cannot give.
 *
 * @throws {InvalidArgumentError} for a user not in the image's /etc/passwd.
 */
export async function prepareContainer(input: PrepareInput): Promise<ContainerConfig> {
  const { rec, dir, rootfs, network } = input;
  const hostNetwork = rec.spec.networkMode === 'host';
  const etc = {
    hosts: join(dir, 'hosts'),
    hostname: join(dir, 'hostname'),
    resolvConf: join(dir, 'resolv.conf'),
  };
  // Independent files: written (and the user files read) side by side.
  const [userFiles] = await Promise.all([
    userFilesOf(rootfs),
    (async () => {
      const hostHosts = hostNetwork ? readOptional('/etc/hosts') : undefined;
      await fs.writeFile(
        etc.hosts,
        network?.hosts ??
          (hostHosts === undefined ? hostsFileContent(rec.hostname) : ((await hostHosts) ?? '')),
      );
    })(),
    fs.writeFile(etc.hostname, `${rec.hostname}\n`),
    (async () => {
      const hostResolv = (await readOptional('/etc/resolv.conf')) ?? '';
      await fs.writeFile(
        etc.resolvConf,
        network?.resolvConf ?? resolvConfContent(hostResolv, hostNetwork),
      );
    })(),
  ]);
  const user = resolveUser(rec.user, userFiles);

  const mounts: ContainerMount[] = [];
  for (const m of rec.spec.mounts) {
    if (m.type === 'tmpfs') {
      mounts.push({
        type: 'tmpfs',
        target: m.target,
        ...(m.sizeBytes === undefined ? {} : { tmpfsSizeBytes: m.sizeBytes }),
      });
    } else if (m.type === 'bind') {
      await ensureBindSource(m.source);
      mounts.push({ type: 'bind', source: m.source, target: m.target, readonly: m.readonly });
    } else {
      // Anonymous volumes got their names when the container was created.
      const vol = await input.volumes.create(m.name);
      // Only an empty volume takes the image's content, which is read from the mounted root
      // filesystem (whiteouts and opaque directories of every layer apply).
      if (await isEmptyDir(vol.mountpoint)) {
        await rootfs.mount();
        await input.volumes.copyUpIfEmpty(vol, join(rootfs.path, m.target));
      }
      mounts.push({
        type: 'volume',
        source: vol.mountpoint,
        target: m.target,
        readonly: m.readonly,
      });
    }
  }

  return runtimeConfig(rec, {
    rootfsPath: rootfs.path,
    user,
    mounts,
    etcFiles: etc,
    cgroupParent: input.cgroupParent,
    netnsPath: network?.netnsPath,
  });
}

/**
 * The runtime-level config of container `rec` from what its start prepared (pure; create
 * builds one with placeholders to check the request before storing it).
 */
export function runtimeConfig(
  rec: ContainerRecord,
  p: {
    rootfsPath: string;
    user: ContainerConfig['user'];
    mounts: ContainerMount[];
    etcFiles: NonNullable<ContainerConfig['etcFiles']>;
    cgroupParent: string;
    /** The container's own network namespace (it joined networks). */
    netnsPath?: string | undefined;
  },
): ContainerConfig {
  const hostNetwork = rec.spec.networkMode === 'host';
  return {
    id: rec.id,
    rootfsPath: p.rootfsPath,
    readonlyRootfs: rec.spec.readOnly,
    args: rec.args,
    env: rec.env,
    cwd: rec.workingDir,
    ...(p.user === undefined ? {} : { user: p.user }),
    hostname: rec.hostname,
    mounts: p.mounts,
    etcFiles: p.etcFiles,
    resources: rec.spec.resources,
    capAdd: rec.spec.capAdd,
    capDrop: rec.spec.capDrop,
    privileged: rec.spec.privileged,
    noNewPrivileges: true,
    seccomp: 'default',
    ulimits: rec.spec.ulimits,
    sysctls: rec.spec.sysctls,
    init: rec.spec.init,
    ...(rec.spec.shmSizeBytes === undefined ? {} : { shmSizeBytes: rec.spec.shmSizeBytes }),
    tty: rec.spec.tty === true,
    ...(hostNetwork ? { hostNetwork: true } : {}),
    ...(p.netnsPath === undefined ? {} : { netns: { path: p.netnsPath, owned: true } }),
    annotations: rec.spec.labels,
    cgroupParent: p.cgroupParent,
  };
}
