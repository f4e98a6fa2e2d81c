/**
 * A real container manager for integration tests, without the daemon process: real image store
 * (loaded from a busybox archive the test builds), real runc/crun, the real shim, real cgroups.
 * Everything lives in temp directories and is removed by the cleanup stack.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openNetworks, removeNodeNetworks, type Networks } from '../../src/agent/index.js';
import { createCgroupDriver, detectCgroupLayout } from '../../src/agent/cgroups/index.js';
import { cgroupPort } from '../../src/agent/containers/open.js';
import { ContainerManager } from '../../src/agent/containers/manager.js';
import type { ImagePort } from '../../src/agent/containers/image-port.js';
import type { ContainerNetworkPort } from '../../src/agent/containers/types.js';
import { localContainerSpec } from '../../src/agent/containers/testing.js';
import {
  buildOciSpec,
  containerCgroupsPath,
  detectHostInfo,
  openRuntime,
  writeBundle,
} from '../../src/agent/runtime/index.js';
import { ensureShimBinary } from '../../src/agent/shim/index.js';
import { VolumeStore } from '../../src/agent/volumes/store.js';
import { ImageService } from '../../src/image/index.js';
import { createLogger } from '../../src/util/log.js';
import { connectDaemon } from '../../src/cli/client.js';
import { removeContainersOnCleanup, startTestDaemon, type TestDaemon } from '../helpers/daemon.js';
import type { Cleanup } from '../helpers/host.js';
import { writeBusyboxArchive } from '../helpers/images.js';

/** A manager plus what tests inspect. */
export interface Harness {
  manager: ContainerManager;
  volumes: VolumeStore;
  images: ImageService;
  root: string;
  cgroupParent: string;
  cgroups: ReturnType<typeof createCgroupDriver>;
  /** A fresh manager on the same directories (a "daemon restart"). */
  reopen(): Promise<ContainerManager>;
}

/** Shared compiled shim for the whole run. */
const shimCache = join(tmpdir(), 'tsorch-test-shim');

/** Options of {@link openHarness}. */
export interface HarnessOptions {
  /** Wraps the image store the manager sees (to inject its failures). */
  wrapImages?: (images: ImagePort) => ImagePort;
  /** The node's networks (src/agent/networks) the containers join. */
  network?: ContainerNetworkPort;
}

/** Opens a manager in temp directories, with busybox:test loaded. */
export async function openHarness(
  cleanup: Cleanup,
  runtimeName: 'runc' | 'crun' = 'runc',
  opts: HarnessOptions = {},
): Promise<Harness> {
  const base = mkdtempSync(join(tmpdir(), 'tsorch-ctr-'));
  cleanup.push(() => rmSync(base, { recursive: true, force: true }));
  const root = join(base, 'root');
  const run = join(base, 'run');
  const images = await ImageService.open(join(root, 'images'));
  const archive = join(base, 'busybox.tar');
  await writeBusyboxArchive(archive, { format: 'docker' });
  await images.load(archive);
  const layout = await detectCgroupLayout();
  const runtime = await openRuntime(runtimeName, { stateDir: join(run, runtimeName), layout });
  const host = detectHostInfo();
  const shimPath = await ensureShimBinary(shimCache);
  const cgroupParent = `tsorch-${createHash('sha256').update(root).digest('hex').slice(0, 8)}`;
  const cgroups = createCgroupDriver(layout);
  const holder: { manager?: ContainerManager } = {};
  const volumes = new VolumeStore(root, (name) => holder.manager?.volumeUsers(name) ?? []);
  const log = createLogger({
    level: process.env['TSORCH_TEST_LOG'] === '1' ? 'debug' : 'error',
    write: (l) => process.stderr.write(l),
  });
  const make = async (): Promise<ContainerManager> => {
    const m = new ContainerManager({
      root,
      runtime,
      images: opts.wrapImages?.(images) ?? images,
      volumes,
      cgroups: cgroupPort(cgroups),
      shim: () => Promise.resolve(shimPath),
      log,
      cgroupParent,
      buildSpec: (cfg) => buildOciSpec(cfg, host),
      writeBundle,
      cgroupsPath: (id) => containerCgroupsPath(cgroupParent, id),
      ...(opts.network === undefined ? {} : { network: opts.network }),
      attachDir: join(run, 'attach'),
    });
    holder.manager = m;
    await m.load();
    return m;
  };
  const manager = await make();
  cleanup.push(async () => {
    const m = holder.manager;
    if (m === undefined) return;
    for (const rec of m.list()) await m.remove(rec.id, { force: true, volumes: true });
    m.close();
    await m.settle(10_000);
    await cgroups.remove(`/${cgroupParent}`).catch(() => undefined);
  });
  return {
    manager,
    volumes,
    images,
    root,
    cgroupParent,
    cgroups,
    reopen: async () => {
      holder.manager?.close();
      await holder.manager?.settle(10_000);
      return make();
    },
  };
}

/** A spec with docker's defaults for everything not given. */
export const spec = localContainerSpec;

/** A real `tsorch daemon` (test/helpers/daemon.ts) with busybox:test loaded; cleaned up after. */
export async function daemonWithBusybox(
  cleanup: Cleanup,
  runtime: 'runc' | 'crun' = 'runc',
): Promise<TestDaemon> {
  const d = await startTestDaemon(cleanup, { runtime });
  removeContainersOnCleanup(cleanup, d);
  const archive = join(d.root, '..', 'busybox.tar');
  await writeBusyboxArchive(archive, { format: 'docker' });
  const client = connectDaemon(d.env);
  try {
    await client.unary(client.service('images', 'Images'), 'load', { path: archive });
  } finally {
    client.close();
  }
  return d;
}

/**
 * The node's networks (src/agent/networks, with the resolver and service discovery) in a temp
 * root, and a container manager whose containers join them; all removed at clean-up.
 */
export async function openNetworkedHarness(
  cleanup: Cleanup,
): Promise<{ networks: Networks; manager: ContainerManager }> {
  const notDefaultRoot = '/var/lib/tsorch';
  const base = mkdtempSync(join(tmpdir(), 'tsorch-netc-'));
  cleanup.push(() => rmSync(base, { recursive: true, force: true }));
  const log = createLogger({
    level: process.env['TSORCH_TEST_LOG'] === '1' ? 'debug' : 'error',
    write: (l) => process.stderr.write(l),
  });
  const root = join(base, 'root');
  cleanup.push(() => removeNodeNetworks(root, notDefaultRoot));
  const networks = await openNetworks({ root, defaultRoot: notDefaultRoot, log });
  cleanup.push(() => networks.close());
  const h = await openHarness(cleanup, 'runc', { network: networks.port });
  await networks.reconcile(new Set());
  return { networks, manager: h.manager };
}
