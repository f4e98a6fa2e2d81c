/**
 * Named volumes, local driver: each volume is a directory `<root>/volumes/<name>/_data` plus
 * its metadata in `<root>/volumes/<name>/volume.json`. Like docker, a volume that is empty when
 * first mounted over a path the image populates gets a copy of that content ("copy-up").
 *
 * @module
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import {
  ConflictError,
  InvalidArgumentError,
  NotFoundError,
  TsorchError,
} from '../../util/errors.js';

/** A volume as `volume inspect` shows it. */
export interface Volume {
  name: string;
  driver: 'local';
  /** Host directory holding the data. */
  mountpoint: string;
  labels: Record<string, string>;
  /** RFC 3339. */
  createdAt: string;
  /** True for volumes made for a container's anonymous `-v /path`. */
  anonymous: boolean;
}

const namePattern = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

/**
 * Checks a volume name (docker's rule: `[a-zA-Z0-9][a-zA-Z0-9_.-]+`).
 *
 * @throws {InvalidArgumentError} naming the bad name.
 */
export function validateVolumeName(name: string): void {
  if (!namePattern.test(name) || name.length > 255) {
    throw new InvalidArgumentError(
      `Invalid volume name "${name}": use letters, digits, "_", "." and "-" (at least 2 characters, starting with a letter or digit)`,
      { details: { field: 'name' } },
    );
  }
}

/** Volumes of one daemon. `inUse(name)` lists the containers using a volume. */
export class VolumeStore {
  readonly dir: string;
  private readonly inUse: (name: string) => string[];

  constructor(root: string, inUse: (name: string) => string[]) {
    this.dir = join(root, 'volumes');
    this.inUse = inUse;
  }

  private metaPath(name: string): string {
    return join(this.dir, name, 'volume.json');
  }

  /**
   * Creates a volume, or returns the existing one of that name (docker's behaviour).
   * Without a name, creates an anonymous volume with a random 64-hex name.
   *
   * @throws {InvalidArgumentError} for a bad name.
   */
  async create(
    name: string | undefined,
    opts: { labels?: Record<string, string> } = {},
  ): Promise<Volume & { created: boolean }> {
    const anonymous = name === undefined || name === '';
    const volName = anonymous ? randomBytes(32).toString('hex') : name;
    validateVolumeName(volName);
    const existing = await this.find(volName);
    if (existing !== undefined) return { ...existing, created: false };
    const mountpoint = join(this.dir, volName, '_data');
    await fs.mkdir(mountpoint, { recursive: true, mode: 0o755 });
    const vol: Volume = {
      name: volName,
      driver: 'local',
      mountpoint,
      labels: opts.labels ?? {},
      createdAt: new Date().toISOString(),
      anonymous,
    };
    const tmp = `${this.metaPath(volName)}.tmp`;
    await fs.writeFile(tmp, JSON.stringify(vol, null, 2), { mode: 0o600 });
    await fs.rename(tmp, this.metaPath(volName));
    return { ...vol, created: true };
  }

  /** The volume named `name`, or undefined. */
  async find(name: string): Promise<Volume | undefined> {
    if (!namePattern.test(name)) return undefined;
    try {
      return JSON.parse(await fs.readFile(this.metaPath(name), 'utf8')) as Volume;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  /**
   * The volume named `name`.
   *
   * @throws {NotFoundError} NOT_FOUND when there is none.
   */
  async inspect(name: string): Promise<Volume> {
    const vol = await this.find(name);
    if (vol === undefined) throw new NotFoundError(`No such volume: "${name}"`);
    return vol;
  }

  /** Every volume, by name. */
  async list(): Promise<Volume[]> {
    let names: string[];
    try {
      names = await fs.readdir(this.dir);
    } catch {
      return [];
    }
    const vols = await Promise.all(names.sort().map((n) => this.find(n)));
    return vols.filter((v): v is Volume => v !== undefined);
  }

  /**
   * Removes a volume and its data.
   *
   * @throws {NotFoundError} when it does not exist.
   * @throws {ConflictError} VOLUME_IN_USE when a container uses it (even with `force`).
   */
  async remove(name: string, opts: { force?: boolean } = {}): Promise<void> {
    const vol = await this.find(name);
    if (vol === undefined) {
      if (opts.force === true) return;
      throw new NotFoundError(`No such volume: "${name}"`);
    }
    const users = this.inUse(name);
    if (users.length > 0) {
      throw new ConflictError(
        `Cannot remove volume "${name}": it is in use by container ${users.map((u) => `"${u}"`).join(', ')}`,
        {
          code: 'VOLUME_IN_USE',
          details: { containers: users },
          hint: 'remove the container first (tsorch rm)',
        },
      );
    }
    await fs.rm(join(this.dir, name), { recursive: true, force: true });
  }

  /** Removes every volume no container uses; returns their names and the bytes freed. */
  async prune(): Promise<{ removed: string[]; reclaimedBytes: number }> {
    const removed: string[] = [];
    let reclaimedBytes = 0;
    for (const vol of await this.list()) {
      if (this.inUse(vol.name).length > 0) continue;
      reclaimedBytes += await diskUsageBytes(vol.mountpoint);
      await fs.rm(join(this.dir, vol.name), { recursive: true, force: true });
      removed.push(vol.name);
    }
    return { removed, reclaimedBytes };
  }

  /**
   * Copies `sourceDir` (the image's content at the mount target) into the volume when the
   * volume is empty, keeping owners and modes (docker's copy-up on first mount).
   */
  async copyUpIfEmpty(vol: Volume, sourceDir: string): Promise<void> {
    const src = await fs.stat(sourceDir).catch(() => undefined);
    if (src === undefined || !src.isDirectory()) return;
    if ((await fs.readdir(vol.mountpoint)).length > 0) return;
    await new Promise<void>((resolve, reject) => {
      execFile('cp', ['-a', `${sourceDir}/.`, vol.mountpoint], (err, _o, stderr) => {
        if (err === null) resolve();
        else
          reject(
            new TsorchError(
              'INTERNAL',
              `Cannot copy image content into volume "${vol.name}": ${stderr.trim()}`,
              { cause: err },
            ),
          );
      });
    });
  }
}

async function diskUsageBytes(dir: string): Promise<number> {
  let total = 0;
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) total += await diskUsageBytes(p);
    else total += (await fs.lstat(p)).size;
  }
  return total;
}
