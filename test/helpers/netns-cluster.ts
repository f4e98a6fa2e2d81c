/**
 * A cluster of nodes on this machine, each in its own network namespace with its own address on
 * a test bridge and its own state and run directories, with faults to inject: kill -9, restart,
 * SIGSTOP/SIGCONT, partitions (both ways and one way) and heal. Used by the Raft fault tests,
 * the cluster tests of the daemon and bench/raft-failover.
 *
 * ```ts
 * const cluster = await createNetnsCluster({ nodes: 3 });
 * cleanup.push(() => cluster.destroy());
 * await Promise.all(cluster.nodes.map((n) => n.start(specFor(n))));
 * await cluster.partition([cluster.node(1)], [cluster.node(2), cluster.node(3)]);
 * await cluster.heal();
 * ```
 *
 * Layout: a bridge `<prefix>-br` in the host namespace holding `10.213.S.1/24` (S picked free
 * per cluster), and node i in namespace `<prefix>-n<i>` with `eth0` at `10.213.S.(10+i)/24`
 * (veth, host end `<prefix>-v<i>`), loopback up. Processes run as `nsenter --net=PATH -- cmd`:
 * only the network namespace changes (`ip netns exec` would remount /sys and hide the cgroup
 * hierarchy a daemon needs), and nsenter execs the command, so the PID spawned is the node's
 * process and every signal goes to it by PID. Faults are iptables rules inside the namespaces
 * ({@link ./netns-faults.ts}, ADR 026); the host gets one FORWARD rule accepting traffic
 * bridged between the nodes (br_netfilter makes bridged frames cross FORWARD, whose policy is
 * DROP where Docker runs).
 *
 * Every resource is recorded before it is created and removed by `destroy()`, also when the test
 * process is interrupted, and by {@link sweepLeftovers} (run at every creation) when an earlier
 * run was killed (./netns-teardown.ts). Needs root and iproute2, iptables, nsenter.
 *
 * @module
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { statSync } from 'node:fs';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HostNet, namedNetnsPath, processRunner } from '../../src/net/index.js';
import {
  faultRestoreScript,
  faultRules,
  faultSetupScript,
  partitionCuts,
  type Cut,
} from './netns-faults.js';
import {
  clusterPrefix,
  sweepLeftovers,
  teardownSync,
  track,
  untrack,
  type ClusterResources,
} from './netns-teardown.js';

/** Most nodes one cluster may have (names stay within the 15-character link name limit). */
export const netnsClusterMaxNodes = 9;

/** First two octets of the test subnets; the third is picked free per cluster. */
const subnetBase = '10.213';

/** Output kept per node (the tail), so a chatty process cannot grow the test's memory. */
const outputMaxChars = 256 * 1024;

/** Bound on waiting for a signalled process to exit. */
const exitWaitMs = 10_000;

/** How to run a node's process. */
export interface ProcessSpec {
  command: string;
  args: readonly string[];
  /** Added to the test process's environment. */
  env?: Readonly<Record<string, string>>;
  cwd?: string;
  /** Ready once a line of this launch's output (stdout or stderr) matches. */
  readyLine?: RegExp;
  /** Ready once this resolves true (polled); with `readyLine`, both must hold. */
  readyProbe?: () => boolean | Promise<boolean>;
  /** Default 30 s. */
  readyTimeoutMs?: number;
  /**
   * At `stop()` and `destroy()`, SIGTERM first and SIGKILL after this many ms, for processes
   * that release host state on the way out (daemons). Default 0: SIGKILL at once.
   */
  stopGraceMs?: number;
}

/** Options of {@link createNetnsCluster}. */
export interface NetnsClusterOptions {
  /** Number of nodes, 1 to {@link netnsClusterMaxNodes}. */
  nodes: number;
}

let clustersMade = 0;

/**
 * Creates the bridge, the namespaces and their links, after sweeping what killed earlier runs
 * left. Half-made clusters are torn down before the error is thrown.
 *
 * @throws {Error} when not root, a tool is missing, or the host refuses a change.
 */
export async function createNetnsCluster(options: NetnsClusterOptions): Promise<NetnsCluster> {
  const n = options.nodes;
  if (!Number.isInteger(n) || n < 1 || n > netnsClusterMaxNodes) {
    throw new Error(`Invalid node count ${n}: expected 1 to ${netnsClusterMaxNodes}`);
  }
  if (process.getuid?.() !== 0) throw new Error('A namespace cluster needs root');
  sweepLeftovers();
  const prefix = clusterPrefix(clustersMade++);
  const res: ClusterResources = {
    prefix,
    netns: [],
    links: [],
    forwardRule: undefined,
    pids: new Set(),
    dirs: [],
  };
  track(res);
  try {
    return await build(res, n);
  } catch (err) {
    teardownSync(res);
    untrack(res);
    throw err;
  }
}

