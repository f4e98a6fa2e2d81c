/**
 * Executes one RUN step with the real OCI runtime: an overlay of the current layers plus a fresh
 * upper directory becomes the container's root filesystem, `runc run` executes the command with
 * the build's environment, working directory and user in fresh namespaces (its network namespace
 * has only a loopback device, so a build has no network), and the upper directory is what the
 * step changed. Every container, mount and directory is removed again, also on failure.
 *
 * @module
 */
import { spawn } from 'node:child_process';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { defaultCapabilities } from '../../agent/index.js';
import { imageBuildRunOutputTailBytes, imageBuildRunTimeoutMs } from '../../util/limits.js';
import { BuildError } from './errors.js';
import { mountOverlay, unmount } from './overlay.js';
import { readFileInRoot, resolveInRoot } from './scoped-path.js';

const execFileAsync = promisify(execFile);

/** What a RUN step needs. */
export interface RunStepOptions {
  /** Unpacked layers, bottom first. */
  lowerDirs: readonly string[];
  /** A fresh scratch directory owned by this step. */
  scratchDir: string;
  args: string[];
  env: string[];
  /** Absolute working directory (created when missing). */
  cwd: string;
  /** A USER value (`name`, `uid`, `name:group`, `uid:gid`); empty means root. */
  user: string;
  /** The OCI runtime binary (runc). */
  runtime: string;
  /** The runtime's state directory (`runc --root`). */
  runtimeRoot: string;
  /** Receives the command's output as it comes. */
  onOutput?: (text: string) => void;
  signal?: AbortSignal;
}

/** The result of a RUN step: the directory holding its changes, in overlay form. */
export interface RunStepResult {
  upperDir: string;
}

/** Mount points the runtime creates when the image lacks them; removed from the layer after. */
const mountPoints = ['proc', 'dev', 'sys'];

/**
 * Resolves a USER value against the image's /etc/passwd and /etc/group.
 *
 * @throws {BuildError} IMAGE_BUILD when a name is not found.
 */
export async function resolveUser(
  rootfs: string,
  user: string,
): Promise<{ uid: number; gid: number }> {
  if (user === '') return { uid: 0, gid: 0 };
  const [u = '', g] = user.split(':', 2);
  const passwd = (await readFileInRoot(rootfs, '/etc/passwd')) ?? '';
  const entries = passwd.split('\n').map((l) => l.split(':'));
  const pw = entries.find((e) => (/^\d+$/.test(u) ? e[2] === u : e[0] === u) && e.length >= 4);
  let uid: number;
  let gid: number;
  if (/^\d+$/.test(u)) {
    uid = Number(u);
    gid = pw === undefined ? 0 : Number(pw[3]);
  } else if (pw !== undefined) {
    uid = Number(pw[2]);
    gid = Number(pw[3]);
  } else {
    throw new BuildError(
      'IMAGE_BUILD',
      `Cannot find user "${u}": no matching entry in the image's /etc/passwd`,
    );
  }
  if (g !== undefined && g !== '') {
    if (/^\d+$/.test(g)) gid = Number(g);
    else {
      const groups = ((await readFileInRoot(rootfs, '/etc/group')) ?? '')
        .split('\n')
        .map((l) => l.split(':'));
      const gr = groups.find((e) => e[0] === g && e.length >= 3);
      if (gr === undefined)
        throw new BuildError(
          'IMAGE_BUILD',
          `Cannot find group "${g}": no matching entry in the image's /etc/group`,
        );
      gid = Number(gr[2]);
    }
  }
  return { uid, gid };
}

function ociSpec(
  rootfs: string,
  opts: RunStepOptions,
  ids: { uid: number; gid: number },
  cgroupsPath: string,
): unknown {
  return {
    ociVersion: '1.0.2',
    process: {
      terminal: false,
      user: { uid: ids.uid, gid: ids.gid },
      args: opts.args,
      env: opts.env,
      cwd: opts.cwd,
      capabilities: {
        bounding: [...defaultCapabilities],
        effective: [...defaultCapabilities],
        permitted: [...defaultCapabilities],
      },
      noNewPrivileges: true,
    },
    root: { path: rootfs, readonly: false },
    hostname: 'tsorch-build',
    mounts: [
      { destination: '/proc', type: 'proc', source: 'proc' },
      {
        destination: '/dev',
        type: 'tmpfs',
        source: 'tmpfs',
        options: ['nosuid', 'strictatime', 'mode=755', 'size=65536k'],
      },
      {
        destination: '/dev/pts',
        type: 'devpts',
        source: 'devpts',
        options: ['nosuid', 'noexec', 'newinstance', 'ptmxmode=0666', 'mode=0620', 'gid=5'],
      },
      {
        destination: '/dev/shm',
        type: 'tmpfs',
        source: 'shm',
        options: ['nosuid', 'noexec', 'nodev', 'mode=1777', 'size=65536k'],
      },
      {
        destination: '/dev/mqueue',
        type: 'mqueue',
        source: 'mqueue',
        options: ['nosuid', 'noexec', 'nodev'],
      },
      {
        destination: '/sys',
        type: 'sysfs',
        source: 'sysfs',
        options: ['nosuid', 'noexec', 'nodev', 'ro'],
      },
    ],
    linux: {
      cgroupsPath,
      resources: { devices: [{ allow: false, access: 'rwm' }] },
      namespaces: [
        { type: 'pid' },
        { type: 'network' },
        { type: 'ipc' },
        { type: 'uts' },
        { type: 'mount' },
      ],
      maskedPaths: [
        '/proc/acpi',
        '/proc/kcore',
        '/proc/keys',
        '/proc/latency_stats',
        '/proc/timer_list',
        '/proc/sched_debug',
        '/sys/firmware',
        '/proc/scsi',
      ],
      readonlyPaths: ['/proc/bus', '/proc/fs', '/proc/irq', '/proc/sys', '/proc/sysrq-trigger'],
    },
  };
}

