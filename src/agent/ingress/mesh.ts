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
}

/** Applies the mesh's rules through {@link HostNet}. Each method throws `NetError` on failure. */
export class IngressMesh {
  readonly #net: HostNet;
  readonly #prefix: string;

  /** Nothing runs until a method is called. */
  constructor(options: IngressMeshOptions) {
    this.#net = options.net;
    this.#prefix = options.chainPrefix;
  }

  /** Makes the node's published ports exactly `config`'s (host namespace). */
  async applyNode(config: MeshNodeConfig, signal?: AbortSignal): Promise<void> {
    const rules = meshNodeRules(this.#prefix, config);
    // 127.0.0.1:PORT is DNATed to the ingress network: the bridge must route loopback sources.
    if (config.bridge !== undefined) await this.#net.enableRouteLocalnet(config.bridge);
    await this.#net.applyChainSet(meshChainPrefix(this.#prefix), rules, { signal });
  }

  /** Removes the node's mesh chains and the jumps to them. */
  async removeNode(signal?: AbortSignal): Promise<void> {
    await this.#net.applyChainSet(
      meshChainPrefix(this.#prefix),
      { filter: undefined, nat: undefined },
      { signal },
    );
  }

  /**
   * Makes a task namespace answer every node in `config.peers` through that node: marks,
   * policy routes, and loose reverse-path filtering on the ingress interface (the client's
   * address is routed through another interface).
   */
  async applyTask(netnsPath: string, config: MeshTaskConfig, signal?: AbortSignal): Promise<void> {
    const at = { netnsPath, signal };
    await this.#net.setIpv4Sysctl(`conf/${config.ifName}/rp_filter`, '2', at);
    await this.#net.applyChainSet(
      meshChainPrefix(this.#prefix),
      meshTaskRules(this.#prefix, config),
      at,
    );
    await this.#net.ipBatch(meshTaskRouteLines(config, await this.#net.listIpRules(at)), at);
  }
}
