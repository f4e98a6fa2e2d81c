/**
 * The build cache under `${root}/image/build-cache/`:
 *
 * - `layers/<hex>/diff/` — a layer unpacked in overlayfs form, `layers/<hex>/layer.tar` — its
 *   OCI layer tar (uncompressed; `sha256:<hex>` is both its diff ID and its blob digest);
 * - `steps/<key>.json` — the build state after a step, keyed by the hash of the previous step's
 *   key, the instruction after expansion and its inputs (file contents for COPY/ADD, build
 *   arguments for RUN);
 * - `tmp/` — scratch space of running builds (same file system, so results move in by rename).
 *
 * Writes are atomic (temporary name + rename), so concurrent builds of the same step only
 * duplicate work; a record whose layers disappeared counts as a miss.
 *
 * @module
 */
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { OciImageConfig } from './image-config.js';
import { writeLayerTar } from './layer-tar.js';

/** The cached state after one step. */
export interface StepRecord {
  config: OciImageConfig;
  /** Unpacked layer directories, bottom first. */
  layerDirs: string[];
  /** Whether CMD was set in this stage (ENTRYPOINT resets only an inherited CMD). */
  cmdSet: boolean;
}

/** A committed build layer. */
export interface BuildLayer {
  diffId: string;
  dir: string;
  tarPath: string;
  sizeBytes: number;
}

/** Hashes a list of strings into a cache key (hex). */
export function cacheKey(parts: readonly string[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/** The on-disk build cache. */
export class BuildCache {
  readonly dir: string;

  constructor(imageRoot: string) {
    this.dir = path.join(imageRoot, 'build-cache');
  }

  /** Creates the directories. */
  async init(): Promise<void> {
    for (const d of ['layers', 'steps', 'tmp'])
      await fs.mkdir(path.join(this.dir, d), { recursive: true });
  }

  /** A fresh scratch directory; the caller removes it. */
  async scratch(prefix: string): Promise<string> {
    return fs.mkdtemp(path.join(this.dir, 'tmp', `${prefix}-`));
  }

  /** The record for `key`, or undefined when absent or when one of its layers is gone. */
  async getStep(key: string): Promise<StepRecord | undefined> {
    let record: StepRecord;
    try {
      record = JSON.parse(
        await fs.readFile(path.join(this.dir, 'steps', `${key}.json`), 'utf8'),
      ) as StepRecord;
    } catch {
      return undefined;
    }
    for (const dir of record.layerDirs) {
      if (
        !(await fs.stat(dir).then(
          (s) => s.isDirectory(),
          () => false,
        ))
      )
        return undefined;
    }
    return record;
  }

  /** Stores the record for `key` atomically. */
  async putStep(key: string, record: StepRecord): Promise<void> {
    const file = path.join(this.dir, 'steps', `${key}.json`);
    const tmp = `${file}.${randomBytes(4).toString('hex')}`;
    await fs.writeFile(tmp, JSON.stringify(record));
    await fs.rename(tmp, file);
  }

  /** The layer with this diff ID, when cached. */
  async getLayer(diffId: string): Promise<BuildLayer | undefined> {
    const base = path.join(this.dir, 'layers', diffId.replace(/^sha256:/, ''));
    const st = await fs.stat(path.join(base, 'layer.tar')).catch(() => undefined);
    if (st === undefined) return undefined;
    return {
      diffId,
      dir: path.join(base, 'diff'),
      tarPath: path.join(base, 'layer.tar'),
      sizeBytes: st.size,
    };
  }

  /**
   * Removes every step record and layer. Only safe while no build runs (the caller ensures it);
   * built images keep their own blobs in the image store.
   */
  async prune(): Promise<{ removedSteps: number; removedLayers: number; reclaimedBytes: number }> {
    const steps = await fs.readdir(path.join(this.dir, 'steps')).catch(() => [] as string[]);
    const layers = await fs.readdir(path.join(this.dir, 'layers')).catch(() => [] as string[]);
    let reclaimedBytes = 0;
    for (const name of steps) {
      const file = path.join(this.dir, 'steps', name);
      reclaimedBytes += (await fs.lstat(file).catch(() => undefined))?.size ?? 0;
      await fs.rm(file, { force: true });
    }
    for (const name of layers) {
      const dir = path.join(this.dir, 'layers', name);
      reclaimedBytes += await diskUsageBytes(dir);
      await fs.rm(dir, { recursive: true, force: true });
    }
    return { removedSteps: steps.length, removedLayers: layers.length, reclaimedBytes };
  }

  /**
   * Turns a directory in overlay form (inside this cache's tmp) into a cached layer: writes its
   * tar, then moves both into `layers/<hex>`. When the same layer already exists, the existing
   * one is kept and `diffDir` is removed.
   */
  async commitLayer(diffDir: string): Promise<BuildLayer> {
    const staging = await this.scratch('layer');
    try {
      const tarPath = path.join(staging, 'layer.tar');
      const { diffId } = await writeLayerTar(diffDir, tarPath);
      const existing = await this.getLayer(diffId);
      if (existing !== undefined) return existing;
      await fs.rename(diffDir, path.join(staging, 'diff'));
      const final = path.join(this.dir, 'layers', diffId.replace(/^sha256:/, ''));
      try {
        await fs.rename(staging, final);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw err;
      }
      const layer = await this.getLayer(diffId);
      if (layer === undefined) throw new Error(`Layer ${diffId} vanished after commit`);
      return layer;
    } finally {
      await fs.rm(staging, { recursive: true, force: true });
      await fs.rm(diffDir, { recursive: true, force: true });
    }
  }
}

/** Sum of the sizes of regular files under `dir` (not following symlinks). */
async function diskUsageBytes(dir: string): Promise<number> {
  let total = 0;
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) total += await diskUsageBytes(full);
    else if (e.isFile()) total += (await fs.lstat(full)).size;
  }
  return total;
}
