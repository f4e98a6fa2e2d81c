/**
 * A node's local networks: the predefined `bridge`, `none` and `host`, user-defined bridge
 * networks, and the containers attached to them. It owns the node's IPAM (the pure one from
 * src/net, over local pools that avoid the host's routes), the records under
 * `<root>/networks/`, the drivers, and the node's iptables chains (rewritten whole after each
 * change, so they never hold a duplicate).
 *
 * Lifetimes (ADR 022): a container's namespace and endpoints are made when it is created and
 * removed when it is removed; a stopped container keeps them. At start, {@link reconcile} makes
 * the kernel match the records: bridges and namespaces a reboot lost are made again, what
 * belongs to containers that no longer exist is removed.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import {
  createIpam,
  firstOverlap,
  namedNetnsPath,
  type HostNet,
  type Ipam,
  type RuleNetwork,
} from '../../net/index.js';
import { ConflictError, InvalidArgumentError, TsorchError } from '../../util/errors.js';
import { containerNetworksMax, localNetworksMax } from '../../util/limits.js';
import type { Logger } from '../../util/log.js';
import { BridgeDriver } from './bridge-driver.js';
import { OverlayDriver } from './overlay-driver.js';
import { checkDriverOptions, checkNetworkName, type CreateNetworkRequest } from './config.js';
import {
  hostIfNameOf,
  macOf,
  netnsNameOf,
  overlayBridgeNameOf,
  overlayVxlanNameOf,
} from './names.js';
import { checkPortConflicts, parsePublish } from './ports.js';
import { chooseHostPorts } from './port-probe.js';
import { NetworkFiles } from './store.js';
import type {
  EndpointRecord,
  NetworkAttachRequest,
  NetworkDriver,
  NetworkRecord,
  PortMapping,
  SandboxRecord,
} from './types.js';

/**
 * Local pools: Docker's ranges (172.17-31, 192.168), but in /20s (4,094 addresses each) after
 * the default bridge's 172.17.0.0/16: 240 networks, where Docker's /16s stop at 31. Subnets
 * the host routes are skipped.
 */
const localPools = [
  { base: '172.17.0.0/16', subnetPrefixLength: 16 },
  { base: '172.18.0.0/15', subnetPrefixLength: 20 },
  { base: '172.20.0.0/14', subnetPrefixLength: 20 },
  { base: '172.24.0.0/13', subnetPrefixLength: 20 },
  { base: '192.168.0.0/16', subnetPrefixLength: 20 },
];

/** Options of {@link NetworkManager.open}. */
export interface NetworkManagerOptions {
  root: string;
  net: HostNet;
  log: Logger;
  /** The default network's bridge (`tsorch0` for the default root). */
  defaultBridge: string;
  /** A block tried before the local pools (a /16 cut into /16: one subnet). */
  firstPool?: string | undefined;
  /** Called after a change of a network's endpoints (the DNS resolver's table). */
  onChange?: () => void;
}

/** A network as `network ls` and `inspect` show it. */
export interface NetworkView extends NetworkRecord {
  containers: { id: string; name: string; address: string; mac: string; aliases: string[] }[];
}

/** A container as the network manager needs it. */
export interface ContainerRef {
  id: string;
  name: string;
  hostname: string;
}

