/**
 * Networking: the IPAM (pure, used by the manager's allocator) and, on each node, the kernel
 * adapter that builds namespaces, bridges, veth pairs, VXLAN devices and iptables rules.
 *
 * Contract, in short (docs/design/networking.md has it in full, ADR 016 the reasons):
 * - `createIpam()` / `rebuildIpam(stored objects)`: deterministic allocation of subnets,
 *   gateways, VNIs, task addresses and VIPs; expected failures come back as `IpamIssue` values
 *   whose message goes on the task and the service;
 * - `HostNet`: every kernel change through `ip -batch`, `bridge -batch`, `nsenter --net` and
 *   `iptables-restore --noflush`; names start with `ts` so leftovers can be listed and removed.
 *
 * @module
 */
export { createIpam, Ipam } from './ipam.js';
export {
  defaultVniFirst,
  maxVni,
  type EndpointAddress,
  type IpamConfigLike,
  type IpamIssue,
  type IpamIssueCode,
  type IpamOptions,
  type IpamResult,
  type NetworkAllocation,
  type NetworkLike,
  type NetworkUsage,
} from './ipam-types.js';
export { defaultAddressPools, type AddressPool } from './ipam-pool.js';
export {
  addressFreeTaskStates,
  rebuildIpam,
  type IpamSnapshot,
  type StoredNetworkLike,
  type StoredServiceLike,
  type StoredTaskLike,
  type StoredNodeLike,
} from './ipam-rebuild.js';
export { NetError } from './errors.js';
export { processRunner, type CommandRunner, type RunOptions } from './exec.js';
export { BatchSession, NetnsSpares, type Spare, type SpareSource } from './batch-session.js';
export {
  HostNet,
  namedNetnsPath,
  netnsRunDir,
  pidNetnsPath,
  type HostNetOptions,
  type InNetns,
} from './host-net.js';
export {
  innerIfName,
  linkNamePrefix,
  maxLinkNameLength,
  type BridgeConfig,
  type FdbEntry,
  type NeighborEntry,
  type VethConfig,
  type VxlanConfig,
} from './ip-commands.js';
export { type RuleNetwork } from './iptables-rules.js';
export { firstOverlap } from './ipam-addr.js';
export {
  compareAddrs,
  emptyRuleState,
  netnsRestoreScript,
  parseSavedTables,
  spreadDnatRules,
  stateAfter,
  vipBackendChain,
  vipChain,
  vipRules,
  type NetnsRuleState,
  type VipBackends,
} from './lb-rules.js';
export {
  meshChainNames,
  meshChainPrefix,
  meshMark,
  meshNodeRules,
  meshRulePriority,
  meshTaskRouteLines,
  meshTaskRules,
  parseIpRules,
  type IpRule,
  type MeshNodeConfig,
  type MeshPeer,
  type MeshPort,
  type MeshTaskConfig,
} from './mesh-rules.js';
export {
  type AnyRuleTable,
  type RuleTable,
  type TableRules,
  type TableState,
} from './iptables-rules.js';
