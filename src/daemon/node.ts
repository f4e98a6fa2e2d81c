/**
 * The node's parts, typed and composed by role: every node runs the agent (images, builder,
 * containers); a manager node will also run the manager (the next wave adds it to
 * {@link NodeParts}). This file is the only place that knows which part needs which.
 *
 * @module
 */
import * as path from 'node:path';
import {
  openContainers,
  openNetworks,
  underlayHost,
  type Containers,
  type Networks,
} from '../agent/index.js';
import { buildServices } from '../api/build/service.js';
import { containerServices } from '../api/containers/service.js';
import { dispatcherRpcPolicy, dispatcherServices } from '../api/dispatcher/service.js';
import { imageServices } from '../api/images/service.js';
import { containerNetworkView } from '../api/networks/convert.js';
import { networkServices } from '../api/networks/service.js';
import { OBJECTS_POLICY, objectServices } from '../api/objects/service.js';
import { containerStreamServices } from '../api/streams/service.js';
import type { ServiceBinding } from '../api/proto.js';
import type { LeaderRoute } from '../api/services/forward.js';
import type { RpcPolicy } from '../api/tls.js';
import type { DriverStatus } from '../raft/index.js';
import type { Store } from '../store/index.js';
import { SERVICES_POLICY, serviceServices } from '../api/services/service.js';
import { systemServices } from '../api/system/service.js';
import { Builder, ImageService } from '../image/index.js';
import { runDispatcher, startLeaderLoops } from '../manager/index.js';
import type { Logger } from '../util/log.js';
import { defaultRoot, type DaemonConfig } from './config.js';
import { managerDispatcher, startNodeWorker } from './worker.js';

/** The parts every node runs. */
export interface AgentParts {
  readonly images: ImageService;
  readonly builder: Builder;
  readonly containers: Containers;
  readonly networks: Networks;
}

/** A node without the manager role. */
export interface WorkerNode {
  readonly role: 'worker';
  readonly agent: AgentParts;
}

/**
 * The manager's parts, open while this node is a manager (from `swarm init`, a manager join or a
 * promotion, and at every start of a manager). Services and loops of the control plane take
 * what they need from here.
 */
export interface ManagerParts {
  /** The replicated store; its proposer is this manager's Raft member. */
  readonly store: Store;
  /** This manager's Raft member: status, readIndex, membership. */
  readonly raft: {
    status(): DriverStatus;
    readIndex(options?: { signal?: AbortSignal }): Promise<void>;
  };
  /** This node's id (the CA's id, as in its certificate and Node object). */
  readonly nodeId: string;
  readonly clusterId: string;
  /** Where writes go: here on the leader, else forwarded to it (waits during an election). */
  readonly leaderRoute?: () => Promise<LeaderRoute>;
}

/** A node with the manager role: the agent plus the manager. */
export interface ManagerNode {
  readonly role: 'manager';
  readonly agent: AgentParts;
  readonly manager: ManagerParts;
}

/** A node's parts by role. */
export type NodeParts = WorkerNode | ManagerNode;

/** Something a manager runs while it is one (a reconcile loop); stopped on demotion or exit. */
export interface ManagerLoop {
  stop(): Promise<void>;
}

/**
 * The gRPC services a manager serves besides the cluster's own (on its unix socket and, for
 * other nodes and remote CLIs, on its mutual-TLS listener). Parts of the control plane add
 * theirs here.
 */
export function managerServices(
  manager: ManagerParts,
  log: Logger,
  agent?: AgentParts,
): ServiceBinding[] {
  // Writes on a follower go to the leader.
  const shared = {
    store: manager.store,
    ...(manager.leaderRoute === undefined
      ? {}
      : { forwarding: { leader: manager.leaderRoute, clusterId: manager.clusterId } }),
  };
  return [
    ...serviceServices({
      ...shared,
      ...(agent === undefined
        ? {}
        : { logs: { nodeId: manager.nodeId, manager: agent.containers.manager } }),
    }),
    ...objectServices({
      ...shared,
      ...(agent === undefined
        ? {}
        : {
            localVolumes: {
              nodeId: manager.nodeId,
              removeVolume: (name: string) =>
                agent.containers.volumes.remove(name, { force: true }),
            },
          }),
    }),
    ...dispatcherServices(managerDispatcher(manager, log), { localNodeId: manager.nodeId }),
  ];
}

