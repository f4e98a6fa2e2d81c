/**
 * `ADDR[:PORT]` flags of `swarm init` and `swarm join` (`--listen-addr`, `--advertise-addr`, the
 * manager address). PURE.
 *
 * @module
 */
import { InvalidArgumentError } from '../../util/errors.js';

/** The cluster port managers listen on unless told otherwise (Docker's 2377). */
export const DEFAULT_CLUSTER_PORT = 2377;

/** A parsed `host:port`. */
export interface HostPort {
  host: string;
  port: number;
}

/**
 * Parses `ADDR[:PORT]` (IPv6 literals in brackets) with `defaultPort` when none is given.
 *
 * @throws {InvalidArgumentError} naming `flag` when the value is not an address.
 */
export function parseHostPort(
  value: string,
  flag: string,
  defaultPort = DEFAULT_CLUSTER_PORT,
): HostPort {
  const bad = (why: string): InvalidArgumentError =>
    new InvalidArgumentError(`Invalid value for ${flag}: "${value}": ${why}`, {
      details: { flag },
    });
  if (value.trim() === '') throw bad('empty address');
  let host: string;
  let portText: string | undefined;
  const v6 = /^\[([^\]]+)\](?::(.*))?$/.exec(value);
  if (v6 !== null) {
    host = v6[1] as string;
    portText = v6[2];
  } else {
    const parts = value.split(':');
    if (parts.length > 2) throw bad('write an IPv6 address in brackets, e.g. [::1]:2377');
    host = parts[0] as string;
    portText = parts[1];
  }
  if (host === '' || /\s|\//.test(host)) throw bad('not a host name or IP address');
  if (portText === undefined) return { host, port: defaultPort };
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535) throw bad('port must be 1-65535');
  return { host, port };
}

/** Formats a host and port as `host:port` (`[v6]:port`). */
export function formatHostPort(hp: HostPort): string {
  return hp.host.includes(':') ? `[${hp.host}]:${hp.port}` : `${hp.host}:${hp.port}`;
}

/** True for the unspecified addresses, which other nodes cannot use to reach this one. */
export function isUnspecified(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '';
}
