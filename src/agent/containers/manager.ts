/**
 * The container manager: the containers API of one daemon. It creates containers from images
 * and answers for them; their lifecycle runs through the pure task controller
 * (src/agent/task-controller.ts), driven by lifecycle.ts; the executor (executor.ts) runs
 * them under the runtime and their shims; the record store (record-store.ts) keeps the records.
 * Containers outlive the daemon under their shims and are re-adopted by {@link load}.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import { TsorchError } from '../../util/errors.js';
import type { ContainerUser, Runtime } from '../runtime/index.js';
import { isRunning } from '../task-controller.js';
import { Executor, type ExecutorOptions } from './executor.js';
import { Lifecycle } from './lifecycle.js';
import { checkContainerName, logRotationOf, newRecord } from './new-record.js';
import { RecordStore, type ExitResult } from './record-store.js';
import type { ContainerRecord, LocalContainerSpec } from './types.js';
import { checkContainerSpec, noSpaceError, placeholderConfig } from './validate.js';

export type { CgroupPort } from './executor.js';

/** Dependencies of {@link ContainerManager}. */
export type ManagerOptions = ExecutorOptions;

/** One daemon's containers. */
export class ContainerManager {
  private readonly store: RecordStore;
  private readonly exec: Executor;
  private readonly lifecycle: Lifecycle;

  constructor(private readonly o: ManagerOptions) {
    this.store = new RecordStore(o.root);
    this.exec = new Executor(o);
    this.lifecycle = new Lifecycle(this.store, this.exec, o.log);
  }

  /** The container's directory under --root. */
  dir(id: string): string {
    return this.exec.dir(id);
  }

  /** Path of the container's current log file. */
  logPath(id: string): string {
    return this.exec.logPath(id);
  }

  /** The socket of the container's shim that attached clients connect to. */
  attachPath(id: string): string {
    return this.exec.attachPath(id);
  }

  /** Log files the container keeps, the current one included (its `--log-opt max-file`). */
  logMaxFiles(rec: ContainerRecord): number {
    return logRotationOf(rec).maxFiles;
  }

  /** Every container, newest first. */
  list(): ContainerRecord[] {
    return this.store.list();
  }

  /**
   * Finds a container by full id, unique id prefix or name.
   *
   * @throws {NotFoundError} CONTAINER_NOT_FOUND
   */
  get(ref: string): ContainerRecord {
    return this.store.get(ref);
  }

  /** Names of the containers using volume `name`. */
  volumeUsers(name: string): string[] {
    return this.store.volumeUsers(name);
  }

  /** Ids of the containers created from image `imageId`. */
  imageUsers(imageId: string): string[] {
    return this.store.imageUsers(imageId);
  }

  /**
   * As {@link imageUsers}, once the removals under way of containers from `imageId` have deleted
   * their root filesystems (bounded): `rm` then `image rm` finds the image free.
   */
  imageUsersSettled(imageId: string): Promise<string[]> {
    return this.store.imageUsersSettled(imageId);
  }

  /**
   * Loads the stored records and re-adopts containers: those whose shim still runs are watched
   * again; those that exited while the daemon was away get their exit processed (and their
   * restart policy applied); records of every state are checked against the shim (a start the
   * previous daemon did not finish); unfinished creates and removals are finished.
   */
  async load(): Promise<void> {
    const unrecorded: string[] = [];
    const recs = await this.store.load((id, err) => {
      // A create the previous daemon did not finish: its record was never written.
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') unrecorded.push(id);
      else this.o.log.warn('skipping unreadable container record', { id, err });
    });
    for (const id of unrecorded) {
      this.o.log.info('removing an unfinished container create', { id });
      await this.exec.removeUnrecorded(id);
    }
    for (const rec of recs) await this.lifecycle.adopt(rec);
  }

