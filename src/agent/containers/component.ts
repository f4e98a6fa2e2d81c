/**
 * The `containers` daemon component: opens the OCI runtime, compiles the shim, loads and
 * re-adopts containers, and serves the Containers and Volumes gRPC services.
 *
 * @module
 */
import { join } from 'node:path';
import type { ComponentFactory } from '../../daemon/component.js';
import { createCgroupDriver, detectCgroupLayout, type CgroupDriver } from '../cgroups/index.js';
import {
  buildOciSpec,
  containerCgroupsPath,
  daemonCgroupParent,
  detectHostInfo,
  openRuntime,
  writeBundle,
} from '../runtime/index.js';
import { containerRemovalSettleMs } from '../../util/limits.js';
import { ensureShimBinary } from '../shim/index.js';
import { VolumeStore } from '../volumes/store.js';
import type { ImagePort } from './image-port.js';
import { ContainerManager, type CgroupPort } from './manager.js';
import { containerServices } from './service.js';

/** Factory of the `containers` component (needs the `images` component before it). */
export const containersComponent: ComponentFactory = {
  name: 'containers',
  async create(ctx) {
    const { config } = ctx;
    const images = ctx.require<ImagePort>('images');
    const layout = await detectCgroupLayout();
    const runtime = await openRuntime(config.runtime, {
      stateDir: join(config.run, config.runtime),
      layout,
    });
    const host = detectHostInfo();
    // One cgroup parent per daemon, so daemons side by side (tests) never share one.
    const cgroupParent = daemonCgroupParent(config.root);
    const cgroups = createCgroupDriver(layout);
    const holder: { manager?: ContainerManager } = {};
    const volumes = new VolumeStore(config.root, (name) => holder.manager?.volumeUsers(name) ?? []);
    const manager = new ContainerManager({
      root: config.root,
      runtime,
      images,
      volumes,
      cgroups: cgroupPort(cgroups),
      shim: () => ensureShimBinary(join(config.root, 'bin')),
      log: ctx.log,
      cgroupParent,
      buildSpec: (cfg) => buildOciSpec(cfg, host),
      writeBundle,
      cgroupsPath: (id) => containerCgroupsPath(cgroupParent, id),
    });
    holder.manager = manager;
    const m = manager;
    images.setInUse((imageId) => m.imageUsersSettled(imageId));
    await m.load();
    ctx.log.info('containers ready', {
      runtime: runtime.name,
      cgroups: layout.mode,
      containers: m.list().length,
    });
    return {
      name: 'containers',
      api: m,
      services: containerServices(m, volumes, cgroups),
      async stop() {
        m.close();
        await m.settle(containerRemovalSettleMs);
        // The daemon's parent cgroup goes when no container is left in it (running containers
        // keep it, and the removal then fails harmlessly).
        if (m.list().every((r) => r.state.status !== 'running' && r.state.status !== 'paused')) {
          await cgroups.remove(`/${cgroupParent}`).catch(() => undefined);
        }
      },
    };
  },
};

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