async function build(res: ClusterResources, n: number): Promise<NetnsCluster> {
  const net = new HostNet({ chainPrefix: res.prefix.toUpperCase() });
  const baseDir = await mkdtemp(join(tmpdir(), `${res.prefix}-`));
  res.dirs.push(baseDir);
  const third = await freeThirdOctet();
  const subnet = `${subnetBase}.${third}`;
  const bridge = `${res.prefix}-br`;
  res.links.push(bridge);
  await net.createBridge({ name: bridge, address: `${subnet}.1/24`, mtu: 1500 });
  res.forwardRule = ['-i', bridge, '-o', bridge, '-m', 'comment', '--comment', res.prefix];
  res.forwardRule.push('-j', 'ACCEPT');
  await processRunner.run('iptables', ['-I', 'FORWARD', '1', ...res.forwardRule]);
  const nodes: ClusterNode[] = [];
  for (let i = 1; i <= n; i++) {
    const name = `${res.prefix}-n${i}`;
    const hostEnd = `${res.prefix}-v${i}`;
    res.netns.push(name);
    res.links.push(hostEnd);
    const netnsPath = await net.createNetns(name);
    const address = `${subnet}.${10 + i}`;
    await net.attachVeth({ hostName: hostEnd, netnsPath, bridge, address: `${address}/24` });
    await processRunner.run('nsenter', [`--net=${netnsPath}`, '--', 'iptables-restore', '-n'], {
      stdin: faultSetupScript(),
    });
    const dir = join(baseDir, `n${i}`);
    await mkdir(join(dir, 'state'), { recursive: true, mode: 0o700 });
    await mkdir(join(dir, 'run'), { recursive: true, mode: 0o700 });
    nodes.push(new ClusterNode(res, i, name, netnsPath, address, dir));
  }
  return new NetnsCluster(res, nodes, bridge, `${subnet}.1`, baseDir);
}

/** A third octet of 10.213.S.0/24 that no route or address of the host uses yet. */
async function freeThirdOctet(): Promise<number> {
  const routes = await processRunner.run('ip', ['-4', 'route', 'show', 'table', 'all']);
  const used = new Set<number>();
  for (const m of routes.matchAll(/\b10\.213\.(\d+)\./g)) used.add(Number(m[1]));
  const start = (process.pid + clustersMade * 7) % 250;
  for (let i = 0; i < 250; i++) {
    const third = ((start + i) % 250) + 1;
    if (!used.has(third)) return third;
  }
  throw new Error(`No free /24 left in ${subnetBase}.0.0/16 for a test cluster`);
}

/** A cluster made by {@link createNetnsCluster}. */
export class NetnsCluster {
  #cuts: Cut[] = [];
  #destroyed = false;

  /** @internal */
  constructor(
    private readonly res: ClusterResources,
    /** The nodes, in order: `nodes[0]` is node 1. */
    readonly nodes: readonly ClusterNode[],
    /** The bridge in the host namespace. */
    readonly bridge: string,
    /** The host's address on the bridge: the test process reaches the nodes from it. */
    readonly hostAddress: string,
    /** Parent of every node's directories. */
    readonly baseDir: string,
  ) {}

  /** The name prefix of everything this cluster made. */
  get prefix(): string {
    return this.res.prefix;
  }

  /** Node `i` (1-based). */
  node(i: number): ClusterNode {
    const node = this.nodes[i - 1];
    if (node === undefined) throw new Error(`No node ${i} in a cluster of ${this.nodes.length}`);
    return node;
  }

  /** The cuts in force. */
  get cuts(): readonly Cut[] {
    return this.#cuts;
  }

