/**
 * The shim on its own, with a shell standing in for the runtime's `create` (it starts the
 * "container" process in the background and writes its pid, as `runc create` does): log records,
 * stream split, size rotation, exit status, and the create-failure report.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLogs } from '../../src/agent/logs/json-file.js';
import {
  ensureShimBinary,
  readExitRecord,
  ShimLauncher,
  startShim,
  waitShimDone,
} from '../../src/agent/shim/index.js';
import { hasCode } from '../../src/util/errors.js';
import { requireRoot, requireTool, useCleanup, waitFor } from '../helpers/host.js';

/** The state directory's files as every shim here is given them (init.pid, container.log). */
function stateFiles(stateDir: string): {
  stateDir: string;
  pidFile: string;
  logPath: string;
  logMaxBytes: number;
  logMaxFiles: number;
} {
  return {
    stateDir,
    pidFile: join(stateDir, 'init.pid'),
    logPath: join(stateDir, 'container.log'),
    logMaxBytes: 8192,
    logMaxFiles: 3,
  };
}

function isMounted(path: string): boolean {
  return readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .some((l) => l.split(' ')[4] === path);
}

describe('tsorch-shim', () => {
  const cleanup = useCleanup();
  const dir = (): string => {
    const d = mkdtempSync(join(tmpdir(), 'tsorch-shim-'));
    cleanup.push(() => rmSync(d, { recursive: true, force: true }));
    return d;
  };

  it('logs both streams as json-file records, rotates by size, records the exit code', async (ctx) => {
    requireTool(ctx, 'cc');
    const d = dir();
    const shimPath = await ensureShimBinary(join(tmpdir(), 'tsorch-test-shim'));
    const pidFile = join(d, 'init.pid');
    const script =
      'sleep 0.5; i=0; while [ $i -lt 300 ]; do echo "out-$i"; echo "err-$i" >&2; i=$((i+1)); done; exit 9';
    const { pid } = await startShim({
      shimPath,
      ...stateFiles(d),
      createArgv: ['sh', '-c', `sh -c '${script}' & echo $! > ${pidFile}`],
    });
    expect(pid).toBeGreaterThan(1);
    const exit = await waitFor('exit.json', () => readExitRecord(d));
    expect(exit.exitCode).toBe(9);
    expect(existsSync(join(d, 'container.log.1'))).toBe(true);
    expect(existsSync(join(d, 'container.log.2'))).toBe(true);
    expect(existsSync(join(d, 'container.log.3'))).toBe(false);
    expect(readFileSync(join(d, 'container.log'), 'utf8').length).toBeLessThanOrEqual(8192);
    const recs = await readLogs(join(d, 'container.log'), { maxFiles: 3 });
    // The newest records survive rotation: per stream, a contiguous run ending at the last line
    // (the shim may drain one pipe before the other, so one stream can be rotated away).
    expect(recs.length).toBeGreaterThan(0);
    for (const stream of ['stdout', 'stderr'] as const) {
      const prefix = stream === 'stdout' ? 'out-' : 'err-';
      const nums = recs
        .filter((r) => r.stream === stream)
        .map((r) => {
          expect(r.log.startsWith(prefix)).toBe(true);
          return Number(r.log.slice(4));
        });
      if (nums.length > 0) expect(nums).toEqual(nums.map((_, i) => 300 - nums.length + i));
    }
  });

  it('unmounts the root filesystem after the exit; a path that is not mounted is no error', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'cc', 'mount', 'umount');
    const d = dir();
    const shimPath = await ensureShimBinary(join(tmpdir(), 'tsorch-test-shim'));
    const rootfs = join(d, 'rootfs');
    mkdirSync(rootfs);
    execFileSync('mount', ['-t', 'tmpfs', 'tmpfs', rootfs]);
    cleanup.push(() => {
      if (isMounted(rootfs)) execFileSync('umount', [rootfs]);
    });
    const run = async (stateDir: string): Promise<number> => {
      const pidFile = join(stateDir, 'init.pid');
      await startShim({
        shimPath,
        ...stateFiles(stateDir),
        unmount: rootfs,
        createArgv: ['sh', '-c', `sh -c 'sleep 0.2; exit 3' & echo $! > ${pidFile}`],
      });
      return (await waitFor('exit.json', () => readExitRecord(stateDir))).exitCode;
    };
    expect(isMounted(rootfs)).toBe(true);
    expect(await run(d)).toBe(3);
    expect(isMounted(rootfs)).toBe(false);
    const again = dir();
    expect(await run(again)).toBe(3);
    expect(
      existsSync(join(again, 'shim.log')) ? readFileSync(join(again, 'shim.log'), 'utf8') : '',
    ).toBe('');
  });

  it('mounts with mount(2) from the given directory before the create, and unmounts after the exit', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'cc');
    const d = dir();
    const shimPath = await ensureShimBinary(join(tmpdir(), 'tsorch-test-shim'));
    const rootfs = join(d, 'rootfs');
    mkdirSync(rootfs);
    cleanup.push(() => {
      if (isMounted(rootfs)) execFileSync('umount', [rootfs]);
    });
    const pidFile = join(d, 'init.pid');
    // An overlay as the image store describes one: paths relative to `cwd`. The "create" proves
    // the mount came first.
    for (const sub of ['lower', 'upper', 'work']) mkdirSync(join(d, sub));
    execFileSync('touch', [join(d, 'lower', 'marker')]);
    await startShim({
      shimPath,
      ...stateFiles(d),
      mount: {
        fstype: 'overlay',
        source: 'overlay',
        target: rootfs,
        options: 'lowerdir=lower,upperdir=upper,workdir=work',
        cwd: d,
      },
      unmount: rootfs,
      createArgv: [
        'sh',
        '-c',
        `test -e ${rootfs}/marker || exit 9; sh -c 'sleep 0.3; exit 3' & echo $! > ${pidFile}`,
      ],
    });
    expect(isMounted(rootfs)).toBe(true);
    expect((await waitFor('exit.json', () => readExitRecord(d))).exitCode).toBe(3);
    expect(isMounted(rootfs)).toBe(false);
  });

  it('reports a failed mount clearly, and unmounts when the create fails after it', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'cc');
    const shimPath = await ensureShimBinary(join(tmpdir(), 'tsorch-test-shim'));
    /** Starts a shim mounting at `<d>/merged` from `<d>`, which holds upper/ and work/. */
    const attempt = async (
      mount: { fstype: string; source: string; options: string },
      createArgv: string[],
    ): Promise<{ err: unknown; target: string }> => {
      const d = dir();
      const target = join(d, 'merged');
      for (const sub of ['merged', 'upper', 'work']) mkdirSync(join(d, sub));
      cleanup.push(() => {
        if (isMounted(target)) execFileSync('umount', [target]);
      });
      try {
        await startShim({
          shimPath,
          ...stateFiles(d),
          mount: { target, cwd: d, ...mount },
          createArgv,
        });
      } catch (err) {
        return { err, target };
      }
      throw new Error('the shim started');
    };
    const lowerMissing = await attempt(
      {
        fstype: 'overlay',
        source: 'overlay',
        options: 'lowerdir=no-such-lower,upperdir=upper,workdir=work',
      },
      ['true'],
    );
    expect(hasCode(lowerMissing.err, 'RUNTIME_EXEC_FAILED')).toBe(true);
    expect((lowerMissing.err as Error).message).toBe(
      `Cannot mount the root filesystem of the container at "${lowerMissing.target}": No such file or directory`,
    );
    expect(isMounted(lowerMissing.target)).toBe(false);
    // Options longer than a page would be cut short by mount(2): refused.
    const long = await attempt(
      { fstype: 'tmpfs', source: 'tmpfs', options: `size=1m,${'x'.repeat(5000)}` },
      ['true'],
    );
    expect((long.err as Error).message).toMatch(/: Argument list too long$/);
    // Mounted, then the create fails: unmounted before the report.
    const tmpfs = { fstype: 'tmpfs', source: 'tmpfs', options: 'size=1m' };
    const failed = await attempt(tmpfs, ['sh', '-c', 'echo broken >&2; exit 4']);
    expect((failed.err as Error).message).toBe(
      'Cannot create the container: sh exited with code 4: broken',
    );
    expect(isMounted(failed.target)).toBe(false);
    const noPid = await attempt(tmpfs, ['true']);
    expect((noPid.err as Error).message).toMatch(/cannot read the pid file/);
    expect(isMounted(noPid.target)).toBe(false);
  });

  it('keeps one shim in standby, starts the next container with it, and ends it on close', async (ctx) => {
    requireTool(ctx, 'cc');
    const shimPath = await ensureShimBinary(join(tmpdir(), 'tsorch-test-shim'));
    const standbys = (): number[] =>
      readdirSync('/proc')
        .filter((p) => /^\d+$/.test(p))
        .filter((p) => {
          try {
            const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
            const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
            const cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8');
            return ppid === process.pid && cmd === `${shimPath}\0standby\0`;
          } catch {
            return false;
          }
        })
        .map(Number);
    const launcher = new ShimLauncher();
    cleanup.push(() => launcher.close());
    const run = async (): Promise<number> => {
      const d = dir();
      const pidFile = join(d, 'init.pid');
      await launcher.start({
        shimPath,
        ...stateFiles(d),
        createArgv: ['sh', '-c', `sh -c 'sleep 0.2; exit 5' & echo $! > ${pidFile}`],
      });
      return (await waitFor('exit.json', () => readExitRecord(d))).exitCode;
    };
    expect(await run()).toBe(5);
    const [first] = await waitFor('a standby shim', () => {
      const list = standbys();
      return list.length === 1 ? list : undefined;
    });
    expect(await run()).toBe(5);
    await waitFor('a new standby shim', () => {
      const list = standbys();
      return list.length === 1 && list[0] !== first ? list : undefined;
    });
    launcher.close();
    await waitFor('no standby shim', () => (standbys().length === 0 ? true : undefined));
  });

  it('fails clearly when the shim binary cannot be started', async () => {
    const d = dir();
    let err: unknown;
    try {
      await new ShimLauncher().start({
        shimPath: join(d, 'no-such-shim'),
        ...stateFiles(d),
        createArgv: ['true'],
      });
    } catch (e) {
      err = e;
    }
    expect(hasCode(err, 'RUNTIME_UNAVAILABLE')).toBe(true);
    expect((err as Error).message).toBe(`Cannot start tsorch-shim "${join(d, 'no-such-shim')}"`);
  });

  it('records the exit before its delete, and removes shim.pid last', async (ctx) => {
    requireTool(ctx, 'cc');
    const d = dir();
    const shimPath = await ensureShimBinary(join(tmpdir(), 'tsorch-test-shim'));
    const pidFile = join(d, 'init.pid');
    await startShim({
      shimPath,
      ...stateFiles(d),
      createArgv: ['sh', '-c', `sh -c 'sleep 0.2; exit 4' & echo $! > ${pidFile}`],
      startArgv: ['true'],
      // The "delete" notes whether the exit was recorded before it ran.
      deleteArgv: [
        'sh',
        '-c',
        `sleep 0.3; test -e ${join(d, 'exit.json')} && touch ${join(d, 'deleted')}`,
      ],
    });
    expect(await waitShimDone(d, 100)).toBe(false);
    expect((await waitFor('exit.json', () => readExitRecord(d))).exitCode).toBe(4);
    expect(existsSync(join(d, 'shim.pid'))).toBe(true);
    expect(await waitShimDone(d, 10_000)).toBe(true);
    expect(existsSync(join(d, 'deleted'))).toBe(true);
    expect(existsSync(join(d, 'shim.pid'))).toBe(false);
  });

  it('starts through the exec fifo, runs the start command without one, and fails when the process ends first', async (ctx) => {
    requireTool(ctx, 'cc', 'mkfifo');
    const shimPath = await ensureShimBinary(join(tmpdir(), 'tsorch-test-shim'));
    const start = (d: string, script: string): Promise<{ pid: number }> => {
      const pidFile = join(d, 'init.pid');
      return startShim({
        shimPath,
        ...stateFiles(d),
        createArgv: ['sh', '-c', `mkfifo ${d}/exec.fifo; sh -c '${script}' & echo $! > ${pidFile}`],
        startArgv: ['touch', join(d, 'start-ran')],
        execFifo: join(d, 'exec.fifo'),
      });
    };
    // As runc's init: write one byte to the fifo, then exec (which closes it).
    const viaFifo = dir();
    await start(viaFifo, `sleep 0.1; echo 0 > ${viaFifo}/exec.fifo; exec sh -c "exit 6"`);
    expect((await waitFor('exit.json', () => readExitRecord(viaFifo))).exitCode).toBe(6);
    expect(existsSync(join(viaFifo, 'exec.fifo'))).toBe(false);
    expect(existsSync(join(viaFifo, 'start-ran'))).toBe(false);

    const noFifo = dir();
    const pidFile = join(noFifo, 'init.pid');
    await startShim({
      shimPath,
      ...stateFiles(noFifo),
      createArgv: ['sh', '-c', `sh -c 'sleep 0.2; exit 7' & echo $! > ${pidFile}`],
      startArgv: ['touch', join(noFifo, 'start-ran')],
      execFifo: join(noFifo, 'exec.fifo'),
    });
    expect((await waitFor('exit.json', () => readExitRecord(noFifo))).exitCode).toBe(7);
    expect(existsSync(join(noFifo, 'start-ran'))).toBe(true);

    const dead = dir();
    let err: unknown;
    try {
      await start(dead, 'sleep 0.2; exit 1');
    } catch (e) {
      err = e;
    }
    expect(hasCode(err, 'RUNTIME_EXEC_FAILED')).toBe(true);
    expect((err as Error).message).toMatch(/its process \d+ ended before it started$/);
  });

  it('reports a failed create with the runtime exit code and message', async (ctx) => {
    requireTool(ctx, 'cc');
    const d = dir();
    const shimPath = await ensureShimBinary(join(tmpdir(), 'tsorch-test-shim'));
    let err: unknown;
    try {
      await startShim({
        shimPath,
        ...stateFiles(d),
        createArgv: ['sh', '-c', 'echo \'time="x" level=error msg="no such bundle"\' >&2; exit 4'],
      });
    } catch (e) {
      err = e;
    }
    expect(hasCode(err, 'RUNTIME_EXEC_FAILED')).toBe(true);
    expect((err as Error).message).toBe(
      'Cannot create the container: sh exited with code 4: no such bundle',
    );
    expect((err as { details: { exitCode: number } }).details.exitCode).toBe(4);
  });

  it('refuses a pid that is not its child, instead of waiting for it forever', async (ctx) => {
    requireTool(ctx, 'cc');
    const d = dir();
    const shimPath = await ensureShimBinary(join(tmpdir(), 'tsorch-test-shim'));
    const pidFile = join(d, 'init.pid');
    let err: unknown;
    try {
      await startShim({
        shimPath,
        ...stateFiles(d),
        createArgv: ['sh', '-c', `echo 1 > ${pidFile}`],
      });
    } catch (e) {
      err = e;
    }
    expect(hasCode(err, 'RUNTIME_EXEC_FAILED')).toBe(true);
    expect((err as Error).message).toContain('the container process 1 is not a child of the shim');
  });

  it('fails clearly when no C compiler is there to build it', async () => {
    const d = dir();
    let err: unknown;
    try {
      await ensureShimBinary(join(d, 'bin'), { compiler: 'tsorch-no-such-cc' });
    } catch (e) {
      err = e;
    }
    expect(hasCode(err, 'RUNTIME_UNAVAILABLE')).toBe(true);
    expect((err as Error).message).toMatch(/^Cannot compile tsorch-shim with "tsorch-no-such-cc"/);
    expect((err as { hint: string }).hint).toContain('apt-get install gcc');
  });
});
