/**
 * The routing mesh's kernel side on one node (docs/adr/030-ingress-routing-mesh.md): the
 * node's DNAT chains, and in each task namespace on the ingress network the marks and policy
 * routes that send replies back to the node that DNATed the connection. Every call rewrites
 * its whole state, so calling it again after a restart leaves no duplicate.
 *
 * @module
 */
import {
  meshChainPrefix,
  meshNodeRules,
  meshTaskRouteLines,
  meshTaskRules,
  type HostNet,
  type MeshNodeConfig,
  type MeshTaskConfig,
} from '../../net/index.js';

/** Options of {@link IngressMesh}. */
export interface IngressMeshOptions {
  net: HostNet;
  /** The daemon's chain prefix (`TSORCH`); the mesh's chains are `<prefix>MESH-*`. */
  chainPrefix: string;
  /** The node's network namespace when it is not the caller's (nodes in namespaces, ADR 026). */
  netnsPath?: string | undefined;
}

/** Applies the mesh's rules through {@link HostNet}. Each method throws `NetError` on failure. */
export class IngressMesh {
  readonly #net: HostNet;
  readonly #prefix: string;
  readonly #node: string | undefined;

  /** Nothing runs until a method is called. */
  constructor(options: IngressMeshOptions) {
    this.#net = options.net;
    this.#prefix = options.chainPrefix;
    this.#node = options.netnsPath;
  }

  /** Makes the node's published ports exactly `config`'s (host namespace). */
  async applyNode(config: MeshNodeConfig, signal?: AbortSignal): Promise<void> {
    const rules = meshNodeRules(this.#prefix, config);
    const at = { netnsPath: this.#node, signal };
    // 127.0.0.1:PORT is DNATed to the ingress network: the bridge must route loopback sources.
    if (config.bridge !== undefined) {
      await this.#net.setIpv4Sysctl(`conf/${config.bridge}/route_localnet`, '1', at);
    }
    await this.#net.applyChainSet(meshChainPrefix(this.#prefix), rules, at);
  }

  /** Removes the node's mesh chains and the jumps to them. */
  async removeNode(signal?: AbortSignal): Promise<void> {
    await this.#net.applyChainSet(
      meshChainPrefix(this.#prefix),
      { filter: undefined, nat: undefined },
      { netnsPath: this.#node, signal },
    );
  }

  /**
   * Makes a task namespace answer every node in `config.peers` through that node: marks,
   * policy routes, reverse-path filtering by the mark (`src_valid_mark`, loose) on the ingress
   * interface, and accepted TCP connections routed by the mark of their SYN
   * (`tcp_fwmark_accept`).
   */
  async applyTask(netnsPath: string, config: MeshTaskConfig, signal?: AbortSignal): Promise<void> {
    const at = { netnsPath, signal };
    // The request's mark (restored from its connection) decides the reverse-path check and the
    // route of a TCP handshake's answer: the task may have no other route to the client.
    await this.#net.setIpv4Sysctl(`conf/${config.ifName}/src_valid_mark`, '1', at);
    await this.#net.setIpv4Sysctl(`conf/${config.ifName}/rp_filter`, '2', at);
    await this.#net.setIpv4Sysctl('tcp_fwmark_accept', '1', at);
    await this.#net.applyChainSet(
      meshChainPrefix(this.#prefix),
      meshTaskRules(this.#prefix, config),
      at,
    );
    await this.#net.ipBatch(meshTaskRouteLines(config, await this.#net.listIpRules(at)), at);
  }
}
