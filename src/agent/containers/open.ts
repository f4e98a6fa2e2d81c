/**
 * Opens the node's containers: the OCI runtime, the cgroup driver, the shim, the volume store and
 * the container manager, which loads and re-adopts the containers of an earlier run.
 *
 * @module
 */
import { join } from 'node:path';
import { createCgroupDriver, detectCgroupLayout, type CgroupDriver } from '../cgroups/index.js';
import {
  buildOciSpec,
  containerCgroupsPath,
  daemonCgroupParent,
  detectHostInfo,
  openRuntime,
  writeBundle,
  type RuntimeName,
} from '../runtime/index.js';
import { containerRemovalSettleMs } from '../../util/limits.js';
import type { Logger } from '../../util/log.js';
import { ensureShimBinary } from '../shim/index.js';
import { VolumeStore } from '../volumes/store.js';
import type { ImagePort } from './image-port.js';
import { ContainerManager, type CgroupPort } from './manager.js';
import type { ContainerNetworkPort } from './types.js';

/** What {@link openContainers} needs. */
export interface OpenContainersOptions {
  /** The node's state directory (`--root`). */
  root: string;
  /** The node's runtime directory (`--run`). */
  run: string;
  runtime: RuntimeName;
  /** The node's image store. */
  images: ImagePort;
  log: Logger;
  /** The node's networks (src/agent/networks); without them, `none` and `host` only. */
  network?: ContainerNetworkPort;
}

/** The node's containers, open: the manager and what its services read besides it. */
export interface Containers {
  readonly manager: ContainerManager;
  readonly volumes: VolumeStore;
  readonly cgroups: CgroupDriver;
  /** Stops watching containers (they keep running) and removes the node's empty cgroup parent. */
  close(): Promise<void>;
}

/**
 * Opens the containers of the node rooted at `options.root`.
 *
 * @throws {RuntimeError} when the OCI runtime cannot be found or started.
 */
export async function openContainers(options: OpenContainersOptions): Promise<Containers> {
  const { root, run, images, log } = options;
  const layout = await detectCgroupLayout();
  const runtime = await openRuntime(options.runtime, {
    stateDir: join(run, options.runtime),
    layout,
  });
  const host = detectHostInfo();
  // One cgroup parent per daemon, so daemons side by side (tests) never share one.
  const cgroupParent = daemonCgroupParent(root);
  const cgroups = createCgroupDriver(layout);
  const holder: { manager?: ContainerManager } = {};
  const volumes = new VolumeStore(root, (name) => holder.manager?.volumeUsers(name) ?? []);
  const manager = new ContainerManager({
    root,
    runtime,
    images,
    volumes,
    cgroups: cgroupPort(cgroups),
    shim: () => ensureShimBinary(join(root, 'bin')),
    log,
    cgroupParent,
    buildSpec: (cfg) => buildOciSpec(cfg, host),
    writeBundle,
    cgroupsPath: (id) => containerCgroupsPath(cgroupParent, id),
    ...(options.network === undefined ? {} : { network: options.network }),
    attachDir: join(run, 'attach'),
  });
  holder.manager = manager;
  images.setInUse((imageId) => manager.imageUsersSettled(imageId));
  await manager.load();
  log.info('containers ready', {
    runtime: runtime.name,
    cgroups: layout.mode,
    containers: manager.list().length,
  });
  return {
    manager,
    volumes,
    cgroups,
    async close() {
      manager.close();
      await manager.settle(containerRemovalSettleMs);
      // The daemon's parent cgroup goes when no container is left in it (running containers
      // keep it, and the removal then fails harmlessly).
      if (
        manager.list().every((r) => r.state.status !== 'running' && r.state.status !== 'paused')
      ) {
        await cgroups.remove(`/${cgroupParent}`).catch(() => undefined);
      }
    },
  };
}

/** The manager's view of the cgroup driver: OOM kills, and where the shim reads them. */
export function cgroupPort(cgroups: CgroupDriver): CgroupPort {
  return {
    oomKilled: async (path) => (await cgroups.readOomKills(path)) > 0,
    oomFile: (path) => {
      const dirs = cgroups.paths(path);
      if (cgroups.mode === 'v2') {
        const dir = dirs['unified'] ?? Object.values(dirs)[0];
        return dir === undefined ? undefined : join(dir, 'memory.events');
      }
      const mem = dirs['memory'];
      return mem === undefined ? undefined : join(mem, 'memory.oom_control');
    },
  };
}
