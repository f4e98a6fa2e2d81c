/**
 * The container manager: creates containers from images, drives their lifecycle through the
 * runtime and the per-container shim, applies restart policies and health checks, and re-adopts
 * running containers after a daemon restart (their shims kept them running and logging).
 *
 * State: `<root>/containers/<id>/` holds container.json (the record), the log files, the shim's
 * exit.json and the etc files; the bundle lives there too. Runtime state (runc --root) is under
 * `--run`.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import { watch, promises as fs, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import {
  ConflictError,
  InvalidArgumentError,
  NotFoundError,
  TsorchError,
} from '../../util/errors.js';
import {
  containerExitPollMs,
  containerLogMaxBytes,
  containerRemovalSettleMs,
  containerLogMaxFiles,
  containerStopTimeoutDefaultS,
  restartBackoffMaxMs,
  shimCleanupTimeoutMs,
} from '../../util/limits.js';
import type { Logger } from '../../util/log.js';
import {
  resolveUser,
  type ContainerConfig,
  type ContainerUser,
  type OciSpec,
  type Runtime,
} from '../runtime/index.js';
import { readExitRecord, ShimLauncher, shimAlive, shimFiles, waitShimDone } from '../shim/index.js';
import type { VolumeStore } from '../volumes/store.js';
import { HealthMonitor } from '../health/runner.js';
import { healthFromImage } from './health-config.js';
import type { ImagePort } from './image-port.js';
import { containerDir, loadRecords, saveRecord } from './persist.js';
import { prepareContainer } from './prepare.js';
import { mergeEnv, resolveArgs, restartDelayMs, shouldRestart } from './spec.js';
import type { ContainerRecord, ContainerSpec, ContainerStatus } from './types.js';
import { randomName } from './names.js';

/** Reads cgroup facts the manager reports (OOM kills). */
export interface CgroupPort {
  /** True when the kernel OOM-killed a process of the container's cgroup. */
  oomKilled(cgroupsPath: string): Promise<boolean>;
  /** The file holding the cgroup's `oom_kill` counter, read by the shim after the exit. */
  oomFile(cgroupsPath: string): string | undefined;
}

/** Dependencies of {@link ContainerManager}. */
export interface ManagerOptions {
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
}

const logFile = 'container.log';
/** Removed containers whose exit result `wait` still answers. */
const tombstoneMaxCount = 1000;

/** Resolves when `p` settles or after `ms`, whichever comes first. */
async function within(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([p, new Promise((r) => (timer = setTimeout(r, ms)))]);
  clearTimeout(timer);
}

/** One daemon's containers. */
export class ContainerManager {
  private readonly records = new Map<string, ContainerRecord>();
  private readonly locks = new Map<string, Promise<unknown>>();
  private readonly watchers = new Map<string, { w: FSWatcher | undefined; t: NodeJS.Timeout }>();
  private readonly waiters = new Map<string, (() => void)[]>();
  private readonly restartTimers = new Map<string, NodeJS.Timeout>();
  private readonly health: HealthMonitor;
  /** Starts shims, one kept in standby off the start path. */
  private readonly shims = new ShimLauncher();
  private closed = false;
  /** Exit results of removed containers, so a `wait` racing `--rm` still gets its answer. */
  private readonly tombstones = new Map<string, { exitCode: number; oomKilled: boolean }>();
  /** Removed containers whose files are still being deleted: their image, and the deletion. */
  private readonly removing = new Map<string, { imageId: string; deleted: Promise<void> }>();
  /** The last pending write of each record (writes of one record run one after another). */
  private readonly saving = new Map<string, Promise<void>>();
  /** Readers of a container's files (an attached run): its removal deletes them after. */
  private readonly fileHolds = new Map<
    string,
    { count: number; released: () => void; done: Promise<void> }
  >();

  constructor(private readonly o: ManagerOptions) {
    this.health = new HealthMonitor({
      runtime: o.runtime,
      log: o.log,
      dirOf: (id) => this.dir(id),
      onResult: (id, h) => this.onHealth(id, h),
    });
  }

  /** The container's directory under --root. */
  dir(id: string): string {
    return containerDir(this.o.root, id);
  }

  /** Path of the container's current log file. */
  logPath(id: string): string {
    return join(this.dir(id), logFile);
  }

  /** Rotated log files kept (the shim's max files). */
  get logMaxFiles(): number {
    return containerLogMaxFiles;
  }