  /** Drops all traffic both ways between every node of `a` and every node of `b`. */
  partition(a: readonly ClusterNode[], b: readonly ClusterNode[]): Promise<void> {
    return this.#add(
      partitionCuts(
        a.map((x) => x.address),
        b.map((x) => x.address),
      ),
    );
  }

  /** Partitions `node` from every other node (the host still reaches it). */
  isolate(node: ClusterNode): Promise<void> {
    return this.partition(
      [node],
      this.nodes.filter((x) => x !== node),
    );
  }

  /**
   * One-way cut: what `from` opens towards `to` (connections, datagrams) is dropped, while `to`
   * still reaches `from` (see ./netns-faults.ts for why this is the one-way cut that means
   * something for TCP).
   */
  cutOneWay(from: ClusterNode, to: ClusterNode): Promise<void> {
    return this.#add([{ from: from.address, to: to.address, mode: 'originated' }]);
  }

  /** Removes every cut. */
  heal(): Promise<void> {
    this.#cuts = [];
    return this.#apply();
  }

  async #add(cuts: readonly Cut[]): Promise<void> {
    this.#cuts = [...this.#cuts, ...cuts];
    await this.#apply();
  }

  async #apply(): Promise<void> {
    for (const node of this.nodes) {
      const rules = faultRules(node.address, this.#cuts);
      await node.execInNetns('iptables-restore', ['--noflush'], faultRestoreScript(rules));
    }
  }

  /**
   * Stops every process (SIGTERM first for those whose spec has a grace period, SIGKILL for the
   * rest, by PID) and removes the namespaces, links, FORWARD rule and directories. Idempotent.
   */
  async destroy(): Promise<void> {
    if (this.#destroyed) return;
    this.#destroyed = true;
    try {
      await Promise.all(this.nodes.map((node) => node.stop()));
    } finally {
      teardownSync(this.res);
      untrack(this.res);
    }
  }
}

/** One node of a {@link NetnsCluster}: its namespace, address, directories and process. */
export class ClusterNode {
  #child: ChildProcess | undefined;
  #exited: Promise<void> = Promise.resolve();
  #spec: ProcessSpec | undefined;
  #output = '';
  #launchOffset = 0;
  #paused = false;

  /** @internal */
  constructor(
    private readonly res: ClusterResources,
    /** 1-based position in the cluster. */
    readonly index: number,
    /** The namespace's name (under /run/netns). */
    readonly netnsName: string,
    /** `/run/netns/<name>`: for `nsenter --net=`. */
    readonly netnsPath: string,
    /** The node's IPv4 address on the bridge. */
    readonly address: string,
    /** The node's own directory, holding `state/` and `run/`. */
    readonly dir: string,
  ) {}

  /** Persistent state directory (a daemon's `--root`, a Raft member's `--data`). */
  get stateDir(): string {
    return join(this.dir, 'state');
  }

  /** Runtime directory (a daemon's `--run`: socket, pid file). */
  get runDir(): string {
    return join(this.dir, 'run');
  }

  /** PID of the running process, if any. */
  get pid(): number | undefined {
    return this.running ? this.#child?.pid : undefined;
  }

  /** Whether the process runs (a paused one counts as running). */
  get running(): boolean {
    const c = this.#child;
    return c !== undefined && c.exitCode === null && c.signalCode === null;
  }

  /** Whether the process is stopped by {@link pause}. */
  get paused(): boolean {
    return this.running && this.#paused;
  }

  /** Everything the node's processes printed, stdout and stderr interleaved (the tail). */
  output(): string {
    return this.#output;
  }

