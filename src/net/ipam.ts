/**
 * IP address management for the manager's allocator (pure, deterministic: no I/O, clock or
 * randomness; the same calls in the same order give the same addresses).
 *
 * Contract:
 * - a network gets one IPv4 subnet (given, or cut from the address pools), a gateway (given, or
 *   the first host address) and, for the overlay driver, a VXLAN network identifier;
 * - a task gets one address per network it joins and a service one VIP per network; no address is
 *   ever held by two owners, and a task's addresses are free again once {@link Ipam.releaseTask}
 *   ran (the allocator calls it when the task's observed state is terminal);
 * - expected failures (a full subnet, full pools, overlapping subnets) are returned as
 *   {@link IpamIssue} values whose message is meant for the task's or service's status;
 * - after a manager restart, {@link rebuildIpam} recreates the state from the stored objects.
 *
 * @module
 */
import { assert } from '../util/assert.js';
import {
  formatAddr,
  formatCidrAddr,
  formatSubnet,
  hostBounds,
  maxNetworkPrefixLength,
  parseAddr,
  parseCidrAddr,
  parseSubnet,
  subnetContains,
  subnetLast,
  subnetsOverlap,
  type Subnet,
} from './ipam-addr.js';
import {
  compilePools,
  defaultAddressPools,
  describePools,
  pickSubnet,
  type CompiledPool,
} from './ipam-pool.js';
import { RangeAllocator } from './ipam-range.js';
import {
  defaultVniFirst,
  fail,
  maxVni,
  type EndpointAddress,
  type IpamIssue,
  type IpamOptions,
  type IpamResult,
  type NetworkAllocation,
  type NetworkLike,
  type NetworkUsage,
} from './ipam-types.js';

interface NetworkState {
  readonly id: string;
  readonly name: string;
  readonly subnet: Subnet;
  readonly gateway: number;
  readonly addresses: RangeAllocator;
  readonly vni: number | undefined;
}

/** A network fully checked and ready to be recorded (see {@link Ipam.restoreNetwork}). */
interface NetworkPlan {
  subnet: Subnet;
  gateway: number;
  range: { first: number; last: number };
}

const gatewayOwner = 'gateway';

/** The manager's address book. Create with {@link createIpam} or {@link rebuildIpam}. */
export class Ipam {
  readonly #pools: readonly CompiledPool[];
  readonly #vnis: RangeAllocator;
  readonly #networks = new Map<string, NetworkState>();
  /** Addresses per owner (`task:ID` or `vip:ID`), for release. */
  readonly #held = new Map<string, { networkId: string; addr: number }[]>();

  readonly #avoid: readonly Subnet[];

  /** Use {@link createIpam}, which checks the options. */
  constructor(
    pools: readonly CompiledPool[],
    vniRange: { first: number; last: number },
    avoid: readonly Subnet[] = [],
  ) {
    this.#pools = pools;
    this.#avoid = avoid;
    this.#vnis = new RangeAllocator(vniRange.first, vniRange.last);
  }

