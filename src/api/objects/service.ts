/**
 * gRPC handlers of the cluster's object services (proto/tsorch/v1/objects.proto):
 * ClusterNetworks, Secrets, Configs and ClusterVolumes. Decode, call the manager's object
 * domain over the store, encode. Reads are linearizable (Raft ReadIndex); writes on a follower
 * are forwarded to the leader, as the Services API's are. A secret's payload is never
 * returned; a config's only by GetConfig.
 *
 * @module
 */
import type * as grpc from '@grpc/grpc-js';
import {
  createConfig,
  createNetwork,
  createSecret,
  createVolume,
  findObject,
  listObjects,
  removeFileObject,
  removeNetwork,
  removeVolume,
  type VolumeRemoveOptions,
} from '../../manager/index.js';
import type { ReadTx, Store } from '../../store/index.js';
import { unary } from '../errors.js';
import type { CreateClusterNetworkRequest__Output } from '../gen/tsorch/v1/CreateClusterNetworkRequest.js';
import type { CreateClusterVolumeRequest__Output } from '../gen/tsorch/v1/CreateClusterVolumeRequest.js';
import type { CreateSecretRequest__Output } from '../gen/tsorch/v1/CreateSecretRequest.js';
import { serviceDefinition, type ServiceBinding } from '../proto.js';
import { forwardToLeader, type ServicesForwarding } from '../services/forward.js';
import { policyFor, type RpcPolicy } from '../tls.js';
import {
  configToProto,
  networkSpecFromProto,
  networkToProto,
  secretToProto,
  volumeToProto,
} from './convert.js';

const METHODS = {
  ClusterNetworks: ['ClusterNetwork', 'ClusterNetworks'],
  Secrets: ['Secret', 'Secrets'],
  Configs: ['Config', 'Configs'],
  ClusterVolumes: ['ClusterVolume', 'ClusterVolumes'],
} as const;

/** The RPC names of service `name`: its writes first. */
function methodsOf(name: keyof typeof METHODS): { writes: string[]; reads: string[] } {
  const [one, many] = METHODS[name];
  return { writes: [`Create${one}`, `Remove${one}`], reads: [`Get${one}`, `List${many}`] };
}

/**
 * Who may call the object services over TCP: managers only (a remote CLI holds a manager's
 * certificate); a worker's certificate is refused, so a worker can neither read a cluster's
 * configs nor write any object.
 */
export const OBJECTS_POLICY: RpcPolicy = Object.assign(
  {},
  ...Object.keys(METHODS).map((name) => {
    const { writes, reads } = methodsOf(name as keyof typeof METHODS);
    return policyFor(
      `tsorch.v1.${name}`,
      Object.fromEntries([...writes, ...reads].map((m) => [m, ['manager'] as const])),
    );
  }),
) as RpcPolicy;

/** What the object services need. */
export interface ObjectsApiParts {
  /** The manager's replicated store. */
  store: Store;
  /** On a manager of a cluster: writes made on a follower are forwarded to the leader. */
  forwarding?: ServicesForwarding;
  /** This node's local volumes: a cluster volume whose data is here is removed with it. */
  localVolumes?: VolumeRemoveOptions['local'];
}

function cancelSignal(call: { on(event: 'cancelled', fn: () => void): unknown }): AbortSignal {
  const abort = new AbortController();
  call.on('cancelled', () => {
    abort.abort();
  });
  return abort.signal;
}

