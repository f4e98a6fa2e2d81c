/**
 * End-to-end compose stacks on the embedded default (ADR 031): a copy of an example in a temp
 * directory, the built command (bin/tsorch: run `npm run build` first) run in it with TSORCH_ROOT/TSORCH_RUN pointing at a temp
 * root (so the default root is never touched), and a snapshot of what the host holds (links,
 * network namespaces, mounts, cgroups, iptables rules, files) to show that `down` leaves
 * nothing behind.
 *
 * @module
 */
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import { openCgroupDriver } from '../../src/agent/cgroups/index.js';
import { busyboxContexts } from '../../scripts/prepare-examples.js';
import { runTsorch, type CliResult, type RunOptions } from './daemon.js';
import { waitFor, type Cleanup } from './host.js';
import { removeAndCheckNodeNetworks } from './node-networks.js';
import { processAlive } from '../../src/util/process.js';

const repo = join(import.meta.dirname, '..', '..');

/** An example copied to a temp directory, run on its own embedded default. */
export interface EmbeddedStack {
  /** The copy of the example (edit its compose.yml freely). */
  dir: string;
  file: string;
  root: string;
  run: string;
  env: Record<string, string>;
  /** Runs the CLI in the copy's directory against this stack's embedded default. */
  cli(args: readonly string[], options?: RunOptions): Promise<CliResult>;
  /** Like cli, but throws with the output when the command fails. */
  ok(args: readonly string[], timeoutMs?: number): Promise<string>;
}

/**
 * Copies examples/`name` (with the host's busybox-static in its build contexts, as
 * scripts/prepare-examples.ts does) to a temp directory and prepares a root and runtime
 * directory for its embedded default. Cleanup takes the stack down, stops the daemon by its pid,
 * and removes its containers' cgroups, its networks and the directories.
 */
export function embeddedExample(cleanup: Cleanup, name: string): EmbeddedStack {
  return embeddedProject(cleanup, name, (dir) => {
    cpSync(join(repo, 'examples', name), dir, { recursive: true });
  });
}

/** The host's busybox-static, for FROM scratch images. */
export function hostBusybox(): string {
  const busybox = ['/bin/busybox', '/usr/bin/busybox'].find((p) => existsSync(p));
  if (busybox === undefined)
    throw new Error('busybox-static is missing: run scripts/setup-host.sh');
  return busybox;
}

/** Like {@link embeddedExample}, for a project that `write` puts in the directory it is given. */
export function embeddedProject(
  cleanup: Cleanup,
  name: string,
  write: (dir: string) => void,
): EmbeddedStack {
  const base = mkdtempSync(join(tmpdir(), `tsorch-up-${name}-`));
  const dir = join(base, name);
  const root = join(base, 'root');
  const run = join(base, 'run');
  mkdirSync(dir);
  write(dir);
  const busybox = hostBusybox();
  for (const context of busyboxContexts(dir)) copyFileSync(busybox, join(context, 'busybox'));
  const env = { TSORCH_ROOT: root, TSORCH_RUN: run };
  const file = join(dir, 'compose.yml');
  const cli = (args: readonly string[], o: RunOptions = {}): Promise<CliResult> =>
    runTsorch(args, { cwd: dir, timeoutMs: 180_000, bin: true, ...o, env: { ...env, ...o.env } });
  const stack: EmbeddedStack = {
    dir,
    file,
    root,
    run,
    env,
    cli,
    async ok(args, timeoutMs) {
      const r = await cli(args, timeoutMs === undefined ? {} : { timeoutMs });
      if (r.code !== 0)
        throw new Error(
          `tsorch ${args.join(' ')} failed (${String(r.code)}):\n${r.stderr}\n${r.stdout}`,
        );
      return r.stdout;
    },
  };
  cleanup.push(() => rmSync(base, { recursive: true, force: true }));
  cleanup.push(() => removeAndCheckNodeNetworks(root));
  cleanup.push(async () => {
    const parent = `tsorch-${createHash('sha256').update(root).digest('hex').slice(0, 8)}`;
    await (await openCgroupDriver()).remove(`/${parent}`).catch(() => undefined);
  });
  cleanup.push(async () => {
    const pidFile = join(run, 'tsorch.pid');
    if (!existsSync(pidFile)) return;
    const pid = Number.parseInt(readFileSync(pidFile, 'utf8'), 10);
    if (!Number.isInteger(pid) || !processAlive(pid)) return;
    // Containers first (a stopped daemon leaves them running), then the daemon.
    const ids = (await cli(['ps', '-a', '-q'])).stdout.split('\n').filter((l) => l !== '');
    for (const id of ids) await cli(['rm', '-f', id]);
    process.kill(pid, 'SIGTERM');
    await waitFor('the daemon to exit', () => !processAlive(pid), { timeoutMs: 30_000 }).catch(
      () => {
        process.kill(pid, 'SIGKILL');
      },
    );
  });
  cleanup.push(async () => {
    // A failed test may leave the stack: down first (bounded), so the daemon stops idle.
    await cli(['down', '-f', file], { timeoutMs: 120_000 }).catch(() => undefined);
  });
  return stack;
}

