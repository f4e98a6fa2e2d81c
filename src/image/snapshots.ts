/**
 * Writable container root filesystems: an overlayfs mount of an image's unpacked layers
 * (lowerdir, top layer first) with a per-key upper and work directory under
 * `${root}/snapshots/<key>/`. State lives on disk, so a snapshot survives daemon restarts.
 *
 * Mount options name lower layers by short relative links (`l/<12 hex>`, 15 bytes each) and the
 * upper and work directories relative to the image root, which is the working directory of the
 * mount: a page of options (what mount(2) takes) fits about 200 layers
 * ({@link imageMaxLayerCount}). {@link Snapshots.mountPlan} hands those options to whoever
 * mounts (the container's shim, with mount(2)); {@link Snapshots.mount} mounts in the daemon
 * with mount(8), for the callers that need the merged view here.
 *
 * {@link Snapshots.userFiles} reads /etc/passwd and /etc/group without mounting the snapshot
 * (user-files.ts): the image's files once per stack of layers, then the upper directory's.
 *
 * @module
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { InvalidArgumentError, NotFoundError } from '../util/errors.js';
import { imageMaxLayerCount } from '../util/limits.js';
import { ImageError } from './errors.js';
import { KeyedMutex } from '../util/keyed-mutex.js';
import { isMounted } from '../util/mounts.js';
import {
  overlayFile,
  readUpperEntry,
  readUserFiles,
  userFilePaths,
  type UserFiles,
} from './user-files.js';

const execFileAsync = promisify(execFile);

export { isMounted, unescapeMountinfo } from '../util/mounts.js';
const keyPattern = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;
/** Stacks of layers whose user files are kept in memory (each a few KiB). */
const userFilesCacheMaxCount = 256;
/** Where the image's user files are read from a read-only mount of several layers. */
const lowerMountsDir = 'lower-mounts';

/** How to mount a snapshot: what mount(2) takes, and the working directory it needs. */
export interface MountPlan {
  fstype: 'overlay';
  source: 'overlay';
  /** Absolute mount point. */
  target: string;
  /** overlayfs options; the paths in them are relative to `cwd`. */
  options: string;
  /** The working directory of the mount (the image root). */
  cwd: string;
  /** True when it is mounted at `target` already (left by a monitor that died): nothing to do. */
  mounted: boolean;
}

/** What is recorded for a snapshot. */
interface SnapshotMeta {
  imageId: string;
  /** Lower layer links relative to the image root, top first. */
  lower: string[];
  /** Chain IDs of the layers it stacks (kept from garbage collection). */
  chainIds: string[];
  /** Where it is mounted, when mounted. */
  target?: string;
}

/** The stderr of a failed mount(8) or umount(8), else the error itself. */
function stderrOf(err: unknown): string {
  return ((err as { stderr?: string }).stderr ?? String(err)).trim();
}

/** The snapshotter. */
export class Snapshots {
  readonly #root: string;
  readonly #locks = new KeyedMutex();
  readonly #userFilesCache = new Map<string, Promise<UserFiles>>();

  /** @param root the image root (`${daemon root}/image`). */
  constructor(root: string) {
    this.#root = root;
  }