  /**
   * Creates a container (not started): resolves the image, prepares its root filesystem and
   * anonymous volumes, and stores the record. A create that fails leaves nothing behind.
   *
   * @throws {ConflictError} ALREADY_EXISTS when the name is taken (also by a create under way).
   * @throws {InvalidArgumentError} for a bad name, command, environment, mount, stop signal,
   *   capability, sysctl or resource (checked against the host), naming the field.
   * @throws {NotFoundError} IMAGE_NOT_FOUND for an unknown image.
   * @throws {TsorchError} CONTAINER_NO_SPACE when the disk is full.
   */
  async create(spec: LocalContainerSpec): Promise<ContainerRecord> {
    checkContainerName(spec.name);
    checkContainerSpec(spec);
    const name = this.store.reserveName(spec.name);
    try {
      const image = await this.o.images.resolve(spec.image);
      const id = randomBytes(32).toString('hex');
      const rec = newRecord(spec, { id, name, image, now: new Date().toISOString() });
      // Every check the start makes on the request runs now: no unusable record is stored.
      this.o.buildSpec(placeholderConfig(rec, this.o.cgroupParent));
      await this.exec.provision(rec).catch((err: unknown) => {
        throw noSpaceError(err, `Cannot create container "${name}"`);
      });
      this.store.insert(rec);
      try {
        await this.store.save(rec);
      } catch (err) {
        this.store.discard(id);
        await this.exec.unprovision(rec);
        throw noSpaceError(err, `Cannot create container "${name}"`);
      }
      return rec;
    } finally {
      this.store.releaseName(name);
    }
  }

  /**
   * Starts a created or exited container. A running one is left alone (docker).
   *
   * @throws {TsorchError} RUNTIME_EXEC_FAILED when the runtime cannot create or start it.
   * @throws {TsorchError} CONTAINER_NO_SPACE when the disk is full.
   */
  async start(ref: string): Promise<ContainerRecord> {
    const rec = this.get(ref);
    await this.lifecycle.start(rec).catch((err: unknown) => {
      throw noSpaceError(err, `Cannot start container "${rec.name}"`);
    });
    return rec;
  }

  /**
   * Waits until the container is not running (or restarting) and returns its exit code.
   *
   * @throws {NotFoundError} CONTAINER_NOT_FOUND
   */
  wait(ref: string, signal?: AbortSignal): Promise<ExitResult> {
    return this.store.wait(ref, signal);
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
    await this.lifecycle.stop(rec, opts);
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
    await this.lifecycle.kill(this.get(ref), signal);
  }

  /**
   * Freezes every process of the container (the cgroup freezer).
   *
   * @throws {TsorchError} CONTAINER_STATE when it is not running.
   */
  pause(ref: string): Promise<void> {
    return this.lifecycle.freeze(this.get(ref), 'pause');
  }

  /**
   * Thaws a paused container.
   *
   * @throws {TsorchError} CONTAINER_STATE when it is not paused.
   */
  unpause(ref: string): Promise<void> {
    return this.lifecycle.freeze(this.get(ref), 'unpause');
  }

  /**
   * Removes a container: its runtime state, root filesystem, logs and (with `volumes`) its
   * anonymous volumes. Its name is free at once; its files are deleted after.
   *
   * @throws {TsorchError} CONTAINER_STATE when it runs and `force` is not set.
   */
  async remove(ref: string, opts: { force: boolean; volumes: boolean }): Promise<void> {
    await this.lifecycle.remove(this.get(ref), opts);
  }

  /**
   * Keeps the container's files (its log) from being deleted by a removal until the returned
   * function is called (or for at most `containerRemovalSettleMs`): an attached run reads the
   * whole output of a container that may end and be auto-removed before it has opened the log.
   */
  holdFiles(id: string): () => void {
    return this.lifecycle.holds.hold(id);
  }

  /** Resolves once the removals under way have deleted their files, or after `timeoutMs`. */
  settle(timeoutMs: number): Promise<void> {
    return this.store.settle(timeoutMs);
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
  resolveUser(id: string, spec: string): Promise<ContainerUser> {
    return this.exec.resolveUser(id, spec);
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
    if (!isRunning(rec.state.status)) {
      throw new TsorchError(
        'CONTAINER_STATE',
        `Cannot list processes of container "${rec.name}": it is not running`,
      );
    }
    return { processes: await this.exec.top(rec.id) };
  }

  /** Stops background work; containers keep running under their shims. */
  close(): void {
    this.lifecycle.close();
  }
}