/** The ClusterNetworks, Secrets, Configs and ClusterVolumes services over `parts.store`. */
export function objectServices(parts: ObjectsApiParts): ServiceBinding[] {
  const { store } = parts;
  const read = <R>(fn: (tx: ReadTx) => R): Promise<R> => store.linearizableView(fn);
  const networks: grpc.UntypedServiceImplementation = {
    createClusterNetwork: unary(async (req: CreateClusterNetworkRequest__Output, call) => ({
      network: networkToProto(
        await createNetwork(store, networkSpecFromProto(req.spec), {
          driverOptions: req.options,
          signal: cancelSignal(call),
        }),
      ),
    })),
    removeClusterNetwork: unary(async (req: { network: string }, call) =>
      removeNetwork(store, req.network, { signal: cancelSignal(call) }),
    ),
    getClusterNetwork: unary(async (req: { network: string }) => ({
      network: await read((tx) => networkToProto(findObject(tx, 'networks', req.network))),
    })),
    listClusterNetworks: unary(async (req: { labels: string[] }) => ({
      networks: await read((tx) => listObjects(tx, 'networks', req.labels).map(networkToProto)),
    })),
  };
  const secrets: grpc.UntypedServiceImplementation = {
    createSecret: unary(async (req: CreateSecretRequest__Output, call) => ({
      secret: secretToProto(
        await createSecret(
          store,
          { name: req.name, labels: { ...req.labels }, data: new Uint8Array(req.data) },
          { signal: cancelSignal(call) },
        ),
      ),
    })),
    removeSecret: unary(async (req: { secret: string }, call) => ({
      id: await removeFileObject(store, 'secrets', req.secret, { signal: cancelSignal(call) }),
    })),
    getSecret: unary(async (req: { secret: string }) => ({
      secret: await read((tx) => secretToProto(findObject(tx, 'secrets', req.secret))),
    })),
    listSecrets: unary(async (req: { labels: string[] }) => ({
      secrets: await read((tx) => listObjects(tx, 'secrets', req.labels).map(secretToProto)),
    })),
  };
  const configs: grpc.UntypedServiceImplementation = {
    createConfig: unary(async (req: CreateSecretRequest__Output, call) => ({
      config: configToProto(
        await createConfig(
          store,
          { name: req.name, labels: { ...req.labels }, data: new Uint8Array(req.data) },
          { signal: cancelSignal(call) },
        ),
        false,
      ),
    })),
    removeConfig: unary(async (req: { config: string }, call) => ({
      id: await removeFileObject(store, 'configs', req.config, { signal: cancelSignal(call) }),
    })),
    getConfig: unary(async (req: { config: string }) => ({
      config: await read((tx) => configToProto(findObject(tx, 'configs', req.config), true)),
    })),
    listConfigs: unary(async (req: { labels: string[] }) => ({
      configs: await read((tx) =>
        listObjects(tx, 'configs', req.labels).map((c) => configToProto(c, false)),
      ),
    })),
  };
  const volumes: grpc.UntypedServiceImplementation = {
    createClusterVolume: unary(async (req: CreateClusterVolumeRequest__Output, call) => ({
      volume: volumeToProto(
        await createVolume(
          store,
          {
            name: req.name,
            labels: { ...req.labels },
            driver: (req.driver === '' ? 'local' : req.driver) as 'local',
            driverOpts: { ...req.driverOpts },
          },
          { signal: cancelSignal(call) },
        ),
      ),
    })),
    removeClusterVolume: unary(async (req: { volume: string }, call) => ({
      id: await removeVolume(store, req.volume, {
        signal: cancelSignal(call),
        ...(parts.localVolumes === undefined ? {} : { local: parts.localVolumes }),
      }),
    })),
    getClusterVolume: unary(async (req: { volume: string }) => ({
      volume: await read((tx) => volumeToProto(findObject(tx, 'volumes', req.volume))),
    })),
    listClusterVolumes: unary(async (req: { labels: string[] }) => ({
      volumes: await read((tx) => listObjects(tx, 'volumes', req.labels).map(volumeToProto)),
    })),
  };
  const bind = (
    name: keyof typeof METHODS,
    implementation: grpc.UntypedServiceImplementation,
  ): ServiceBinding => {
    const definition = serviceDefinition('objects', name);
    return {
      definition,
      implementation:
        parts.forwarding === undefined
          ? implementation
          : forwardToLeader(definition, implementation, methodsOf(name).writes, parts.forwarding),
    };
  };
  return [
    bind('ClusterNetworks', networks),
    bind('Secrets', secrets),
    bind('Configs', configs),
    bind('ClusterVolumes', volumes),
  ];
}
