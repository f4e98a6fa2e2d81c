/**
 * The daemon's container records against the runtime after failures: a failed `run --rm`, and
 * a daemon killed with SIGKILL at random points of create and start (seeded: the seed is
 * printed, `CRASH_SEED=<n>` replays it).
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { daemonCgroupParent } from '../../src/agent/runtime/spec.js';
import { createPrng } from '../../src/util/prng.js';
import { tsorchCommand, type TestDaemon } from '../helpers/daemon.js';
import { requireRoot, requireTool, useCleanup, waitFor } from '../helpers/host.js';
import { daemonWithBusybox } from './containers-harness.js';

/** Kills of the daemon in one run, and the bound on the whole run. */
const crashIterations = 12;
const crashTestTimeoutMs = 180_000;

function containerDirs(d: TestDaemon): string[] {
  const dir = join(d.root, 'containers');
  return existsSync(dir) ? readdirSync(dir) : [];
}

interface Inspected {
  Id: string;
  Name: string;
  State: { Status: string; Pid: number };
}

async function records(d: TestDaemon): Promise<Inspected[]> {
  const ids = (await d.cli(['ps', '-a', '-q'])).stdout.split('\n');
  const list = ids.filter((l) => l !== '');
  if (list.length === 0) return [];
  const r = await d.cli(['inspect', ...list]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Inspected[];
}

/** `runc list` of the daemon's runtime state directory: id -> status. */
function runcList(d: TestDaemon): Map<string, string> {
  const out = new Map<string, string>();
  const dir = join(d.run, 'runc');
  if (!existsSync(dir)) return out;
  for (const id of readdirSync(dir)) {
    const state = join(dir, id, 'state.json');
    if (!existsSync(state)) continue;
    const s = JSON.parse(readFileSync(state, 'utf8')) as { init_process_pid: number };
    out.set(id, existsSync(`/proc/${s.init_process_pid}`) ? 'running' : 'stopped');
  }
  return out;
}

/** Mounts whose path lies under the daemon's directories. */
function daemonMounts(d: TestDaemon): string[] {
  const base = join(d.root, '..');
  return readFileSync('/proc/self/mounts', 'utf8')
    .split('\n')
    .map((l) => l.split(' ')[1] ?? '')
    .filter((p) => p.startsWith(base));
}

/** Container cgroups under the daemon's parent, in every hierarchy. */
function daemonCgroups(d: TestDaemon): string[] {
  const parent = daemonCgroupParent(d.root);
  const out: string[] = [];
  for (const h of readdirSync('/sys/fs/cgroup')) {
    const dir = join('/sys/fs/cgroup', h, parent);
    if (!existsSync(dir)) continue;
    for (const e of readdirSync(dir, { withFileTypes: true }))
      if (e.isDirectory()) out.push(join(dir, e.name));
  }
  return out;
}

/** Runs the built CLI without waiting for it (it may lose its daemon mid-call). */
function cliInFlight(d: TestDaemon, args: string[]): Promise<void> {
  const { cmd, args: argv } = tsorchCommand(args, { bin: true });
  const child = spawn(cmd, argv, { env: { ...process.env, ...d.env }, stdio: 'ignore' });
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Where a kill lands: at a random time within a `run -d` call, as soon as the new container's
 * directory appears (its create is under way), or as soon as its shim has written the init's
 * pid (its start is under way, its record not yet saved).
 */
const killPoints = ['random', 'create', 'start'] as const;

async function killAt(
  point: (typeof killPoints)[number],
  o: { d: TestDaemon; before: Set<string>; rng: ReturnType<typeof createPrng>; callMs: number },
): Promise<void> {
  if (point === 'random') {
    await new Promise((r) => setTimeout(r, o.rng.int(o.callMs)));
    return;
  }
  const deadline = Date.now() + o.callMs * 2;
  while (Date.now() < deadline) {
    const id = containerDirs(o.d).find((c) => !o.before.has(c));
    if (id !== undefined) {
      if (point === 'create') return;
      if (existsSync(join(o.d.root, 'containers', id, 'init.pid'))) return;
    }
    await new Promise((r) => setTimeout(r, 1));
  }
}

/** Every record agrees with the runtime: running ones run, others have no runtime state. */
async function expectConsistent(d: TestDaemon, where: string): Promise<void> {
  const recs = await records(d);
  const runtime = runcList(d);
  for (const r of recs) {
    const running = r.State.Status === 'running';
    expect(running ? runtime.get(r.Id) : undefined, `${where}: ${r.Name} ${r.State.Status}`).toBe(
      running ? 'running' : undefined,
    );
    if (running) expect(existsSync(`/proc/${r.State.Pid}`), `${where}: ${r.Name} pid`).toBe(true);
  }
  for (const id of runtime.keys()) {
    expect(
      recs.map((r) => r.Id),
      `${where}: runtime container ${id} has a record`,
    ).toContain(id);
  }
  const dirs = containerDirs(d);
  expect(dirs.sort(), `${where}: container directories`).toEqual(recs.map((r) => r.Id).sort());
}

describe('containers after failures', () => {
  const cleanup = useCleanup();

  it('a failed run --rm leaves no container directory, and no warning at the next start', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'cc');
    const d = await daemonWithBusybox(cleanup);
    const failing = [
      ['busybox:test', '/no/such/binary'],
      ['-u', 'nosuchuser', 'busybox:test', 'true'],
    ];
    for (const mode of [['-d'], []]) {
      for (const args of failing) {
        const r = await d.cli(['run', ...mode, '--rm', ...args]);
        expect(r.code, args.join(' ')).not.toBe(0);
      }
    }
    expect((await d.cli(['ps', '-a', '-q'])).stdout).toBe('');
    await waitFor('container directories to go', () => containerDirs(d).length === 0, {
      timeoutMs: 15_000,
    });
    await d.stop();
    const from = d.log().length;
    await d.restart();
    expect(d.log().slice(from)).not.toMatch(/unreadable container record/);
  });

  it(
    'a daemon killed at random points of create and start: records match the runtime, nothing is left',
    async (ctx) => {
      requireRoot(ctx);
      requireTool(ctx, 'runc', 'cc');
      const seed = Number(process.env['CRASH_SEED'] ?? Math.floor(Math.random() * 2 ** 31));
      console.log(`crash test seed: ${seed} (replay with CRASH_SEED=${seed})`);
      const rng = createPrng(seed);
      const d = await daemonWithBusybox(cleanup);
      const started = Date.now();
      await cliInFlight(d, ['run', '-d', '--rm', 'busybox:test', 'true']);
      const callMs = Date.now() - started;
      const script = "trap 'exit 0' TERM; while :; do sleep 0.2; done";
      for (let i = 0; i < crashIterations; i++) {
        const name = `c${i}`;
        const before = new Set(containerDirs(d));
        const run = ['run', '-d', '--name', name, 'busybox:test', 'sh', '-c', script];
        const call = cliInFlight(d, run);
        await killAt(rng.pick(killPoints), { d, before, rng, callMs });
        await d.kill9();
        await call;
        await d.restart();
        await expectConsistent(d, `seed ${seed}, iteration ${i}`);
        // A record left created can start, and then runs.
        const rec = (await records(d)).find((r) => r.Name === name);
        if (rec?.State.Status === 'created') {
          expect((await d.cli(['start', name])).code).toBe(0);
          await expectConsistent(d, `seed ${seed}, iteration ${i}, after start`);
        }
      }
      const ids = (await records(d)).map((r) => r.Id);
      if (ids.length > 0) expect((await d.cli(['rm', '-f', ...ids])).code).toBe(0);
      await waitFor('container directories to go', () => containerDirs(d).length === 0, {
        timeoutMs: 20_000,
      });
      expect(runcList(d).size, `seed ${seed}: runtime state`).toBe(0);
      expect(daemonMounts(d), `seed ${seed}: mounts`).toEqual([]);
      expect(daemonCgroups(d), `seed ${seed}: cgroups`).toEqual([]);
    },
    crashTestTimeoutMs,
  );
});
