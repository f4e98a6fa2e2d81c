/**
 * Writable container root filesystems: an overlayfs mount of an image's unpacked layers
 * (lowerdir, top layer first) with a per-key upper and work directory under
 * `${root}/snapshots/<key>/`. State lives on disk, so a snapshot survives daemon restarts.
 *
 * The mount is made by mount(8) run with the image root as working directory, so lowerdir holds
 * short relative links (`l/<12 hex>`, 15 bytes each): a page of options fits about 200 layers
 * ({@link imageMaxLayerCount}).
 *
 * @module
 */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { InvalidArgumentError, NotFoundError } from '../util/errors.js';
import { imageMaxLayerCount } from '../util/limits.js';
import { ImageError } from './errors.js';
import { KeyedMutex } from './mutex.js';

const execFileAsync = promisify(execFile);
const keyPattern = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

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

/** Decodes a mount point from /proc/self/mountinfo (octal escapes such as `\040`). */
function unescapeMountinfo(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_m, oct: string) => String.fromCharCode(parseInt(oct, 8)));
}

/** True when `target` is a mount point in this mount namespace. */
export async function isMounted(target: string): Promise<boolean> {
  const info = await fs.readFile('/proc/self/mountinfo', 'utf8');
  for (const line of info.split('\n')) {
    const field = line.split(' ')[4];
    if (field !== undefined && unescapeMountinfo(field) === target) return true;
  }
  return false;
}

/** The snapshotter. */
export class Snapshots {
  readonly #root: string;
  readonly #locks = new KeyedMutex();

  /** @param root the image root (`${daemon root}/image`). */
  constructor(root: string) {
    this.#root = root;
  }

  async init(): Promise<void> {
    await fs.mkdir(path.join(this.#root, 'snapshots'), { recursive: true });
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

  /** Mounts `key` at `target` (default `snapshots/<key>/merged`); returns the path. Idempotent. */
  async mount(key: string, target?: string): Promise<string> {
    const dir = this.#dir(key);
    return this.#locks.run(key, async () => {
      const meta = await this.#meta(key);
      const where = path.resolve(target ?? meta.target ?? path.join(dir, 'merged'));
      if (meta.target !== undefined && meta.target !== where && (await isMounted(meta.target))) {
        throw new ImageError(
          'IMAGE_INVALID',
          `Root filesystem "${key}" is already mounted at "${meta.target}"`,
        );
      }
      if (await isMounted(where)) return where;
      await fs.mkdir(where, { recursive: true });
      const rel = path.relative(this.#root, dir);
      const options = `lowerdir=${meta.lower.join(':')},upperdir=${rel}/upper,workdir=${rel}/work`;
      try {
        await execFileAsync('mount', ['-t', 'overlay', 'overlay', '-o', options, where], {
          cwd: this.#root,
        });
      } catch (err) {
        throw new ImageError(
          'IMAGE_INVALID',
          `Cannot mount root filesystem "${key}": ${((err as { stderr?: string }).stderr ?? String(err)).trim()}`,
          { cause: err },
        );
      }
      await this.#writeMeta(key, { ...meta, target: where });
      return where;
    });
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
            `Cannot unmount root filesystem "${key}": ${((err as { stderr?: string }).stderr ?? String(err)).trim()}`,
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
