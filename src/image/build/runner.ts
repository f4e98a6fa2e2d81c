/**
 * Opens what a daemon's builds run their RUN steps with: the daemon's `--runtime` (runc or
 * crun; crun made usable on hybrid cgroup hosts the same way as for containers), the host facts
 * the spec builder needs, and the daemon's parent cgroup.
 *
 * @module
 */
import * as path from 'node:path';
import {
  daemonCgroupParent,
  detectHostInfo,
  openRuntime,
  type RuntimeName,
} from '../../agent/index.js';
import type { RunStepRunner } from './types.js';

/** Options of {@link openRunStepRunner}. */
export interface RunStepRunnerOptions {
  /** The daemon's `--runtime`. */
  runtime: RuntimeName;
  /** The daemon's `--run` directory: the runtime's state goes to `build-<runtime>` in it. */
  runDir: string;
  /** The daemon's `--root` (names its parent cgroup, shared with its containers). */
  root: string;
}

/**
 * Opens the runtime (checking that it works on this host) and gathers the rest.
 *
 * @throws {RuntimeError} RUNTIME_UNAVAILABLE naming the runtime and what is missing, with a hint.
 */
export async function openRunStepRunner(opts: RunStepRunnerOptions): Promise<RunStepRunner> {
  // A state directory apart from the containers' one: the container manager re-adopts every
  // container its runtime lists, and a build step is none of its business.
  const stateDir = path.join(opts.runDir, `build-${opts.runtime}`);
  const runtime = await openRuntime(opts.runtime, { stateDir });
  return { runtime, host: detectHostInfo(), cgroupParent: daemonCgroupParent(opts.root) };
}