/** One node's networks. Every mutation runs one at a time. */
export class NetworkManager {
  private readonly networks = new Map<string, NetworkRecord>();
  private readonly sandboxes = new Map<string, SandboxRecord>();
  private readonly files: NetworkFiles;
  private readonly drivers: Map<string, NetworkDriver>;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly o: NetworkManagerOptions,
    private readonly ipam: Ipam,
  ) {
    this.files = new NetworkFiles(o.root);
    const bridge = new BridgeDriver(o.net);
    const overlay = new OverlayDriver(o.net, bridge);
    this.drivers = new Map<string, NetworkDriver>([
      [bridge.name, bridge],
      [overlay.name, overlay],
    ]);
  }

  /**
   * Loads the records, rebuilds the IPAM, and creates the predefined networks the first time.
   * Call {@link reconcile} once the containers are loaded.
   */
  static async open(o: NetworkManagerOptions): Promise<NetworkManager> {
    const avoid = await o.net.listRoutes().catch(() => []);
    const files = new NetworkFiles(o.root);
    const warn = (file: string, err: unknown): void => {
      o.log.warn('skipping an unreadable network record', { file, err });
    };
    const nets = await files.loadNetworks(warn);
    const own = new Set(nets.flatMap((n) => (n.subnet === undefined ? [] : [n.subnet])));
    // The node's own bridges are among the host's routes: they are not in the way of themselves.
    const pools =
      o.firstPool === undefined
        ? localPools
        : [{ base: o.firstPool, subnetPrefixLength: 16 }, ...localPools];
    const ipam = createIpam({ pools, avoid: avoid.filter((r) => !own.has(r)) });
    const m = new NetworkManager(o, ipam);
    for (const n of nets) {
      if (n.subnet !== undefined && n.gateway !== undefined) {
        const r = ipam.restoreNetwork(ipamNetwork(n), { subnet: n.subnet, gateway: n.gateway });
        if (!r.ok) o.log.warn('network record conflicts with another', { issue: r.issue });
      }
      m.networks.set(n.id, n);
    }
    for (const sb of await files.loadSandboxes(warn)) {
      for (const ep of sb.endpoints) {
        const r = ipam.restoreTaskAddress(sb.containerId, {
          networkId: ep.networkId,
          addr: ep.address,
        });
        if (!r.ok) o.log.warn('endpoint record conflicts', { issue: r.issue });
      }
      m.sandboxes.set(sb.containerId, sb);
    }
    ipam.settle();
    await m.predefine();
    return m;
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async predefine(): Promise<void> {
    const byName = (name: string): NetworkRecord | undefined =>
      [...this.networks.values()].find((n) => n.name === name);
    for (const [name, driver] of [
      ['none', 'null'],
      ['host', 'host'],
    ] as const) {
      if (byName(name) !== undefined) continue;
      const rec = baseRecord(name, driver, {});
      rec.predefined = true;
      this.networks.set(rec.id, rec);
      await this.files.saveNetwork(rec);
    }
    if (byName('bridge') === undefined) {
      await this.createBridgeNetwork({ name: 'bridge' }, this.o.defaultBridge, true);
    }
  }

  /** Every network, by name. */
  list(): NetworkView[] {
    return [...this.networks.values()]
      .map((n) => this.view(n))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /**
   * A network by name, id or unique id prefix.
   *
   * @throws {TsorchError} NET_NOT_FOUND
   */
  get(ref: string): NetworkView {
    return this.view(this.find(ref));
  }

  private find(ref: string): NetworkRecord {
    const all = [...this.networks.values()];
    const exact = all.find((n) => n.name === ref || n.id === ref);
    if (exact !== undefined) return exact;
    const prefixed = ref.length >= 1 ? all.filter((n) => n.id.startsWith(ref)) : [];
    if (prefixed.length === 1 && prefixed[0] !== undefined) return prefixed[0];
    throw new TsorchError('NET_NOT_FOUND', `Network "${ref}" not found`, {
      details: { network: ref },
      hint: 'List networks with: tsorch network ls',
    });
  }

  private view(n: NetworkRecord): NetworkView {
    const containers: NetworkView['containers'] = [];
    for (const sb of this.sandboxes.values()) {
      for (const ep of sb.endpoints) {
        if (ep.networkId !== n.id) continue;
        containers.push({
          id: sb.containerId,
          name: sb.containerName,
          address: ep.address,
          mac: ep.mac,
          aliases: ep.aliases,
        });
      }
    }
    return { ...n, containers };
  }

  /**
   * Creates a bridge network: its subnet (given, or the first free one of the local pools), its
   * bridge, and the rules.
   *
   * @throws {InvalidArgumentError} for a bad name, driver, option, subnet or gateway.
   * @throws {ConflictError} ALREADY_EXISTS when the name is taken.
   */
  create(req: CreateNetworkRequest): Promise<NetworkRecord> {
    checkNetworkName(req.name);
    checkDriverOptions(req);
    return this.serial(async () => {
      const rec = await this.createBridgeNetwork(req, undefined, false);
      return rec;
    });
  }

  private async createBridgeNetwork(
    req: CreateNetworkRequest,
    bridgeName: string | undefined,
    predefined: boolean,
  ): Promise<NetworkRecord> {
    const { mtu } = checkDriverOptions(req);
    if ([...this.networks.values()].some((n) => n.name === req.name)) {
      throw new ConflictError(`Network "${req.name}" already exists`, {
        code: 'ALREADY_EXISTS',
        details: { field: 'name' },
      });
    }
    if (this.networks.size >= localNetworksMax) {
      throw new TsorchError(
        'FAILED_PRECONDITION',
        `Cannot create network "${req.name}": this node holds ${localNetworksMax} networks already`,
      );
    }
    const rec = baseRecord(req.name, 'bridge', req);
    rec.predefined = predefined;
    rec.bridge = bridgeName ?? `tsb${rec.id.slice(0, 12)}`;
    if (mtu !== undefined) rec.mtu = mtu;
    const r = this.ipam.allocateNetwork({
      id: rec.id,
      spec: {
        name: rec.name,
        driver: 'bridge',
        ipam:
          req.subnet === undefined
            ? []
            : [{ subnet: req.subnet, gateway: req.gateway, ipRange: req.ipRange }],
      },
    });
    if (!r.ok) {
      const code =
        r.issue.code === 'pool_exhausted'
          ? 'FAILED_PRECONDITION'
          : r.issue.code === 'subnet_overlap'
            ? 'NET_ADDRESS_CONFLICT'
            : 'INVALID_ARGUMENT';
      throw new TsorchError(code, r.issue.message, { details: { field: 'subnet' } });
    }
    rec.subnet = r.value.subnet;
    rec.gateway = r.value.gateway;
    if (req.ipRange !== undefined) rec.ipRange = req.ipRange;
    return this.install(rec);
  }

  /** Records `rec`, makes its kernel objects and rules; a failure leaves nothing behind. */
  private async install(rec: NetworkRecord): Promise<NetworkRecord> {
    // The record first: a crash between the two leaves a record that reconcile completes.
    await this.files.saveNetwork(rec);
    this.networks.set(rec.id, rec);
    try {
      await this.driverOf(rec).create(rec);
      await this.syncRules();
    } catch (err) {
      await this.dropNetwork(rec).catch(() => undefined);
      throw err;
    }
    this.o.onChange?.();
    return rec;
  }

  private driverOf(n: NetworkRecord): NetworkDriver {
    const d = this.drivers.get(n.driver);
    if (d === undefined) {
      throw new InvalidArgumentError(`Network "${n.name}" (driver ${n.driver}) has no endpoints`);
    }
    return d;
  }

  private async dropNetwork(n: NetworkRecord): Promise<void> {
    await this.driverOf(n).remove(n);
    this.networks.delete(n.id);
    this.ipam.releaseNetwork(n.id);
    await this.syncRules();
    await this.files.deleteNetwork(n.id);
  }

  /**
   * Removes a network that no container uses.
   *
   * @throws {TsorchError} NET_NOT_FOUND, NET_IN_USE, or FAILED_PRECONDITION for a predefined one.
   */
  remove(ref: string): Promise<void> {
    return this.serial(async () => {
      const n = this.find(ref);
      if (n.predefined) {
        throw new TsorchError(
          'FAILED_PRECONDITION',
          `Cannot remove network "${n.name}": it is a predefined network`,
        );
      }
      const users = this.view(n).containers.map((c) => c.name);
      if (users.length > 0) {
        throw new TsorchError(
          'NET_IN_USE',
          `Cannot remove network "${n.name}": containers ${users.map((u) => `"${u}"`).join(', ')} are connected to it`,
          { hint: `Disconnect them first: tsorch network disconnect ${n.name} CONTAINER` },
        );
      }
      await this.dropNetwork(n);
      this.o.onChange?.();
    });
  }

  /** Removes every user-defined network no container uses; returns their names. */
  async prune(): Promise<string[]> {
    // The node's instances of cluster networks come and go with their tasks, not by prune.
    const unused = this.list().filter(
      (n) => !n.predefined && n.driver !== 'overlay' && n.containers.length === 0,
    );
    const removed: string[] = [];
    for (const n of unused) {
      await this.remove(n.id).then(
        () => removed.push(n.name),
        () => undefined,
      );
    }
    return removed;
  }

  /** A container's sandbox, if it has one (it joined a network). */
  sandbox(containerId: string): SandboxRecord | undefined {
    return this.sandboxes.get(containerId);
  }

  /** Every sandbox (the DNS resolver's table). */
  allSandboxes(): SandboxRecord[] {
    return [...this.sandboxes.values()];
  }

  /** A network record by id (DNS). */
  network(id: string): NetworkRecord | undefined {
    return this.networks.get(id);
  }

  /** The namespace path of a container's sandbox. */
  netnsPath(sb: SandboxRecord): string {
    return namedNetnsPath(sb.netns);
  }

  /**
   * Gives a new container its namespace, one endpoint per requested network (the first one
   * `eth0`), and its published ports. Everything is checked before anything changes; a failure
   * leaves nothing behind. Returns undefined for `none` and `host`.
   *
   * @throws {TsorchError} NET_NOT_FOUND, NET_PORT_CONFLICT, NET_ADDRESS_CONFLICT.
   * @throws {InvalidArgumentError} for a bad `--ip`, `--mac-address`, alias or `-p`.
   */
  attachContainer(
    c: ContainerRef,
    requests: readonly NetworkAttachRequest[],
    publish: readonly string[],
  ): Promise<SandboxRecord | undefined> {
    return this.serial(() => this.attachNow(c, requests, publish));
  }

  private async attachNow(
    c: ContainerRef,
    requests: readonly NetworkAttachRequest[],
    publish: readonly string[],
  ): Promise<SandboxRecord | undefined> {
    const nets = requests.map((r) => this.find(r.network));
    const special = nets.find((n) => !bridged(n));
    if (special !== undefined) {
      if (nets.length > 1) {
        throw new InvalidArgumentError(
          `Invalid --network: a container on network "${special.name}" cannot join other networks`,
          { details: { field: 'network' } },
        );
      }
      if (publish.length > 0 && special.driver === 'null') {
        throw new InvalidArgumentError(
          'Invalid --publish: a container on network "none" has no ports to publish',
          { details: { field: 'publish' } },
        );
      }
      return undefined;
    }
    if (nets.length > containerNetworksMax) {
      throw new InvalidArgumentError(
        `Invalid --network: a container may join at most ${containerNetworksMax} networks`,
        { details: { field: 'network' } },
      );
    }
    const wanted = publish.flatMap((p) => parsePublish(p));
    const publishing = nets.find((n) => !n.internal);
    if (wanted.length > 0 && publishing === undefined) {
      throw new InvalidArgumentError(
        'Invalid --publish: an internal network cannot publish ports',
        { details: { field: 'publish' } },
      );
    }
    checkPortConflicts(wanted, this.takenPorts(c.id));
    const ports = await chooseHostPorts(wanted, this.takenPorts(c.id));
    const sb: SandboxRecord = {
      containerId: c.id,
      containerName: c.name,
      hostname: c.hostname,
      netns: netnsNameOf(c.id),
      endpoints: [],
      ports,
    };
    try {
      for (const [i, n] of nets.entries()) {
        const req = requests[i] ?? { network: n.id };
        sb.endpoints.push(this.allocateEndpoint(c, n, req, i));
      }
      await this.files.saveSandbox(sb);
      this.sandboxes.set(c.id, sb);
      await this.joinAll(sb, true);
      if (ports.length > 0) await this.syncRules();
    } catch (err) {
      await this.detachNow(c.id, sb).catch((e: unknown) => {
        this.o.log.warn('undoing a failed network attach failed', { id: c.id, err: e });
      });
      throw err;
    }
    this.o.onChange?.();
    return sb;
  }

  private takenPorts(except: string): { owner: string; port: PortMapping }[] {
    return [...this.sandboxes.values()]
      .filter((sb) => sb.containerId !== except)
      .flatMap((sb) => sb.ports.map((port) => ({ owner: sb.containerName, port })));
  }

  private allocateEndpoint(
    c: ContainerRef,
    n: NetworkRecord,
    req: NetworkAttachRequest,
    index: number,
  ): EndpointRecord {
    let address: string;
    if (req.ipv4Address !== undefined && req.ipv4Address !== '') {
      if (n.predefined) {
        throw new InvalidArgumentError(
          `Invalid --ip "${req.ipv4Address}": a static address needs a user-defined network, not "${n.name}"`,
          { details: { field: 'ip' } },
        );
      }
      const r = this.ipam.restoreTaskAddress(c.id, { networkId: n.id, addr: req.ipv4Address });
      if (!r.ok) {
        const conflict = r.issue.code === 'address_conflict';
        throw new TsorchError(
          conflict ? 'NET_ADDRESS_CONFLICT' : 'INVALID_ARGUMENT',
          conflict
            ? `Invalid --ip "${req.ipv4Address}": the address is in use on network "${n.name}"`
            : `Invalid --ip "${req.ipv4Address}": not a free host address of network "${n.name}" (${n.subnet ?? ''})`,
          { details: { field: 'ip' } },
        );
      }
      address = `${req.ipv4Address}/${(n.subnet ?? '/32').split('/')[1] ?? '32'}`;
    } else {
      const r = this.ipam.allocateTask(c.id, [n.id]);
      if (!r.ok) throw new TsorchError('NET_FAILED', r.issue.message);
      address = r.value[0]?.addr ?? '';
    }
    const mac = req.macAddress ?? macOf(address);
    if (!/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i.test(mac) || (parseInt(mac.slice(0, 2), 16) & 1) === 1) {
      throw new InvalidArgumentError(
        `Invalid --mac-address "${mac}": expected a unicast MAC such as 02:42:ac:11:00:02`,
        { details: { field: 'mac_address' } },
      );
    }
    const aliases = [...(req.aliases ?? [])];
    for (const a of aliases) checkAlias(a);
    return {
      networkId: n.id,
      hostIf: hostIfNameOf(c.id, index),
      ifName: `eth${index}`,
      address,
      mac: mac.toLowerCase(),
      aliases,
    };
  }

  /** Joins every endpoint; with `createNetns`, the first one's batch also makes the namespace. */
  private async joinAll(sb: SandboxRecord, createNetns: boolean): Promise<void> {
    const netnsPath = namedNetnsPath(sb.netns);
    const routed = sb.endpoints.find((ep) => this.networks.get(ep.networkId)?.internal === false);
    let create = createNetns;
    for (const ep of sb.endpoints) {
      const n = this.networks.get(ep.networkId);
      if (n === undefined) continue;
      await this.driverOf(n).join(n, ep, {
        netnsPath,
        defaultRoute: ep === routed,
        createNetns: create,
      });
      create = false;
    }
    if (create) await this.o.net.createNetns(sb.netns);
  }

  /** Removes a container's endpoints, namespace, addresses and ports (idempotent). */
  detachContainer(containerId: string): Promise<void> {
    return this.serial(async () => {
      const sb = this.sandboxes.get(containerId);
      if (sb === undefined) return;
      await this.detachNow(containerId, sb);
      this.o.onChange?.();
    });
  }

  private async detachNow(containerId: string, sb: SandboxRecord): Promise<void> {
    const hostIfs = sb.endpoints.map((ep) => ep.hostIf);
    if (hostIfs.length > 0) await this.o.net.deleteLinks(hostIfs);
    await this.o.net.deleteNetns([sb.netns]);
    this.ipam.releaseTask(containerId);
    const hadPorts = sb.ports.length > 0;
    this.sandboxes.delete(containerId);
    if (hadPorts) await this.syncRules();
    await this.files.deleteSandbox(containerId);
  }

  /**
   * Connects a container that has a sandbox to one more network (at once, running or not).
   *
   * @throws {TsorchError} NET_NOT_FOUND, FAILED_PRECONDITION (no sandbox, already connected).
   */
  connect(ref: string, c: ContainerRef, req: NetworkAttachRequest): Promise<void> {
    return this.serial(async () => {
      const n = this.find(ref);
      const sb = this.sandboxes.get(c.id);
      if (sb === undefined || !bridged(n)) {
        throw new TsorchError(
          'FAILED_PRECONDITION',
          `Cannot connect container "${c.name}" to network "${n.name}": ${sb === undefined ? 'it uses the host network or none' : `network "${n.name}" takes no endpoints`}`,
        );
      }
      if (sb.endpoints.some((ep) => ep.networkId === n.id)) {
        throw new TsorchError(
          'FAILED_PRECONDITION',
          `Cannot connect container "${c.name}" to network "${n.name}": it is connected already`,
        );
      }
      const used = new Set(sb.endpoints.map((ep) => ep.ifName));
      let index = 0;
      while (used.has(`eth${index}`)) index++;
      if (index >= containerNetworksMax) {
        throw new InvalidArgumentError(
          `Cannot connect container "${c.name}": it is on ${containerNetworksMax} networks already`,
        );
      }
      const ep = this.allocateEndpoint(c, n, req, index);
      sb.endpoints.push(ep);
      await this.files.saveSandbox(sb);
      try {
        const routed = sb.endpoints.some(
          (e) => e !== ep && this.networks.get(e.networkId)?.internal === false,
        );
        const target = {
          netnsPath: namedNetnsPath(sb.netns),
          defaultRoute: !routed && !n.internal,
        };
        await this.driverOf(n).join(n, ep, target);
      } catch (err) {
        sb.endpoints = sb.endpoints.filter((e) => e !== ep);
        this.ipam.releaseTask(c.id);
        this.restoreAddresses(sb);
        await this.files.saveSandbox(sb);
        throw err;
      }
      this.o.onChange?.();
    });
  }

  private restoreAddresses(sb: SandboxRecord): void {
    for (const ep of sb.endpoints) {
      this.ipam.restoreTaskAddress(sb.containerId, { networkId: ep.networkId, addr: ep.address });
    }
  }

  /**
   * Disconnects a container from a network.
   *
   * @throws {TsorchError} NET_NOT_FOUND, FAILED_PRECONDITION when it is not connected.
   */
  disconnect(ref: string, c: ContainerRef): Promise<void> {
    return this.serial(async () => {
      const n = this.find(ref);
      const sb = this.sandboxes.get(c.id);
      const ep = sb?.endpoints.find((e) => e.networkId === n.id);
      if (sb === undefined || ep === undefined) {
        throw new TsorchError(
          'FAILED_PRECONDITION',
          `Cannot disconnect container "${c.name}" from network "${n.name}": it is not connected to it`,
        );
      }
      await this.driverOf(n).leave(ep);
      sb.endpoints = sb.endpoints.filter((e) => e !== ep);
      this.ipam.releaseTask(c.id);
      this.restoreAddresses(sb);
      await this.files.saveSandbox(sb);
      this.o.onChange?.();
    });
  }

  /**
   * Creates this node's instance of a cluster network (overlay driver, ADR 028), or keeps the
   * one it has when it matches `spec`; one that differs and no container uses is made again.
   * The subnet is routed on the host: a subnet that overlaps a route of the host (other than
   * this node's own networks) or a local network is refused.
   *
   * @throws {TsorchError} NET_ADDRESS_CONFLICT for an overlap; FAILED_PRECONDITION when a
   *   differing instance is in use; NET_FAILED when the kernel refuses.
   */
  ensureClusterNetwork(spec: ClusterNetworkSpec): Promise<NetworkRecord> {
    return this.serial(async () => {
      const have = this.networks.get(spec.id);
      if (have !== undefined) {
        if (sameClusterNetwork(have, spec)) {
          await this.driverOf(have).create(have);
          return have;
        }
        if (this.view(have).containers.length > 0) {
          throw new TsorchError(
            'FAILED_PRECONDITION',
            `Cannot change network "${spec.name}" on this node: containers still use its old settings`,
          );
        }
        await this.dropNetwork(have);
      }
      const own = [...this.networks.values()].flatMap((n) =>
        n.subnet === undefined ? [] : [n.subnet],
      );
      const routes = (await this.o.net.listRoutes()).filter(
        (r) => firstOverlap(r, own) === undefined,
      );
      const clash = firstOverlap(spec.subnet, routes);
      if (clash !== undefined) {
        throw new TsorchError(
          'NET_ADDRESS_CONFLICT',
          `Cannot create network "${spec.name}" on this node: its subnet ${spec.subnet} overlaps the host's route to ${clash}`,
          {
            details: { network: spec.id },
            hint: 'Create the network with a subnet the hosts do not route',
          },
        );
      }
      const rec: NetworkRecord = {
        id: spec.id,
        name: spec.name,
        driver: 'overlay',
        created: new Date().toISOString(),
        internal: spec.internal,
        labels: { ...spec.labels },
        options: {},
        predefined: false,
        bridge: overlayBridgeNameOf(spec.id),
        vxlan: overlayVxlanNameOf(spec.id),
        subnet: spec.subnet,
        gateway: spec.gateway,
        mtu: spec.mtu,
        vni: spec.vni,
        dataPathPort: spec.dataPathPort,
        underlay: spec.underlay,
      };
      const r = this.ipam.restoreNetwork(ipamNetwork(rec), {
        subnet: spec.subnet,
        gateway: spec.gateway,
      });
      if (!r.ok) {
        throw new TsorchError(
          'NET_ADDRESS_CONFLICT',
          `Cannot create network "${spec.name}" on this node: ${r.issue.message}`,
          { details: { network: spec.id } },
        );
      }
      return this.install(rec);
    });
  }

  /**
   * Removes this node's instance of a cluster network when no container uses it; returns
   * whether it is gone.
   */
  removeClusterNetwork(id: string): Promise<boolean> {
    return this.serial(async () => {
      const n = this.networks.get(id);
      if (n?.driver !== 'overlay') return true;
      if (this.view(n).containers.length > 0) return false;
      await this.dropNetwork(n);
      this.o.onChange?.();
      return true;
    });
  }

  /** The node's instances of cluster networks. */
  clusterNetworks(): NetworkRecord[] {
    return [...this.networks.values()].filter((n) => n.driver === 'overlay');
  }

  /**
   * Makes the kernel match the records, once the containers are loaded: bridges are made
   * again where missing, sandboxes of containers that are gone are removed, sandboxes whose
   * namespace a reboot lost are rebuilt, and the rules are rewritten whole.
   */
  reconcile(live: ReadonlySet<string>): Promise<void> {
    return this.serial(async () => {
      for (const n of this.networks.values()) {
        if (n.driver === 'bridge' || n.driver === 'overlay') await this.driverOf(n).create(n);
      }
      const present = new Set(await this.o.net.listNetns('ts'));
      const links = new Set(await this.o.net.listLinks('ts'));
      for (const sb of [...this.sandboxes.values()]) {
        if (!live.has(sb.containerId)) {
          this.o.log.info('removing the network of a container that is gone', {
            id: sb.containerId,
          });
          await this.detachNow(sb.containerId, sb);
        } else if (!present.has(sb.netns) || sb.endpoints.some((ep) => !links.has(ep.hostIf))) {
          this.o.log.info('rebuilding the network namespace of a container', {
            id: sb.containerId,
          });
          await this.o.net.deleteLinks(sb.endpoints.map((ep) => ep.hostIf));
          await this.o.net.deleteNetns([sb.netns]);
          await this.joinAll(sb, true);
        }
      }
      await this.o.net.enableIpForwarding();
      await this.syncRules();
      this.o.onChange?.();
    });
  }

  private async syncRules(): Promise<void> {
    const rules: RuleNetwork[] = [];
    for (const n of this.networks.values()) {
      if (!bridged(n) || n.bridge === undefined || n.subnet === undefined) continue;
      const ports = [];
      for (const sb of this.sandboxes.values()) {
        const ep = sb.endpoints.find((e) => this.networks.get(e.networkId)?.internal === false);
        if (ep?.networkId !== n.id) continue;
        const containerIp = ep.address.split('/')[0] ?? '';
        for (const p of sb.ports) ports.push({ ...p, containerIp });
      }
      rules.push({ bridge: n.bridge, subnet: n.subnet, internal: n.internal, ports });
    }
    await this.o.net.applyRules(rules);
  }

  /** Removes the node's iptables chains (tests, and a node leaving for good). */
  async removeRules(): Promise<void> {
    await this.serial(() => this.o.net.removeRules());
  }
}

/** What a node needs to make its instance of a cluster network (overlay driver). */
export interface ClusterNetworkSpec {
  /** The cluster network's id. */
  id: string;
  name: string;
  /** `a.b.c.d/len`, from the manager's allocator. */
  subnet: string;
  /** Dotted quad, the same on every node. */
  gateway: string;
  vni: number;
  internal: boolean;
  labels: Record<string, string>;
  /** MTU of the bridge, the VXLAN device and the veths (underlay MTU - 50 at most). */
  mtu: number;
  /** UDP port of the VXLAN traffic. */
  dataPathPort: number;
  /** This node's underlay address. */
  underlay: string;
}

function sameClusterNetwork(n: NetworkRecord, s: ClusterNetworkSpec): boolean {
  return (
    n.driver === 'overlay' &&
    n.subnet === s.subnet &&
    n.gateway === s.gateway &&
    n.vni === s.vni &&
    n.internal === s.internal &&
    n.mtu === s.mtu &&
    n.dataPathPort === s.dataPathPort &&
    n.underlay === s.underlay
  );
}

/** Networks whose endpoints are veths on a Linux bridge of this node. */
function bridged(n: NetworkRecord): boolean {
  return n.driver === 'bridge' || n.driver === 'overlay';
}

function checkAlias(alias: string): void {
  if (!/^[a-zA-Z0-9]([a-zA-Z0-9_.-]{0,252})$/.test(alias)) {
    throw new InvalidArgumentError(
      `Invalid --network-alias "${alias}": use letters, digits, "_", "." or "-"`,
      { details: { field: 'network_alias' } },
    );
  }
}

function baseRecord(
  name: string,
  driver: NetworkRecord['driver'],
  req: Partial<CreateNetworkRequest>,
): NetworkRecord {
  return {
    id: randomBytes(32).toString('hex'),
    name,
    driver,
    created: new Date().toISOString(),
    internal: req.internal === true,
    labels: { ...(req.labels ?? {}) },
    options: { ...(req.options ?? {}) },
    predefined: false,
  };
}

function ipamNetwork(n: NetworkRecord): {
  id: string;
  spec: { name: string; driver: 'bridge'; ipam: { subnet: string; ipRange?: string }[] };
} {
  return {
    id: n.id,
    spec: {
      name: n.name,
      driver: 'bridge',
      ipam:
        n.subnet === undefined
          ? []
          : [{ subnet: n.subnet, ...(n.ipRange === undefined ? {} : { ipRange: n.ipRange }) }],
    },
  };
}