  private withLock<T>(id: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.locks.get(id) ?? Promise.resolve();
    const next = prev.then(fn, fn);
    this.locks.set(
      id,
      next.catch(() => undefined),
    );
    return next;
  }

  /**
   * Writes the record. Writes of one record are queued (they share a temporary file), each
   * writes the state as it is when its turn comes, and a record whose files were deleted is not
   * written again.
   */
  private save(rec: ContainerRecord): Promise<void> {
    const { id } = rec;
    const write = (this.saving.get(id) ?? Promise.resolve()).then(async () => {
      if (this.records.get(id) === rec || this.removing.has(id)) await saveRecord(this.o.root, rec);
    });
    const settled = write.catch(() => undefined);
    this.saving.set(id, settled);
    void settled.then(() => {
      if (this.saving.get(id) === settled) this.saving.delete(id);
    });
    return write;
  }

  /** Every container, newest first. */
  list(): ContainerRecord[] {
    return [...this.records.values()].sort((a, b) => b.created.localeCompare(a.created));
  }

  /**
   * Finds a container by full id, unique id prefix or name.
   *
   * @throws {NotFoundError} CONTAINER_NOT_FOUND
   */
  get(ref: string): ContainerRecord {
    const byId = this.records.get(ref);
    if (byId !== undefined) return byId;
    const name = ref.startsWith('/') ? ref.slice(1) : ref;
    for (const r of this.records.values()) if (r.name === name) return r;
    const matches =
      ref.length >= 1 ? [...this.records.values()].filter((r) => r.id.startsWith(ref)) : [];
    if (matches.length === 1 && matches[0] !== undefined) return matches[0];
    if (matches.length > 1) {
      throw new InvalidArgumentError(
        `Ambiguous container id prefix "${ref}": ${matches.length} containers match`,
      );
    }
    throw new NotFoundError(`No such container: "${ref}"`, { code: 'CONTAINER_NOT_FOUND' });
  }

  /** Names of the containers using volume `name`. */
  volumeUsers(name: string): string[] {
    return [...this.records.values()].filter((r) => r.volumes.includes(name)).map((r) => r.name);
  }

  /** Ids of the containers created from image `imageId`. */
  imageUsers(imageId: string): string[] {
    return [...this.records.values()].filter((r) => r.imageId === imageId).map((r) => r.id);
  }

  /**
   * As {@link imageUsers}, once the removals under way of containers from `imageId` have deleted
   * their root filesystems (bounded): `rm` then `image rm` finds the image free.
   */
  async imageUsersSettled(imageId: string): Promise<string[]> {
    const removals = [...this.removing.values()].filter((r) => r.imageId === imageId);
    await within(Promise.all(removals.map((r) => r.deleted)), containerRemovalSettleMs);
    return this.imageUsers(imageId);
  }

  /**
   * Loads the stored records and re-adopts containers: those whose shim still runs are watched
   * again; those that exited while the daemon was away get their exit processed (and their
   * restart policy applied).
   */
  async load(): Promise<void> {
    const recs = await loadRecords(this.o.root, (id, err) => {
      this.o.log.warn('skipping unreadable container record', { id, err });
    });
    for (const rec of recs) this.records.set(rec.id, rec);
    for (const rec of recs) {
      const s = rec.state.status;
      if (s === 'running' || s === 'paused' || s === 'restarting') {
        if (await shimAlive(this.dir(rec.id))) {
          this.o.log.info('re-adopted container', { id: rec.id, name: rec.name });
          this.watchExit(rec.id);
          if (s === 'running') this.startHealth(rec);
        } else if ((await readExitRecord(this.dir(rec.id))) !== undefined) {
          await this.withLock(rec.id, () => this.handleExit(rec.id));
        } else if (s === 'restarting') {
          this.scheduleRestart(rec, 0);
        } else {
          // The shim vanished without an exit record (a reboot, or it was killed): the
          // container is gone too. Restart policies apply as after a crash (docker restarts
          // "always" containers when the daemon comes back after a reboot).
          await this.o.runtime.delete(rec.id, { force: true }).catch(() => undefined);
          const restart = shouldRestart(rec.spec.restartPolicy, {
            exitCode: 255,
            stoppedByUser: rec.state.stoppedByUser,
            restartCount: rec.state.restartCount,
          });
          rec.state = {
            ...rec.state,
            status: restart ? 'restarting' : 'dead',
            pid: 0,
            exitCode: 255,
            error: 'its monitor process is gone (host reboot?)',
          };
          await this.save(rec);
          if (restart) this.scheduleRestart(rec, 0);
        }
      } else if (s === 'removing') {
        // The daemon stopped while deleting its files: finish.
        await this.beginRemove(rec, false).deleted;
      }
    }
  }

