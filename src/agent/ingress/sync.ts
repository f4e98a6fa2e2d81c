/**
 * Keeps the routing mesh of one node in step with its worker (ADR 030): the node's published
 * ports from the ingress network's endpoint list (or, until the node has one, from its own
 * tasks), and the reply routing of each of its task namespaces on the ingress network. Each
 * `sync` computes what is wanted and writes only what changed since the last write; a failed
 * write is logged and tried again at the next `sync`.
 *
 * @module
 */
import type { MeshNodeConfig, MeshTaskConfig } from '../../net/index.js';
import type { Network, NetworkEndpoints } from '../../store/index.js';
import type { Logger } from '../../util/log.js';
import { macOf } from '../networks/names.js';
import type { IngressMesh } from './mesh.js';
import { meshNodePlan, meshPeers, type LocalTask } from './plan.js';

/** What the sync reads of the node (the worker and the network manager). */
export interface IngressNodeView {
  nodeId: string;
  /** The ingress network, when the node was given it. */
  ingress(): Network | undefined;
  endpoints(networkId: string): NetworkEndpoints | undefined;
  /** The node's tasks with the state each last reported, and their containers. */
  tasks(): readonly (LocalTask & { containerId?: string })[];
  /** The node's instance of a cluster network: its bridge and gateway, once made. */
  localNetwork(networkId: string): { bridge?: string; gateway?: string } | undefined;
  /** A container's namespace and its interface on a network, once it joined. */
  endpointOf(
    containerId: string,
    networkId: string,
  ): { netnsPath: string; ifName: string } | undefined;
}

/** Applies the mesh for a node, writing only what changed. */
export class IngressSync {
  readonly #mesh: IngressMesh;
  readonly #log: Logger;
  #nodeKey = '';
  readonly #taskKeys = new Map<string, string>();
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: { mesh: IngressMesh; log: Logger }) {
    this.#mesh = options.mesh;
    this.#log = options.log;
  }

  /** Brings the node's mesh rules to what `view` wants; one sync at a time. */
  sync(view: IngressNodeView): Promise<void> {
    const run = this.#queue.then(() => this.#sync(view));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #sync(view: IngressNodeView): Promise<void> {
    const ingress = view.ingress();
    const eps = ingress === undefined ? undefined : view.endpoints(ingress.id);
    const local = ingress === undefined ? undefined : view.localNetwork(ingress.id);
    const tasks = view.tasks();
    const node: MeshNodeConfig = meshNodePlan({
      ingress: eps,
      ingressId: ingress?.id,
      bridge: local?.bridge,
      subnet: ingress?.ipam[0]?.subnet,
      localTasks: tasks,
    });
    // Nothing published: no chain at all (and none left from before a restart).
    const none = node.ports.length === 0;
    await this.#write(
      'node',
      none ? 'none' : JSON.stringify(node),
      () => (none ? this.#mesh.removeNode() : this.#mesh.applyNode(node)),
      (k) => {
        this.#nodeKey = k;
      },
      this.#nodeKey,
    );
    if (ingress === undefined || local?.gateway === undefined) return;
    // This node's bridge carries the gateway and its MAC (ADR 028); other nodes are named by the
    // endpoint list with their own ingress addresses.
    const self = { addr: local.gateway, mac: macOf(local.gateway) };
    const others = eps === undefined ? [] : meshPeers(eps).filter((p) => p.addr !== self.addr);
    const peers = [self, ...others.filter((p) => !isSelf(eps, view.nodeId, p.addr))];
    const seen = new Set<string>();
    for (const t of tasks) {
      if (t.containerId === undefined || t.state !== 'RUNNING') continue;
      const at = view.endpointOf(t.containerId, ingress.id);
      if (at === undefined) continue;
      seen.add(t.containerId);
      const udpPorts = (t.task.endpoint?.ports ?? []).flatMap((p) =>
        p.protocol === 'udp' && p.publishMode === 'ingress' ? [p.targetPort] : [],
      );
      const config: MeshTaskConfig = { ifName: at.ifName, peers, udpPorts };
      const id = t.containerId;
      await this.#write(
        `task ${t.task.id}`,
        JSON.stringify([at, config]),
        () => this.#mesh.applyTask(at.netnsPath, config),
        (k) => this.#taskKeys.set(id, k),
        this.#taskKeys.get(id),
      );
    }
    for (const id of this.#taskKeys.keys()) if (!seen.has(id)) this.#taskKeys.delete(id);
  }

  async #write(
    what: string,
    key: string,
    apply: () => Promise<void>,
    done: (key: string) => void,
    last: string | undefined,
  ): Promise<void> {
    if (key === last) return;
    try {
      await apply();
      done(key);
    } catch (err) {
      this.#log.warn('routing mesh rules not written', { what, err });
    }
  }
}

function isSelf(eps: NetworkEndpoints | undefined, nodeId: string, addr: string): boolean {
  const mine = eps?.nodes.find((n) => n.nodeId === nodeId)?.networkAddr;
  return mine !== undefined && mine.split('/')[0] === addr;
}