  /**
   * Gives a network its subnet, gateway and (overlay) VNI. Calling it again for an allocated
   * network returns what it already has.
   */
  allocateNetwork(network: NetworkLike): IpamResult<NetworkAllocation> {
    const existing = this.#networks.get(network.id);
    if (existing !== undefined) return { ok: true, value: describe(existing) };
    const plan = this.#plan(network, undefined);
    if (!plan.ok) return plan;
    let vni: number | undefined;
    if (network.spec.driver === 'overlay') {
      vni = this.#vnis.allocate(network.id);
      if (vni === undefined) return this.#vniExhausted(network);
    }
    return { ok: true, value: describe(this.#record(network, plan.value, vni)) };
  }

  /**
   * Records a network allocated before a restart, keeping its subnet, gateway and VNI. Used by
   * {@link rebuildIpam}; issues report stored state that breaks the invariants.
   */
  restoreNetwork(
    network: NetworkLike,
    allocation: NetworkAllocation,
  ): IpamResult<NetworkAllocation> {
    const existing = this.#networks.get(network.id);
    if (existing !== undefined) return { ok: true, value: describe(existing) };
    const plan = this.#plan(network, allocation);
    if (!plan.ok) return plan;
    let { vni } = allocation;
    if (vni === undefined && network.spec.driver === 'overlay') {
      // Stored before it had one (or damaged): give it one now; the allocator sees the
      // difference between `network(id)` and the stored object and writes it back.
      vni = this.#vnis.allocate(network.id);
      if (vni === undefined) return this.#vniExhausted(network);
    } else if (vni !== undefined) {
      if (vni < this.#vnis.first || vni > this.#vnis.last) {
        return fail(
          'invalid_config',
          network.id,
          `Network "${network.spec.name}": VXLAN identifier ${vni} is outside ${this.#vnis.first}..${this.#vnis.last}`,
        );
      }
      const held = this.#vnis.reserve(vni, network.id);
      if (!held.ok) {
        return fail(
          'address_conflict',
          network.id,
          `Network "${network.spec.name}": VXLAN identifier ${vni} is already held by network "${held.heldBy}"`,
        );
      }
    }
    return { ok: true, value: describe(this.#record(network, plan.value, vni)) };
  }

  /** Frees a network's subnet and VNI; refused while tasks or VIPs still hold addresses. */
  releaseNetwork(networkId: string): IpamResult<undefined> {
    const state = this.#networks.get(networkId);
    if (state === undefined) return { ok: true, value: undefined };
    const gatewayHeld = state.addresses.ownerOf(state.gateway) === gatewayOwner;
    const endpoints = state.addresses.inUseCount - (gatewayHeld ? 1 : 0);
    if (endpoints > 0) {
      return fail(
        'network_in_use',
        networkId,
        `Network "${state.name}" still has ${endpoints} endpoint(s) with an address`,
      );
    }
    this.#networks.delete(networkId);
    if (state.vni !== undefined) this.#vnis.release(state.vni, networkId);
    return { ok: true, value: undefined };
  }

  /**
   * Gives a task one address on each network, all or nothing. A task that already holds an
   * address on a network keeps it (calls are idempotent).
   */
  allocateTask(taskId: string, networkIds: readonly string[]): IpamResult<EndpointAddress[]> {
    return this.#allocate(`task:${taskId}`, networkIds);
  }

  /** Frees every address of a task (its observed state became terminal, or it was deleted). */
  releaseTask(taskId: string): void {
    this.#release(`task:${taskId}`, undefined);
  }

  /** Gives a service one virtual IP on each network, all or nothing (idempotent). */
  allocateVips(serviceId: string, networkIds: readonly string[]): IpamResult<EndpointAddress[]> {
    return this.#allocate(`vip:${serviceId}`, networkIds);
  }

  /** Frees a service's VIPs: on the given networks, or all of them. */
  releaseVips(serviceId: string, networkIds?: readonly string[]): void {
    this.#release(`vip:${serviceId}`, networkIds === undefined ? undefined : new Set(networkIds));
  }

  /** Records an address a task held before a restart (see {@link rebuildIpam}). */
  restoreTaskAddress(taskId: string, address: EndpointAddress): IpamResult<undefined> {
    return this.#restore(`task:${taskId}`, address);
  }

  /** Records a VIP a service held before a restart (see {@link rebuildIpam}). */
  restoreVip(serviceId: string, address: EndpointAddress): IpamResult<undefined> {
    return this.#restore(`vip:${serviceId}`, address);
  }

  /**
   * Gives a node one address on each network, all or nothing (idempotent): its own address on
   * the ingress network, which the routing mesh routes replies back to (ADR 030).
   */
  allocateNode(nodeId: string, networkIds: readonly string[]): IpamResult<EndpointAddress[]> {
    return this.#allocate(`node:${nodeId}`, networkIds);
  }

  /** Frees a node's addresses: on the given networks, or all of them (the node was removed). */
  releaseNode(nodeId: string, networkIds?: readonly string[]): void {
    this.#release(`node:${nodeId}`, networkIds === undefined ? undefined : new Set(networkIds));
  }

  /** Records an address a node held before a restart (see {@link rebuildIpam}). */
  restoreNodeAddress(nodeId: string, address: EndpointAddress): IpamResult<undefined> {
    return this.#restore(`node:${nodeId}`, address);
  }

  /** What a network was given, or undefined when it has no allocation. */
  network(networkId: string): NetworkAllocation | undefined {
    const state = this.#networks.get(networkId);
    return state === undefined ? undefined : describe(state);
  }

  /** Address counts of a network, or undefined when it has no allocation. */
  usage(networkId: string): NetworkUsage | undefined {
    const state = this.#networks.get(networkId);
    if (state === undefined) return undefined;
    return { inUseCount: state.addresses.inUseCount, capacity: state.addresses.capacity };
  }

  /**
   * Moves each network's next-fit cursor past the highest address it holds, and the VNI cursor
   * past the highest VNI (after a rebuild).
   */
  settle(): void {
    const highest = new Map<string, number>();
    for (const owned of this.#held.values()) {
      for (const { networkId, addr } of owned) {
        highest.set(networkId, Math.max(addr, highest.get(networkId) ?? 0));
      }
    }
    for (const [networkId, addr] of highest) {
      this.#networks.get(networkId)?.addresses.advancePast(addr);
    }
    const vnis = [...this.#networks.values()].flatMap((n) => (n.vni === undefined ? [] : [n.vni]));
    if (vnis.length > 0) this.#vnis.advancePast(Math.max(...vnis));
  }

  #vniExhausted(network: NetworkLike): { ok: false; issue: IpamIssue } {
    return fail(
      'vni_exhausted',
      network.id,
      `Network "${network.spec.name}": no free VXLAN identifier (${this.#vnis.inUseCount} in use)`,
    );
  }

  #allocate(owner: string, networkIds: readonly string[]): IpamResult<EndpointAddress[]> {
    const given: { networkId: string; addr: number }[] = [];
    const out: EndpointAddress[] = [];
    for (const networkId of networkIds) {
      const state = this.#networks.get(networkId);
      if (state === undefined) {
        this.#undo(owner, given);
        return fail(
          'unknown_network',
          networkId,
          `Network "${networkId}" has no address allocation`,
        );
      }
      let addr = this.#held.get(owner)?.find((h) => h.networkId === networkId)?.addr;
      if (addr === undefined) {
        addr = state.addresses.allocate(owner);
        if (addr === undefined) {
          this.#undo(owner, given);
          return fail(
            'address_exhausted',
            networkId,
            `network ${state.name}: no free address in ${formatSubnet(state.subnet)} (${state.addresses.inUseCount} in use)`,
          );
        }
        given.push({ networkId, addr });
        this.#hold(owner, networkId, addr);
      }
      out.push({ networkId, addr: formatCidrAddr(addr, state.subnet) });
    }
    return { ok: true, value: out };
  }

  #undo(owner: string, given: readonly { networkId: string; addr: number }[]): void {
    const undone = new Set(given.map((g) => g.networkId));
    this.#release(owner, undone);
  }

  #release(owner: string, networkIds: ReadonlySet<string> | undefined): void {
    const owned = this.#held.get(owner);
    if (owned === undefined) return;
    const kept = owned.filter((h) => {
      if (networkIds !== undefined && !networkIds.has(h.networkId)) return true;
      this.#networks.get(h.networkId)?.addresses.release(h.addr, owner);
      return false;
    });
    if (kept.length === 0) this.#held.delete(owner);
    else this.#held.set(owner, kept);
  }

  #restore(owner: string, address: EndpointAddress): IpamResult<undefined> {
    const state = this.#networks.get(address.networkId);
    if (state === undefined) {
      return fail(
        'unknown_network',
        address.networkId,
        `Address "${address.addr}" belongs to network "${address.networkId}", which has no address allocation`,
      );
    }
    const parsed = parseCidrAddr(address.addr) ?? parseCidrAddr(`${address.addr}/32`);
    const { first, last } = { first: state.addresses.first, last: state.addresses.last };
    if (parsed === undefined || parsed.addr < first || parsed.addr > last) {
      return fail(
        'invalid_config',
        address.networkId,
        `Address "${address.addr}" is not a host address of network "${state.name}" (${formatSubnet(state.subnet)})`,
      );
    }
    if (
      this.#held
        .get(owner)
        ?.some((h) => h.networkId === address.networkId && h.addr !== parsed.addr)
    ) {
      return fail(
        'address_conflict',
        address.networkId,
        `${describeOwner(owner)} holds two addresses on network "${state.name}"`,
      );
    }
    const held = state.addresses.reserve(parsed.addr, owner);
    if (!held.ok) {
      return fail(
        'address_conflict',
        address.networkId,
        `Address "${formatAddr(parsed.addr)}" of network "${state.name}" is claimed by ${describeOwner(owner)} and ${describeOwner(held.heldBy)}`,
      );
    }
    this.#hold(owner, address.networkId, parsed.addr);
    return { ok: true, value: undefined };
  }