  /**
   * Creates a container (not started): resolves the image, prepares its root filesystem and
   * anonymous volumes, and stores the record.
   *
   * @throws {ConflictError} ALREADY_EXISTS when the name is taken.
   * @throws {NotFoundError} IMAGE_NOT_FOUND for an unknown image.
   */
  async create(spec: ContainerSpec): Promise<ContainerRecord> {
    if (spec.name !== undefined && spec.name !== '') {
      if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(spec.name)) {
        throw new InvalidArgumentError(
          `Invalid container name "${spec.name}": use letters, digits, "_", "." and "-"`,
          {
            details: { field: 'name' },
          },
        );
      }
      if ([...this.records.values()].some((r) => r.name === spec.name)) {
        throw new ConflictError(`The container name "${spec.name}" is already in use`, {
          code: 'ALREADY_EXISTS',
          hint: 'remove that container (tsorch rm) or choose another --name',
        });
      }
    }
    const image = await this.o.images.resolve(spec.image);
    const cfg = image.config;
    const id = randomBytes(32).toString('hex');
    const args = resolveArgs(cfg, { entrypoint: spec.entrypoint, cmd: spec.cmd });
    const names = new Set([...this.records.values()].map((r) => r.name));
    let name = spec.name ?? '';
    for (let i = 0; name === '' || names.has(name); i += 1) name = randomName(i);
    const mounts = [...spec.mounts];
    // Image-declared volumes become anonymous volumes unless the user mounts something there.
    for (const target of Object.keys(cfg.Volumes ?? {})) {
      if (!mounts.some((m) => m.target === target)) {
        mounts.push({ type: 'volume', name: undefined, target, readonly: false });
      }
    }
    const anonymousVolumes: string[] = [];
    const volumes: string[] = [];
    for (const m of mounts) {
      if (m.type !== 'volume') continue;
      if (m.name === undefined) {
        const vol = await this.o.volumes.create(undefined);
        m.name = vol.name;
        anonymousVolumes.push(vol.name);
      }
      volumes.push(m.name);
    }
    const healthcheck =
      spec.healthcheck !== undefined
        ? spec.healthcheck.test[0] === 'NONE'
          ? undefined
          : spec.healthcheck
        : healthFromImage(cfg.Healthcheck);
    const rec: ContainerRecord = {
      id,
      name,
      created: new Date().toISOString(),
      spec: { ...spec, mounts },
      image: spec.image,
      imageId: image.id,
      args,
      env: mergeEnv(
        cfg.Env ?? ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
        spec.env,
      ),
      workingDir:
        spec.workingDir ??
        (cfg.WorkingDir !== undefined && cfg.WorkingDir !== '' ? cfg.WorkingDir : '/'),
      user: spec.user ?? cfg.User ?? '',
      hostname: spec.hostname ?? id.slice(0, 12),
      ...(healthcheck === undefined ? {} : { healthcheck }),
      stopSignal: spec.stopSignal ?? cfg.StopSignal ?? 'SIGTERM',
      volumes,
      anonymousVolumes,
      state: {
        status: 'created',
        pid: 0,
        exitCode: 0,
        oomKilled: false,
        error: '',
        startedAt: '',
        finishedAt: '',
        restartCount: 0,
        stoppedByUser: false,
      },
    };
    await fs.mkdir(this.dir(id), { recursive: true, mode: 0o700 });
    await this.o.images.prepareRootfs(id, image.id);
    this.records.set(id, rec);
    await this.save(rec);
    return rec;
  }

  /**
   * Starts a created or exited container. A running one is left alone (docker).
   *
   * @throws {TsorchError} RUNTIME_EXEC_FAILED when the runtime cannot create or start it.
   */
  start(ref: string): Promise<ContainerRecord> {
    const rec = this.get(ref);
    return this.withLock(rec.id, async () => {
      this.cancelRestart(rec.id);
      if (rec.state.status === 'running' || rec.state.status === 'paused') return rec;
      rec.state.stoppedByUser = false;
      await this.startLocked(rec);
      return rec;
    });
  }

  private async startLocked(rec: ContainerRecord): Promise<void> {
    const dir = this.dir(rec.id);
    const { runtime } = this.o;
    await Promise.all([
      fs.rm(join(dir, shimFiles.exit), { force: true }),
      // A leftover from an earlier run (the daemon died between exit and delete).
      runtime.delete(rec.id, { force: true }).catch(() => undefined),
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
      });
      const bundle = join(dir, 'bundle');
      await this.o.writeBundle(bundle, this.o.buildSpec(cfg));
      const pidFile = join(dir, 'init.pid');
      const oomFile = this.o.cgroups.oomFile(this.o.cgroupsPath(rec.id));
      const { pid } = await this.shims.start({
        shimPath: await this.o.shim(),
        stateDir: dir,
        pidFile,
        logPath: join(dir, logFile),
        logMaxBytes: containerLogMaxBytes,
        logMaxFiles: containerLogMaxFiles,
        createArgv: runtime.argv.create(rec.id, bundle, { pidFile }),
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
      this.watchExit(rec.id);
      rec.state = {
        ...rec.state,
        status: 'running',
        pid,
        exitCode: 0,
        oomKilled: false,
        error: '',
        startedAt: new Date().toISOString(),
        finishedAt: '',
        ...(rec.healthcheck === undefined
          ? {}
          : { health: { status: 'starting', failingStreak: 0, log: [] } }),
      };
      await this.save(rec);
      this.startHealth(rec);
    } catch (err) {
      this.unwatch(rec.id);
      await runtime.delete(rec.id, { force: true }).catch(() => undefined);
      // The shim unmounts what it mounted when the start fails; this undoes a mount made here
      // (and clears the store's record of the mount either way).
      await this.o.images.unmountRootfs(rec.id).catch(() => undefined);
      rec.state = {
        ...rec.state,
        status: rec.state.status === 'created' ? 'created' : 'exited',
        pid: 0,
        exitCode: 128,
        error: err instanceof Error ? err.message : String(err),
      };
      await this.save(rec);
      throw err;
    }
  }

  private startHealth(rec: ContainerRecord): void {
    if (rec.healthcheck !== undefined) this.health.start(rec.id, rec.healthcheck, rec.state);
  }

  private watchExit(id: string): void {
    if (this.watchers.has(id)) return;
    const dir = this.dir(id);
    const check = (): void => {
      void readExitRecord(dir).then(
        (exit) => {
          if (exit !== undefined && this.watchers.has(id)) {
            this.unwatch(id);
            void this.withLock(id, () => this.handleExit(id)).catch((err: unknown) => {
              this.o.log.error('handling a container exit failed', { id, err });
            });
          }
        },
        () => undefined,
      );
    };
    let w: FSWatcher | undefined;
    try {
      w = watch(dir, (_event, file) => {
        if (file === shimFiles.exit) check();
      });
    } catch {
      w = undefined;
    }
    const t = setInterval(check, containerExitPollMs);
    t.unref();
    this.watchers.set(id, { w, t });
    check();
  }

  private unwatch(id: string): void {
    const entry = this.watchers.get(id);
    if (entry === undefined) return;
    entry.w?.close();
    clearInterval(entry.t);
    this.watchers.delete(id);
  }

  /** Processes an exit recorded by the shim: state, OOM, runtime cleanup, restart policy. */
  private async handleExit(id: string): Promise<void> {
    const rec = this.records.get(id);
    if (rec === undefined) return;
    const exit = await readExitRecord(this.dir(id));
    if (exit === undefined || rec.state.status === 'exited' || rec.state.status === 'created')
      return;
    this.health.stop(id);
    const oomKilled =
      exit.oomKilled ?? (await this.o.cgroups.oomKilled(this.o.cgroupsPath(id)).catch(() => false));
    rec.state = {
      ...rec.state,
      status: 'exited',
      pid: 0,
      exitCode: exit.exitCode,
      oomKilled,
      finishedAt: exit.finishedAt,
    };
    const restart =
      !this.closed &&
      !rec.spec.autoRemove &&
      shouldRestart(rec.spec.restartPolicy, {
        exitCode: exit.exitCode,
        stoppedByUser: rec.state.stoppedByUser,
        restartCount: rec.state.restartCount,
      });
    if (restart) rec.state.status = 'restarting';
    // Waiters first: should the daemon die before the record is saved, the restarted daemon
    // processes exit.json again.
    this.notify(id);
    await this.save(rec);
    this.o.log.info('container exited', { id, exitCode: exit.exitCode, oomKilled, restart });
    // The shim records the exit, then deletes the container: waiters have their answer while
    // it does; a start or a removal (under this lock too) waits for the clean-up. Deleting and
    // unmounting here only finish what a shim that died or overran left.
    await waitShimDone(this.dir(id), shimCleanupTimeoutMs);
    await Promise.all([
      this.o.runtime.delete(id, { force: true }).catch((err: unknown) => {
        this.o.log.warn('runtime delete failed', { id, err });
      }),
      this.o.images.unmountRootfs(id).catch(() => undefined),
    ]);
    if (restart)
      this.scheduleRestart(rec, restartDelayMs(rec.state.restartCount, restartBackoffMaxMs));
    else if (rec.spec.autoRemove) {
      void this.remove(id, { force: true, volumes: true }).catch((err: unknown) => {
        this.o.log.warn('auto-remove failed', { id, err });
      });
    }
  }

  private scheduleRestart(rec: ContainerRecord, delayMs: number): void {
    this.cancelRestart(rec.id);
    const t = setTimeout(() => {
      this.restartTimers.delete(rec.id);
      void this.withLock(rec.id, async () => {
        if (rec.state.status !== 'restarting') return;
        rec.state.restartCount += 1;
        await this.startLocked(rec);
      }).catch((err: unknown) => {
        this.o.log.warn('restart failed', { id: rec.id, err });
      });
    }, delayMs);
    this.restartTimers.set(rec.id, t);
  }

  private cancelRestart(id: string): void {
    const t = this.restartTimers.get(id);
    if (t !== undefined) clearTimeout(t);
    this.restartTimers.delete(id);
  }

  private notify(id: string): void {
    const list = this.waiters.get(id) ?? [];
    this.waiters.delete(id);
    for (const fn of list) fn();
  }

  private isRunning(status: ContainerStatus): boolean {
    return status === 'running' || status === 'paused';
  }

  /**
   * Waits until the container is not running (or restarting) and returns its exit code.
   *
   * @throws {NotFoundError} CONTAINER_NOT_FOUND
   */
  async wait(ref: string, signal?: AbortSignal): Promise<{ exitCode: number; oomKilled: boolean }> {
    const gone = this.tombstones.get(ref);
    if (gone !== undefined && !this.records.has(ref)) return gone;
    const rec = this.get(ref);
    while (this.isRunning(rec.state.status) || rec.state.status === 'restarting') {
      if (signal?.aborted === true) throw new TsorchError('CANCELLED', 'Wait cancelled');
      await new Promise<void>((resolve) => {
        const list = this.waiters.get(rec.id) ?? [];
        list.push(resolve);
        this.waiters.set(rec.id, list);
        signal?.addEventListener('abort', () => resolve(), { once: true });
      });
    }
    return { exitCode: rec.state.exitCode, oomKilled: rec.state.oomKilled };
  }

  /** Resolves once the container's exit has been processed, or after `timeoutMs`. */
  private async waitExit(rec: ContainerRecord, timeoutMs: number): Promise<boolean> {
    if (!this.isRunning(rec.state.status)) return true;
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), timeoutMs);
    try {
      await this.wait(rec.id, abort.signal);
      return true;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Stops a container: its stop signal, then SIGKILL after the grace period.
   * Stopping a container that is not running does nothing.
   */
  async stop(
    ref: string,
    opts: { timeoutS?: number | undefined; signal?: string | undefined } = {},
  ): Promise<ContainerRecord> {
    const rec = this.get(ref);
    this.cancelRestart(rec.id);
    if (rec.state.status === 'restarting') {
      rec.state.status = 'exited';
      rec.state.stoppedByUser = true;
      await this.save(rec);
      this.notify(rec.id);
      return rec;
    }
    if (!this.isRunning(rec.state.status)) return rec;
    rec.state.stoppedByUser = true;
    await this.save(rec);
    const graceS = opts.timeoutS ?? rec.spec.stopTimeoutS ?? containerStopTimeoutDefaultS;
    if (rec.state.status === 'paused') await this.o.runtime.resume(rec.id).catch(() => undefined);
    await this.o.runtime.kill(rec.id, opts.signal ?? rec.stopSignal).catch(() => undefined);
    if (!(await this.waitExit(rec, graceS * 1000))) {
      await this.o.runtime.kill(rec.id, 'SIGKILL', { all: true }).catch(() => undefined);
      await this.waitExit(rec, 10_000);
    }
    return rec;
  }

  /** Restarts a container (stop, then start). */
  async restart(
    ref: string,
    opts: { timeoutS?: number | undefined } = {},
  ): Promise<ContainerRecord> {
    const rec = await this.stop(ref, opts);
    return this.start(rec.id);
  }

  /**
   * Sends a signal to the container's init process.
   *
   * @throws {TsorchError} CONTAINER_STATE when it is not running.
   */
  async kill(ref: string, signal = 'SIGKILL'): Promise<void> {
    const rec = this.get(ref);
    if (!this.isRunning(rec.state.status)) {
      throw new TsorchError(
        'CONTAINER_STATE',
        `Cannot kill container "${rec.name}": it is not running`,
      );
    }
    if (signal === 'SIGKILL' || signal === 'KILL' || signal === '9') {
      rec.state.stoppedByUser = true;
      await this.save(rec);
    }
    await this.o.runtime.kill(rec.id, signal);
  }

  /** Freezes every process of the container (the cgroup freezer). */
  pause(ref: string): Promise<void> {
    const rec = this.get(ref);
    return this.withLock(rec.id, async () => {
      if (rec.state.status !== 'running') {
        throw new TsorchError(
          'CONTAINER_STATE',
          `Cannot pause container "${rec.name}": it is ${rec.state.status}`,
        );
      }
      await this.o.runtime.pause(rec.id);
      rec.state.status = 'paused';
      await this.save(rec);
    });
  }

  /** Thaws a paused container. */
  unpause(ref: string): Promise<void> {
    const rec = this.get(ref);
    return this.withLock(rec.id, async () => {
      if (rec.state.status !== 'paused') {
        throw new TsorchError(
          'CONTAINER_STATE',
          `Cannot unpause container "${rec.name}": it is not paused`,
        );
      }
      await this.o.runtime.resume(rec.id);
      rec.state.status = 'running';
      await this.save(rec);
    });
  }

  /**
   * Removes a container: its runtime state, root filesystem, logs and (with `volumes`) its
   * anonymous volumes.
   *
   * @throws {TsorchError} CONTAINER_STATE when it runs and `force` is not set.
   */
  async remove(ref: string, opts: { force: boolean; volumes: boolean }): Promise<void> {
    const rec = this.get(ref);
    if (this.isRunning(rec.state.status) || rec.state.status === 'restarting') {
      if (!opts.force) {
        throw new TsorchError(
          'CONTAINER_STATE',
          `Cannot remove container "${rec.name}": it is running`,
          {
            hint: 'stop it first, or use rm -f',
          },
        );
      }
      this.cancelRestart(rec.id);
      rec.state.stoppedByUser = true;
      if (this.isRunning(rec.state.status)) {
        await this.o.runtime.kill(rec.id, 'SIGKILL', { all: true }).catch(() => undefined);
        await this.waitExit(rec, 10_000);
      }
    }
    const { marked, deleted } = this.beginRemove(rec, opts.volumes);
    await marked;
    // `rm -v` answers once the anonymous volumes are gone, so `volume ls` agrees at once.
    if (opts.volumes && rec.anonymousVolumes.length > 0) await deleted;
  }

  /**
   * Removes `rec` from the API at once (its name is free, it is not listed, `wait` answers from
   * its tombstone) and records it as `removing`; its runtime state, root filesystem, volumes and
   * files are deleted afterwards under its lock, after any exit processing still under way. A
   * daemon that stops meanwhile finishes the deletion when it loads the record again.
   *
   * @returns the write of the `removing` record, and the deletion (it logs its failures).
   */
  private beginRemove(
    rec: ContainerRecord,
    volumes: boolean,
  ): { marked: Promise<void>; deleted: Promise<void> } {
    const { id } = rec;
    const pending = this.removing.get(id);
    if (pending !== undefined) return { marked: Promise.resolve(), deleted: pending.deleted };
    this.cancelRestart(id);
    this.health.stop(id);
    this.unwatch(id);
    rec.state.status = 'removing';
    const marked = this.save(rec);
    this.records.delete(id);
    this.tombstones.set(id, { exitCode: rec.state.exitCode, oomKilled: rec.state.oomKilled });
    if (this.tombstones.size > tombstoneMaxCount) {
      const oldest = this.tombstones.keys().next().value;
      if (oldest !== undefined) this.tombstones.delete(oldest);
    }
    this.notify(id);
    const deleted = marked
      .then(() => this.withLock(id, () => this.deleteFiles(rec, volumes)))
      .catch((err: unknown) => {
        this.o.log.warn('removing a container failed', { id, err });
      })
      .finally(() => this.removing.delete(id));
    this.removing.set(id, { imageId: rec.imageId, deleted });
    return { marked, deleted };
  }

  private async deleteFiles(rec: ContainerRecord, volumes: boolean): Promise<void> {
    const { id } = rec;
    await this.o.runtime.delete(id, { force: true }).catch(() => undefined);
    await this.o.images.removeRootfs(id).catch((err: unknown) => {
      this.o.log.warn('removing the root filesystem failed', { id, err });
    });
    if (volumes) {
      for (const v of rec.anonymousVolumes) {
        if (this.volumeUsers(v).length === 0) await this.o.volumes.remove(v, { force: true });
      }
    }
    await this.saving.get(id);
    const held = this.fileHolds.get(id);
    if (held !== undefined) await within(held.done, containerRemovalSettleMs);
    await fs.rm(this.dir(id), { recursive: true, force: true });
  }

  /**
   * Keeps the container's files (its log) from being deleted by a removal until the returned
   * function is called (or for at most `containerRemovalSettleMs`): an attached run reads the
   * whole output of a container that may end and be auto-removed before it has opened the log.
   */
  holdFiles(id: string): () => void {
    let h = this.fileHolds.get(id);
    if (h === undefined) {
      let released = (): void => undefined;
      const done = new Promise<void>((r) => (released = r));
      h = { count: 0, released, done };
      this.fileHolds.set(id, h);
    }
    const hold = h;
    hold.count += 1;
    let once = false;
    return () => {
      if (once) return;
      once = true;
      hold.count -= 1;
      if (hold.count === 0) {
        this.fileHolds.delete(id);
        hold.released();
      }
    };
  }

  /** Resolves once the removals under way have deleted their files, or after `timeoutMs`. */
  async settle(timeoutMs: number): Promise<void> {
    await within(Promise.all([...this.removing.values()].map((r) => r.deleted)), timeoutMs);
  }

  private async onHealth(
    id: string,
    health: NonNullable<ContainerRecord['state']['health']>,
  ): Promise<void> {
    const rec = this.records.get(id);
    if (rec === undefined || rec.state.status !== 'running') return;
    const was = rec.state.health?.status;
    rec.state.health = health;
    await this.save(rec);
    if (health.status !== 'unhealthy' || was === 'unhealthy') return;
    const action = rec.spec.healthOnFailure;
    this.o.log.info('container unhealthy', { id, action });
    switch (action) {
      case 'none':
        return;
      case 'kill':
        await this.o.runtime.kill(id, 'SIGKILL', { all: true }).catch(() => undefined);
        return;
      case 'stop':
        await this.stop(id);
        return;
      case 'restart':
        await this.stop(id);
        rec.state.restartCount += 1;
        await this.start(id);
        return;
    }
  }

  /** The compiled shim (terminal execs run through it). */
  shimPath(): Promise<string> {
    return this.o.shim();
  }

  /** The runtime driver (exec runs through it). */
  get runtime(): Runtime {
    return this.o.runtime;
  }

  /** The container's cgroup path, relative to each hierarchy's root. */
  cgroupsPath(id: string): string {
    return this.o.cgroupsPath(id);
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

  /**
   * The container's processes (host pids), as `top` shows them.
   *
   * @throws {TsorchError} CONTAINER_STATE when it is not running.
   */
  async top(
    ref: string,
  ): Promise<{ processes: { pid: number; ppid: number; uid: number; cmd: string }[] }> {
    const rec = this.get(ref);
    if (!this.isRunning(rec.state.status)) {
      throw new TsorchError(
        'CONTAINER_STATE',
        `Cannot list processes of container "${rec.name}": it is not running`,
      );
    }
    const pids = await this.o.runtime.ps(rec.id);
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
    return { processes };
  }

  /** Stops background work; containers keep running under their shims. */
  close(): void {
    this.closed = true;
    for (const id of [...this.watchers.keys()]) this.unwatch(id);
    for (const id of [...this.restartTimers.keys()]) this.cancelRestart(id);
    this.health.close();
    this.shims.close();
  }
}
