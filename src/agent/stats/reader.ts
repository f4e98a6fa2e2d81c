/**
 * Samples containers' statistics over time for `stats`: reads each container's cgroup (v1 or
 * v2, through the cgroup driver), its network namespace's /proc/PID/net/dev and the host's
 * /proc/stat, and turns consecutive readings into docker's figures (compute.ts).
 *
 * @module
 */
import { promises as fs } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { InvalidArgumentError } from '../../util/errors.js';
import { statsIntervalMaxMs, statsIntervalMinMs, statsMaxContainers } from '../../util/limits.js';
import type { CgroupDriver } from '../cgroups/index.js';
import type { ContainerManager } from '../containers/manager.js';
import type { ContainerRecord } from '../containers/types.js';
import { isRunning } from '../task-controller.js';
import {
  computeStats,
  zeroCgroupStats,
  parseMemTotal,
  parseNetDev,
  parseProcStat,
  type HostFacts,
  type StatsReading,
  type StatsView,
} from './compute.js';

/** One container's figures at one moment. */
export interface StatsSample extends StatsView {
  id: string;
  name: string;
  /** RFC 3339. */
  readAt: string;
}

/** Which containers, how often, how many times. */
export interface StatsQuery {
  /** Names or ids; empty: every running container (every container with `all`), as they come and go. */
  containers: readonly string[];
  all: boolean;
  /** False: one sample, then the end (`--no-stream`). */
  stream: boolean;
  intervalMs: number;
  signal: AbortSignal;
}

/** What sampling reads. */
export interface StatsSource {
  manager: ContainerManager;
  cgroups: CgroupDriver;
}

/** The wait before the first sample: the CPU share needs two readings. */
const primeMs = 500;

async function hostReading(): Promise<{ systemCpuNs: number } & HostFacts> {
  const [stat, meminfo] = await Promise.all([
    fs.readFile('/proc/stat', 'utf8'),
    fs.readFile('/proc/meminfo', 'utf8'),
  ]);
  return { ...parseProcStat(stat), memTotalBytes: parseMemTotal(meminfo) };
}

/** What a container that does not run shows: zeros everywhere (docker). */
const stoppedView: StatsView = {
  cpuPercent: 0,
  memoryUsageBytes: 0,
  memoryLimitBytes: 0,
  memoryPercent: 0,
  netRxBytes: 0,
  netTxBytes: 0,
  blockReadBytes: 0,
  blockWriteBytes: 0,
  pidsCurrent: 0,
};

/** Reads one container; undefined when it does not run (it has no cgroup then). */
async function readContainer(
  src: StatsSource,
  rec: ContainerRecord,
  systemCpuNs: number,
): Promise<StatsReading | undefined> {
  if (rec.state.status !== 'running' && rec.state.status !== 'paused') return undefined;
  const cgroup = await src.cgroups
    .readStats(src.manager.cgroupsPath(rec.id))
    .catch(() => zeroCgroupStats);
  // The host's interfaces are not the container's: docker shows none for --network host.
  const net =
    rec.spec.networkMode === 'host' || rec.state.pid <= 0
      ? { rxBytes: 0, txBytes: 0 }
      : parseNetDev(
          await fs.readFile(`/proc/${String(rec.state.pid)}/net/dev`, 'utf8').catch(() => ''),
        );
  return { cgroup, netRxBytes: net.rxBytes, netTxBytes: net.txBytes, systemCpuNs };
}

/**
 * Checks the query and resolves its named containers.
 *
 * @throws {NotFoundError} CONTAINER_NOT_FOUND for a name that matches no container.
 * @throws {InvalidArgumentError} for an interval out of bounds or too many containers.
 */
function resolveNamed(src: StatsSource, q: StatsQuery): string[] {
  if (q.stream && (q.intervalMs < statsIntervalMinMs || q.intervalMs > statsIntervalMaxMs)) {
    throw new InvalidArgumentError(
      `Invalid stats interval ${String(q.intervalMs)} ms: use ${String(statsIntervalMinMs)} to ${String(statsIntervalMaxMs)} ms`,
      { details: { field: 'interval_ms' } },
    );
  }
  if (q.containers.length > statsMaxContainers) {
    throw new InvalidArgumentError(
      `Too many containers for stats: ${String(q.containers.length)}, at most ${String(statsMaxContainers)}`,
      { details: { field: 'containers' } },
    );
  }
  return q.containers.map((ref) => src.manager.get(ref).id);
}

/** The containers of this round: the named ones still there, or every (running) one. */
function current(src: StatsSource, q: StatsQuery, named: readonly string[]): ContainerRecord[] {
  const recs = src.manager.list();
  if (named.length > 0) {
    const byId = new Map(recs.map((r) => [r.id, r]));
    return named.flatMap((id) => byId.get(id) ?? []);
  }
  const shown = recs.filter((r) => q.all || isRunning(r.state.status));
  return shown.slice(0, statsMaxContainers).reverse();
}

/**
 * Yields one list of samples per interval until `signal` aborts (once without `stream`). The
 * first comes after a short wait, so that it has a CPU share. Named containers that are removed
 * drop out; when none is left, the stream ends.
 *
 * @throws {NotFoundError} CONTAINER_NOT_FOUND for an unknown name.
 * @throws {InvalidArgumentError} for a bad interval or too many names.
 */
export async function* sampleStats(src: StatsSource, q: StatsQuery): AsyncGenerator<StatsSample[]> {
  const named = resolveNamed(src, q);
  const prev = new Map<string, StatsReading>();
  const read = async (): Promise<
    { recs: ContainerRecord[]; readings: (StatsReading | undefined)[] } & HostFacts
  > => {
    const recs = current(src, q, named);
    const h = await hostReading();
    const readings = await Promise.all(recs.map((r) => readContainer(src, r, h.systemCpuNs)));
    return { recs, readings, onlineCpus: h.onlineCpus, memTotalBytes: h.memTotalBytes };
  };
  const first = await read();
  first.recs.forEach((r, i) => {
    const reading = first.readings[i];
    if (reading !== undefined) prev.set(r.id, reading);
  });
  let wait = Math.min(primeMs, q.intervalMs);
  while (!q.signal.aborted) {
    try {
      await sleep(wait, undefined, { signal: q.signal });
    } catch {
      return;
    }
    wait = q.intervalMs;
    const now = await read();
    const at = new Date().toISOString();
    const samples = now.recs.map((rec, i) => {
      const reading = now.readings[i];
      const view =
        reading === undefined ? stoppedView : computeStats(prev.get(rec.id), reading, now);
      if (reading === undefined) prev.delete(rec.id);
      else prev.set(rec.id, reading);
      return { id: rec.id, name: rec.name, readAt: at, ...view };
    });
    for (const id of prev.keys()) if (!now.recs.some((r) => r.id === id)) prev.delete(id);
    yield samples;
    if (!q.stream || (named.length > 0 && now.recs.length === 0)) return;
  }
}