  #hold(owner: string, networkId: string, addr: number): void {
    const owned = this.#held.get(owner);
    if (owned === undefined) this.#held.set(owner, [{ networkId, addr }]);
    else if (!owned.some((h) => h.networkId === networkId)) owned.push({ networkId, addr });
  }

  #record(network: NetworkLike, plan: NetworkPlan, vni: number | undefined): NetworkState {
    const addresses = new RangeAllocator(plan.range.first, plan.range.last);
    if (plan.gateway >= plan.range.first && plan.gateway <= plan.range.last) {
      assert(addresses.reserve(plan.gateway, gatewayOwner).ok, 'Fresh range holds the gateway');
    }
    const state: NetworkState = {
      id: network.id,
      name: network.spec.name,
      subnet: plan.subnet,
      gateway: plan.gateway,
      addresses,
      vni,
    };
    this.#networks.set(network.id, state);
    return state;
  }

  /** Checks a network's settings (and a restored allocation) against the other networks. */
  #plan(network: NetworkLike, restored: NetworkAllocation | undefined): IpamResult<NetworkPlan> {
    const { name } = network.spec;
    const configs = network.spec.ipam;
    if (configs.length > 1) {
      return fail(
        'invalid_config',
        network.id,
        `Network "${name}": only one IPv4 subnet per network is supported, got ${configs.length}`,
      );
    }
    const config = configs[0];
    const wanted = restored?.subnet ?? config?.subnet;
    let subnet: Subnet;
    if (wanted !== undefined && wanted !== '') {
      const parsed = parseSubnet(wanted);
      if (!parsed.ok)
        return fail('invalid_config', network.id, `Network "${name}": ${parsed.reason}`);
      subnet = parsed.subnet;
      if (subnet.prefixLength > maxNetworkPrefixLength) {
        return fail(
          'invalid_config',
          network.id,
          `Network "${name}": subnet "${wanted}" is too small (at most /${maxNetworkPrefixLength})`,
        );
      }
      const clash = this.#overlapping(subnet);
      if (clash !== undefined) {
        return fail(
          'subnet_overlap',
          network.id,
          `Network "${name}": subnet "${wanted}" overlaps "${formatSubnet(clash.subnet)}" of network "${clash.name}"`,
        );
      }
    } else {
      const picked = pickSubnet(this.#pools, [
        ...Array.from(this.#networks.values(), (n) => n.subnet),
        ...this.#avoid,
      ]);
      if (picked === undefined) {
        return fail(
          'pool_exhausted',
          network.id,
          `Network "${name}": the address pools are full (${describePools(this.#pools)}, ${this.#networks.size} networks)`,
        );
      }
      subnet = picked;
    }
    return planAddresses(network, subnet, restored?.gateway ?? config?.gateway, config?.ipRange);
  }

  #overlapping(subnet: Subnet): NetworkState | undefined {
    for (const state of this.#networks.values())
      if (subnetsOverlap(state.subnet, subnet)) return state;
    return undefined;
  }
}