  /**
   * Starts `spec` in the namespace and waits until it is ready (bounded).
   *
   * @throws {Error} when a process already runs, or it exits or is not ready in time (with its
   *   output).
   */
  async start(spec: ProcessSpec): Promise<void> {
    if (this.running) throw new Error(`Node ${this.index} already runs PID ${this.#child?.pid}`);
    this.#spec = spec;
    this.#launchOffset = this.#output.length;
    this.#paused = false;
    const child = spawn('nsenter', [`--net=${this.netnsPath}`, '--', spec.command, ...spec.args], {
      cwd: spec.cwd,
      env: { ...process.env, ...spec.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const pid = child.pid;
    if (pid === undefined) {
      // Spawning failed (nsenter missing, ...): no process, and no 'exit' will come.
      const err = await new Promise<Error>((resolve) => child.once('error', resolve));
      throw new Error(`Node ${this.index}: cannot start "${spec.command}": ${err.message}`);
    }
    this.#child = child;
    this.res.pids.add(pid);
    this.#exited = new Promise((resolve) => {
      // 'exit', not 'close': a grandchild holding the pipes must not hide the exit.
      child.once('exit', () => {
        this.res.pids.delete(pid);
        resolve();
      });
    });
    const append = (d: Buffer): void => {
      this.#output += d.toString();
      if (this.#output.length > outputMaxChars) {
        const cut = this.#output.length - outputMaxChars;
        this.#output = this.#output.slice(cut);
        this.#launchOffset = Math.max(0, this.#launchOffset - cut);
      }
    };
    child.stdout.on('data', append);
    child.stderr.on('data', append);
    child.on('error', (err) => append(Buffer.from(`spawn error: ${err.message}\n`)));
    await this.#waitReady(spec);
    this.#checkNamespace();
  }

  /** Starts the last spec again (after {@link kill9} or {@link stop}), on the same directories. */
  async restart(): Promise<void> {
    if (this.#spec === undefined) throw new Error(`Node ${this.index} was never started`);
    await this.start(this.#spec);
  }

  /** SIGKILLs the process by PID and waits for it to exit. */
  kill9(): Promise<void> {
    return this.#signalAndWait('SIGKILL');
  }

  /** Stops the process by PID (SIGTERM, then SIGKILL after the spec's grace) and waits for it. */
  async stop(): Promise<void> {
    const grace = this.#spec?.stopGraceMs ?? 0;
    if (!this.running) return;
    if (grace === 0) return this.kill9();
    this.#signal('SIGCONT');
    const pid = this.#child?.pid;
    this.#signal('SIGTERM');
    const timer = setTimeout(() => pid !== undefined && sendSignal(pid, 'SIGKILL'), grace);
    try {
      await this.#waitExit(grace + exitWaitMs);
    } finally {
      clearTimeout(timer);
    }
  }

  /** SIGSTOPs the process (by PID): it holds its sockets but answers nothing. */
  pause(): void {
    if (!this.running) throw new Error(`Node ${this.index} runs no process to pause`);
    this.#signal('SIGSTOP');
    this.#paused = true;
  }

  /** SIGCONTs a paused process. */
  resume(): void {
    if (!this.running) throw new Error(`Node ${this.index} runs no process to resume`);
    this.#signal('SIGCONT');
    this.#paused = false;
  }

  /**
   * Runs a short command inside the namespace (bounded by the network tools' timeout) and
   * returns its stdout.
   *
   * @throws {NetError} when it fails.
   */
  execInNetns(file: string, args: readonly string[], stdin?: string): Promise<string> {
    return processRunner.run('nsenter', [`--net=${this.netnsPath}`, '--', file, ...args], {
      stdin,
    });
  }

  async #signalAndWait(sig: NodeJS.Signals): Promise<void> {
    if (!this.running) return;
    this.#signal(sig);
    await this.#waitExit(exitWaitMs);
  }

  #signal(sig: NodeJS.Signals): void {
    const pid = this.#child?.pid;
    if (pid !== undefined && this.running) sendSignal(pid, sig);
  }

  async #waitExit(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(
          new Error(`Node ${this.index} PID ${this.#child?.pid} did not exit in ${timeoutMs} ms`),
        );
      }, timeoutMs);
    });
    try {
      await Promise.race([this.#exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async #waitReady(spec: ProcessSpec): Promise<void> {
    const timeoutMs = spec.readyTimeoutMs ?? 30_000;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!this.running) {
        await this.#exited;
        throw new Error(
          `Node ${this.index}: "${spec.command}" exited before it was ready:\n${this.#launchOutput()}`,
        );
      }
      const lineOk = spec.readyLine === undefined || spec.readyLine.test(this.#launchOutput());
      if (lineOk && (spec.readyProbe === undefined || (await spec.readyProbe()))) return;
      if (Date.now() > deadline) {
        await this.kill9();
        throw new Error(
          `Node ${this.index}: "${spec.command}" not ready after ${timeoutMs} ms:\n${this.#launchOutput()}`,
        );
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  #launchOutput(): string {
    return this.#output.slice(this.#launchOffset);
  }

  /** Asserts the process really lives in this node's namespace (nsenter exec'd into it). */
  #checkNamespace(): void {
    const pid = this.#child?.pid;
    if (pid === undefined) return;
    const inside = statSync(`/proc/${pid}/ns/net`).ino;
    if (inside !== statSync(namedNetnsPath(this.netnsName)).ino) {
      throw new Error(`Node ${this.index}: PID ${pid} is not in namespace "${this.netnsName}"`);
    }
  }
}

function sendSignal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // It exited meanwhile.
  }
}

/** Whether a TCP connection to `host:port` opens within `timeoutMs` (a readiness probe). */
export function tcpOpens(host: string, port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: timeoutMs });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });
}
