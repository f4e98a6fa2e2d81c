/**
 * A node's local networks (Docker's bridge driver on one host): records under
 * `<root>/networks/`, the predefined `bridge`, `none` and `host` networks, user-defined bridge
 * networks, container endpoints (a namespace per container, a veth per network), egress NAT,
 * published ports, and the resolver for container names (src/agent/dns). ADR 022 gives the
 * choices; docs/design/networking.md the contract.
 *
 * Drivers implement {@link NetworkDriver}; an overlay driver plugs in beside the bridge one.
 *
 * @module
 */
export { removeNodeNetworks } from './teardown.js';
export { openNetworks, attachRequests, type Networks, type OpenNetworksOptions } from './open.js';
export { NetworkManager, type ContainerRef, type NetworkView } from './manager.js';
export { mtuOption, type CreateNetworkRequest } from './config.js';
export { formatMapping, parsePublish, portsClash } from './ports.js';
export { daemonNetNames, defaultBridgeName, defaultChainPrefix } from './names.js';
export {
  ClusterNetworks,
  clusterNetworkSpec,
  diffPeers,
  mtuOptionName,
  peersOf,
  underlayHost,
  vxlanOverheadBytes,
  type ClusterNetworksOptions,
} from './cluster.js';
export type { ClusterNetworkSpec } from './manager.js';
export type {
  EndpointRecord,
  NetworkAttachRequest,
  NetworkDriver,
  NetworkRecord,
  PortMapping,
  SandboxRecord,
} from './types.js';
