/**
 * Parsing of cgroup file formats (pure) and small readers shared by the v1 and v2 drivers.
 *
 * @module
 */
import { promises as fs, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { NotFoundError, TsorchError } from '../../util/errors.js';

/**
 * v1 reports "no memory limit" as the largest page-aligned 63-bit value
 * (9223372036854771712); anything at or above 2^62 is treated as unlimited.
 */
const v1UnlimitedBytes = 2 ** 62;

/** Parses a number file: `max` and `-1` (and v1's huge sentinel) mean unlimited (undefined). */
export function parseLimit(text: string): number | undefined {
  const t = text.trim();
  if (t === 'max' || t === '-1' || t === '') return undefined;
  const n = Number(t);
  if (!Number.isFinite(n)) throw new Error(`Not a number: "${t}"`);
  return n >= v1UnlimitedBytes ? undefined : n;
}

/** Parses flat keyed files (`key value` per line: memory.events, cpu.stat, oom_control). */
export function parseKeyed(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    const [key, value] = line.trim().split(/\s+/);
    if (key === undefined || key === '' || value === undefined) continue;
    const n = Number(value);
    if (Number.isFinite(n)) out.set(key, n);
  }
  return out;
}

/**
 * Sums block IO bytes over devices. v1 blkio.throttle.io_service_bytes lines read
 * `8:0 Read 4096`; v2 io.stat lines read `8:0 rbytes=4096 wbytes=0 rios=1 ...`.
 */
export function parseBlockIo(text: string): { readBytes: number; writeBytes: number } {
  let readBytes = 0;
  let writeBytes = 0;
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length === 3 && /^\d+:\d+$/.test(f[0] ?? '')) {
      if (f[1] === 'Read') readBytes += Number(f[2]) || 0;
      if (f[1] === 'Write') writeBytes += Number(f[2]) || 0;
      continue;
    }
    for (const kv of f.slice(1)) {
      const [k, v] = kv.split('=');
      if (k === 'rbytes') readBytes += Number(v) || 0;
      if (k === 'wbytes') writeBytes += Number(v) || 0;
    }
  }
  return { readBytes, writeBytes };
}

/** Reads `<dir>/<file>`, naming the cgroup when it does not exist. */
export async function readCgroupFile(dir: string, file: string): Promise<string> {
  try {
    return await fs.readFile(join(dir, file), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      throw new NotFoundError(`Cannot read cgroup file "${join(dir, file)}": it does not exist`, {
        cause: err,
        details: { dir, file },
      });
    throw err;
  }
}

/** Like {@link readCgroupFile}, but undefined when the file (or cgroup) is absent. */
export async function readOptional(dir: string, file: string): Promise<string | undefined> {
  return fs.readFile(join(dir, file), 'utf8').catch((err: unknown) => {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  });
}

/**
 * Removes the cgroup directory `path` (and its empty child cgroups) under each mount point.
 * Directories above `path` are left alone: they are not tsorch's.
 */
export async function removeCgroupDirs(
  mountPoints: readonly string[],
  path: string,
): Promise<void> {
  const rel = path.split('/').filter((s) => s !== '');
  if (rel.length === 0) throw new Error('removeCgroupDirs: refusing to remove a cgroup root');
  for (const mount of mountPoints) await removeTree(join(mount, ...rel));
}

async function removeTree(dir: string): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  for (const e of entries) if (e.isDirectory()) await removeTree(join(dir, e.name));
  try {
    await fs.rmdir(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    if (code === 'EBUSY')
      throw new TsorchError(
        'FAILED_PRECONDITION',
        `Cannot remove cgroup "${dir}": it still holds processes`,
        {
          cause: err,
          details: { dir },
        },
      );
    throw err;
  }
}
