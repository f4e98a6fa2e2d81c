/**
 * Published ports (pure): `-p [IP:][HOST[-END]:]CONTAINER[-END][/PROTO]` parsed into mappings,
 * and the check that no two containers publish the same host port.
 *
 * @module
 */
import ipaddr from 'ipaddr.js';
import { InvalidArgumentError, TsorchError } from '../../util/errors.js';
import { publishedPortsMax } from '../../util/limits.js';
import type { PortMapping } from './types.js';

/** A parsed `-p` value; a host port of 0 is chosen when the container is created. */
export type PortRequest = PortMapping;

function bad(spec: string, why: string): InvalidArgumentError {
  return new InvalidArgumentError(`Invalid published port "${spec}": ${why}`, {
    details: { field: 'publish' },
    hint: 'Use [IP:][HOST_PORT:]CONTAINER_PORT[/tcp|udp], e.g. 8080:80 or 127.0.0.1:5353:53/udp',
  });
}

function range(spec: string, text: string, what: string): [number, number] {
  const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(text);
  if (m?.[1] === undefined) throw bad(spec, `${what} "${text}" is not a port or a range`);
  const first = Number(m[1]);
  const last = m[2] === undefined ? first : Number(m[2]);
  if (first < 1 || last > 65_535 || last < first) {
    throw bad(spec, `${what} "${text}" must lie within 1-65535, lowest first`);
  }
  return [first, last];
}

/**
 * Parses one `-p` value into one mapping per port.
 *
 * @throws {InvalidArgumentError} naming the value, for a bad address, port, range or protocol.
 */
export function parsePublish(spec: string): PortRequest[] {
  let rest = spec;
  let proto: 'tcp' | 'udp' = 'tcp';
  const slash = rest.lastIndexOf('/');
  if (slash >= 0) {
    const p = rest.slice(slash + 1);
    if (p !== 'tcp' && p !== 'udp') throw bad(spec, `protocol "${p}" is not tcp or udp`);
    proto = p;
    rest = rest.slice(0, slash);
  }
  const parts = rest.split(':');
  if (parts.length > 3) throw bad(spec, 'too many colons (IPv6 is not supported)');
  const containerText = parts.at(-1) ?? '';
  const hostText = parts.length >= 2 ? (parts.at(-2) ?? '') : '';
  const ipText = parts.length === 3 ? (parts[0] ?? '') : '';
  let hostIp: string | undefined;
  if (ipText !== '' && ipText !== '0.0.0.0') {
    if (!ipaddr.IPv4.isValidFourPartDecimal(ipText)) {
      throw bad(spec, `host address "${ipText}" is not an IPv4 address`);
    }
    hostIp = ipText;
  }
  const [cFirst, cLast] = range(spec, containerText, 'container port');
  const count = cLast - cFirst + 1;
  let hFirst = 0;
  if (hostText !== '') {
    const [first, last] = range(spec, hostText, 'host port');
    if (last - first + 1 !== count) {
      throw bad(spec, `the host range has ${last - first + 1} ports, the container range ${count}`);
    }
    hFirst = first;
  }
  if (count > publishedPortsMax) {
    throw bad(spec, `a range may hold at most ${publishedPortsMax} ports, not ${count}`);
  }
  return Array.from({ length: count }, (_, i) => ({
    proto,
    ...(hostIp === undefined ? {} : { hostIp }),
    hostPort: hFirst === 0 ? 0 : hFirst + i,
    containerPort: cFirst + i,
  }));
}

/** Whether two mappings would take the same host port. */
export function portsClash(a: PortMapping, b: PortMapping): boolean {
  if (a.proto !== b.proto || a.hostPort !== b.hostPort) return false;
  return a.hostIp === undefined || b.hostIp === undefined || a.hostIp === b.hostIp;
}

/** `0.0.0.0:8080->80/tcp`, as docker ps prints it. */
export function formatMapping(p: PortMapping): string {
  return `${p.hostIp ?? '0.0.0.0'}:${p.hostPort}->${p.containerPort}/${p.proto}`;
}

/**
 * Checks `wanted` against the ports other containers publish (and itself).
 *
 * @throws {TsorchError} NET_PORT_CONFLICT naming the port and its holder.
 */
export function checkPortConflicts(
  wanted: readonly PortMapping[],
  taken: readonly { owner: string; port: PortMapping }[],
): void {
  for (const [i, p] of wanted.entries()) {
    if (p.hostPort === 0) continue;
    const other = taken.find((t) => portsClash(t.port, p));
    const self = wanted.slice(0, i).some((q) => portsClash(q, p));
    if (other === undefined && !self) continue;
    const where = `${p.hostIp ?? '0.0.0.0'}:${p.hostPort}/${p.proto}`;
    throw new TsorchError(
      'NET_PORT_CONFLICT',
      other === undefined
        ? `Cannot publish port ${where}: it is listed twice`
        : `Cannot publish port ${where}: container "${other.owner}" already publishes it`,
      { details: { field: 'publish', port: where } },
    );
  }
}
