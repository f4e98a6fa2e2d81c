/**
 * Everything a container needs on the host before the runtime creates it: the mounted root
 * filesystem, /etc/hosts, /etc/hostname and /etc/resolv.conf, its volumes, and the runtime-level
 * {@link ContainerConfig}.
 *
 * @module
 */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { cpusToQuota, type ContainerConfig, type ContainerMount } from '../runtime/config.js';
import { resolveUser } from '../runtime/user.js';
import type { VolumeStore } from '../volumes/store.js';
import { hostsFileContent, resolvConfContent } from './spec.js';
import type { ContainerRecord } from './types.js';

export { cpusToQuota };

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await fs.readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Inputs of {@link prepareContainer}. */
export interface PrepareInput {
  rec: ContainerRecord;
  /** The container's own directory (etc files go here). */
  dir: string;
  rootfsPath: string;
  volumes: VolumeStore;
  cgroupParent: string;
}

/**
 * Writes the etc files, creates and copies up volumes, and returns the runtime config.
 *
 * @throws {InvalidArgumentError} for a user not in the image's /etc/passwd.
 */
export async function prepareContainer(input: PrepareInput): Promise<ContainerConfig> {
  const { rec, dir, rootfsPath } = input;
  const hostNetwork = rec.spec.networkMode === 'host';
  const etc = {
    hosts: join(dir, 'hosts'),
    hostname: join(dir, 'hostname'),
    resolvConf: join(dir, 'resolv.conf'),
  };
  const hostResolv = (await readOptional('/etc/resolv.conf')) ?? '';
  await fs.writeFile(
    etc.hosts,
    hostNetwork ? ((await readOptional('/etc/hosts')) ?? '') : hostsFileContent(rec.hostname),
  );
  await fs.writeFile(etc.hostname, `${rec.hostname}\n`);
  await fs.writeFile(etc.resolvConf, resolvConfContent(hostResolv, hostNetwork));

  const user = resolveUser(rec.user, {
    passwd: await readOptional(join(rootfsPath, 'etc/passwd')),
    group: await readOptional(join(rootfsPath, 'etc/group')),
  });

  const mounts: ContainerMount[] = [];
  for (const m of rec.spec.mounts) {
    if (m.type === 'tmpfs') {
      mounts.push({
        type: 'tmpfs',
        target: m.target,
        ...(m.sizeBytes === undefined ? {} : { tmpfsSizeBytes: m.sizeBytes }),
      });
    } else if (m.type === 'bind') {
      // docker -v creates a missing host directory for a bind mount.
      await fs.mkdir(m.source, { recursive: true });
      mounts.push({ type: 'bind', source: m.source, target: m.target, readonly: m.readonly });
    } else {
      // Anonymous volumes got their names when the container was created.
      const vol = await input.volumes.create(m.name);
      await input.volumes.copyUpIfEmpty(vol, join(rootfsPath, m.target));
      mounts.push({
        type: 'volume',
        source: vol.mountpoint,
        target: m.target,
        readonly: m.readonly,
      });
    }
  }

  return {
    id: rec.id,
    rootfsPath,
    readonlyRootfs: rec.spec.readOnly,
    args: rec.args,
    env: rec.env,
    cwd: rec.workingDir,
    user,
    hostname: rec.hostname,
    mounts,
    etcFiles: etc,
    resources: rec.spec.resources,
    capAdd: rec.spec.capAdd,
    capDrop: rec.spec.capDrop,
    privileged: rec.spec.privileged,
    noNewPrivileges: true,
    seccomp: 'default',
    ulimits: rec.spec.ulimits,
    sysctls: rec.spec.sysctls,
    init: rec.spec.init,
    tty: false,
    ...(hostNetwork ? { netns: { path: '/proc/1/ns/net' } } : {}),
    annotations: rec.spec.labels,
    cgroupParent: input.cgroupParent,
  };
}
