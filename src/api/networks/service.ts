/**
 * gRPC handlers of the Networks service: decode, call the node's network manager, encode.
 *
 * @module
 */
import type * as grpc from '@grpc/grpc-js';
import type { Containers, Networks } from '../../agent/index.js';
import { unary } from '../errors.js';
import type { ConnectNetworkRequest__Output } from '../gen/tsorch/v1/ConnectNetworkRequest.js';
import type { CreateNetworkRequest__Output } from '../gen/tsorch/v1/CreateNetworkRequest.js';
import { serviceDefinition, type ServiceBinding } from '../proto.js';
import { createRequestOf, networkInfoOf, publishedPortOf } from './convert.js';

/** The Networks service over the node's networks and containers. */
export function networkServices(
  { manager: networks }: Networks,
  { manager: containers }: Containers,
): ServiceBinding[] {
  const ref = (container: string): { id: string; name: string; hostname: string } => {
    const rec = containers.get(container);
    return { id: rec.id, name: rec.name, hostname: rec.hostname };
  };
  const implementation: grpc.UntypedServiceImplementation = {
    create: unary(async (req: CreateNetworkRequest__Output) => {
      const rec = await networks.create(createRequestOf(req));
      return { network: networkInfoOf(networks.get(rec.id)) };
    }),
    // Async handlers, so a lookup's throw becomes the call's error (unary awaits a promise).
    list: unary(async () => Promise.resolve({ networks: networks.list().map(networkInfoOf) })),
    inspect: unary(async (req: { network: string }) =>
      Promise.resolve({ network: networkInfoOf(networks.get(req.network)) }),
    ),
    remove: unary(async (req: { network: string }) => {
      await networks.remove(req.network);
      return {};
    }),
    prune: unary(async () => ({ removed: await networks.prune() })),
    connect: unary(async (req: ConnectNetworkRequest__Output) => {
      await networks.connect(req.network, ref(req.container), {
        network: req.network,
        aliases: req.aliases,
        ...(req.ipv4Address === '' ? {} : { ipv4Address: req.ipv4Address }),
        ...(req.macAddress === '' ? {} : { macAddress: req.macAddress }),
      });
      return {};
    }),
    disconnect: unary(async (req: { network: string; container: string }) => {
      await networks.disconnect(req.network, ref(req.container));
      return {};
    }),
    containerPorts: unary(async (req: { container: string }) => {
      const rec = containers.get(req.container);
      const ports = networks.sandbox(rec.id)?.ports ?? [];
      return Promise.resolve({ ports: ports.map(publishedPortOf) });
    }),
  };
  return [{ definition: serviceDefinition('networks', 'Networks'), implementation }];
}
