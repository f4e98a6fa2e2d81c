/**
 * The container executor: the I/O behind the task controller's actions. It provisions a
 * container (anonymous volumes, its directory, its root filesystem), starts it through the
 * per-container shim and the OCI runtime, signals, freezes and thaws it, cleans up after its
 * exit, and deletes its files. It keeps no lifecycle state: the manager decides, this does.
 *
 * State: `<root>/containers/<id>/` holds container.json (the record), the log files, the shim's
 * exit.json and the etc files; the bundle lives there too. Runtime state (runc --root) is under
 * `--run`.
 *
 * @module
 */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { containerRemovalSettleMs, shimCleanupTimeoutMs } from '../../util/limits.js';
import { logRotationOf } from './new-record.js';
import type { Logger } from '../../util/log.js';
import {
  resolveUser,
  type ContainerConfig,
  type ContainerUser,
  type OciSpec,
  type Runtime,
} from '../runtime/index.js';
import { readExitRecord, ShimLauncher, shimAlive, shimFiles, waitShimDone } from '../shim/index.js';
import type { MonitorSeen } from '../task-controller.js';
import type { VolumeStore } from '../volumes/store.js';
import type { ImagePort } from './image-port.js';
import { containerDir } from './persist.js';
import { prepareContainer } from './prepare.js';
import { settledWithin } from './record-store.js';
import type { ContainerNetworkPort, ContainerRecord } from './types.js';

/** Reads cgroup facts the manager reports (OOM kills). */
export interface CgroupPort {
  /** True when the kernel OOM-killed a process of the container's cgroup. */
  oomKilled(cgroupsPath: string): Promise<boolean>;
  /** The file holding the cgroup's `oom_kill` counter, read by the shim after the exit. */
  oomFile(cgroupsPath: string): string | undefined;
}

/** Dependencies of the executor (and of the container manager). */
export interface ExecutorOptions {
  root: string;
  runtime: Runtime;
  images: ImagePort;
  volumes: VolumeStore;
  cgroups: CgroupPort;
  /** The compiled shim, compiled on first use (a daemon without a C compiler still serves images). */
  shim: () => Promise<string>;
  log: Logger;
  cgroupParent: string;
  /** buildOciSpec bound to this host. */
  buildSpec(cfg: ContainerConfig): OciSpec;
  writeBundle(dir: string, spec: OciSpec): Promise<void>;
  /** `/<parent>/<id>` as the runtime layer computes it. */
  cgroupsPath(id: string): string;
  /** The node's networks; without them containers get `none` or `host` only. */
  network?: ContainerNetworkPort;
  /**
   * A short directory (under --run) for the containers' attach and console sockets: a unix
   * socket path has at most 107 bytes, too few under the container directories.
   */
  attachDir: string;
}

/** An exit the shim recorded. */
export interface ObservedExit {
  exitCode: number;
  oomKilled: boolean;
  /** RFC 3339. */
  finishedAt: string;
}

const logFile = 'container.log';
const initPidFile = 'init.pid';

/** Runs containers of one daemon. */
export class Executor {
  /** Starts shims, one kept in standby off the start path. */
  private readonly shims = new ShimLauncher();

  constructor(readonly o: ExecutorOptions) {}

  /** The container's directory under --root. */
  dir(id: string): string {
    return containerDir(this.o.root, id);
  }

  /** Path of the container's current log file. */
  logPath(id: string): string {
    return join(this.dir(id), logFile);
  }

  /** The socket of the container's shim that attached clients connect to. */
  attachPath(id: string): string {
    return join(this.o.attachDir, `${id.slice(0, 32)}.sock`);
  }

  /**
   * Makes what a new container needs before its record is stored: its anonymous volumes (named
   * into `rec`'s mounts), its directory and its root filesystem. On failure, deletes what it
   * made and throws.
   */
  async provision(rec: ContainerRecord): Promise<void> {
    try {
      for (const m of rec.spec.mounts) {
        if (m.type !== 'volume') continue;
        if (m.name === undefined) {
          const vol = await this.o.volumes.create(undefined);
          m.name = vol.name;
          rec.anonymousVolumes.push(vol.name);
        }
        rec.volumes.push(m.name);
      }
      await fs.mkdir(this.dir(rec.id), { recursive: true, mode: 0o700 });
      await this.o.images.prepareRootfs(rec.id, rec.imageId);
      await this.o.network?.attach(rec);
    } catch (err) {
      await this.unprovision(rec);
      throw err;
    }
  }

  /** Deletes what {@link provision} made (a create that failed); logs its own failures. */
  async unprovision(rec: ContainerRecord): Promise<void> {
    const { id } = rec;
    const warn = (what: string) => (err: unknown) => {
      this.o.log.warn(`undoing a failed create: ${what} failed`, { id, err });
    };
    await this.o.network?.detach(id).catch(warn('removing the network endpoints'));
    await this.o.images.removeRootfs(id).catch(warn('removing the root filesystem'));
    for (const v of rec.anonymousVolumes) {
      await this.o.volumes.remove(v, { force: true }).catch(warn('removing a volume'));
    }
    await fs.rm(this.dir(id), { recursive: true, force: true }).catch(warn('removing files'));
  }