/**
 * Runs the command; returns the upper directory with the step's changes.
 *
 * @throws {BuildError} IMAGE_BUILD_RUN_FAILED when the command exits non-zero (with the tail of
 *   its output in `details.output`), IMAGE_BUILD when the runtime cannot start it.
 */
export async function runStep(opts: RunStepOptions): Promise<RunStepResult> {
  const upperDir = path.join(opts.scratchDir, 'upper');
  const workDir = path.join(opts.scratchDir, 'work');
  const bundle = path.join(opts.scratchDir, 'bundle');
  const target = path.join(bundle, 'rootfs');
  await Promise.all([upperDir, workDir, bundle].map((d) => fs.mkdir(d, { recursive: true })));
  const view = await mountOverlay({
    lowerDirs: opts.lowerDirs,
    target,
    linkDir: path.join(opts.scratchDir, 'l'),
    upperDir,
    workDir,
  });
  const missingMounts: string[] = [];
  try {
    for (const m of mountPoints) {
      const exists = await fs.lstat(path.join(view.path, m)).then(
        () => true,
        () => false,
      );
      if (!exists) missingMounts.push(m);
    }
    await fs.mkdir(await resolveInRoot(view.path, opts.cwd), { recursive: true });
    const ids = await resolveUser(view.path, opts.user);
    const id = `tsorch-build-${randomBytes(6).toString('hex')}`;
    // A top-level cgroup of its own, which `runc delete` removes: a build leaves no parent behind.
    const spec = ociSpec(view.path, opts, ids, `/${id}`);
    await fs.writeFile(path.join(bundle, 'config.json'), JSON.stringify(spec));
    await runContainer(opts, bundle, id);
  } finally {
    await unmount(target);
  }
  // Mount points the runtime had to create are not changes of the step.
  for (const m of missingMounts) await fs.rmdir(path.join(upperDir, m)).catch(() => undefined);
  return { upperDir };
}

async function runContainer(opts: RunStepOptions, bundle: string, id: string): Promise<void> {
  const base = ['--root', opts.runtimeRoot];
  let tail = '';
  const child = spawn(opts.runtime, [...base, 'run', '--bundle', bundle, id], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const onData = (chunk: Buffer): void => {
    const text = chunk.toString('utf8');
    tail = (tail + text).slice(-imageBuildRunOutputTailBytes);
    opts.onOutput?.(text);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const kill = (): void => {
    execFile(opts.runtime, [...base, 'kill', id, 'KILL'], () => undefined);
  };
  const timer = setTimeout(kill, imageBuildRunTimeoutMs);
  opts.signal?.addEventListener('abort', kill, { once: true });
  let code: number | null;
  try {
    code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (c, sig) => {
        resolve(c ?? (sig === null ? null : 128));
      });
    });
  } catch (err) {
    throw new BuildError(
      'IMAGE_BUILD',
      `Cannot start the OCI runtime "${opts.runtime}": ${(err as Error).message}`,
      {
        cause: err,
        hint: 'Install runc (bash scripts/setup-host.sh)',
      },
    );
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', kill);
    // `runc run` removes a container that exits by itself; only a leftover (runtime killed,
    // start failure) still has a state directory and needs a forced delete.
    const leftover = await fs.stat(path.join(opts.runtimeRoot, id)).then(
      () => true,
      () => false,
    );
    if (leftover)
      await execFileAsync(opts.runtime, [...base, 'delete', '-f', id]).catch(() => undefined);
  }
  opts.signal?.throwIfAborted();
  const runtimeError = /level=error msg="(runc run failed: [^"]*)"/.exec(tail);
  if (code !== 0 && runtimeError !== null) {
    throw new BuildError(
      'IMAGE_BUILD',
      `The OCI runtime could not start the step: ${runtimeError[1] ?? ''}`,
      {
        details: { exitCode: code, output: tail },
      },
    );
  }
  if (code !== 0) {
    throw new BuildError(
      'IMAGE_BUILD_RUN_FAILED',
      `The command ${JSON.stringify(opts.args)} returned a non-zero code: ${code ?? 'killed'}`,
      {
        details: { exitCode: code, output: tail },
      },
    );
  }
}
