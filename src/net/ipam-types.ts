/**
 * Types of the IPAM's calls and results (pure).
 *
 * @module
 */
import type { AddressPool } from './ipam-pool.js';

/** Why an IPAM call could not do what it was asked. */
export type IpamIssueCode =
  | 'invalid_config'
  | 'subnet_overlap'
  | 'pool_exhausted'
  | 'address_exhausted'
  | 'vni_exhausted'
  | 'unknown_network'
  | 'network_in_use'
  | 'address_conflict';

/** An expected failure, with a message fit for a task's or service's status. */
export interface IpamIssue {
  code: IpamIssueCode;
  message: string;
  /** The network concerned, when there is one. */
  networkId?: string;
}

/** Outcome of an IPAM call. */
export type IpamResult<T> = { ok: true; value: T } | { ok: false; issue: IpamIssue };

/** IPAM settings of one address family, as the user gave them (store `IpamConfig`). */
export interface IpamConfigLike {
  subnet: string;
  gateway?: string | undefined;
  ipRange?: string | undefined;
}

/** What the IPAM needs of a network (a store `Network` fits). */
export interface NetworkLike {
  id: string;
  spec: { name: string; driver: 'bridge' | 'overlay'; ipam: readonly IpamConfigLike[] };
}

/** What a network was given. */
export interface NetworkAllocation {
  /** `a.b.c.d/len`. */
  subnet: string;
  /** Dotted quad. */
  gateway: string;
  /** VXLAN network identifier (overlay networks only). */
  vni?: number;
}

/** One network's addresses of a task or service, as stored (`10.0.3.5/20`). */
export interface EndpointAddress {
  networkId: string;
  addr: string;
}

/** How many addresses a network holds and how many are taken (gateway and VIPs included). */
export interface NetworkUsage {
  inUseCount: number;
  capacity: number;
}

/** IPAM options; every field has a default. */
export interface IpamOptions {
  /** Where networks without a subnet get one. Default {@link defaultAddressPools}. */
  pools?: readonly AddressPool[];
  /**
   * Subnets the pools never hand out (`a.b.c.d/len`), e.g. the host's own routes on a node.
   * Given subnets may still overlap them. Default none.
   */
  avoid?: readonly string[];
  /** VXLAN identifiers handed to overlay networks, both ends included. Default 4096..2^24-1. */
  vniRange?: { first: number; last: number };
}

/** First VNI handed out by default; lower ones are left to hand-made VXLAN setups (swarmkit). */
export const defaultVniFirst = 4096;

/** Largest VXLAN network identifier (24 bits, RFC 7348). */
export const maxVni = 2 ** 24 - 1;

/** Builds a failed {@link IpamResult}. */
export function fail(
  code: IpamIssueCode,
  networkId: string,
  message: string,
): { ok: false; issue: IpamIssue } {
  return { ok: false, issue: { code, message, networkId } };
}