  /** Creates the directories; unmounts what a crash left mounted to read user files. */
  async init(): Promise<void> {
    await fs.mkdir(path.join(this.#root, 'snapshots'), { recursive: true });
    const lowers = path.join(this.#root, lowerMountsDir);
    for (const name of await fs.readdir(lowers).catch(() => [] as string[])) {
      const where = path.join(lowers, name);
      if (await isMounted(where)) await execFileAsync('umount', [where]).catch(() => undefined);
      await fs.rmdir(where).catch(() => undefined);
    }
  }

  #dir(key: string): string {
    if (!keyPattern.test(key)) {
      throw new InvalidArgumentError(
        `Invalid rootfs key "${key}": use 1-128 letters, digits, "_", "." or "-"`,
      );
    }
    return path.join(this.#root, 'snapshots', key);
  }

  async #meta(key: string): Promise<SnapshotMeta> {
    try {
      return JSON.parse(
        await fs.readFile(path.join(this.#dir(key), 'meta.json'), 'utf8'),
      ) as SnapshotMeta;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new NotFoundError(`No root filesystem prepared for "${key}"`, {
          code: 'IMAGE_NOT_FOUND',
        });
      }
      throw err;
    }
  }

  async #writeMeta(key: string, meta: SnapshotMeta): Promise<void> {
    const file = path.join(this.#dir(key), 'meta.json');
    await fs.writeFile(`${file}.tmp`, JSON.stringify(meta));
    await fs.rename(`${file}.tmp`, file);
  }

  /** Keys of every prepared snapshot. */
  async list(): Promise<{ key: string; imageId: string; chainIds: string[] }[]> {
    const names = await fs.readdir(path.join(this.#root, 'snapshots')).catch(() => [] as string[]);
    const out: { key: string; imageId: string; chainIds: string[] }[] = [];
    for (const key of names) {
      const meta = await this.#meta(key).catch(() => undefined);
      if (meta !== undefined) out.push({ key, imageId: meta.imageId, chainIds: meta.chainIds });
    }
    return out;
  }

  /**
   * Creates the upper/work/merged directories of `key` over `lower` (links, top first).
   * Idempotent: an existing snapshot is left as it is.
   */
  async prepare(key: string, imageId: string, lower: string[], chainIds: string[]): Promise<void> {
    if (lower.length > imageMaxLayerCount) {
      throw new ImageError(
        'IMAGE_INVALID',
        `Image has ${lower.length} layers: at most ${imageMaxLayerCount} can be stacked`,
      );
    }
    const dir = this.#dir(key);
    await this.#locks.run(key, async () => {
      if (
        await fs.stat(path.join(dir, 'meta.json')).then(
          () => true,
          () => false,
        )
      )
        return;
      for (const sub of ['upper', 'work', 'merged'])
        await fs.mkdir(path.join(dir, sub), { recursive: true });
      await this.#writeMeta(key, {
        imageId,
        lower: lower.length === 0 ? ['l/empty'] : lower,
        chainIds,
      });
    });
  }

  /**
   * Returns how to mount `key` at `target` (default `snapshots/<key>/merged`) and records it as
   * mounted there, without mounting: the caller mounts it (the container's shim, with mount(2)).
   * {@link unmount} and {@link remove} undo it whoever mounted it.
   *
   * @throws {ImageError} IMAGE_INVALID when it is mounted elsewhere.
   * @throws {NotFoundError} IMAGE_NOT_FOUND when `key` was not prepared.
   */
  async mountPlan(key: string, target?: string): Promise<MountPlan> {
    return this.#locks.run(key, () => this.#plan(key, target));
  }

  /** Mounts `key` at `target` (default `snapshots/<key>/merged`) with mount(8); returns the path. Idempotent. */
  async mount(key: string, target?: string): Promise<string> {
    return this.#locks.run(key, async () => {
      const plan = await this.#plan(key, target);
      if (plan.mounted) return plan.target;
      try {
        await execFileAsync(
          'mount',
          ['-t', plan.fstype, plan.source, '-o', plan.options, plan.target],
          { cwd: plan.cwd },
        );
      } catch (err) {
        throw new ImageError(
          'IMAGE_INVALID',
          `Cannot mount root filesystem "${key}": ${stderrOf(err)}`,
          { cause: err },
        );
      }
      return plan.target;
    });
  }

  /** {@link mountPlan} under the key's lock. */
  async #plan(key: string, target: string | undefined): Promise<MountPlan> {
    const dir = this.#dir(key);
    const meta = await this.#meta(key);
    const where = path.resolve(target ?? meta.target ?? path.join(dir, 'merged'));
    if (meta.target !== undefined && meta.target !== where && (await isMounted(meta.target))) {
      throw new ImageError(
        'IMAGE_INVALID',
        `Root filesystem "${key}" is already mounted at "${meta.target}"`,
      );
    }
    const rel = path.relative(this.#root, dir);
    const plan: MountPlan = {
      fstype: 'overlay',
      source: 'overlay',
      target: where,
      options: `lowerdir=${meta.lower.join(':')},upperdir=${rel}/upper,workdir=${rel}/work`,
      cwd: this.#root,
      mounted: await isMounted(where),
    };
    if (!plan.mounted) await fs.mkdir(where, { recursive: true });
    // Recorded before the mount is made, so an unmount or removal after a crash in between
    // still looks there.
    if (meta.target !== where) await this.#writeMeta(key, { ...meta, target: where });
    return plan;
  }

  /**
   * The /etc/passwd and /etc/group that `key` shows once mounted, read without mounting it.
   * Undefined when that cannot be told so (the container put a symbolic link there); mount it
   * and read them then.
   *
   * @throws {NotFoundError} IMAGE_NOT_FOUND when `key` was not prepared.
   * @throws {ImageError} IMAGE_INVALID when the image's layers cannot be mounted to read them.
   */
  async userFiles(key: string): Promise<UserFiles | undefined> {
    const meta = await this.#meta(key);
    const image = await this.#imageUserFiles(meta.lower);
    const upper = path.join(this.#dir(key), 'upper');
    const passwd = overlayFile(await readUpperEntry(upper, userFilePaths.passwd), image.passwd);
    const group = overlayFile(await readUpperEntry(upper, userFilePaths.group), image.group);
    if (passwd === undefined || group === undefined) return undefined;
    return { passwd: passwd.text, group: group.text };
  }

  /** The user files of a stack of layers (links, top first), read once and kept in memory. */
  #imageUserFiles(lower: string[]): Promise<UserFiles> {
    const cacheKey = lower.join(':');
    let files = this.#userFilesCache.get(cacheKey);
    if (files === undefined) {
      files = this.#readImageUserFiles(lower);
      this.#userFilesCache.set(cacheKey, files);
      files.catch(() => this.#userFilesCache.delete(cacheKey));
      if (this.#userFilesCache.size > userFilesCacheMaxCount) {
        const oldest = this.#userFilesCache.keys().next().value;
        if (oldest !== undefined) this.#userFilesCache.delete(oldest);
      }
    }
    return files;
  }

  async #readImageUserFiles(lower: string[]): Promise<UserFiles> {
    const [only] = lower;
    if (lower.length === 1 && only !== undefined) return readUserFiles(path.join(this.#root, only));
    // Several layers: whiteouts and opaque directories (marked by an extended attribute, which
    // Node cannot read) decide what shows, so overlayfs merges them: a read-only mount of the
    // lower layers alone, once per stack of layers.
    const where = path.join(this.#root, lowerMountsDir, randomBytes(8).toString('hex'));
    await fs.mkdir(where, { recursive: true });
    try {
      await execFileAsync(
        'mount',
        ['-t', 'overlay', 'overlay', '-o', `ro,lowerdir=${lower.join(':')}`, where],
        { cwd: this.#root },
      ).catch((err: unknown) => {
        throw new ImageError(
          'IMAGE_INVALID',
          `Cannot mount the image layers to read its users: ${stderrOf(err)}`,
          { cause: err },
        );
      });
      try {
        return await readUserFiles(where);
      } finally {
        await execFileAsync('umount', [where]);
      }
    } finally {
      await fs.rmdir(where).catch(() => undefined);
    }
  }

  /** Unmounts `key` when mounted. */
  async unmount(key: string): Promise<void> {
    await this.#locks.run(key, async () => {
      const meta = await this.#meta(key).catch((err: unknown) => {
        if (err instanceof NotFoundError) return undefined;
        throw err;
      });
      if (meta?.target === undefined) return;
      if (await isMounted(meta.target)) {
        try {
          await execFileAsync('umount', [meta.target]);
        } catch (err) {
          throw new ImageError(
            'IMAGE_INVALID',
            `Cannot unmount root filesystem "${key}": ${stderrOf(err)}`,
            { cause: err },
          );
        }
      }
      const { target: _t, ...rest } = meta;
      await this.#writeMeta(key, rest);
    });
  }

  /** Unmounts and deletes `key` (no error when absent). */
  async remove(key: string): Promise<void> {
    await this.unmount(key);
    await this.#locks.run(key, async () => {
      await fs.rm(this.#dir(key), { recursive: true, force: true });
    });
  }
}
