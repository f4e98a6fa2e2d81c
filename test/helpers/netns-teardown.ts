/**
 * Removal of what a namespace cluster ({@link ./netns-cluster.ts}) puts on the host, on every
 * path out: the cluster's own `destroy()`, the test process being interrupted (SIGINT, SIGTERM,
 * SIGHUP, exit), and a later run sweeping what a killed run left behind.
 *
 * Everything a cluster creates is named `nsc<owner pid, base 36>-<cluster, base 36>-...`: the
 * namespaces, the host-side links, the comment on its host FORWARD rule and its temporary
 * directory. The owner's PID in the name tells a sweep whether the run that made it is gone.
 * The prefix deliberately does not start with `ts`, tsorch's own prefix, so a daemon under test
 * that removes its own leftovers never takes the harness's namespaces with it.
 *
 * Synchronous on purpose: the same code runs in an `exit` handler, where nothing async can.
 *
 * @module
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What one cluster holds on the host. The cluster keeps it current as it goes. */
export interface ClusterResources {
  prefix: string;
  /** Named namespaces under /run/netns. */
  netns: string[];
  /** Host-side links: the bridge and the host ends of the veth pairs. */
  links: string[];
  /** The FORWARD rule accepting bridged traffic (`iptables -A FORWARD` arguments), once added. */
  forwardRule: string[] | undefined;
  /** Processes started in the namespaces and not yet seen to exit. */
  pids: Set<number>;
  /** Directories to remove (state and run directories of the nodes). */
  dirs: string[];
}

/** Matches a harness name and captures its prefix and the owner's PID (base 36). */
const namePattern = /^(nsc([0-9a-z]+)-[0-9a-z]+)-/;

/** The prefix of this process's cluster number `k`. */
export function clusterPrefix(k: number): string {
  return `nsc${process.pid.toString(36)}-${(k % 36).toString(36)}`;
}

function quiet(file: string, args: readonly string[]): string {
  try {
    return execFileSync(file, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return '';
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // Already gone.
  }
}

/** PIDs of the processes whose network namespace is the named one. */
export function pidsInNetns(name: string): number[] {
  return quiet('ip', ['netns', 'pids', name])
    .split('\n')
    .filter((l) => /^\d+$/.test(l))
    .map(Number);
}

/**
 * Removes everything in `res`: SIGKILLs its processes (and any other process still in one of its
 * namespaces) by PID, deletes the namespaces, links and FORWARD rule, and removes the
 * directories. Each step goes on when an earlier one failed; absent things are skipped.
 */
export function teardownSync(res: ClusterResources): void {
  for (const pid of res.pids) signal(pid, 'SIGKILL');
  for (const name of res.netns) for (const pid of pidsInNetns(name)) signal(pid, 'SIGKILL');
  res.pids.clear();
  for (const name of res.netns) quiet('ip', ['netns', 'del', name]);
  for (const link of res.links) quiet('ip', ['link', 'del', link]);
  if (res.forwardRule !== undefined) quiet('iptables', ['-D', 'FORWARD', ...res.forwardRule]);
  res.forwardRule = undefined;
  for (const dir of res.dirs) rmSync(dir, { recursive: true, force: true });
}

/** Whether a process with this PID exists and is not a zombie waiting to be reaped. */
export function pidAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 3, after the parenthesised command name (which may hold spaces), is the state.
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** Everything on the host named like a harness resource, grouped by prefix. */
export function listHarnessResources(): Map<string, ClusterResources> {
  const found = new Map<string, ClusterResources>();
  const entry = (prefix: string): ClusterResources => {
    let r = found.get(prefix);
    if (r === undefined) {
      r = { prefix, netns: [], links: [], forwardRule: undefined, pids: new Set(), dirs: [] };
      found.set(prefix, r);
    }
    return r;
  };
  // `ip netns list` prints `NAME` or `NAME (id: N)` per line.
  for (const name of quiet('ip', ['netns', 'list'])
    .split('\n')
    .map((l) => l.split(' ')[0] ?? '')) {
    const m = namePattern.exec(name);
    if (m?.[1] !== undefined) entry(m[1]).netns.push(name);
  }
  // `ip -o link show` prints `IDX: NAME[@PEER]: <FLAGS> ...` per line.
  for (const line of quiet('ip', ['-o', 'link', 'show']).split('\n')) {
    const name = /^\d+: ([^:@\s]+)/.exec(line)?.[1] ?? '';
    const m = namePattern.exec(name);
    if (m?.[1] !== undefined) entry(m[1]).links.push(name);
  }
  for (const line of quiet('iptables', ['-S', 'FORWARD']).split('\n')) {
    const m = /--comment "?(nsc[0-9a-z]+-[0-9a-z]+)"?/.exec(line);
    if (m?.[1] === undefined || !line.startsWith('-A FORWARD ')) continue;
    entry(m[1]).forwardRule = line.slice('-A FORWARD '.length).replaceAll('"', '').split(' ');
  }
  for (const name of readdirSync(tmpdir())) {
    const m = namePattern.exec(name);
    if (m?.[1] !== undefined) entry(m[1]).dirs.push(join(tmpdir(), name));
  }
  return found;
}

/** The PID of the process that created a prefix. */
export function ownerPid(prefix: string): number {
  return parseInt(prefix.slice(3, prefix.indexOf('-')), 36);
}

/**
 * Removes the leftovers of harness runs whose process is gone (a run killed with SIGKILL has no
 * chance to clean up). Resources of live runs, this one included, are left alone. Returns the
 * prefixes removed.
 */
export function sweepLeftovers(isAlive: (pid: number) => boolean = pidAlive): string[] {
  const removed: string[] = [];
  for (const [prefix, res] of listHarnessResources()) {
    const owner = ownerPid(prefix);
    if (owner === process.pid || isAlive(owner)) continue;
    teardownSync(res);
    removed.push(prefix);
  }
  return removed;
}

const live = new Set<ClusterResources>();
let handlersInstalled = false;

function teardownLive(): void {
  for (const res of live) teardownSync(res);
  live.clear();
}

/**
 * Tracks `res` until {@link untrack}: if this process exits or is interrupted first, it is torn
 * down synchronously on the way out.
 */
export function track(res: ClusterResources): void {
  live.add(res);
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', teardownLive);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      teardownLive();
      // With no other listener, die of the signal as the process would have without us.
      if (process.listenerCount(sig) === 0) process.kill(process.pid, sig);
    });
  }
}

/** Stops tracking `res` (it was torn down the ordinary way). */
export function untrack(res: ClusterResources): void {
  live.delete(res);
}