/** What the host holds that a stack could leave behind. */
export interface HostSnapshot {
  links: string[];
  netns: string[];
  mounts: string[];
  cgroups: string[];
  iptables: string[];
  files: string[];
}

function lines(cmd: string, args: string[]): string[] {
  return execFileSync(cmd, args, { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l.trim() !== '');
}

function cgroupDirs(dir: string, depth: number): string[] {
  if (depth === 0) return [];
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (!e.isDirectory()) continue;
    const p = join(dir, e.name);
    out.push(p, ...cgroupDirs(p, depth - 1));
  }
  return out;
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out;
}

/**
 * The host's links, network namespaces, mounts, cgroups (4 levels), iptables rules and chains
 * of every table (counters left out), and the file names of the example copy, plus the entries of
 * /run, /var/lib, /etc and /dev/shm whose names start with ts (outside the state directory).
 */
export function hostSnapshot(stack: EmbeddedStack): HostSnapshot {
  const files = filesUnder(stack.dir).map((f) => `project:${f}`);
  for (const d of ['/run', '/var/lib', '/etc', '/dev/shm'])
    for (const e of existsSync(d) ? readdirSync(d) : [])
      if (e.startsWith('ts')) files.push(`${d}/${e}`);
  return {
    links: lines('ip', ['-o', 'link', 'show']).map(
      (l) => (l.split(': ')[1] ?? '').split('@')[0] ?? '',
    ),
    netns: existsSync('/run/netns') ? readdirSync('/run/netns') : [],
    mounts: readFileSync('/proc/self/mountinfo', 'utf8')
      .split('\n')
      .map((l) => l.split(' ')[4] ?? '')
      .filter((m) => m !== ''),
    cgroups: cgroupDirs('/sys/fs/cgroup', 4),
    iptables: lines('iptables-save', [])
      .filter((l) => !l.startsWith('#'))
      .map((l) => l.replace(/\s*\[\d+:\d+\]$/, '')),
    files,
  };
}

/** What `after` holds that `before` did not, by kind (empty lists: nothing left behind). */
export function leftBehind(
  before: HostSnapshot,
  after: HostSnapshot,
): Partial<Record<keyof HostSnapshot, string[]>> {
  const out: Partial<Record<keyof HostSnapshot, string[]>> = {};
  for (const k of Object.keys(before) as (keyof HostSnapshot)[]) {
    const had = new Set(before[k]);
    const added = after[k].filter((x) => !had.has(x));
    if (added.length > 0) out[k] = added;
  }
  return out;
}

