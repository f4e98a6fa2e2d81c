/**
 * A daemon killed by SIGKILL in the middle of a build leaves nothing behind once it has started
 * again: no overlay mount, no step container in the runtime's state, no step cgroup, no scratch
 * directory. The kill points are random but bounded in count and time, from a logged seed
 * (`TSORCH_CRASH_SEED` replays one); the first kill always lands inside a RUN step.
 */
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectCgroupLayout } from '../../src/agent/cgroups/index.js';
import { daemonCgroupParent } from '../../src/agent/runtime/index.js';
import { createPrng } from '../../src/util/prng.js';
import { removeContainersOnCleanup, startTestDaemon, type TestDaemon } from '../helpers/daemon.js';
import { requireRoot, requireTool, runPrefix, useCleanup, waitFor } from '../helpers/host.js';
import { writeBusyboxArchive } from '../helpers/images.js';

/** Kills per test run, and the latest point of a kill after the build started. */
const crashCount = 4;
const crashMaxDelayMs = 3_000;

/** Mount points at or below `dir` in this (the host's) mount namespace. */
async function mountsBelow(dir: string): Promise<string[]> {
  const info = await fs.readFile('/proc/self/mountinfo', 'utf8');
  return info
    .split('\n')
    .map((l) => l.split(' ')[4] ?? '')
    .filter((t) => t.startsWith(`${dir}/`));
}

/** Cgroups of build steps under the daemon's parent, in any hierarchy. */
async function stepCgroups(d: TestDaemon): Promise<string[]> {
  const parent = daemonCgroupParent(d.root);
  const found: string[] = [];
  for (const mount of (await detectCgroupLayout()).mountPoints) {
    const entries = await fs.readdir(path.join(mount, parent)).catch(() => [] as string[]);
    found.push(...entries.filter((e) => e.startsWith('tsorch-build-')));
  }
  return found;
}

/** Everything a build may leave that must be gone after a restart. */
async function leftovers(d: TestDaemon): Promise<Record<string, string[]>> {
  const scratch = path.join(d.root, 'image', 'build-cache', 'tmp');
  return {
    mounts: [...(await mountsBelow(d.root)), ...(await mountsBelow(d.run))],
    runtimeState: await fs.readdir(path.join(d.run, 'build-runc')).catch(() => []),
    cgroups: await stepCgroups(d),
    scratch: await fs.readdir(scratch).catch(() => []),
  };
}

describe('a daemon killed during a build', () => {
  const cleanup = useCleanup();

  it('leaves no mount, cgroup, runtime state or scratch directory after it restarts', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc');
    const seed = Number(process.env['TSORCH_CRASH_SEED'] ?? Date.now() % 1_000_000);
    console.log(`crash seed ${String(seed)} (TSORCH_CRASH_SEED replays it)`);
    const random = createPrng(seed);
    const dir = await fs.mkdtemp(path.join(tmpdir(), `${runPrefix()}-crash-`));
    cleanup.push(() => fs.rm(dir, { recursive: true, force: true }));
    const d = await startTestDaemon(cleanup);
    removeContainersOnCleanup(cleanup, d);
    await writeBusyboxArchive(path.join(dir, 'bb.tar'), { format: 'docker' });
    expect((await d.cli(['image', 'load', '-i', path.join(dir, 'bb.tar')])).code).toBe(0);
    const context = path.join(dir, 'ctx');
    await fs.mkdir(context);
    await fs.writeFile(path.join(context, 'a.txt'), 'a\n');
    await fs.writeFile(
      path.join(context, 'Dockerfile'),
      'FROM busybox:test\nCOPY a.txt /a.txt\nRUN sleep 2 && echo one > /one\nRUN sleep 30\n',
    );
    for (let i = 0; i < crashCount; i++) {
      const build = d.cli(['build', '--no-cache', '-t', 'crash:1', context], { timeoutMs: 60_000 });
      if (i === 0) {
        await waitFor('a RUN step mount', async () => (await mountsBelow(d.root)).length > 0, {
          timeoutMs: 30_000,
        });
      } else {
        await new Promise((r) => setTimeout(r, random.int(crashMaxDelayMs)));
      }
      await d.kill9();
      await build;
      await d.restart();
      expect(await leftovers(d), `after kill ${String(i)} (seed ${String(seed)})`).toEqual({
        mounts: [],
        runtimeState: [],
        cgroups: [],
        scratch: [],
      });
    }
    await d.stop();
  });
});
