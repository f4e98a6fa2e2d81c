/**
 * Service discovery and VIP load balancing on a node (ADR 029): the cluster networks'
 * `NetworkEndpoints` become DNS names (through the resolver in `../dns`) and iptables DNAT
 * rules inside every container on those networks.
 *
 * @module
 */
export { ServiceDiscovery, type LbContainer, type ServiceDiscoveryOptions } from './discovery.js';
export { containerLbRules, containerVips } from './plan.js';
