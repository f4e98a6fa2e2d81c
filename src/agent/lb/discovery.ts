/**
 * Service discovery and VIP load balancing on a node (ADR 029): the adapter between the
 * dispatcher's `NetworkEndpoints` and the kernel.
 *
 * - The tables go to the resolver (`onTables`) as soon as they arrive: names follow at once.
 * - Every container on a network gets, in its own namespace, the VIP rules of the services on
 *   its networks (`plan.ts`), written whole with one `iptables-restore --noflush` whenever they
 *   change; a container that joins gets them before its process starts.
 *
 * What each namespace holds is remembered after each write, so a change costs one process per
 * container whose rules changed; a namespace seen for the first time (after an agent restart)
 * is read once with `iptables-save`. One change at a time; namespaces are rewritten
 * {@link lbRuleWritesInFlightMax} at once.
 *
 * @module
 */
import type { HostNet, NetnsRuleState, RuleTable, TableRules } from '../../net/index.js';
import { emptyRuleState } from '../../net/index.js';
import type { NetworkEndpoints } from '../../store/index.js';
import { lbRuleWritesInFlightMax } from '../../util/limits.js';
import type { Logger } from '../../util/log.js';
import { containerLbRules } from './plan.js';

/** A container on networks, as the load balancer needs it. */
export interface LbContainer {
  id: string;
  /** Its network namespace (`/run/netns/...` or `/proc/PID/ns/net`). */
  netnsPath: string;
  /** The networks it is on (local or cluster network ids). */
  networkIds: readonly string[];
}

/** Options of {@link ServiceDiscovery}. */
export interface ServiceDiscoveryOptions {
  /** The kernel adapter; its chain prefix names the chains inside containers. */
  net: Pick<HostNet, 'chainPrefix' | 'readRuleState' | 'writeRuleState'>;
  log: Logger;
  /** Told the tables whenever they change, before any rule is written (the resolver). */
  onTables?: (tables: readonly NetworkEndpoints[]) => void;
}

interface Written {
  /** The rules last written, as a comparable string. */
  key: string;
  state: NetnsRuleState;
}

/** Keeps the node's resolver and every container's VIP rules in step with the endpoints. */
export class ServiceDiscovery {
  readonly #o: ServiceDiscoveryOptions;
  #tables: readonly NetworkEndpoints[] = [];
  /**
   * Whether any endpoints were set: until then nothing is written, so the rules a restarted
   * agent's containers hold keep working until the dispatcher's lists arrive.
   */
  #tablesKnown = false;
  readonly #containers = new Map<string, LbContainer>();
  /** By container id; absent when what its namespace holds is not known. */
  readonly #written = new Map<string, Written>();
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: ServiceDiscoveryOptions) {
    this.#o = options;
  }

  /** The cluster networks' endpoints, as last set. */
  tables(): readonly NetworkEndpoints[] {
    return this.#tables;
  }

  /**
   * Replaces every cluster network's endpoints (those this node was given), tells the
   * resolver, and resolves once every container's rules match. A namespace that cannot be
   * written is logged and tried again at the next change.
   */
  setEndpoints(tables: readonly NetworkEndpoints[]): Promise<void> {
    this.#tables = [...tables];
    this.#tablesKnown = true;
    this.#o.onTables?.(this.#tables);
    return this.#serial(() => this.#syncAll());
  }

  /**
   * A container joined networks (or its networks changed): its namespace gets its rules now.
   * `fresh`: the namespace was just made and holds no rule, so it need not be read first.
   *
   * @throws {NetError} when its rules cannot be written.
   */
  containerJoined(c: LbContainer, options: { fresh?: boolean } = {}): Promise<void> {
    return this.#serial(async () => {
      const tracked = this.#track(c);
      if (options.fresh === true) {
        this.#written.set(c.id, { key: keyOf(undefined), state: emptyRuleState });
      }
      await this.#sync(tracked);
    });
  }

  /** A container left every network: forgotten (its namespace goes with it). */
  containerLeft(id: string): Promise<void> {
    return this.#serial(() => {
      this.#containers.delete(id);
      this.#written.delete(id);
      return Promise.resolve();
    });
  }

  /**
   * Makes the tracked containers `list`: those not in it are forgotten, those in it get their
   * networks updated and their rules rewritten where they changed. Containers not tracked yet
   * are added only with `adopt` (at start, after a restart; their namespaces are read first).
   */
  syncContainers(list: readonly LbContainer[], options: { adopt?: boolean } = {}): Promise<void> {
    return this.#serial(async () => {
      const ids = new Set(list.map((c) => c.id));
      for (const id of this.#containers.keys()) {
        if (ids.has(id)) continue;
        this.#containers.delete(id);
        this.#written.delete(id);
      }
      for (const c of list) {
        if (this.#containers.has(c.id) || options.adopt === true) this.#track(c);
      }
      await this.#syncAll();
    });
  }

  /** Removes the VIP rules from every tracked container (a node leaving the cluster, tests). */
  removeAll(): Promise<void> {
    this.#tables = [];
    this.#tablesKnown = true;
    this.#o.onTables?.(this.#tables);
    return this.#serial(() => this.#syncAll());
  }

  #track(c: LbContainer): LbContainer {
    const prev = this.#containers.get(c.id);
    if (prev !== undefined && prev.netnsPath !== c.netnsPath) this.#written.delete(c.id);
    const tracked = { id: c.id, netnsPath: c.netnsPath, networkIds: [...c.networkIds] };
    this.#containers.set(c.id, tracked);
    return tracked;
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(work, work);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #syncAll(): Promise<void> {
    const all = [...this.#containers.values()];
    let next = 0;
    const worker = async (): Promise<void> => {
      for (let c = all[next++]; c !== undefined; c = all[next++]) {
        await this.#sync(c).catch((err: unknown) => {
          this.#o.log.warn('cannot write the VIP rules of a container', { id: c.id, err });
        });
      }
    };
    const workers = Math.min(lbRuleWritesInFlightMax, all.length);
    await Promise.all(Array.from({ length: workers }, worker));
  }

  /** Writes `c`'s rules when they differ from what its namespace holds. */
  async #sync(c: LbContainer): Promise<void> {
    if (!this.#tablesKnown) return;
    const { net } = this.#o;
    const wanted = containerLbRules(net.chainPrefix, this.#tables, c.networkIds);
    const key = keyOf(wanted);
    const known = this.#written.get(c.id);
    if (known?.key === key) return;
    const opts = { netnsPath: c.netnsPath };
    this.#written.delete(c.id);
    const state = known?.state ?? (await net.readRuleState(opts));
    const holds = state.nat.chains.length + state.filter.chains.length > 0;
    const after =
      wanted === undefined && !holds ? state : await net.writeRuleState(state, wanted, opts);
    // A container that left meanwhile is not remembered.
    if (this.#containers.get(c.id) === c) this.#written.set(c.id, { key, state: after });
  }
}

function keyOf(wanted: Record<RuleTable, TableRules> | undefined): string {
  return JSON.stringify(wanted ?? null);
}
