/**
 * Secrets and configs of the node's tasks, as files (docs/adr/033): each task that has any gets
 * its own tmpfs at `<dir>/<task id>` (mode 0700, nosuid, nodev, sized to its files), the files
 * are written there with their owner and mode, and each is bind-mounted read-only at its target
 * in the container. The payloads live in memory only: never on disk, never in the container's
 * record (which holds the bind's source path), never in a log line. The tmpfs is unmounted and
 * its directory removed with the task's container.
 *
 * @module
 */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { MountSpec, Task } from '../../store/index.js';
import { TsorchError } from '../../util/errors.js';
import { isMounted } from '../../util/mounts.js';
import type { LocalContainerSpec } from '../containers/types.js';
import { hasTaskFiles, taskFiles, type TaskFile } from '../task-files.js';

const execFileAsync = promisify(execFile);

/** Task ids are the store's ids: anything else would be a path outside `dir`. */
const taskIdPattern = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;
/** tmpfs pages: each file takes at least one, and the directory one more. */
const pageBytes = 4096;

/** Where the files of the node's tasks live (see {@link openTaskFiles}). */
export interface TaskFileStore {
  /**
   * Writes `files` on the task's tmpfs (mounting it first) and returns the read-only binds
   * that put them at their targets. Idempotent: a second call writes them again.
   *
   * @throws {TsorchError} TASK_FILES_FAILED when the tmpfs cannot be mounted or written.
   */
  write(taskId: string, files: readonly TaskFile[]): Promise<MountSpec[]>;
  /** Unmounts the task's tmpfs and removes its directory (idempotent). */
  remove(taskId: string): Promise<void>;
  /** Removes the files of every task not in `keep` (left by tasks gone while the node was down). */
  prune(keep: ReadonlySet<string>): Promise<void>;
}

function stderrOf(err: unknown): string {
  return ((err as { stderr?: string }).stderr ?? String(err)).trim();
}

function failed(what: string, err: unknown): TsorchError {
  return new TsorchError('TASK_FILES_FAILED', `${what}: ${stderrOf(err)}`, { cause: err });
}

function tmpfsBytes(files: readonly TaskFile[]): number {
  let pages = 1;
  for (const f of files) pages += Math.max(1, Math.ceil(f.data.byteLength / pageBytes));
  return pages * pageBytes;
}

class TmpfsTaskFiles implements TaskFileStore {
  readonly #dir: string;

  constructor(dir: string) {
    this.#dir = dir;
  }

  #taskDir(taskId: string): string {
    if (!taskIdPattern.test(taskId))
      throw new TsorchError('TASK_FILES_FAILED', `Invalid task id "${taskId}" for its files`);
    return join(this.#dir, taskId);
  }

  async write(taskId: string, files: readonly TaskFile[]): Promise<MountSpec[]> {
    const dir = this.#taskDir(taskId);
    await fs.mkdir(this.#dir, { recursive: true, mode: 0o700 }).catch((err: unknown) => {
      throw failed(`Cannot create ${this.#dir}`, err);
    });
    await fs.mkdir(dir, { mode: 0o700 }).catch((err: unknown) => {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST')
        throw failed(`Cannot create ${dir}`, err);
    });
    // A tmpfs mounted by an earlier attempt is replaced: its size may not fit these files.
    if (await isMounted(dir)) await this.#unmount(dir);
    const options = `nosuid,nodev,mode=0700,size=${tmpfsBytes(files)}`;
    await execFileAsync('mount', ['-t', 'tmpfs', '-o', options, 'tsorch-task-files', dir]).catch(
      (err: unknown) => {
        throw failed(`Cannot mount the tmpfs of the task's secrets and configs at ${dir}`, err);
      },
    );
    const mounts: MountSpec[] = [];
    for (const [i, f] of files.entries()) {
      const source = join(dir, `${f.kind}-${i}`);
      try {
        // Created private, then given away: no moment where another user may read it.
        await fs.writeFile(source, f.data, { mode: 0o600, flag: 'wx' });
        await fs.chown(source, f.uid, f.gid);
        await fs.chmod(source, f.mode);
      } catch (err) {
        throw failed(`Cannot write ${f.kind} "${f.name}" for the task`, err);
      }
      mounts.push({ type: 'bind', source, target: f.target, readonly: true });
    }
    return mounts;
  }

  async #unmount(dir: string): Promise<void> {
    await execFileAsync('umount', [dir]).catch(async () => {
      // Unmounted meanwhile by a concurrent removal: done.
      if (!(await isMounted(dir))) return;
      // Busy (a process of the daemon has it open): detach it now, freed once released.
      await execFileAsync('umount', ['-l', dir]).catch((err: unknown) => {
        throw failed(`Cannot unmount the tmpfs at ${dir}`, err);
      });
    });
  }

  async remove(taskId: string): Promise<void> {
    const dir = this.#taskDir(taskId);
    if (await isMounted(dir)) await this.#unmount(dir);
    // Only an empty directory goes: were the tmpfs still there, its files stay in memory.
    await fs.rmdir(dir).catch((err: unknown) => {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
        throw failed(`Cannot remove ${dir}`, err);
    });
  }

  async prune(keep: ReadonlySet<string>): Promise<void> {
    const names = await fs.readdir(this.#dir).catch(() => [] as string[]);
    for (const name of names)
      if (!keep.has(name) && taskIdPattern.test(name)) await this.remove(name);
  }
}

/**
 * The task files of a node under `dir` (the daemon's runtime directory's `task-files`; a
 * directory on disk that only ever holds mount points).
 */
export function openTaskFiles(dir: string): TaskFileStore {
  return new TmpfsTaskFiles(dir);
}

function payloadOf(object: unknown): { spec: { data: Uint8Array } } | undefined {
  const data = (object as { spec?: { data?: unknown } } | undefined)?.spec?.data;
  return data instanceof Uint8Array ? { spec: { data } } : undefined;
}

/**
 * `spec` with the read-only binds of `task`'s secrets and configs added, their files written
 * (nothing to do for a task without any), or why the task cannot run (to reject it with).
 * `dependency` finds the objects the dispatcher sent with the node's tasks.
 */
export async function withTaskFiles(
  spec: LocalContainerSpec,
  task: Task,
  o: {
    store: TaskFileStore | undefined;
    dependency: (kind: 'secret' | 'config', id: string) => unknown;
  },
): Promise<LocalContainerSpec | string> {
  if (!hasTaskFiles(task)) return spec;
  if (o.store === undefined)
    return 'secrets and configs are not delivered to containers by this node';
  const resolved = taskFiles(task, (kind, id) => payloadOf(o.dependency(kind, id)));
  if ('error' in resolved) return `Cannot deliver the task's files: ${resolved.error}`;
  try {
    const binds = await o.store.write(task.id, resolved.files);
    // Delivered as binds: the container engine itself knows no secrets (nor configs).
    const { secrets: _secrets, configs: _configs, ...rest } = spec;
    return { ...rest, mounts: [...spec.mounts, ...binds] };
  } catch (err) {
    return (err as Error).message;
  }
}
