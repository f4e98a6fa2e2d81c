/**
 * `tsorch daemon` as a node of a namespace cluster (./netns-cluster.ts): the same command as
 * ./daemon.ts runs, with the node's state and run directories and its address as the cluster
 * listen and advertise address, so the cluster tests start real daemons exactly as they start
 * any other node process.
 *
 * ```ts
 * const cluster = await createNetnsCluster({ nodes: 3 });
 * await Promise.all(cluster.nodes.map((n) => n.start(daemonSpec(n))));
 * await nodeCli(cluster.node(1), ['version']);
 * ```
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runTsorch, tsorchCommand, type CliResult, type RunOptions } from './daemon.js';
import type { ClusterNode, ProcessSpec } from './netns-cluster.js';

/** The port of the cluster listener (`--listen-addr`), as Docker Swarm's 2377. */
export const clusterPort = 2377;

/** Options of {@link daemonSpec}. */
export interface DaemonSpecOptions {
  runtime?: 'runc' | 'crun';
  /** Further flags, e.g. swarm's once they exist. */
  extraArgs?: readonly string[];
  /** Run the built bin/tsorch instead of the sources. */
  bin?: boolean;
  /** Default 60 s (a daemon from sources starts in a few seconds on a busy host). */
  readyTimeoutMs?: number;
}

/** `ADDR:2377`: where the daemon on `node` listens for and is reached by other nodes. */
export function clusterAddress(node: ClusterNode): string {
  return `${node.address}:${clusterPort}`;
}

/** The daemon's unix socket on `node`. */
export function daemonSocket(node: ClusterNode): string {
  return join(node.runDir, 'tsorch.sock');
}

/** The environment that points a CLI at the daemon of `node`. */
export function daemonEnv(node: ClusterNode): Record<string, string> {
  return { TSORCH_ROOT: node.stateDir, TSORCH_RUN: node.runDir };
}

/**
 * The process spec of `tsorch daemon` on `node`: `--root`/`--run` the node's directories,
 * `--listen-addr` and `--advertise-addr` its {@link clusterAddress}. Ready once it logged
 * "daemon ready" and its socket exists; stopped with SIGTERM (15 s grace, then SIGKILL) so it
 * releases what it holds on the host.
 */
export function daemonSpec(node: ClusterNode, o: DaemonSpecOptions = {}): ProcessSpec {
  const { cmd, args } = tsorchCommand(
    [
      'daemon',
      '--root',
      node.stateDir,
      '--run',
      node.runDir,
      '--listen-addr',
      clusterAddress(node),
      '--advertise-addr',
      clusterAddress(node),
      ...(o.runtime === undefined ? [] : ['--runtime', o.runtime]),
      ...(o.extraArgs ?? []),
    ],
    { bin: o.bin },
  );
  const socket = daemonSocket(node);
  return {
    command: cmd,
    args,
    env: daemonEnv(node),
    cwd: join(import.meta.dirname, '..', '..'),
    readyLine: /daemon ready/,
    readyProbe: () => existsSync(socket),
    readyTimeoutMs: o.readyTimeoutMs ?? 60_000,
    stopGraceMs: 15_000,
  };
}

/** Runs the CLI (from the host) against the daemon of `node` through its socket. */
export function nodeCli(
  node: ClusterNode,
  args: readonly string[],
  o: RunOptions = {},
): Promise<CliResult> {
  return runTsorch(args, { ...o, env: { ...daemonEnv(node), ...o.env } });
}
