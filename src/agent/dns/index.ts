/**
 * The node's DNS resolver for containers on its networks: container names, hostnames and
 * network aliases of the containers that share a network with the querier; other names
 * forwarded to the host's nameservers (ADR 022).
 *
 * @module
 */
export { DnsServer, type DnsServerOptions } from './server.js';
export { DnsTable, type DnsContainer, type DnsEndpoint, type DnsLookup } from './table.js';
export { decide, rcode, type DnsDecision } from './answer.js';