  /**
   * Deletes what a create cut short by a daemon kill left (a directory without a record): its
   * runtime state, root filesystem and files.
   */
  async removeUnrecorded(id: string): Promise<void> {
    await this.deleteRuntime(id);
    await this.o.network?.detach(id).catch((err: unknown) => {
      this.o.log.warn('removing the network of an unfinished create failed', { id, err });
    });
    await this.o.images.unmountRootfs(id).catch(() => undefined);
    await this.o.images.removeRootfs(id).catch((err: unknown) => {
      this.o.log.warn('removing the root filesystem of an unfinished create failed', { id, err });
    });
    await fs.rm(this.dir(id), { recursive: true, force: true });
  }

  /**
   * Starts the container under a new shim and returns its init pid. On failure, undoes what
   * the start did and throws.
   *
   * @throws {TsorchError} RUNTIME_EXEC_FAILED when the runtime cannot create or start it.
   */
  async start(rec: ContainerRecord): Promise<number> {
    const dir = this.dir(rec.id);
    const { runtime } = this.o;
    await Promise.all([
      fs.rm(join(dir, shimFiles.exit), { force: true }),
      // A daemon adopting a start it cut short reads the pid from here: never an old one.
      fs.rm(join(dir, initPidFile), { force: true }),
      // A leftover from an earlier run (the daemon died between exit and delete).
      this.deleteRuntime(rec.id),
    ]);
    try {
      // The shim mounts the root filesystem with mount(2) before the runtime's create (as
      // containerd's shim does): no mount(8) spawned from here. Only when its content must be
      // read here (a volume copy-up) is it mounted here, and then the shim does not mount it.
      const plan = await this.o.images.rootfsMountPlan(rec.id);
      let mounted = plan.mounted;
      const cfg = await prepareContainer({
        rec,
        dir,
        rootfs: {
          path: plan.target,
          mounted: () => mounted,
          mount: async () => {
            if (mounted) return;
            await this.o.images.mountRootfs(rec.id);
            mounted = true;
          },
          userFiles: () => this.o.images.rootfsUserFiles(rec.id),
        },
        volumes: this.o.volumes,
        cgroupParent: this.o.cgroupParent,
        network: this.o.network?.runtime(rec),
      });
      const bundle = join(dir, 'bundle');
      await this.o.writeBundle(bundle, this.o.buildSpec(cfg));
      const pidFile = join(dir, initPidFile);
      const oomFile = this.o.cgroups.oomFile(this.o.cgroupsPath(rec.id));
      const rotation = logRotationOf(rec);
      // The runtime hands a terminal's master to this socket; the shim receives it.
      const consoleSocket =
        rec.spec.tty === true ? join(this.o.attachDir, `${rec.id.slice(0, 32)}.con`) : undefined;
      await fs.mkdir(this.o.attachDir, { recursive: true, mode: 0o700 });
      const { pid } = await this.shims.start({
        shimPath: await this.o.shim(),
        stateDir: dir,
        pidFile,
        logPath: this.logPath(rec.id),
        logMaxBytes: rotation.maxSizeBytes,
        logMaxFiles: rotation.maxFiles,
        createArgv: runtime.argv.create(rec.id, bundle, {
          pidFile,
          ...(consoleSocket === undefined ? {} : { consoleSocket }),
        }),
        attach: this.attachPath(rec.id),
        stdin: rec.spec.openStdin === true,
        ...(consoleSocket === undefined ? {} : { consoleSocket }),
        // The shim starts the container and, after its exit, unmounts its root filesystem and
        // deletes it: no process spawned from here on the start and exit paths. Not
        // `run --detach`: under load about 1 in 20 short-lived containers (`true`) started so
        // by runc 1.1.5 end killed by SIGKILL (exit 137), with or without --no-subreaper;
        // create + start never did (bench/container-start, docs/adr/010). With runc the shim
        // starts it as `runc start` does (reads and removes its exec fifo), one Go process less.
        startArgv: runtime.argv.start(rec.id),
        ...(runtime.execFifo === undefined ? {} : { execFifo: runtime.execFifo(rec.id) }),
        deleteArgv: runtime.argv.delete(rec.id, { force: true }),
        ...(mounted ? {} : { mount: plan }),
        unmount: plan.target,
        ...(oomFile === undefined ? {} : { oomFile }),
      });
      return pid;
    } catch (err) {
      await this.undoStart(rec.id);
      throw err;
    }
  }

  /** Deletes the runtime state and unmounts what a failed start left. */
  async undoStart(id: string): Promise<void> {
    await this.deleteRuntime(id);
    // The shim unmounts what it mounted when the start fails; this undoes a mount made here
    // (and clears the store's record of the mount either way).
    await this.o.images.unmountRootfs(id).catch(() => undefined);
  }

  /** The exit the container's shim recorded (OOM kill read from the cgroup if it did not say). */
  async readExit(id: string): Promise<ObservedExit | undefined> {
    const exit = await readExitRecord(this.dir(id));
    if (exit === undefined) return undefined;
    const oomKilled =
      exit.oomKilled ?? (await this.o.cgroups.oomKilled(this.o.cgroupsPath(id)).catch(() => false));
    return { exitCode: exit.exitCode, oomKilled, finishedAt: exit.finishedAt };
  }

