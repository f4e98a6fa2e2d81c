/**
 * Opens a runtime driver for this host: checks that the binary runs, and makes crun usable on
 * hybrid cgroup hosts, or fails with a clear message (never a silent fallback to runc).
 *
 * crun 1.8 refuses hybrid hosts whose cgroup2 mount has controllers ("cgroups in hybrid mode
 * not supported"). tsorch runs each crun command in a private mount namespace in which an
 * empty file is bind-mounted over the cgroup2 `cgroup.controllers`, so crun sees a plain v1
 * host; the host's mounts are untouched (docs/adr: crun on hybrid hosts).
 *
 * @module
 */
import { accessSync, constants, existsSync, promises as fs, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { detectCgroupLayout, type CgroupLayout } from '../cgroups/layout.js';
import { capabilitiesOfMask } from './capabilities.js';
import type { HostInfo } from './config.js';
import { RuntimeError } from './errors.js';
import { createRuntime, scratchDirOf, type Runtime, type RuntimeName } from './runtime.js';
import { runCommand } from './spawn.js';

const probeTimeoutMs = 10_000;

/** Options of {@link openRuntime}. */
export interface OpenRuntimeOptions {
  /** The runtime's state directory (`--root`), under the daemon's --run directory. */
  stateDir: string;
  /** Binary path; default the runtime's name on PATH. */
  binary?: string;
  /** The host's cgroup layout; detected when absent. */
  layout?: CgroupLayout;
  /** The daemon's effective uid; default `process.getuid()`. */
  uid?: number;
}

function unavailable(name: RuntimeName, why: string, hint: string): RuntimeError {
  return new RuntimeError(`Cannot use the ${name} runtime: ${why}`, {
    code: 'RUNTIME_UNAVAILABLE',
    details: { runtime: name },
    hint,
  });
}

/**
 * The command prefix that runs crun in a private mount namespace with the cgroup2 controllers
 * file hidden. `emptyFile` must exist; `controllersFile` is the cgroup2 `cgroup.controllers`.
 */
export function crunHybridWrapper(emptyFile: string, controllersFile: string): string[] {
  return [
    'unshare',
    '--mount',
    '--propagation',
    'private',
    '--',
    'sh',
    '-c',
    'mount --bind -- "$1" "$2" || exit 125; shift 2; exec "$@"',
    'tsorch-crun',
    emptyFile,
    controllersFile,
  ];
}

/** The absolute path of an executable `name` on `path` (a colon list); `name` when not found. */
export function findOnPath(name: string, path: string): string {
  if (name.includes('/')) return name;
  for (const dir of path.split(':')) {
    if (dir === '' || !dir.startsWith('/')) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return name;
}

/**
 * Opens `name` for use on this host.
 *
 * @throws {RuntimeError} RUNTIME_UNAVAILABLE naming the runtime and what is missing, with a hint.
 */
export async function openRuntime(name: RuntimeName, opts: OpenRuntimeOptions): Promise<Runtime> {
  // Looked up once: every container start execs it, and an exec through PATH tries each
  // directory before the runtime's.
  const binary = findOnPath(opts.binary ?? name, process.env['PATH'] ?? '');
  const install = `Install it with: apt-get install ${name} (or run scripts/setup-host.sh)`;
  const version = await runCommand([binary, '--version'], { timeoutMs: probeTimeoutMs }).catch(
    (err: unknown) => {
      throw unavailable(name, `"${binary}" cannot be run (${String(err)})`, install);
    },
  );
  if (version.exitCode !== 0) throw unavailable(name, `"${binary} --version" failed`, install);
  await fs.mkdir(opts.stateDir, { recursive: true, mode: 0o700 });

  const layout = opts.layout ?? (await detectCgroupLayout());
  const needsWrapper =
    name === 'crun' && layout.mode === 'hybrid' && layout.unifiedControllers.length > 0;
  if (!needsWrapper) return createRuntime(name, { stateDir: opts.stateDir, binary });

  const hint = 'Use --runtime runc on this host, or boot with a pure cgroup v1 or v2 layout';
  if ((opts.uid ?? process.getuid?.()) !== 0)
    throw unavailable(name, 'this hybrid cgroup host needs root to hide cgroup2 from crun', hint);
  const controllersFile = join(layout.unified ?? '/sys/fs/cgroup/unified', 'cgroup.controllers');
  const scratch = scratchDirOf(opts.stateDir);
  const emptyFile = join(scratch, 'empty-cgroup-controllers');
  await fs.mkdir(scratch, { recursive: true, mode: 0o700 });
  if (!existsSync(emptyFile)) await fs.writeFile(emptyFile, '', { mode: 0o444 });
  const wrapper = crunHybridWrapper(emptyFile, controllersFile);
  const probe = await runCommand([...wrapper, binary, '--version'], {
    timeoutMs: probeTimeoutMs,
  }).catch((err: unknown) => {
    throw unavailable(name, `cannot start it in a private mount namespace (${String(err)})`, hint);
  });
  if (probe.exitCode !== 0)
    throw unavailable(
      name,
      `cannot hide the cgroup2 controllers from it on this hybrid host: ${probe.stderr.trim()}`,
      hint,
    );
  return createRuntime(name, { stateDir: opts.stateDir, binary, wrapper });
}

/** Parses the "Max open files" hard limit out of /proc/self/limits text. */
export function parseNofileHardLimit(limits: string): number | undefined {
  const m = /^Max open files\s+\S+\s+(\d+)/m.exec(limits);
  return m?.[1] === undefined ? undefined : Number(m[1]);
}

/** Gathers the {@link HostInfo} the spec builder needs. */
export function detectHostInfo(opts: { initCandidates?: string[] } = {}): HostInfo {
  const candidates = opts.initCandidates ?? ['/usr/bin/tini-static', '/usr/local/bin/tini-static'];
  const init = candidates.find((p) => existsSync(p));
  const limits = readOr('/proc/self/limits');
  const nofile = parseNofileHardLimit(limits);
  const bounding = /^CapBnd:\s*([0-9a-f]+)$/m.exec(readOr('/proc/self/status'))?.[1];
  const cpus = readOr('/sys/devices/system/cpu/online').trim();
  const mems = readOr('/sys/devices/system/node/online').trim();
  return {
    arch: process.arch,
    ...(init === undefined ? {} : { initBinaryPath: init }),
    ...(nofile === undefined ? {} : { nofileHardLimit: nofile }),
    ...(bounding === undefined ? {} : { capabilityBounding: capabilitiesOfMask(bounding) }),
    ...(cpus === '' ? {} : { onlineCpus: cpus }),
    ...(mems === '' ? {} : { onlineMems: mems }),
  };
}

/** The content of a host file, or '' when it cannot be read. */
function readOr(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
