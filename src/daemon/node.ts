/**
 * The node's parts, typed and composed by role: every node runs the agent (images, builder,
 * containers); a manager node will also run the manager (the next wave adds it to
 * {@link NodeParts}). This file is the only place that knows which part needs which.
 *
 * @module
 */
import * as path from 'node:path';
import { openContainers, openNetworks, type Containers, type Networks } from '../agent/index.js';
import { buildServices } from '../api/build/service.js';
import { containerServices } from '../api/containers/service.js';
import { imageServices } from '../api/images/service.js';
import { containerNetworkView } from '../api/networks/convert.js';
import { networkServices } from '../api/networks/service.js';
import type { ServiceBinding } from '../api/proto.js';
import { systemServices } from '../api/system/service.js';
import { Builder, ImageService } from '../image/index.js';
import type { Logger } from '../util/log.js';
import { defaultRoot, type DaemonConfig } from './config.js';

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

/** A node's parts by role (a `ManagerNode` with the manager's parts joins with the manager). */
export type NodeParts = WorkerNode;

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
  ];
}

/** Stops the node's parts in reverse start order. */
export async function closeNode(node: NodeParts): Promise<void> {
  await node.agent.containers.close();
  node.agent.networks.close();
}