/** Who may call the services of {@link managerServices} over TCP (see src/api/tls.ts). */
export const managerServicesPolicy: RpcPolicy = {
  ...SERVICES_POLICY,
  ...OBJECTS_POLICY,
  ...dispatcherRpcPolicy,
};

/** The loops a manager runs; started when it becomes a manager, stopped when it stops being one. */
export function startManagerLoops(
  manager: ManagerParts,
  log: Logger,
  node?: { agent: AgentParts; config: DaemonConfig; advertiseAddr?: string },
): ManagerLoop[] {
  return [
    runDispatcher(managerDispatcher(manager, log), log),
    startLeaderLoops(manager, { log }),
    // This node's own worker, on the local socket (a worker-only node's is the swarm controller's).
    ...(node === undefined
      ? []
      : [
          startNodeWorker(
            node.agent,
            node.config,
            {
              managers: [`unix:${node.config.socketPath}`],
              ...(node.advertiseAddr === undefined ? {} : { advertiseAddr: node.advertiseAddr }),
            },
            log,
          ),
        ]),
  ];
}

/** The names `tsorch version` lists, in start order. */
const agentPartNames = ['system', 'images', 'builder', 'networks', 'containers'] as const;

/**
 * Opens the agent's parts in dependency order: images, then the builder and containers that
 * use them.
 *
 * @throws {TsorchError} when a part cannot open (e.g. RUNTIME_NOT_FOUND).
 */
export async function openAgent(config: DaemonConfig, log: Logger): Promise<AgentParts> {
  const images = await ImageService.open(path.join(config.root, 'image'), {
    insecureRegistries: config.insecureRegistries,
  });
  const builder = new Builder({
    root: config.root,
    run: config.run,
    runtime: config.runtime,
    images,
    log: log.with({ component: 'builder' }),
  });
  await builder.recover();
  const networks = await openNetworks({
    root: config.root,
    defaultRoot,
    log: log.with({ component: 'networks' }),
    dataPathPort: config.dataPathPort,
    ...underlayOf(config.advertiseAddr),
  });
  const containers = await openContainers({
    root: config.root,
    run: config.run,
    runtime: config.runtime,
    images,
    log: log.with({ component: 'containers' }),
    network: networks.port,
  });
  await networks.reconcile(new Set(containers.manager.list().map((c) => c.id)));
  return { images, builder, containers, networks };
}

/** The address part of `--advertise-addr`, if it is an IPv4 one. */
function underlayOf(advertise: string): { advertiseAddr?: string } {
  const host = underlayHost(advertise);
  return host === undefined ? {} : { advertiseAddr: host };
}

/** Opens the node's parts for its role. */
export async function openNode(config: DaemonConfig, log: Logger): Promise<NodeParts> {
  return { role: 'worker', agent: await openAgent(config, log) };
}

/** The gRPC services a node serves on its local socket (a manager adds the control API). */
export function nodeServices(
  node: NodeParts,
  config: DaemonConfig,
  startedAt: Date,
  log: Logger,
): ServiceBinding[] {
  const { images, builder, containers, networks } = node.agent;
  return [
    ...systemServices({ ...config, startedAt, components: agentPartNames }),
    ...imageServices(images, log.with({ component: 'images' })),
    ...buildServices(builder),
    ...containerServices(containers, containerNetworkView(networks.manager)),
    ...networkServices(networks, containers),
    ...containerStreamServices(containers),
  ];
}

/** Stops the node's parts in reverse start order. */
export async function closeNode(node: NodeParts): Promise<void> {
  await node.agent.containers.close();
  node.agent.networks.close();
}