  /** The init pid the shim wrote and when (its file's time), for a start a daemon cut short. */
  async initStarted(id: string): Promise<{ pid: number; at: string } | Record<string, never>> {
    const file = join(this.dir(id), initPidFile);
    try {
      const [text, st] = await Promise.all([fs.readFile(file, 'utf8'), fs.stat(file)]);
      const pid = Number(text.trim());
      return Number.isSafeInteger(pid) && pid > 0 ? { pid, at: st.mtime.toISOString() } : {};
    } catch {
      return {};
    }
  }

  /** Whether the container's shim still runs, recorded an exit, or is gone without one. */
  async monitorSeen(id: string): Promise<MonitorSeen> {
    if (await shimAlive(this.dir(id))) return 'alive';
    return (await readExitRecord(this.dir(id))) === undefined ? 'gone' : 'exited';
  }

  /**
   * After an exit: the shim records the exit, then deletes the container; waiters have their
   * answer while it does. Deleting and unmounting here only finish what a shim that died or
   * overran left.
   */
  async cleanUpAfterExit(id: string): Promise<void> {
    await waitShimDone(this.dir(id), shimCleanupTimeoutMs);
    await Promise.all([
      this.o.runtime.delete(id, { force: true }).catch((err: unknown) => {
        this.o.log.warn('runtime delete failed', { id, err });
      }),
      this.o.images.unmountRootfs(id).catch(() => undefined),
    ]);
  }

  /** Deletes the container's runtime state, ignoring failures (it may have none). */
  async deleteRuntime(id: string): Promise<void> {
    await this.o.runtime.delete(id, { force: true }).catch(() => undefined);
  }

  /** Sends `signal` to the init process, or with `all` to every process of the container. */
  kill(id: string, signal: string, all: boolean): Promise<void> {
    return all ? this.o.runtime.kill(id, signal, { all: true }) : this.o.runtime.kill(id, signal);
  }

  /** Freezes every process of the container (the cgroup freezer). */
  pause(id: string): Promise<void> {
    return this.o.runtime.pause(id);
  }

  /** Thaws a frozen container. */
  resume(id: string): Promise<void> {
    return this.o.runtime.resume(id);
  }

  /**
   * Deletes a removed container's runtime state, root filesystem, files and, with `volumes`,
   * its anonymous volumes no other container uses. Waits for queued record writes and,
   * bounded, for holds on its files.
   */
  async deleteFiles(
    rec: ContainerRecord,
    opts: {
      volumes: boolean;
      volumeUsers: (name: string) => string[];
      /** Waits for the record writes queued so far. */
      flushed: () => Promise<void>;
      /** Waits for the holds on the files to be released. */
      released: () => Promise<void>;
    },
  ): Promise<void> {
    const { id } = rec;
    await this.deleteRuntime(id);
    await this.o.network?.detach(id).catch((err: unknown) => {
      this.o.log.warn('removing the network endpoints failed', { id, err });
    });
    await this.o.images.removeRootfs(id).catch((err: unknown) => {
      this.o.log.warn('removing the root filesystem failed', { id, err });
    });
    if (opts.volumes) {
      for (const v of rec.anonymousVolumes) {
        if (opts.volumeUsers(v).length === 0) await this.o.volumes.remove(v, { force: true });
      }
    }
    await opts.flushed();
    await settledWithin(opts.released(), containerRemovalSettleMs);
    await fs.rm(this.dir(id), { recursive: true, force: true });
  }

  /**
   * Resolves `user[:group]` against the running container's /etc/passwd and /etc/group.
   *
   * @throws {InvalidArgumentError} for names the image does not know.
   */
  async resolveUser(id: string, spec: string): Promise<ContainerUser> {
    const bundle = JSON.parse(
      await fs.readFile(join(this.dir(id), 'bundle', 'config.json'), 'utf8'),
    ) as OciSpec;
    const read = (p: string): Promise<string | undefined> =>
      fs.readFile(join(bundle.root.path, p), 'utf8').catch(() => undefined);
    return resolveUser(spec, { passwd: await read('etc/passwd'), group: await read('etc/group') });
  }

  /** The container's processes (host pids), as `top` shows them. */
  async top(id: string): Promise<{ pid: number; ppid: number; uid: number; cmd: string }[]> {
    const pids = await this.o.runtime.ps(id);
    const processes = [];
    for (const pid of pids) {
      try {
        const status = await fs.readFile(`/proc/${pid}/status`, 'utf8');
        const cmdline = (await fs.readFile(`/proc/${pid}/cmdline`, 'utf8'))
          .split('\0')
          .filter((a) => a !== '')
          .join(' ');
        const field = (k: string): number =>
          Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
        processes.push({ pid, ppid: field('PPid'), uid: field('Uid'), cmd: cmdline });
      } catch {
        // The process ended between ps and the read.
      }
    }
    return processes;
  }

  /** Stops the standby shim. */
  close(): void {
    this.shims.close();
  }
}
