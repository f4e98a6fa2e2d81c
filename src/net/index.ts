/**
 * Networking: the IPAM (pure, used by the manager's allocator) and, on each node, the kernel
 * adapter that builds namespaces, bridges, veth pairs, VXLAN devices and iptables rules.
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
} from './ipam-rebuild.js';
