/**
 * Start-up recovery of builds a dead daemon left behind (kill -9 in the middle of a RUN step):
 * RUN step containers still known to the build runtime state (killed and deleted by force,
 * which also removes their cgroups), overlay mounts under the cache's scratch directory
 * (unmounted deepest first) and the scratch directories themselves. Runs while no build runs:
 * at daemon start and on `builder prune`.
 *
 * @module
 */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { openRuntime, type RuntimeName } from '../../agent/index.js';
import type { Logger } from '../../util/log.js';
import { unescapeMountinfo } from '../snapshots.js';

const execFileAsync = promisify(execFile);

/** Runtimes whose build state a daemon may have left (an earlier start may have used another). */
const runtimeNames: readonly RuntimeName[] = ['runc', 'crun'];

/** What {@link recoverBuilds} removed. */
export interface BuildRecovery {
  containers: number;
  mounts: number;
  scratchDirs: number;
}

/** Options of {@link recoverBuilds}. */
export interface RecoverBuildsOptions {
  /** The cache's scratch directory (`${root}/image/build-cache/tmp`). */
  scratchRoot: string;
  /** The daemon's `--run`: build runtime state lives in `build-<runtime>` there. */
  runDir: string;
  log: Logger;
}

/**
 * The mount points at or below `dir` in a /proc/self/mountinfo text, deepest first (so each
 * can be unmounted before the mount it sits on). Pure.
 */
export function mountsUnder(mountinfo: string, dir: string): string[] {
  const prefix = dir.endsWith('/') ? dir : `${dir}/`;
  const found = new Set<string>();
  for (const line of mountinfo.split('\n')) {
    const field = line.split(' ')[4];
    if (field === undefined) continue;
    const target = unescapeMountinfo(field);
    if (target === dir || target.startsWith(prefix)) found.add(target);
  }
  return [...found].sort((a, b) => b.split('/').length - a.split('/').length || (a < b ? 1 : -1));
}

/** Kills and deletes every container in the build state directory of `name`; returns the count. */
async function removeStepContainers(name: RuntimeName, stateDir: string): Promise<number> {
  const entries = await fs.readdir(stateDir).catch(() => [] as string[]);
  if (entries.length === 0) return 0;
  const runtime = await openRuntime(name, { stateDir });
  const listed = await runtime.list();
  for (const c of listed) await runtime.delete(c.id, { force: true });
  return listed.length;
}

/**
 * Removes what interrupted builds left: step containers (and their cgroups) of every runtime
 * whose build state directory exists, mounts under the scratch directory, and its entries.
 * A part that cannot be removed is logged and the rest still runs.
 */
export async function recoverBuilds(opts: RecoverBuildsOptions): Promise<BuildRecovery> {
  const result: BuildRecovery = { containers: 0, mounts: 0, scratchDirs: 0 };
  for (const name of runtimeNames) {
    const stateDir = path.join(opts.runDir, `build-${name}`);
    try {
      result.containers += await removeStepContainers(name, stateDir);
    } catch (err) {
      opts.log.warn('cannot remove build step containers', { runtime: name, err });
    }
  }
  const mountinfo = (): Promise<string> => fs.readFile('/proc/self/mountinfo', 'utf8');
  for (const target of mountsUnder(await mountinfo(), opts.scratchRoot)) {
    if (target === opts.scratchRoot) continue;
    await execFileAsync('umount', [target]).catch(() =>
      execFileAsync('umount', ['-l', target]).catch((err: unknown) => {
        opts.log.warn('cannot unmount a build overlay', { target, err });
      }),
    );
    result.mounts += 1;
  }
  // Never remove through a mount that stayed: that would delete inside the layers it shows.
  const stuck = mountsUnder(await mountinfo(), opts.scratchRoot);
  for (const name of await fs.readdir(opts.scratchRoot).catch(() => [] as string[])) {
    const dir = path.join(opts.scratchRoot, name);
    if (stuck.some((m) => m === dir || m.startsWith(`${dir}/`))) continue;
    await fs.rm(dir, { recursive: true, force: true });
    result.scratchDirs += 1;
  }
  return result;
}