/** Container ids of the stack's tasks by compose service (from their names svc.slot.task). */
export async function containersByService(
  stack: EmbeddedStack,
  project: string,
): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  const ps = await stack.ok(['ps', '--format', '{{.id}} {{.name}}']);
  for (const line of ps.split('\n')) {
    const [id, name] = line.split(' ');
    const m = new RegExp(`^${project}_([^.]+)\\.\\d+\\.`).exec(name ?? '');
    if (id === undefined || m?.[1] === undefined) continue;
    (out[m[1]] ??= []).push(id);
  }
  for (const ids of Object.values(out)) ids.sort();
  return out;
}

/** What {@link upEditDown} checks on one example. */
export interface UpEditDown {
  /** The compose project name. */
  project: string;
  /** Checks the running stack: services answer by name and on their published ports. */
  probe(stack: EmbeddedStack): Promise<void>;
  /** One text replacement in compose.yml that changes only `service`. */
  edit: { service: string; from: string; to: string };
}

/**
 * The life of an example on its embedded default: `daemon start` (the baseline snapshot), `up -d
 * --wait`, the probe, the edit and a second `up` that recreates only the edited service's tasks
 * and says so, then `down`, after which the host holds nothing the baseline did not.
 */
export async function upEditDown(stack: EmbeddedStack, o: UpEditDown): Promise<void> {
  await stack.ok(['daemon', 'start'], 120_000);
  const baseline = hostSnapshot(stack);
  // The daemon's own: its parent cgroup (made with its first container, kept while it runs),
  // and the transient outer veth ends (`tsp` + random hex) any daemon's batch makes and drops.
  const parent = `tsorch-${createHash('sha256').update(stack.root).digest('hex').slice(0, 8)}`;
  const own = (s: HostSnapshot): HostSnapshot => ({
    ...s,
    cgroups: s.cgroups.filter((c) => !c.endsWith(`/${parent}`)),
    links: s.links.filter((l) => !/^tsp[0-9a-f]{12}$/.test(l)),
  });

  const up = await stack.cli(['up', '-d', '--wait', '--wait-timeout', '120']);
  expect(up.code, `${up.stderr}\n${up.stdout}`).toBe(0);
  expect(up.stderr).not.toMatch(/\n\s+at /);
  await o.probe(stack);

  const before = await containersByService(stack, o.project);
  const text = readFileSync(stack.file, 'utf8');
  expect(text.includes(o.edit.from), `compose.yml holds ${o.edit.from}`).toBe(true);
  writeFileSync(stack.file, text.replace(o.edit.from, o.edit.to));
  const again = await stack.cli(['up', '-d', '--wait', '--wait-timeout', '120']);
  expect(again.code, `${again.stderr}\n${again.stdout}`).toBe(0);
  // The output names the edited service as recreated, and no other.
  expect(again.stdout).toMatch(new RegExp(`Service ${o.edit.service} +Recreating`));
  for (const s of Object.keys(before))
    if (s !== o.edit.service)
      expect(again.stdout).not.toMatch(new RegExp(`Service ${s} +(Recreating|Updating|Creating)`));
  await o.probe(stack);
  const after = await containersByService(stack, o.project);
  for (const [s, ids] of Object.entries(before)) {
    if (s === o.edit.service)
      for (const id of ids) expect(after[s]?.includes(id), `${s} ${id} replaced`).toBe(false);
    else expect(after[s], `containers of ${s}`).toEqual(ids);
  }

  const down = await stack.cli(['down']);
  expect(down.code, `${down.stderr}\n${down.stdout}`).toBe(0);
  expect((await stack.ok(['ps', '-a', '-q'])).trim()).toBe('');
  // Containers go when their tasks have stopped; their links and mounts right after.
  let left = leftBehind(baseline, own(hostSnapshot(stack)));
  await waitFor(
    'nothing left behind',
    () => {
      left = leftBehind(baseline, own(hostSnapshot(stack)));
      return Object.keys(left).length === 0;
    },
    { timeoutMs: 30_000, intervalMs: 500 },
  ).catch(() => undefined);
  expect(left).toEqual({});
}