/**
 * Creates an empty IPAM.
 *
 * @throws {RangeError} when the options are invalid (a bad pool or VNI range is a programmer or
 *   configuration error caught when the manager starts).
 */
export function createIpam(options: IpamOptions = {}): Ipam {
  const pools = compilePools(options.pools ?? defaultAddressPools);
  if (!pools.ok) throw new RangeError(pools.reason);
  const vniRange = options.vniRange ?? { first: defaultVniFirst, last: maxVni };
  if (!(
    Number.isInteger(vniRange.first) &&
    Number.isInteger(vniRange.last) &&
    1 <= vniRange.first &&
    vniRange.first <= vniRange.last &&
    vniRange.last <= maxVni
  )) {
    throw new RangeError(
      `Invalid VXLAN identifier range ${vniRange.first}..${vniRange.last}: must lie within 1..${maxVni}`,
    );
  }
  const avoid = (options.avoid ?? []).map((text) => {
    const parsed = parseSubnet(text);
    if (!parsed.ok) throw new RangeError(`Invalid subnet to avoid: ${parsed.reason}`);
    return parsed.subnet;
  });
  return new Ipam(pools.pools, vniRange, avoid);
}

function planAddresses(
  network: NetworkLike,
  subnet: Subnet,
  gatewayText: string | undefined,
  ipRangeText: string | undefined,
): IpamResult<NetworkPlan> {
  const { name } = network.spec;
  const hosts = hostBounds(subnet);
  let gateway = hosts.first;
  if (gatewayText !== undefined && gatewayText !== '') {
    const parsed = parseAddr(gatewayText);
    if (parsed === undefined || parsed < hosts.first || parsed > hosts.last) {
      return fail(
        'invalid_config',
        network.id,
        `Network "${name}": gateway "${gatewayText}" is not a host address of "${formatSubnet(subnet)}"`,
      );
    }
    gateway = parsed;
  }
  let range = hosts;
  if (ipRangeText !== undefined && ipRangeText !== '') {
    const parsed = parseSubnet(ipRangeText);
    if (
      !parsed.ok ||
      !subnetContains(subnet, parsed.subnet.base) ||
      parsed.subnet.prefixLength < subnet.prefixLength
    ) {
      return fail(
        'invalid_config',
        network.id,
        `Network "${name}": ip_range "${ipRangeText}" is not inside "${formatSubnet(subnet)}"`,
      );
    }
    range = {
      first: Math.max(hosts.first, parsed.subnet.base),
      last: Math.min(hosts.last, subnetLast(parsed.subnet)),
    };
  }
  return { ok: true, value: { subnet, gateway, range } };
}

/** `task:ID` -> `task "ID"`, `vip:ID` -> `the VIP of service "ID"`. */
function describeOwner(owner: string): string {
  if (owner === gatewayOwner) return 'the gateway';
  const colon = owner.indexOf(':');
  const id = owner.slice(colon + 1);
  if (owner.startsWith('node:')) return `node "${id}"`;
  return owner.startsWith('vip:') ? `the VIP of service "${id}"` : `task "${id}"`;
}

function describe(state: NetworkState): NetworkAllocation {
  const out: NetworkAllocation = {
    subnet: formatSubnet(state.subnet),
    gateway: formatAddr(state.gateway),
  };
  if (state.vni !== undefined) out.vni = state.vni;
  return out;
}
