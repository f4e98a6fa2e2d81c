/**
 * Executes one RUN step with the daemon's OCI runtime (runc or crun): an overlay of the current
 * layers plus a fresh upper directory becomes the container's root filesystem, and the command
 * runs with the build's environment, working directory and user. The container's spec comes from
 * the same builder as every container's (src/agent/runtime: capabilities, seccomp,
 * no-new-privileges, masked paths, rlimits), with a pids limit, in a cgroup under the daemon's
 * parent, and in a network namespace holding only loopback (a build has no network). The upper
 * directory is what the step changed. Every container, cgroup, mount and directory is removed
 * again, also on failure; the daemon's parent cgroup stays (its containers share it).
 *
 * @module
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import {
  buildOciSpec,
  errorsFromLog,
  writeBundle,
  type ContainerConfig,
} from '../../agent/index.js';
import { imageBuildRunOutputTailBytes, imageBuildRunTimeoutMs } from '../../util/limits.js';
import { BuildError } from './errors.js';
import { mountOverlay, unmount } from './overlay.js';
import { readFileInRoot, resolveInRoot } from './scoped-path.js';
import type { RunStepRunner } from './types.js';

/**
 * The most tasks (processes and threads) one RUN step may have at once, so that a fork bomb in
 * a Dockerfile cannot take the host. Docker's builders set no limit at all; Podman's containers
 * get 2048 by default (containers.conf `pids_limit`); a build takes twice that, for parallel
 * compilers (`make -j`). No memory or CPU limit, as in Docker.
 */
export const runStepPidsLimit = 4096;

/** Host name of RUN step containers. */
const runStepHostname = 'tsorch-build';

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
  /** The daemon's runtime, host facts and parent cgroup. */
  runner: RunStepRunner;
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

/**
 * The container of a RUN step: a container's defaults (src/agent/runtime) plus the step's
 * command, environment, directory and user, a pids limit and the daemon's cgroup parent. Pure.
 */
export function runStepConfig(
  step: Pick<RunStepOptions, 'args' | 'env' | 'cwd'> & { id: string; rootfsPath: string },
  opts: { user: { uid: number; gid: number }; cgroupParent: string },
): ContainerConfig {
  return {
    id: step.id,
    rootfsPath: step.rootfsPath,
    args: step.args,
    env: step.env,
    cwd: step.cwd,
    user: { uid: opts.user.uid, gid: opts.user.gid, additionalGids: [] },
    hostname: runStepHostname,
    resources: { pidsLimit: runStepPidsLimit },
    noNewPrivileges: true,
    seccomp: 'default',
    cgroupParent: opts.cgroupParent,
  };
}

/**
 * Runs the command; returns the upper directory with the step's changes.
 *
 * @throws {BuildError} IMAGE_BUILD_RUN_FAILED when the command exits non-zero (with the tail of
 *   its output in `details.output`), IMAGE_BUILD when the runtime cannot start it.
 * @throws {InvalidArgumentError} when the step cannot make a valid spec (e.g. a relative WORKDIR).
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
    const user = await resolveUser(view.path, opts.user);
    const id = `tsorch-build-${randomBytes(6).toString('hex')}`;
    const { runner } = opts;
    const cfg = runStepConfig(
      { ...opts, id, rootfsPath: view.path },
      { user, cgroupParent: runner.cgroupParent },
    );
    await writeBundle(bundle, buildOciSpec(cfg, runner.host));
    await runContainer(opts, bundle, id);
  } finally {
    await unmount(target);
  }
  // Mount points the runtime had to create are not changes of the step.
  for (const m of missingMounts) await fs.rmdir(path.join(upperDir, m)).catch(() => undefined);
  return { upperDir };
}

/**
 * Runs the container in the foreground (`run`: create, start, wait, delete, which also removes
 * its cgroup), streaming its output; kills it on abort or after the step's deadline.
 */
async function runContainer(opts: RunStepOptions, bundle: string, id: string): Promise<void> {
  const { runtime } = opts.runner;
  const logFile = path.join(opts.scratchDir, 'runtime.log');
  const [file = runtime.name, ...args] = runtime.argv.run(id, bundle, { logFile });
  let tail = '';
  const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const onData = (chunk: Buffer): void => {
    const text = chunk.toString('utf8');
    tail = (tail + text).slice(-imageBuildRunOutputTailBytes);
    opts.onOutput?.(text);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const kill = (): void => {
    runtime.kill(id, 'KILL').catch(() => undefined);
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
      `Cannot start the OCI runtime "${runtime.name}": ${(err as Error).message}`,
      { cause: err, hint: `Install ${runtime.name} (bash scripts/setup-host.sh)` },
    );
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', kill);
    // A foreground `run` deletes a container that exits by itself; only a leftover (runtime
    // killed, start failure) is still known and needs a forced delete, cgroup included.
    await runtime.delete(id, { force: true }).catch(() => undefined);
  }
  opts.signal?.throwIfAborted();
  if (code === 0) return;
  const runtimeErrors = errorsFromLog(await fs.readFile(logFile, 'utf8').catch(() => ''));
  if (runtimeErrors.length > 0) {
    throw new BuildError(
      'IMAGE_BUILD',
      `The OCI runtime could not start the step: ${runtimeErrors.join('; ')}`,
      { details: { exitCode: code, output: tail } },
    );
  }
  throw new BuildError(
    'IMAGE_BUILD_RUN_FAILED',
    `The command ${JSON.stringify(opts.args)} returned a non-zero code: ${code ?? 'killed'}`,
    { details: { exitCode: code, output: tail } },
  );
}
